"""Routes of the claim-status API, mounted at /api/v1/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from claims.api.errors import not_found
from claims.api.views.articles import ArticleDetailView, ArticleListView
from claims.api.views.auth import TokenView
from claims.api.views.changes import ChangeFeedView
from claims.api.views.claims import ClaimDetailView, ClaimListView
from claims.api.views.lookup import ClaimLookupView
from claims.api.views.ping import ping
from claims.api.views.webhooks import (
    DeliveryListView,
    SubscriptionDetailView,
    SubscriptionListView,
)
from claims.api.views.writes import ClaimSourceView, ClaimTransitionView

app_name = "api"

urlpatterns = [
    path("auth/token/", TokenView.as_view(), name="token"),
    path("articles/", ArticleListView.as_view(), name="article-list"),
    path("articles/<int:pk>/", ArticleDetailView.as_view(), name="article-detail"),
    path("claims/", ClaimListView.as_view(), name="claim-list"),
    path("claims/lookup/", ClaimLookupView.as_view(), name="claim-lookup"),
    path("claims/<int:pk>/", ClaimDetailView.as_view(), name="claim-detail"),
    path("claims/<int:pk>/sources/", ClaimSourceView.as_view(), name="claim-sources"),
    path("claims/<int:pk>/transitions/", ClaimTransitionView.as_view(), name="claim-transitions"),
    path("changes/", ChangeFeedView.as_view(), name="changes"),
    path("webhooks/", SubscriptionListView.as_view(), name="webhook-list"),
    path("webhooks/<int:pk>/", SubscriptionDetailView.as_view(), name="webhook-detail"),
    path("webhooks/<int:pk>/deliveries/", DeliveryListView.as_view(), name="webhook-deliveries"),
    path("ping/", ping, name="ping"),
    path("schema/", SpectacularAPIView.as_view(api_version="1"), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    re_path(r"^(?P<unmatched>.*)$", not_found, name="not-found"),
]
