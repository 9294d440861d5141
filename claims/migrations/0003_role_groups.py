"""The three roles as Django groups, with the model permissions each one needs."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

REVIEWER = [
    "view_article",
    "view_sentence",
    "view_claim",
    "change_claim",
    "view_source",
    "add_source",
    "change_source",
    "view_verdict",
    "add_verdict",
    "view_comment",
    "add_comment",
]
EDITOR = [*REVIEWER, "change_article", "delete_source", "change_verdict", "change_comment"]
ROLE_PERMISSIONS = {"reviewer": REVIEWER, "editor": EDITOR, "admin": None}


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    claims_permissions = Permission.objects.filter(content_type__app_label="claims")
    for name, codenames in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        chosen = (
            claims_permissions
            if codenames is None
            else claims_permissions.filter(codename__in=codenames)
        )
        group.permissions.set(chosen)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0002_span_inside_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
