"""A change told, then asked to be filed: "my MCAT got pushed to sept 11, can u update the goal" is "push the MCAT
goal to sept 11"."""

from __future__ import annotations

import re

_TOLD_THEN_ASKED = re.compile(
    r"^\W*(?:(?:so|ok|okay|ugh|well)\W+)*(?:my\s+|the\s+|our\s+)?(?P<what>[^,.;!?]{2,40}?)\s+"
    r"(?:got|was|has\s+been|have\s+been|is|are|'s)\s+(?:now\s+)?(?P<verb>pushed|moved|postponed|rescheduled|changed|"
    r"delayed|bumped|brought\s+forward)\s+(?:back\s+|up\s+)?(?:to|until|till)\s+(?P<when>(?:(?!\s+and\s)[^,.;!?])+?)\s*"
    r"(?:[,.;!]+\s*|\s+(?:so|and)\s+)(?:so\s+|and\s+)?(?:(?:can|could|would)\s+(?:you|u)\s+|pls\s+|please\s+)?"
    r"(?:update|change|fix|edit|adjust)\s+(?:the|my|that)\s+(?P<kind>goal|course|exam|block|session)\b"
    r"(?:\s+(?:too|as\s+well|accordingly|then))?\s*(?:pls|please|thx|thanks)?\W*$",
    re.I,
)


def told_then_asked(text: str) -> str:
    """``text`` as the one change it tells and then asks for; else ``text`` unchanged."""
    if not (m := _TOLD_THEN_ASKED.match(text)):
        return text
    what = re.sub(rf"\s+{m['kind']}$", "", m["what"], flags=re.I)  # "my stats exam ..., update the exam"
    if m["kind"].lower() in ("block", "session"):
        what = re.sub(r"\s+(?:class|course|lecture)$", "", what, flags=re.I)  # "my spanish class": its block
    return f"push the {what} {m['kind']} to {m['when']}"
