"""Wall-clock spans for a benchmark: named functions wrapped in place, SQL and Redis time inside each.

``Spans.wrap(module, "name")`` replaces ``module.name`` with a wrapper that records, per call, the
wall time, this thread's CPU time, and the wall time and count of the SQL statements
(``connection.execute_wrapper``) and Redis commands (``redis`` client ``execute_command`` and
pipeline ``execute``, sync clients only) run inside it. Spans nest; each figure is inclusive.
Per turn (``with spans.turn():``) the calls of a span are summed; ``report()`` prints medians over
turns. Used by ``bench.chat_turn --spans``; a measuring aid, never installed by the application.
"""

from __future__ import annotations

import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

FIGURES = ("wall", "cpu", "sql_ms", "sql_n", "redis_ms", "redis_n", "calls")


@dataclass
class _Open:
    name: str
    wall: float
    cpu: float
    sql_ms: float = 0.0
    sql_n: int = 0
    redis_ms: float = 0.0
    redis_n: int = 0


class Spans:
    """Per-turn wall/CPU/SQL/Redis totals of the wrapped functions (one thread: the request's)."""

    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.current: dict[str, dict[str, float]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0.0))
        self.turns: list[dict[str, dict[str, float]]] = []
        self.order: list[str] = []

    def wrap(self, owner: Any, attribute: str, name: str | None = None) -> None:
        """Time every call of ``owner.attribute`` (a module's or class's function) under ``name``."""
        original: Callable[..., Any] = getattr(owner, attribute)
        label = name or attribute
        if label not in self.order:
            self.order.append(label)

        @wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.span(label):
                return original(*args, **kwargs)

        setattr(owner, attribute, timed)

    @contextmanager
    def span(self, name: str) -> Iterator[None]:
        opened = _Open(name, time.perf_counter(), time.thread_time())
        self.stack.append(opened)
        try:
            yield
        finally:
            self.stack.pop()
            totals = self.current[name]
            totals["wall"] += (time.perf_counter() - opened.wall) * 1000
            totals["cpu"] += (time.thread_time() - opened.cpu) * 1000
            for figure in ("sql_ms", "sql_n", "redis_ms", "redis_n"):
                totals[figure] += getattr(opened, figure)
            totals["calls"] += 1
            if self.stack:  # inclusive: the parent's own figures hold what ran inside this one
                parent = self.stack[-1]
                parent.sql_ms += opened.sql_ms
                parent.sql_n += opened.sql_n
                parent.redis_ms += opened.redis_ms
                parent.redis_n += opened.redis_n

    def _count(self, kind: str, started: float) -> None:
        if self.stack:
            top = self.stack[-1]
            setattr(top, f"{kind}_ms", getattr(top, f"{kind}_ms") + (time.perf_counter() - started) * 1000)
            setattr(top, f"{kind}_n", getattr(top, f"{kind}_n") + 1)

    def sql_wrapper(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        """A ``connection.execute_wrapper`` adding the statement's wall time to the open span."""
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self._count("sql", started)

    def wrap_redis(self) -> None:
        """Time the sync redis client's commands and pipelines (channels-redis' asyncio client is not)."""
        import redis.client

        for owner, attribute in ((redis.client.Redis, "execute_command"), (redis.client.Pipeline, "execute")):
            original = getattr(owner, attribute)

            def timed(*args: Any, _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return _original(*args, **kwargs)
                finally:
                    self._count("redis", started)

            setattr(owner, attribute, timed)

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Collect the spans of one turn (the whole turn is the span ``turn``)."""
        self.current = defaultdict(lambda: dict.fromkeys(FIGURES, 0.0))
        if "turn" not in self.order:
            self.order.insert(0, "turn")
        with self.span("turn"):
            yield
        self.turns.append(dict(self.current))

    def report(self) -> str:
        """Medians per turn of each span's figures."""
        lines = [f"{'span (median per turn)':34} {'wall':>7} {'cpu':>7} {'wait':>7} {'sql ms':>7} {'#sql':>5} "
                 f"{'redis ms':>8} {'#redis':>6} {'calls':>5}"]  # fmt: skip
        for name in self.order:
            values = {
                figure: statistics.median(turn.get(name, {}).get(figure, 0.0) for turn in self.turns)
                for figure in FIGURES
            }
            lines.append(
                f"{name:34} {values['wall']:7.1f} {values['cpu']:7.1f} {values['wall'] - values['cpu']:7.1f} "
                f"{values['sql_ms']:7.1f} {values['sql_n']:5.0f} {values['redis_ms']:8.1f} {values['redis_n']:6.0f} "
                f"{values['calls']:5.0f}"
            )
        return "\n".join(lines)
