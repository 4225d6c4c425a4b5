"""The security audit log: one row per security-relevant event."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from apps.accounts.models import SecurityEvent, SecurityEventKind, User
from maigie.client_ip import client_ip


@dataclass(frozen=True)
class Client:
    """Where a request came from, as recorded in the audit log."""

    ip: str | None = None
    user_agent: str = ""

    @classmethod
    def from_request(cls, request: HttpRequest) -> Client:
        """The client of ``request``; the same address the rate limits count (``TRUSTED_PROXIES``)."""
        ip = client_ip(request) or None
        return cls(ip=ip, user_agent=request.META.get("HTTP_USER_AGENT", "")[:300])


def security_event_record(
    *,
    kind: SecurityEventKind,
    user: User | None = None,
    email: str = "",
    client: Client | None = None,
    actor: User | None = None,
    data: dict[str, Any] | None = None,
) -> SecurityEvent:
    """Append an event to the audit log (commits with the surrounding transaction, if any)."""
    client = client or Client()
    return SecurityEvent.objects.create(
        kind=kind,
        user=user,
        actor=actor,
        email=email or (user.email if user is not None else ""),
        ip_address=client.ip,
        user_agent=client.user_agent,
        data=data or {},
    )
