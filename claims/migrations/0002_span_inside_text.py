"""Database triggers: every sentence and claim span lies inside its article's text.

A check constraint cannot look at another table, so the invariant is a trigger, written
once for PostgreSQL and once for SQLite.
"""

from django.db import migrations

POSTGRESQL = [
    """
    CREATE OR REPLACE FUNCTION claims_span_inside_article() RETURNS trigger AS $$
    DECLARE
        body text;
    BEGIN
        SELECT a.text INTO body FROM claims_article a WHERE a.id = NEW.article_id;
        IF NEW."end" > char_length(body) THEN
            RAISE EXCEPTION 'span %..% lies outside the text of article %',
                NEW.start, NEW."end", NEW.article_id USING ERRCODE = 'check_violation';
        END IF;
        IF TG_TABLE_NAME = 'claims_claim'
           AND to_jsonb(NEW)->>'text' IS DISTINCT FROM
               substr(body, NEW.start + 1, NEW."end" - NEW.start) THEN
            RAISE EXCEPTION 'claim text differs from the article text at %..%',
                NEW.start, NEW."end" USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER claims_sentence_span_inside
    BEFORE INSERT OR UPDATE OF start, "end", article_id ON claims_sentence
    FOR EACH ROW EXECUTE FUNCTION claims_span_inside_article();
    """,
    """
    CREATE TRIGGER claims_claim_span_inside
    BEFORE INSERT OR UPDATE OF start, "end", text, article_id ON claims_claim
    FOR EACH ROW EXECUTE FUNCTION claims_span_inside_article();
    """,
]
POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS claims_claim_span_inside ON claims_claim;",
    "DROP TRIGGER IF EXISTS claims_sentence_span_inside ON claims_sentence;",
    "DROP FUNCTION IF EXISTS claims_span_inside_article();",
]

SQLITE_CONDITION = {
    "sentence": """NEW."end" > (SELECT length(text) FROM claims_article WHERE id = NEW.article_id)""",
    "claim": """NEW."end" > (SELECT length(text) FROM claims_article WHERE id = NEW.article_id)
        OR NEW.text IS NOT (SELECT substr(text, NEW.start + 1, NEW."end" - NEW.start)
                            FROM claims_article WHERE id = NEW.article_id)""",
}
# Only changes to the span itself need the check; status updates skip it.
SQLITE_EVENTS = {
    "INSERT": "INSERT",
    "UPDATE": 'UPDATE OF start, "end", article_id',
}
SQLITE = [
    f"""
    CREATE TRIGGER claims_{table}_span_inside_{event.lower()}
    BEFORE {SQLITE_EVENTS[event]}{", text" if table == "claim" and event == "UPDATE" else ""}
    ON claims_{table}
    WHEN {condition}
    BEGIN SELECT RAISE(ABORT, 'span lies outside the article text'); END;
    """
    for table, condition in SQLITE_CONDITION.items()
    for event in ("INSERT", "UPDATE")
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS claims_{table}_span_inside_{event};"
    for table in SQLITE_CONDITION
    for event in ("insert", "update")
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
