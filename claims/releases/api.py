"""The releases API: create a release, follow its progress, download its files.

Errors have the shape ``{"code", "message", "fields"?}`` like the rest of the API.
"""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.models import DatasetRelease, ReleaseStatus
from claims.releases.selectors import release_list
from claims.releases.services import release_create
from claims.releases.storage import release_open
from claims.services.errors import DomainError


class ErrorShapeMixin:
    """Turn domain and DRF errors into ``{code, message, fields?}`` responses."""

    def handle_exception(self, exc):
        if isinstance(exc, DomainError):
            return self._error(exc.status_code, exc.code, exc.message, exc.fields)
        if isinstance(exc, exceptions.ValidationError):
            fields = {k: [str(m) for m in v] for k, v in exc.detail.items()}
            return self._error(400, "invalid", "The request is not valid.", fields)
        if isinstance(exc, Http404):
            exc = exceptions.NotFound()
        if isinstance(exc, exceptions.APIException):
            response = super().handle_exception(exc)
            codes = exc.get_codes()
            response.data = {
                "code": codes if isinstance(codes, str) else "error",
                "message": str(exc.detail),
            }
            return response
        return super().handle_exception(exc)

    def _error(self, status_code, code, message, fields=None):
        body = {"code": code, "message": message}
        if fields:
            body["fields"] = fields
        return Response(body, status=status_code)


class CanCreateReleases(BasePermission):
    """Reading is open; creating needs the editor's (or admin's) permission."""

    message = "Only editors and admins may create releases."

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("claims.add_datasetrelease"))


class ReleaseCreateSerializer(serializers.Serializer):
    version = serializers.CharField(max_length=32, help_text="e.g. 1.2.0")
    filters = serializers.DictField(required=False, default=dict, help_text='{"kinds": [...]}')


class ReleaseSerializer(serializers.ModelSerializer):
    files = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = DatasetRelease
        fields = [
            "id", "url", "version", "status", "progress", "error", "filters", "claim_count",
            "source_count", "counts", "snapshot_at", "created_at", "started_at",
            "published_at", "files",
        ]  # fmt: skip

    def _absolute(self, url):
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_url(self, release) -> str:
        return self._absolute(reverse("releases:detail", args=[release.pk]))

    def get_files(self, release) -> list[dict]:
        if release.status != ReleaseStatus.PUBLISHED:
            return []
        return [
            {**f, "url": self._absolute(reverse("releases:file", args=[release.pk, f["name"]]))}
            for f in release.files
        ]


class ReleaseListView(ErrorShapeMixin, APIView):
    """GET: releases, newest version first. POST: start a new release (editors, admins)."""

    permission_classes = [CanCreateReleases]

    @extend_schema(operation_id="releases_list", responses=ReleaseSerializer(many=True))
    def get(self, request):
        releases = release_list(user=request.user)
        return Response(ReleaseSerializer(releases, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="releases_create",
        request=ReleaseCreateSerializer,
        responses={202: ReleaseSerializer},
    )
    def post(self, request):
        payload = ReleaseCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        release = release_create(
            version=payload.validated_data["version"],
            filters=payload.validated_data["filters"],
            user=request.user,
        )
        release.refresh_from_db()
        body = ReleaseSerializer(release, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": body["url"]})


class ReleaseDetailView(ErrorShapeMixin, APIView):
    """A release with its progress and, once published, its files."""

    permission_classes = [AllowAny]

    @extend_schema(operation_id="releases_retrieve", responses=ReleaseSerializer)
    def get(self, request, pk: int):
        release = get_object_or_404(release_list(user=request.user), pk=pk)
        return Response(ReleaseSerializer(release, context={"request": request}).data)


class ReleaseFileView(ErrorShapeMixin, APIView):
    """One file of a published release, streamed from the release storage."""

    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="releases_file",
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="The file's bytes.")},
    )
    def get(self, request, pk: int, name: str):
        release = get_object_or_404(DatasetRelease, pk=pk, status=ReleaseStatus.PUBLISHED)
        if release.file(name) is None:
            raise Http404
        return FileResponse(release_open(release.location, name), as_attachment=True, filename=name)
