"""Cached claim reads answered near the top of the middleware stack.

A cached claim list page or claim detail used to pass through sessions, CSRF,
authentication, messages, URL resolution and the view's dispatch before
``claims.api.cached_hits`` found it: about 100 µs of CPU per request in process, a
sixth of a cache hit's cost under load (docs/benchmarks.md). This middleware, placed
right after ``SecurityMiddleware``, matches the two routes itself and hands the request
to the same ``serve_hit`` the views use, so the rules are the views' own (permissions,
throttles, the cases left to DRF). A response served here gets the headers the
middleware it skipped would have added to it: ``Content-Length`` (``CommonMiddleware``)
and ``X-Frame-Options`` (``XFrameOptionsMiddleware``); ``serve_hit`` adds
``Vary: Cookie`` where the session middleware would. Anything else goes down the stack
as before, and the view does not look the request up a second time.

The middleware stands aside (every request goes down the stack) when a middleware it
does not know follows it, since it cannot tell what that one would do; and when the
list and detail routes are not the list path and ``<list path><id>/``.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.middleware.clickjacking import XFrameOptionsMiddleware
from django.middleware.common import CommonMiddleware
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.module_loading import import_string

from claims.api.cached_hits import serve_hit

logger = logging.getLogger(__name__)

# What these add to a cached read's response is added here (none of the others add
# anything to it: no session is touched, no CSRF cookie is due, no message is stored).
SKIPPABLE = frozenset(
    {
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
        "simple_history.middleware.HistoryRequestMiddleware",
    }
)
HEADER_ADDERS = {
    "django.middleware.common.CommonMiddleware": CommonMiddleware,
    "django.middleware.clickjacking.XFrameOptionsMiddleware": XFrameOptionsMiddleware,
}
PATH = f"{__name__}.CachedReadMiddleware"


class CachedReadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        following = _following(settings.MIDDLEWARE)
        unknown = [name for name in following if name not in SKIPPABLE]
        if unknown:
            logger.warning("Cached API reads go through the whole stack: %s follows", unknown)
        self.enabled = not unknown
        # In the order Django applies them to a response: innermost first.
        self.adders = [
            HEADER_ADDERS[name](get_response)
            for name in reversed(following)
            if name in HEADER_ADDERS
        ]
        self.routes: _Routes | None = None

    def __call__(self, request):
        if self.enabled and request.method == "GET":
            if self.routes is None:
                self.routes = _Routes()
            matched = self.routes.match(request.path_info)
            if matched is not None:
                response = self._served(request, *matched)
                if response is not None:
                    return response
        return self.get_response(request)

    def _served(self, request, view_class, kwargs: dict):
        view = view_class()
        view.setup(request, **kwargs)
        response = serve_hit(view, request, kwargs)
        if response is None:
            return None
        for adder in self.adders:
            response = adder.process_response(request, response)
        return response


def _following(middleware: list[str]) -> list[str]:
    """The middleware after this one, by dotted path (all of them if it is absent)."""
    names = [_dotted(name) for name in middleware]
    return names[names.index(PATH) + 1 :] if PATH in names else names


def _dotted(name: str) -> str:
    """A middleware's dotted path as its class names itself (settings may use an alias)."""
    try:
        found = import_string(name)
    except ImportError:
        return name
    return f"{found.__module__}.{found.__qualname__}"


class _Routes:
    """The claim list and claim detail routes as paths, from the URLconf."""

    def __init__(self):
        from claims.api.views.claims import ClaimDetailView, ClaimListView

        self.list_view, self.detail_view = ClaimListView, ClaimDetailView
        prefix = get_script_prefix()
        try:
            listed = "/" + reverse("api:claim-list")[len(prefix) :]
            detail = "/" + reverse("api:claim-detail", kwargs={"pk": 7})[len(prefix) :]
        except NoReverseMatch:
            listed = detail = None
        if listed is None or detail != f"{listed}7/":
            logger.warning("Cached API reads go through the whole stack: unexpected routes")
            self.list_path, self.detail_pattern = None, None
            return
        self.list_path = listed
        self.detail_pattern = re.compile(re.escape(listed) + r"([0-9]+)/\Z")

    def match(self, path: str):
        """``(view class, URL kwargs)`` for a claim list or detail path, else None."""
        if self.list_path is None or not path.startswith(self.list_path):
            return None
        if path == self.list_path:
            return self.list_view, {}
        found = self.detail_pattern.match(path)
        if found is None:
            return None
        return self.detail_view, {"pk": int(found.group(1))}
