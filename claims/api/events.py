"""Change events, recorded from claim and verdict history as the workflow writes it.

Every workflow service saves through the models, and every save of a claim or verdict
adds a history row. A history row whose claim status differs from the one before it,
or whose verdict became (or stopped being) the current one, becomes a ``ChangeEvent``
in the same transaction; webhook deliveries for it are created beside it and sent
once the transaction commits.
"""

from __future__ import annotations

from django.db import connection
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from claims.api.selectors import history_model
from claims.api.webhooks.services import deliveries_create
from claims.models import ChangeEvent, Claim, Verdict


@receiver(post_create_historical_record, dispatch_uid="claims_api_change_events")
def record_change_event(sender, instance, history_instance, history_user=None, **kwargs):
    if isinstance(instance, Claim):
        _claim_saved(instance, history_instance, history_user)
    elif isinstance(instance, Verdict):
        _verdict_saved(instance, history_instance, history_user)


def _claim_saved(claim: Claim, record, user) -> None:
    if record.history_type != "~":
        return
    previous = (
        history_model(Claim)
        .objects.filter(id=claim.pk, history_id__lt=record.history_id)
        .order_by("-history_id")
        .values_list("status", flat=True)
        .first()
    )
    if previous is None or previous == claim.status:
        return
    rating = _current_rating(claim.pk)
    event_create(
        type=ChangeEvent.Type.STATUS_CHANGED,
        claim_id=claim.pk,
        status=claim.status,
        previous_status=previous,
        rating=rating,
        previous_rating=rating,
        version=claim.version,
        actor=user,
    )


def _verdict_saved(verdict: Verdict, record, user) -> None:
    was_current = (
        history_model(Verdict)
        .objects.filter(id=verdict.pk, history_id__lt=record.history_id)
        .order_by("-history_id")
        .values_list("is_current", flat=True)
        .first()
    )
    if bool(was_current) == verdict.is_current or record.history_type == "-":
        return
    status, version = Claim.objects.values_list("status", "version").get(pk=verdict.claim_id)
    last = (
        ChangeEvent.objects.filter(claim_id=verdict.claim_id)
        .order_by("-txid", "-id")
        .values_list("rating", flat=True)
        .first()
    )
    event_create(
        type=ChangeEvent.Type.VERDICT_CHANGED,
        claim_id=verdict.claim_id,
        status=status,
        previous_status=status,
        rating=verdict.rating if verdict.is_current else _current_rating(verdict.claim_id),
        previous_rating=last or "",
        version=version,
        actor=user,
    )


def _current_rating(claim_id: int) -> str:
    current = Verdict.objects.filter(claim_id=claim_id, is_current=True)
    return current.values_list("rating", flat=True).first() or ""


def event_create(**fields) -> ChangeEvent:
    """Store one event with its transaction id and queue its webhook deliveries."""
    if not getattr(fields.get("actor"), "pk", None):
        fields["actor"] = None
    event = ChangeEvent.objects.create(txid=current_txid(), **fields)
    deliveries_create(event=event)
    return event


def current_txid() -> int:
    """The id of the running PostgreSQL transaction; 0 elsewhere (SQLite writes one at a time)."""
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_xact_id()::text::bigint")
        return cursor.fetchone()[0]


def feed_horizon() -> int | None:
    """Transactions below this id that write to this database have all finished.

    The bound is the oldest transaction of this database that is still running (other
    databases on the server do not hold the feed back), or, with none running, the
    snapshot's xmax (or past the caller's own transaction, whose events it sees). A
    transaction that has not written yet will get a larger id than any event stored.
    This needs the web and worker processes to connect as one database role, whose
    sessions' transaction ids ``pg_stat_activity`` shows.
    """
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(HORIZON_SQL)
        return cursor.fetchone()[0]


# xip holds 64-bit ids, pg_stat_activity 32-bit ones: they are matched on the low bits.
HORIZON_SQL = """
SELECT COALESCE(
    (SELECT min(x::text::bigint)
       FROM pg_snapshot_xip(pg_current_snapshot()) AS x
      WHERE x::text::bigint % 4294967296 IN (
            SELECT backend_xid::text::bigint FROM pg_stat_activity
             WHERE datname = current_database() AND backend_xid IS NOT NULL)),
    GREATEST(
        pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
        pg_current_xact_id_if_assigned()::text::bigint + 1))
"""
