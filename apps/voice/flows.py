"""What the voice endpoints do: hear a clip, speak a text, and talk to the assistant.

``hear`` checks the plan (402), decodes the upload (``AudioError``), counts its length against the
month's minutes (402), and recognises it only when the speech detector hears a voice: silence and
noise come back as nothing heard, never as invented words. ``chat_by_voice`` then hands the words
to ``chat_turn``, the assistant's one entry point, so it acts exactly as for the same text typed.
When the configured (OpenAI-compatible) provider fails, the offline one answers instead.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.assistant.models import Conversation
from apps.assistant.services.chat import ChatReply, chat_turn
from apps.assistant.services.conversations import conversation_create
from apps.voice import audio, quotas
from apps.voice.detection import speech_present
from apps.voice.providers.base import Transcript, VoiceProviderError
from apps.voice.providers.offline import EspeakSynthesiser, PocketSphinxRecogniser
from apps.voice.providers.selection import speech_to_text, text_to_speech

logger = logging.getLogger(__name__)
LONGEST_SPOKEN_REPLY = 2000  # characters of a reply read aloud
_MARKUP = re.compile(r"[*_#`>|~]+")


@dataclass(frozen=True)
class Heard:
    """The recognised words of a clip (empty when nothing was heard)."""

    text: str
    language: str
    duration_ms: int
    provider: str

    @property
    def heard(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Spoken:
    """An audio file of speech."""

    data: bytes
    content_type: str
    duration_ms: int


@dataclass(frozen=True)
class VoiceTurn:
    """A spoken chat turn: what was heard, the assistant's reply (none if nothing was heard), its audio."""

    heard: Heard
    conversation: Conversation | None
    reply: ChatReply | None
    audio: Spoken | None


def _recognise(clip: audio.Clip, data: bytes, filename: str) -> tuple[Transcript, str]:
    provider = speech_to_text()
    try:
        return provider.transcribe(clip=clip, original=data, filename=filename), provider.name
    except VoiceProviderError:
        logger.warning("voice.transcription_failed", extra={"provider": provider.name})
        fallback = PocketSphinxRecogniser()
        return fallback.transcribe(clip=clip, original=data, filename=filename), fallback.name


def hear(*, user: User, data: bytes, filename: str) -> Heard:
    """The words spoken in the upload ``data``; see the module docstring."""
    max_seconds = quotas.clip_seconds_allowed(user)
    clip = audio.decode(data, max_seconds=max_seconds)
    quotas.minutes_reserve(user, seconds=clip.duration_ms / 1000)
    if not speech_present(clip):
        return Heard(text="", language="", duration_ms=clip.duration_ms, provider="")
    transcript, provider = _recognise(clip, data, filename)
    return Heard(text=transcript.text, language=transcript.language, duration_ms=clip.duration_ms, provider=provider)


def _synthesise(text: str, fmt: str) -> Spoken:
    provider = text_to_speech()
    try:
        speech = provider.speak(text=text, fmt=fmt)
    except VoiceProviderError:
        logger.warning("voice.speech_failed", extra={"provider": provider.name})
        speech = EspeakSynthesiser().speak(text=text, fmt=fmt)
    if speech.clip is not None:
        if not speech.clip.pcm:
            raise VoiceProviderError("espeak-ng made no sound")
        return Spoken(
            data=audio.encode(speech.clip, fmt), content_type=audio.FORMATS[fmt], duration_ms=speech.clip.duration_ms
        )
    try:
        duration_ms = audio.decode(speech.data, max_seconds=3600).duration_ms
    except audio.AudioError as exc:
        raise VoiceProviderError("the speech API answered something that is not audio") from exc
    return Spoken(data=speech.data, content_type=speech.content_type, duration_ms=duration_ms)


def speak(*, user: User, text: str, fmt: str) -> Spoken:
    """``text`` read aloud as a ``fmt`` file, its length counted in the month's voice minutes."""
    quotas.clip_seconds_allowed(user)
    text = _MARKUP.sub(" ", text).strip()
    if not any(character.isalnum() for character in text):
        raise ValidationError({"text": ["There is nothing to read aloud in this text."]})
    quotas.minutes_reserve(user, seconds=0)  # refuses when the month's minutes are used up
    spoken = _synthesise(text, fmt)
    quotas.minutes_record(user, seconds=spoken.duration_ms / 1000)
    return spoken


def chat_by_voice(
    *, user: User, conversation: Conversation | None, data: bytes, filename: str, reply_format: str | None
) -> VoiceTurn:
    """Hear the clip and, if words were heard, answer them through ``chat_turn`` (and read the reply aloud).

    Without ``conversation``, a new one is started once words are heard.
    """
    heard = hear(user=user, data=data, filename=filename)
    if not heard.heard:
        return VoiceTurn(heard=heard, conversation=conversation, reply=None, audio=None)
    if conversation is None:
        conversation = conversation_create(user=user)
    reply = chat_turn(user=user, conversation=conversation, content=heard.text)
    spoken = reply_spoken(user=user, reply=reply, fmt=reply_format) if reply_format else None
    return VoiceTurn(heard=heard, conversation=conversation, reply=reply, audio=spoken)


def reply_spoken(*, user: User, reply: ChatReply, fmt: str) -> Spoken | None:
    """The assistant's reply read aloud as ``fmt`` (its first ``LONGEST_SPOKEN_REPLY`` characters), or None.

    None when the reply holds nothing to read aloud (empty, or only symbols).
    """
    if not reply.message.content.strip():
        return None
    try:
        return speak(user=user, text=reply.message.content[:LONGEST_SPOKEN_REPLY], fmt=fmt)
    except ValidationError:
        return None
