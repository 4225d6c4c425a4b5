"""Real daphne processes: HTTP and WebSockets on one port, events across processes."""

import asyncio
import json
import urllib.request

import pytest
import websockets

from apps.accounts.services import token_pair_for
from maigie import testing
from maigie.realtime.publish import send_now

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def start_server():
    processes = []

    def start() -> str:
        port = testing.free_port()
        processes.append(testing.start_daphne(env=testing.subprocess_env(), port=port))
        return f"127.0.0.1:{port}"

    yield start
    for process in processes:
        testing.stop_process(process)


@pytest.fixture
def server(start_server):
    return start_server()


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
    assert hello == {"type": "hello", "user_id": str(user.pk), "seq": 0}
    assert pong == {"type": "pong"}


def test_websocket_with_a_bad_token_is_closed_with_4401(server):
    async def attempt():
        async with websockets.connect(f"ws://{server}/ws/updates?token=forged") as ws:
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await ws.recv()
            assert closed.value.rcvd is not None
            return closed.value.rcvd.code

    assert asyncio.run(attempt()) == 4401


def test_an_event_published_elsewhere_reaches_clients_on_two_other_processes(start_server, user):
    server_a, server_b = start_server(), start_server()
    access = token_pair_for(user=user)["access"]

    async def listen_on_both():
        async with (
            websockets.connect(f"ws://{server_a}/ws/updates?token={access}") as on_a,
            websockets.connect(f"ws://{server_b}/ws/updates?token={access}") as on_b,
        ):
            await on_a.recv()
            await on_b.recv()
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(None, lambda: send_now(user_id=user.pk, event="goal.updated", data={"n": 1}))
            return json.loads(await on_a.recv()), json.loads(await on_b.recv())

    frame_a, frame_b = asyncio.run(listen_on_both())
    assert frame_a == frame_b
    assert (frame_a["event"], frame_a["seq"], frame_a["data"]) == ("goal.updated", 1, {"n": 1})
