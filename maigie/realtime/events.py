"""The per-user event log in Redis: gap-free sequence numbers and bounded replay.

Each published event gets the next number of its user's sequence and is kept in a sorted set
(score = seq) for ``REALTIME_REPLAY_SECONDS`` and at most ``REALTIME_REPLAY_EVENTS`` events, so a
client that reconnects with ``last_seq`` can be sent what it missed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
import weakref
from dataclasses import dataclass
from typing import Any, cast

import redis
import redis.asyncio as aioredis
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from redis.exceptions import NoScriptError

# KEYS: seq, log, times. ARGV: frame JSON without seq, now, retention seconds, max events.
_RECORD = """
local seq = redis.call('INCR', KEYS[1])
local payload = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('ZADD', KEYS[2], seq, payload)
redis.call('ZADD', KEYS[3], ARGV[2], seq)
local cutoff = tonumber(ARGV[2]) - tonumber(ARGV[3])
local expired = redis.call('ZREVRANGEBYSCORE', KEYS[3], cutoff, '-inf', 'LIMIT', 0, 1)
if #expired > 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', expired[1])
  redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', cutoff)
end
local keep = tonumber(ARGV[4])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -keep - 1)
redis.call('ZREMRANGEBYRANK', KEYS[3], 0, -keep - 1)
redis.call('EXPIRE', KEYS[2], ARGV[3])
redis.call('EXPIRE', KEYS[3], ARGV[3])
return {seq, payload}
"""
_RECORD_SHA = hashlib.sha1(_RECORD.encode()).hexdigest()  # noqa: S324 (Redis names scripts by SHA-1)


@dataclass(frozen=True)
class Recorded:
    """An event as stored: its sequence number and the exact frame clients receive."""

    seq: int
    payload: str


def _keys(user_id: Any) -> tuple[str, str, str]:
    base = f"maigie:rt:{user_id}"
    return f"{base}:seq", f"{base}:log", f"{base}:times"


_sync_clients: dict[str, redis.Redis] = {}


def _sync_client() -> redis.Redis:
    url = settings.REDIS_URL
    if url not in _sync_clients:
        _sync_clients[url] = redis.Redis.from_url(url)
    return _sync_clients[url]


def record(*, user_id: Any, event: str, data: dict[str, Any]) -> Recorded:
    """Give ``event`` the user's next sequence number and keep it for replay."""
    return record_many(user_ids=[user_id], event=event, data=data)[0]


def record_many(*, user_ids: list[Any], event: str, data: dict[str, Any]) -> list[Recorded]:
    """:func:`record` for each of ``user_ids`` (in order), in one Redis round trip."""
    now = time.time()
    frame = json.dumps({"type": "event", "event": event, "data": data, "ts": now}, cls=DjangoJSONEncoder)
    args = (frame, now, settings.REALTIME_REPLAY_SECONDS, settings.REALTIME_REPLAY_EVENTS)
    client = _sync_client()
    results: list[Any] = [None] * len(user_ids)
    pending = list(range(len(user_ids)))
    for _ in range(2):
        pipeline = client.pipeline(transaction=False)
        for index in pending:
            pipeline.evalsha(_RECORD_SHA, 3, *_keys(user_ids[index]), *args)
        replies = pipeline.execute(raise_on_error=False)
        for index, reply in zip(pending, replies, strict=True):
            results[index] = reply
        # Only the calls Redis refused for not knowing the script did nothing: load it and run those again.
        pending = [index for index in pending if isinstance(results[index], NoScriptError)]
        if not pending:
            break
        client.script_load(_RECORD)
    for reply in results:
        if isinstance(reply, Exception):
            raise reply
    return [Recorded(seq=int(seq), payload=payload.decode()) for seq, payload in results]


_async_clients: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, aioredis.Redis] = weakref.WeakKeyDictionary()


def _async_client() -> aioredis.Redis:
    """This event loop's client (a consumer's reads); like the channel layer's, its pool waits for a free
    connection when ``REALTIME_REDIS_MAX_CONNECTIONS`` are in use, so a burst of connects is served, not refused."""
    loop = asyncio.get_running_loop()
    if loop not in _async_clients:
        pool = aioredis.BlockingConnectionPool.from_url(
            settings.REDIS_URL,
            max_connections=settings.REALTIME_REDIS_MAX_CONNECTIONS,
            timeout=settings.REALTIME_REDIS_POOL_WAIT,
            socket_timeout=settings.REDIS_SOCKET_TIMEOUT,
            socket_connect_timeout=settings.REDIS_SOCKET_TIMEOUT,
        )
        _async_clients[loop] = aioredis.Redis(connection_pool=pool)
    return _async_clients[loop]


async def current_seq(user_id: Any) -> int:
    """The sequence number of the user's latest event (0 before any)."""
    value = await _async_client().get(_keys(user_id)[0])
    return int(value) if value is not None else 0


async def events_between(user_id: Any, *, after: int, upto: int | None = None) -> list[Recorded] | None:
    """Kept events with ``after < seq <= upto`` in order, or ``None`` if some of them are gone."""
    maximum: str | int = "+inf" if upto is None else upto
    rows = cast(
        list[tuple[bytes, float]],
        await _async_client().zrangebyscore(_keys(user_id)[1], f"({after}", maximum, withscores=True),
    )
    found = [Recorded(seq=int(score), payload=member.decode()) for member, score in rows]
    if found and found[0].seq != after + 1:
        return None
    if upto is not None and len(found) != upto - after:
        return None
    return found
