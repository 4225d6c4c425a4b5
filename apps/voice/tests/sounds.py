"""Test sounds: offline speech, silence, noise, hum, each written in a container format with PyAV."""

from __future__ import annotations

import io

import av
import numpy as np

from apps.voice.audio import RATE, Clip, encode
from apps.voice.providers.offline import EspeakSynthesiser

# container, codec, sample rate, channels of each upload format a browser or phone sends
CONTAINERS = {
    "wav": ("wav", "pcm_s16le", 16_000, "mono"),
    "mp3": ("mp3", "libmp3lame", 22_050, "mono"),
    "ogg": ("ogg", "vorbis", 44_100, "stereo"),  # ffmpeg's own Vorbis encoder writes stereo only
    "opus.ogg": ("ogg", "libopus", 48_000, "mono"),
    "webm": ("webm", "libopus", 48_000, "mono"),
    "m4a": ("ipod", "aac", 44_100, "stereo"),
}


def spoken(text: str) -> Clip:
    """``text`` spoken by the offline voice."""
    speech = EspeakSynthesiser().speak(text=text, fmt="wav")
    assert speech.clip is not None
    return speech.clip


def silence(seconds: float) -> Clip:
    return Clip(pcm=bytes(int(seconds * RATE) * 2))


def white_noise(seconds: float, *, level: float = 6000, seed: int = 7) -> Clip:
    samples = np.random.default_rng(seed).normal(0, level, int(seconds * RATE)).clip(-32000, 32000)
    return Clip(pcm=samples.astype(np.int16).tobytes())


def hum(seconds: float, *, hertz: float = 50) -> Clip:
    time = np.arange(int(seconds * RATE)) / RATE
    return Clip(pcm=(np.sin(2 * np.pi * hertz * time) * 8000).astype(np.int16).tobytes())


def wav(clip: Clip) -> bytes:
    return encode(clip, "wav")


def in_container(clip: Clip, name: str) -> bytes:
    """``clip`` encoded as the upload format ``name`` (a key of ``CONTAINERS``)."""
    container_format, codec, rate, layout = CONTAINERS[name]
    samples = np.frombuffer(clip.pcm, dtype=np.int16).reshape(1, -1)
    frame = av.AudioFrame.from_ndarray(samples, format="s16", layout="mono")
    frame.sample_rate = clip.rate
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=container_format) as container:
        stream = container.add_stream(codec, rate=rate, layout=layout, options={"strict": "experimental"})
        assert isinstance(stream, av.AudioStream)
        formats = stream.codec_context.codec.audio_formats or []
        resampler = av.AudioResampler(format=formats[0].name, layout=layout, rate=rate)
        for piece in [*resampler.resample(frame), *resampler.resample(None)]:
            for packet in stream.encode(piece):
                container.mux(packet)
        for packet in stream.encode(None):
            container.mux(packet)
    return buffer.getvalue()
