"""Read claims: the filtered list and one claim with its evidence and history."""

import hashlib

import orjson
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.cached_hits import json_response
from claims.api.documents import (
    claim_detail_json,
    claim_detail_with_etag,
    claim_etag_row,
    claim_page_json,
)
from claims.api.pagination import KeysetPagination
from claims.api.permissions import ReadsClaims, is_desk
from claims.api.representations import Ratings, claim_detail, claim_summary
from claims.api.response_cache import CachedReadView
from claims.api.selectors import (
    claim_current_verdict,
    claim_detail_row,
    claim_etag_parts,
    claim_history,
    claim_rows,
    claim_sources,
    claims_listed,
    claims_visible,
)
from claims.api.serializers.claims import (
    ClaimDetailSerializer,
    ClaimFilterSerializer,
    ClaimSummarySerializer,
)
from claims.api.views.base import filters_of
from claims.models import Claim
from claims.ratings import rating_scale_text


class ClaimPagination(KeysetPagination):
    orderings = ("-score", "score", "-updated_at", "updated_at", "-id", "id")
    default_ordering = "-score"


class ClaimListView(CachedReadView, APIView):
    """Claims, filtered and sorted; anonymous callers see verified claims only."""

    permission_classes = [ReadsClaims]
    pagination_class = ClaimPagination

    def cache_parts(self, request):
        # The absolute URL's parts: the next link repeats the host and the query.
        # ``assignee=me`` makes the page the caller's own; the raw query is looked at
        # first, since parsing it costs more than the rest of the key.
        query = request.META.get("QUERY_STRING", "")
        named = ("assignee" in query or "%" in query) and "assignee" in request.query_params
        mine = request.user.pk if named else None
        where = request.scheme, request.get_host(), request.path, query
        return is_desk(request.user), rating_scale_text(), where, mine

    def cached_response(self, request, body: bytes):
        return json_response(body)

    @extend_schema(
        operation_id="claims_list",
        parameters=[ClaimFilterSerializer],
        responses=ClaimSummarySerializer(many=True),
    )
    def get(self, request):
        probe = self.probe(request)
        if probe is not None and (body := probe.current()) is not None:
            return self.cached_response(request, body)
        filters = filters_of(request, ClaimFilterSerializer)
        desk = is_desk(request.user)
        if "assignee" in filters and not desk:
            raise PermissionDenied("Only the desk may filter by assignee.")
        paginator = self.pagination_class()
        if connection.vendor == "postgresql":
            return self._rendered_page(request, paginator, filters=filters, desk=desk, probe=probe)
        claims = claims_listed(filters=filters, user=request.user)
        rows = paginator.paginate_queryset(claim_rows(claims, desk=desk), request, view=self)
        ratings = Ratings()
        data = [claim_summary(row, ratings=ratings, desk=desk) for row in rows]
        return paginator.get_paginated_response(data)

    def _rendered_page(self, request, paginator, *, filters: dict, desk: bool, probe):
        """The page as JSON from PostgreSQL; the unfiltered list needs no ORM query at all."""
        field, descending, position, size = paginator.read_page(request, Claim)
        inner = None
        if filters:
            claims = claims_listed(filters=filters, user=request.user)
            page = paginator.page_queryset(claims, descending=descending, position=position)
            try:
                inner = page.values("id")[: size + 1].query.sql_with_params()
            except EmptyResultSet:
                return _page_response(None, b"[]")
        page = claim_page_json(
            desk=desk,
            field=field,
            descending=descending,
            position=position,
            size=size,
            inner=inner,
            prepare=size == paginator.page_size,
        )
        link = paginator.link_after(page.last_value, page.last_id) if page.has_next else None
        response = _page_response(link, page.results)
        if probe is not None:
            probe.store(response.content, page.data_version)
        return response


def _page_response(link: str | None, results: bytes):
    body = b'{"next":' + orjson.dumps(link) + b',"results":' + results + b"}"
    return json_response(body)


