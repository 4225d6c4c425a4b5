"""A removal of "the X thing": no kind said, and X names items of several kinds ("delete the spanish thing" with a
Spanish course and a Spanish practice block). Which one is asked, naming them; nothing is proposed."""

from __future__ import annotations

import re

from .items import KINDS, Known, mentions

_KINDLESS_REMOVAL = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|um+|just|please|pls|can\s+(?:you|u)|could\s+(?:you|u))\W+)*"
    r"(?:delete|remove|drop|scrap|trash|erase|ditch|get\s+rid\s+of)\s+(?:the|my|that|this)\s+"
    r"(?P<what>[\w&+'-]+(?:\s+[\w&+'-]+){0,3}?)\s+(?:thing|stuff|one|item|entry)s?\W*(?:pls|please|thx|thanks)?\W*$",
    re.I,
)
_LISTED = 4


def kindless_removal_question(text: str, known: Known, *, previous: str) -> str:
    """The question naming the items of different kinds a kindless removal could mean; "" for any other message,
    or after a previous message ("cancel the spanish one" after a listing points into it; "cancel" is a block's)."""
    match = _KINDLESS_REMOVAL.match(text.strip())
    if not match or previous:
        return ""
    named = [item for kind in KINDS for _, item in mentions(kind, match["what"], known)[:1]]
    if len({item.kind for item in named}) < 2:
        return ""
    listed = " or ".join(f"the {item.kind} “{item.title}”" for item in named[:_LISTED])
    return f"Which do you mean: {listed}?"
