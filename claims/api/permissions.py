"""Who may call what. Workflow rules (who may approve, four eyes) stay in the services.

- Anyone may read verified claims, unless ``FACTCHECK_API_PUBLIC_READ`` is off.
- The desk (reviewers, editors, admins) reads every claim and
  article and submits articles.
- Writes on claims need a login; the workflow services decide whether the role may.
- Webhook subscriptions follow the model permissions, which editors and admins hold.
"""

from django.conf import settings
from rest_framework.permissions import BasePermission, DjangoModelPermissions

from claims.services.workflow.rules import is_reviewer


def is_desk(user) -> bool:
    """Reviewers, editors and admins (the workflow's roles): they see every claim."""
    return bool(user and user.is_authenticated and is_reviewer(user))


class ReadsClaims(BasePermission):
    """Public reads of verified claims, or a login when public reads are switched off."""

    def has_permission(self, request, view):
        if settings.FACTCHECK_API_PUBLIC_READ:
            return True
        return bool(request.user and request.user.is_authenticated)


class IsDesk(BasePermission):
    """Members of the desk only."""

    message = "Only reviewers, editors and admins may do this."

    def has_permission(self, request, view):
        return is_desk(request.user)


class ManagesWebhooks(DjangoModelPermissions):
    """Model permissions on webhook subscriptions, reading included."""

    perms_map = {
        **DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }
