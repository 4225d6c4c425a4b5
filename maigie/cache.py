"""Cache-aside in Redis for the expensive reads, invalidated by the realtime events their writes publish.

Each cached read is declared once with the events it depends on::

    COURSE_OUTLINE = cached_read("course_outline", depends_on=("course.*", "topic.*"), ttl=300)

and a view answers ``get_or_compute(COURSE_OUTLINE, user_id=..., parts=(course_id,), compute=...)``.
A value is stored under a key holding the user's *generation* of that read (and of its global tags,
e.g. the resource catalog). :func:`maigie.realtime.publish.publish` calls :func:`invalidate` after
the write commits, before the event is sent: it increments the generation of every read of that
user depending on the event, so later reads use a new key. The generation is read *before* the
value is computed, so a computation racing a write stores its value under the old generation,
which nobody reads any more: no read that starts after a write's commit returns older data.

Stampede safety: on a miss one process takes a short lock (``SET NX PX``) and computes; the others
wait up to :data:`WAIT_SECONDS` for its value, then compute themselves. Hits and misses are
counted in ``maigie_cache_requests_total{read, result}``. Values expire after the read's TTL
(which bounds what time alone changes, e.g. cards becoming due); generations outlive every value.
"""

from __future__ import annotations

import fnmatch
import hashlib
import pickle
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import structlog
from django.conf import settings
from django.db import transaction
from django_redis import get_redis_connection
from prometheus_client import Counter

logger = structlog.get_logger(__name__)

T = TypeVar("T")
PREFIX = "maigie:cache"
LOCK_MILLISECONDS = 5000  # the longest a computation holds the lock
WAIT_SECONDS = 2.0  # how long a reader waits for another's computation
POLL_SECONDS = 0.02
GENERATION_SECONDS = 7 * 24 * 3600  # longer than any value's TTL, so an expired generation finds no value

_FRESH: ContextVar[bool] = ContextVar("fresh_reads", default=False)
CACHE_REQUESTS = Counter("maigie_cache_requests", "Cached reads by outcome.", ["read", "result"])


@dataclass(frozen=True)
class CachedRead:
    """A cached read: the event names (``fnmatch`` patterns) that change it and its TTL in seconds."""

    name: str
    depends_on: tuple[str, ...]
    ttl: int
    global_tags: tuple[str, ...] = ()

    def depends(self, event: str) -> bool:
        return any(fnmatch.fnmatchcase(event, pattern) for pattern in self.depends_on)


READS: dict[str, CachedRead] = {}


def cached_read(name: str, *, depends_on: Iterable[str], ttl: int, global_tags: Iterable[str] = ()) -> CachedRead:
    """Declare a cached read (module level, once per name)."""
    read = CachedRead(name=name, depends_on=tuple(depends_on), ttl=ttl, global_tags=tuple(global_tags))
    if ttl * 2 > GENERATION_SECONDS:
        raise ValueError(f"Cached read {name!r}: the TTL must be under half of GENERATION_SECONDS.")
    READS[name] = read
    return read


def _generation_key(name: str, owner: Any) -> str:
    return f"{PREFIX}:gen:{name}:{owner}"


def _global_key(tag: str) -> str:
    return f"{PREFIX}:gen:global:{tag}"


# A hit in one round trip: the generations make the value's key, which is read at once.
_LOOKUP = """
local stamp = {}
for i, generation in ipairs(redis.call('MGET', unpack(KEYS))) do
  stamp[i] = generation or '0'
end
local key = ARGV[1] .. table.concat(stamp, '.') .. ARGV[2]
return {key, redis.call('GET', key)}
"""


def get_or_compute(
    read: CachedRead, *, user_id: Any, parts: Iterable[Any] = (), compute: Callable[[], T], refresh: bool = False
) -> T:
    """The cached value of ``read`` for this user and ``parts``, or ``compute()`` stored for the next read.

    ``refresh`` computes and stores a new value whatever is cached. With ``READ_CACHE_ENABLED`` off
    every read computes.
    """
    if not settings.READ_CACHE_ENABLED or _FRESH.get():
        return compute()
    redis = get_redis_connection("default")
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()[:24]
    generations = [_generation_key(read.name, user_id), *map(_global_key, read.global_tags)]
    found_key, raw = redis.register_script(_LOOKUP)(
        keys=generations, args=[f"{PREFIX}:v:{read.name}:{user_id}:", f":{digest}"]
    )
    key = found_key.decode()
    raw = None if refresh else raw
    if raw is not None:
        CACHE_REQUESTS.labels(read=read.name, result="hit").inc()
        return cast(T, pickle.loads(raw))  # noqa: S301  (our own values, in our own Redis)
    lock = f"{key}:lock"
    if not refresh and not redis.set(lock, b"1", nx=True, px=LOCK_MILLISECONDS):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            raw = redis.get(key)
            if raw is not None:
                CACHE_REQUESTS.labels(read=read.name, result="hit").inc()
                return cast(T, pickle.loads(raw))  # noqa: S301
        lock = ""  # the other computation is slow: compute without the lock
    CACHE_REQUESTS.labels(read=read.name, result="miss").inc()
    try:
        value = compute()
        redis.set(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), ex=read.ttl)
    finally:
        if lock:
            redis.delete(lock)
    return value


@contextmanager
def fresh_reads() -> Iterator[None]:
    """Inside, every read computes from the database, neither reading nor storing a cached value.

    For a check that must see a change committed moments ago, before its ``on_commit`` invalidation
    (``maigie.preconditions``: the ETag of a conditional write).
    """
    token = _FRESH.set(True)
    try:
        yield
    finally:
        _FRESH.reset(token)


def invalidate(*, user_id: Any, event: str) -> None:
    """Start a new generation of every read of ``user_id`` that depends on ``event`` (now)."""
    invalidate_many(user_ids=[user_id], event=event)


def invalidate_many(*, user_ids: Iterable[Any], event: str) -> None:
    """:func:`invalidate` for each of ``user_ids``, in one Redis round trip."""
    names = [read.name for read in READS.values() if read.depends(event)]
    if not names:
        return
    pipeline = get_redis_connection("default").pipeline(transaction=False)
    for user_id in user_ids:
        for name in names:
            pipeline.incr(_generation_key(name, user_id))
            pipeline.expire(_generation_key(name, user_id), GENERATION_SECONDS)
    pipeline.execute()


def invalidate_global_on_commit(tag: str) -> None:
    """Start a new generation of the reads tagged ``tag`` (for every user) once the transaction commits."""

    def bump() -> None:
        redis = get_redis_connection("default")
        redis.incr(_global_key(tag))
        redis.expire(_global_key(tag), GENERATION_SECONDS)

    transaction.on_commit(bump)


# The cached reads. A test checks that every declared realtime event is either a dependency of one
# of them or listed in NO_CACHED_READ, so a new event must be classified here.
CATALOG = "catalog"  # the global tag of reads of the resource catalog
_OUTLINE = ("course.*", "module.*", "topic.*")
_PLANNING = ("goal.*", "task.*", "tasks.*", "schedule.*", "session.*")
COURSE_OUTLINE = cached_read("course_outline", depends_on=(*_OUTLINE, "user.updated"), ttl=600)
# Pages of the course list (counts, progress) and the goal list (tasks, progress; a deleted course unlinks
# its goals, restoring it links them again). "user.updated": a time zone change changes how times are written.
COURSE_LIST = cached_read("course_list", depends_on=(*_OUTLINE, "user.updated"), ttl=600)
GOAL_LIST = cached_read(
    "goal_list", depends_on=("goal.*", "task.*", "tasks.*", "course.deleted", "course.created", "user.updated"), ttl=600
)
# Figures: study minutes, sessions, tasks, topics and notes; goals; courses' progress; the streak, which
# reviews (own or of a shared deck) and a member's shared topics also make.
_STUDY_ELSEWHERE = ("card.reviewed", "space.card_reviewed", "space.progress_changed")
ANALYTICS_SUMMARY = cached_read(
    "analytics_summary",
    depends_on=(*_OUTLINE, "note.*", *_PLANNING, *_STUDY_ELSEWHERE, "achievement.*", "user.updated"),
    ttl=300,
)
# Today's plan (tasks, blocks, exams, next topics) for the study day in its key. The card counts, streak,
# achievements and agenda, which each review and the clock change, are computed on every read (one
# aggregate, the streak's query, the achievements'), so a review invalidates nothing here.
TODAY = cached_read("today", depends_on=(*_PLANNING, *_OUTLINE, "exam.*", "user.updated"), ttl=300)
RECOMMENDATIONS = cached_read(
    "recommendations", depends_on=(*_OUTLINE, "resource.*", "user.updated"), ttl=600, global_tags=(CATALOG,)
)
DASHBOARD = cached_read("dashboard", depends_on=(), ttl=60)  # staff figures, global: refreshed by TTL only

#: Events that change none of the cached reads.
NO_CACHED_READ = frozenset(
    {
        "job.progress",
        "deck.changed",
        "notification.created",
        "notification.read",
        "assistant.action",
        "assistant.memory.created",
        "assistant.memory.deleted",
        "chat.message",
        "subscription.updated",
        "material.created",
        "material.updated",
        "material.deleted",
        "reminder.due",
        "space.updated",
        "space.deleted",
        "space.member_joined",
        "space.member_updated",
        "space.member_removed",
        "space.course_shared",
        "space.course_unshared",
        "space.outline_changed",
        "space.deck_shared",
        "space.deck_unshared",
        "space.deck_changed",  # the owner's own reads change through the review app's deck.changed
        "space.material_shared",
        "space.material_unshared",
        "space.material_updated",
    }
)
