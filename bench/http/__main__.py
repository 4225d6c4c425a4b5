"""HTTP benchmark of the production topology: the REST hot path next to a bare Django view.

    python -m bench.http [--seconds 20] [--rounds 4] [--connections 16] [--baseline DIR]

Starts gunicorn with the deployed config (``deploy/gunicorn.conf.py``: 2 x CPUs + 1 sync workers)
on production settings (``bench.http.settings`` only adds the bare view's URL), against fresh
embedded PostgreSQL and Redis (or DATABASE_URL / REDIS_URL). Seeds one Premium learner through
the services with 20 courses x 4 modules x 5 topics and 10 goals, then loads each endpoint in
turn from keep-alive connections with ``X-Forwarded-Proto: https`` as nginx sends it, for
``--rounds`` interleaved rounds, and prints requests/s, p50/p99 and the ratio to the bare view
(medians over the rounds). Any answer that is not 2xx counts as an error (a 301 to https too).

``--baseline DIR`` also starts the same server from another checkout (e.g. ``git worktree add``
of the commit before a change) on the same database, and interleaves both, so a change is
measured against its baseline under the same machine load. The user rate limit is lifted for
the run (its Redis counter still runs on every request).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import psutil

from bench.common import percentile, setup_django, stop_embedded_services
from bench.http.wrk import run_wrk

PROJECT_ROOT = Path(__file__).resolve().parents[2]
Call = tuple[str, str, bytes | None]  # method, path, JSON body


@dataclass
class Samples:
    """What the Python load processes gather: answers by status, latencies of every answer in ms."""

    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)


@dataclass
class Result:
    """One endpoint's load run: answers, their rate and latency percentiles (ms), answers by status."""

    requests: int
    seconds: float
    p50: float
    p99: float
    statuses: Counter[int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if not 200 <= status < 300)


def _client(port: int, calls: list[Call], headers: dict[str, str], deadline: float, out: Samples, lock: Any) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    index = 0
    while time.monotonic() < deadline:
        method, path, body = calls[index % len(calls)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            statuses[0] += 1  # a refused or broken connection
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
        statuses[response.status] += 1
    connection.close()
    with lock:
        out.statuses.update(statuses)
        out.latencies.extend(latencies)


def _load_process(port: int, calls: list[Call], headers: dict[str, str], seconds: float, threads: int,
                  pipe: Connection) -> None:  # fmt: skip
    out = Samples()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(target=_client, args=(port, calls[n::threads] or calls, headers, deadline, out, lock))
        for n in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    pipe.send((dict(out.statuses), out.latencies))


def load(port: int, calls: list[Call], *, token: str, seconds: float, connections: int, processes: int,
         client: str) -> Result:  # fmt: skip
    """``connections`` keep-alive clients cycling through ``calls``: wrk threads or Python processes."""
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.7", "Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if client == "wrk":
        requests, elapsed, p50, p99, statuses = run_wrk(
            port=port, calls=calls, headers=headers, seconds=seconds, connections=connections, threads=processes
        )
        return Result(requests, elapsed, p50, p99, statuses)
    return _load_python(port, calls, headers=headers, seconds=seconds, connections=connections, processes=processes)


def _load_python(port: int, calls: list[Call], *, headers: dict[str, str], seconds: float, connections: int,
                 processes: int) -> Result:  # fmt: skip
    context = multiprocessing.get_context("fork")
    pipes, children = [], []
    for n in range(processes):
        threads = connections // processes + (1 if n < connections % processes else 0)
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_load_process, args=(port, calls[n::processes] or calls, headers, seconds,
                                                            threads, sender))  # fmt: skip
        child.start()
        pipes.append(receiver)
        children.append(child)
    samples = Samples()
    for receiver, child in zip(pipes, children, strict=True):
        statuses, latencies = receiver.recv()
        child.join()
        samples.statuses.update(statuses)
        samples.latencies.extend(latencies)
    latencies = samples.latencies or [0.0]
    return Result(
        len(samples.latencies), seconds, percentile(latencies, 50), percentile(latencies, 99), samples.statuses
    )


