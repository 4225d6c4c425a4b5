"""``BatchingRedisChannelLayer.group_send_many_blocking``: ``group_send``'s delivery, in two Redis round trips and one
Redis entry per receiving process."""

import asyncio
import uuid

import pytest
from asgiref.sync import sync_to_async
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer
from redis.client import Pipeline
from redis.exceptions import MaxConnectionsError

from maigie.realtime.layer import ENTRY_CHANNELS, BatchingRedisChannelLayer


@pytest.fixture
def layer():
    layer = get_channel_layer()
    assert isinstance(layer, BatchingRedisChannelLayer)
    return layer


@pytest.fixture
def named():
    """Group names no other test uses: ``named("a")``."""
    run = uuid.uuid4().hex[:8]
    return lambda name: f"t{run}.{name}"


async def send_many(layer: BatchingRedisChannelLayer, sends: list[tuple[str, dict]]) -> None:
    """The blocking send from a worker thread, as a request's code publishes."""
    await sync_to_async(layer.group_send_many_blocking)(sends)


async def nothing_more(layer: BatchingRedisChannelLayer, channel: str) -> bool:
    try:
        await asyncio.wait_for(layer.receive(channel), timeout=0.3)
    except TimeoutError:
        return True
    return False


async def test_each_group_gets_its_own_message_on_every_channel(layer, named):
    first, second, third = [await layer.new_channel() for _ in range(3)]  # one process: one shared Redis key
    await layer.group_add(named("a"), first)
    await layer.group_add(named("a"), second)
    await layer.group_add(named("b"), third)

    await send_many(
        layer,
        [
            (named("a"), {"type": "t.e", "n": 1}),
            (named("b"), {"type": "t.e", "n": 2}),
            (named("none"), {"type": "t.e", "n": 3}),
        ],
    )

    assert [(await layer.receive(channel))["n"] for channel in (first, second, third)] == [1, 1, 2]
    assert [await nothing_more(layer, channel) for channel in (first, second, third)] == [True, True, True]


async def test_a_channel_in_several_groups_gets_each_groups_message_in_order(layer, named):
    """Its entries share a Redis key; with one score they were popped in their bytes' (random) order: 19 of 30."""
    received = []
    for attempt in range(20):
        channel = await layer.new_channel()
        groups = [named(f"{attempt}.{n}") for n in range(3)]
        for group in groups:
            await layer.group_add(group, channel)

        await send_many(layer, [(group, {"type": "t.e", "seq": n}) for n, group in enumerate(groups)])

        received.append([(await layer.receive(channel))["seq"] for _ in groups])
    assert received == [[0, 1, 2]] * 20


async def test_one_group_twice_delivers_in_order(layer, named):
    channel = await layer.new_channel()
    await layer.group_add(named("u"), channel)

    await send_many(layer, [(named("u"), {"type": "t.e", "seq": n}) for n in range(5)])

    assert [(await layer.receive(channel))["seq"] for _ in range(5)] == list(range(5))


async def test_each_channel_buffers_only_its_own_part(layer, named):
    """A channel that stopped receiving (its consumer gone, still in its group) keeps what is buffered for it:
    its own message, not the whole merged entry with every other channel's."""
    live, gone = await layer.new_channel(), await layer.new_channel()
    await layer.group_add(named("live"), live)
    await layer.group_add(named("gone"), gone)

    await send_many(layer, [(named("live"), {"type": "t.e", "n": 1}), (named("gone"), {"type": "t.e", "n": 2})])

    assert await layer.receive(live) == {"type": "t.e", "n": 1}
    assert layer.receive_buffer.pop(gone).get_nowait() == {"type": "t.e", "n": 2}


async def test_channels_of_other_processes_and_non_local_channels(layer, named):
    other = BatchingRedisChannelLayer(hosts=layer.hosts, prefix=layer.prefix)  # another daphne process
    mine, theirs, plain = await layer.new_channel(), await other.new_channel(), f"plain.{uuid.uuid4().hex}"
    for channel in (mine, theirs, plain):
        await layer.group_add(named("g"), channel)

    await send_many(layer, [(named("g"), {"type": "t.e", "n": 1})])
    await layer.group_send(named("g"), {"type": "t.e", "n": 2})

    for receiver, channel in ((layer, mine), (other, theirs), (layer, plain)):
        assert [(await receiver.receive(channel))["n"] for _ in range(2)] == [1, 2]


