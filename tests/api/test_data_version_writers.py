"""The data version moves at commit time: writers do not queue on it, readers never see
a new number without the data it stands for.

Each test drives writers through connections of its own (psycopg, autocommit off), the
way concurrent web and worker processes would; the API is read through Django's.
``lock_timeout`` makes a writer that would wait on another fail at once instead of
hanging the suite.
"""

import psycopg
import pytest
from django.db import connection

from claims.api.response_cache import data_version
from claims.models import Claim, ClaimStatus
from tests.api.conftest import make_claims

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the triggers need PostgreSQL"),
]

CLAIMS = Claim._meta.db_table


@pytest.fixture
def writer():
    """Opens writer connections to the test database; closes them after the test."""
    settings = connection.settings_dict
    opened = []

    def open_writer() -> psycopg.Connection:
        conn = psycopg.connect(
            dbname=settings["NAME"],
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"] or None,
            password=settings["PASSWORD"] or None,
        )
        conn.execute("SET lock_timeout = '2s'")
        conn.commit()
        opened.append(conn)
        return conn

    yield open_writer
    for conn in opened:
        conn.close()


@pytest.fixture
def verified():
    return make_claims(3, status=ClaimStatus.VERIFIED)


def _set_location(conn, claim, place: str) -> None:
    conn.execute(f"UPDATE {CLAIMS} SET location = %s WHERE id = %s", [place, claim.pk])


def _detail(client, claim) -> dict:
    response = client.get(f"/api/v1/claims/{claim.pk}/")
    assert response.status_code == 200, response.content
    return response.json()


def test_two_writers_do_not_wait_for_each_other_before_commit(writer, verified):
    first, second = writer(), writer()
    _set_location(first, verified[0], "Kyiv")
    # Under a lock held until commit this would fail on lock_timeout.
    _set_location(second, verified[1], "Lviv")
    second.commit()
    first.commit()
    assert set(
        Claim.objects.filter(pk__in=[verified[0].pk, verified[1].pk]).values_list(
            "location", flat=True
        )
    ) == {"Kyiv", "Lviv"}


def test_the_version_moves_at_commit_and_the_cache_serves_the_new_data(writer, verified, anonymous):
    claim = verified[0]
    _detail(anonymous, claim)
    before = data_version()
    conn = writer()
    _set_location(conn, claim, "Odesa")
    assert data_version() == before, "an uncommitted write moved the version"
    assert _detail(anonymous, claim)["location"] != "Odesa"
    conn.commit()
    assert data_version() > before
    assert _detail(anonymous, claim)["location"] == "Odesa"


def test_either_of_two_concurrent_writers_moves_the_version_on_commit(writer, verified, anonymous):
    first, second = writer(), writer()
    _detail(anonymous, verified[0])
    _detail(anonymous, verified[1])
    _set_location(first, verified[0], "Kharkiv")
    _set_location(second, verified[1], "Dnipro")
    before = data_version()
    second.commit()
    after_second = data_version()
    assert after_second > before
    assert _detail(anonymous, verified[1])["location"] == "Dnipro"
    first.commit()
    assert data_version() > after_second
    assert _detail(anonymous, verified[0])["location"] == "Kharkiv"


def test_a_transaction_moves_the_version_once_however_many_statements(writer, verified):
    conn = writer()
    before = data_version()
    for place in ["Sumy", "Poltava", "Chernihiv"]:
        for claim in verified:
            _set_location(conn, claim, place)
    pending = conn.execute("SELECT count(*) FROM api_data_version_pending").fetchone()[0]
    assert pending == 1
    conn.commit()
    assert data_version() == before + 1
    assert conn.execute("SELECT count(*) FROM api_data_version_pending").fetchone()[0] == 0


def test_a_rolled_back_write_does_not_move_the_version(writer, verified):
    conn = writer()
    before = data_version()
    _set_location(conn, verified[0], "nowhere")
    conn.rollback()
    assert data_version() == before
    assert conn.execute("SELECT count(*) FROM api_data_version_pending").fetchone()[0] == 0


def test_a_write_in_a_rolled_back_savepoint_does_not_move_the_version(writer, verified):
    conn = writer()
    before = data_version()
    conn.execute("SAVEPOINT attempt")
    _set_location(conn, verified[0], "nowhere")
    conn.execute("ROLLBACK TO SAVEPOINT attempt")
    conn.commit()
    assert data_version() == before


def test_a_write_after_a_rolled_back_savepoint_still_moves_the_version(writer, verified, anonymous):
    """The savepoint's rollback undoes the note that the version must move; the
    transaction's next write has to note it again."""
    conn = writer()
    _detail(anonymous, verified[0])
    before = data_version()
    conn.execute("SAVEPOINT attempt")
    _set_location(conn, verified[0], "nowhere")
    conn.execute("ROLLBACK TO SAVEPOINT attempt")
    _set_location(conn, verified[0], "Uzhhorod")
    conn.commit()
    assert data_version() > before
    assert _detail(anonymous, verified[0])["location"] == "Uzhhorod"


def test_a_statement_on_many_rows_notes_the_write_once(writer):
    """One row in the note table per transaction, not one per row written: the deferred
    trigger fires once at commit, however large the insert."""
    make_claims(30, status=ClaimStatus.VERIFIED)
    conn = writer()
    before = data_version()
    conn.execute(f"UPDATE {CLAIMS} SET counted = 'drones'")
    conn.execute(f"DELETE FROM {CLAIMS} WHERE false")  # no rows: a write all the same
    assert conn.execute("SELECT count(*) FROM api_data_version_pending").fetchone()[0] == 1
    conn.commit()
    assert data_version() == before + 1
