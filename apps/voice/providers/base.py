"""The voice provider interfaces: speech to text and text to speech."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from apps.voice.audio import Clip


@dataclass(frozen=True)
class Transcript:
    """What was said (empty when nothing was recognised) and its language."""

    text: str
    language: str = "en"


@dataclass(frozen=True)
class Speech:
    """Synthesised speech: an encoded file, or PCM to encode."""

    clip: Clip | None = None
    data: bytes = b""
    content_type: str = ""


class VoiceProviderError(Exception):
    """The provider could not answer (after its own retries)."""


class SpeechToText(Protocol):
    """Turns speech into text."""

    name: str

    def transcribe(self, *, clip: Clip, original: bytes, filename: str) -> Transcript: ...


class TextToSpeech(Protocol):
    """Speaks text; ``fmt`` is wav, mp3 or ogg."""

    name: str

    def speak(self, *, text: str, fmt: str) -> Speech: ...
