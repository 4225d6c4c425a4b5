"""Offline voice, no network and no key: pocketsphinx recognises, espeak-ng speaks.

Both ship in their wheels: pocketsphinx with its US English acoustic model, dictionary and general
language model; ``espeakng-loader`` with ``libespeak-ng`` and its data, driven here through ctypes.
Recognition runs two searches over the clip, the general language model and one built from the
assistant's own example commands (``apps/voice/language_model.py``), and keeps the likelier
hypothesis: commands to the assistant are recognised far better, other speech no worse.
"""

from __future__ import annotations

import ctypes
import threading
from functools import cache
from typing import Any

import espeakng_loader
from pocketsphinx import Decoder, NGramModel

from apps.voice.audio import RATE, Clip
from apps.voice.language_model import commands_arpa
from apps.voice.providers.base import Speech, Transcript, VoiceProviderError

GENERAL, COMMANDS = "_default", "commands"
VOICE = b"en-us+klatt4"  # of espeak-ng's voices, the one pocketsphinx understands best (docs/voice.md)
WORDS_PER_MINUTE = 175
_SYNCHRONOUS = 0x02
_RATE_PARAMETER = 1
_UTF8 = 1


class _Recogniser:
    """One pocketsphinx decoder with both searches; decoders are not thread-safe, so calls are serialised."""

    def __init__(self) -> None:
        self.decoder = Decoder(samprate=RATE, loglevel="ERROR")
        model = NGramModel(self.decoder.config, self.decoder.logmath, str(commands_arpa()))
        self.decoder.add_lm(COMMANDS, model)
        self.lock = threading.Lock()

    def _run(self, search: str, pcm: bytes) -> tuple[str, float]:
        self.decoder.activate_search(search)
        self.decoder.start_utt()
        self.decoder.process_raw(pcm, full_utt=True)
        self.decoder.end_utt()
        hypothesis = self.decoder.hyp()
        if hypothesis is None:
            return "", 0.0
        return hypothesis.hypstr.strip(), float(hypothesis.score)

    def recognise(self, pcm: bytes, searches: tuple[str, ...] = (COMMANDS, GENERAL)) -> str:
        with self.lock:
            candidates = [self._run(search, pcm) for search in searches]
        text, _ = max(candidates, key=lambda candidate: candidate[1])
        return text


@cache
def _recogniser() -> _Recogniser:
    return _Recogniser()


class PocketSphinxRecogniser:
    """Offline speech to text (US English)."""

    name = "offline"

    searches: tuple[str, ...] = (COMMANDS, GENERAL)

    def transcribe(self, *, clip: Clip, original: bytes, filename: str) -> Transcript:
        padding = bytes(RATE // 4 * 2)  # a quarter second of silence either side helps the endpoints
        return Transcript(text=_recogniser().recognise(padding + clip.pcm + padding, self.searches), language="en")


class LectureRecogniser(PocketSphinxRecogniser):
    """Offline speech to text for recorded lectures: the general English model only (no command phrasing)."""

    searches = (GENERAL,)


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class _Espeak:
    """libespeak-ng in synchronous mode; one synthesis at a time (the library keeps global state)."""

    def __init__(self) -> None:
        lib: Any = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
        lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
        lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
        lib.espeak_Synth.argtypes = [
            ctypes.c_void_p,
            ctypes.c_size_t,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_uint,
            ctypes.c_uint,
            ctypes.c_void_p,
            ctypes.c_void_p,
        ]
        self.rate = int(lib.espeak_Initialize(_SYNCHRONOUS, 0, espeakng_loader.get_data_path().encode(), 0))
        if self.rate <= 0:
            raise VoiceProviderError("espeak-ng could not start.")
        self.chunks: list[bytes] = []
        self.callback = _Callback(self._collect)  # kept referenced while the library may call it
        lib.espeak_SetSynthCallback(self.callback)
        if lib.espeak_SetVoiceByName(VOICE) != 0 or lib.espeak_SetParameter(_RATE_PARAMETER, WORDS_PER_MINUTE, 0):
            raise VoiceProviderError("espeak-ng has no voice en-us.")
        self.lib = lib
        self.lock = threading.Lock()

    def _collect(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            self.chunks.append(ctypes.string_at(wav, count * 2))
        return 0

    def synthesise(self, text: str) -> bytes:
        encoded = text.encode() + b"\0"
        with self.lock:
            self.chunks = []
            if self.lib.espeak_Synth(encoded, len(encoded), 0, 0, 0, _UTF8, None, None) != 0:
                raise VoiceProviderError("espeak-ng failed to speak.")
            return b"".join(self.chunks)


@cache
def _espeak() -> _Espeak:
    return _Espeak()


class EspeakSynthesiser:
    """Offline text to speech with espeak-ng (English)."""

    name = "offline"

    def speak(self, *, text: str, fmt: str) -> Speech:
        engine = _espeak()
        pcm = engine.synthesise(text)
        return Speech(clip=Clip(pcm=pcm, rate=engine.rate))
