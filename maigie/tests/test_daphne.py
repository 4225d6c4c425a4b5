"""The real server: daphne serves HTTP and ``/ws/updates`` on one port."""

import asyncio
import json
import urllib.request

import pytest
import websockets

from apps.accounts.services import token_pair_for
from maigie import testing

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def server():
    port = testing.free_port()
    process = testing.start_daphne(env=testing.subprocess_env(), port=port)
    yield f"127.0.0.1:{port}"
    testing.stop_process(process)


def test_http_and_websocket_on_one_port(server, user):
    with urllib.request.urlopen(f"http://{server}/health/live") as response:
        assert json.load(response) == {"status": "ok"}
        assert response.headers["X-Request-ID"]
    access = token_pair_for(user=user)["access"]

    async def exchange():
        async with websockets.connect(f"ws://{server}/ws/updates?token={access}") as ws:
            hello = json.loads(await ws.recv())
            await ws.send(json.dumps({"type": "ping"}))
            return hello, json.loads(await ws.recv())

    hello, pong = asyncio.run(exchange())
    assert hello == {"type": "hello", "user_id": str(user.pk)}
    assert pong == {"type": "pong"}


def test_websocket_with_a_bad_token_is_closed_with_4401(server):
    async def attempt():
        async with websockets.connect(f"ws://{server}/ws/updates?token=forged") as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None
            return closed.value.rcvd.code

    assert asyncio.run(attempt()) == 4401
