"""Asking for the list of one's own courses or goals ("what are my courses?", "show my goals")."""

from __future__ import annotations

import re

from .calls import ToolCall
from .context import Context

_KIND = r"(courses|classes|subjects|goals)"
_LIST_OWN = re.compile(
    r"^(?:(?:hey|ok|okay|so|um+|yo|and)[,\s]+)*(?:can\s+(?:you|u)\s+|could\s+(?:you|u)\s+|pls\s+|please\s+)?"
    r"(?:"
    rf"(?:what|which)\s+(?:are|r|were)\s+(?:all\s+)?(?:of\s+)?my\s+(?:current\s+|active\s+|open\s+)?{_KIND}"
    rf"|(?:what|which)\s+(?:current\s+|active\s+)?{_KIND}\s+(?:do\s+i\s+have|am\s+i\s+(?:taking|doing|in|on|enrolled\s+in))"
    rf"|(?:show|list|see|view|display|give|tell)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:current\s+|active\s+)?{_KIND}"
    rf"|(?:all\s+)?my\s+{_KIND}"
    r")\s*(?:please|pls|plz)?[\s?.!]*$",
    re.I,
)


def match_list_own(clause: str, ctx: Context) -> list[ToolCall] | None:
    """A request for the list itself, naming no item: courses with their progress, or the open goals."""
    match = _LIST_OWN.match(clause.strip())
    if not match:
        return None
    kind = next(group for group in match.groups() if group).lower()
    return [ToolCall("list_goals", {})] if kind == "goals" else [ToolCall("get_progress", {})]
