"""Cached list pages and claim details: never stale after a write, never across roles.

The cache works only outside transactions, so these tests commit their data
(``transactional_db``). A response served from the cache runs no statement through
Django (the data version is read through libpq), which is how a hit is told apart.
"""

import time

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from claims.api.documents import _tables
from claims.api.response_cache import caching, data_version
from claims.models import Claim, ClaimStatus
from claims.services.workflow.assignment import claim_assign
from tests.api.conftest import client_for, make_claims

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the cache needs PostgreSQL"),
]

LIST = "/api/v1/claims/?page_size=5"


def _get(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, response.content
    return response, len(queries)


def _listed(client) -> dict[int, dict]:
    """The first list page's claims by id."""
    return {c["id"]: c for c in _get(client, LIST)[0].json()["results"]}


def _detail(claim) -> str:
    return f"/api/v1/claims/{claim.pk}/"


@pytest.fixture
def verified():
    return make_claims(3, status=ClaimStatus.VERIFIED)


def test_a_repeated_read_is_served_from_the_cache(anonymous, verified):
    first, first_queries = _get(anonymous, LIST)
    again, again_queries = _get(anonymous, LIST)
    assert again.content == first.content
    assert first_queries >= 1
    assert again_queries == 0
    detail, _ = _get(anonymous, _detail(verified[0]))
    cached, cached_queries = _get(anonymous, _detail(verified[0]))
    assert cached_queries == 0
    assert cached.content == detail.content
    assert cached["ETag"] == detail["ETag"]
    assert cached["Cache-Control"] == detail["Cache-Control"]
    conditional = anonymous.get(_detail(verified[0]), HTTP_IF_NONE_MATCH=detail["ETag"])
    assert conditional.status_code == 304


def _warm(client, *urls):
    for url in urls:
        _get(client, url)
        assert _get(client, url)[1] == 0, f"{url} was not cached"


@pytest.fixture
def open_claims():
    return make_claims(3, status=ClaimStatus.NEW)


def test_a_workflow_service_write_is_seen_at_once(editor, users, open_claims):
    claim = open_claims[0]
    _warm(editor, LIST, _detail(claim))
    claim_assign(claim_id=claim.pk, user=users["editor"], assignee=users["reviewer"])
    assert _get(editor, _detail(claim))[0].json()["assignee"] == "reviewer"
    listed = _listed(editor)
    assert listed[claim.pk]["assignee"] == "reviewer"


def test_an_orm_save_is_seen_at_once(anonymous, verified):
    claim = verified[1]
    _warm(anonymous, LIST, _detail(claim))
    claim.location = "Odesa"
    claim.save()
    assert _get(anonymous, _detail(claim))[0].json()["location"] == "Odesa"


def test_a_queryset_update_is_seen_at_once(anonymous, verified):
    """``update()`` moves neither ``version`` nor ``updated_at``; the triggers still see it."""
    claim = verified[0]
    _warm(anonymous, LIST, _detail(claim))
    Claim.objects.filter(pk=claim.pk).update(counted="balloons")
    assert _get(anonymous, _detail(claim))[0].json()["counted"] == "balloons"
    listed = _listed(anonymous)
    assert listed[claim.pk]["counted"] == "balloons"


def test_raw_sql_is_seen_at_once(anonymous, verified):
    claim = verified[2]
    _warm(anonymous, LIST, _detail(claim))
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Claim._meta.db_table} SET status = %s WHERE id = %s",
            [ClaimStatus.IN_REVIEW, claim.pk],
        )
    assert anonymous.get(_detail(claim)).status_code == 404
    listed = [c["id"] for c in _get(anonymous, LIST)[0].json()["results"]]
    assert claim.pk not in listed


