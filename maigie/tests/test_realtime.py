"""``/ws/updates``: auth, origin, per-user delivery, gap-free seq, replay, resync, heartbeat."""

import asyncio
import os
from datetime import timedelta
from typing import cast

import jwt
import pytest
from asgiref.sync import ThreadSensitiveContext, sync_to_async
from channels.layers import get_channel_layer
from channels.testing import WebsocketCommunicator
from django.conf import settings as django_settings
from rest_framework_simplejwt.tokens import AccessToken

from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from maigie.asgi import application
from maigie.realtime import events
from maigie.realtime.publish import send_many_now, send_now

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def learner():
    return UserFactory.create()


@pytest.fixture
def tokens(learner):
    return token_pair_for(user=learner)


@pytest.fixture
def other_tokens():
    return token_pair_for(user=UserFactory.create())


async def open_socket(query: str = "", headers=None) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"/ws/updates{query}", headers=headers or [])
    connected, _ = await communicator.connect()
    assert connected
    return communicator


async def connect_as(access: str, last_seq: int | None = None) -> tuple[WebsocketCommunicator, dict]:
    query = f"?token={access}" + (f"&last_seq={last_seq}" if last_seq is not None else "")
    communicator = await open_socket(query)
    hello = await communicator.receive_json_from()
    assert hello["type"] == "hello"
    return communicator, hello


async def assert_closed_with(communicator: WebsocketCommunicator, code: int, timeout: float = 3) -> None:
    assert await communicator.receive_output(timeout=timeout) == {"type": "websocket.close", "code": code}
    await communicator.disconnect()


async def publish(user_id, event: str = "course.updated", **data):
    return await sync_to_async(send_now)(user_id=user_id, event=event, data=data)


async def receive_events(communicator: WebsocketCommunicator, count: int) -> list[dict]:
    return [await communicator.receive_json_from(timeout=5) for _ in range(count)]


def forged(learner, **changes) -> str:
    algorithm = changes.pop("alg", django_settings.SIMPLE_JWT["ALGORITHM"])
    payload = {
        **AccessToken.for_user(learner).payload,
        "aud": django_settings.SIMPLE_JWT["AUDIENCE"],
        "iss": django_settings.SIMPLE_JWT["ISSUER"],
        **changes,
    }
    key = django_settings.SIMPLE_JWT["SIGNING_KEY"] if algorithm != "none" else ""
    return jwt.encode(payload, key, algorithm=algorithm)


# Authentication --------------------------------------------------------------------------


async def test_no_token_and_no_auth_frame_closes_with_4401_after_the_timeout(settings):
    settings.REALTIME_AUTH_TIMEOUT = 0.2
    await assert_closed_with(await open_socket(), 4401)


@pytest.mark.parametrize(
    "make_token",
    [
        lambda learner, tokens: "garbage",
        lambda learner, tokens: tokens["refresh"],
        lambda learner, tokens: forged(learner, aud="some-other-api"),
        lambda learner, tokens: forged(learner, iss="someone-else"),
        lambda learner, tokens: forged(learner, alg="none"),
        lambda learner, tokens: forged(learner, exp=1),
    ],
    ids=["garbage", "refresh-token", "wrong-aud", "wrong-iss", "alg-none", "expired"],
)
async def test_bad_tokens_close_with_4401(learner, tokens, make_token):
    await assert_closed_with(await open_socket(f"?token={make_token(learner, tokens)}"), 4401)


async def test_expired_access_token_closes_with_4401(learner):
    token = AccessToken.for_user(learner)
    token.set_exp(lifetime=-timedelta(seconds=1))
    await assert_closed_with(await open_socket(f"?token={token}"), 4401)


async def test_inactive_user_closes_with_4401(learner, tokens):
    learner.is_active = False
    await learner.asave()
    await assert_closed_with(await open_socket(f"?token={tokens['access']}"), 4401)


async def test_a_correctly_forged_token_is_accepted(learner):
    communicator, hello = await connect_as(forged(learner))
    assert hello["user_id"] == str(learner.pk)
    await communicator.disconnect()


async def test_auth_frame_instead_of_query_token(learner, tokens):
    communicator = await open_socket()
    await communicator.send_json_to({"type": "auth", "token": tokens["access"]})
    assert await communicator.receive_json_from() == {"type": "hello", "user_id": str(learner.pk), "seq": 0}
    await communicator.disconnect()


