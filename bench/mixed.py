"""Mixed load: simulated learners on the production topology, ramped until p99 passes 200 ms.

    python -m bench.mixed [--ramp 10,25,50,100] [--seconds 30] [--think 2.0] [--chat-over ws,rest] [--without-chat]

Starts gunicorn as deployed (``deploy/gunicorn.conf.py``, production settings) for the REST API
and one daphne process for WebSockets, on fresh embedded PostgreSQL and Redis (or DATABASE_URL /
REDIS_URL), with the offline assistant provider. Seeds the largest number of learners through
the services (each: Premium, one course of 4 modules x 5 topics, a weekly study block, one chat
conversation). Each simulated learner holds a ``/ws/updates`` socket (answering heartbeats) and
cycles, with ``--think`` seconds between requests, through: read its course outline, list its
schedule occurrences for four weeks, complete (or un-complete) a topic, send a chat message.

The chat message goes, per ``--chat-over`` (each transport named runs every step once):
``ws`` (default) over the learner's ``/ws/chat`` socket, held open as the app does, timed from
the ``message`` frame to its ``ack`` and to its ``done`` frame and reported on its own line, not
in the HTTP p99; ``rest`` as a ``POST`` whose latency is part of the HTTP p99 (the session-7
mix). With ``--without-chat`` each step also runs with learners who send no chat message.
For each step it prints HTTP requests/s, p50/p99 over every HTTP request and per action, the
errors (any non-2xx answer, failed request, chat error frame or dropped socket) and the events
the sockets got, and at the end, per variant, the most learners served with HTTP p99 < 200 ms and
no error.

A load generator written with asyncio and aiohttp (Locust is not installed in the project's
environment); it runs in one process on the same CPUs as the servers. Rate limits are lifted
for the run (their Redis counters still run on every request); no Celery worker runs: the jobs a
topic completion enqueues wait in the queue (the chat turn with the offline provider is answered
in the request or on daphne's chat threads).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import time
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import websockets

from bench.common import closed_by, percentile, setup_django, stop_embedded_services
from bench.http.__main__ import PROJECT_ROOT, server_env, start_gunicorn

GOAL_P99_MS = 200.0
CHAT_MESSAGE = "What should I study next?"
WINDOW_START = datetime(2026, 1, 5, 9, tzinfo=UTC)  # a fixed Monday: the block repeats weekly from here


@dataclass
class Learner:
    token: str
    course_id: str
    topic_ids: list[str]
    conversation_id: str


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    events: int = 0
    chat: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))  # /ws/chat: ms to ack, to done

    def all_latencies(self) -> list[float]:
        return [value for values in self.latencies.values() for value in values]


def seed(count: int) -> list[Learner]:
    """``count`` Premium learners with a course, a weekly study block and a conversation (through the services)."""
    from apps.accounts.models import Tier
    from apps.accounts.services import token_pair_for, user_create
    from apps.accounts.services.users import user_set_tier
    from apps.assistant.services.conversations import conversation_create
    from apps.learning.models import Topic
    from apps.learning.services import course_create
    from apps.planning.services.schedule import schedule_block_create

    run = uuid.uuid4().hex[:8]
    learners = []
    outline = [{"title": f"Module {m}", "topics": [{"title": f"Topic {m}.{t}"} for t in range(5)]} for m in range(4)]
    for n in range(count):
        user = user_create(email=f"bench-mixed-{run}-{n}@example.com", password=None)
        user = user_set_tier(user=user, tier=Tier.PREMIUM_YEARLY, reason="bench")
        course = course_create(user=user, title="Biology", description="Benchmark course.", modules=outline)
        schedule_block_create(
            user=user,
            title="Study",
            start_time=WINDOW_START,
            end_time=WINDOW_START + timedelta(hours=1),
            timezone="UTC",
            recurrence_rule="FREQ=WEEKLY",
        )
        topics = [str(pk) for pk in Topic.objects.filter(module__course=course).values_list("pk", flat=True)]
        conversation = conversation_create(user=user, title="Bench")
        learners.append(Learner(token_pair_for(user=user)["access"], str(course.pk), topics, str(conversation.pk)))
    return learners


async def _hold_socket(url: str, stats: Stats, stopping: asyncio.Event) -> None:
    try:
        async with websockets.connect(url, open_timeout=60) as socket:
            async for raw in socket:
                frame = json.loads(raw)
                if frame.get("type") == "ping":
                    await socket.send('{"type": "pong"}')
                elif frame.get("type") == "event":
                    stats.events += 1
    except (OSError, websockets.WebSocketException, TimeoutError) as exc:
        if not stopping.is_set():
            stats.errors[f"socket: {type(exc).__name__} ({closed_by(exc)})"] += 1
        return
    if not stopping.is_set():
        stats.errors["socket closed"] += 1


class ChatSocket:
    """A learner's ``/ws/chat`` socket, held open as the app does: a message is timed to its ``done`` frame."""

    def __init__(self, url: str, stats: Stats, stopping: asyncio.Event) -> None:
        self.url, self.stats, self.stopping = url, stats, stopping
        self.ready = asyncio.get_running_loop().create_future()
        self.replies: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.socket: Any = None
        self.task = asyncio.ensure_future(self._run())

    async def _run(self) -> None:
        try:
            async with websockets.connect(self.url, open_timeout=60) as socket:
                self.socket = socket
                async for raw in socket:
                    frame = json.loads(raw)
                    if frame.get("type") == "ping":
                        await socket.send('{"type": "pong"}')
                    elif frame.get("type") == "hello" and not self.ready.done():
                        self.ready.set_result(None)
                    elif frame.get("type") in {"ack", "done", "error"}:
                        await self.replies.put(frame)
        except (OSError, websockets.WebSocketException, TimeoutError) as exc:
            if not self.stopping.is_set():
                self.stats.errors[f"chat socket: {type(exc).__name__} ({closed_by(exc)})"] += 1
        else:
            if not self.stopping.is_set():
                self.stats.errors["chat socket closed"] += 1
        if not self.ready.done():
            self.ready.set_exception(ConnectionError("the chat socket did not open"))

    async def message(self, content: str) -> tuple[float, float]:
        """Send ``content``; ms to its ``ack`` and to its ``done`` frame (``ValueError`` on an error frame)."""
        await asyncio.wait_for(asyncio.shield(self.ready), 60)
        started = time.perf_counter()
        await self.socket.send(json.dumps({"type": "message", "content": content, "client_id": uuid.uuid4().hex}))
        acked = 0.0
        while True:
            frame = await asyncio.wait_for(self.replies.get(), 60)
            if frame["type"] == "error":
                raise ValueError(frame.get("code"))
            if frame["type"] == "ack":
                acked = (time.perf_counter() - started) * 1000
            else:
                return acked, (time.perf_counter() - started) * 1000

    async def close(self) -> None:
        self.task.cancel()
        await asyncio.gather(self.task, return_exceptions=True)


