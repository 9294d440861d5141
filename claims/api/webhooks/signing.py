"""The signature a receiver checks: HMAC-SHA256 over the timestamp and the body.

Headers sent with every delivery:

- ``X-Factcheck-Timestamp``: Unix seconds when the request was signed;
- ``X-Factcheck-Signature``: ``sha256=<hex>`` of HMAC-SHA256(secret, timestamp + "." + body).

Signing the timestamp with the body lets a receiver refuse replays of old requests.
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Factcheck-Signature"
TIMESTAMP_HEADER = "X-Factcheck-Timestamp"
EVENT_HEADER = "X-Factcheck-Event"
DELIVERY_HEADER = "X-Factcheck-Delivery"


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode("ascii") + b"." + body
    digest = hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(*, secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """What a receiver does; used by the tests, and handy to copy into a consumer."""
    try:
        expected = sign(secret=secret, timestamp=int(timestamp), body=body)
    except ValueError:
        return False
    return hmac.compare_digest(expected, signature)
