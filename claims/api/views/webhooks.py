"""Webhook subscriptions, managed by editors, and the log of their deliveries."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from claims.api.pagination import KeysetPagination
from claims.api.permissions import ManagesWebhooks
from claims.api.serializers.webhooks import (
    CreatedSubscriptionSerializer,
    DeliverySerializer,
    SubscriptionSerializer,
)
from claims.api.views.base import validated
from claims.api.webhooks.services import (
    subscription_create,
    subscription_delete,
    subscription_update,
)
from claims.models import WebhookDelivery, WebhookSubscription


class _WebhookView(APIView):
    permission_classes = [ManagesWebhooks]
    queryset = WebhookSubscription.objects.all()  # read by DjangoModelPermissions


class SubscriptionListView(_WebhookView):
    """List subscriptions, or subscribe a URL to events."""

    pagination_class = KeysetPagination

    @extend_schema(operation_id="webhooks_list", responses=SubscriptionSerializer(many=True))
    def get(self, request):
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(WebhookSubscription.objects.all(), request, view=self)
        return paginator.get_paginated_response(SubscriptionSerializer(page, many=True).data)

    @extend_schema(
        operation_id="webhooks_create",
        request=SubscriptionSerializer,
        responses={201: CreatedSubscriptionSerializer},
    )
    def post(self, request):
        data = validated(SubscriptionSerializer, request.data)
        subscription = subscription_create(user=request.user, **data)
        return Response(
            CreatedSubscriptionSerializer(subscription).data, status=status.HTTP_201_CREATED
        )


class SubscriptionDetailView(_WebhookView):
    """One subscription: read, change or delete it."""

    @extend_schema(operation_id="webhooks_retrieve", responses=SubscriptionSerializer)
    def get(self, request, pk: int):
        subscription = get_object_or_404(WebhookSubscription, pk=pk)
        return Response(SubscriptionSerializer(subscription).data)

    @extend_schema(
        operation_id="webhooks_partial_update",
        request=SubscriptionSerializer,
        responses=SubscriptionSerializer,
    )
    def patch(self, request, pk: int):
        get_object_or_404(WebhookSubscription, pk=pk)
        data = validated(SubscriptionSerializer, request.data, partial=True)
        subscription = subscription_update(subscription_id=pk, **data)
        return Response(SubscriptionSerializer(subscription).data)

    @extend_schema(operation_id="webhooks_destroy", responses={204: None})
    def delete(self, request, pk: int):
        get_object_or_404(WebhookSubscription, pk=pk)
        subscription_delete(subscription_id=pk)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeliveryListView(_WebhookView):
    """The deliveries of one subscription, newest first, with every attempt."""

    pagination_class = KeysetPagination

    @extend_schema(operation_id="webhooks_deliveries_list", responses=DeliverySerializer(many=True))
    def get(self, request, pk: int):
        get_object_or_404(WebhookSubscription, pk=pk)
        deliveries = (
            WebhookDelivery.objects.filter(subscription_id=pk)
            .select_related("event")
            .prefetch_related("log")
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(deliveries, request, view=self)
        return paginator.get_paginated_response(DeliverySerializer(page, many=True).data)