async def test_auth_frame_with_a_bad_token_closes_with_4401():
    communicator = await open_socket()
    await communicator.send_json_to({"type": "auth", "token": "nope"})
    await assert_closed_with(communicator, 4401)


async def test_any_other_first_frame_closes_with_4401():
    communicator = await open_socket()
    await communicator.send_json_to({"type": "ping"})
    await assert_closed_with(communicator, 4401)


# Origin ----------------------------------------------------------------------------------


async def test_foreign_origin_closes_with_4403(tokens):
    communicator = await open_socket(f"?token={tokens['access']}", headers=[(b"origin", b"https://evil.example")])
    await assert_closed_with(communicator, 4403)


@pytest.mark.parametrize("origin", [b"http://testserver", b"https://app.maigie.test"])
async def test_allowed_origins_connect(settings, tokens, origin):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.maigie.test"]
    communicator = await open_socket(f"?token={tokens['access']}", headers=[(b"origin", origin)])
    assert (await communicator.receive_json_from())["type"] == "hello"
    await communicator.disconnect()


# Frames ----------------------------------------------------------------------------------


async def test_ping_pong_and_error_frames(tokens):
    communicator, _ = await connect_as(tokens["access"])
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.send_json_to({"type": "dance"})
    assert (await communicator.receive_json_from())["code"] == "unknown_type"
    await communicator.send_to(text_data="not json")
    assert (await communicator.receive_json_from())["code"] == "bad_frame"
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("frame", "details"),
    [
        ('{"type": "ping", "x": ' + "[" * 1000 + "]" * 1000 + "}", {"max_depth": 32}),
        ('{"type": "ping", "x": "a\\u0000"}', {"forbidden_characters": ["U+0000", "U+D800-U+DFFF"]}),
        ('{"type": "ping", "\\ud800": 1}', {"forbidden_characters": ["U+0000", "U+D800-U+DFFF"]}),
    ],
)
async def test_frames_breaking_the_json_policy_get_an_error_frame_and_the_socket_stays_open(tokens, frame, details):
    communicator, _ = await connect_as(tokens["access"])
    await communicator.send_to(text_data=frame)
    error = await communicator.receive_json_from()
    assert (error["type"], error["code"], error["details"]) == ("error", "bad_frame", details)
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from() == {"type": "pong"}
    await communicator.disconnect()


async def test_a_frame_over_the_size_limit_closes_with_1009(tokens):
    communicator, _ = await connect_as(tokens["access"])
    limit = django_settings.WEBSOCKET_MAX_MESSAGE_BYTES
    await communicator.send_to(text_data='{"type": "ping", "x": "' + "x" * limit + '"}')
    await assert_closed_with(communicator, 1009)


# Delivery --------------------------------------------------------------------------------


async def test_events_reach_every_connection_of_the_user_and_no_one_else(learner, tokens, other_tokens):
    first, _ = await connect_as(tokens["access"])
    second, _ = await connect_as(tokens["access"])
    theirs, _ = await connect_as(other_tokens["access"])

    await publish(learner.pk, "course.updated", id="c1")

    for communicator in (first, second):
        frame = await communicator.receive_json_from(timeout=5)
        assert frame["type"] == "event"
        assert frame["event"] == "course.updated"
        assert frame["data"] == {"id": "c1"}
        assert frame["seq"] == 1
        assert frame["ts"] > 0
    assert await theirs.receive_nothing(timeout=0.5)
    for communicator in (first, second, theirs):
        await communicator.disconnect()


async def test_seq_is_strictly_increasing_without_gaps(learner, tokens):
    communicator, hello = await connect_as(tokens["access"])
    assert hello["seq"] == 0
    for index in range(20):
        await publish(learner.pk, "topic.completed", index=index)
    frames = await receive_events(communicator, 20)
    assert [frame["seq"] for frame in frames] == list(range(1, 21))
    assert [frame["data"]["index"] for frame in frames] == list(range(20))
    await communicator.disconnect()


async def test_a_missed_live_delivery_is_filled_from_the_log(learner, tokens):
    communicator, _ = await connect_as(tokens["access"])
    await sync_to_async(events.record)(user_id=learner.pk, event="lost.in.transit", data={})  # never sent
    await publish(learner.pk, "course.updated")
    frames = await receive_events(communicator, 2)
    assert [(frame["seq"], frame["event"]) for frame in frames] == [(1, "lost.in.transit"), (2, "course.updated")]
    await communicator.disconnect()


