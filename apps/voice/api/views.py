"""Voice API: transcribe a clip, speak a text, talk to the assistant."""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, parsers, status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.assistant import selectors as chat_selectors
from apps.voice import flows
from apps.voice.api.serializers import (
    ChatVoiceInputSerializer,
    ChatVoiceOutputSerializer,
    SpeakInputSerializer,
    TranscribeInputSerializer,
    TranscriptSerializer,
)
from apps.voice.audio import FORMATS, AudioError, AudioTooLong
from apps.voice.providers.base import VoiceProviderError
from maigie.api import validated
from maigie.openapi import UNSAFE_METHODS

UPLOAD_PARSERS = (parsers.MultiPartParser,)
MULTIPART_OVERHEAD = 64 * 1024  # form boundaries and the other fields, beyond the file itself


class AudioTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The audio is too large or too long."
    default_code = "payload_too_large"


class VoiceUnavailable(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Voice is unavailable right now; please try again."
    default_code = "voice_unavailable"


class AnswerWithoutNegotiation(DefaultContentNegotiation):
    """Audio answers whatever ``Accept`` says (players send ``audio/*``); errors stay JSON."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


def _upload(request: Request, serializer: type[Any]) -> tuple[dict[str, Any], bytes, str]:
    """The validated form and the uploaded audio's bytes and name; 413 past ``VOICE_MAX_UPLOAD_BYTES``."""
    limit = settings.VOICE_MAX_UPLOAD_BYTES
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if declared.isdigit() and int(declared) > limit + MULTIPART_OVERHEAD:  # refused before reading the body
        raise AudioTooLarge(f"The audio is larger than {limit} bytes.")
    data = validated(serializer, request.data)
    upload: UploadedFile = data["audio"]
    if (upload.size or 0) > limit:
        raise AudioTooLarge(f"The audio is larger than {limit} bytes.")
    return data, upload.read(), str(upload.name or "audio")


def _voice_errors(exc: Exception) -> Exception:
    """The API error for an audio or provider failure."""
    if isinstance(exc, AudioTooLong):
        return AudioTooLarge(str(exc))
    if isinstance(exc, AudioError):
        return ValidationError({"audio": [str(exc)]})
    return VoiceUnavailable()


class VoiceApi(APIView):
    """Base of the voice endpoints: the ``voice`` rate limit, a plan feature (402)."""

    throttle_scope = "voice"
    plan_limited_methods = UNSAFE_METHODS  # 402: voice is a Premium feature with monthly minutes


class TranscribeApi(VoiceApi):
    """Speech to text: the words spoken in an uploaded clip."""

    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        request={"multipart/form-data": TranscribeInputSerializer}, responses=TranscriptSerializer, tags=["voice"]
    )
    def post(self, request: Request) -> Response:
        _, data, filename = _upload(request, TranscribeInputSerializer)
        try:
            heard = flows.hear(user=current_user(request), data=data, filename=filename)
        except (AudioError, VoiceProviderError) as exc:
            raise _voice_errors(exc) from exc
        return Response(
            TranscriptSerializer(
                {"text": heard.text, "heard": heard.heard, "language": heard.language, "duration_ms": heard.duration_ms}
            ).data
        )


class SpeakApi(VoiceApi):
    """Text to speech: the text read aloud as wav, mp3 or ogg (Opus)."""

    content_negotiation_class = AnswerWithoutNegotiation

    @extend_schema(
        request=SpeakInputSerializer,
        responses={
            **{
                (200, media): OpenApiResponse(OpenApiTypes.BINARY, description=f"{name} audio")
                for name, media in FORMATS.items()
            },
        },
        tags=["voice"],
    )
    def post(self, request: Request) -> HttpResponse:
        data = validated(SpeakInputSerializer, request.data)
        try:
            spoken = flows.speak(user=current_user(request), text=data["text"], fmt=data["format"])
        except (AudioError, VoiceProviderError) as exc:
            raise _voice_errors(exc) from exc
        response = HttpResponse(spoken.data, content_type=spoken.content_type)
        response["Content-Disposition"] = f'inline; filename="speech.{data["format"]}"'
        response["X-Audio-Duration-Ms"] = str(spoken.duration_ms)
        return response


class ChatVoiceApi(VoiceApi):
    """Talk to the assistant: the clip is transcribed and answered exactly as the same text typed."""

    parser_classes = UPLOAD_PARSERS

    @extend_schema(
        request={"multipart/form-data": ChatVoiceInputSerializer},
        responses={201: ChatVoiceOutputSerializer, 200: ChatVoiceOutputSerializer},
        description="201 with the reply when words were heard; 200 with `heard: false`, no reply and no "
        "actions when the clip held only silence or noise.",
        tags=["chat", "voice"],
    )
    def post(self, request: Request) -> Response:
        user = current_user(request)
        form, data, filename = _upload(request, ChatVoiceInputSerializer)
        conversation = None
        if "conversation_id" in form:
            conversation = chat_selectors.conversation_get(user=user, pk=form["conversation_id"])
        try:
            turn = flows.chat_by_voice(
                user=user, conversation=conversation, data=data, filename=filename, reply_format=form.get("reply_audio")
            )
        except (AudioError, VoiceProviderError) as exc:
            raise _voice_errors(exc) from exc
        body = {
            "transcript": turn.heard.text,
            "heard": turn.heard.heard,
            "duration_ms": turn.heard.duration_ms,
            "conversation_id": turn.conversation.pk if turn.conversation else None,
            "message": turn.reply.message if turn.reply else None,
            "actions": turn.reply.actions if turn.reply else [],
            "audio": base64.b64encode(turn.audio.data).decode() if turn.audio else None,
            "audio_content_type": turn.audio.content_type if turn.audio else None,
        }
        answered = status.HTTP_201_CREATED if turn.reply else status.HTTP_200_OK
        return Response(ChatVoiceOutputSerializer(body).data, status=answered)
