"""A remark after a request, telling what others do with the item: "remove X from orgo, prof cut it from the
syllabus", "take X off the course, we're not covering it this year".

The remark is said by someone else (we, they, the prof, the class) and points back at the request's item ("it",
"them"); it asks for nothing, and its "it" would otherwise be read as another reference (the course named last).
It is dropped when what is left is a request.
"""

from __future__ import annotations

import re

from .abstain import form

_OTHERS_SAY = re.compile(
    r"\s*[,;]\s*(?:(?:cause|cuz|coz|bc|because|since|as)\s+)?(?:(?:my|our|the)\s+)?"
    r"(?:we|they|prof|professor|teacher|instructor|lecturer|ta|tutor|advisor|class|school|uni|department)"
    r"(?:'re|'ve|'ll|'d)?\s+(?P<rest>[^,;.!?]*)[.!]*\s*$",
    re.I,
)
_POINTS_BACK = re.compile(r"\b(?:it|them|that\s+one)\b", re.I)
# "write a note named midterm scope, prof said only ch 1-4 are on it": what a note says, not a remark about it.
_NAMED_NOTE = re.compile(r"\bnote\b.*\b(?:called|named|titled)\s+\S[^,;]*$", re.I)
_ASKS = re.compile(r"\b(?:you|u|pls|please|plz|can|could|would)\b|\?", re.I)


def without_others_remark(text: str) -> str:
    """``text`` without a closing remark of what others do with the request's item, when the rest is a request."""
    match = _OTHERS_SAY.search(text)
    if not match or not _POINTS_BACK.search(match["rest"]) or _ASKS.search(match["rest"]):
        return text
    head = text[: match.start()]
    return head if form(head) == "request" and not _NAMED_NOTE.search(head) else text
