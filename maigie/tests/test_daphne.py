"""Real daphne processes: HTTP and WebSockets on one port, events across processes."""

import asyncio
import contextlib
import json
import urllib.error
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


def test_an_idle_websocket_outlives_every_redis_timeout_and_still_gets_events(user):
    """redis-py's default 5 s read timeout equalled channels_redis's 5 s blocking read: idle sockets died (1011)."""
    port = testing.free_port()
    env = {**testing.subprocess_env(), "REDIS_SOCKET_TIMEOUT": "1"}  # channel-layer reads then time out after 8 s
    process = testing.start_daphne(env=env, port=port)
    access = token_pair_for(user=user)["access"]

    async def idle_then_receive():
        async with websockets.connect(f"ws://127.0.0.1:{port}/ws/updates?token={access}") as ws:
            await ws.recv()
            loop = asyncio.get_running_loop()
            idle_until = loop.time() + 12
            while (left := idle_until - loop.time()) > 0:  # 12 s of nothing but the heartbeat: no close, no error
                with contextlib.suppress(TimeoutError):
                    assert json.loads(await asyncio.wait_for(ws.recv(), timeout=left))["type"] == "ping"
            await loop.run_in_executor(None, lambda: send_now(user_id=user.pk, event="goal.updated", data={"n": 2}))
            while (frame := json.loads(await asyncio.wait_for(ws.recv(), timeout=5)))["type"] == "ping":
                pass
            return frame

    try:
        frame = asyncio.run(idle_then_receive())
    finally:
        testing.stop_process(process)
    assert (frame["event"], frame["data"]) == ("goal.updated", {"n": 2})


def test_a_frame_over_the_size_limit_is_answered_with_close_1009(server, user):
    """daphne used to drop the TCP connection of a 5 MB frame without a close code."""
    access = token_pair_for(user=user)["access"]

    async def send_and_read(ws, frame: str) -> None:
        await ws.send(frame)
        await ws.recv()

    async def send_too_much():
        async with websockets.connect(f"ws://{server}/ws/updates?token={access}", max_size=None) as ws:
            await ws.recv()
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await send_and_read(ws, json.dumps({"type": "ping", "x": "x" * 5_000_000}))
            assert closed.value.rcvd is not None
            return closed.value.rcvd.code

    assert asyncio.run(send_too_much()) == 1009


@pytest.mark.parametrize("body", [b"--X--\r\n", b"garbage", b"--X\r\nContent-Disposition: form-data\r\n\r\n"])
def test_a_form_body_daphne_cannot_parse_reaches_django_and_gets_the_error_shape(server, user, body):
    """Twisted used to answer these with a bare 400 (no type, no body) before Django saw them."""
    request = urllib.request.Request(
        f"http://{server}/api/v1/auth/logout",
        data=body,
        method="POST",
        headers={"Content-Type": "multipart/form-data; boundary=X"},
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(request)  # noqa: S310

    assert answer.value.code == 415  # Django answered: this endpoint reads JSON only
    assert answer.value.headers["Content-Type"] == "application/json"
    assert set(json.load(answer.value)["error"]) == {"code", "message", "details", "request_id"}
