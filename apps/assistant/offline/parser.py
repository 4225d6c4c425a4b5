"""Offline language understanding: an utterance in, the tool calls an LLM would make out."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from . import courses, goals, listing, notes, schedule, study
from .calls import ToolCall
from .context import Context
from .text import LEADING_NOISE

Matcher = Callable[[str, Context], list[ToolCall] | None]

# First match wins, so specific phrasings come before the general ones ("add a note" before "add <block>").
MATCHERS: tuple[Matcher, ...] = (
    listing.match_list_own,
    notes.match_create_note,
    notes.match_search_notes,
    notes.match_summarize_note,
    study.match_stop_session,
    goals.match_update_goal,
    courses.match_course_to_finish,
    goals.match_create_goal,
    courses.match_archive_course,
    courses.match_create_course,
    courses.match_update_course,
    schedule.match_list_schedule,
    study.match_progress,
    study.match_recommend,
    schedule.match_cancel_block,
    schedule.match_move_block,
    courses.match_complete_topic,
    study.match_start_session,
    schedule.match_create_block,
)

TRIGGERS = (
    r"create|make|build|set|add|schedule|study|block|book|put|plan|search|find|look|recommend|suggest|archive|cancel|"
    r"move|reschedule|push|shift|show|list|stop|end|start|begin|remind\s+me\s+to|take\s+a\s+note|note\s+that|"
    r"summari[sz]e|give\s+me|what|how|skip|delete|mark|rename|please|can\s+you|also|an?\s+(?:new\s+)?(?:goal|note|course)"
)
SPLIT_RE = re.compile(
    rf"(?:\s*[,;]\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+|[.!?]\s+)(?=(?:{TRIGGERS})\b)", re.I
)


# A plural's apostrophe followed by a capitalised word, with a closing quote later ("'Bayes' Theorem and X'"),
# is inside the quote, not its end.
_APOSTROPHE_INSIDE = r"(?!(?<=s')\s+[A-Z][^'\"\u201c\u201d\u2018\u2019]*'(?=[\s,.;:!?]|$))"
# A double quote closes only a double quote, so "Charles' Law" keeps its apostrophe.
QUOTED_RE = re.compile(
    r"(?:(?<=\s)|^)(?:[\"\u201c]([^\"\u201c\u201d]+?)[\"\u201d]|"
    r"['\u2018]([^\"\u201c\u201d\u2018\u2019]+?)['\u2019]" + _APOSTROPHE_INSIDE + r")(?=[\s,.;:!?]|$)"
)
PLACEHOLDER_RE = re.compile(r"\u00a7(\d+)\u00a7")


def protect_quotes(text: str) -> tuple[str, list[str]]:
    """Replace each quoted name by a one-word placeholder, so its inner words are not read as commands."""
    quoted: list[str] = []

    def keep(match: re.Match[str]) -> str:
        quoted.append((match.group(1) or match.group(2)).strip())
        return f"\u00a7{len(quoted) - 1}\u00a7"

    return QUOTED_RE.sub(keep, text), quoted


def restore_quotes(value: Any, quoted: list[str]) -> Any:
    """Put the quoted names back into every string of the call arguments."""
    if isinstance(value, str):
        return PLACEHOLDER_RE.sub(lambda m: quoted[int(m.group(1))], value)
    if isinstance(value, list):
        return [restore_quotes(v, quoted) for v in value]
    if isinstance(value, dict):
        return {k: restore_quotes(v, quoted) for k, v in value.items()}
    return value


def split_clauses(text: str) -> list[str]:
    """Split an utterance where a new request starts: 'create a course on X and study it ...' -> two clauses."""
    return [c.strip() for c in SPLIT_RE.split(text.strip()) if c and c.strip()]


def parse(text: str, *, now: datetime, timezone: str) -> list[ToolCall]:
    """Read the tool calls in `text`, resolving dates against `now` in the user's IANA `timezone`."""
    tz = ZoneInfo(timezone)
    ctx = Context(now=now.astimezone(tz), tz=tz)
    calls: list[ToolCall] = []
    text, quoted = protect_quotes(text)
    for clause in split_clauses(text):
        clause = LEADING_NOISE.sub("", clause).strip()
        if re.match(r"an?\s+(?:new\s+)?(?:goal|note|course)\b", clause, re.I):
            clause = "create " + clause
        for matcher in MATCHERS:
            found = matcher(clause, ctx)
            if found:
                calls.extend(call for call in found if call not in calls)
                break
        ctx.previous = clause
    return [ToolCall(call.name, restore_quotes(call.arguments, quoted)) for call in calls] if quoted else calls
