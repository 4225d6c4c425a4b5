"""Why a read is asked, said after it: "show my plan for the next 3 days, i need to fit in a dentist appt".

A need of the learner's own said after a request ("..., need a confidence boost", "..., i need motivation lol") is
why they ask, not a second request: it is dropped before the message is read, unless it names something the app
keeps (a goal, a block, time ...).

A wish said after a request to read ("..., i need to X", "..., cuz i have to X") tells why the learner reads;
it is no new goal. A goal read from such a wish beside a read is left out (the learner may ask for it plainly).
"""

from __future__ import annotations

import re

from .abstain import READ_ONLY, form
from .calls import ToolCall
from .dates import WD

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


# A reason said after a move, with its own time or day: "move X to 9:30, i have an 8am lab", "push X to 7 cuz my
# lab runs till 6", "move X to 7 - got a call on friday", "move X to 10, gonna be a late night". Its time is what the
# learner works around, not the target.
_OBSTACLE_AFTER = re.compile(
    r"(?:\s*[,;.!?]+\s*|\s+[-\u2013\u2014]+\s+|\s+(?=(?:because|cuz|coz|cause|bc|since)\s))"
    r"(?:(?:because|cuz|coz|cause|bc|since|as)\s+)?"
    r"(?:i\s+have|i'?ve\s+got|ive\s+got|i\s+got|got|i\s+am|i'?m|im|i'?ll\s+be|ill\s+be|i\s+will\s+be|"
    r"there'?s|there\s+is|(?:it'?s\s+|its\s+)?(?:gonna|going\s+to)\s+be|"
    r"my\s+[\w' ]{1,25}?\s+(?:is|starts|runs|ends|goes))"
    r"\b(?P<reason>[^,;.!?]*)\W*$",
    re.I,
)
_MOVE = re.compile(r"\b(?:move|moving|reschedule|push|shift|bump|postpone|bring)\b", re.I)  # "move X to 9:30"
# A time or day in the reason: "8am", "at 6", "on friday", "tomorrow", "a late night".
_WHEN_IN_REASON = re.compile(
    rf"\d|\b(?:today|tonight|tomorrow|tmrw|tmr|morning|noon|evening|night|late|early|{WD})\b", re.I
)
# A reason that says when the learner can ("..., i'm free at 9", "..., 9 works better", "..., i'll do it at 8
# instead"): the target, kept.
_FREE_THEN = re.compile(r"\b(?:free|open|available|works?|better|easier|instead|do(?:ing)?\s+it)\b", re.I)


def without_obstacle_after(text: str) -> str:
    """``text`` without a reason said after a move that gives its own time or day ("move X to 9:30, i have an 8am
    lab": "move X to 9:30"), unless it says when the learner is free."""
    reason = _OBSTACLE_AFTER.search(text)
    if (
        reason is None
        or not _MOVE.search(text[: reason.start()])
        or not _WHEN_IN_REASON.search(reason["reason"])
        or _FREE_THEN.search(reason["reason"])
    ):
        return text
    return text[: reason.start()]


# A block's new length: "shorten X to 30 mins", "trim X down to 45 min", "make X 90 min", "cut X to an hour".
_RESIZED = re.compile(
    r"\b(?:shorten|lengthen|extend|trim|cut|reduce|shrink|(?:make|change|set)(?!\s+(?:a|an|me|new|another)\b))\b"
    r"[^,;.!?]*?\s"
    r"(?:\d+(?:\.\d+)?\s*(?:min(?:ute)?s?|hours?|hrs?|h)|an?\s+hour|half\s+an\s+hour)\b",
    re.I,
)
# Why, said after it: "..., 1 hr every day is too much", "... - it drags", "..., i'm always tired by then".
_REMARK_AFTER = re.compile(r"\s*(?:[,;.!]+|\s[-\u2013\u2014]+)\s*(?P<remark>\S.*)$")
# What makes a remark of it: a verb of being, the learner, or "too": "it drags", "it's too long", "i get bored".
_REMARKED = re.compile(
    r"\b(?:is|are|was|were|'s|feels?|seems?|gets?|drags?|too|i|i'm|im|i've|ive|my|cuz|because|since|bc)\b", re.I
)


def without_reason_after_resize(text: str) -> str:
    """``text`` without why a block's new length is asked, said after it ("shorten X to 30 mins, 1 hr every day is
    too much": "shorten X to 30 mins"); a request after it stays."""
    resized = _RESIZED.search(text)
    reason = _REMARK_AFTER.search(text, resized.end()) if resized else None
    if reason is None or not _REMARKED.search(reason["remark"]) or form(reason["remark"]) in ("request", "question"):
        return text
    return text[: reason.start()]
