"""Why a read is asked, said after it: "show my plan for the next 3 days, i need to fit in a dentist appt".

A need of the learner's own said after a request ("..., need a confidence boost", "..., i need motivation lol") is
why they ask, not a second request: it is dropped before the message is read, unless it names something the app
keeps (a goal, a block, time ...).

A wish said after a request to read ("..., i need to X", "..., cuz i have to X") tells why the learner reads;
it is no new goal. A goal read from such a wish beside a read is left out (the learner may ask for it plainly).
"""

from __future__ import annotations

import re

from .abstain import READ_ONLY
from .calls import ToolCall

_WISH_AFTER = re.compile(
    r"[,;.!-]+\s*(?:(?:because|cuz|coz|bc|since|as)\s+)?(?:i\s+|i'?ll\s+|i'?m\s+)?"
    r"(?:need|have|want|got|gotta|wanna|going|gonna|trying)\b",
    re.I,
)


def without_reason_goal(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """The calls without a goal read from a wish said after a read request (the reason for reading)."""
    if not calls or calls[0].name not in READ_ONLY or not _WISH_AFTER.search(text):
        return calls
    return [call for call in calls if call.name != "create_goal"]


_NEED_AFTER = re.compile(
    r"\s*[,;.!-]+\s*(?:(?:because|cuz|coz|bc)\s+)?(?:i\s+)?(?:really\s+)?(?:need|could\s+use)\s+"
    r"(?:a|an|some|the)?\s*(?P<need>[\w' -]{2,30}?)\s*(?:lol|haha|tbh|ngl|rn|today|right\s+now)?\W*$",
    re.I,
)
_KEPT = re.compile(
    r"\b(?:goals?|blocks?|courses?|class(?:es)?|notes?|tasks?|topics?|modules?|exams?|cards?|flash\s*cards?|quiz\w*|"
    r"decks?|sessions?|plan|time|hours?|mins?|minutes?|reminders?|to|summar\w*|recs?|resources?|reports?|review\w*|"
    r"help|questions?|list|of|on|for|about)\b",
    re.I,
)
# What may come before a need that is a request of its own: a greeting or filler ("hi, i need a summary of X").
_ONLY_OPENERS = re.compile(r"^\W*(?:(?:hi|hey|hello|yo|ok(?:ay)?|so|um+|uh+|well|also|and|btw)\W*)*$", re.I)


def without_need_after(text: str) -> str:
    """``text`` without a need of the learner's own said after the request ("..., need a confidence boost")."""
    need = _NEED_AFTER.search(text)
    if need is None or _ONLY_OPENERS.match(text[: need.start()]) or _KEPT.search(need["need"]):
        return text
    return text[: need.start()]
