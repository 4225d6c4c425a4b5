"""Free text as the learner wrote it: the normalisation used for parsing never leaks into titles or contents.

The message is normalised before it is read ("w/" -> "with", "ch 1-5" -> "ch from 1 to 5", misspellings
corrected). A free-text argument read from the normalised message is mapped back to the span of the original
message that normalises to it, and that span is kept word for word.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from .calls import ToolCall

# The arguments that carry the learner's own words.
FREE_TEXT = frozenset({"title", "content", "tasks"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_LONGEST_GROWTH = 3  # a span is at most this many times the length of the value it normalised to (plus a little)


def _key(text: str) -> str:
    """A text compared without case, punctuation or spacing."""
    return " ".join(_WORD.findall(text.casefold()))


def _span_of(value: str, original: str, normalise: Callable[[str], str]) -> str | None:
    """The span of ``original`` that normalises to ``value``, when ``value`` is not in it word for word."""
    wanted = _key(value)
    if not wanted or wanted in _key(original):
        return None
    first, last = wanted.split()[0], wanted.split()[-1]
    words = list(_WORD.finditer(original))

    def said(word: str, target: str) -> bool:
        return word.casefold() == target or _key(normalise(word)).split()[-1:] == [target]

    starts = [w.start() for w in words if said(w.group(0), first)]
    ends = [w.end() for w in words if said(w.group(0), last)]
    for start in starts:
        for end in ends:
            span = original[start:end]
            if end > start and len(span) <= _LONGEST_GROWTH * len(value) + 10 and _key(normalise(span)) == wanted:
                return span
    return None


def _kept(value: Any, original: str, normalise: Callable[[str], str]) -> Any:
    if isinstance(value, str):
        return _span_of(value, original, normalise) or value
    if isinstance(value, list):
        return [_kept(each, original, normalise) for each in value]
    return value


def verbatim(calls: list[ToolCall], original: str, normalise: Callable[[str], str]) -> list[ToolCall]:
    """``calls`` with each free-text argument in the learner's own words where the message has them."""
    return [
        ToolCall(
            call.name,
            {
                key: _kept(value, original, normalise) if key in FREE_TEXT else value
                for key, value in call.arguments.items()
            },
        )
        for call in calls
    ]
