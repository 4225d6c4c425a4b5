"""Realtime benchmark: many held ``/ws/updates`` connections, publish-to-receive latency.

    python -m bench.realtime [--connections 1000] [--users 100] [--hold 60] [--samples 300]

Starts one daphne process on the project (on fresh embedded services unless DATABASE_URL and
REDIS_URL are set), opens the connections, holds them while answering heartbeats, and measures
the latency of per-user events against a raw Redis pub/sub round trip on the same Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import psutil
import websockets

from bench.common import percentile, setup_django, stop_embedded_services


@dataclass
class Client:
    user_id: str
    socket: Any
    closed_unexpectedly: bool = False
    close_reason: str = ""
    received: dict[str, float] = field(default_factory=dict)


async def _pump(client: Client, stopping: asyncio.Event, waiters: dict[str, asyncio.Future[float]]) -> None:
    try:
        async for raw in client.socket:
            frame = json.loads(raw)
            if frame.get("type") == "ping":
                await client.socket.send('{"type": "pong"}')
            elif frame.get("type") == "event":
                nonce = frame["data"].get("nonce")
                waiter = waiters.get(nonce)
                if waiter is not None and not waiter.done():
                    waiter.set_result(time.perf_counter())
    except websockets.ConnectionClosed as exc:
        # Who closed and why: the server's code (rcvd) or this client's own (sent, e.g. 1011 when
        # the library's keepalive ping went unanswered), so a drop can be attributed.
        received = f"server {exc.rcvd.code} {exc.rcvd.reason!r}" if exc.rcvd else "server -"
        client.close_reason = f"{received}; client {exc.sent.code if exc.sent else '-'}"
    if not stopping.is_set():
        client.closed_unexpectedly = True


async def _redis_round_trips(redis_url: str, samples: int) -> list[float]:
    import redis.asyncio as aioredis

    client = aioredis.Redis.from_url(redis_url)
    pubsub = client.pubsub()
    await pubsub.subscribe("bench:roundtrip")
    await pubsub.get_message(timeout=1)  # subscription confirmation
    latencies = []
    for _ in range(samples):
        started = time.perf_counter()
        await client.publish("bench:roundtrip", "x")
        while (await pubsub.get_message(timeout=5, ignore_subscribe_messages=True)) is None:
            pass
        latencies.append((time.perf_counter() - started) * 1000)
    await pubsub.aclose()
    await client.aclose()
    return latencies


async def _run(args: argparse.Namespace, server: str, tokens: dict[str, str], daphne: psutil.Process) -> None:
    from django.conf import settings

    from maigie.realtime.publish import send_now

    rss_idle = daphne.memory_info().rss
    stopping = asyncio.Event()
    waiters: dict[str, asyncio.Future[float]] = {}
    users = list(tokens)
    clients: list[Client] = []
    connect_started = time.perf_counter()
    for index in range(args.connections):
        user_id = users[index % len(users)]
        socket = await websockets.connect(f"ws://{server}/ws/updates?token={tokens[user_id]}", max_queue=None)
        await socket.recv()  # hello
        clients.append(Client(user_id=user_id, socket=socket))
    connect_seconds = time.perf_counter() - connect_started
    pumps = [asyncio.ensure_future(_pump(client, stopping, waiters)) for client in clients]
    rss_connected = daphne.memory_info().rss
    print(f"connected {len(clients)} sockets for {len(users)} users in {connect_seconds:.1f} s")

    loop = asyncio.get_running_loop()
    latencies = []
    hold_until = time.monotonic() + args.hold
    interval = args.hold / max(args.samples, 1)
    for sample in range(args.samples):
        user_id = users[sample % len(users)]
        nonce = uuid.uuid4().hex
        arrival = waiters[nonce] = loop.create_future()
        started = time.perf_counter()
        await loop.run_in_executor(
            None, functools.partial(send_now, user_id=user_id, event="bench.ping", data={"nonce": nonce})
        )
        received = await asyncio.wait_for(arrival, timeout=10)
        del waiters[nonce]
        latencies.append((received - started) * 1000)
        await asyncio.sleep(max(0.0, min(interval, hold_until - time.monotonic())))
    while time.monotonic() < hold_until:
        await asyncio.sleep(0.5)

    rss_end = daphne.memory_info().rss
    drops = sum(client.closed_unexpectedly for client in clients)
    stopping.set()
    redis_latencies = await _redis_round_trips(settings.REDIS_URL, args.samples)
    for client in clients:
        await client.socket.close()
    await asyncio.gather(*pumps, return_exceptions=True)

    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    r50, r99 = percentile(redis_latencies, 50), percentile(redis_latencies, 99)
    print(f"held {len(clients)} connections for {args.hold:.0f} s: {drops} dropped")
    reasons = Counter(client.close_reason for client in clients if client.closed_unexpectedly)
    for reason, count in reasons.items():
        print(f"  {count} closed: {reason}")
    print(
        f"daphne RSS: idle {rss_idle / 2**20:.1f} MiB, connected {rss_connected / 2**20:.1f} MiB, "
        f"after hold {rss_end / 2**20:.1f} MiB ({(rss_end - rss_idle) / len(clients) / 1024:.1f} KiB/connection)"
    )
    print(f"publish->receive latency over {len(latencies)} events: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    print(f"raw Redis pub/sub round trip:               p50 {r50:.2f} ms, p99 {r99:.2f} ms")
    print(f"ratio (maigie / raw Redis): p50 {p50 / r50:.1f}x, p99 {p99 / r99:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--hold", type=float, default=60.0, help="seconds to hold the connections")
    parser.add_argument("--samples", type=int, default=300, help="latency samples taken while holding")
    args = parser.parse_args()

    setup_django()
    from apps.accounts.models import User
    from apps.accounts.services import token_pair_for, user_create
    from maigie import testing

    run = uuid.uuid4().hex[:8]
    users = [user_create(email=f"bench-{run}-{n}@example.com", password=None) for n in range(args.users)]
    tokens = {str(user.pk): token_pair_for(user=user)["access"] for user in users}
    port = testing.free_port()
    process = testing.start_daphne(env=testing.subprocess_env(), port=port)
    try:
        asyncio.run(_run(args, f"127.0.0.1:{port}", tokens, psutil.Process(process.pid)))
    finally:
        testing.stop_process(process)
        User.objects.filter(email__startswith=f"bench-{run}-").delete()
        stop_embedded_services()


if __name__ == "__main__":
    main()
