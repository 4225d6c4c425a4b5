"""The Redis channel layer, with many group sends in a fixed number of Redis round trips."""

from __future__ import annotations

import time
from collections import defaultdict
from typing import Any

import structlog
from channels_redis.core import RedisChannelLayer

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
    """``RedisChannelLayer`` plus :meth:`group_send_many`.

    ``group_send`` costs three round trips per group (read the group, expire old messages, run the
    send script), and every message to a process's channels is one more blocking pop and clean-up
    in that process; a space's event sent to each of its M members' groups paid both M times. Here
    the reads of every group are one pipeline, the sends one more, and the messages bound for one
    process travel as one Redis entry that :meth:`receive_single` hands out per channel. The keys, script
    (but for a score per entry), capacity and expiry are ``group_send``'s (channels-redis 4.x internals); every
    process reading the layer must run this class (a plain ``RedisChannelLayer`` would not unpack a merged entry).
    """

    async def group_send_many(self, sends: list[tuple[str, dict[str, Any]]]) -> None:
        """``group_send(group, message)`` for each pair, each group's channels getting its own message."""
        members = await self._members_of([group for group, _ in sends])
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
            await self._send_queued(index, entries, recipients=len(sends))

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

    async def _members_of(self, groups: list[str]) -> list[list[str]]:
        """Every group's live channel names, old ones discarded first: one pipeline per host of groups."""
        by_host: dict[int, list[int]] = defaultdict(list)
        for position, group in enumerate(groups):
            assert self.require_valid_group_name(group), "Group name not valid"
            by_host[self.consistent_hash(group)].append(position)
        members: list[list[str]] = [[] for _ in groups]
        oldest = int(time.time()) - self.group_expiry
        for index, positions in by_host.items():
            pipe = self.connection(index).pipeline(transaction=False)
            for position in positions:
                key = self._group_key(groups[position])
                pipe.zremrangebyscore(key, min=0, max=oldest)
                pipe.zrange(key, 0, -1)
            replies = await pipe.execute()
            for position, names in zip(positions, replies[1::2], strict=True):
                members[position] = [name.decode("utf8") for name in names]
        return members

    async def _send_queued(self, index: int, entries: list[tuple[bytes, bytes, int, int]], *, recipients: int) -> None:
        """Expire old messages of these channel keys, then add each entry: one pipeline."""
        now = time.time()
        pipe = self.connection(index).pipeline(transaction=False)
        for key in dict.fromkeys(key for key, _, _, _ in entries):
            pipe.zremrangebyscore(key, min=0, max=int(now) - int(self.expiry))
        keys = [key for key, _, _, _ in entries]
        args = [message for _, message, _, _ in entries] + [capacity for _, _, capacity, _ in entries]
        scores = [now + rank * ORDER_STEP for _, _, _, rank in entries]
        pipe.eval(_SEND_LUA, len(keys), *keys, *args, *scores, self.expiry)
        over_capacity = (await pipe.execute())[-1]
        if over_capacity > 0:
            logger.info("realtime_channels_over_capacity", entries=over_capacity, groups=recipients)
