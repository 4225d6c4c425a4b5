"""Application metrics on /metrics: open WebSockets, assistant tokens and cost."""

from __future__ import annotations

import datetime as dt

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.test import Client
from prometheus_client import REGISTRY

from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from apps.assistant.services.usage import usage_reply_record
from maigie.asgi import application


def _sample(name: str, **labels: str) -> float:
    """A sample as scraped (the job collectors query the database: call it from sync code)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


_sockets = sync_to_async(lambda: _sample("maigie_websocket_connections", path="/ws/updates"))


@pytest.mark.django_db(transaction=True)
async def test_open_websockets_are_counted():
    user = await sync_to_async(UserFactory.create)()
    access = (await sync_to_async(token_pair_for)(user=user))["access"]
    before = await _sockets()

    communicator = WebsocketCommunicator(application, f"/ws/updates?token={access}")
    connected, _ = await communicator.connect()
    assert connected
    assert (await communicator.receive_json_from(timeout=5))["type"] == "hello"
    assert await _sockets() == before + 1

    await communicator.disconnect()
    assert await _sockets() == before


@pytest.mark.django_db
def test_assistant_tokens_and_cost_are_exposed(django_capture_on_commit_callbacks):
    user = UserFactory.create()
    before = _sample("maigie_ai_tokens_total", model="gpt-4o-mini", kind="prompt")

    with django_capture_on_commit_callbacks(execute=True):
        usage_reply_record(
            user=user, day=dt.date(2026, 1, 5), model="gpt-4o-mini", prompt_tokens=1_000_000, completion_tokens=0
        )

    assert _sample("maigie_ai_tokens_total", model="gpt-4o-mini", kind="prompt") == before + 1_000_000
    body = Client().get("/metrics").content.decode()
    assert 'maigie_ai_cost_usd_total{model="gpt-4o-mini"}' in body
    assert "maigie_websocket_connections" in body
