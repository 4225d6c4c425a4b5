"""Realtime benchmark: held ``/ws/updates`` connections, publish latency against a bare consumer, fan-out.

    python -m bench.realtime [--connections 1000] [--users 100] [--hold 60] [--samples 300] [--fanout 50,200]

Starts one daphne process (on fresh embedded services unless DATABASE_URL and REDIS_URL are set)
serving the project plus a bare Channels consumer (``bench.realtime_asgi``), opens
``--connections`` Maigie sockets and as many bare ones, holds them while answering heartbeats,
and meanwhile takes two kinds of sample one after the other, each first every other time (the
first after a pause waits longest), both sent from a separate publisher process (as a web or
Celery worker publishes; the 2 x N client sockets' work stays out of its way): a per-user event
through Maigie's publish path (``send_now``: event log, then the group send) and a plain
``channel_layer.group_send`` to the bare consumers of one group of the same size. Then, for
each ``--fanout`` size M, a space with M members each holding one socket: the time from the
service call (``space_update``) to the last member receiving the event, against the per-member
publishes it replaced and the batch alone (`send_many_now`, no service around it). Last, a raw
Redis pub/sub round trip on the same Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import multiprocessing
import os
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
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


@dataclass
class Waiter:
    """Resolves with the arrival time of the ``remaining``-th frame carrying its key."""

    remaining: int
    arrived: asyncio.Future[float] = field(default_factory=lambda: asyncio.get_running_loop().create_future())

    def hit(self) -> None:
        self.remaining -= 1
        if self.remaining == 0 and not self.arrived.done():
            self.arrived.set_result(time.perf_counter())


async def _pump(client: Client, stopping: asyncio.Event, waiters: dict[str, Waiter]) -> None:
    try:
        async for raw in client.socket:
            frame = json.loads(raw)
            if frame.get("type") == "ping":
                await client.socket.send('{"type": "pong"}')
            elif frame.get("type") == "event":
                data = frame["data"]
                waiter = waiters.get(data.get("nonce") or data.get("name", ""))
                if waiter is not None:
                    waiter.hit()
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


async def _connect(url: str, user_id: str) -> Client:
    socket = await websockets.connect(url, max_queue=None, open_timeout=60)
    await socket.recv()  # hello
    return Client(user_id=user_id, socket=socket)


async def _timed(waiters: dict[str, Waiter], key: str, expected: int, send: Any) -> float:
    """Milliseconds from calling ``send`` (a blocking callable, run in a thread) to the last expected frame."""
    waiter = waiters[key] = Waiter(remaining=expected)
    started = time.perf_counter()
    await asyncio.get_running_loop().run_in_executor(None, send)
    received = await asyncio.wait_for(waiter.arrived, timeout=30)
    del waiters[key]
    return (received - started) * 1000


def _publisher_main(pipe: Connection) -> None:
    """Publish on request in this process, as a web or Celery worker does; answer when each send started.

    ``("maigie", user_id, nonce)`` goes through ``send_now`` (event log, then the group send);
    ``("bare", group, nonce)`` is a plain ``group_send`` on this process's own event loop.
    """
    from channels.layers import get_channel_layer

    from maigie.realtime.publish import send_now

    layer = get_channel_layer()
    loop = asyncio.new_event_loop()
    while (request := pipe.recv()) is not None:
        kind, target, nonce = request
        started = time.perf_counter()  # CLOCK_MONOTONIC: comparable with the receiving process's clock
        if kind == "maigie":
            send_now(user_id=target, event="bench.ping", data={"nonce": nonce})
        else:
            text = json.dumps({"type": "event", "data": {"nonce": nonce}})
            loop.run_until_complete(layer.group_send(target, {"type": "bench.event", "text": text}))
        pipe.send(started)


async def _published(
    waiters: dict[str, Waiter], publisher: Connection, request: tuple[str, str], expected: int
) -> float:
    """Milliseconds from the publisher process starting a send to the last of ``expected`` frames arriving here."""
    nonce = uuid.uuid4().hex
    waiter = waiters[nonce] = Waiter(remaining=expected)

    def ask() -> float:
        publisher.send((*request, nonce))
        return float(publisher.recv())

    started = await asyncio.get_running_loop().run_in_executor(None, ask)
    received = await asyncio.wait_for(waiter.arrived, timeout=30)
    del waiters[nonce]
    return (received - started) * 1000


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


async def _fanout(server: str, members: int, waiters: dict[str, Waiter], stopping: asyncio.Event, rounds: int) -> None:
    """A space of ``members`` each with one socket: one ``space_update`` against per-member publishes."""
    from asgiref.sync import sync_to_async

    from maigie import cache
    from maigie.realtime.publish import send_many_now, send_now

    space_id, owner_membership, tokens = await sync_to_async(_seed_space)(members)
    clients = [await _connect(f"ws://{server}/ws/updates?token={token}", user) for user, token in tokens.items()]
    pumps = [asyncio.ensure_future(_pump(client, stopping, waiters)) for client in clients]

    def per_member(name: str) -> None:  # what ``_publish_members`` did before: one publish per member
        for user_id in tokens:
            cache.invalidate(user_id=user_id, event="space.updated")
            send_now(user_id=user_id, event="space.updated", data={"id": str(space_id), "name": name})

    def batch(name: str) -> None:  # what it does now, without the service around it
        cache.invalidate_many(user_ids=list(tokens), event="space.updated")
        send_many_now(user_ids=list(tokens), event="space.updated", data={"id": str(space_id), "name": name})

    def service(name: str) -> None:
        from apps.spaces.services import space_update

        space_update(actor=owner_membership, data={"name": name})

    timings: dict[str, list[float]] = {"per-member publishes (before)": [], "batch": [], "space_update service": []}
    for _ in range(rounds):
        for times, send in zip(timings.values(), (per_member, batch, service), strict=True):
            key = uuid.uuid4().hex
            times.append(await _timed(waiters, key, members, functools.partial(send, key)))
    print(f"fan-out to {members} members ({rounds} rounds, {_load()}), call -> last member received:")
    for label, times in timings.items():
        print(f"  {label:<30} p50 {percentile(times, 50):7.1f} ms, max {max(times):7.1f} ms")
    for client in clients:
        await client.socket.close()
    await asyncio.gather(*pumps, return_exceptions=True)


def _seed_space(members: int) -> tuple[Any, Any, dict[str, str]]:
    """A Premium owner's space with ``members`` members in all (memberships written directly: seeding)."""
    from apps.accounts.models import Tier
    from apps.accounts.services import token_pair_for, user_create
    from apps.accounts.services.users import user_set_tier
    from apps.spaces.models import Membership, Role
    from apps.spaces.services import space_create

    run = uuid.uuid4().hex[:8]
    owner = user_create(email=f"bench-{run}-owner@example.com", password=None)
    owner = user_set_tier(user=owner, tier=Tier.PREMIUM_YEARLY, reason="bench")
    space = space_create(user=owner, name=f"bench {run}")
    others = [user_create(email=f"bench-{run}-{n}@example.com", password=None) for n in range(members - 1)]
    Membership.objects.bulk_create([Membership(space=space, user=user, role=Role.MEMBER) for user in others])
    tokens = {str(user.pk): token_pair_for(user=user)["access"] for user in [owner, *others]}
    return space.pk, Membership.objects.get(space=space, user=owner), tokens