# Replay and resync ---------------------------------------------------------------------


async def test_reconnect_replays_what_was_missed_then_goes_live(learner, tokens):
    communicator, _ = await connect_as(tokens["access"])
    await publish(learner.pk, "note.created", n=1)
    await publish(learner.pk, "note.created", n=2)
    seen = await receive_events(communicator, 2)
    await communicator.disconnect()

    for n in (3, 4, 5):
        await publish(learner.pk, "note.created", n=n)

    communicator, hello = await connect_as(tokens["access"], last_seq=seen[-1]["seq"])
    assert hello["seq"] == 5
    replayed = await receive_events(communicator, 3)
    assert [frame["data"]["n"] for frame in replayed] == [3, 4, 5]
    await publish(learner.pk, "note.created", n=6)
    live = await communicator.receive_json_from(timeout=5)
    assert (live["seq"], live["data"]["n"]) == (6, 6)
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_reconnect_with_the_latest_seq_replays_nothing(learner, tokens):
    await publish(learner.pk)
    communicator, hello = await connect_as(tokens["access"], last_seq=1)
    assert hello["seq"] == 1
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.disconnect()


async def test_last_seq_older_than_the_kept_events_asks_for_resync(settings, learner, tokens):
    settings.REALTIME_REPLAY_EVENTS = 5
    for n in range(10):
        await publish(learner.pk, n=n)
    communicator, _ = await connect_as(tokens["access"], last_seq=2)
    assert await communicator.receive_json_from() == {"type": "resync", "seq": 10}
    await publish(learner.pk, n=10)
    assert (await communicator.receive_json_from(timeout=5))["seq"] == 11
    await communicator.disconnect()


@pytest.mark.parametrize("last_seq", ["99", "-3", "abc"])
async def test_impossible_last_seq_asks_for_resync(learner, tokens, last_seq):
    await publish(learner.pk)
    communicator = await open_socket(f"?token={tokens['access']}&last_seq={last_seq}")
    assert (await communicator.receive_json_from())["type"] == "hello"
    assert await communicator.receive_json_from() == {"type": "resync", "seq": 1}
    await communicator.disconnect()


async def test_replay_via_the_auth_frame(learner, tokens):
    for n in range(3):
        await publish(learner.pk, n=n)
    communicator = await open_socket()
    await communicator.send_json_to({"type": "auth", "token": tokens["access"], "last_seq": 1})
    assert (await communicator.receive_json_from())["type"] == "hello"
    assert [frame["seq"] for frame in await receive_events(communicator, 2)] == [2, 3]
    await communicator.disconnect()


# Heartbeat -------------------------------------------------------------------------------


async def test_silent_clients_are_closed_after_the_heartbeat_timeout(settings, tokens):
    settings.REALTIME_HEARTBEAT_INTERVAL = 0.1
    settings.REALTIME_HEARTBEAT_TIMEOUT = 0.35
    communicator, _ = await connect_as(tokens["access"])
    assert await communicator.receive_json_from(timeout=2) == {"type": "ping"}
    while True:
        output = await communicator.receive_output(timeout=2)
        if output["type"] == "websocket.close":
            break
    assert output == {"type": "websocket.close", "code": 4408}
    await communicator.disconnect()


async def test_clients_that_answer_pings_stay_connected(settings, tokens):
    settings.REALTIME_HEARTBEAT_INTERVAL = 0.1
    settings.REALTIME_HEARTBEAT_TIMEOUT = 0.35
    communicator, _ = await connect_as(tokens["access"])
    for _ in range(8):  # 0.8 s: more than twice the timeout
        assert await communicator.receive_json_from(timeout=2) == {"type": "ping"}
        await communicator.send_json_to({"type": "pong"})
    await communicator.send_json_to({"type": "ping"})
    frames = [await communicator.receive_json_from(timeout=2) for _ in range(2)]
    assert {"type": "pong"} in frames
    await communicator.disconnect()


# Fan-out to many users (a space's members) ------------------------------------------------


