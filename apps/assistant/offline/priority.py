"""A goal's priority said in words rather than as a level: "this one really matters to me" is HIGH, "not urgent
tbh" is LOW."""

from __future__ import annotations

import re

from .calls import ToolCall

_LOW = re.compile(
    r"\b(?:not\s+(?:(?:that|very|super|really|too)\s+)?(?:urgent|important|pressing|a\s+priority)|"
    r"no\s+(?:rush|hurry)|nice\s+to\s+have|whenever\s+i\s+(?:can|get\s+(?:to|around\s+to)\s+it))\b",
    re.I,
)
_HIGH = re.compile(
    r"\b(?:(?:really|truly|so|very)\s+)?matters?\s+(?:a\s+lot|so\s+much|the\s+most|most)\b|"
    r"\b(?:really|truly)\s+matters?\b|"
    r"\b(?:really|very|super|so|extremely|incredibly)\s+important\b|\bmost\s+important\b|\bcrucial\b|\burgent\b|"
    r"\btop\s+priority\b|\bto\s+the\s+top\b",
    re.I,
)
_NEGATED = re.compile(r"\b(?:not|isn't|isnt|doesn't|doesnt|don't|dont|never)\b(?:\W+\w+){0,2}\W*$", re.I)


def spoken_priority(text: str) -> str | None:
    """HIGH or LOW when the text says how much a goal matters without naming a level; None otherwise."""
    if _LOW.search(text):
        return "LOW"
    if (m := _HIGH.search(text)) and not _NEGATED.search(text[: m.start()]):
        return "HIGH"
    return None


def with_spoken_priority(call: ToolCall, text: str) -> ToolCall:
    """A new goal without a priority takes the one the message says in words."""
    if call.name != "create_goal" or "priority" in call.arguments or not (level := spoken_priority(text)):
        return call
    return ToolCall(call.name, {**call.arguments, "priority": level})
