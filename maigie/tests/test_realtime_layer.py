"""``BatchingRedisChannelLayer.group_send_many``: ``group_send``'s delivery, in two Redis round trips and one
Redis entry per receiving process."""

import asyncio
import uuid

import pytest
from channels.layers import get_channel_layer
from redis.asyncio.client import Pipeline

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

    await layer.group_send_many(
        [
            (named("a"), {"type": "t.e", "n": 1}),
            (named("b"), {"type": "t.e", "n": 2}),
            (named("none"), {"type": "t.e", "n": 3}),
        ]
    )

    assert [(await layer.receive(channel))["n"] for channel in (first, second, third)] == [1, 1, 2]
    assert [await nothing_more(layer, channel) for channel in (first, second, third)] == [True, True, True]


async def test_a_channel_in_several_groups_gets_each_groups_message(layer, named):
    channel = await layer.new_channel()
    for group in (named("1"), named("2")):
        await layer.group_add(group, channel)

    await layer.group_send_many([(named("1"), {"type": "t.e", "n": 1}), (named("2"), {"type": "t.e", "n": 2})])

    assert sorted([(await layer.receive(channel))["n"] for _ in range(2)]) == [1, 2]


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

    async def counting(self, *args, **kwargs):
        nonlocal executed
        executed += 1
        return await execute(self, *args, **kwargs)

    monkeypatch.setattr(Pipeline, "execute", counting)
    await layer.group_send_many([(named(str(n)), {"type": "t.e", "n": n}) for n in range(groups)])
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

    await layer.group_send_many([(named(str(n)), {"type": "t.e", "n": n, "seq": 10 + n}) for n in range(3)])

    after = await layer.connection(layer.consistent_hash(layer.non_local_name(channels[0]))).zcard(process_key)
    assert after - before == 1
    assert [await layer.receive(channel) for channel in channels] == [
        {"type": "t.e", "n": n, "seq": 10 + n} for n in range(3)
    ]


async def test_a_full_channel_is_skipped_as_group_send_does(layer):
    layer = BatchingRedisChannelLayer(hosts=layer.hosts, prefix="maigie:test-full", capacity=1)
    channel = await layer.new_channel()
    await layer.group_add("space.full", channel)

    await layer.group_send_many([("space.full", {"type": "t.e", "n": 1})])
    await layer.group_send_many([("space.full", {"type": "t.e", "n": 2})])

    assert (await layer.receive(channel))["n"] == 1
    assert await nothing_more(layer, channel)
    await layer.flush()
