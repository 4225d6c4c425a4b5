"""A change told, then asked to be filed: "my MCAT got pushed to sept 11, can u update the goal" is "push the MCAT
goal to sept 11"; a change of plan told, then a removal asked: "im switching X to evenings so delete the sunday block"
is "delete the sunday X"."""

from __future__ import annotations

import re

from .dates import WD

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


# A change of plan told first, then a removal asked: "im switching lin alg psets to weekday evenings so just delete the
# sunday block completely". The plan is why; the removal is the request.
_PLAN_THEN_REMOVAL = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|well|ugh|yeah|honestly)\W+)*(?:i'?m|im|i\s+am|i'?ve|ive|i\s+have|i)\s+(?:just\s+|now\s+)?"
    r"(?:switching|switched|moving|moved|changing|changed|shifting|shifted)\s+(?P<what>[^,.;!?]{2,40}?)\s+"
    r"(?:to|into|over\s+to)\s+[^,.;!?]+?(?:\s*[,.;!]+\s*|\s+)(?:(?:so|and|which\s+means)\s+)?"
    r"(?:(?:just|pls|please|you\s+can|u\s+can|can\s+you|can\s+u)\s+)*"
    r"(?P<removal>(?:delete|remove|cancel|drop|scrap|get\s+rid\s+of|clear|ditch|trash)\b.*)$",
    re.I,
)
# What the removal calls the item the plan moves: "it", "the sunday block", "the thursday one".
_IT = re.compile(rf"\b(?:it|that|them)\b|\b(?P<the>the|my)\s+(?P<day>{WD}s?\s+)?(?:block|session|slot|one)\b", re.I)


def removal_after_plan(text: str) -> str:
    """``text`` as the removal asked after a change of plan told, what it calls the item the plan moves said as that
    item ("delete the sunday block": "delete the sunday lin alg psets")."""
    if not (m := _PLAN_THEN_REMOVAL.match(text)):
        return text
    return _IT.sub(lambda it: f"{it['the']} {it['day'] or ''}{m['what']}" if it["the"] else m["what"], m["removal"], 1)