def test_a_renamed_assignee_is_seen_at_once_and_a_login_keeps_the_cache(editor, users, open_claims):
    claim = open_claims[0]
    claim_assign(claim_id=claim.pk, user=users["editor"], assignee=users["reviewer"])
    _warm(editor, _detail(claim))
    before = data_version()
    user = users["reviewer"]
    user.last_login = user.date_joined
    user.save(update_fields=["last_login"])
    assert data_version() == before
    assert _get(editor, _detail(claim))[1] == 0
    user.username = "renamed"
    user.save(update_fields=["username"])
    assert data_version() > before
    assert _get(editor, _detail(claim))[0].json()["assignee"] == "renamed"


def test_a_rolled_back_write_leaves_the_version_and_the_cache_alone(anonymous, verified):
    _warm(anonymous, LIST)
    before = data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        Claim.objects.filter(pk=verified[0].pk).update(counted="never")
        raise RuntimeError
    assert data_version() == before
    assert _get(anonymous, LIST)[1] == 0


def test_the_desk_view_never_reaches_the_public(anonymous, reviewer, editor, users):
    unverified = make_claims(2, status=ClaimStatus.NEW)
    verified = make_claims(1, status=ClaimStatus.VERIFIED)[0]
    Claim.objects.filter(pk=verified.pk).update(assignee=users["reviewer"])
    _warm(editor, LIST, _detail(verified), _detail(unverified[0]))
    _warm(reviewer, LIST, _detail(verified))
    public_list, _ = _get(anonymous, LIST)
    assert [c["id"] for c in public_list.json()["results"]] == [verified.pk]
    assert public_list.json()["results"][0]["assignee"] is None
    public_detail, _ = _get(anonymous, _detail(verified))
    assert public_detail.json()["assignee"] is None
    assert anonymous.get(_detail(unverified[0])).status_code == 404
    # And the other way: a cached public page is not what the desk gets.
    desk_ids = {c["id"] for c in _get(reviewer, LIST)[0].json()["results"]}
    assert desk_ids == {verified.pk, *(c.pk for c in unverified)}


def test_a_token_holder_without_a_role_shares_the_public_view_only(anonymous, outsider, reviewer):
    make_claims(2, status=ClaimStatus.NEW)
    verified = make_claims(1, status=ClaimStatus.VERIFIED)[0]
    _warm(reviewer, LIST)
    assert [c["id"] for c in _get(outsider, LIST)[0].json()["results"]] == [verified.pk]
    assert _get(anonymous, LIST)[0].content == _get(outsider, LIST)[0].content


def test_assigned_to_me_is_each_callers_own(users, open_claims):
    first, second = users["reviewer"], users["second_reviewer"]
    claim_assign(claim_id=open_claims[0].pk, user=users["editor"], assignee=first)
    claim_assign(claim_id=open_claims[1].pk, user=users["editor"], assignee=second)
    url = "/api/v1/claims/?assignee=me"
    _warm(client_for(first), url)
    mine = _get(client_for(second), url)[0].json()["results"]
    assert [c["id"] for c in mine] == [open_claims[1].pk]


def test_the_next_link_keeps_the_host_it_was_asked_on(anonymous, verified, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver", "api.example.org"]
    _warm(anonymous, "/api/v1/claims/?page_size=1")
    other = _get(anonymous, "/api/v1/claims/?page_size=1", HTTP_HOST="api.example.org")[0]
    assert other.json()["next"].startswith("http://api.example.org/")


def test_nothing_is_cached_inside_a_transaction(anonymous, verified):
    with transaction.atomic():
        assert not caching()
        _get(anonymous, LIST)
        assert _get(anonymous, LIST)[1] >= 1
    assert caching()


def test_the_cache_can_be_switched_off(anonymous, verified, settings):
    settings.FACTCHECK_API_CACHE_SECONDS = 0
    _get(anonymous, LIST)
    assert _get(anonymous, LIST)[1] >= 1


def test_every_table_the_documents_read_moves_the_version():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE t.tgname LIKE 'api_data_version%%'"
        )
        watched = {row[0] for row in cursor.fetchall()}
    read = {name.strip('"') for name in _tables().values()}
    assert read <= watched


