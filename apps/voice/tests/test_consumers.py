"""``/ws/chat`` with a voice: spoken clips in binary or base64 frames, the reply read aloud, limits and errors."""

from __future__ import annotations

import base64

import pytest
from channels.testing import WebsocketCommunicator

from apps.accounts.services import token_pair_for
from apps.accounts.tests.factories import UserFactory
from apps.assistant.models import ChatMessage
from apps.learning.models import Course
from apps.voice import audio
from apps.voice.models import VoiceUsageMonth
from apps.voice.tests import sounds
from maigie.asgi import application

pytestmark = pytest.mark.django_db(transaction=True)

COMMAND = "create a course on biology"


@pytest.fixture(autouse=True)
def offline(settings):
    settings.OPENAI_API_KEY = ""


@pytest.fixture
def learner():
    return UserFactory.create(tier="PREMIUM_MONTHLY")


@pytest.fixture
def access(learner) -> str:
    return token_pair_for(user=learner)["access"]


@pytest.fixture
def free_access() -> str:
    return token_pair_for(user=UserFactory.create())["access"]


@pytest.fixture(scope="module")
def command_webm() -> bytes:
    return sounds.in_container(sounds.spoken(COMMAND), "webm")


async def open_chat(access: str) -> WebsocketCommunicator:
    communicator = WebsocketCommunicator(application, f"/ws/chat?token={access}")
    assert (await communicator.connect())[0]
    assert (await communicator.receive_json_from())["type"] == "hello"
    return communicator


async def frames_until(communicator: WebsocketCommunicator, last: str) -> list[dict]:
    frames = [await communicator.receive_json_from(timeout=60)]
    while frames[-1]["type"] not in (last, "error"):
        frames.append(await communicator.receive_json_from(timeout=60))
    return frames


async def test_a_spoken_command_in_binary_frames_acts_and_the_reply_is_read_aloud(learner, access, command_webm):
    communicator = await open_chat(access)

    await communicator.send_json_to({"type": "audio.start", "client_id": "v1", "reply_audio": "wav"})
    assert await communicator.receive_json_from() == {"type": "listening", "client_id": "v1"}
    for start in range(0, len(command_webm), 4096):
        await communicator.send_to(bytes_data=command_webm[start : start + 4096])
    await communicator.send_json_to({"type": "audio.end"})
    frames = await frames_until(communicator, "audio.done")

    kinds = [frame["type"] for frame in frames]
    assert kinds[:2] == ["transcript", "ack"]
    assert frames[0]["text"] == COMMAND
    assert frames[0]["heard"] is True
    assert frames[0]["client_id"] == "v1"
    assert frames[1]["client_id"] == "v1"
    done = next(frame for frame in frames if frame["type"] == "done")
    assert [action["type"] for action in done["actions"]] == ["create_course"]
    assert await Course.objects.filter(user=learner, title="Biology").aexists()
    pieces = [frame for frame in frames if frame["type"] == "audio"]
    assert [piece["index"] for piece in pieces] == list(range(len(pieces)))
    assert pieces
    assert {piece["message_id"] for piece in pieces} == {done["message_id"]}
    summary = frames[-1]
    assert summary["content_type"] == "audio/wav"
    assert summary["chunks"] == len(pieces)
    reply_audio = b"".join(base64.b64decode(piece["data"]) for piece in pieces)
    assert audio.decode(reply_audio, max_seconds=120).duration_ms == pytest.approx(summary["duration_ms"], abs=50)
    usage = await VoiceUsageMonth.objects.aget(user=learner)
    assert usage.clips == 2  # the clip heard, and the reply spoken (as over REST)
    assert usage.seconds == pytest.approx((frames[0]["duration_ms"] + summary["duration_ms"]) / 1000, abs=0.05)
    await communicator.disconnect()


