"""Reviewer writes on a claim: workflow transitions and sources, through the services."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.permissions import is_desk
from claims.api.selectors import SOURCE_FIELDS, claims_visible
from claims.api.serializers.claims import (
    ClaimDetailSerializer,
    SourceInputSerializer,
    SourceSerializer,
    TransitionSerializer,
)
from claims.api.views.base import validated
from claims.api.views.claims import claim_payload
from claims.models import Source
from claims.services.workflow import claim_transition, source_add

WRITE_ERRORS = {
    400: OpenApiResponse(description="Invalid input, with field errors."),
    401: OpenApiResponse(description="Not logged in."),
    403: OpenApiResponse(description="The role may not do this."),
    404: OpenApiResponse(description="No such claim."),
    409: OpenApiResponse(description="Stale version or a transition the status does not allow."),
}


class ClaimTransitionView(APIView):
    """Move a claim through the workflow at the version the caller last read.

    ``start_review``; ``propose`` with ``rating`` and ``rationale``; ``approve``;
    ``reject`` with ``comment`` (or ``reason``); ``dismiss`` with ``reason`` and ``note``;
    ``reopen`` with ``reason``.
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="claims_transition",
        request=TransitionSerializer,
        responses={200: ClaimDetailSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        data = dict(validated(TransitionSerializer, request.data))
        action, version = data.pop("action"), data.pop("version")
        if action == "reject" and "reason" in data and "comment" not in data:
            data["comment"] = data.pop("reason")
        claim_transition(claim_id=pk, user=request.user, action=action, version=version, **data)
        payload = claim_payload(
            claims=claims_visible(user=request.user), claim_id=pk, desk=is_desk(request.user)
        )
        return Response(payload)


class ClaimSourceView(APIView):
    """Attach a source (evidence) to a claim."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="claims_sources_create",
        request=SourceInputSerializer,
        responses={201: SourceSerializer, **WRITE_ERRORS},
    )
    def post(self, request, pk: int):
        data = validated(SourceInputSerializer, request.data)
        source = source_add(claim_id=pk, user=request.user, **data)
        row = Source.objects.values(*SOURCE_FIELDS).get(pk=source.pk)
        row["archived_url"] = row["archived_url"] or None
        return Response(row, status=status.HTTP_201_CREATED)
