"""Models of the API (idempotency keys, change events, webhooks) and lookup indexes.

On PostgreSQL the claim lookup uses pg_trgm; its GIN indexes are created here and are
not part of the model state (SQLite has no such indexes and needs none).
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

TRIGRAM_INDEXES = {
    "claims_claim_text_trgm": "claims_claim USING gin (text gin_trgm_ops)",
    "claims_claim_quote_trgm": "claims_claim USING gin (quote gin_trgm_ops)",
}
EDITOR_PERMISSIONS = [
    "view_webhooksubscription",
    "add_webhooksubscription",
    "change_webhooksubscription",
    "delete_webhooksubscription",
    "view_webhookdelivery",
    "view_webhookattempt",
    "view_changeevent",
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, target in TRIGRAM_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}", params=None)


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in TRIGRAM_INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}", params=None)


def grant_editors(apps, schema_editor):
    # Permissions are normally created after migrations; the grant needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    chosen = Permission.objects.filter(
        content_type__app_label="claims", codename__in=EDITOR_PERMISSIONS
    )
    for group in Group.objects.filter(name__in=["editor", "admin"]):
        group.permissions.add(*chosen)


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0006_review_queue_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
        migrations.CreateModel(
            name='ChangeEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('type', models.CharField(choices=[('claim.status_changed', 'Claim status changed'), ('claim.verdict_changed', 'Claim verdict changed')], max_length=32, verbose_name='type')),
                ('status', models.CharField(choices=[('new', 'New'), ('in_review', 'In review'), ('proposed', 'Proposed'), ('verified', 'Verified'), ('dismissed', 'Dismissed')], max_length=16, verbose_name='status')),
                ('previous_status', models.CharField(blank=True, choices=[('new', 'New'), ('in_review', 'In review'), ('proposed', 'Proposed'), ('verified', 'Verified'), ('dismissed', 'Dismissed')], max_length=16, verbose_name='previous status')),
                ('rating', models.CharField(blank=True, help_text='Current verdict after the change.', max_length=32, verbose_name='rating')),
                ('previous_rating', models.CharField(blank=True, max_length=32, verbose_name='previous rating')),
                ('version', models.PositiveIntegerField(verbose_name='claim version')),
                ('txid', models.BigIntegerField(default=0, help_text='PostgreSQL transaction that wrote it.', verbose_name='transaction id')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('claim', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='change_events', to='claims.claim')),
            ],
            options={
                'ordering': ['txid', 'id'],
                'indexes': [models.Index(fields=['txid', 'id'], name='change_event_feed_idx')],
            },
        ),
        migrations.CreateModel(
            name='WebhookSubscription',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(help_text='https://consumer.example.org/hooks/factcheck', max_length=2000, verbose_name='URL')),
                ('secret', models.CharField(help_text='Key of the HMAC-SHA256 signature.', max_length=200, verbose_name='secret')),
                ('events', models.JSONField(default=list, help_text='e.g. ["claim.status_changed"]', verbose_name='events')),
                ('description', models.CharField(blank=True, max_length=200, verbose_name='description')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='WebhookDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('pending', 'Pending'), ('succeeded', 'Succeeded'), ('failed', 'Failed')], db_index=True, default='pending', max_length=16, verbose_name='status')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='attempts')),
                ('last_status_code', models.PositiveSmallIntegerField(null=True, verbose_name='last HTTP status')),
                ('last_error', models.TextField(blank=True, verbose_name='last error')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='next attempt at')),
                ('delivered_at', models.DateTimeField(blank=True, null=True, verbose_name='delivered at')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created at')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                ('event', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='claims.changeevent')),
                ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='claims.webhooksubscription')),
            ],
            options={
                'ordering': ['-id'],
            },
        ),
        migrations.CreateModel(
            name='IdempotencyKey',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('scope', models.CharField(help_text='The operation, e.g. articles.create', max_length=100, verbose_name='scope')),
                ('key', models.CharField(max_length=255, verbose_name='key')),
                ('request_hash', models.CharField(help_text='sha256 of the canonical request body.', max_length=64, verbose_name='request hash')),
                ('response_status', models.PositiveSmallIntegerField(null=True, verbose_name='response status')),
                ('response_body', models.JSONField(null=True, verbose_name='response body')),
                ('created_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created at')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('user', 'scope', 'key'), name='idempotency_key_unique_per_user')],
            },
        ),
        migrations.CreateModel(
            name='WebhookAttempt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='attempt')),
                ('requested_at', models.DateTimeField(verbose_name='requested at')),
                ('duration_ms', models.PositiveIntegerField(verbose_name='duration (ms)')),
                ('status_code', models.PositiveSmallIntegerField(null=True, verbose_name='HTTP status')),
                ('error', models.TextField(blank=True, verbose_name='error')),
                ('response_excerpt', models.TextField(blank=True, verbose_name='response excerpt')),
                ('delivery', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='log', to='claims.webhookdelivery')),
            ],
            options={
                'ordering': ['delivery', 'number'],
                'constraints': [models.UniqueConstraint(fields=('delivery', 'number'), name='webhook_attempt_unique_number')],
            },
        ),
        migrations.AddConstraint(
            model_name='webhookdelivery',
            constraint=models.UniqueConstraint(fields=('subscription', 'event'), name='webhook_delivery_once_per_event'),
        ),
        migrations.RunPython(grant_editors, migrations.RunPython.noop),
    ]
