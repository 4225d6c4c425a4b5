"""The offline provider: no network, no key. It reads the intent; replies describe the results.

It emits the same tool calls the model path would (``apps.assistant.offline.understand``, over the
learner's own items and the previous message), so both share one executor, and writes its answer
from the actions' results once they have run. A reference it cannot pin down gets a question
naming the candidates, and no call.
"""

from __future__ import annotations

import json
import logging
import re
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

from django.utils import timezone

from apps.assistant.context import estimate_tokens
from apps.assistant.offline.abstain import form, is_small_talk
from apps.assistant.offline.grounded import NOTHING_FOUND, grounded_answer, is_question, relevant
from apps.assistant.offline.items import Known
from apps.assistant.offline.replies import (
    ACKNOWLEDGEMENT,
    FAREWELL,
    GREETING,
    LUCK,
    is_farewell,
    is_greeting,
    is_thanks,
    wishes_luck,
)
from apps.assistant.offline.understand import understand
from apps.assistant.providers.base import (
    Message,
    TextDelta,
    ToolCall,
    ToolCallsRequested,
    ToolSpec,
    TurnEvent,
    TurnFinished,
)
from apps.assistant.tools.wording import failure_reply

HELP = (
    "I can create and organise courses, goals and tasks, schedule study blocks with reminders, keep your exam "
    "dates, take and search notes, search your uploaded material, show your progress and recommend resources. "
    "For example: "
    '"create a course on organic chemistry with 3 modules and study it Tuesdays and Thursdays at 6pm, '
    'remind me 15 minutes before".'
)
_WORDS = re.compile(r"\S+\s*")
logger = logging.getLogger(__name__)


def _describe(action: dict[str, Any]) -> str:
    label = action["type"].replace("_", " ")
    summary = action.get("result", {}).get("summary")
    if action["status"] == "executed":
        return summary or f"Done: {label}."
    if action["status"] == "proposed":
        return f"Please confirm: {summary or label}."
    return failure_reply(tool_name=action["type"], error=action.get("error", ""))


class OfflineProvider:
    """Understands requests with rules and answers from the tools' results."""

    name = "offline"
    model = "maigie-offline-rules"

    def __init__(self, *, timezone_name: str, items: Callable[[], Known] | None = None) -> None:
        self.timezone = zoneinfo.ZoneInfo(timezone_name)
        self.items = items  # the learner's courses, goals, blocks... that references resolve against

    def stream_turn(self, *, messages: list[Message], tools: list[ToolSpec]) -> Iterator[TurnEvent]:
        """Ask for the parsed tool calls, or, after they ran, describe what happened."""
        last = messages[-1]
        prompt_tokens = sum(estimate_tokens(message.content) for message in messages)
        if last.role == "tool":
            results = [json.loads(m.content) for m in messages[self._first_result(messages) :] if m.role == "tool"]
            text = " ".join(_describe(result) for result in results)
        else:
            available = {tool.name for tool in tools}
            now = timezone.now().astimezone(self.timezone)
            previous = next((m.content for m in reversed(messages[:-1]) if m.role == "user"), "")
            try:
                found = understand(
                    last.content,
                    now=now,
                    timezone=str(self.timezone),
                    known=self.items() if self.items else None,
                    previous=previous,
                )
            except Exception:  # a rule failing on some wording must not lose the turn: answer as not understood
                logger.exception("offline understanding failed; answering as not understood")
                found = None
            calls = [call for call in found.calls if call.name in available] if found else []
            if found and found.question:
                text = found.question
            elif calls:
                yield ToolCallsRequested(
                    tuple(ToolCall(id=f"offline_{n}", name=c.name, arguments=c.arguments) for n, c in enumerate(calls))
                )
                yield TurnFinished(prompt_tokens=prompt_tokens, model=self.model)
                return
            else:
                text = self._answer(messages, last.content)
        for word in _WORDS.findall(text):
            yield TextDelta(word)
        yield TurnFinished(prompt_tokens=prompt_tokens, completion_tokens=estimate_tokens(text), model=self.model)

    @staticmethod
    def _answer(messages: list[Message], question: str) -> str:
        """Thanks, greetings, farewells and a wish for luck get a reply; a question the learner's material answers,
        its quotes; else what the assistant can do (a request it did not understand, small talk)."""
        if is_thanks(question):
            return ACKNOWLEDGEMENT
        if is_greeting(question):
            return f"{GREETING} {HELP}"
        if wishes_luck(question):
            return LUCK
        if is_farewell(question):
            return FAREWELL
        shape = form(question)
        asks = not is_small_talk(question) and (shape in ("question", "statement") or is_question(question))
        passages = messages[0].passages if messages and messages[0].role == "system" else ()
        if asks and relevant(question, passages):
            return grounded_answer(question, passages)
        return NOTHING_FOUND if asks and (shape == "question" or is_question(question)) else HELP

    @staticmethod
    def _first_result(messages: list[Message]) -> int:
        index = len(messages)
        while index > 0 and messages[index - 1].role == "tool":
            index -= 1
        return index
