"""``/ws/chat`` with a voice: spoken messages in (binary or base64 frames), the reply read aloud out.

The chat socket (apps.assistant.consumers.ChatConsumer) plus audio frames, documented in
docs/websockets.md: ``audio.start`` opens a clip, binary frames or ``audio.chunk`` frames carry its
bytes, ``audio.end`` transcribes it through ``flows.hear`` and answers the words with the same chat
turn as a typed ``message``. ``reply_audio`` on either streams the reply read aloud as ``audio``
frames. Plan, clip length, monthly minutes and the ``voice`` rate limit are those of the REST API.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import math
from dataclasses import dataclass, field
from typing import Any

from asgiref.sync import async_to_sync, sync_to_async
from channels.db import database_sync_to_async
from django.conf import settings
from django.core.exceptions import ValidationError
from rest_framework.exceptions import Throttled

from apps.accounts.throttling import throttle_user
from apps.assistant.consumers import ChatConsumer, in_chat_thread
from apps.assistant.services.chat import ChatReply
from apps.voice import flows, quotas
from apps.voice.audio import FORMATS, AudioError, AudioTooLong
from apps.voice.providers.base import VoiceProviderError
from maigie.errors import PaymentRequired
from maigie.realtime.consumers import CLOSE_MESSAGE_TOO_BIG

VOICE_THROTTLE_SCOPE = "voice"
AUDIO_FRAME_BYTES = 32 * 1024  # reply audio per frame (base64 keeps it under the 64 KiB frame limit)


@dataclass
class Recording:
    """A clip being received: its bytes so far and what the client asked for."""

    client_id: Any
    reply_audio: str | None
    data: bytearray = field(default_factory=bytearray)
    refused: bool = False  # over the size limit: later pieces are dropped until ``audio.end``


def _reply_format(content: dict[str, Any]) -> str | None:
    fmt = content.get("reply_audio")
    if fmt is not None and fmt not in FORMATS:
        raise ValidationError(f"reply_audio must be one of {', '.join(sorted(FORMATS))}.")
    return fmt


class VoiceChatConsumer(ChatConsumer):
    """The chat socket, also taking spoken messages and reading replies aloud."""

    recording: Recording | None = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any) -> None:
        """A binary frame while a clip is open is audio; any other frame is JSON as usual."""
        if bytes_data is None or self.recording is None:
            await super().receive(text_data, bytes_data, **kwargs)
            return
        if len(bytes_data) > settings.WEBSOCKET_MAX_MESSAGE_BYTES:
            await self.close(code=CLOSE_MESSAGE_TOO_BIG)
            return
        self._last_heard = asyncio.get_running_loop().time()
        await self._piece(bytes_data)

    async def handle(self, content: dict[str, Any]) -> None:
        kind = content["type"]
        try:
            if kind == "audio.start":
                await self._start(content)
            elif kind == "audio.chunk":
                await self._chunk(content)
            elif kind == "audio.end":
                await self._end()
            elif kind == "audio.cancel":
                self.recording = None
            else:
                if kind == "message":
                    _reply_format(content)
                await super().handle(content)
        except ValidationError as exc:
            await self.send_error("validation_error", " ".join(exc.messages), client_id=content.get("client_id"))

    async def _start(self, content: dict[str, Any]) -> None:
        """Open a clip (an unfinished one is dropped) once the plan allows voice."""
        self.recording = None
        fmt = _reply_format(content)
        try:
            await database_sync_to_async(quotas.clip_seconds_allowed)(self.user)
        except PaymentRequired as exc:
            await self.send_error(exc.code, exc.message, details=exc.details, client_id=content.get("client_id"))
            return
        self.recording = Recording(client_id=content.get("client_id"), reply_audio=fmt)
        await self.send_json({"type": "listening", "client_id": self.recording.client_id})

    async def _chunk(self, content: dict[str, Any]) -> None:
        if self.recording is None:
            raise ValidationError("No clip is open: send audio.start first.")
        try:
            piece = base64.b64decode(str(content.get("data", "")), validate=True)
        except (binascii.Error, ValueError):
            self.recording = None
            raise ValidationError("audio.chunk data must be base64; the clip was dropped.") from None
        await self._piece(piece)

    async def _piece(self, piece: bytes) -> None:
        recording = self.recording
        assert recording is not None
        if recording.refused:
            return
        recording.data += piece
        limit = settings.VOICE_MAX_UPLOAD_BYTES
        if len(recording.data) > limit:
            recording.refused, recording.data = True, bytearray()
            await self.send_error(
                "payload_too_large", f"The audio is larger than {limit} bytes.", client_id=recording.client_id
            )

    async def _end(self) -> None:
        recording, self.recording = self.recording, None
        if recording is None:
            raise ValidationError("No clip is open: send audio.start first.")
        if recording.refused:
            return
        wait = await sync_to_async(throttle_user)(scope=VOICE_THROTTLE_SCOPE, user_id=self.user.pk)
        if wait is not None:
            refusal = Throttled(wait=wait)
            await self.send_error(
                refusal.default_code,
                str(refusal.detail),
                details={"retry_after": math.ceil(wait)},
                client_id=recording.client_id,
            )
            return
        try:
            await in_chat_thread(self._voice_turn)(recording)
        except AudioTooLong as exc:
            await self.send_error("payload_too_large", str(exc), client_id=recording.client_id)
        except AudioError as exc:
            await self.send_error("validation_error", str(exc), client_id=recording.client_id)
        except VoiceProviderError:
            await self.send_error(
                "voice_unavailable", "Voice is unavailable right now; please try again.", client_id=recording.client_id
            )
        except PaymentRequired as exc:
            await self.send_error(exc.code, exc.message, details=exc.details, client_id=recording.client_id)
        except ValidationError as exc:
            await self.send_error("validation_error", " ".join(exc.messages), client_id=recording.client_id)

    def _voice_turn(self, recording: Recording) -> None:
        """Hear the clip, say what was heard, and answer it as a typed message (in the database thread)."""
        heard = flows.hear(user=self.user, data=bytes(recording.data), filename="audio")
        async_to_sync(self.send_json)(
            {
                "type": "transcript",
                "client_id": recording.client_id,
                "text": heard.text,
                "heard": heard.heard,
                "duration_ms": heard.duration_ms,
            }
        )
        if heard.heard:
            self._reply({"content": heard.text, "client_id": recording.client_id, "reply_audio": recording.reply_audio})

    def replied(self, reply: ChatReply, content: dict[str, Any]) -> None:
        """Stream the reply read aloud when the message asked for ``reply_audio``."""
        fmt = content.get("reply_audio")
        if not fmt:
            return
        send = async_to_sync(self.send_json)
        message_id = str(reply.message.pk)
        try:
            spoken = flows.reply_spoken(user=self.user, reply=reply, fmt=fmt)
        except PaymentRequired as exc:
            send({"type": "error", "code": exc.code, "message": exc.message, "details": exc.details})
            return
        except (AudioError, VoiceProviderError):
            send({"type": "error", "code": "voice_unavailable", "message": "The reply could not be read aloud."})
            return
        if spoken is None:
            return
        pieces = range(0, len(spoken.data), AUDIO_FRAME_BYTES)
        for index, start in enumerate(pieces):
            piece = spoken.data[start : start + AUDIO_FRAME_BYTES]
            send({"type": "audio", "message_id": message_id, "index": index, "data": base64.b64encode(piece).decode()})
        send(
            {
                "type": "audio.done",
                "message_id": message_id,
                "content_type": spoken.content_type,
                "duration_ms": spoken.duration_ms,
                "chunks": len(pieces),
            }
        )
