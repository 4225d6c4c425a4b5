"""Chat API: conversations, messages (JSON or server-sent events), action decisions, and usage."""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable, Iterator
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections
from django.http import StreamingHttpResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import renderers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.assistant import quotas, selectors
from apps.assistant.api.serializers import (
    ActionSerializer,
    ConversationSerializer,
    MemoryFactSerializer,
    MessageFilterSerializer,
    MessageInputSerializer,
    MessageSerializer,
    ReplySerializer,
    UsageSerializer,
)
from apps.assistant.models import AIActionLog, Conversation
from apps.assistant.services.actions import action_confirm, action_reject, action_undo
from apps.assistant.services.chat import CHAT_THROTTLE_SCOPE, chat_turn
from apps.assistant.services.conversations import conversation_create, conversation_delete
from apps.assistant.services.memory import fact_forget
from maigie.api import paginated_response, query_filters, validated
from maigie.errors import QuotaExceeded
from maigie.openapi import UNSAFE_METHODS
from maigie.preconditions import IfMatchMixin

TAGS = ["chat"]


class ConversationListApi(APIView):
    """List the learner's conversations, or start one."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(responses=ConversationSerializer(many=True), tags=TAGS)
    def get(self, request: Request) -> Response:
        conversations = selectors.conversation_list(user=current_user(request))
        return paginated_response(request, conversations, ConversationSerializer, view=self)

    @extend_schema(request=ConversationSerializer, responses={201: ConversationSerializer}, tags=TAGS)
    def post(self, request: Request) -> Response:
        data = validated(ConversationSerializer, request.data)
        conversation = conversation_create(user=current_user(request), title=data.get("title", ""))
        return Response(ConversationSerializer(conversation).data, status=status.HTTP_201_CREATED)


class ConversationDetailApi(IfMatchMixin, APIView):
    """One conversation: read or delete."""

    @extend_schema(responses=ConversationSerializer, tags=TAGS)
    def get(self, request: Request, pk: str) -> Response:
        return Response(ConversationSerializer(selectors.conversation_get(user=current_user(request), pk=pk)).data)

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request: Request, pk: str) -> Response:
        conversation_delete(conversation=selectors.conversation_get(user=current_user(request), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


REFUSALS = (ValidationError, QuotaExceeded)  # raised by chat_turn before anything is saved or sent
Frame = dict[str, Any] | ValidationError | QuotaExceeded | None


def _event_stream(request: Request, conversation: Conversation, content: str) -> Iterator[str]:
    """Run the turn in a thread and relay its frames as server-sent events.

    The first frame is awaited here, so a refused message (content, quota) raises before the stream starts.
    """
    frames: queue.Queue[Frame] = queue.Queue()

    def produce() -> None:
        try:
            chat_turn(user=current_user(request), conversation=conversation, content=content, emit=frames.put)
        except REFUSALS as exc:
            frames.put(exc)
        except Exception:  # the client must hear that the reply failed
            frames.put({"type": "error", "code": "server_error", "message": "The reply failed."})
            raise
        finally:
            frames.put(None)
            connections.close_all()  # the thread ends: its connection goes back (or is closed), not left to GC

    threading.Thread(target=produce, daemon=True).start()
    first = frames.get()
    if isinstance(first, REFUSALS):
        raise first
    return _relay(first, frames)


def _relay(frame: Frame, frames: queue.Queue[Frame]) -> Iterator[str]:
    while isinstance(frame, dict):
        yield f"event: {frame['type']}\ndata: {json.dumps(frame)}\n\n"
        frame = frames.get()


class EventStreamRenderer(renderers.BaseRenderer):
    """Lets clients ask for ``text/event-stream``; a refusal arrives as one ``error`` event."""

    media_type = "text/event-stream"
    format = "sse"
    charset = "utf-8"

    def render(self, data: Any, accepted_media_type: str | None = None, renderer_context: Any = None) -> bytes:
        return f"event: error\ndata: {json.dumps(data)}\n\n".encode()


class MessageListApi(APIView):
    """A conversation's messages; posting one gets the assistant's reply (JSON, or SSE on request)."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    renderer_classes = (renderers.JSONRenderer, EventStreamRenderer)

    def get_renderers(self) -> list[renderers.BaseRenderer]:
        """Server-sent events answer posting only; reading history is JSON."""
        if self.request.method == "POST":
            return super().get_renderers()
        return [renderers.JSONRenderer()]

    @property
    def throttle_scope(self) -> str | None:
        """Posting a message is rate-limited (the WebSocket shares the scope); reading history is not."""
        return CHAT_THROTTLE_SCOPE if self.request.method == "POST" else None

    @extend_schema(parameters=[MessageFilterSerializer], responses=MessageSerializer(many=True), tags=TAGS)
    def get(self, request: Request, pk: str) -> Response:
        conversation = selectors.conversation_get(user=current_user(request), pk=pk)
        filters = query_filters(MessageFilterSerializer, request)
        messages = selectors.message_list(conversation=conversation, newest_first=filters["ordering"] == "-created_at")
        return paginated_response(request, messages, MessageSerializer, view=self)

    @extend_schema(
        request=MessageInputSerializer,
        responses={
            201: ReplySerializer,
            (201, "text/event-stream"): OpenApiResponse(
                response={
                    "type": "object",
                    "description": "One server-sent event.",
                    "properties": {"event": {"type": "string"}, "data": {"type": "string"}},
                    "required": ["data"],
                },
                description="With `Accept: text/event-stream`: ack, token, action, proposal and done events.",
            ),
        },
        tags=TAGS,
    )
    def post(self, request: Request, pk: str) -> Response | StreamingHttpResponse:
        conversation = selectors.conversation_get(user=current_user(request), pk=pk)
        content = validated(MessageInputSerializer, request.data)["content"]
        if "text/event-stream" in request.headers.get("Accept", ""):
            response = StreamingHttpResponse(
                _event_stream(request, conversation, content), content_type="text/event-stream", status=201
            )
            response["Cache-Control"] = "no-cache"
            response["X-Accel-Buffering"] = "no"
            return response
        reply = chat_turn(user=current_user(request), conversation=conversation, content=content)
        data = ReplySerializer({"message": reply.message, "actions": reply.actions}).data
        return Response(data, status=status.HTTP_201_CREATED)


