"""Token authentication that remembers a looked-up token for a few seconds per process.

DRF's ``TokenAuthentication`` reads the token and its user on every request, and the
role check (``is_desk``) reads the user's permissions and groups: three queries before
the view starts. Here a token that was valid is trusted for
``FACTCHECK_API_TOKEN_CACHE_SECONDS`` (5 by default) in the process that looked it up,
permissions included. The price: a deleted token, a deactivated user or a changed role
takes effect after at most that many seconds. Tokens that fail are never remembered.
"""

from __future__ import annotations

import copy
import threading
import time

from django.conf import settings
from rest_framework.authentication import TokenAuthentication

from claims.services.workflow.rules import is_reviewer

# Enough for every active client of one process; beyond it the memory starts over.
MAX_TOKENS = 1000

_tokens: dict[str, tuple[float, object, object]] = {}
_lock = threading.Lock()


class CachedTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, as DRF's, with the short memory described above."""

    def authenticate_credentials(self, key):
        seconds = settings.FACTCHECK_API_TOKEN_CACHE_SECONDS
        if seconds <= 0:
            return super().authenticate_credentials(key)
        now = time.monotonic()
        remembered = _tokens.get(key)
        if remembered is not None and remembered[0] > now:
            _, user, token = remembered
            # A copy per request: views may set attributes on the user they are given.
            return copy.copy(user), token
        user, token = super().authenticate_credentials(key)
        is_reviewer(user)  # fills the user's permission cache, remembered with it
        with _lock:
            if len(_tokens) >= MAX_TOKENS:
                _tokens.clear()
            _tokens[key] = (now + seconds, user, token)
        return copy.copy(user), token


def forget_tokens() -> None:
    """Drop every remembered token (tests; a process that must see a revocation now)."""
    with _lock:
        _tokens.clear()
