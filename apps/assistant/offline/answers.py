"""A reply that only picks an item ("the linear algebra one") answers which item the previous request meant.

"add a task to my goal: read chapter 4" then "the linear algebra one": the previous request again, its
"my goal" now the goal the reply names. The reply is matched against each kind the previous message said
with an indefinite or possessive reference ("a note", "my goal", "one of my notes"); the first kind whose
items the reply names decides: one item gives the previous request naming that item, several
give the items to ask between.
"""

from __future__ import annotations

import re

from .items import Item, Known, resolve

# "the linear algebra one", "the one about krebs", "oh, the mcat one please".
_PICKED = re.compile(
    r"^\W*(?:(?:oh|ok|okay|um+|uh+|hmm+|er+|well|i\s+mean|sorry)\W+)*(?:the\s+)?"
    r"(?:(?P<before>(?:[\w+'-]+\s+){0,4}?[\w+'-]+)\s+one|one\s+(?:about|on|for|with|called)\s+(?P<after>[^.!?]+?))"
    r"(?:\W+(?:please|pls|plz|thanks|thx))?\W*$",
    re.I,
)
_VAGUE_REFERENCE = re.compile(
    r"\b(?:a|an|one\s+of\s+my|one\s+of\s+the|some|my|the)\s+(course|module|topic|goal|task|block|note)s?\b", re.I
)


def picked(text: str) -> str | None:
    """The words that pick the item, when the text only picks one ("the X one"); ``None`` otherwise."""
    match = _PICKED.match(text)
    if not match:
        return None
    return match["before"] or match["after"]


def answered(previous: str, words: str, known: Known) -> tuple[str, list[Item]]:
    """The previous request with its vague reference replaced by the item ``words`` names ("" when no kind it
    said is named), and the candidates to ask between when several are named equally."""
    for reference in _VAGUE_REFERENCE.finditer(previous):
        found = resolve(reference[1].lower(), words, known)
        if found.item is not None:
            title = f"my {found.item.title} {found.item.kind}"  # unquoted: a quote would be read as a new title
            return f"{previous[: reference.start()]}{title}{previous[reference.end() :]}", []
        if found.candidates:
            return "", list(found.candidates)
    return "", []
