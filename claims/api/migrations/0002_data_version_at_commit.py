"""The data version moves at commit time, so writers no longer queue on its row.

With 0001 every statement on a watched table updated the version row at once, which
locked the row from a transaction's first write until it committed: writing
transactions ran one after the other, and one that wrote and then waited on another
lock could deadlock with a writer waiting on the version row.

Now the statement-level triggers of 0001 (same names, same tables, TRUNCATE included)
only note, once per transaction, that the version must move: they insert a row into
``api_data_version_pending``, remembering with a transaction-local setting that they
did. A deferred constraint trigger on that table fires at commit, after the
transaction's own statements and within it, bumps the version and deletes the note.
The new number and the data therefore become visible together, and the version row is
locked only for the end of a commit. A savepoint rolled back undoes the note and the
setting together; a transaction rolled back never fires the trigger.

Constraint triggers exist only per row, which is why the watched tables keep their
statement-level triggers and the per-row one sits on the note table: a bulk insert of
thousands of rows queues one deferred event, not thousands.
"""

from django.db import migrations

NOTED = "factcheck.data_version_noted"

FORWARD = f"""
CREATE TABLE api_data_version_pending (
    transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id()
);
-- Called by the statement-level triggers of 0001 on every watched table.
CREATE OR REPLACE FUNCTION api_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('{NOTED}', true) IS DISTINCT FROM 'on' THEN
        PERFORM set_config('{NOTED}', 'on', true);
        INSERT INTO api_data_version_pending DEFAULT VALUES;
    END IF;
    RETURN NULL;
END
$$;
CREATE FUNCTION api_bump_data_version_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE api_data_version SET version = version + 1 WHERE id = 1;
    DELETE FROM api_data_version_pending WHERE transaction_id = pg_current_xact_id();
    RETURN NULL;
END
$$;
CREATE CONSTRAINT TRIGGER api_data_version_at_commit AFTER INSERT
ON api_data_version_pending DEFERRABLE INITIALLY DEFERRED
FOR EACH ROW EXECUTE FUNCTION api_bump_data_version_at_commit();
"""

BACKWARD = """
DROP TRIGGER api_data_version_at_commit ON api_data_version_pending;
DROP FUNCTION api_bump_data_version_at_commit();
DROP TABLE api_data_version_pending;
CREATE OR REPLACE FUNCTION api_bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE api_data_version SET version = version + 1 WHERE id = 1;
    RETURN NULL;
END
$$;
"""


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("claims_api", "0001_data_version")]

    operations = [migrations.RunPython(forward, backward)]
