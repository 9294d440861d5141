from django.apps import AppConfig


class ClaimsApiConfig(AppConfig):
    """The claim-status API, its change feed and its webhooks; models live in ``claims``."""

    name = "claims.api"
    label = "claims_api"
    verbose_name = "Claim-status API"

    def ready(self):
        # Connects the receivers that turn claim and verdict history into change events.
        from claims.api import events  # noqa: F401
