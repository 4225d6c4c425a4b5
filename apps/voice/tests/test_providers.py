"""The offline voice round trip, and the OpenAI-compatible providers against a local audio API."""

from __future__ import annotations

import pytest

from apps.voice import audio
from apps.voice.providers.base import VoiceProviderError
from apps.voice.providers.offline import PocketSphinxRecogniser
from apps.voice.providers.selection import speech_to_text, text_to_speech
from apps.voice.tests import sounds
from apps.voice.tests.audio_server import FakeAudioAPI


def _recognised(text: str, container: str = "wav") -> str:
    data = sounds.in_container(sounds.spoken(text), container)
    clip = audio.decode(data, max_seconds=60)
    return PocketSphinxRecogniser().transcribe(clip=clip, original=data, filename=f"clip.{container}").text


@pytest.mark.parametrize(
    ("said", "words"),
    [
        ("create a course on biology", {"create", "course", "biology"}),
        ("add a goal to finish my thesis by friday", {"goal", "finish", "thesis", "friday"}),
        ("what should i study today", {"study", "today"}),
    ],
)
def test_the_offline_recogniser_understands_the_offline_voice(said, words):
    assert words <= set(_recognised(said).split())


def test_the_round_trip_survives_a_lossy_browser_format():
    assert "course" in _recognised("create a course on biology", "webm").split()


@pytest.fixture
def audio_api(settings):
    with FakeAudioAPI() as fake:
        settings.OPENAI_API_KEY = "sk-test"
        settings.OPENAI_BASE_URL = fake.base_url
        settings.OPENAI_MAX_RETRIES = 0
        yield fake


def test_without_a_key_the_providers_are_offline(settings):
    settings.OPENAI_API_KEY = ""

    assert (speech_to_text().name, text_to_speech().name) == ("offline", "offline")


def test_voice_provider_offline_forces_offline_even_with_a_key(audio_api, settings):
    settings.VOICE_PROVIDER = "offline"

    assert (speech_to_text().name, text_to_speech().name) == ("offline", "offline")


def test_the_openai_recogniser_sends_the_upload_as_it_came(audio_api, settings):
    data = sounds.in_container(sounds.spoken("hello"), "webm")
    transcript = speech_to_text().transcribe(
        clip=audio.decode(data, max_seconds=10), original=data, filename="clip.webm"
    )

    assert (transcript.text, transcript.language) == ("create a course on biology", "english")
    sent = audio_api.transcriptions[0]
    assert sent["file"] == data
    assert sent["model"] == settings.OPENAI_TRANSCRIPTION_MODEL.encode()


@pytest.mark.parametrize(("fmt", "wire"), [("mp3", "mp3"), ("wav", "wav"), ("ogg", "opus")])
def test_the_openai_voice_answers_in_the_format_asked(audio_api, settings, fmt, wire):
    speech = text_to_speech().speak(text="Hello there", fmt=fmt)

    assert speech.content_type == audio.FORMATS[fmt]
    assert audio.decode(speech.data, max_seconds=10).duration_ms == pytest.approx(1000, abs=80)
    assert audio_api.speeches == [
        {"model": settings.OPENAI_SPEECH_MODEL, "voice": settings.OPENAI_SPEECH_VOICE, "input": "Hello there",
         "response_format": wire}
    ]  # fmt: skip


def test_an_api_failure_is_a_provider_error(audio_api):
    audio_api.failures.extend([500, 500])
    data = sounds.wav(sounds.spoken("hello"))

    with pytest.raises(VoiceProviderError):
        speech_to_text().transcribe(clip=audio.decode(data, max_seconds=10), original=data, filename="a.wav")
    with pytest.raises(VoiceProviderError):
        text_to_speech().speak(text="hello", fmt="mp3")
