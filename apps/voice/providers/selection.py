"""Which voice providers answer: the OpenAI-compatible API when configured, else offline."""

from __future__ import annotations

from django.conf import settings

from apps.assistant.providers.openai_compatible import OpenAISettings
from apps.voice.providers.base import SpeechToText, TextToSpeech
from apps.voice.providers.offline import EspeakSynthesiser, PocketSphinxRecogniser
from apps.voice.providers.openai_compatible import OpenAISpeaker, OpenAITranscriber


def _online() -> bool:
    return settings.VOICE_PROVIDER != "offline" and bool(settings.OPENAI_API_KEY)


def _config(model: str) -> OpenAISettings:
    return OpenAISettings(
        api_key=settings.OPENAI_API_KEY,
        base_url=settings.OPENAI_BASE_URL or None,
        model=model,
        timeout=settings.OPENAI_TIMEOUT,
        max_retries=settings.OPENAI_MAX_RETRIES,
    )


def speech_to_text() -> SpeechToText:
    """The recogniser to use."""
    if _online():
        return OpenAITranscriber(_config(settings.OPENAI_TRANSCRIPTION_MODEL))
    return PocketSphinxRecogniser()


def text_to_speech() -> TextToSpeech:
    """The voice to speak with."""
    if _online():
        return OpenAISpeaker(_config(settings.OPENAI_SPEECH_MODEL), voice=settings.OPENAI_SPEECH_VOICE)
    return EspeakSynthesiser()
