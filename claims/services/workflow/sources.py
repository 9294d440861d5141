"""Evidence on a claim: adding and removing sources."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.models import Claim, Source
from claims.services.errors import Conflict, Invalid, NotFound
from claims.services.workflow import rules
from claims.services.workflow.records import claim_for_update, claim_touch

DEFAULT_PORTS = {"http": 80, "https": 443}
# Characters a URL may carry as they are (RFC 3986); anything else is percent-encoded.
URL_SAFE = "/%:@!$&'()*+,;=-._~?#[]"


@transaction.atomic
def source_add(
    *,
    claim_id: int,
    user,
    url: str,
    stance: str,
    title: str = "",
    publisher: str = "",
    published_at: datetime | None = None,
    accessed_at: datetime | None = None,
    excerpt: str = "",
    archived_url: str = "",
) -> Source:
    """Attach a source to the claim; the same URL twice on one claim is refused."""
    claim = _editable_claim(claim_id, user, "add sources")
    _check_aware(published_at=published_at, accessed_at=accessed_at)
    source = Source(
        claim=claim,
        url=normalise_url(url),
        stance=stance,
        title=(title or "").strip(),
        publisher=(publisher or "").strip(),
        published_at=published_at,
        accessed_at=accessed_at or timezone.now(),
        excerpt=(excerpt or "").strip(),
        archived_url=normalise_url(archived_url) if archived_url else "",
        added_by=user,
    )
    _validate(source)
    if claim.sources.filter(url=source.url).exists():
        raise _duplicate(source.url)
    source._history_user = user
    try:
        with transaction.atomic():
            source.save()
    except IntegrityError:
        raise _duplicate(source.url) from None
    claim_touch(claim)
    return source


@transaction.atomic
def source_remove(*, source_id: int, user) -> Source:
    """Remove a source added by mistake; its history keeps a record of it."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        raise NotFound(f"Source {source_id} does not exist.", code="source_not_found")
    _editable_claim(source.claim_id, user, "remove sources")
    source._history_user = user
    source.delete()
    return source


def normalise_url(url: str) -> str:
    """Trim, lower-case the scheme and host and percent-encode what a URL may not carry
    as is, so one page is one URL."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    host = (parts.hostname or "").lower()
    if port and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    if parts.username or parts.password:
        return url  # left as given; the validator refuses it below if it is malformed
    path, query, fragment = (
        quote(p, safe=URL_SAFE) for p in (parts.path or "/", parts.query, parts.fragment)
    )
    return urlunsplit((parts.scheme.lower(), host, path, query, fragment))


def _editable_claim(claim_id: int, user, doing: str) -> Claim:
    claim = claim_for_update(claim_id=claim_id)
    rules.require_assignee_or_editor(user, claim, doing)
    if claim.status not in rules.EDITABLE:
        raise Conflict(
            f"Sources can change only while a claim is new or in review; this one is "
            f"{claim.get_status_display().lower()}.",
            code="claim_not_editable",
        )
    return claim


def _validate(source: Source) -> None:
    try:
        source.full_clean(
            exclude=["claim", "added_by"], validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        raise Invalid(
            "The source is not valid: "
            + "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in exc.message_dict.items()
            ),
            code="invalid_source",
            fields=exc.message_dict,
        ) from None
    now = timezone.now()
    if source.published_at and source.published_at > now:
        raise Invalid(
            "A source cannot be published in the future.",
            code="future_datetime",
            fields={"published_at": ["Give a time that has passed."]},
        )
    if source.accessed_at > now:
        raise Invalid(
            "A source cannot be accessed in the future.",
            code="future_datetime",
            fields={"accessed_at": ["Give a time that has passed."]},
        )
    if source.published_at and source.published_at > source.accessed_at:
        raise Invalid(
            "A source cannot be accessed before it was published.",
            code="accessed_before_published",
            fields={"accessed_at": ["Give a time after the publication time."]},
        )


def _check_aware(**values) -> None:
    for name, value in values.items():
        if value is not None and (not isinstance(value, datetime) or timezone.is_naive(value)):
            raise Invalid(
                f"{name} must be a date and time with a time zone.",
                code="invalid_datetime",
                fields={name: ["Give a date and time with a time zone."]},
            )


def _duplicate(url: str) -> Invalid:
    return Invalid(
        f"This claim already has a source with the URL {url}.",
        code="duplicate_source",
        fields={"url": ["This URL is already a source of this claim."]},
    )