async def test_send_many_gives_each_user_the_next_number_of_their_own_sequence(learner, tokens):
    other = await sync_to_async(UserFactory.create)()
    other_tokens = await sync_to_async(token_pair_for)(user=other)
    mine, _ = await connect_as(tokens["access"])
    await publish(learner.pk, "course.updated", n=0)  # the learner's sequence is one ahead
    assert (await mine.receive_json_from(timeout=5))["seq"] == 1
    theirs, _ = await connect_as(other_tokens["access"])

    recorded = await sync_to_async(send_many_now)(
        user_ids=[learner.pk, other.pk], event="space.updated", data={"name": "Bio"}
    )

    assert [entry.seq if entry else None for entry in recorded] == [2, 1]
    mine_frame, their_frame = await mine.receive_json_from(timeout=5), await theirs.receive_json_from(timeout=5)
    assert (mine_frame["seq"], mine_frame["event"], mine_frame["data"]) == (2, "space.updated", {"name": "Bio"})
    assert (their_frame["seq"], their_frame["event"]) == (1, "space.updated")
    await mine.disconnect()
    # The other user reconnecting from 0 is replayed the event from their own log.
    await theirs.disconnect()
    again, _ = await connect_as(other_tokens["access"], last_seq=0)
    replayed = await again.receive_json_from(timeout=5)
    assert (replayed["seq"], replayed["event"]) == (1, "space.updated")
    await again.disconnect()


async def test_publishes_from_short_lived_threads_keep_no_event_loop_or_connection_each(learner):
    """Django's ASGI handler runs each request's sync code on a new thread (a ThreadSensitiveContext): publishes
    from 20 such threads must not leave 20 event loops with their Redis connections behind (session 13's review)."""
    layer = get_channel_layer()

    async def request(n: int) -> None:
        async with ThreadSensitiveContext():
            await sync_to_async(send_now)(user_id=learner.pk, event="course.updated", data={"n": n})

    await request(0)  # whatever is made once per process
    loops_before, descriptors_before = len(layer._layers), len(os.listdir("/proc/self/fd"))
    for n in range(1, 21):
        await request(n)

    assert len(layer._layers) - loops_before <= 1
    assert len(os.listdir("/proc/self/fd")) - descriptors_before <= 5


async def test_a_burst_of_log_reads_beyond_the_pool_waits_for_a_free_connection(settings, learner):
    """Connects read the event log at once (a reconnect storm): beyond ``REALTIME_REDIS_MAX_CONNECTIONS`` they wait
    for a connection instead of failing with ``MaxConnectionsError`` (which closed sockets with 1011)."""
    settings.REALTIME_REDIS_MAX_CONNECTIONS = 2
    loop = asyncio.get_running_loop()
    events._async_clients.pop(loop, None)
    try:
        seqs = await asyncio.gather(*(events.current_seq(learner.pk) for _ in range(30)))
        assert events._async_client().connection_pool.max_connections == 2
    finally:
        events._async_clients.pop(loop, None)
    assert seqs == [0] * 30


def test_record_many_loads_the_script_once_when_redis_lost_it(learner):
    other = UserFactory.create()
    events.record(user_id=learner.pk, event="course.updated", data={})
    events._sync_client().script_flush()

    recorded = events.record_many(user_ids=[learner.pk, other.pk, learner.pk], event="note.created", data={"n": 1})

    assert [entry.seq for entry in recorded] == [2, 1, 3]  # each call ran exactly once
    assert [seq for seq, _ in _log_seqs(learner.pk)] == [1, 2, 3]
    assert [seq for seq, _ in _log_seqs(other.pk)] == [1]


def _log_seqs(user_id) -> list[tuple[int, str]]:
    log = events._keys(user_id)[1]
    raw = cast(list[tuple[bytes, float]], events._sync_client().zrange(log, 0, -1, withscores=True))
    return [(int(score), member.decode()) for member, score in raw]


@pytest.mark.parametrize("path", ["/ws/nope", "/ws/updatesx", "/", "/api/v1/courses/"])
async def test_a_path_that_is_no_websocket_endpoint_closes_with_4400(path):
    communicator = WebsocketCommunicator(application, path)
    connected, _ = await communicator.connect()
    assert connected
    await assert_closed_with(communicator, 4400)


async def test_the_endpoints_answer_with_a_trailing_slash_too(tokens):
    communicator = WebsocketCommunicator(application, f"/ws/updates/?token={tokens['access']}")
    assert (await communicator.connect())[0]
    assert (await communicator.receive_json_from())["type"] == "hello"
    await communicator.disconnect()
