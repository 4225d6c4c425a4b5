"""Free text as the learner wrote it: the normalisation used for parsing never leaks into titles or contents.

The message is normalised before it is read ("w/" -> "with", "ch 1-5" -> "ch from 1 to 5", misspellings
corrected). A free-text argument read from the normalised message is mapped back to the span of the original
message that normalises to it, and that span is kept word for word.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import Any

from .calls import ToolCall
from .clauses import short_for

# The arguments that carry the learner's own words.
FREE_TEXT = frozenset({"title", "content", "tasks", "fact", "description"})
# Calls whose title is made from the learner's items, not said: an exam's is "<course title> midterm".
_TITLED_FOR_THE_LEARNER = frozenset({"add_exam"})
_WORD = re.compile(r"\w+(?:'\w+)*")
_NEIGHBOURS = 3  # ends tried on each side of the one that would give a span as long as the value
TRIES = 12  # spans normalised at most per value


def _key(text: str) -> str:
    """A text compared without case, punctuation or spacing."""
    return " ".join(_WORD.findall(text.casefold()))


class _Original:
    """The learner's message with each word's normalised form worked out once, however many values are mapped."""

    def __init__(self, text: str, normalise: Callable[[str], str]) -> None:
        self.text, self.key = text, _key(text)
        self._normalise = normalise
        self._seen: dict[str, str] = {}
        self.words = [
            (w.start(), w.end(), w.group(0).casefold(), self.normalised(w.group(0))) for w in _WORD.finditer(text)
        ]

    def normalised(self, span: str) -> str:
        """``_key(normalise(span))``, each distinct span normalised once."""
        if span not in self._seen:
            self._seen[span] = _key(self._normalise(span))
        return self._seen[span]


def _span_of(value: str, original: _Original) -> str | None:
    """The span of the original message that normalises to ``value``, when ``value`` is not in it word for word.

    Spans run from a word saying ``value``'s first word to one saying its last, about as long as ``value``; those
    sharing most of its words are tried first, at most ``TRIES`` of them, so a long message costs a few
    normalisations, not one per pair of words.
    """
    wanted = _key(value)
    if not wanted or wanted in original.key:
        return None
    first, last = wanted.split()[0], wanted.split()[-1]

    def said(word: str, normalised: str, target: str) -> bool:  # "prob" may say "probability" ("prob & stats")
        return word == target or normalised.split()[-1:] == [target] or short_for(word, target)

    starts = [start for start, _, word, normalised in original.words if said(word, normalised, first)]
    ends = [end for _, end, word, normalised in original.words if said(word, normalised, last)]
    candidates: set[tuple[int, int]] = set()
    for start in starts:
        nearest = bisect.bisect_left(ends, start + len(value))
        candidates.update(
            (start, end) for end in ends[max(0, nearest - _NEIGHBOURS) : nearest + _NEIGHBOURS] if end > start
        )
    wanted_words = set(wanted.split())

    def likeness(pair: tuple[int, int]) -> tuple[float, int, tuple[int, int]]:
        said_words = set(_key(original.text[pair[0] : pair[1]]).split())
        shared = len(wanted_words & said_words) / len(wanted_words | said_words)
        return -shared, abs(pair[1] - pair[0] - len(value)), pair

    for start, end in sorted(candidates, key=likeness)[:TRIES]:
        if original.normalised(original.text[start:end]) == wanted:
            return original.text[start:end]
    return None


def _kept(value: Any, original: _Original) -> Any:
    if isinstance(value, str):
        return _span_of(value, original) or value
    if isinstance(value, list):
        return [_kept(each, original) for each in value]
    return value


def verbatim(calls: list[ToolCall], original: str, normalise: Callable[[str], str]) -> list[ToolCall]:
    """``calls`` with each free-text argument in the learner's own words where the message has them."""
    if not any(key in FREE_TEXT for call in calls for key in call.arguments):
        return calls
    message = _Original(original, normalise)
    return [
        ToolCall(
            call.name,
            {
                key: _kept(value, message) if key in FREE_TEXT and call.name not in _TITLED_FOR_THE_LEARNER else value
                for key, value in call.arguments.items()
            },
        )
        for call in calls
    ]
