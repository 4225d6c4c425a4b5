"""Realtime benchmark: held ``/ws/updates`` connections, publish latency against a bare consumer, fan-out.

    python -m bench.realtime [--connections 1000] [--users 100] [--hold 60] [--samples 300] [--fanout 50,200]
                             [--client python|node]

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

``--client`` chooses who holds the sockets: this process (``websockets``, the default) or a Node
process (``bench/ws_client/client.mjs`` with the ``ws`` package, installed from its lock file on first
use), so that the receiving end's own cost (one Python event loop parsing 2 x N sockets' frames, its
garbage collector) stays out of the publish-to-receive figure, as it would with clients on other machines.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import multiprocessing
import os
import shutil
import subprocess
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

import psutil
import websockets

from bench.common import closed_by, percentile, setup_django, stop_embedded_services

CLIENT_DIR = Path(__file__).resolve().parent / "ws_client"


@dataclass
class Client:
    socket: Any
    closed_unexpectedly: bool = False
    close_reason: str = ""


@dataclass
class Waiter:
    """Resolves with the arrival time of the ``remaining``-th frame carrying its key."""

    remaining: int
    arrived: asyncio.Future[float] = field(default_factory=lambda: asyncio.get_running_loop().create_future())

    def hit(self) -> bool:
        """Count one frame; whether it was the last expected."""
        self.remaining -= 1
        if self.remaining == 0 and not self.arrived.done():
            self.arrived.set_result(time.perf_counter())
        return self.remaining <= 0


class Receiver(Protocol):
    """Who holds the benchmark's sockets and tells when a key's frames arrived (``time.perf_counter`` seconds)."""

    async def connect(self, urls: list[str]) -> float: ...

    def expect(self, key: str, count: int) -> asyncio.Future[float]: ...

    async def close(self) -> Counter[str]: ...


class PythonSockets:
    """The sockets held in this process with ``websockets``, one pump task each."""

    def __init__(self) -> None:
        self.clients: list[Client] = []
        self.waiters: dict[str, Waiter] = {}
        self.stopping = asyncio.Event()
        self.pumps: list[asyncio.Future[None]] = []

    async def connect(self, urls: list[str]) -> float:
        """Open one socket per URL, one after the other; the seconds it took."""
        started = time.perf_counter()
        for url in urls:
            socket = await websockets.connect(url, max_queue=None, open_timeout=60)
            await socket.recv()  # hello
            client = Client(socket=socket)
            self.clients.append(client)
            self.pumps.append(asyncio.ensure_future(self._pump(client)))
        return time.perf_counter() - started

    def expect(self, key: str, count: int) -> asyncio.Future[float]:
        waiter = self.waiters[key] = Waiter(remaining=count)
        return waiter.arrived

    async def close(self) -> Counter[str]:
        """Close every socket; the reasons of those that had closed before (drops)."""
        self.stopping.set()
        dropped = Counter(client.close_reason for client in self.clients if client.closed_unexpectedly)
        for client in self.clients:
            await client.socket.close()
        await asyncio.gather(*self.pumps, return_exceptions=True)
        return dropped

    async def _pump(self, client: Client) -> None:
        try:
            async for raw in client.socket:
                frame = json.loads(raw)
                if frame.get("type") == "ping":
                    await client.socket.send('{"type": "pong"}')
                elif frame.get("type") == "event":
                    data = frame["data"]
                    key = data.get("nonce") or data.get("name", "")
                    waiter = self.waiters.get(key)
                    if waiter is not None and waiter.hit():
                        del self.waiters[key]
        except websockets.ConnectionClosed as exc:
            client.close_reason = closed_by(exc)
        if not self.stopping.is_set():
            client.closed_unexpectedly = True


class NodeSockets:
    """The sockets held by a Node process (``bench/ws_client/client.mjs``), driven over its stdin and stdout."""

    def __init__(self) -> None:
        self.process: asyncio.subprocess.Process | None = None
        self.arrivals: dict[str, asyncio.Future[float]] = {}
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.reading: asyncio.Future[None] | None = None

    async def connect(self, urls: list[str]) -> float:
        if self.process is None:
            _install_node_client()
            self.process = await asyncio.create_subprocess_exec(
                "node", str(CLIENT_DIR / "client.mjs"), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE
            )
            self.reading = asyncio.ensure_future(self._read())
        self._send({"op": "connect", "urls": urls})
        return float((await self.replies.get())["seconds"])

    def expect(self, key: str, count: int) -> asyncio.Future[float]:
        arrived = self.arrivals[key] = asyncio.get_running_loop().create_future()
        self._send({"op": "expect", "key": key, "count": count})
        return arrived

    async def close(self) -> Counter[str]:
        """Close every socket and the Node process; the reasons of the sockets that had closed before."""
        if self.process is None:
            return Counter()
        self._send({"op": "close"})
        closed = await self.replies.get()
        assert self.process.stdin is not None
        self.process.stdin.close()  # Node's stdin reader holds its event loop open until end of input
        await self.process.wait()
        return Counter(closed["reasons"])

    def _send(self, command: dict[str, Any]) -> None:
        assert self.process is not None
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command).encode() + b"\n")

    async def _read(self) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        async for line in self.process.stdout:
            answer = json.loads(line)
            if answer["op"] == "arrived":
                self.arrivals.pop(answer["key"]).set_result(answer["at"])
            else:
                await self.replies.put(answer)


def _install_node_client() -> None:
    """``npm ci`` in ``bench/ws_client`` the first time (the ``ws`` package, pinned by its lock file)."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        raise SystemExit("--client node needs Node.js and npm on the PATH")
    if not (CLIENT_DIR / "node_modules" / "ws").exists():
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=CLIENT_DIR, check=True)


