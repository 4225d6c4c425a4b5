"""Decoding every upload format, refusing what is not audio or too long; speech detection."""

from __future__ import annotations

import pytest

from apps.voice import audio
from apps.voice.detection import speech_present
from apps.voice.tests import sounds


@pytest.fixture(scope="module")
def sentence() -> audio.Clip:
    return sounds.spoken("create a course on biology")


@pytest.mark.parametrize("name", sorted(sounds.CONTAINERS))
def test_each_upload_format_decodes_to_16_khz_mono_of_the_same_length(sentence, name):
    clip = audio.decode(sounds.in_container(sentence, name), max_seconds=30)

    assert clip.rate == 16_000
    assert abs(clip.duration_ms - sentence.duration_ms) < 120  # codec padding only
    assert speech_present(clip)


@pytest.mark.parametrize("fmt", ["wav", "mp3", "ogg"])
def test_speech_is_written_in_each_output_format(sentence, fmt):
    data = audio.encode(sentence, fmt)

    assert abs(audio.decode(data, max_seconds=30).duration_ms - sentence.duration_ms) < 120


@pytest.mark.parametrize(
    "data", [b"", b"garbage" * 500, b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 40, b"\xff\xfb\x90\x00" * 300]
)
def test_what_is_not_audio_is_refused(data):
    with pytest.raises(audio.AudioError):
        audio.decode(data, max_seconds=30)


def test_a_clip_longer_than_allowed_is_refused_before_it_is_all_decoded():
    with pytest.raises(audio.AudioTooLong):
        audio.decode(sounds.wav(sounds.silence(5)), max_seconds=2)


@pytest.mark.parametrize(
    "clip", [sounds.silence(2), sounds.white_noise(2), sounds.white_noise(2, level=20000), sounds.hum(2)]
)
def test_silence_noise_and_hum_are_not_speech(clip):
    assert not speech_present(clip)


def test_speech_with_background_noise_is_speech(sentence):
    speech = audio.decode(sounds.wav(sentence), max_seconds=30)
    noise = sounds.white_noise(speech.duration_ms / 1000 + 1, level=400).samples[: len(speech.samples)]

    assert speech_present(audio.Clip(pcm=(speech.samples + noise).astype("int16").tobytes()))