class ClaimDetailView(CachedReadView, APIView):
    """One claim: span, sentence, normalised fields, status, verdict, sources, history.

    The response carries an ``ETag``; send it back in ``If-None-Match`` to get a ``304``
    without a body while the claim is unchanged.
    """

    permission_classes = [ReadsClaims]

    def cache_parts(self, request):
        return is_desk(request.user), rating_scale_text(), self.kwargs["pk"]

    def cached_response(self, request, cached: bytes):
        etag, body = cached.split(b"\n", 1)
        return _detail_response(request, etag.decode(), body)

    def fresh_response(self, request, kwargs: dict):
        # Most details asked for are not cached yet: rendering them costs less without
        # DRF's wrapping too. Errors (404 above all) are left to DRF's handling.
        try:
            return self.get(request, **kwargs)
        except Exception:
            return None

    @extend_schema(
        operation_id="claims_retrieve",
        parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
        responses={
            200: ClaimDetailSerializer,
            304: OpenApiResponse(description="Unchanged since the ETag given."),
        },
    )
    def get(self, request, pk: int):
        if pk >= 2**63:
            raise NotFound("No such claim.")
        probe = self.probe(request)
        if probe is not None and (cached := probe.current()) is not None:
            return self.cached_response(request, cached)
        desk = is_desk(request.user)
        rendered = connection.vendor == "postgresql"
        body = version = None
        if not rendered:
            claims = claims_visible(user=request.user)
            parts = claim_etag_parts(claims=claims, claim_id=pk)
        elif "If-None-Match" in request.headers:
            # A conditional request reads the document only if the ETag does not match.
            parts = claim_etag_row(claim_id=pk, desk=desk)
        else:
            parts, body, version = claim_detail_with_etag(claim_id=pk, desk=desk) or (None,) * 3
        if parts is None:
            raise NotFound("No such claim.")
        etag = claim_etag(pk, parts, desk=desk)
        if probe is not None and version is not None:
            probe.store(etag.encode() + b"\n" + body, version)
        if etag_matches(request.headers.get("If-None-Match", ""), etag):
            return json_response(b"", status=304, headers=_detail_headers(etag))
        if rendered:
            body = body or claim_detail_json(claim_id=pk, desk=desk)
            if body is None:
                raise NotFound("No such claim.")
            return _detail_response(request, etag, body)
        payload = claim_payload(claims=claims, claim_id=pk, desk=desk)
        return Response(payload, headers=_detail_headers(etag))


def _detail_headers(etag: str) -> dict:
    return {"ETag": etag, "Cache-Control": "private, no-cache", "Vary": "Authorization, Cookie"}


def _detail_response(request, etag: str, body: bytes):
    """The rendered detail, or ``304`` when the caller holds this ETag already."""
    status = 304 if etag_matches(request.headers.get("If-None-Match", ""), etag) else 200
    return json_response(body, status=status, headers=_detail_headers(etag))


def etag_matches(if_none_match: str, etag: str) -> bool:
    return if_none_match.strip() == "*" or etag in parse_etags(if_none_match)


def claim_payload(*, claims, claim_id: int, desk: bool) -> dict:
    """The detail representation of a claim the caller may see."""
    row = claim_detail_row(claims=claims, claim_id=claim_id)
    if row is None:
        raise NotFound("No such claim.")
    return claim_detail(
        row,
        verdict=claim_current_verdict(claim_id=claim_id),
        sources=claim_sources(claim_id=claim_id),
        history=claim_history(claim_id=claim_id),
        ratings=Ratings(),
        desk=desk,
    )


def claim_etag(claim_id: int, parts: dict, *, desk: bool) -> str:
    """Changes whenever the claim, its article, sources, verdicts or the scale change."""
    scale = rating_scale_text()
    key = "|".join(
        str(v)
        for v in (
            claim_id,
            parts["version"],
            parts["updated_at"].isoformat(),
            parts["article_updated_at"].isoformat(),
            parts["sources_mark"],
            parts["verdicts_mark"],
            "desk" if desk else "public",
            scale,
        )
    )
    return '"' + hashlib.blake2b(key.encode(), digest_size=12).hexdigest() + '"'