async def test_base64_chunks_of_silence_are_nothing_heard_and_nothing_is_said(learner, access):
    silent = sounds.wav(sounds.silence(1.5))
    communicator = await open_chat(access)

    await communicator.send_json_to({"type": "audio.start", "client_id": "s"})
    await communicator.receive_json_from()
    for start in range(0, len(silent), 10_000):
        await communicator.send_json_to(
            {"type": "audio.chunk", "data": base64.b64encode(silent[start : start + 10_000]).decode()}
        )
    await communicator.send_json_to({"type": "audio.end"})

    assert await communicator.receive_json_from(timeout=30) == {
        "type": "transcript", "client_id": "s", "text": "", "heard": False, "duration_ms": 1500,
    }  # fmt: skip
    assert await communicator.receive_nothing(timeout=0.5)
    assert not await ChatMessage.objects.aexists()
    await communicator.disconnect()


async def test_a_typed_message_can_ask_for_its_reply_read_aloud(learner, access):
    communicator = await open_chat(access)

    await communicator.send_json_to({"type": "message", "content": "hello", "reply_audio": "mp3"})
    frames = await frames_until(communicator, "audio.done")

    assert frames[-1]["type"] == "audio.done"
    assert frames[-1]["content_type"] == "audio/mpeg"
    assert "done" in [frame["type"] for frame in frames]
    await communicator.disconnect()


async def test_voice_on_the_socket_is_a_premium_feature(free_access, command_webm):
    communicator = await open_chat(free_access)

    await communicator.send_json_to({"type": "audio.start", "client_id": "f"})
    refusal = await communicator.receive_json_from()
    await communicator.send_to(bytes_data=command_webm[:1000])  # no clip open: parsed as JSON, refused
    not_json = await communicator.receive_json_from()

    assert (refusal["code"], refusal["details"], refusal["client_id"]) == ("plan_limit", {"feature": "voice"}, "f")
    assert not_json["code"] == "bad_frame"
    assert not await VoiceUsageMonth.objects.aexists()
    await communicator.disconnect()


async def test_an_oversized_clip_is_refused_once_and_dropped(learner, access, settings):
    settings.VOICE_MAX_UPLOAD_BYTES = 10_000
    communicator = await open_chat(access)

    await communicator.send_json_to({"type": "audio.start", "client_id": "big"})
    await communicator.receive_json_from()
    for _ in range(4):
        await communicator.send_to(bytes_data=bytes(4000))
    refusal = await communicator.receive_json_from()
    await communicator.send_json_to({"type": "audio.end"})

    assert (refusal["code"], refusal["client_id"]) == ("payload_too_large", "big")
    assert await communicator.receive_nothing(timeout=0.5)
    assert not await VoiceUsageMonth.objects.aexists()
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("frames", "code"),
    [
        ([{"type": "audio.end"}], "validation_error"),  # no clip open
        ([{"type": "audio.chunk", "data": "aGk="}], "validation_error"),
        ([{"type": "audio.start", "reply_audio": "flac"}], "validation_error"),
        ([{"type": "audio.start"}, {"type": "audio.chunk", "data": "not base64!"}], "validation_error"),
        ([{"type": "audio.start"}, {"type": "audio.chunk", "data": "bm90IGF1ZGlv"}, {"type": "audio.end"}],
         "validation_error"),  # "not audio"
        ([{"type": "message", "content": "hi", "reply_audio": "flac"}], "validation_error"),
    ],
)  # fmt: skip
async def test_bad_audio_frames_are_answered_with_an_error(learner, access, frames, code):
    communicator = await open_chat(access)

    for frame in frames:
        await communicator.send_json_to(frame)
    answers = [await communicator.receive_json_from(timeout=20)]
    while answers[-1]["type"] == "listening":
        answers.append(await communicator.receive_json_from(timeout=20))

    assert answers[-1]["type"] == "error"
    assert answers[-1]["code"] == code
    assert not await ChatMessage.objects.aexists()
    await communicator.disconnect()


async def test_a_clip_longer_than_the_plan_allows_is_refused(learner, access):
    long_clip = sounds.wav(sounds.silence(121))
    communicator = await open_chat(access)

    await communicator.send_json_to({"type": "audio.start"})
    await communicator.receive_json_from()
    for start in range(0, len(long_clip), 60_000):
        await communicator.send_to(bytes_data=long_clip[start : start + 60_000])
    await communicator.send_json_to({"type": "audio.end"})

    assert (await communicator.receive_json_from(timeout=30))["code"] == "payload_too_large"
    assert not await VoiceUsageMonth.objects.aexists()
    await communicator.disconnect()
