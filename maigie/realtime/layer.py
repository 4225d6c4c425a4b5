"""The Redis channel layer, with many group sends in a fixed number of Redis round trips."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from typing import Any, cast

import redis
import redis.asyncio
import redis.sentinel
import structlog
from channels_redis.core import RedisChannelLayer
from django.conf import settings

logger = structlog.get_logger(__name__)

_EACH = "__each__"  # a merged entry's messages by channel
ENTRY_CHANNELS = 100  # channels per merged entry at most: a big space's event stays a few small entries

ORDER_STEP = 1e-6  # seconds between the scores of one key's entries in one send, so they are popped in order

# channels-redis' own group-send script: each key gets its message unless the channel is full. One change: each
# entry has its own score (ARGV[i + 2 * #KEYS]); entries of one key with one score would be popped in the order of
# their serialized bytes, which begin with random bytes, not in the order they were added.
_SEND_LUA = """
local over_capacity = 0
local expiry = ARGV[#ARGV]
for i=1,#KEYS do
    if redis.call('ZCOUNT', KEYS[i], '-inf', '+inf') < tonumber(ARGV[i + #KEYS]) then
        redis.call('ZADD', KEYS[i], ARGV[i + 2 * #KEYS], ARGV[i])
        redis.call('EXPIRE', KEYS[i], expiry)
    else
        over_capacity = over_capacity + 1
    end
end
return over_capacity
"""


class BatchingRedisChannelLayer(RedisChannelLayer):
    """``RedisChannelLayer`` plus :meth:`group_send_many_blocking`.

    ``group_send`` costs three round trips per group (read the group, expire old messages, run the
    send script), and every message to a process's channels is one more blocking pop and clean-up
    in that process; a space's event sent to each of its M members' groups paid both M times. Here
    the reads of every group are one pipeline, the sends one more, and the messages bound for one
    process travel as one Redis entry that :meth:`receive_single` hands out per channel. The keys, script
    (but for a score per entry), capacity and expiry are ``group_send``'s (channels-redis 4.x internals); every
    process reading the layer must run this class (a plain ``RedisChannelLayer`` would not unpack a merged entry).
    The sends run in the publishing thread on synchronous Redis clients (a request's or a task's code publishes),
    and every pool waits for a free connection rather than refusing a command when all are in use.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._sync_pools: dict[int, redis.ConnectionPool] = {}
        self._sync_lock = threading.Lock()

    def create_pool(self, index: int) -> redis.asyncio.ConnectionPool:
        """channels-redis' pool for host ``index``, but one that waits (``REALTIME_REDIS_POOL_WAIT``) for a free
        connection when ``max_connections`` are in use instead of raising: a burst of connects (clients reconnecting
        after a deploy, 200 learners opening the app at once) raised ``MaxConnectionsError`` in ``group_add``, and
        daphne closed each of those sockets with 1011."""
        host = dict(self.hosts[index])
        if "address" not in host:
            return cast(redis.asyncio.ConnectionPool, super().create_pool(index))
        wait = settings.REALTIME_REDIS_POOL_WAIT
        return redis.asyncio.BlockingConnectionPool.from_url(host.pop("address"), timeout=wait, **host)

    def group_send_many_blocking(self, sends: list[tuple[str, dict[str, Any]]]) -> None:
        """``group_send(group, message)`` for each pair, each group's channels getting its own message, from
        synchronous code (a request, a task) on this process's blocking Redis clients: no event loop, no thread."""
        groups = [group for group, _ in sends]
        members: list[list[str]] = [[] for _ in groups]
        oldest = int(time.time()) - self.group_expiry
        for index, positions in self._positions_by_host(groups).items():
            pipe = self._sync_connection(index).pipeline(transaction=False)
            for position in positions:
                key = self._group_key(groups[position])
                pipe.zremrangebyscore(key, min=0, max=oldest)
                pipe.zrange(key, 0, -1)
            for position, names in zip(positions, pipe.execute()[1::2], strict=True):
                members[position] = [name.decode("utf8") for name in names]
        deliveries = [
            (channel, message) for (_, message), channels in zip(sends, members, strict=True) for channel in channels
        ]
        queued: dict[int, list[tuple[bytes, bytes, int, int]]] = defaultdict(list)
        rank: dict[str, int] = defaultdict(int)  # the entry's place among its key's: a channel's messages in order
        for key, channel_messages in self._merged_by_key(deliveries):
            first = next(iter(channel_messages))
            body = {**channel_messages[first]} if len(channel_messages) == 1 else {_EACH: channel_messages}
            body["__asgi_channel__"] = list(channel_messages)
            index = self.consistent_hash(key.removeprefix(self.prefix))
            queued[index].append((key.encode("utf8"), self.serialize(body), self.get_capacity(first), rank[key]))
            rank[key] += 1
        for index, entries in queued.items():
            self._send_queued(index, entries, recipients=len(sends))

    def _sync_connection(self, index: int) -> redis.Redis:
        """A synchronous client of host ``index``; its pool is shared by the process's threads and reset after a
        fork (redis-py checks the pid)."""
        with self._sync_lock:
            if index not in self._sync_pools:
                self._sync_pools[index] = _sync_pool(self.hosts[index])
        return redis.Redis(connection_pool=self._sync_pools[index])

    async def receive_single(self, channel: str) -> tuple[Any, dict[str, Any]]:
        """The next entry of ``channel``'s key; a merged entry is handed out here, each channel's buffer getting only
        its own part (``receive`` buffers what this returns for every channel named; a buffer left by a gone
        channel would otherwise keep every part of the entry)."""
        message_channel, message = await super().receive_single(channel)
        each = message.get(_EACH)
        if each is None:
            return message_channel, message
        *others, last = message_channel
        for other in others:  # no await from here to ``receive`` buffering ``last``'s part: the order holds
            self.receive_buffer[other].put_nowait(each[other])
        return last, each[last]

    def _merged_by_key(self, deliveries: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
        """(Redis key, {channel: message}) entries: a process's channels share a key; an entry holds at most one
        message per channel (a channel in two groups gets two entries, in order) and ``ENTRY_CHANNELS`` channels."""
        entries: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for channel, message in deliveries:
            key = self.prefix + (self.non_local_name(channel) if "!" in channel else channel)
            rounds = entries[key]
            free = next((each for each in rounds if channel not in each and len(each) < ENTRY_CHANNELS), None)
            if free is None:
                rounds.append(free := {})
            free[channel] = message
        return [(key, each) for key, rounds in entries.items() for each in rounds]

    def _positions_by_host(self, groups: list[str]) -> dict[int, list[int]]:
        by_host: dict[int, list[int]] = defaultdict(list)
        for position, group in enumerate(groups):
            assert self.require_valid_group_name(group), "Group name not valid"
            by_host[self.consistent_hash(group)].append(position)
        return by_host

    def _send_queued(self, index: int, entries: list[tuple[bytes, bytes, int, int]], *, recipients: int) -> None:
        """Expire old messages of these channel keys, then add each entry: one pipeline."""
        now = time.time()
        pipe = self._sync_connection(index).pipeline(transaction=False)
        for key in dict.fromkeys(key for key, _, _, _ in entries):
            pipe.zremrangebyscore(key, min=0, max=int(now) - int(self.expiry))
        keys = [key for key, _, _, _ in entries]
        args = [message for _, message, _, _ in entries] + [capacity for _, _, capacity, _ in entries]
        scores = [now + rank * ORDER_STEP for _, _, _, rank in entries]
        pipe.eval(_SEND_LUA, len(keys), *keys, *args, *scores, self.expiry)
        over_capacity = pipe.execute()[-1]
        if over_capacity > 0:
            logger.info("realtime_channels_over_capacity", entries=over_capacity, groups=recipients)


def _sync_pool(host: dict[str, Any]) -> redis.ConnectionPool:
    """:meth:`BatchingRedisChannelLayer.create_pool` for a host, with redis-py's synchronous classes."""
    host = dict(host)
    if "address" in host:
        wait = settings.REALTIME_REDIS_POOL_WAIT
        return redis.BlockingConnectionPool.from_url(host.pop("address"), timeout=wait, **host)
    if (master_name := host.pop("master_name", None)) is not None:
        sentinel = redis.sentinel.Sentinel(host.pop("sentinels"), sentinel_kwargs=host.pop("sentinel_kwargs", None))
        return redis.sentinel.SentinelConnectionPool(master_name, sentinel, **host)
    return redis.ConnectionPool(**host)