async def _run(
    args: argparse.Namespace, server: str, tokens: dict[str, str], daphne: psutil.Process, publisher: Connection
) -> None:
    from django.conf import settings

    rss_idle = daphne.memory_info().rss
    stopping = asyncio.Event()
    waiters: dict[str, Waiter] = {}
    users = list(tokens)
    connect_started = time.perf_counter()
    clients: list[Client] = []
    bare: list[Client] = []
    for index in range(args.connections):
        user_id = users[index % len(users)]
        clients.append(await _connect(f"ws://{server}/ws/updates?token={tokens[user_id]}", user_id))
    connect_seconds = time.perf_counter() - connect_started
    rss_connected = daphne.memory_info().rss
    if args.bare:
        for index in range(args.connections):
            group = f"bench-bare-{index % len(users)}"
            bare.append(await _connect(f"ws://{server}/ws/bare?group={group}", group))
    pumps = [asyncio.ensure_future(_pump(client, stopping, waiters)) for client in [*clients, *bare]]
    print(f"connected {len(clients)} sockets for {len(users)} users in {connect_seconds:.1f} s (+{len(bare)} bare)")

    per_user = args.connections // len(users)
    latencies: list[float] = []
    bare_latencies: list[float] = []
    loads: list[float] = []
    hold_until = time.monotonic() + args.hold
    interval = args.hold / max(args.samples, 1)
    for sample in range(args.samples):
        loads.append(os.getloadavg()[0])
        maigie = ("maigie", users[sample % len(users)])
        pairs = [(latencies, maigie)]
        if args.bare:
            bare_pair = (bare_latencies, ("bare", f"bench-bare-{sample % len(users)}"))
            # The first send after the pause waits longest (the receiving processes were asleep): alternate it.
            pairs = [pairs[0], bare_pair] if sample % 2 == 0 else [bare_pair, pairs[0]]
        for times, request in pairs:
            times.append(await _published(waiters, publisher, request, per_user))
        await asyncio.sleep(max(0.0, min(interval, hold_until - time.monotonic())))
    while time.monotonic() < hold_until:
        await asyncio.sleep(0.5)

    rss_end = daphne.memory_info().rss
    drops = sum(client.closed_unexpectedly for client in [*clients, *bare])
    for members in args.fanout:
        await _fanout(server, members, waiters, stopping, args.fanout_rounds)
    stopping.set()
    redis_latencies = await _redis_round_trips(settings.REDIS_URL, args.samples)
    for client in [*clients, *bare]:
        await client.socket.close()
    await asyncio.gather(*pumps, return_exceptions=True)

    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    r50, r99 = percentile(redis_latencies, 50), percentile(redis_latencies, 99)
    print(f"held {len(clients) + len(bare)} connections for {args.hold:.0f} s: {drops} dropped")
    reasons = Counter(client.close_reason for client in [*clients, *bare] if client.closed_unexpectedly)
    for reason, count in reasons.items():
        print(f"  {count} closed: {reason}")
    print(
        f"daphne RSS: idle {rss_idle / 2**20:.1f} MiB, {len(clients)} connected {rss_connected / 2**20:.1f} MiB, "
        f"after hold {rss_end / 2**20:.1f} MiB ({(rss_connected - rss_idle) / len(clients) / 1024:.1f} KiB/connection)"
    )
    print(f"load average during the samples: {min(loads):.1f}-{max(loads):.1f}")
    print(f"publish->receive, {len(latencies)} events to {per_user} sockets each: p50 {p50:.2f} ms, p99 {p99:.2f} ms")
    if bare_latencies:
        b50, b99 = percentile(bare_latencies, 50), percentile(bare_latencies, 99)
        print(f"bare consumer group_send, same sockets/group:  p50 {b50:.2f} ms, p99 {b99:.2f} ms")
        print(f"ratio (maigie / bare consumer): p50 {p50 / b50:.2f}x, p99 {p99 / b99:.2f}x (goal <= 1.5x)")
    print(f"raw Redis pub/sub round trip:               p50 {r50:.2f} ms, p99 {r99:.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--connections", type=int, default=1000)
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--hold", type=float, default=60.0, help="seconds to hold the connections")
    parser.add_argument("--samples", type=int, default=300, help="latency samples taken while holding")
    parser.add_argument("--no-bare", dest="bare", action="store_false", help="no bare consumer comparison")
    parser.add_argument("--fanout", type=lambda text: [int(n) for n in text.split(",") if n], default=[50, 200])
    parser.add_argument("--fanout-rounds", type=int, default=5)
    args = parser.parse_args()

    setup_django()
    from django.db import connections

    from apps.accounts.models import User
    from apps.accounts.services import token_pair_for, user_create
    from maigie import testing

    run = uuid.uuid4().hex[:8]
    users = [user_create(email=f"bench-{run}-{n}@example.com", password=None) for n in range(args.users)]
    tokens = {str(user.pk): token_pair_for(user=user)["access"] for user in users}
    port = testing.free_port()
    process = testing.start_daphne(
        env=testing.subprocess_env(), port=port, app="bench.realtime_asgi:application", wait=300
    )
    connections.close_all()  # the publisher process opens its own
    requests, publisher_end = multiprocessing.get_context("fork").Pipe()
    publisher = multiprocessing.get_context("fork").Process(target=_publisher_main, args=(publisher_end,))
    publisher.start()
    try:
        asyncio.run(_run(args, f"127.0.0.1:{port}", tokens, psutil.Process(process.pid), requests))
    finally:
        requests.send(None)
        publisher.join(timeout=10)
        testing.stop_process(process)
        User.objects.filter(email__startswith="bench-").delete()
        stop_embedded_services()


if __name__ == "__main__":
    main()
