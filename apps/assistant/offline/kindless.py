"""A removal (or a move, or a rename) of "the X thing", or a removal by a bare short name ("cancel orgo"): no
kind said, and X names items of several kinds ("delete the spanish thing" with a Spanish course and a Spanish
practice block), none by its whole title. Which one is asked, naming them; nothing is proposed."""

from __future__ import annotations

import re

from .items import FILLER, KINDS, Item, Known, mentions, tokens

_KINDLESS_REMOVAL = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|um+|just|please|pls|can\s+(?:you|u)|could\s+(?:you|u)|"
    r"i\s+(?:wanna|want\s+to|need\s+to|have\s+to|gotta|'d\s+like\s+to|would\s+like\s+to))\W+)*"
    r"(?:delete|remove|drop|scrap|trash|erase|ditch|get\s+rid\s+of)\s+(?:the|my|that|this)\s+"
    r"(?P<what>[\w&+'-]+(?:\s+[\w&+'-]+){0,3}?)\s+(?:thing|stuff|one|item|entry)s?"
    r"(?:\W*(?:pls|please|thx|thanks)?\W*$|\s*[,;.!\u2013\u2014-]\s*\S.*$)",  # "..., im dropping it": a reason after
    re.I,
)
# A bare removal by a short name ("cancel orgo", "delete spanish pls"): no kind, no article, nothing else said.
_BARE_REMOVAL = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|um+|just|please|pls|can\s+(?:you|u)|could\s+(?:you|u))\W+)*"
    r"(?:cancel|delete|remove|drop|scrap|trash|erase|ditch|get\s+rid\s+of)\s+(?:my\s+)?"
    r"(?P<what>(?!\S+\s+(?:course|class|block|session|note|goal|task|topic|module|exam|final|midterm|test)s?\b)[\w&+'/-]+(?:\s+[\w&+'/-]+)?)"
    r"\W*(?:pls|please|thx|thanks|lol|ugh)?\W*$",
    re.I,
)
# A move of "the X thing" ("move the problem set thing to saturday"): the same vagueness as a removal's.
_KINDLESS_MOVE = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|um+|just|please|pls|can\s+(?:you|u)|could\s+(?:you|u))\W+)*"
    r"(?:move|push|shift|reschedule|bump)\s+(?:the|my|that|this)\s+"
    r"(?P<what>[\w&+'-]+(?:\s+[\w&+'-]+){0,3}?)\s+(?:thing|stuff)s?\b",
    re.I,
)
# A rename of "the X thing" ("rename my spanish thing to ..."): which item gets the new name is as vague.
_KINDLESS_RENAME = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|um+|just|please|pls|can\s+(?:you|u)|could\s+(?:you|u))\W+)*"
    r"(?:rename|re-name|retitle|change\s+the\s+(?:name|title)\s+of)\s+(?:the|my|that|this)\s+"
    r"(?P<what>[\w&+'-]+(?:\s+[\w&+'-]+){0,3}?)\s+(?:thing|stuff|one|item)s?\b",
    re.I,
)
_LISTED = 4
_MOVABLE = ("block", "task", "goal")


def kindless_removal_question(text: str, known: Known, *, previous: str) -> str:
    """The question naming the items of different kinds a kindless removal could mean; "" for any other message,
    or after a previous message ("cancel the spanish one" after a listing points into it; "cancel" is a block's)."""
    moved = _KINDLESS_MOVE.match(text)
    match = (
        _KINDLESS_REMOVAL.match(text.strip())
        or _BARE_REMOVAL.match(text.strip())
        or moved
        or _KINDLESS_RENAME.match(text)
    )
    if not match or previous:
        return ""
    kinds = _MOVABLE if match is moved else KINDS  # a course has no time to move to
    found = [first for kind in kinds for first in mentions(kind, match["what"], known)[:1]]
    named = [item for _, item in found]
    if len({item.kind for item in named}) < 2 or any(_wholly(value, item) for value, item in found):
        return ""  # "cancel orgo review" names the block by its whole title
    listed = " or ".join(f"the {item.kind} “{item.title}”" for item in named[:_LISTED])
    return f"Which do you mean: {listed}?"


def _wholly(value: float, item: Item) -> bool:
    """Whether a mention's score covers every word of the item's title that counts."""
    return value >= len([word for word in tokens(item.title) if word not in FILLER])
