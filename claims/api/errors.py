"""One error shape for the whole API: ``{code, message, fields?}``.

Domain errors from the services, pipeline errors from ingestion, Django validation
errors and every DRF exception (400/401/403/404/405/406/413/415/429) pass through
``exception_handler``; unknown URLs under the API get the same shape from ``not_found``.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from rest_framework import exceptions, status
from rest_framework.response import Response

from claims.pipeline.errors import InputTooLarge, PipelineError
from claims.services.errors import DomainError

logger = logging.getLogger(__name__)


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "too_large"


class IdempotencyKeyReused(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = "This Idempotency-Key was already used with a different request body."
    default_code = "idempotency_key_reused"


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    body = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    return body


def exception_handler(exc, context):
    """DRF's EXCEPTION_HANDLER: turn any known error into the one JSON shape."""
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.status_code)
    if isinstance(exc, PipelineError):
        code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE if isinstance(exc, InputTooLarge) else 400
        return Response(error_body(exc.code, exc.message), status=code)
    if isinstance(exc, DjangoValidationError):
        return _django_validation_error(exc)
    if isinstance(exc, RequestDataTooBig):
        # Django refuses to read a body over DATA_UPLOAD_MAX_MEMORY_SIZE; that is a 413.
        exc = PayloadTooLarge(
            f"The request body is over {settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes."
        )
    elif isinstance(exc, Http404 | ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if isinstance(exc, exceptions.APIException):
        return _api_exception(exc)
    logger.error("Unhandled error in %s", context.get("view"), exc_info=exc)
    return Response(
        error_body("server_error", "The server failed to handle this request."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def _api_exception(exc: exceptions.APIException) -> Response:
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        codes = exc.get_codes()
        body = error_body(_first_code(codes) or "invalid", _summary(fields), fields)
    else:
        detail = exc.detail
        body = error_body(_code_of(exc), str(detail))
    return Response(body, status=exc.status_code, headers=headers)


def _django_validation_error(exc: DjangoValidationError) -> Response:
    if hasattr(exc, "error_dict"):
        fields = {
            name: [e.message % (e.params or {}) for e in errs]
            for name, errs in exc.error_dict.items()
        }
        code = next((e.code for errs in exc.error_dict.values() for e in errs if e.code), None)
    else:
        fields = {"non_field_errors": exc.messages}
        code = next((e.code for e in exc.error_list if e.code), None)
    return Response(error_body(code or "invalid", _summary(fields), fields), status=400)


def _code_of(exc: exceptions.APIException) -> str:
    codes = exc.get_codes()
    return codes if isinstance(codes, str) else exc.default_code


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {name: _messages(value) for name, value in detail.items()}
    return {"non_field_errors": _messages(detail)}


def _messages(value):
    if isinstance(value, dict):
        return {name: _messages(v) for name, v in value.items()}
    if isinstance(value, list):
        if all(not isinstance(v, dict | list) for v in value):
            return [str(v) for v in value]
        return [_messages(v) for v in value]
    return [str(value)]


def _first_code(codes):
    if isinstance(codes, str):
        return codes
    if isinstance(codes, dict):
        codes = list(codes.values())
    for item in codes or []:
        found = _first_code(item)
        if found:
            return found
    return None


def _summary(fields: dict) -> str:
    for name, messages in fields.items():
        first = messages
        while isinstance(first, list | dict) and first:
            first = first[0] if isinstance(first, list) else next(iter(first.values()))
        if isinstance(first, str):
            return first if name == "non_field_errors" else f"{name}: {first}"
    return "Invalid input."


def not_found(request, unmatched: str = ""):
    """Unknown URLs under the API: the same error shape, with a hint about a missing slash."""
    message = "No such endpoint."
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.url_name != "not-found":
            message = f"No such endpoint; did you mean {request.path}/ (with a trailing slash)?"
    return JsonResponse(error_body("not_found", message), status=404)
