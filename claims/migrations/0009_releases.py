"""Dataset releases, their membership, and the release permissions of the role groups."""

import claims.releases.models
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RELEASE_PERMISSIONS = {
    "reviewer": ["view_datasetrelease"],
    "editor": ["view_datasetrelease", "add_datasetrelease"],
    "admin": ["view_datasetrelease", "add_datasetrelease", "change_datasetrelease",
              "delete_datasetrelease"],
}


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in RELEASE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="claims", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for permission in Permission.objects.filter(codename__endswith="_datasetrelease"):
        permission.group_set.clear()


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0008_sentence_role_values'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name='DatasetRelease',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('version', models.CharField(help_text='e.g. 1.2.0', max_length=32, validators=[claims.releases.models.parse_version], verbose_name='version')),
                ('major', models.PositiveIntegerField(editable=False)),
                ('minor', models.PositiveIntegerField(editable=False)),
                ('patch', models.PositiveIntegerField(editable=False)),
                ('filters', models.JSONField(blank=True, default=dict, help_text='e.g. {"kinds": ["casualty"]}', verbose_name='filters')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('running', 'Running'), ('published', 'Published'), ('failed', 'Failed')], default='pending', max_length=16, verbose_name='status')),
                ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='progress (%)')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('claim_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='claims')),
                ('source_count', models.PositiveIntegerField(blank=True, null=True, verbose_name='sources')),
                ('counts', models.JSONField(blank=True, default=dict, help_text='Claims by kind, rating and outlet.', verbose_name='counts')),
                ('files', models.JSONField(blank=True, default=list, help_text='[{name, bytes, sha256}], by name.', verbose_name='files')),
                ('location', models.CharField(blank=True, help_text='Folder in the release storage.', max_length=200, verbose_name='location')),
                ('snapshot_at', models.DateTimeField(blank=True, help_text="The latest approval included; the package's `created`.", null=True, verbose_name='snapshot time')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='started at')),
                ('heartbeat_at', models.DateTimeField(blank=True, help_text='A stale running build is retaken.', null=True, verbose_name='last progress')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published at')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-major', '-minor', '-patch', '-id'],
            },
        ),
        migrations.CreateModel(
            name='ReleaseItem',
            fields=[
                ('pk', models.CompositePrimaryKey('release_id', 'claim_id', blank=True, editable=False, primary_key=True, serialize=False)),
                ('claim_id', models.BigIntegerField()),
                ('verdict_id', models.BigIntegerField()),
                ('rating', models.CharField(max_length=32)),
                ('release', models.ForeignKey(db_constraint=False, db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='items', to='claims.datasetrelease')),
            ],
        ),
        migrations.AddConstraint(
            model_name='datasetrelease',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'failed'), _negated=True), fields=('version',), name='release_unique_live_version', violation_error_code='version_taken'),
        ),
        migrations.AddConstraint(
            model_name='datasetrelease',
            constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='release_progress_range'),
        ),
        migrations.AddConstraint(
            model_name='datasetrelease',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'published'), _negated=True), models.Q(('published_at__isnull', False), models.Q(('files', []), _negated=True), models.Q(('location', ''), _negated=True)), _connector='OR'), name='release_published_has_files'),
        ),
        migrations.RunPython(grant, revoke),
    ]