def start_gunicorn(*, root: Path, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """gunicorn as deployed (its config file), from checkout ``root``, answering on ``port``."""
    with (Path(env["MAIGIE_VAR_DIR"]) / f"gunicorn-{port}.log").open("ab") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "maigie.wsgi:application", "--config", "deploy/gunicorn.conf.py"],
            cwd=root,
            env=dict(env, PORT=str(port), PYTHONPATH=str(root)),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 300  # five workers import Django on a loaded machine
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/health/live")
            if connection.getresponse().status == 200:
                return process
        except OSError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError(f"gunicorn from {root} did not answer on port {port}")


def server_env(settings: Any, **extra: str) -> dict[str, str]:
    """The benchmarked servers' environment: the deployed settings on the given services, rate limits lifted."""
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.http.settings",
        DJANGO_SECRET_KEY="bench-" + uuid.uuid4().hex,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        CORS_ALLOWED_ORIGINS="https://app.example.com",
        DATABASE_URL=settings.DATABASE_URL,
        REDIS_URL=settings.REDIS_URL,
        JWT_SIGNING_KEY=settings.SIMPLE_JWT["SIGNING_KEY"],
        THROTTLE_USER="100000000/min",
        LOG_LEVEL="WARNING",
        **extra,
    )


def seed(*, courses: int, modules: int, topics: int, goals: int) -> tuple[Any, str]:
    """A Premium learner with the outline and goals, made through the services; (user, access token)."""
    from apps.accounts.models import Tier
    from apps.accounts.services import token_pair_for, user_create
    from apps.accounts.services.users import user_set_tier
    from apps.learning.services import course_create
    from apps.planning.services.goals import goal_create

    user = user_create(email=f"bench-http-{uuid.uuid4().hex[:8]}@example.com", password=None)
    user = user_set_tier(user=user, tier=Tier.PREMIUM_YEARLY, reason="bench")
    for c in range(courses):
        outline = [
            {"title": f"Module {m + 1}", "topics": [{"title": f"Topic {m + 1}.{t + 1}"} for t in range(topics)]}
            for m in range(modules)
        ]
        course_create(user=user, title=f"Course {c + 1}", description="Benchmark course.", modules=outline)
    for g in range(goals):
        goal_create(user=user, title=f"Goal {g + 1}", description="Benchmark goal.")
    return user, token_pair_for(user=user)["access"]


def scenarios(user: Any) -> dict[str, list[Call]]:
    """Every endpoint measured: name -> the calls a client cycles through."""
    from apps.learning.models import Course, Topic

    course = Course.objects.filter(user=user).order_by("-created_at").first()
    assert course is not None
    topic_ids = list(Topic.objects.filter(module__course__user=user).values_list("pk", flat=True)[:100])
    outline = [{"title": f"M{m}", "topics": [{"title": f"T{m}.{t}"} for t in range(5)]} for m in range(4)]
    create = json.dumps({"title": "Written by the benchmark", "modules": outline}).encode()
    return {
        "bare view (no auth)": [("GET", f"/bench/bare?user={user.pk}", None)],
        "course list (20)": [("GET", "/api/v1/courses/", None)],
        "course detail": [("GET", f"/api/v1/courses/{course.pk}/", None)],
        "goals list (10)": [("GET", "/api/v1/goals/", None)],
        "write: create course + outline": [("POST", "/api/v1/courses/", create)],
        "write: complete a topic": [
            ("POST", f"/api/v1/topics/{pk}/complete", json.dumps({"completed": n % 2 == 0}).encode())
            for n, pk in enumerate(topic_ids)
        ],
    }


