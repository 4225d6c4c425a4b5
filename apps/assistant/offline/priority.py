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
    r"\btop\s+priority\b|\b(?:bump|move|put|push)\w*\b[^.!?]{0,30}?\bto\s+the\s+top\b",
    re.I,
)
# "it's not like it's urgent", "isn't really that important": a negation a few words before, in the same clause.
_NEGATED = re.compile(r"\b(?:not|isn't|isnt|doesn't|doesnt|don't|dont|never|no)\b(?:\s+[\w']+){0,4}\s*$", re.I)
_COMPARED = re.compile(r"\b(?:more|less|as|than)\s*$", re.I)  # "my other goal is more urgent": no level
# A question, or a sentence about another goal, says nothing of the new one's priority.
_ASIDE = re.compile(r"\?\s*$|\b(?:other|another|previous|last|old)\s+(?:goal|one)s?\b", re.I)


def spoken_priority(text: str) -> str | None:
    """HIGH or LOW when the text says how much a goal matters without naming a level; None otherwise (or when it
    says both)."""
    said = " ".join(s for s in re.findall(r"[^.!?]+[.!?]*", text) if not _ASIDE.search(s))
    low = bool(_LOW.search(said))
    high = any(
        not _NEGATED.search(said[: m.start()]) and not _COMPARED.search(said[: m.start()]) for m in _HIGH.finditer(said)
    )
    if low == high:
        return None
    return "LOW" if low else "HIGH"


def with_spoken_priority(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """The one new goal of a message, without a priority, takes the one the message says in words outside the
    goal's title."""
    goals = [call for call in calls if call.name == "create_goal"]
    if len(goals) != 1 or "priority" in goals[0].arguments:
        return calls
    title = str(goals[0].arguments.get("title", "")).split(",")[0].strip()  # a comment after a comma may be in it
    outside = re.sub(re.escape(title), " ", text, flags=re.I) if title else text
    if not (level := spoken_priority(outside)):
        return calls
    return [ToolCall(call.name, {**call.arguments, "priority": level}) if call is goals[0] else call for call in calls]
