"""Two calls that ask opposite things of one item ("make the MCAT goal high priority and also low priority")."""

from __future__ import annotations

import re

from .calls import ToolCall

# The arguments that name the item a call acts on; the others say what it becomes.
_TARGETS = frozenset({"course", "module", "topic", "goal", "task", "block", "note", "exam", "occurrence_date"})
_CHANGES = ("update_", "move_", "date_", "rename_")  # tools that set what an item becomes (not adds or tags)
QUESTION = "You asked for two different things for the same item. Which one should I do?"


# A request and its opposite in one breath: "delete the cheat sheet but also keep it", "mark X done and also not
# done", "cancel X tomorrow but i also wanna do it at 8", "archive X ... but not yet".
_OPPOSITE = re.compile(
    r"\b(?:but|and)\s+(?:also\s+|still\s+|like\s+)*(?:keep\s+(?:it|them|everything)\b(?!\s+(?:at|on|to|in|for|as|from|till|until)\b)|"
    r"not\s+(?:yet|done)\b|"
    r"i\s+(?:also\s+|still\s+)*(?:(?:wanna|want\s+to|need\s+to)\s+(?:keep|do)\s+it|(?:want|need)\s+it)\b)",
    re.I,
)


LONGEST_BLOCK = 16 * 60  # minutes: a longer "study block" is a misread range ("8am to 7am"), not a cram day
TOO_LONG_QUESTION = "That would be a block of more than 16 hours. What time should it start and end?"
# A change asked of a scheduled item, read as a new goal or course ("push the stats exam back").
_CHANGE_AS_TITLE = re.compile(r"^\W*(?:push|move|reschedule|postpone|shift|bump|rename)\b", re.I)


def too_long(calls: list[ToolCall]) -> bool:
    """Whether a call would make a block longer than any study block."""
    return any(
        isinstance(minutes := call.arguments.get("duration_minutes"), int) and minutes > LONGEST_BLOCK for call in calls
    )


def change_as_title(calls: list[ToolCall], text: str) -> bool:
    """Whether a goal or course nobody asked for would be titled by a change asked of something else."""
    return not re.search(r"\b(?:goals?|courses?|aims?)\b", text, re.I) and any(
        call.name in {"create_goal", "create_course"} and _CHANGE_AS_TITLE.match(str(call.arguments.get("title", "")))
        for call in calls
    )


def opposite(text: str) -> bool:
    """Whether the message asks for something and then for its opposite."""
    return bool(_OPPOSITE.search(text))


def contradicting(calls: list[ToolCall]) -> bool:
    """Whether two calls of one changing tool on the same item set one argument to different values."""
    for index, first in enumerate(calls):
        for second in calls[index + 1 :]:
            if first.name != second.name or not first.name.startswith(_CHANGES):
                continue
            target = {k: v for k, v in first.arguments.items() if k in _TARGETS}
            if not target or target != {k: v for k, v in second.arguments.items() if k in _TARGETS}:
                continue
            shared = (set(first.arguments) & set(second.arguments)) - _TARGETS
            if any(first.arguments[key] != second.arguments[key] for key in shared):
                return True
    return False
