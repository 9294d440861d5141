"""Read claims: the filtered list and one claim with its evidence and history."""

import hashlib

import orjson
from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.http import HttpResponse
from django.utils.http import parse_etags
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.documents import (
    claim_detail_json,
    claim_detail_with_etag,
    claim_etag_row,
    claim_page_json,
)
from claims.api.pagination import KeysetPagination
from claims.api.permissions import ReadsClaims, is_desk
from claims.api.representations import Ratings, claim_detail, claim_summary
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


class ClaimPagination(KeysetPagination):
    orderings = ("-score", "score", "-updated_at", "updated_at", "-id", "id")
    default_ordering = "-score"


class ClaimListView(APIView):
    """Claims, filtered and sorted; anonymous callers see verified claims only."""

    permission_classes = [ReadsClaims]
    pagination_class = ClaimPagination

    @extend_schema(
        operation_id="claims_list",
        parameters=[ClaimFilterSerializer],
        responses=ClaimSummarySerializer(many=True),
    )
    def get(self, request):
        filters = filters_of(request, ClaimFilterSerializer)
        desk = is_desk(request.user)
        if "assignee" in filters and not desk:
            raise PermissionDenied("Only the desk may filter by assignee.")
        paginator = self.pagination_class()
        if connection.vendor == "postgresql":
            return self._rendered_page(request, paginator, filters=filters, desk=desk)
        claims = claims_listed(filters=filters, user=request.user)
        rows = paginator.paginate_queryset(claim_rows(claims, desk=desk), request, view=self)
        ratings = Ratings()
        data = [claim_summary(row, ratings=ratings, desk=desk) for row in rows]
        return paginator.get_paginated_response(data)

    def _rendered_page(self, request, paginator, *, filters: dict, desk: bool):
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
        results, has_next, last_value, last_id = claim_page_json(
            desk=desk,
            field=field,
            descending=descending,
            position=position,
            size=size,
            inner=inner,
            prepare=size == paginator.page_size,
        )
        link = paginator.link_after(last_value, last_id) if has_next else None
        return _page_response(link, results)


def _page_response(link: str | None, results: bytes) -> HttpResponse:
    body = b'{"next":' + orjson.dumps(link) + b',"results":' + results + b"}"
    return HttpResponse(body, content_type="application/json")


class ClaimDetailView(APIView):
    """One claim: span, sentence, normalised fields, status, verdict, sources, history.

    The response carries an ``ETag``; send it back in ``If-None-Match`` to get a ``304``
    without a body while the claim is unchanged.
    """

    permission_classes = [ReadsClaims]

    @extend_schema(
        operation_id="claims_retrieve",
        parameters=[OpenApiParameter("If-None-Match", str, OpenApiParameter.HEADER)],
        responses={
            200: ClaimDetailSerializer,
            304: OpenApiResponse(description="Unchanged since the ETag given."),
        },
    )
    def get(self, request, pk: int):
        desk = is_desk(request.user)
        rendered = connection.vendor == "postgresql"
        if pk >= 2**63:
            raise NotFound("No such claim.")
        body = None
        if not rendered:
            claims = claims_visible(user=request.user)
            parts = claim_etag_parts(claims=claims, claim_id=pk)
        elif "If-None-Match" in request.headers:
            # A conditional request reads the document only if the ETag does not match.
            parts = claim_etag_row(claim_id=pk, desk=desk)
        else:
            parts, body = claim_detail_with_etag(claim_id=pk, desk=desk) or (None, None)
        if parts is None:
            raise NotFound("No such claim.")
        etag = claim_etag(pk, parts, desk=desk)
        headers = {
            "ETag": etag,
            "Cache-Control": "private, no-cache",
            "Vary": "Authorization, Cookie",
        }
        if etag_matches(request.headers.get("If-None-Match", ""), etag):
            return Response(status=304, headers=headers)
        if rendered:
            body = body or claim_detail_json(claim_id=pk, desk=desk)
            if body is None:
                raise NotFound("No such claim.")
            return HttpResponse(body, content_type="application/json", headers=headers)
        return Response(claim_payload(claims=claims, claim_id=pk, desk=desk), headers=headers)


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
    scale = repr(settings.FACTCHECK_RATING_SCALE)
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
