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


def without_asides(text: str) -> str:
    """``text`` without the asides that only say why it is asked now, how many requests follow, or how the learner
    laughs or sighs at its end."""
    text = _COUNT_OF_REQUESTS.sub("", _ASIDE.sub("", text)).strip()
    laugh = _LAUGH_AT_END.search(text)
    if laugh and laugh.start() > 0 and not any(word.lower() in IMPERATIVES for word in laugh["remark"].split()):
        return text[: laugh.start()]
    return text
