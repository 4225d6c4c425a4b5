"""Small string helpers for reading names and titles out of a clause."""

from __future__ import annotations

import re

LEADING_NOISE = re.compile(
    r"^(?:(?:please|can you|could you|would you|will you|can we|could we|can u|now|then|also|and|just|"
    r"first(?:ly)?|finally|lastly)\b[\s,]*)+",
    re.I,
)
ARTICLES = re.compile(r"^(?:(?:the|a|an|my|all my|all of my|all the|our|some)\s+)+", re.I)
TRAILING = re.compile(r"[\s,.;:!?'\"]+$")
SERIES_HEAD = re.compile(
    r"^(?:(?:all|every|each|remaining|upcoming|future|the\s+rest\s+of(?:\s+the|\s+my)?)\s+)+", re.I
)
SERIES_TAIL = re.compile(
    r"\s+(?:for\s+good|from\s+now\s+on|permanently|altogether|entirely|completely|going\s+forward)$", re.I
)
# A vague head after a subject: "the preterite imperfect thing", "the subjunctive stuff".
VAGUE_HEAD = re.compile(r"\s+(?:thing|things|stuff|etc|business)\W*$", re.I)
BLOCK_WORDS = re.compile(r"\s+(?:study\s+)?(?:sessions?|blocks?|slots?)$", re.I)


def squash(text: str) -> str:
    """Collapse whitespace and trim trailing punctuation and quotes."""
    text = re.sub(r"\s+", " ", text).strip().strip("\"'\u201c\u201d\u2018\u2019")
    return TRAILING.sub("", text).strip()


def clean_name(text: str) -> str:
    """A reference to an existing object: without articles, quotes, a trailing 'please' or punctuation."""
    text = re.sub(r"\s+(?:please|pls|plz|thanks|thank\s+you|for\s+me|for\s+myself)\W*$", "", squash(text), flags=re.I)
    text = ARTICLES.sub("", text)
    return squash(text)


def block_name(text: str) -> str:
    """A schedule block reference: a name without 'session'/'block', articles, 'remaining' or 'for good'."""
    text = SERIES_TAIL.sub("", clean_name(text))
    text = SERIES_HEAD.sub("", clean_name(text))
    return clean_name(BLOCK_WORDS.sub("", clean_name(text)))


def capitalize(text: str) -> str:
    """Upper-case the first letter only."""
    return text[:1].upper() + text[1:]


def split_list(text: str) -> list[str]:
    """Split 'A, B and C' (or 'A + B', 'A, then B') into ['A', 'B', 'C']."""
    parts = re.split(r"\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s*;\s*|\s+\+\s+", squash(text))
    return [squash(p) for p in parts if squash(p)]


def first_words(text: str, count: int = 6) -> str:
    """The first `count` words of a text, used as a default note title."""
    return squash(" ".join(text.split()[:count]))


# A statement after a new note's title and a comma is what the note says ("named T, prof said only ch 1-4"); a
# question, a request, a joined clause or the learner's own doing is not ("called T, is that ok?", ", then remind me").
SAYS_SOMETHING = (
    r"(?!\s*(?:and|then|also|plus|so|but|or|remind|is|are|can|could|will|would|should|do|does|did|i|i'm|im|i've|"
    r"ive|i'll|pls|please|thanks|thx|ok|okay)\b)(?![^.!]*\?)(?=[^.!?]*\b(?:is|are|was|were|said|says|has|have|my|we)\b)"
)


# A capitalised new name (small joining words aside), then a lower-case remark after a comma: "World History II, new
# semester", "Pass the MCAT in May, got the date".
_CAPITALISED = r"[A-Z0-9][\w'&+.-]*"
_LOWER_REMARK = re.compile(
    rf"^(?P<name>{_CAPITALISED}(?:\s+(?:(?:the|of|in|to|for|and|a|an|on|at|vs)\s+)*{_CAPITALISED})*)\s*,\s*[a-z][^A-Z]*$"
)


def without_lower_remark(name: str) -> str:
    """A new name written capitalised without the lower-case words after its comma, which tell why ("World History
    II, new semester"); a name in lower case keeps everything, its end unknown."""
    said = _LOWER_REMARK.match(name.strip())
    return said["name"] if said else name
