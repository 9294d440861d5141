"""Domain errors: a refused write, with a machine-readable code and a readable message.

Every interface turns these into its own shape: the API into a response with
``status_code``, the admin into an error message, commands into ``CommandError``.
"""

from __future__ import annotations


class DomainError(Exception):
    """A write the domain refuses; nothing was changed."""

    status_code = 400
    default_code = "refused"

    def __init__(
        self, message: str, *, code: str | None = None, fields: dict[str, list[str]] | None = None
    ):
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code
        self.fields = fields or {}

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict:
        """The error as plain data, e.g. for a JSON response body."""
        data = {"code": self.code, "detail": self.message}
        if self.fields:
            data["fields"] = self.fields
        return data


class Invalid(DomainError):
    """Bad input; ``fields`` maps each field name to its messages."""

    status_code = 400
    default_code = "invalid"


class Forbidden(DomainError):
    """The user's role (or relation to the claim) does not allow this."""

    status_code = 403
    default_code = "forbidden"


class NotFound(DomainError):
    """The object does not exist."""

    status_code = 404
    default_code = "not_found"


class Conflict(DomainError):
    """The claim is not in a state that allows this: a stale version or an illegal transition."""

    status_code = 409
    default_code = "conflict"
