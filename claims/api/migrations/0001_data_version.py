"""A data version that every write to what the API's documents show moves forward.

The response cache (``claims.api.response_cache``) keys rendered list pages and claim
details by this number. Statement-level triggers bump it, so queryset ``update()``s,
bulk inserts, raw SQL and ``TRUNCATE`` are covered as well as ``save()``. The number
lives in a one-row table rather than a sequence: ``nextval()`` is not transactional, so
a reader could see a writer's new number before its rows and cache old data under it.
Updating the row is; it makes writers to these tables queue for that row from their
first write until they commit.

A database restored from a backup goes back to an older number: empty the response
cache then (its entries expire after ``FACTCHECK_API_CACHE_SECONDS`` in any case).

PostgreSQL only: on other databases the API does not cache.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import migrations

WATCHED = [
    ("claims", "Claim"),
    ("claims", "Article"),
    ("claims", "Sentence"),
    ("claims", "Source"),
    ("claims", "Verdict"),
    ("claims", "HistoricalClaim"),
    ("claims", "HistoricalSource"),
    ("claims", "HistoricalVerdict"),
]

FUNCTION = """
CREATE TABLE api_data_version (
    id smallint PRIMARY KEY CHECK (id = 1),
    version bigint NOT NULL
);
-- Starts at the clock in microseconds, so that a database created again (or a test
-- database) does not go through numbers an older one cached under.
INSERT INTO api_data_version (id, version)
VALUES (1, (extract(epoch FROM clock_timestamp()) * 1000000)::bigint);
CREATE FUNCTION api_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE api_data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
"""


def _tables(apps) -> tuple[list[str], str, str]:
    user = apps.get_model(settings.AUTH_USER_MODEL)
    # The migration state's models do not carry USERNAME_FIELD; the installed one does.
    name_column = user._meta.get_field(get_user_model().USERNAME_FIELD).column
    return (
        [apps.get_model(*label)._meta.db_table for label in WATCHED],
        user._meta.db_table,
        name_column,
    )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    tables, user_table, name_column = _tables(apps)
    schema_editor.execute(FUNCTION)
    for table in tables:
        schema_editor.execute(
            f"CREATE TRIGGER api_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE"
            f" ON {quote(table)} FOR EACH STATEMENT EXECUTE FUNCTION api_bump_data_version()"
        )
    # Documents show usernames only; logins (``last_login``) must not empty the cache.
    schema_editor.execute(
        f"CREATE TRIGGER api_data_version AFTER INSERT OR DELETE OR TRUNCATE"
        f" ON {quote(user_table)} FOR EACH STATEMENT EXECUTE FUNCTION api_bump_data_version()"
    )
    schema_editor.execute(
        f"CREATE TRIGGER api_data_version_username AFTER UPDATE OF {quote(name_column)}"
        f" ON {quote(user_table)} FOR EACH STATEMENT EXECUTE FUNCTION api_bump_data_version()"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    tables, user_table, _ = _tables(apps)
    for table in [*tables, user_table]:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS api_data_version ON {quote(table)}")
    schema_editor.execute(
        f"DROP TRIGGER IF EXISTS api_data_version_username ON {quote(user_table)}"
    )
    schema_editor.execute("DROP FUNCTION api_bump_data_version(); DROP TABLE api_data_version;")


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0009_releases"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(create, drop)]
