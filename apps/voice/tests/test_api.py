"""The voice API: transcribe, speak, and talk to the assistant; plan, limits and bad audio."""

from __future__ import annotations

import base64
import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.assistant.models import AIActionLog, ChatMessage, Conversation
from apps.assistant.services.conversations import conversation_create
from apps.learning.models import Course
from apps.voice import audio
from apps.voice.models import VoiceUsageMonth
from apps.voice.tests import sounds
from apps.voice.tests.audio_server import FakeAudioAPI

pytestmark = pytest.mark.django_db

COMMAND = "create a course on biology"


@pytest.fixture(autouse=True)
def offline(settings):
    settings.OPENAI_API_KEY = ""


@pytest.fixture
def premium(user):
    user.tier = "PREMIUM_MONTHLY"
    user.save(update_fields=["tier"])
    return user


@pytest.fixture(scope="module")
def command_webm() -> bytes:
    return sounds.in_container(sounds.spoken(COMMAND), "webm")


def upload(data: bytes, name: str = "clip.webm") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def transcribe(client, data: bytes, name: str = "clip.webm"):
    return client.post("/api/v1/voice/transcribe", {"audio": upload(data, name)}, format="multipart")


def test_voice_is_a_premium_feature(auth_client, command_webm):
    answers = [
        transcribe(auth_client, command_webm),
        auth_client.post("/api/v1/voice/speak", {"text": "hi", "format": "wav"}, format="json"),
        auth_client.post("/api/v1/chat/voice", {"audio": upload(command_webm)}, format="multipart"),
    ]

    assert [answer.status_code for answer in answers] == [402, 402, 402]
    assert answers[0].json()["error"]["details"] == {"feature": "voice"}
    assert not VoiceUsageMonth.objects.exists()
    assert not ChatMessage.objects.exists()


def test_transcribe_hears_the_words_and_counts_the_seconds(auth_client, premium, command_webm):
    response = transcribe(auth_client, command_webm)

    assert response.status_code == 200
    body = response.json()
    assert "course" in body["text"].split()
    assert body["heard"] is True
    assert body["language"] == "en"
    assert 1000 < body["duration_ms"] < 4000
    usage = VoiceUsageMonth.objects.get(user=premium)
    assert usage.clips == 1
    assert usage.seconds == pytest.approx(body["duration_ms"] / 1000, abs=0.01)
    me = auth_client.get("/api/v1/subscription/").json()
    assert me["limits"]["voice_minutes_per_month"] == 300
    assert me["usage"]["voice_minutes_per_month"] == 1


@pytest.mark.parametrize("clip", [sounds.silence(2), sounds.white_noise(2), sounds.hum(2)])
def test_silence_and_noise_are_nothing_heard(auth_client, premium, clip):
    response = transcribe(auth_client, sounds.wav(clip), "clip.wav")

    assert response.status_code == 200
    assert response.json() == {"text": "", "heard": False, "language": "", "duration_ms": 2000}


