"""Narrative sentences: what happened, told beside a request, asks for nothing.

"yesterday was a disaster, i went to the library at 2 and ended up scrolling for hours. could you put in a
reading block every morning at 7:30": the first sentence tells a story in the past; its clock and length
belong to no request. A sentence in the past that holds no request word is dropped when another sentence
of the message is a request; a study log ("i finished X yesterday") and a sentence naming one of the
learner's items stay, since a later "it" may point at them.
"""

from __future__ import annotations

import re

from .abstain import IMPERATIVES, STUDY_LOG, form
from .items import STRONG, Known, score

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_PAST_MARK = re.compile(
    r"\b(?:yesterday|last\s+night|earlier\s+today|this\s+morning|the\s+other\s+day|ended\s+up|was|were|went|got|"
    r"had|did|spent|saw|took|made|came|ate|slept|left)\b|\bi\s+\w+ed\b",
    re.I,
)
_ASKING = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\b(?:please|pls|plz)\b|\bi\s+(?:want|wanna|need|'d\s+like)\b|\?",
    re.I,
)


def without_narrative(text: str, known: Known) -> str:
    """``text`` without its narrative sentences when another sentence asks for something; else ``text``."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) < 2:
        return text
    told = [s for s in sentences if _narrative(s, known)]
    rest = [s for s in sentences if s not in told]
    if not told or not any(form(s) == "request" for s in rest):
        return text
    return " ".join(rest)


def _narrative(sentence: str, known: Known) -> bool:
    """Whether the sentence tells what happened and asks for nothing."""
    words = re.findall(r"[a-z']+", sentence.lower())
    if not _PAST_MARK.search(sentence) or _ASKING.search(sentence) or STUDY_LOG & set(words):
        return False
    if any(word in IMPERATIVES for word in words[:1]) or form(sentence) == "request":
        return False
    return not any(score(item.title, sentence) >= STRONG for item in known.items)


# A reason said before "so" and a request: "gym at 5 so put bayes practice at 3:30 today pls".
_REASON_SO = re.compile(
    r"^(?P<reason>[^.?!,;]{1,60}?)\s*,?\s+so\s+(?P<request>(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)?"
    r"(?:put|add|schedule|book|block|move|push|make|create|set\s+up|shift)\b.+)$",
    re.I,
)


_TELLS_ITEM = re.compile(r"\b(?:exams?|finals?|midterms?|tests?|quiz(?:zes)?|goals?|deadlines?|due)\b", re.I)


def without_reason_before_so(text: str) -> str:
    """``text`` without a reason said before "so <request>", when the reason asks for nothing itself."""
    if not (m := _REASON_SO.match(text.strip())) or form(m["reason"]) == "request" or _ASKING.search(m["reason"]):
        return text
    if re.search(r"\b(?:it|that|this|them|there|then)\b", m["request"], re.I) or _TELLS_ITEM.search(m["reason"]):
        return text  # "my exam is friday so make a plan (for it)": the request leans on what the reason tells
    return m["request"]
