"""Signals other parts of factcheck can listen to."""

from django.dispatch import Signal

# Sent once the transaction that moved a claim has committed, never for a refused or
# rolled-back change. Arguments: claim_id, action, from_status, to_status, user_id.
# Receivers do follow-up work (notifications, caches, feeds), ideally by enqueueing a task.
claim_transitioned = Signal()