class ActionDecisionApi(APIView):
    """Base of the decisions on an action: confirm, reject, undo."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    decide: Callable[..., AIActionLog]

    @extend_schema(request=None, responses=ActionSerializer, tags=TAGS)
    def post(self, request: Request, pk: str) -> Response:
        action = self.decide(action=selectors.action_get(user=current_user(request), pk=pk))
        return Response(ActionSerializer(action).data)


class ActionConfirmApi(ActionDecisionApi):
    """Execute a proposed action."""

    decide = staticmethod(action_confirm)


class ActionRejectApi(ActionDecisionApi):
    """Drop a proposed action."""

    decide = staticmethod(action_reject)


class ActionUndoApi(ActionDecisionApi):
    """Revert an executed action (409 once what it touched has changed)."""

    decide = staticmethod(action_undo)


class MyUsageApi(APIView):
    """The learner's assistant usage today and this month, beside the plan's quotas."""

    @extend_schema(responses=UsageSerializer, tags=["users"])
    def get(self, request: Request) -> Response:
        return Response(UsageSerializer(quotas.usage_overview(current_user(request))).data)


class MemoryListApi(APIView):
    """What the assistant remembers about the learner (told in every prompt)."""

    @extend_schema(responses=MemoryFactSerializer(many=True), tags=TAGS)
    def get(self, request: Request) -> Response:
        facts = selectors.fact_list(user=current_user(request))
        return paginated_response(request, facts, MemoryFactSerializer, view=self)


class MemoryDetailApi(APIView):
    """Forget one remembered fact."""

    @extend_schema(responses={204: None}, tags=TAGS)
    def delete(self, request: Request, pk: str) -> Response:
        fact_forget(fact=selectors.fact_get(user=current_user(request), pk=pk))
        return Response(status=status.HTTP_204_NO_CONTENT)
