"""The database half of ``bench.assistant``: the seeded learner and a provider's calls, run and rolled back."""

from __future__ import annotations

import contextlib
import json
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import User
from apps.assistant.models import ActionStatus, ChatMessage, Role
from apps.assistant.offline.learner import learner_items
from apps.assistant.providers.base import Provider, ToolCallsRequested
from apps.assistant.providers.offline import OfflineProvider
from apps.assistant.providers.selection import providers_for
from apps.assistant.services.actions import action_run
from apps.assistant.services.conversations import conversation_create
from apps.assistant.tools.registry import all_tools, get_tool
from apps.learning.models import Course, Note, Topic
from apps.learning.models import Module as CourseModule
from apps.planning.models import Goal, ScheduleBlock, Task
from bench.assistant import DATA, Result, score

SEED_ZONE = ZoneInfo("America/New_York")


class _Rollback(Exception):
    """Raised to undo everything one message's actions wrote."""


@contextlib.contextmanager
def seeded_learner() -> Iterator[User]:
    """A learner with the courses, goals, blocks and notes of ``data/learner.json``."""
    data = json.loads((DATA / "learner.json").read_text())
    user = User.objects.create_user(email=f"bench-{uuid.uuid4().hex[:8]}@example.com", password=None)
    courses: dict[str, Course] = {}
    for c in data["courses"]:
        course = courses[c["title"]] = Course.objects.create(user=user, title=c["title"])
        for m_order, m in enumerate(c["modules"]):
            module = CourseModule.objects.create(course=course, title=m["title"], order=m_order)
            for t_order, title in enumerate(m["topics"]):
                Topic.objects.create(module=module, title=title, order=t_order)
    for g in data["goals"]:
        goal = Goal.objects.create(user=user, title=g["title"])
        for order, title in enumerate(g["tasks"]):
            Task.objects.create(goal=goal, title=title, order=order)
    for b in data["blocks"]:
        start = datetime.fromisoformat(b["start"]).replace(tzinfo=SEED_ZONE)
        ScheduleBlock.objects.create(
            user=user,
            title=b["title"],
            start_time=start,
            end_time=start + timedelta(hours=1),
            timezone=str(SEED_ZONE),
            recurrence_rule=b["recurrence_rule"],
            course=courses.get(b.get("course", "")),
        )
    for n in data["notes"]:
        Note.objects.create(user=user, title=n["title"], content=n["title"], tags=n["tags"])
    try:
        yield user
    finally:
        user.delete()


def _blocks_in_zone(user: User, zone: ZoneInfo) -> None:
    """The learner's blocks at the wall times ``learner.json`` lists, in the zone the learner lives in (the row's):
    "18:00" is six in the evening wherever the learner is, as the labellers read it."""
    for block in ScheduleBlock.objects.filter(user=user):
        start = block.start_time.astimezone(SEED_ZONE).replace(tzinfo=zone)
        ScheduleBlock.objects.filter(pk=block.pk).update(
            start_time=start, end_time=start + (block.end_time - block.start_time), timezone=str(zone)
        )


class ProviderRun:
    """Sends each labelled message to a provider as a chat turn would, and runs what it asks for."""

    def __init__(self, user: User, provider_name: str) -> None:
        self.user = user
        self.provider_name = provider_name

    def _provider(self) -> Provider:
        if self.provider_name == "offline":
            return OfflineProvider(timezone_name=self.user.timezone, items=lambda: learner_items(self.user))
        if not settings.OPENAI_API_KEY:
            raise SystemExit("--provider openai needs OPENAI_API_KEY (and OPENAI_BASE_URL for a local server).")
        with self.settings_openai():
            return providers_for(self.user)[0]

    @staticmethod
    def settings_openai() -> contextlib.AbstractContextManager[Any]:
        return mock.patch.object(settings, "ASSISTANT_PROVIDER", "openai")

    def calls(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        """The calls the provider asks for on ``row``, each marked with what running it did."""
        now = datetime.fromisoformat(row["now"].replace("Z", "+00:00"))
        found: list[dict[str, Any]] = []
        with (
            mock.patch("django.utils.timezone.now", return_value=now),
            contextlib.suppress(_Rollback),
            transaction.atomic(),
        ):
            User.objects.filter(pk=self.user.pk).update(timezone=row["timezone"])
            self.user.refresh_from_db()
            _blocks_in_zone(self.user, ZoneInfo(row["timezone"]))
            found = self._turn(row)
            raise _Rollback
        return found

    def _turn(self, row: dict[str, Any]) -> list[dict[str, Any]]:
        from apps.assistant.context import conversation_context

        conversation = conversation_create(user=self.user)
        said = [(Role.USER, row["previous"]), (Role.ASSISTANT, "OK.")] if row.get("previous") else []
        now = timezone.now()  # fixed by ``calls``: the messages get distinct times, or their order is arbitrary
        turns = [*said, (Role.USER, row["text"])]
        for ago, (role, content) in zip(range(len(turns) - 1, -1, -1), turns, strict=True):
            message = ChatMessage.objects.create(conversation=conversation, user=self.user, role=role, content=content)
            ChatMessage.objects.filter(pk=message.pk).update(created_at=now - timedelta(seconds=ago))
        messages = conversation_context(self.user, conversation)
        specs = [tool.spec() for tool in all_tools()]
        requested = []
        for event in self._provider().stream_turn(messages=messages, tools=specs):
            if isinstance(event, ToolCallsRequested):
                requested = list(event.calls)
        out = []
        for call in requested:
            action = action_run(user=self.user, call=call, message=None)
            tool = get_tool(call.name)
            out.append(
                {
                    "name": call.name,
                    "arguments": call.arguments,
                    "wrote": bool(action.changes) or action.status == ActionStatus.PROPOSED,
                    "ran_destructive": bool(tool and tool.destructive and action.status == ActionStatus.EXECUTED),
                }
            )
        return out

    def score(self, rows: list[dict[str, Any]]) -> Result:
        """The figures of ``rows`` for this provider."""
        return score(rows, self.calls, is_write=lambda call: call["wrote"])


def provider_predict(user: User, provider_name: str) -> ProviderRun:
    """The runner for ``provider_name`` over the seeded ``user``."""
    return ProviderRun(user, provider_name)
