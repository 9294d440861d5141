"""URL routes: the admin and the API."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/", permanent=False)),
    path("admin/", admin.site.urls),
    # Before the API's include, whose catch-all answers unknown /api/v1/ paths.
    path("api/v1/releases/", include("claims.releases.urls")),
    path("api/v1/", include("claims.api.urls")),
]
