"""The ``Idempotency-Key`` header: a retried request gets the first request's response.

The key is stored per user and operation together with a hash of the request body and
the response. The row is locked while the first request runs, so a concurrent retry
waits for it and then replays its response instead of doing the work twice. A key is
remembered for ``FACTCHECK_IDEMPOTENCY_KEY_HOURS``; after that it counts as new.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from claims.api.errors import IdempotencyKeyReused
from claims.api.housekeeping import idempotency_key_expiry
from claims.models import IdempotencyKey

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255


def request_hash(data) -> str:
    canonical = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode("utf-8", errors="surrogatepass")).hexdigest()


def idempotent(request, *, scope: str, handle: Callable[[], Response]) -> Response:
    """Run ``handle`` once per key; replay its response for the same key and body."""
    key = request.headers.get(HEADER)
    if key is None:
        return handle()
    if not key.strip() or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise ValidationError(
            {HEADER: [f"A printable key of 1 to {MAX_KEY_LENGTH} characters."]},
            code="invalid_idempotency_key",
        )
    digest = request_hash(request.data)
    with transaction.atomic():
        record = _locked_record(user=request.user, scope=scope, key=key, digest=digest)
        if record.response_status is not None:
            if record.request_hash != digest:
                raise IdempotencyKeyReused()
            response = Response(record.response_body, status=record.response_status)
            response["Idempotent-Replayed"] = "true"
            return response
        response = handle()
        record.request_hash = digest
        record.response_status = response.status_code
        record.response_body = response.data
        record.save(update_fields=["request_hash", "response_status", "response_body"])
    return response


def _locked_record(*, user, scope: str, key: str, digest: str) -> IdempotencyKey:
    keys = IdempotencyKey.objects.select_for_update()
    record = keys.filter(user=user, scope=scope, key=key).first()
    if record is not None and record.created_at < idempotency_key_expiry():
        # Expired: the key is free again, as if the purge had already deleted it.
        record.delete()
        record = None
    if record is None:
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(
                    user=user, scope=scope, key=key, request_hash=digest
                )
        except IntegrityError:
            # A concurrent first request holds the key; wait for it to finish.
            record = keys.get(user=user, scope=scope, key=key)
    return record
