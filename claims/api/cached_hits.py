"""Cache hits of the claim list and claim detail, served before DRF's request handling.

A cached read used to cost a millisecond of CPU beyond a plain Django view, most of it
DRF's machinery around a body that is already rendered: wrapping the request, running
two authenticators, negotiating the renderer, finalising the response. Here the common
case is answered by ``claims.api.middleware.CachedReadMiddleware``, near the top of the
middleware stack, or, where that middleware is not in use, at the start of the view's
``dispatch``; with the same rules and the same bytes and headers as the full path:

- ``GET`` only; ``Accept`` missing, ``*/*`` or ``application/json`` (what DRF's
  negotiation answers with the JSON renderer without a 406); no ``?format=``, no
  ``assignee`` filter and nothing percent-encoded in the query (an encoded name could
  spell either), no format suffix;
- the caller is anonymous (no ``Authorization`` header and no session cookie) or holds
  a token (``Authorization: Token …``), looked up by the view's own token
  authentication, desk roles included;
- the view's own permission classes and throttles decide, on the same request data:
  public reads closed by ``FACTCHECK_API_PUBLIC_READ`` still need a login, and every
  request is counted once, in the same Redis round trip that fetches the cached body.

Anything else, a miss, a refused permission or a throttled request goes through the full
view; the request's count and fetched body are handed to it, so it neither counts the
request twice nor fetches the body again (a throttled request gets DRF's 429 there).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, patch_vary_headers
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings

from claims.api.authentication import CachedTokenAuthentication
from claims.api.response_cache import VersionAhead

# What DRF's negotiation meets with the JSON renderer and no 406.
JSON_ACCEPTS = frozenset({"*/*", "application/json"})
TOKEN_PREFIX = "Token "


class Caller:
    """What throttles, permissions and ``cache_parts`` read of a request, with its user
    known: the part of DRF's ``Request`` they use, over the Django request."""

    def __init__(self, request, user):
        self._request = request
        self.user = user

    def __getattr__(self, name):
        return getattr(self._request, name)

    @property
    def query_params(self):
        return self._request.GET


def serve_hit(view, request, kwargs: dict):
    """The cached response to ``request``, or None to let the full view answer."""
    request.cached_read_tried = True
    caller = _caller(view, request, kwargs)
    if caller is None:
        return None
    if not all(p.has_permission(caller, view) for p in view.get_permissions()):
        return None
    probe = view.probe_for_request(caller)
    if probe is None:  # not caching(): SQLite, inside a transaction, switched off
        return None
    caller.response_cache_probe = probe
    # The probe is handed on even when a throttle refuses: the full view then answers
    # with the 429 without counting again.
    request.response_cache_probe = probe
    ahead = VersionAhead()
    try:
        allowed = all(t.allow_request(caller, view) for t in view.get_throttles())
    finally:
        version = ahead.result()
    if not allowed:
        return None
    body = probe.current(version)
    if body is not None:
        response = view.cached_response(caller, body)
    else:
        response = view.fresh_response(caller, kwargs)
        if response is None:
            return None
    _finalised(view, response)
    if caller.user.is_anonymous:
        # The full path reads the (empty) session for an anonymous caller, and the
        # session middleware then adds this.
        patch_vary_headers(response, ("Cookie",))
    return response


def _finalised(view, response) -> None:
    """The headers DRF's ``finalize_response`` adds (``Allow``; ``Vary: Accept`` with
    several renderers)."""
    headers, vary = _view_headers(view)
    for name, value in headers:
        response[name] = value
    if vary:
        patch_vary_headers(response, vary)


_headers_of_views: dict[type, tuple[list, list]] = {}


def _view_headers(view) -> tuple[list, list]:
    """A view's default response headers, and the names it adds to ``Vary``. They
    depend on its class only (its methods, ``head`` included once the view is set up,
    and its renderers), so they are worked out once per class."""
    found = _headers_of_views.get(type(view))
    if found is None:
        headers = view.default_response_headers
        vary = headers.pop("Vary", None)
        found = list(headers.items()), cc_delim_re.split(vary) if vary else []
        _headers_of_views[type(view)] = found
    return found


def _caller(view, request, kwargs: dict) -> Caller | None:
    """The request's caller, if it is one of the common cases above."""
    meta = request.META
    if request.method != "GET" or meta.get("HTTP_ACCEPT", "*/*") not in JSON_ACCEPTS:
        return None
    query = meta.get("QUERY_STRING", "")
    if "%" in query or api_settings.URL_FORMAT_OVERRIDE in query or "assignee" in query:
        return None
    if api_settings.FORMAT_SUFFIX_KWARG in kwargs:
        return None
    if settings.SESSION_COOKIE_NAME in meta.get("HTTP_COOKIE", ""):
        return None
    authorization = meta.get("HTTP_AUTHORIZATION")
    if authorization is None:
        return Caller(request, AnonymousUser())
    if not authorization.startswith(TOKEN_PREFIX):
        return None
    if not view.authentication_classes or view.authentication_classes[0] is not (
        CachedTokenAuthentication
    ):
        return None
    try:
        found = CachedTokenAuthentication().authenticate(request)
    except APIException:
        return None  # the full view answers with its 401
    return None if found is None else Caller(request, found[0])


def json_response(body: bytes, *, status: int = 200, headers: dict | None = None):
    """A rendered body as the views send it; a 304 carries no body and no Content-Type,
    as DRF sends it."""
    if status == 304:
        response = HttpResponse(status=304, headers=headers)
        del response["Content-Type"]
        return response
    return HttpResponse(body, content_type="application/json", headers=headers)