async def _learner(learner: Learner, api: str, ws: str, args: argparse.Namespace, stats: Stats,
                   stopping: asyncio.Event, chat: str) -> None:  # fmt: skip
    headers = {"Authorization": f"Bearer {learner.token}", "X-Forwarded-Proto": "https"}
    socket = asyncio.ensure_future(_hold_socket(f"{ws}/ws/updates?token={learner.token}", stats, stopping))
    chat_socket = (
        ChatSocket(f"{ws}/ws/chat?token={learner.token}&conversation={learner.conversation_id}", stats, stopping)
        if chat == "ws"
        else None
    )
    window = f"start={WINDOW_START.isoformat()}&end={(WINDOW_START + timedelta(days=28)).isoformat()}"
    window = window.replace("+", "%2B")
    actions: list[tuple[str, str, str, dict[str, Any] | None]] = [
        ("outline", "GET", f"/api/v1/courses/{learner.course_id}/", None),
        ("occurrences", "GET", f"/api/v1/schedule/occurrences/?{window}", None),
        ("complete topic", "POST", "", None),
        ("chat message", "POST", f"/api/v1/chat/conversations/{learner.conversation_id}/messages/", None),
    ]
    if chat == "none":
        actions.pop()
    step = random.randrange(len(actions))
    async with aiohttp.ClientSession(api, headers=headers, timeout=aiohttp.ClientTimeout(total=60)) as session:
        await asyncio.sleep(random.uniform(0, args.think))
        while not stopping.is_set():
            name, method, path, body = actions[step % len(actions)]
            if name == "complete topic":
                topic = learner.topic_ids[(step // len(actions)) % len(learner.topic_ids)]
                path, body = f"/api/v1/topics/{topic}/complete", {"completed": (step // 80) % 2 == 0}
            elif name == "chat message":
                body = {"content": CHAT_MESSAGE}
            step += 1
            if name == "chat message" and chat_socket is not None:
                try:
                    acked, done = await chat_socket.message(CHAT_MESSAGE)
                except (ValueError, ConnectionError, TimeoutError) as exc:
                    stats.errors[f"chat over /ws/chat: {type(exc).__name__} {exc}"] += 1
                    continue
                stats.chat["ack"].append(acked)
                stats.chat["done"].append(done)
                await asyncio.sleep(args.think)
                continue
            started = time.perf_counter()
            try:
                async with session.request(method, path, json=body) as response:
                    await response.read()
                    if not 200 <= response.status < 300:
                        stats.errors[f"{name}: {response.status}"] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                stats.errors[f"{name}: {type(exc).__name__}"] += 1
                continue
            stats.latencies[name].append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(args.think)
    socket.cancel()
    await asyncio.gather(socket, return_exceptions=True)
    if chat_socket is not None:
        await chat_socket.close()


async def _stage(learners: list[Learner], api: str, ws: str, args: argparse.Namespace, chat: str) -> Stats:
    stats = Stats()
    stopping = asyncio.Event()
    tasks = [asyncio.ensure_future(_learner(learner, api, ws, args, stats, stopping, chat)) for learner in learners]
    await asyncio.sleep(args.seconds)
    stopping.set()
    await asyncio.gather(*tasks)
    return stats


VARIANTS = {"rest": "chat over REST", "ws": "chat over /ws/chat", "none": "no chat"}


def _report(count: int, stats: Stats, args: argparse.Namespace, chat: str) -> bool:
    """Print a step's figures; whether it met the goal (p99 of the HTTP requests under ``GOAL_P99_MS``, no error).

    With chat over ``/ws/chat`` the chat turn is not an HTTP request: its latency (message to ``ack``,
    message to ``done``) is printed on its own line and is not part of that p99.
    """
    everything = stats.all_latencies()
    p99 = percentile(everything, 99)
    errors = sum(stats.errors.values())
    per_action = ", ".join(
        f"{name} p50 {percentile(values, 50):.0f}/p99 {percentile(values, 99):.0f}"
        for name, values in stats.latencies.items()
    )
    print(
        f"{count:4d} learners ({VARIANTS[chat]}): {len(everything) / args.seconds:6.1f} HTTP req/s, p50 "
        f"{percentile(everything, 50):6.1f} ms, p99 {p99:7.1f} ms, errors {errors}"
        f"{' ' + str(dict(stats.errors)) if errors else ''}, events {stats.events}, "
        f"load {os.getloadavg()[0]:.1f}\n      ({per_action} ms)"
    )
    if stats.chat["done"]:
        ack, done = stats.chat["ack"], stats.chat["done"]
        print(
            f"      /ws/chat replies: {len(done)} ({len(done) / args.seconds:.1f}/s), to ack p50 "
            f"{percentile(ack, 50):.0f}/p99 {percentile(ack, 99):.0f} ms, to done p50 "
            f"{percentile(done, 50):.0f}/p99 {percentile(done, 99):.0f} ms"
        )
    return p99 < GOAL_P99_MS and not errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ramp", type=lambda text: [int(n) for n in text.split(",")], default=[10, 25, 50, 100])
    parser.add_argument("--seconds", type=float, default=30.0, help="per step of the ramp")
    parser.add_argument("--think", type=float, default=2.0, help="seconds a learner waits between requests")
    parser.add_argument(
        "--chat-over",
        type=lambda text: text.split(","),
        default=["ws"],
        help="how learners send the chat message: ws (/ws/chat, as the app does), rest (POST, the session-7 mix), "
        "or both (ws,rest): each step runs once per transport",
    )
    parser.add_argument(
        "--without-chat", action="store_true", help="run each step again without the chat message, in the same run"
    )
    args = parser.parse_args()

    setup_django()
    from django.conf import settings

    from apps.accounts.models import User
    from maigie import testing

    learners = seed(max(args.ramp))
    env = server_env(settings, ASSISTANT_PROVIDER="offline")
    processes: list[subprocess.Popen[bytes]] = []
    variants = [*args.chat_over, *(["none"] if args.without_chat else [])]
    served = dict.fromkeys(variants, 0)
    try:
        http_port, ws_port = testing.free_port(), testing.free_port()
        processes.append(start_gunicorn(root=PROJECT_ROOT, port=http_port, env=env))
        processes.append(testing.start_daphne(env=env, port=ws_port, wait=300))
        api, ws = f"http://127.0.0.1:{http_port}", f"ws://127.0.0.1:{ws_port}"
        print(f"gunicorn (deploy/gunicorn.conf.py) + daphne, production settings; think time {args.think:.1f} s")
        for count in args.ramp:
            for chat in variants:
                if _report(count, asyncio.run(_stage(learners[:count], api, ws, args, chat)), args, chat):
                    served[chat] = count
        for chat in variants:
            print(
                f"learners served with HTTP p99 < {GOAL_P99_MS:.0f} ms and 0 errors ({VARIANTS[chat]}): "
                f"{served[chat]} (of the ramp {args.ramp})"
            )
    finally:
        for process in processes:
            testing.stop_process(process)
        User.objects.filter(email__startswith="bench-mixed-").delete()
        stop_embedded_services()


if __name__ == "__main__":
    main()
