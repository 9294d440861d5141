"""Errors the pipeline raises for input it cannot use.

Each carries a stable machine-readable ``code`` so that the ingestion service, the API
and the command line can all report the same problem the same way.
"""


class PipelineError(ValueError):
    """Input the pipeline refuses, with a code and a readable message."""

    code = "invalid_input"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class EmptyInput(PipelineError):
    code = "empty"


class InputTooLarge(PipelineError):
    code = "too_large"


class NotText(PipelineError):
    """Undecodable or binary input."""

    code = "not_text"


class UnreadableHtml(PipelineError):
    code = "unreadable_html"
