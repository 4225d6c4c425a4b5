"""Asides that say why now, not what to do: "before i forget", "while i remember", "so i don't forget", "lol".

"quick note before i forget, call it X: Y" asks for a note; its "forget" asks nothing to be forgotten. The aside
is dropped before the message is read.
"""

from __future__ import annotations

import re

from .abstain import IMPERATIVES

_ASIDE = re.compile(
    r"[,\s]*\b(?:before\s+i\s+forget(?:\s+(?:it|this|that))?|(?:so|just\s+so)\s+i\s+(?:don'?t|do\s+not|won'?t)\s+forget"
    r"(?:\s+(?:it|this|that))?|while\s+i\s+(?:remember|think\s+of\s+it)|while\s+it'?s\s+(?:fresh|on\s+my\s+mind))\b",
    re.I,
)


# A count of the requests to come: "2 things: ...", "a couple of things - ...".
_COUNT_OF_REQUESTS = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|hi|right)\W+)*(?:\d|two|three|four|a\s+(?:couple|few))\s+(?:of\s+)?"
    r"(?:quick\s+)?(?:things?|requests?|stuff)\s*(?:pls|please)?\s*[:;.\u2013\u2014-]+\s*",
    re.I,
)


# A laugh or sigh closing the message, and the few words of remark after it: "... lol not happening", "... 7am lol".
# Lower case or all capitals, never a name ("my sister is called Lol").
_LAUGH = "lol+|lmao|haha+|hehe+|ugh+|smh|oof|welp|rip"
_LAUGH_AT_END = re.compile(
    rf"(?<!called)(?<!named)[\s,.!]+(?:{_LAUGH}|{_LAUGH.upper()})(?P<remark>(?:\s+[A-Za-z']+){{0,4}})[\s.!]*$"
)


# What makes the words before a laugh a request: a number or clock, or the kind of item acted on.
_CONCRETE = re.compile(r"\d|\b(?:goal|block|course|note|topic|module|task|exam|final|midterm|session|timer)s?\b", re.I)


# Words in the remark after a laugh that take the request back or hedge it: "... lol jk", "... haha nope", "lol idk".
_TAKEN_BACK_WORDS = "no nope nah not jk kidding idk wait nvm never maybe mind actually dont don't yet sure unless or"
_TAKEN_BACK = frozenset(_TAKEN_BACK_WORDS.split())


def without_asides(text: str) -> str:
    """``text`` without the asides that only say why it is asked now, how many requests follow, or how the learner
    laughs or sighs at its end."""
    text = _COUNT_OF_REQUESTS.sub("", _ASIDE.sub("", text)).strip()
    laugh = _LAUGH_AT_END.search(text)
    if (
        laugh
        and _CONCRETE.search(text[: laugh.start()])
        and not any(word.lower() in IMPERATIVES or word.lower() in _TAKEN_BACK for word in laugh["remark"].split())
    ):
        return text[: laugh.start()]
    return text  # "whatever its over now lol": with nothing concrete before it, the laugh says it is chatter


# A message that ends by taking itself back: "delete the stats course lol jk", "cancel orgo review, nvm".
_TAKEN_BACK_AT_END = re.compile(
    r"\b(?:jk|j/k|just\s+kidding|kidding|nvm|never\s*mind|no\s+wait,?\s+(?:don'?t|do\s+not))\W*$", re.I
)


def taken_back(text: str) -> bool:
    """Whether the message ends by taking back what it asked: then nothing is done."""
    return bool(_TAKEN_BACK_AT_END.search(text))
