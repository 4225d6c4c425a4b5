"""Is anyone speaking? An energy floor, tests for noise and steady tones, then WebRTC voice activity.

Run before recognition so silence, hum and hiss give "nothing heard" instead of invented words.
"""

from __future__ import annotations

import math

import numpy as np
from pocketsphinx import Vad

from apps.voice.audio import Clip

MIN_RMS_DBFS = -50.0  # quieter than this overall is silence
MAX_FLATNESS = 0.35  # a spectrum this flat (geometric / arithmetic mean) is noise, not a voice
MIN_SPEECH_SECONDS = 0.25  # voiced frames needed, in total
MIN_LOUDNESS_SPREAD_DB = 5.0  # speech rises and falls with its syllables; hum, tones and steady noise do not


def rms_dbfs(samples: np.ndarray) -> float:
    """Loudness of 16-bit ``samples`` in dB below full scale."""
    if samples.size == 0:
        return -120.0
    rms = float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))
    return 20 * math.log10(max(rms, 1e-6) / 32768)


def spectral_flatness(samples: np.ndarray, *, frame: int = 512) -> float:
    """Median flatness of the loud frames' power spectra: near 1 for white noise, low for speech."""
    count = samples.size // frame
    if count == 0:
        return 1.0
    frames = samples[: count * frame].reshape(count, frame).astype(np.float64)
    energy = (frames**2).mean(axis=1)
    loud = frames[(energy >= np.percentile(energy, 50)) & (energy > 0)] * np.hanning(frame)  # pauses are not loud
    if not loud.size:
        return 1.0
    power = np.abs(np.fft.rfft(loud, axis=1)) ** 2 + 1e-10
    flatness = np.exp(np.log(power).mean(axis=1)) / power.mean(axis=1)
    return float(np.median(flatness))


def loudness_spread(samples: np.ndarray, *, frame: int = 320) -> float:
    """Standard deviation, in dB, of the loudness of 20 ms frames (syllables make speech vary)."""
    count = samples.size // frame
    if count < 2:
        return 0.0
    frames = samples[: count * frame].reshape(count, frame).astype(np.float64)
    levels = 10 * np.log10((frames**2).mean(axis=1) + 1.0)
    return float(np.std(levels))


def voiced_seconds(clip: Clip) -> float:
    """Seconds of ``clip`` the WebRTC voice activity detector (pocketsphinx's ``Vad``) calls speech."""
    vad = Vad(mode=2, sample_rate=clip.rate)
    size = vad.frame_bytes
    frames = [clip.pcm[i : i + size] for i in range(0, len(clip.pcm) - size + 1, size)]
    return float(sum(vad.is_speech(chunk) for chunk in frames) * vad.frame_length)


def speech_present(clip: Clip) -> bool:
    """Whether ``clip`` holds speech worth recognising."""
    samples = clip.samples
    if rms_dbfs(samples) < MIN_RMS_DBFS:
        return False
    if spectral_flatness(samples) > MAX_FLATNESS:
        return False
    if loudness_spread(samples) < MIN_LOUDNESS_SPREAD_DB:
        return False
    return voiced_seconds(clip) >= MIN_SPEECH_SECONDS
