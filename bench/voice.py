"""Measure the voice providers: word error rate on a spoken set, and real-time factor on this machine.

Real-time factor is processing time over audio time, as wall-clock and as this process's CPU time
(the CPU figure holds on a machine busy with other work).

The set is the assistant's held-out and blind utterances (``apps/assistant/offline/data``; the offline
recogniser's command model never saw them), spoken by the offline voice (espeak-ng) and sent
through webm/Opus as a browser would; then the recorded human clips in ``bench/voice_clips`` (CMU
ARCTIC, licence and sources in its README), clean and with white noise at 20 and 10 dB SNR.
Each available recogniser is scored: offline with both searches (what the API uses) and with only
the general model, and the OpenAI-compatible API when OPENAI_API_KEY is set.
Run: python -m bench.voice [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "apps" / "assistant" / "offline" / "data"
CLIPS = Path(__file__).resolve().parent / "voice_clips"


def word_errors(reference: list[str], hypothesis: list[str]) -> int:
    """Levenshtein distance between two word sequences."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref in enumerate(reference, 1):
        current = [i]
        for j, hyp in enumerate(hypothesis, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ref != hyp)))
        previous = current
    return previous[-1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    import django

    django.setup()
    from django.conf import settings

    from apps.voice import audio
    from apps.voice.providers import offline
    from apps.voice.providers.offline import EspeakSynthesiser, PocketSphinxRecogniser
    from apps.voice.tests.sounds import in_container

    texts = [json.loads(line)["text"] for name in ("heldout", "blind", "blind2")
             for line in (DATA / f"{name}.jsonl").read_text().splitlines() if line.strip()][: args.limit]  # fmt: skip
    synthesiser = EspeakSynthesiser()
    started = time.perf_counter()
    clips = [synthesiser.speak(text=text, fmt="wav").clip for text in texts]
    speak_seconds = time.perf_counter() - started
    spoken_audio = sum(clip.duration_ms for clip in clips if clip) / 1000
    uploads = [in_container(clip, "webm") for clip in clips if clip]
    decoded = [audio.decode(data, max_seconds=600) for data in uploads]
    total_audio = sum(clip.duration_ms for clip in decoded) / 1000

    recogniser = PocketSphinxRecogniser()

    def general_only(clip: audio.Clip, data: bytes) -> str:
        engine = offline._recogniser()
        with engine.lock:
            return engine._run(offline.GENERAL, clip.pcm)[0]

    systems = {
        "offline (commands + general, as served)": lambda clip, data: (
            recogniser.transcribe(clip=clip, original=data, filename="a.webm").text
        ),
        "offline (general model only)": general_only,
    }
    if settings.OPENAI_API_KEY:
        from apps.voice.providers.selection import speech_to_text

        online = speech_to_text()
        systems[f"openai-compatible ({settings.OPENAI_TRANSCRIPTION_MODEL})"] = lambda clip, data: (
            online.transcribe(clip=clip, original=data, filename="a.webm").text
        )
    offline._recogniser()  # load the models outside the timings
    print(f"{len(texts)} utterances, {total_audio:.1f} s of speech (espeak-ng, via webm/Opus)")
    print(f"espeak-ng synthesis: real-time factor {speak_seconds / spoken_audio:.3f}")
    score(systems, list(zip(texts, decoded, uploads, strict=True)))

    recorded = json.loads((CLIPS / "transcripts.json").read_text())
    clean = [audio.decode((CLIPS / name).read_bytes(), max_seconds=600) for name in recorded]
    noisy = {snr: [with_noise(clip, snr_db=snr) for clip in clean] for snr in (20, 10)}
    for label, clips_heard in (("clean", clean), *((f"white noise at {snr} dB SNR", noisy[snr]) for snr in noisy)):
        uploads = [in_container(clip, "webm") for clip in clips_heard]
        heard = [audio.decode(data, max_seconds=600) for data in uploads]
        seconds = sum(clip.duration_ms for clip in heard) / 1000
        print(f"\n{len(heard)} recorded human clips (CMU ARCTIC), {label}, {seconds:.1f} s, via webm/Opus")
        score(systems, list(zip(recorded.values(), heard, uploads, strict=True)))


def with_noise(clip: Any, *, snr_db: float, seed: int = 7) -> Any:
    """``clip`` with white noise added at ``snr_db`` signal-to-noise ratio."""
    import numpy as np

    from apps.voice.audio import Clip

    signal = clip.samples.astype(np.float64)
    noise = np.random.default_rng(seed).normal(0, 1, signal.size)
    noise *= np.sqrt(np.mean(signal**2) / (10 ** (snr_db / 10)) / np.mean(noise**2))
    return Clip(pcm=(signal + noise).clip(-32768, 32767).astype(np.int16).tobytes(), rate=clip.rate)


def score(systems: Mapping[str, Callable[[Any, Any], str]], items: list[tuple[str, Any, bytes]]) -> None:
    """Print each system's word error rate and real-time factor over ``items`` (text, clip, upload)."""
    from apps.voice.language_model import spoken_words

    total_audio = sum(clip.duration_ms for _, clip, _ in items) / 1000
    for name, recognise in systems.items():
        errors = words = 0
        started, cpu = time.perf_counter(), time.process_time()
        for text, clip, data in items:
            reference, hypothesis = spoken_words(text), spoken_words(recognise(clip, data))
            errors += word_errors(reference, hypothesis)
            words += len(reference)
        wall, cpu = (time.perf_counter() - started) / total_audio, (time.process_time() - cpu) / total_audio
        print(f"{name}: WER {errors / words:.1%} ({errors}/{words} words), real-time factor {wall:.2f} (CPU {cpu:.2f})")


if __name__ == "__main__":
    main()
