"""Exchange a username and password for an API token."""

from drf_spectacular.utils import extend_schema
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.settings import api_settings


class TokenView(ObtainAuthToken):
    """``{username, password}`` → ``{token}``; throttled like every anonymous call."""

    throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES
    renderer_classes = api_settings.DEFAULT_RENDERER_CLASSES
    parser_classes = api_settings.DEFAULT_PARSER_CLASSES

    @extend_schema(operation_id="auth_token_create")
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)
