"""Has this been checked? Claims matching a free-text claim."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.lookup import claims_lookup, query_figures
from claims.api.permissions import ReadsClaims, is_desk
from claims.api.representations import Ratings, claim_summary
from claims.api.selectors import claims_visible
from claims.api.serializers.claims import LookupQuerySerializer, LookupResponseSerializer
from claims.api.views.base import validated


class ClaimLookupView(APIView):
    """Claims matching a free-text claim, best first, each with its status and verdict."""

    permission_classes = [ReadsClaims]

    @extend_schema(
        operation_id="claims_lookup",
        parameters=[LookupQuerySerializer],
        responses=LookupResponseSerializer,
    )
    def get(self, request):
        query = validated(LookupQuerySerializer, request.query_params)
        desk = is_desk(request.user)
        figures = query_figures(query["text"])
        found = claims_lookup(
            text=query["text"],
            claims=claims_visible(user=request.user),
            limit=query["limit"],
            figures=figures,
        )
        ratings = Ratings()
        results = [
            {
                **claim_summary(row, ratings=ratings, desk=desk),
                "match": {"similarity": similarity, "numbers": numbers},
            }
            for row, similarity, numbers in found
        ]
        read = [{"min": f.low, "max": f.high} for f in figures]
        return Response({"query": {"text": query["text"], "figures": read}, "results": results})
