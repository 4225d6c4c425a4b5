"""Audio in and out with PyAV (ffmpeg's libraries, shipped in its wheel): any common container to PCM, PCM to files.

``decode`` turns an upload (webm/opus, ogg, mp3, m4a, wav, ...) into 16 kHz mono signed 16-bit PCM,
refusing what is not audio (``AudioError``) or longer than ``max_seconds`` (``AudioTooLong``) as
soon as it is known, without decoding the rest. ``encode`` writes PCM as wav, mp3 or ogg (Opus).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import av
import av.error
import numpy as np
from av.audio.resampler import AudioResampler

RATE = 16_000  # what the recognisers take
FORMATS = {"wav": "audio/wav", "mp3": "audio/mpeg", "ogg": "audio/ogg"}
FORMAT_CHOICES = sorted(FORMATS)  # one enum in the schema (AudioFormatEnum)
_CODECS = {"wav": ("wav", "pcm_s16le", None), "mp3": ("mp3", "libmp3lame", None), "ogg": ("ogg", "libopus", 48_000)}


class AudioError(Exception):
    """The upload is not audio we can read."""


class AudioTooLong(AudioError):
    """The audio lasts longer than allowed."""

    def __init__(self, max_seconds: float) -> None:
        super().__init__(f"The audio is longer than {max_seconds:g} seconds.")
        self.max_seconds = max_seconds


@dataclass(frozen=True)
class Clip:
    """Mono signed 16-bit PCM at ``rate`` Hz."""

    pcm: bytes
    rate: int = RATE

    @property
    def samples(self) -> np.ndarray:
        return np.frombuffer(self.pcm, dtype=np.int16)

    @property
    def duration_ms(self) -> int:
        return len(self.pcm) * 1000 // (2 * self.rate)


def _frame_bytes(frame: av.AudioFrame) -> bytes:
    return bytes(frame.planes[0])[: frame.samples * 2]


def decode(data: bytes, *, max_seconds: float) -> Clip:
    """``data`` (any container ffmpeg reads with an audio stream) as 16 kHz mono PCM, at most ``max_seconds`` long."""
    limit = int(max_seconds * RATE) * 2
    resampler = AudioResampler(format="s16", layout="mono", rate=RATE)
    out = bytearray()
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError("The file has no audio.")
            stream = container.streams.audio[0]
            for frame in container.decode(stream):
                for piece in resampler.resample(frame):
                    out += _frame_bytes(piece)
                if len(out) > limit:
                    raise AudioTooLong(max_seconds)
            for piece in resampler.resample(None):
                out += _frame_bytes(piece)
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, UnicodeDecodeError, OSError, RuntimeError, EOFError) as exc:
        raise AudioError("The file is not audio we can read (wav, mp3, ogg, webm or m4a).") from exc
    if len(out) > limit:
        raise AudioTooLong(max_seconds)
    if not out:
        raise AudioError("The file holds no sound.")
    return Clip(pcm=bytes(out))


def duration_seconds(source: IO[bytes]) -> float:
    """How long the audio in ``source`` (a seekable binary file) lasts; raises ``AudioError`` when it is not audio.

    Read from the container's header when it says, else (e.g. browser webm) by decoding it without keeping the sound.
    """
    source.seek(0)
    try:
        with av.open(source, mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError("The file has no audio.")
            stream = container.streams.audio[0]
            if container.duration:
                return container.duration / av.time_base
            samples = sum(frame.samples for frame in container.decode(stream))
            rate = stream.codec_context.sample_rate or 0
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, UnicodeDecodeError, OSError, RuntimeError, EOFError) as exc:
        raise AudioError("The file is not audio we can read (wav, mp3, ogg, webm or m4a).") from exc
    finally:
        source.seek(0)
    if not samples or not rate:
        raise AudioError("The file holds no sound.")
    return samples / rate


def _quietest_cut(pcm: bytes, *, within: int) -> int:
    """A byte offset in the last ``within`` bytes of ``pcm`` at its quietest 50 ms (a pause between words)."""
    window = RATE // 20
    samples = np.abs(np.frombuffer(pcm, dtype=np.int16).astype(np.int32))
    first = max(0, len(samples) - within // 2)
    best, best_energy = len(samples), None
    for start in range(first, len(samples) - window + 1, window):
        energy = int(samples[start : start + window].sum())
        if best_energy is None or energy < best_energy:
            best, best_energy = start + window // 2, energy
    return best * 2


def decode_segments(data: bytes, *, max_seconds: float, segment_seconds: float = 20) -> Iterator[tuple[int, Clip]]:
    """``data`` as consecutive 16 kHz mono clips of about ``segment_seconds``, each with its start in milliseconds.

    Each clip is cut at a pause in its last quarter, so words are rarely split; at most ``max_seconds`` are decoded
    (``AudioTooLong`` past that), and only one segment is held in memory at a time.
    """
    size = int(segment_seconds * RATE) * 2
    limit = int(max_seconds * RATE) * 2
    resampler = AudioResampler(format="s16", layout="mono", rate=RATE)
    pending, offset, total = bytearray(), 0, 0
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise AudioError("The file has no audio.")
            for frame in container.decode(container.streams.audio[0]):
                for piece in resampler.resample(frame):
                    chunk = _frame_bytes(piece)
                    pending += chunk
                    total += len(chunk)
                if total > limit:
                    raise AudioTooLong(max_seconds)
                while len(pending) >= size:
                    cut = _quietest_cut(bytes(pending[:size]), within=size // 4)
                    yield offset * 1000 // (2 * RATE), Clip(pcm=bytes(pending[:cut]))
                    offset += cut
                    del pending[:cut]
            for piece in resampler.resample(None):
                pending += _frame_bytes(piece)
    except AudioError:
        raise
    except (av.error.FFmpegError, ValueError, IndexError, UnicodeDecodeError, OSError, RuntimeError, EOFError) as exc:
        raise AudioError("The file is not audio we can read (wav, mp3, ogg, webm or m4a).") from exc
    if not total and not pending:
        raise AudioError("The file holds no sound.")
    if pending:
        yield offset * 1000 // (2 * RATE), Clip(pcm=bytes(pending))


def resample(pcm: bytes, *, rate: int, to: int = RATE) -> bytes:
    """Mono 16-bit ``pcm`` at ``rate`` Hz resampled to ``to`` Hz."""
    frame = av.AudioFrame.from_ndarray(np.frombuffer(pcm, dtype=np.int16).reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    resampler = AudioResampler(format="s16", layout="mono", rate=to)
    return b"".join(_frame_bytes(piece) for piece in [*resampler.resample(frame), *resampler.resample(None)])


def encode(clip: Clip, fmt: str) -> bytes:
    """``clip`` as a ``fmt`` file (``wav``, ``mp3`` or ``ogg`` with Opus)."""
    container_format, codec, codec_rate = _CODECS[fmt]
    rate = codec_rate or clip.rate
    pcm = clip.pcm if rate == clip.rate else resample(clip.pcm, rate=clip.rate, to=rate)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate, layout="mono")
        assert isinstance(stream, av.AudioStream)
        frame = av.AudioFrame.from_ndarray(
            np.frombuffer(pcm, dtype=np.int16).reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = rate
        for packet in stream.encode(frame):
            container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()
