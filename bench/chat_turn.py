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

from bench.common import percentile, setup_django, stop_embedded_services


def _spread(samples: list[float]) -> str:
    return ", ".join(f"p{pct} {percentile(samples, pct):6.1f} ms" for pct in (10, 50, 90))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--turns", type=int, default=40)
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions by cumulative time")
    parser.add_argument("--message", default="What should I study next?")
    parser.add_argument("--dump", default="", help="also write the cProfile stats to this file")
    parser.add_argument("--sql", action="store_true", help="print the statements of the last turn")
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

        for _ in range(args.warm):
            turn()
        cpu, wall, statements = [], [], []
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.turns):
            with CaptureQueriesContext(connection) as queries:
                started, started_cpu = time.perf_counter(), time.process_time()
                if profiler:
                    profiler.enable()
                turn()
                if profiler:
                    profiler.disable()
                cpu.append((time.process_time() - started_cpu) * 1000)
                wall.append((time.perf_counter() - started) * 1000)
            statements.append(len(queries))
        if args.sql:
            for query in queries.captured_queries:
                print(f"  {query['time']}s {query['sql'][:220]}")
        print(f"offline chat turn in process ({args.message!r}), {args.turns} turns after {args.warm} warm-up")
        print(
            f"  CPU  {_spread(cpu)}\n  wall {_spread(wall)}\n"
            f"  SQL statements per turn: min {min(statements)}, median {statistics.median(statements):.0f}, "
            f"max {max(statements)}; load {os.getloadavg()[0]:.1f}"
        )
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
