"""Database triggers: every sentence and claim span lies inside its article's text.

A check constraint cannot look at another table, so the invariant is a trigger, written
once for PostgreSQL and once for SQLite. It compares with the article's stored
``text_length``: reading a 2 MB text for each of thousands of inserted rows would not do.
"""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION claims_span_inside_article() RETURNS trigger AS $$
    BEGIN
        IF NEW."end" > (SELECT a.text_length FROM claims_article a WHERE a.id = NEW.article_id)
        THEN
            RAISE EXCEPTION 'span %..% lies outside the text of article %',
                NEW.start, NEW."end", NEW.article_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    *(
        f"""
        CREATE TRIGGER claims_{table}_span_inside
        BEFORE INSERT OR UPDATE OF start, "end", article_id ON claims_{table}
        FOR EACH ROW EXECUTE FUNCTION claims_span_inside_article();
        """
        for table in ("sentence", "claim")
    ),
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claim_span_inside ON claims_claim;",
    "DROP TRIGGER IF EXISTS claims_sentence_span_inside ON claims_sentence;",
    "DROP FUNCTION IF EXISTS claims_span_inside_article();",
]

SQLITE = [
    f"""
    CREATE TRIGGER claims_{table}_span_inside_{name}
    BEFORE {event} ON claims_{table}
    WHEN NEW."end" > (SELECT text_length FROM claims_article WHERE id = NEW.article_id)
    BEGIN SELECT RAISE(ABORT, 'span lies outside the article text'); END;
    """
    for table in ("sentence", "claim")
    for name, event in (("insert", "INSERT"), ("update", 'UPDATE OF start, "end", article_id'))
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS claims_{table}_span_inside_{name};"
    for table in ("sentence", "claim")
    for name in ("insert", "update")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            # No parameters: the SQL holds literal % signs for RAISE.
            schema_editor.execute(statement, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("claims", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
