"""Recordings of lectures as text with timestamps, for study materials (apps.materials).

The recording is decoded a segment (about 20 s, cut at a pause) at a time; segments the speech detector
hears no voice in are skipped, the others are transcribed by the configured recogniser (the offline one
when the API fails), so a long recording never sits in memory as sound.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from apps.voice import audio
from apps.voice.detection import speech_present
from apps.voice.providers.base import VoiceProviderError
from apps.voice.providers.offline import LectureRecogniser, PocketSphinxRecogniser
from apps.voice.providers.selection import speech_to_text

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Segment:
    """Words heard from ``start_ms`` into the recording."""

    start_ms: int
    text: str


def transcribe_recording(
    data: bytes,
    *,
    max_seconds: float,
    segment_seconds: float = 20,
    progress: Callable[[int], None] = lambda start_ms: None,
) -> list[Segment]:
    """The words of the recording ``data`` by segment (raises ``AudioError``/``AudioTooLong``).

    ``progress`` is told each segment's start (milliseconds) before it is transcribed.
    """
    provider = speech_to_text()
    if isinstance(provider, PocketSphinxRecogniser):
        provider = LectureRecogniser()
    segments = []
    for start_ms, clip in audio.decode_segments(data, max_seconds=max_seconds, segment_seconds=segment_seconds):
        progress(start_ms)
        if not speech_present(clip):
            continue
        wav = audio.encode(clip, "wav")
        try:
            text = provider.transcribe(clip=clip, original=wav, filename="segment.wav").text
        except VoiceProviderError:
            logger.warning("voice.transcription_failed", extra={"provider": provider.name})
            text = LectureRecogniser().transcribe(clip=clip, original=wav, filename="segment.wav").text
        if text.strip():
            segments.append(Segment(start_ms=start_ms, text=text.strip()))
    return segments
