"""How long a release may run before it stops itself."""

import time

from django.conf import settings


class ReleaseTooSlow(Exception):
    """The build ran past FACTCHECK_RELEASE_TIME_LIMIT and was stopped."""


def release_deadline() -> float:
    return time.monotonic() + settings.FACTCHECK_RELEASE_TIME_LIMIT


def check_deadline(deadline: float) -> None:
    if time.monotonic() > deadline:
        raise ReleaseTooSlow(
            f"The release took longer than FACTCHECK_RELEASE_TIME_LIMIT "
            f"({settings.FACTCHECK_RELEASE_TIME_LIMIT} s) and was stopped."
        )
