"""Small pieces shared by the views."""

from django.conf import settings
from rest_framework.exceptions import ValidationError


def validated(serializer_class, data, **kwargs):
    """Validated data of a query or body, or a 400 with the field errors."""
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def filters_of(request, serializer_class) -> dict:
    """Validated filter parameters; a request without any skips building the serializer,
    which costs more than the rest of a plain list request's Python work."""
    names = serializer_class._declared_fields
    if not any(name in request.query_params for name in names):
        return {}
    return validated(serializer_class, request.query_params)


def body_size_limit() -> int:
    """Largest request body read at all (a 413 beyond it, from any endpoint); JSON escaping
    can triple an article's bytes, so the precise limit is the pipeline's, applied to the
    decoded text."""
    return settings.DATA_UPLOAD_MAX_MEMORY_SIZE


def positive_int(value, name: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number < 2**63:
        raise ValidationError({name: ["A positive whole number."]}, code="invalid")
    return number