async def test_sharded_hosts(layer, named):
    """Groups and channel keys hashed over three hosts (three databases of the test Redis), as group_send does."""
    address = layer.hosts[0]["address"]
    hosts = [{"address": f"{address}{'&' if '?' in address else '?'}db={db}"} for db in range(3)]
    processes = [BatchingRedisChannelLayer(hosts=hosts, prefix="maigie:test-shards") for _ in range(4)]
    channels = [(process, await process.new_channel()) for process in processes for _ in range(3)]
    groups = [named(f"s{n}") for n in range(len(channels))]
    for group, (_, channel) in zip(groups, channels, strict=True):
        await processes[0].group_add(group, channel)
    assert len({processes[0].consistent_hash(group) for group in groups}) > 1

    await send_many(processes[1], [(group, {"type": "t.e", "n": n}) for n, group in enumerate(groups)])

    assert [(await process.receive(channel))["n"] for process, channel in channels] == list(range(len(channels)))
    await processes[0].flush()


@pytest.mark.parametrize("groups", [5, 200])
async def test_the_round_trips_do_not_grow_with_the_groups(layer, named, monkeypatch, groups):
    channels = [await layer.new_channel() for _ in range(groups)]
    for n, channel in enumerate(channels):
        await layer.group_add(named(str(n)), channel)
    process_key = layer.prefix + layer.non_local_name(channels[0])
    redis = layer.connection(layer.consistent_hash(layer.non_local_name(channels[0])))
    before = await redis.zcard(process_key)  # other tests' undelivered entries may wait there
    executed = 0
    execute = Pipeline.execute

    def counting(self, *args, **kwargs):
        nonlocal executed
        executed += 1
        return execute(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute", counting)
    await send_many(layer, [(named(str(n)), {"type": "t.e", "n": n}) for n in range(groups)])
    monkeypatch.undo()

    assert executed == 2
    assert await redis.zcard(process_key) - before == -(-groups // ENTRY_CHANNELS)  # 100 channels an entry at most
    assert [(await layer.receive(channel))["n"] for channel in channels] == list(range(groups))


async def test_the_messages_for_one_process_are_one_redis_entry(layer, named):
    channels = [await layer.new_channel() for _ in range(3)]
    for n, channel in enumerate(channels):
        await layer.group_add(named(str(n)), channel)
    process_key = layer.prefix + layer.non_local_name(channels[0])
    before = await layer.connection(layer.consistent_hash(layer.non_local_name(channels[0]))).zcard(process_key)

    await send_many(layer, [(named(str(n)), {"type": "t.e", "n": n, "seq": 10 + n}) for n in range(3)])

    after = await layer.connection(layer.consistent_hash(layer.non_local_name(channels[0]))).zcard(process_key)
    assert after - before == 1
    assert [await layer.receive(channel) for channel in channels] == [
        {"type": "t.e", "n": n, "seq": 10 + n} for n in range(3)
    ]


async def test_a_full_channel_is_skipped_as_group_send_does(layer):
    layer = BatchingRedisChannelLayer(hosts=layer.hosts, prefix="maigie:test-full", capacity=1)
    channel = await layer.new_channel()
    await layer.group_add("space.full", channel)

    await send_many(layer, [("space.full", {"type": "t.e", "n": 1})])
    await send_many(layer, [("space.full", {"type": "t.e", "n": 2})])

    assert (await layer.receive(channel))["n"] == 1
    assert await nothing_more(layer, channel)
    await layer.flush()


async def test_more_commands_at_once_than_the_pool_holds_wait_for_a_free_connection(layer):
    """A burst of connects (clients reconnecting after a deploy) needs more Redis connections at once than
    ``max_connections``: channels-redis' own pool raised ``MaxConnectionsError`` in ``group_add`` (daphne then closed
    the socket with 1011); this layer's pool waits for a connection to come back."""
    hosts = [{**layer.hosts[0], "max_connections": 2}]
    waiting = BatchingRedisChannelLayer(hosts=hosts, prefix="maigie:test-pool")
    raising = RedisChannelLayer(hosts=hosts, prefix="maigie:test-pool")
    channels = [await waiting.new_channel() for _ in range(30)]

    await asyncio.gather(*(waiting.group_add("burst", channel) for channel in channels))
    refused = await asyncio.gather(*(raising.group_add("raw", channel) for channel in channels), return_exceptions=True)

    assert len(await waiting.connection(0).zrange(waiting._group_key("burst"), 0, -1)) == 30
    assert any(isinstance(outcome, MaxConnectionsError) for outcome in refused)
    await waiting.flush()
    await raising.flush()
