"""The change feed: claim status and verdict changes in a stable order, from a cursor."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView

from claims.api.events import feed_horizon
from claims.api.permissions import ReadsClaims
from claims.api.representations import Ratings, change_event
from claims.api.selectors import change_events
from claims.api.serializers.claims import ChangeFeedQuerySerializer, ChangeFeedSerializer
from claims.api.views.base import validated


class ChangeFeedView(APIView):
    """Changes after ``since``; keep the returned ``cursor`` and ask again later.

    An empty page means the consumer is up to date. Anonymous callers see the changes
    of claims entering or leaving the verified status.
    """

    permission_classes = [ReadsClaims]

    @extend_schema(
        operation_id="changes_list",
        parameters=[ChangeFeedQuerySerializer],
        responses=ChangeFeedSerializer,
    )
    def get(self, request):
        query = validated(ChangeFeedQuerySerializer, request.query_params)
        since = query.get("since", "0")
        position = tuple(int(p) for p in since.split(".")) if "." in since else (-1, 0)
        limit = query["limit"]
        rows = change_events(
            user=request.user, since=position, horizon=feed_horizon(), limit=limit + 1
        )
        has_more = len(rows) > limit
        ratings = Ratings()
        results = [change_event(row, ratings=ratings) for row in rows[:limit]]
        cursor = results[-1]["cursor"] if results else since
        next_url = replace_query_param(request.build_absolute_uri(), "since", cursor)
        return Response(
            {"results": results, "cursor": cursor, "has_more": has_more, "next": next_url}
        )
