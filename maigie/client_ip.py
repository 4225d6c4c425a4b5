"""The client's IP address, for rate limits and the audit log: one rule everywhere.

``X-Forwarded-For`` is trusted only when the request comes from a proxy in ``TRUSTED_PROXIES``
(CIDR list; empty by default). Then the header is read right to left, skipping trusted proxies:
the first address that is not one is the client. Entries to its left were written by the client
itself and are ignored. Without trusted proxies the header is ignored: ``REMOTE_ADDR`` is the client.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache
from typing import Any

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _address(value: str) -> Address | None:
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def trusted_networks() -> tuple[Network, ...]:
    """``TRUSTED_PROXIES`` parsed (raises ``ValueError`` on a malformed entry)."""
    return _networks(tuple(settings.TRUSTED_PROXIES))


def client_ip(request: Any) -> str:
    """The client's address of a Django or DRF request (``""`` if the server gave none)."""
    meta = request.META
    remote = _address(meta.get("REMOTE_ADDR", ""))
    if remote is None:
        return ""
    networks = trusted_networks()

    def trusted(address: Address) -> bool:
        return any(address in network for network in networks)

    if not trusted(remote):
        return str(remote)
    client = remote
    for entry in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(entry)
        if address is None:  # a trusted proxy never writes this: stop at the last known hop
            break
        client = address
        if not trusted(address):
            break
    return str(client)