RECEIVERS: dict[str, type[PythonSockets] | type[NodeSockets]] = {"python": PythonSockets, "node": NodeSockets}


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


async def _timed(receiver: Receiver, key: str, expected: int, send: Any) -> float:
    """Milliseconds from calling ``send`` (a blocking callable, run in a thread) to the last expected frame."""
    arrived = receiver.expect(key, expected)
    started = time.perf_counter()
    await asyncio.get_running_loop().run_in_executor(None, send)
    received = await asyncio.wait_for(arrived, timeout=30)
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


async def _published(receiver: Receiver, publisher: Connection, request: tuple[str, str], expected: int) -> float:
    """Milliseconds from the publisher process starting a send to the last of ``expected`` frames arriving."""
    nonce = uuid.uuid4().hex
    arrived = receiver.expect(nonce, expected)

    def ask() -> float:
        publisher.send((*request, nonce))
        return float(publisher.recv())

    started = await asyncio.get_running_loop().run_in_executor(None, ask)
    received = await asyncio.wait_for(arrived, timeout=30)
    return (received - started) * 1000


def _load() -> str:
    return f"load {os.getloadavg()[0]:.1f}"


async def _fanout(server: str, members: int, receiver: Receiver, rounds: int) -> None:
    """A space of ``members`` each with one socket: one ``space_update`` against per-member publishes."""
    from asgiref.sync import sync_to_async

    from maigie import cache
    from maigie.realtime.publish import send_many_now, send_now

    space_id, owner_membership, tokens = await sync_to_async(_seed_space)(members)
    await receiver.connect([f"ws://{server}/ws/updates?token={token}" for token in tokens.values()])

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
            times.append(await _timed(receiver, key, members, functools.partial(send, key)))
    print(f"fan-out to {members} members ({rounds} rounds, {_load()}), call -> last member received:")
    for label, times in timings.items():
        print(f"  {label:<30} p50 {percentile(times, 50):7.1f} ms, max {max(times):7.1f} ms")
    await receiver.close()


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
    users = list(tokens)
    receiver = RECEIVERS[args.client]()
    urls = [f"ws://{server}/ws/updates?token={tokens[users[index % len(users)]]}" for index in range(args.connections)]
    connect_seconds = await receiver.connect(urls)
    rss_connected = daphne.memory_info().rss
    bare = [f"ws://{server}/ws/bare?group=bench-bare-{index % len(users)}" for index in range(args.connections)]
    if args.bare:
        await receiver.connect(bare)
    held = len(urls) + (len(bare) if args.bare else 0)
    print(
        f"connected {len(urls)} sockets for {len(users)} users in {connect_seconds:.1f} s"
        f" (+{len(bare) if args.bare else 0} bare; client: {args.client})"
    )

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
            times.append(await _published(receiver, publisher, request, per_user))
        await asyncio.sleep(max(0.0, min(interval, hold_until - time.monotonic())))
    while time.monotonic() < hold_until:
        await asyncio.sleep(0.5)

    rss_end = daphne.memory_info().rss
    for members in args.fanout:
        await _fanout(server, members, RECEIVERS[args.client](), args.fanout_rounds)
    reasons = await receiver.close()
    redis_latencies = await _redis_round_trips(settings.REDIS_URL, args.samples)

    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    r50, r99 = percentile(redis_latencies, 50), percentile(redis_latencies, 99)
    print(f"held {held} connections for {args.hold:.0f} s: {reasons.total()} dropped")
    for reason, count in reasons.items():
        print(f"  {count} closed: {reason}")
    print(
        f"daphne RSS: idle {rss_idle / 2**20:.1f} MiB, {len(urls)} connected {rss_connected / 2**20:.1f} MiB, "
        f"after hold {rss_end / 2**20:.1f} MiB ({(rss_connected - rss_idle) / len(urls) / 1024:.1f} KiB/connection)"
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
    parser.add_argument("--client", choices=sorted(RECEIVERS), default="python", help="who holds the sockets")
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
