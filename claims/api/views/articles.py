"""Submit articles and follow their processing."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.errors import PayloadTooLarge
from claims.api.idempotency import HEADER, idempotent
from claims.api.pagination import KeysetPagination
from claims.api.permissions import IsDesk
from claims.api.selectors import article_rows
from claims.api.serializers.articles import (
    ArticleFilterSerializer,
    ArticleSerializer,
    ArticleSubmitSerializer,
)
from claims.api.views.base import body_size_limit, validated
from claims.models import Article
from claims.services.articles import article_ingest

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    HEADER,
    str,
    OpenApiParameter.HEADER,
    description=(
        "Any unique string; a retry with the same key and body gets the same answer. "
        "Keys are remembered for 24 hours (FACTCHECK_IDEMPOTENCY_KEY_HOURS)."
    ),
)


class ArticlePagination(KeysetPagination):
    orderings = ("-created_at", "created_at", "-id", "id")
    default_ordering = "-created_at"


class ArticleListView(APIView):
    """Submit an article, or list submitted articles (the desk only)."""

    permission_classes = [IsDesk]
    pagination_class = ArticlePagination

    @extend_schema(
        operation_id="articles_list",
        parameters=[ArticleFilterSerializer],
        responses=ArticleSerializer(many=True),
    )
    def get(self, request):
        filters = validated(ArticleFilterSerializer, request.query_params)
        articles = Article.objects.all()
        if "status" in filters:
            articles = articles.filter(status=filters["status"])
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(article_rows(articles), request, view=self)
        return paginator.get_paginated_response(ArticleSerializer(page, many=True).data)

    @extend_schema(
        operation_id="articles_submit",
        request=ArticleSubmitSerializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={
            202: OpenApiResponse(ArticleSerializer, description="Stored and queued."),
            200: OpenApiResponse(
                ArticleSerializer, description="The same content was stored before."
            ),
            413: OpenApiResponse(description="Over the size limit."),
            422: OpenApiResponse(description="Idempotency-Key reused with another body."),
        },
    )
    def post(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > body_size_limit():
            raise PayloadTooLarge(f"The request body is over {body_size_limit():,} bytes.")
        return idempotent(request, scope="articles.submit", handle=lambda: self._submit(request))

    def _submit(self, request) -> Response:
        data = validated(ArticleSubmitSerializer, request.data)
        is_html = "html" in data
        result = article_ingest(
            raw=data["html"] if is_html else data["text"],
            is_html=is_html,
            title=data["title"],
            url=data["url"],
            outlet=data["outlet"],
            language=data["language"],
            published_at=data["published_at"],
        )
        article = article_rows(Article.objects.filter(pk=result.article.pk)).get()
        body = ArticleSerializer(article).data
        code = status.HTTP_202_ACCEPTED if result.created else status.HTTP_200_OK
        return Response(body, status=code, headers={"Location": body["status_url"]})


class ArticleDetailView(APIView):
    """One article and how far the pipeline has got with it."""

    permission_classes = [IsDesk]

    @extend_schema(operation_id="articles_retrieve", responses=ArticleSerializer)
    def get(self, request, pk: int):
        article = get_object_or_404(article_rows(Article.objects.all()), pk=pk)
        return Response(ArticleSerializer(article).data)
