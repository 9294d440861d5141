"""Which addresses a webhook may be sent to: the public internet, never our own network.

A subscriber chooses the URL, so without these checks the workers could be made to
POST into the private network they run in (cloud metadata at 169.254.169.254, Redis
on loopback, internal services). A URL is checked when it is subscribed, for early and
precise feedback, and again at every delivery, where it counts: the host name is
resolved once, every address is checked, and the request goes to a checked address, so
a DNS answer that changes in between cannot redirect the request.

``FACTCHECK_WEBHOOK_ALLOWED_NETWORKS`` lists networks (CIDRs) that are allowed even so,
for a receiver inside the deployment, or the test suite's local servers.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from django.conf import settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

SCHEMES = {"http": 80, "https": 443}
# NAT64 embeds an IPv4 address in the last 32 bits; 64:ff9b::a00:1 reaches 10.0.0.1.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class UnsafeTarget(ValueError):
    """The URL or an address it resolves to may not receive webhooks."""


@dataclass(frozen=True)
class Target:
    """A URL taken apart, with the checked addresses to connect to."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...] = ()


def parse(url: str) -> Target:
    """Take the URL apart; refuse other schemes, credentials and missing hosts."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # e.g. an unclosed IPv6 bracket
        raise UnsafeTarget(f"The URL cannot be read: {exc}.") from exc
    if parts.scheme not in SCHEMES:
        raise UnsafeTarget("Only http and https URLs can receive webhooks.")
    if parts.username is not None or parts.password is not None:
        raise UnsafeTarget("The URL must not carry a user name or password.")
    if not parts.hostname:
        raise UnsafeTarget("The URL has no host.")
    try:
        port = parts.port or SCHEMES[parts.scheme]
    except ValueError as exc:
        raise UnsafeTarget("The URL's port is not a number from 1 to 65535.") from exc
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme=parts.scheme, host=parts.hostname, port=port, path=path)


def resolve(url: str) -> Target:
    """The target with every address its host resolves to, all of them checked.

    Raises ``UnsafeTarget`` if any address is refused (one bad address is enough: the
    connection could land on it), and ``OSError`` if the name does not resolve.
    """
    target = parse(url)
    infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM)
    addresses = tuple(dict.fromkeys(info[4][0] for info in infos))
    for address in addresses:
        check_address(address, host=target.host)
    return replace(target, addresses=addresses)


def check_subscription_url(url: str) -> None:
    """Refuse a URL that could never be delivered to, when it is subscribed.

    A host that does not resolve yet is accepted: the receiver may not be deployed yet,
    and every delivery checks again.
    """
    try:
        resolve(url)
    except (OSError, UnicodeError):
        return


def check_address(address: str, *, host: str = "") -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 zone id
    if _allowed(ip):
        return
    reason = refusal_reason(ip)
    if reason:
        subject = address if host in ("", address) else f"{host} resolves to {address}, which"
        raise UnsafeTarget(
            f"{subject} {reason}; webhooks only go to public addresses "
            "(see FACTCHECK_WEBHOOK_ALLOWED_NETWORKS)."
        )


def refusal_reason(ip: IPAddress) -> str:
    """Why an address may not receive webhooks, or "" for a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or _nat64(ip)
        if embedded is not None:
            reason = refusal_reason(embedded)
            return f"embeds {embedded}, which {reason}" if reason else ""
    checks = [
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address (cloud metadata lives there)"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    ]
    return next((f"is {reason}" for refused, reason in checks if refused), "")


def _nat64(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _allowed(ip: IPAddress) -> bool:
    allowed = settings.FACTCHECK_WEBHOOK_ALLOWED_NETWORKS
    networks = [ipaddress.ip_network(network, strict=False) for network in allowed]
    forms = [ip]
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        forms.append(ip.ipv4_mapped)
    return any(form in network for form in forms for network in networks)
