"""Any OpenAI-compatible audio API (``/audio/transcriptions``, ``/audio/speech``) via the ``openai`` client."""

from __future__ import annotations

from typing import Literal

import openai

from apps.assistant.providers.openai_compatible import OpenAISettings
from apps.voice.audio import FORMATS, Clip
from apps.voice.providers.base import Speech, Transcript, VoiceProviderError


def _client(config: OpenAISettings) -> openai.OpenAI:
    return openai.OpenAI(
        api_key=config.api_key, base_url=config.base_url, timeout=config.timeout, max_retries=config.max_retries
    )


class OpenAITranscriber:
    """Speech to text with ``model`` (e.g. ``whisper-1``); the original upload is sent as it came."""

    name = "openai"

    def __init__(self, config: OpenAISettings) -> None:
        self.config = config

    def transcribe(self, *, clip: Clip, original: bytes, filename: str) -> Transcript:
        try:
            result = _client(self.config).audio.transcriptions.create(
                model=self.config.model, file=(filename, original), response_format="verbose_json"
            )
        except openai.OpenAIError as exc:
            raise VoiceProviderError(f"the transcription API failed: {type(exc).__name__}") from exc
        language = getattr(result, "language", None) or "en"
        return Transcript(text=(result.text or "").strip(), language=str(language))


# OpenAI's "opus" is Opus in an Ogg container
_WIRE_FORMATS: dict[str, Literal["wav", "mp3", "opus"]] = {"wav": "wav", "mp3": "mp3", "ogg": "opus"}


class OpenAISpeaker:
    """Text to speech with ``model`` and ``voice`` (e.g. ``tts-1``, ``alloy``), in the format asked for."""

    name = "openai"

    def __init__(self, config: OpenAISettings, *, voice: str) -> None:
        self.config = config
        self.voice = voice

    def speak(self, *, text: str, fmt: str) -> Speech:
        wire_format = _WIRE_FORMATS[fmt]
        try:
            response = _client(self.config).audio.speech.create(
                model=self.config.model, voice=self.voice, input=text, response_format=wire_format
            )
        except openai.OpenAIError as exc:
            raise VoiceProviderError(f"the speech API failed: {type(exc).__name__}") from exc
        return Speech(data=response.content, content_type=FORMATS[fmt])
