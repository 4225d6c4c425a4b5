"""Root fixtures: API clients, users, a real Celery worker; stops the test services at the end."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from channels.testing import WebsocketCommunicator
from rest_framework.test import APIClient

from apps.accounts.services import token_pair_for
from apps.accounts.services.activity import activity_record
from apps.accounts.tests.factories import UserFactory
from maigie import testing


def pytest_configure(config: pytest.Config) -> None:
    """Start the embedded services the test settings point at (the first process of a run owns them)."""
    from maigie import embedded

    embedded.ensure_services()


def pytest_unconfigure(config: pytest.Config) -> None:
    """Stop the embedded services this test run started, and remove their data."""
    if os.environ.get("MAIGIE_TEST_SERVICES_OWNER") != str(os.getpid()):
        return
    from maigie import embedded

    var_dir = Path(os.environ["MAIGIE_VAR_DIR"])
    embedded.stop_redis(var_dir)
    embedded.stop_postgres(var_dir)
    if testing.is_test_var_dir(var_dir):  # never a directory the run did not make (e.g. the checkout)
        shutil.rmtree(var_dir, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every async test ends the socket apps it opened (see :func:`_end_open_sockets`)."""
    for item in items:
        if isinstance(item, pytest.Function) and inspect.iscoroutinefunction(item.obj):
            item.add_marker(pytest.mark.usefixtures("_end_open_sockets"))


@pytest.fixture
async def _end_open_sockets(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[None]:
    """Disconnect, after the test, each WebSocket app it left running, while the loop still runs.

    A socket app left to the event loop's teardown is cancelled there, and a CI run once hung in that
    cancellation; a disconnect ends it the way a closing browser does.
    """
    opened: list[WebsocketCommunicator] = []
    original_init = WebsocketCommunicator.__init__

    def tracked_init(self: WebsocketCommunicator, *args: Any, **kwargs: Any) -> None:
        original_init(self, *args, **kwargs)
        opened.append(self)

    monkeypatch.setattr(WebsocketCommunicator, "__init__", tracked_init)
    yield
    for communicator in opened:
        if communicator.future.done():
            continue
        await communicator.send_input({"type": "websocket.disconnect", "code": 1000})
        await asyncio.wait([communicator.future], timeout=5)
        if not communicator.future.done():
            communicator.future.cancel()
            await asyncio.wait([communicator.future], timeout=5)


@pytest.fixture(autouse=True)
def _reset_rate_limits() -> Iterator[None]:
    """Rate-limit counters, activity markers, idempotency keys, cached reads: in Redis, reset per test."""
    yield
    from django_redis import get_redis_connection

    connection = get_redis_connection("default")
    for pattern in ("maigie:throttle:*", "maigie:*:active:*", "maigie:idempotency:*", "maigie:cache:*"):
        keys = list(connection.scan_iter(match=pattern, count=1000))
        if keys:
            connection.delete(*keys)


@pytest.fixture
def user(db: Any) -> Any:
    return UserFactory.create()


@pytest.fixture
def other_user(db: Any) -> Any:
    return UserFactory.create()


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def auth_client(user: Any) -> APIClient:
    """An API client authenticated as ``user`` (already active today) with a real access token.

    The once-a-day activity write happens here, so the requests a test measures show only their own queries.
    """
    activity_record(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_pair_for(user=user)['access']}")
    return client


@pytest.fixture
def celery_worker_process(transactional_db: Any) -> Iterator[subprocess.Popen[bytes]]:
    """A real ``celery worker`` process for one test, on this run's Redis and test database.

    It depends on ``transactional_db``, so it has stopped before the database is flushed
    (see ``testing.running_worker``).
    """
    with testing.running_worker() as process:
        yield process
