from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    """Articles, their sentences and claims, and the review of those claims."""

    name = "claims"
    verbose_name = "Claims"
    default_auto_field = "django.db.models.BigAutoField"