def test_a_truncate_moves_the_version(verified):
    before = data_version()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {Claim._meta.db_table} CASCADE")
    assert data_version() > before


def test_throttling_still_counts_requests_served_from_the_cache(anonymous, verified, settings):
    rates = dict(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], anonymous="3/minute")
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    codes = [anonymous.get(LIST).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


# --- Tokens remembered by the authentication --------------------------------------------


def test_a_deleted_token_is_refused_at_once_without_the_memory(users, verified, settings):
    settings.FACTCHECK_API_TOKEN_CACHE_SECONDS = 0
    client = client_for(users["reviewer"])
    assert client.get(LIST).status_code == 200
    Token.objects.filter(user=users["reviewer"]).delete()
    assert client.get(LIST).status_code == 401


def test_a_deleted_token_works_only_for_the_seconds_set(users, verified, settings):
    settings.FACTCHECK_API_TOKEN_CACHE_SECONDS = 1
    client = client_for(users["reviewer"])
    assert client.get(LIST).status_code == 200
    Token.objects.filter(user=users["reviewer"]).delete()
    assert client.get(LIST).status_code == 200
    time.sleep(1.1)
    assert client.get(LIST).status_code == 401


def test_a_lost_role_takes_effect_after_the_seconds_set(users, settings):
    settings.FACTCHECK_API_TOKEN_CACHE_SECONDS = 1
    unverified = make_claims(1, status=ClaimStatus.NEW)[0]
    client = client_for(users["reviewer"])
    assert client.get(_detail(unverified)).status_code == 200
    users["reviewer"].groups.remove(Group.objects.get(name="reviewer"))
    time.sleep(1.1)
    assert client.get(_detail(unverified)).status_code == 404


# --- The short ways around DRF and redis-py ---------------------------------------------


def test_json_is_chosen_without_accept_and_other_media_types_are_still_refused(anonymous):
    assert anonymous.get(LIST).status_code == 200
    assert anonymous.get(LIST, HTTP_ACCEPT="*/*")["Content-Type"] == "application/json"
    refused = anonymous.get(LIST, HTTP_ACCEPT="text/html")
    assert refused.status_code == 406
    assert refused.json()["code"] == "not_acceptable"


def test_the_throttle_connection_comes_back_after_redis_drops_it(anonymous, verified):
    from django.core.cache import caches

    from claims.api.throttling import hit

    cache = caches["default"]
    assert hit("reconnect-test", 60) == 1
    cache._throttle_connection._sock.close()  # as if Redis had closed it
    assert hit("reconnect-test", 60) == 2
    assert _get(anonymous, LIST)[0].status_code == 200


def test_a_store_leaves_its_reply_to_the_next_round_trip():
    from django.core.cache import caches

    from claims.api.throttling import round_trip

    cache = caches["default"]
    key, text = cache.make_key("unread-test"), cache.make_key("unread-text")
    stores = [("SET", key, b"stored", "EX", 60), ("SET", text, b"x", "EX", 60)]
    assert round_trip(cache, stores, replies=False) == []
    # A reply that is an error is dropped as well: INCR of a value that is not a number.
    round_trip(cache, [("INCR", text)], replies=False)
    assert round_trip(cache, [("GET", key), ("GET", text)]) == [b"stored", b"x"]
    assert round_trip(cache, [("EXISTS", key)]) == [1]


def test_the_version_read_is_prepared_once_and_again_after_the_session_drops_it(
    anonymous, verified
):
    def prepared() -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE name = 'api_data_version'"
            )
            return cursor.fetchone()[0] == 1

    first, _ = _get(anonymous, LIST)
    assert prepared()
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a pooler's DISCARD ALL would
    assert not prepared()
    again, again_queries = _get(anonymous, LIST)
    assert again.content == first.content
    # Served from the cache once the version was read again the plain way.
    assert again_queries == 0
    assert data_version() is not None
    assert prepared()
    Claim.objects.filter(pk=verified[0].pk).update(text="Changed after the drop.")
    assert "Changed after the drop." in str(_listed(anonymous))
