"""Recorded lectures as study materials: typed by content, transcribed by segment with times, searchable, cited."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone

from apps.accounts.models import Job, JobState
from apps.assistant.quotas import month_start
from apps.materials import tasks
from apps.materials.chunking import chunk_transcript
from apps.materials.models import Material, MaterialKind, MaterialStatus
from apps.voice import audio
from apps.voice.models import VoiceUsageMonth
from apps.voice.services import voice_usage_add
from apps.voice.tests import sounds
from apps.voice.tests.audio_server import FakeAudioAPI

URL = "/api/v1/materials/"
SAID = "Photosynthesis turns light into chemical energy in the leaves."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.OPENAI_API_KEY = ""
    settings.MATERIAL_AUDIO_SEGMENT_SECONDS = 6


@pytest.fixture
def premium(user):
    user.tier = "PREMIUM_MONTHLY"
    user.save(update_fields=["tier"])
    return user


@pytest.fixture(scope="module")
def lecture() -> bytes:
    """Seven seconds of a quiet room, then the lecturer speaks (mp3)."""
    room = sounds.white_noise(7, level=30)
    speech = sounds.spoken("Today we study photosynthesis. Plants turn light into energy in their leaves.")
    return sounds.in_container(audio.Clip(pcm=room.pcm + speech.pcm), "mp3")


def upload(client, data: bytes, name: str = "lecture.pdf"):
    handle = io.BytesIO(data)
    handle.name = name  # the name lies: the type is read from the bytes
    return client.post(URL, {"file": handle, "title": "lecture"}, format="multipart")


def processed(response) -> Material:
    assert response.status_code == 202, response.json()
    tasks.process_material(response.json()["id"])
    return Material.objects.get(pk=response.json()["id"])


def test_a_lecture_is_transcribed_offline_by_segment_with_times(auth_client, premium, lecture):
    response = upload(auth_client, lecture)

    assert (response.json()["kind"], response.json()["status"]) == ("AUDIO", "PENDING")
    assert 10_000 < response.json()["duration_ms"] < 16_000
    usage = VoiceUsageMonth.objects.get(user=premium)
    assert usage.seconds == pytest.approx(response.json()["duration_ms"] / 1000, abs=0.01)
    material = processed(response)

    assert (material.status, material.kind, material.pages, material.error) == (MaterialStatus.READY, "AUDIO", None, "")
    chunks = list(material.chunks.order_by("index"))
    assert chunks
    assert all(chunk.text and chunk.page is None and chunk.vector is not None for chunk in chunks)
    assert chunks[0].start_ms is not None
    assert 4_000 <= chunks[0].start_ms <= 7_500  # the quiet room before the lecturer is skipped
    job = Job.objects.get(pk=str(material.job_id))
    assert (job.state, job.progress) == (JobState.SUCCEEDED, 100)
    page = auth_client.get(f"{URL}{material.pk}/chunks/").json()["results"]
    assert page[0]["start_ms"] == chunks[0].start_ms
    assert VoiceUsageMonth.objects.get(user=premium).seconds == pytest.approx(usage.seconds)  # counted once


def test_a_lecture_is_found_by_search_and_cited_with_its_time(auth_client, premium, lecture, settings):
    with FakeAudioAPI(text=SAID) as fake:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.OPENAI_MAX_RETRIES = "sk-test", fake.base_url, 0
        settings.EMBEDDING_PROVIDER = settings.ASSISTANT_PROVIDER = "offline"
        material = processed(upload(auth_client, lecture))
    assert len(fake.transcriptions) >= 1  # only the segments with a voice in them are sent
    chunk = material.chunks.get()
    assert chunk.text.startswith(SAID)
    settings.OPENAI_API_KEY = ""

    hits = auth_client.get("/api/v1/search/", {"q": "photosynthesis", "types": "material"}).json()["results"]
    conversation = auth_client.post("/api/v1/chat/conversations/", {"title": "Study"}, format="json").json()["id"]
    message = auth_client.post(
        f"/api/v1/chat/conversations/{conversation}/messages/",
        {"content": "how do plants turn light into energy?"},
        format="json",
    ).json()["message"]

    assert (hits[0]["material"], hits[0]["start_ms"], hits[0]["page"]) == (str(material.pk), chunk.start_ms, None)
    assert re.search(r"\(lecture, 0:0[4-7]\)", message["content"]), message["content"]
    assert message["citations"][0]["start_ms"] == chunk.start_ms


def test_recordings_need_voice_in_the_plan_and_minutes_left(auth_client, user, lecture, settings):
    free = upload(auth_client, lecture)
    user.tier = "PREMIUM_MONTHLY"
    user.save(update_fields=["tier"])
    voice_usage_add(user=user, month=month_start(timezone.now()), seconds=300 * 60 - 5, limit_seconds=None)
    no_minutes = upload(auth_client, lecture)
    settings.MATERIAL_AUDIO_MAX_SECONDS = 10
    too_long = upload(auth_client, lecture)

    assert (free.status_code, free.json()["error"]["code"]) == (402, "plan_limit")
    assert free.json()["error"]["details"] == {"feature": "voice"}
    assert (no_minutes.status_code, no_minutes.json()["error"]["code"]) == (402, "quota_exceeded")
    assert too_long.status_code == 400
    assert "longer than" in str(too_long.json()["error"]["details"]["file"])
    assert not Material.objects.exists()


def test_a_recording_without_speech_fails_with_a_reason(auth_client, premium):
    quiet = sounds.in_container(sounds.white_noise(4, level=30), "ogg")

    material = processed(upload(auth_client, quiet, "quiet.txt"))

    assert (material.kind, material.status) == (MaterialKind.AUDIO, MaterialStatus.FAILED)
    assert material.error == "No speech was heard in the recording."
    assert not material.chunks.exists()


def test_transcript_segments_make_passages_that_start_where_their_first_segment_does():
    segments = [(0, "a" * 500), (20_000, "b" * 300), (40_000, "c" * 500), (60_000, "d" * 10)]

    chunks = chunk_transcript(segments)

    assert [(chunk.start_ms, len(chunk.text)) for chunk in chunks] == [(0, 801), (40_000, 511)]


def test_segments_are_cut_at_a_pause_and_keep_every_sample():
    first, second = sounds.spoken("one two three"), sounds.spoken("four five six")
    pcm = first.pcm + sounds.silence(0.6).pcm + second.pcm
    length = audio.Clip(pcm=pcm).duration_ms

    segments = list(audio.decode_segments(audio.encode(audio.Clip(pcm=pcm), "wav"), max_seconds=60, segment_seconds=2))

    assert segments[0][0] == 0
    assert [start for start, _ in segments] == sorted(start for start, _ in segments)
    assert sum(clip.duration_ms for _, clip in segments) == pytest.approx(length, abs=5)
    with pytest.raises(audio.AudioTooLong):
        list(audio.decode_segments(audio.encode(audio.Clip(pcm=pcm), "wav"), max_seconds=1))
