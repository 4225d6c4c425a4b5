"""Serializers of the voice API."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from rest_framework import serializers

from apps.assistant.api.serializers import ActionSerializer, MessageSerializer
from apps.voice.audio import FORMAT_CHOICES
from maigie import fields

AUDIO_HELP = "wav, mp3, ogg (Opus or Vorbis), webm (Opus) or m4a (AAC), at most VOICE_MAX_UPLOAD_BYTES (10 MiB)."


class TranscribeInputSerializer(serializers.Serializer[Any]):
    audio = fields.FileField(help_text=AUDIO_HELP)


class TranscriptSerializer(serializers.Serializer[Any]):
    text = fields.CharField(help_text="Empty when nothing was heard (silence or noise): see `heard`.")
    heard = fields.BooleanField(help_text='False when the clip held no speech ("nothing heard").')
    language = fields.CharField(help_text="Language code of the speech (empty when nothing was heard).")
    duration_ms = serializers.IntegerField()


class SpeakInputSerializer(serializers.Serializer[Any]):
    text = fields.CharField(max_length=settings.VOICE_MAX_SPEAK_CHARACTERS)
    format = serializers.ChoiceField(choices=FORMAT_CHOICES, default="mp3")


class ChatVoiceInputSerializer(serializers.Serializer[Any]):
    audio = fields.FileField(help_text=AUDIO_HELP)
    conversation_id = fields.UUIDField(required=False, help_text="Continue this conversation; else start one.")
    reply_audio = serializers.ChoiceField(
        choices=FORMAT_CHOICES, required=False, help_text="Also read the reply aloud in this format."
    )


class ChatVoiceOutputSerializer(serializers.Serializer[Any]):
    transcript = fields.CharField(help_text="What was heard; empty when nothing was (then no reply, no actions).")
    heard = fields.BooleanField()
    duration_ms = serializers.IntegerField()
    conversation_id = fields.UUIDField(allow_null=True)
    message = MessageSerializer(allow_null=True, help_text="The assistant's reply, exactly as for the typed text.")
    actions = ActionSerializer(many=True)
    audio = fields.CharField(allow_null=True, help_text="The reply read aloud, base64 (with `reply_audio`).")
    audio_content_type = fields.CharField(allow_null=True)
