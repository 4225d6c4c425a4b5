"""A note whose title is given apart from its content: "write this down - X. call it T", "call it 'T'. content: X".

The learner writes down what the note says and names it in another sentence, before or after ("..., title it T",
"call it T. content: X"). Both are read as "make a note called T: X" (the note's content without the lead
that asked to write it down).
"""

from __future__ import annotations

import re

# What asks to write a note down, before its content: "write this down (before i forget) -", "write down for orgo:".
_LEAD = (
    r"^\W*(?:(?:ok|okay|so|hey|pls|please|can\s+you|could\s+you|i\s+should(?:\s+probably)?|let\s+me|lemme)\s+)*"
    r"(?:write|jot|note|put|save|take)\s+(?:this|that|it)?\s*down(?:\s+(?P<course>for\s+[\w&+' -]{2,30}?))?"
    r"(?:\s+before\s+i\s+forget)?(?:\s+(?:lol|lmao|haha))?\s*[:\u2013\u2014-]+\s*"
    r"|^\W*(?:quick\s+)?note(?:\s+(?P<course2>for\s+[\w&+' -]{2,30}?))?\s*[:\u2013\u2014-]+\s*"
)
_TITLE_AFTER = re.compile(
    rf"(?:{_LEAD})(?P<content>\S.*?)\s*[.;!]\s*(?:and\s+)?(?:call|title|name)\s+it\s+(?:as\s+)?"
    r"[\"'\u201c\u2018]?(?P<title>[^\"'\u201d\u2019.!?]{2,60}?)[\"'\u201d\u2019]?\W*$",
    re.I,
)
_TITLE_FIRST = re.compile(
    r"^\W*(?:(?:pls|please)\s+)?(?:call|title|name)\s+it\s+[\"'\u201c\u2018]?(?P<title>[^\"'\u201d\u2019.!?:]{2,60}?)"
    r"[\"'\u201d\u2019]?\s*[.;,]\s*(?:the\s+)?(?:content|body|text)\s*[:\u2013\u2014-]\s*(?P<content>\S.*)$",
    re.I,
)


def titled_note(text: str) -> str:
    """The text with a note named in another sentence said as "make a note called T: X"."""
    if m := _TITLE_AFTER.match(text):
        course = m["course"] or m["course2"]
        place = f" {course}" if course else ""
        return f"make a note called {m['title'].strip()}{place}: {m['content']}"
    if m := _TITLE_FIRST.match(text):
        return f"make a note called {m['title'].strip()}: {m['content']}"
    return text
