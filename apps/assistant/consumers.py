"""``/ws/chat``: the assistant's conversation transport.

Until the assistant lands, replies echo the learner's message, streamed token by token; the
framing, authentication, ordering and error frames are final (docs/websockets.md).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from maigie.realtime.consumers import CLOSE_BAD_FRAME, AuthenticatedJsonConsumer

MAX_MESSAGE_LENGTH = 4000
_TOKEN = re.compile(r"\S+\s*|\s+")


class ChatConsumer(AuthenticatedJsonConsumer):
    """One conversation per connection; messages are answered one at a time, in order."""

    conversation_id: str = ""

    async def start(self, options: dict[str, Any]) -> None:
        requested = options.get("conversation") or self.query.get("conversation")
        try:
            self.conversation_id = str(uuid.UUID(str(requested))) if requested else str(uuid.uuid4())
        except ValueError:
            await self.close(code=CLOSE_BAD_FRAME)
            return
        await self.send_json({"type": "hello", "user_id": str(self.user.pk), "conversation_id": self.conversation_id})

    async def handle(self, content: dict[str, Any]) -> None:
        if content["type"] != "message":
            await super().handle(content)
            return
        text = content.get("content")
        client_id = content.get("client_id")
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_MESSAGE_LENGTH:
            await self.send_error(
                "validation_error",
                f"'content' must be non-empty text of at most {MAX_MESSAGE_LENGTH} characters.",
                client_id=client_id,
            )
            return
        message_id = str(uuid.uuid4())
        await self.send_json({"type": "ack", "message_id": message_id, "client_id": client_id})
        reply = await self.reply_to(text)
        for index, token in enumerate(_TOKEN.findall(reply)):
            await self.send_json({"type": "token", "message_id": message_id, "index": index, "content": token})
        await self.send_json({"type": "done", "message_id": message_id, "content": reply, "actions": []})

    async def reply_to(self, text: str) -> str:
        """The assistant's answer to ``text``: an echo until the assistant exists."""
        return text