@pytest.mark.parametrize(
    ("data", "name"),
    [(b"garbage" * 300, "clip.webm"), (b"", "clip.wav"), (b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x01" * 60, "a.wav")],
)
def test_what_is_not_audio_is_a_400(auth_client, premium, data, name):
    response = transcribe(auth_client, data, name)

    assert response.status_code == 400
    assert "audio" in response.json()["error"]["details"]
    assert not VoiceUsageMonth.objects.exists()


def test_a_missing_file_or_a_json_body_is_refused(auth_client, premium):
    assert auth_client.post("/api/v1/voice/transcribe", {}, format="multipart").status_code == 400
    assert auth_client.post("/api/v1/voice/transcribe", {"audio": "x"}, format="json").status_code == 415


@pytest.mark.parametrize("path", ["/api/v1/voice/transcribe", "/api/v1/chat/voice"])
def test_two_audio_parts_are_a_400(auth_client, premium, path):
    response = auth_client.post(path, {"audio": [upload(b"a" * 64), upload(b"b" * 64)]}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"audio": ["Send one file in this field; the request has 2."]}
    assert not VoiceUsageMonth.objects.exists()
    assert not ChatMessage.objects.exists()


def test_an_oversized_upload_is_a_413(auth_client, premium, settings, command_webm):
    settings.VOICE_MAX_UPLOAD_BYTES = len(command_webm) - 1

    response = transcribe(auth_client, command_webm)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"


def test_a_clip_longer_than_the_plan_allows_is_a_413(auth_client, premium):
    response = transcribe(auth_client, sounds.in_container(sounds.silence(121), "mp3"), "long.mp3")

    assert response.status_code == 413
    assert "120 seconds" in response.json()["error"]["message"]
    assert not VoiceUsageMonth.objects.exists()


def test_the_monthly_minutes_run_out(auth_client, premium, command_webm):
    month = timezone.now().date().replace(day=1)
    VoiceUsageMonth.objects.create(user=premium, month=month, seconds=300 * 60 - 1)

    response = transcribe(auth_client, command_webm)

    assert response.status_code == 402
    error = response.json()["error"]
    assert error["code"] == "quota_exceeded"
    assert error["details"]["limit"] == 300
    assert VoiceUsageMonth.objects.get(user=premium).seconds == 300 * 60 - 1
    next_month = (month + datetime.timedelta(days=32)).replace(day=1)
    assert error["details"]["resets_at"] == f"{next_month.isoformat()}T00:00:00Z"


def test_voice_has_its_own_rate_limit(auth_client, premium, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "voice": "2/min"},
    }
    statuses = [
        auth_client.post("/api/v1/voice/speak", {"text": "hi", "format": "wav"}, format="json").status_code
        for _ in range(3)
    ]

    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("fmt", ["wav", "mp3", "ogg"])
def test_speak_answers_audio_of_the_format_asked(auth_client, premium, fmt):
    response = auth_client.post(
        "/api/v1/voice/speak", {"text": "Your course is ready.", "format": fmt}, format="json", HTTP_ACCEPT="audio/*"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == audio.FORMATS[fmt]
    clip = audio.decode(response.content, max_seconds=30)
    assert clip.duration_ms == pytest.approx(int(response["X-Audio-Duration-Ms"]), abs=120)
    assert VoiceUsageMonth.objects.get(user=premium).seconds == pytest.approx(clip.duration_ms / 1000, abs=0.2)


def test_speak_refuses_a_bad_format_or_text_with_nothing_to_say(auth_client, premium):
    bad_format = auth_client.post("/api/v1/voice/speak", {"text": "hi", "format": "flac"}, format="json")
    empty = auth_client.post("/api/v1/voice/speak", {"text": "", "format": "wav"}, format="json")
    symbols = auth_client.post("/api/v1/voice/speak", {"text": "**##**", "format": "wav"}, format="json")
    silent = auth_client.post("/api/v1/voice/speak", {"text": "\u200b", "format": "ogg"}, format="json")

    assert [r.status_code for r in (bad_format, empty, symbols, silent)] == [400, 400, 400, 400]
    assert "text" in silent.json()["error"]["details"]


def test_talking_to_the_assistant_acts_as_for_the_typed_text(auth_client, premium, command_webm):
    response = auth_client.post(
        "/api/v1/chat/voice", {"audio": upload(command_webm), "reply_audio": "mp3"}, format="multipart"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["transcript"] == COMMAND
    assert body["heard"] is True
    assert Course.objects.get(user=premium).title == "Biology"
    assert [action["type"] for action in body["actions"]] == ["create_course"]
    assert body["message"]["content"]
    conversation = Conversation.objects.get(pk=body["conversation_id"], user=premium)
    assert conversation.messages.order_by("created_at").values_list("content", flat=True)[0] == COMMAND
    assert body["audio_content_type"] == "audio/mpeg"
    assert audio.decode(base64.b64decode(body["audio"]), max_seconds=60).duration_ms > 500


def test_a_voice_turn_continues_a_conversation_and_nothing_heard_does_nothing(auth_client, premium, other_user):
    conversation = conversation_create(user=premium)
    silent = sounds.wav(sounds.silence(1.5))
    response = auth_client.post(
        "/api/v1/chat/voice",
        {"audio": upload(silent, "a.wav"), "conversation_id": str(conversation.pk)},
        format="multipart",
    )

    assert response.status_code == 200
    assert response.json() == {
        "transcript": "", "heard": False, "duration_ms": 1500, "conversation_id": str(conversation.pk),
        "message": None, "actions": [], "audio": None, "audio_content_type": None,
    }  # fmt: skip
    assert not ChatMessage.objects.exists()
    assert not AIActionLog.objects.exists()
    theirs = conversation_create(user=other_user)
    foreign = auth_client.post(
        "/api/v1/chat/voice", {"audio": upload(silent, "a.wav"), "conversation_id": str(theirs.pk)}, format="multipart"
    )
    assert foreign.status_code == 404


def test_a_failing_speech_api_falls_back_to_the_offline_recogniser(auth_client, premium, settings, command_webm):
    with FakeAudioAPI(text="this is not what was said") as fake:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.OPENAI_MAX_RETRIES = "sk-test", fake.base_url, 0
        fake.failures.append(503)
        failed_over = transcribe(auth_client, command_webm)
        answered = transcribe(auth_client, command_webm)

    assert "course" in failed_over.json()["text"].split()
    assert answered.json()["text"] == "this is not what was said"
    assert len(fake.transcriptions) == 1
