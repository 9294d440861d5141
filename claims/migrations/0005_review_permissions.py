"""Give the roles the workflow permissions: reviewers review, editors also decide."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "reviewer": ["review_claim"],
    "editor": ["review_claim", "decide_claim"],
    "admin": ["review_claim", "decide_claim"],
}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    claims_config = apps.get_app_config("claims")
    claims_config.models_module = True
    create_permissions(claims_config, verbosity=0, apps=apps)
    claims_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_review_workflow")]

    operations = [migrations.RunPython(grant, revoke)]