def _median(results: list[Result], pick: Any) -> float:
    return float(statistics.median(pick(result) for result in results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20.0, help="per endpoint and round")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--processes", type=int, default=2, help="load generator processes (wrk: threads)")
    parser.add_argument("--client", choices=("wrk", "python"), default="wrk" if shutil.which("wrk") else "python",
                        help="load generator (default: wrk when installed)")  # fmt: skip
    parser.add_argument("--baseline", type=Path, help="another checkout to serve and measure in the same run")
    parser.add_argument("--only", help="measure only the endpoints whose name contains one of these (comma-separated)")
    args = parser.parse_args()

    setup_django()
    from django.conf import settings

    from apps.accounts.models import User
    from maigie import testing

    user, token = seed(courses=20, modules=4, topics=5, goals=10)
    env = server_env(settings)
    servers = {"this": PROJECT_ROOT, **({"baseline": args.baseline.resolve()} if args.baseline else {})}
    processes: list[subprocess.Popen[bytes]] = []
    try:
        ports = {}
        for name, root in servers.items():
            ports[name] = testing.free_port()
            processes.append(start_gunicorn(root=root, port=ports[name], env=env))
        wanted = args.only.split(",") if args.only else [""]
        calls = {name: c for name, c in scenarios(user).items() if any(part in name for part in wanted)}
        results: dict[tuple[str, str], list[Result]] = {}
        for port in ports.values():  # warm every worker's imports and connections
            for scenario in calls.values():
                load(
                    port,
                    scenario,
                    token=token,
                    seconds=1,
                    connections=args.connections,
                    processes=args.processes,
                    client=args.client,
                )
        for _ in range(args.rounds):
            for scenario_name, scenario in calls.items():
                for name, port in ports.items():
                    result = load(port, scenario, token=token, seconds=args.seconds, connections=args.connections,
                                  processes=args.processes, client=args.client)  # fmt: skip
                    results.setdefault((name, scenario_name), []).append(result)
        load_average = os.getloadavg()
        print(
            f"gunicorn (deploy/gunicorn.conf.py), production settings, {args.client} client, "
            f"{args.connections} connections, "
            f"{args.seconds:.0f} s x {args.rounds} rounds; medians; load average at the end "
            f"{load_average[0]:.2f} {load_average[1]:.2f} {load_average[2]:.2f}"
        )
        for name in servers:
            bare = results.get((name, "bare view (no auth)"))
            bare_rps = _median(bare, lambda r: r.rps) if bare else 0.0
            print(f"[{name}: {servers[name]}]")
            for scenario_name in calls:
                runs = results[(name, scenario_name)]
                rps = _median(runs, lambda r: r.rps)
                ratio = f"{rps / bare_rps:5.2f}x bare" if bare_rps else ""
                statuses = Counter[int]()
                for run in runs:
                    statuses.update(run.statuses)
                errors = sum(run.errors for run in runs)
                p50 = _median(runs, lambda r: r.p50)
                p99 = _median(runs, lambda r: r.p99)
                print(
                    f"  {scenario_name:<32} {rps:7.1f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms  {ratio}  "
                    f"non-2xx {errors}{'' if not errors else ' ' + str(dict(statuses))}"
                )
        for name, process in zip(servers, processes, strict=True):
            master = psutil.Process(process.pid)
            workers = [child.memory_full_info() for child in master.children()]
            print(
                f"[{name}] memory after the run: master RSS {master.memory_info().rss / 2**20:.1f} MiB; "
                f"{len(workers)} workers RSS {', '.join(f'{w.rss / 2**20:.1f}' for w in workers)} MiB, "
                f"unique (USS) {', '.join(f'{w.uss / 2**20:.1f}' for w in workers)} MiB"
            )
        if args.baseline:
            print("[this / baseline, requests/s]")
            for scenario_name in calls:
                this = _median(results[("this", scenario_name)], lambda r: r.rps)
                base = _median(results[("baseline", scenario_name)], lambda r: r.rps)
                print(f"  {scenario_name:<32} {this / base:5.2f}x")
    finally:
        for process in processes:
            testing.stop_process(process)
        User.objects.filter(pk=user.pk).delete()
        stop_embedded_services()


if __name__ == "__main__":
    main()
