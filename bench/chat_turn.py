"""One offline chat turn in process: CPU ms, wall ms and SQL statements per turn, and its profile.

    python -m bench.chat_turn [--turns 40] [--profile 25] [--message "What should I study next?"]

Seeds one learner as ``bench.mixed`` does (Premium, a course of 4 modules x 5 topics, a weekly
study block, a conversation) on fresh embedded PostgreSQL and Redis, then sends ``--turns`` chat
messages through the REST endpoint in process (Django's test client, JWT auth, the offline
provider), after ``--warm`` turns that are not counted (the process's first turn loads the models).
Prints the median and p90 of CPU and wall time per turn, the statements per turn, and with
``--profile N`` the N functions with the most cumulative time over the measured turns (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import time
from typing import Any

from bench.common import percentile, setup_django, stop_embedded_services
from bench.spans import Spans


def _spread(samples: list[float]) -> str:
    return ", ".join(f"p{pct} {percentile(samples, pct):6.1f} ms" for pct in (10, 50, 90))


class _ServerCpu:
    """CPU time (ms) used so far by this connection's PostgreSQL backend and the Redis server (local only)."""

    def __init__(self, connection: Any) -> None:
        from django_redis import get_redis_connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            self.backend = int(cursor.fetchone()[0])
        self.redis = get_redis_connection("default")
        self.tick = os.sysconf("SC_CLK_TCK")

    def read(self) -> float:
        try:
            with open(f"/proc/{self.backend}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            postgres = (int(fields[11]) + int(fields[12])) / self.tick * 1000
        except OSError:  # not a local server
            postgres = 0.0
        info = self.redis.info("cpu")
        return postgres + float(info["used_cpu_sys"] + info["used_cpu_user"]) * 1000


def _instrumented(connection: Any) -> Spans:
    """Spans around the steps of a chat turn (see ``bench.spans``)."""
    from apps.assistant import context, quotas
    from apps.assistant.providers import offline, selection
    from apps.assistant.services import actions, chat
    from apps.materials import search
    from maigie import cache
    from maigie.realtime import events, publish
    from maigie.realtime.layer import BatchingRedisChannelLayer

    spans = Spans()
    spans.wrap_redis()
    spans.wrap(connection, "commit", "COMMIT of atomic blocks")
    spans.wrap(chat, "chat_turn")
    spans.wrap(quotas, "message_quota_reserve")
    spans.wrap(chat, "_turn_start")
    spans.wrap(chat, "_turn_finish")
    spans.wrap(chat.ChatMessage.objects, "create", "ChatMessage.objects.create")
    spans.wrap(chat, "conversation_summarise")
    spans.wrap(chat, "conversation_context")
    spans.wrap(context, "history_window")
    spans.wrap(search, "search", "retrieve: materials.search")
    spans.wrap(context, "system_prompt")
    spans.wrap(context, "_learner_context", "system_prompt: context sections")
    spans.wrap(chat, "_run_turns")
    spans.wrap(offline, "understand")
    spans.wrap(selection, "learner_items")
    spans.wrap(chat, "action_run")
    spans.wrap(actions.AIActionLog, "save", "AIActionLog.save")
    spans.wrap(actions, "_execute", "action _execute (tool run)")
    spans.wrap(chat.ChatMessage, "save", "ChatMessage.save")
    spans.wrap(chat, "usage_reply_record")
    spans.wrap(publish, "_invalidate_and_send", "publish (on commit)")
    spans.wrap(cache, "invalidate_many", "  cache.invalidate_many")
    spans.wrap(events, "record_many", "  events.record_many")
    spans.wrap(BatchingRedisChannelLayer, "group_send_many_blocking", "  group_send_many_blocking")
    return spans


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions by cumulative time")
    parser.add_argument("--message", default="What should I study next?")
    parser.add_argument("--dump", default="", help="also write the cProfile stats to this file")
    parser.add_argument("--sql", action="store_true", help="print the statements of the last turn")
    parser.add_argument("--spans", action="store_true", help="wall/CPU/SQL/Redis per step of the turn (medians)")
    args = parser.parse_args()

    os.environ["ASSISTANT_PROVIDER"] = "offline"
    os.environ.setdefault("THROTTLE_USER", "100000000/min")
    os.environ.setdefault("THROTTLE_CHAT", "100000000/min")
    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from apps.accounts.models import User
    from bench.mixed import seed

    try:
        learner = seed(1)[0]
        client = Client(HTTP_AUTHORIZATION=f"Bearer {learner.token}", HTTP_X_FORWARDED_PROTO="https")
        path = f"/api/v1/chat/conversations/{learner.conversation_id}/messages/"

        def turn() -> None:
            response = client.post(path, {"content": args.message}, content_type="application/json")
            assert response.status_code == 201, (response.status_code, response.content[:300])

        spans = _instrumented(connection) if args.spans else None
        for _ in range(args.warm):
            turn()
        cpu, wall, statements, server_cpu = [], [], [], []
        backend = _ServerCpu(connection)
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.turns):
            with CaptureQueriesContext(connection) as queries:
                servers_before = backend.read()
                started, started_cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                if spans:
                    with spans.turn(), connection.execute_wrapper(spans.sql_wrapper):
                        turn()
                else:
                    turn()
                if profiler:
                    profiler.disable()
                cpu.append((time.process_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
                server_cpu.append(backend.read() - servers_before)
            statements.append(len(queries))
        if args.sql:
            for query in queries.captured_queries:
                print(f"  {query['time']}s {query['sql'][:220]}")
        print(f"offline chat turn in process ({args.message!r}), {args.turns} turns after {args.warm} warm-up")
        print(
            f"  CPU  {_spread(cpu)}\n  wall {_spread(wall)}\n"
            f"  SQL statements per turn: min {min(statements)}, median {statistics.median(statements):.0f}, "
            f"max {max(statements)}; load {os.getloadavg()[0]:.1f}\n"
            f"  PostgreSQL backend + Redis server CPU per turn: {_spread(server_cpu)}"
        )
        if spans:
            print(spans.report())
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.profile)
            if args.dump:
                profiler.dump_stats(args.dump)
            print(out.getvalue())
    finally:
        User.objects.filter(email__startswith="bench-mixed-").delete()
        stop_embedded_services()


if __name__ == "__main__":
    main()
