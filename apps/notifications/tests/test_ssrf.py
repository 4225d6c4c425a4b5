"""Push endpoints whose host resolves to a private address are refused, at registration and at send time."""

from __future__ import annotations

import socket
from typing import Any

import pytest
from django.test import override_settings

from apps.notifications.models import Channel, Delivery, DeliveryStatus, Kind
from apps.notifications.services.delivery import Message, notify, push_deliver
from apps.notifications.tests.pushserver import Browser, b64url

BROWSER = Browser()
KEYS = {"p256dh": BROWSER.p256dh, "auth": b64url(BROWSER.auth)}


@pytest.fixture
def dns(monkeypatch):
    """The system resolver answering from a table: host name -> addresses (others resolve as usual)."""
    table: dict[str, list[str]] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host in table:
            return [
                (socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                for a in table[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return table


@pytest.mark.django_db
@pytest.mark.parametrize(
    "addresses",
    [["10.1.2.3"], ["192.168.0.10"], ["169.254.169.254"], ["93.184.216.34", "172.16.0.1"], ["fd00::1"], ["127.0.0.1"]],
)
@override_settings(PUSH_ALLOW_LOOPBACK_HTTP=False)
def test_a_name_resolving_to_a_private_address_is_refused(auth_client, dns, addresses):
    dns["push.attacker.example"] = addresses
    answer = auth_client.post(
        "/api/v1/devices/", {"endpoint": "https://push.attacker.example/x", "keys": KEYS}, format="json"
    )
    assert answer.status_code == 400
    assert answer.json()["error"]["details"]["endpoint"] == ["A push endpoint must be a public https URL."]


@pytest.mark.django_db
def test_a_public_name_is_accepted_and_localhost_only_in_test_settings(auth_client, dns):
    dns["push.example.net"] = ["93.184.216.34", "2606:2800:220:1::1"]
    public = auth_client.post(
        "/api/v1/devices/", {"endpoint": "https://push.example.net/a", "keys": KEYS}, format="json"
    )
    local = auth_client.post("/api/v1/devices/", {"endpoint": "http://localhost:9/a", "keys": KEYS}, format="json")
    plain = auth_client.post("/api/v1/devices/", {"endpoint": "http://push.example.net/b", "keys": KEYS}, format="json")
    assert (public.status_code, local.status_code, plain.status_code) == (201, 201, 400)
    with override_settings(PUSH_ALLOW_LOOPBACK_HTTP=False):
        again = auth_client.post("/api/v1/devices/", {"endpoint": "http://localhost:9/b", "keys": KEYS}, format="json")
    assert again.status_code == 400


@pytest.mark.django_db
def test_a_name_rebound_to_a_private_address_after_registration_is_not_sent_to(
    auth_client, user, dns, vapid_public_key
):
    dns["push.rebind.example"] = ["93.184.216.34"]
    answer = auth_client.post(
        "/api/v1/devices/", {"endpoint": "https://push.rebind.example/x", "keys": KEYS}, format="json"
    )
    assert answer.status_code == 201
    notify(user=user, message=Message(kind=Kind.NUDGES, key="nudge:rebind", title="Hi"))
    delivery = Delivery.objects.get(channel=Channel.PUSH)

    dns["push.rebind.example"] = ["127.0.0.1"]  # the attacker's DNS now points at the server itself
    with override_settings(PUSH_ALLOW_LOOPBACK_HTTP=False):
        assert push_deliver(delivery_id=str(delivery.pk)) == DeliveryStatus.FAILED

    delivery.refresh_from_db()
    assert delivery.last_error == "endpoint refused: A push endpoint must be a public https URL."
