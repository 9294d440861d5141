"""Routes of the releases API, included under /api/v1/releases/."""

from django.urls import path

from claims.releases.api import ReleaseDetailView, ReleaseFileView, ReleaseListView

app_name = "releases"

urlpatterns = [
    path("", ReleaseListView.as_view(), name="list"),
    path("<int:pk>/", ReleaseDetailView.as_view(), name="detail"),
    path("<int:pk>/files/<str:name>", ReleaseFileView.as_view(), name="file"),
]
