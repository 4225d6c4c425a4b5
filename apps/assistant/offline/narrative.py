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

# A sentence ends at a stop, not at an abbreviation's dot ("list my exams incl. the ones i took", "e.g. stats").
_SENTENCE_END = re.compile(
    r"(?<=[.!?])(?<!\bincl\.)(?<!\bvs\.)(?<!\besp\.)(?<!\bapprox\.)(?<!\be\.g\.)(?<!\bi\.e\.)\s+", re.I
)
_PAST_MARK = re.compile(
    r"\b(?:yesterday|last\s+night|earlier\s+today|this\s+morning|the\s+other\s+day|ended\s+up|was|were|went|got|"
    r"had|did|spent|saw|took|made|came|ate|slept|left)\b|\bi\s+\w+ed\b",
    re.I,
)
_ASKING = re.compile(
    r"\b(?:can|could|would|will)\s+(?:you|u|ya)\b|\b(?:please|pls|plz)\b|\bi\s+(?:want|wanna|need|'d\s+like)\b|\?",
    re.I,
)


# A few words on how the learner's day goes, told before a request: "early start today", "long day tomorrow!", "big
# week ahead". What would make it a read of the plan: a word asking for one ("schedule", "plan", "what's on").
_DAY_REMARK = re.compile(
    r"^\W*(?:[a-z']+\s+){1,3}(?:today|tonight|tomorrow|this\s+(?:morning|afternoon|evening|week)|ahead)\W*$", re.I
)
_READ_WORDS = re.compile(
    r"\b(?:schedule|plan|planned|agenda|calendar|due|on|what|whats|what's|when|list|show|anything|cards?|tasks?|"
    r"progress|todo|to-do)\b",
    re.I,
)
# Words that make the day part of a request, not a remark: "starting tomorrow", "no wait just today", "only today".
_DAY_OF_A_REQUEST = re.compile(
    r"\b(?:no|not|wait|just|only|actually|instead|starting|from|until|till|by|at|for|every|each|after|before|"
    r"since|then|also|and|but|same|that|it)\b",
    re.I,
)


def without_narrative(text: str, known: Known) -> str:
    """``text`` without its narrative sentences and remarks on the day when another sentence asks for something;
    else ``text``."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s.strip()]
    if len(sentences) < 2:
        return text
    shapes = [form(s) for s in sentences]
    asked = "request" in shapes or "question" in shapes  # a remark on the day is told before a question too
    told = [
        s
        for s, shape in zip(sentences, shapes, strict=True)
        if (_narrative(s, known) and "request" in shapes) or (asked and shape == "statement" and _day_remark(s, known))
    ]
    if not told:
        return text
    return " ".join(s for s in sentences if s not in told)


def _narrative(sentence: str, known: Known) -> bool:
    """Whether the sentence tells what happened and asks for nothing."""
    words = re.findall(r"[a-z']+", sentence.lower())
    if not _PAST_MARK.search(sentence) or _ASKING.search(sentence) or STUDY_LOG & set(words):
        return False
    if any(word in IMPERATIVES for word in words[:1]) or form(sentence) == "request":
        return False
    return not any(score(item.title, sentence) >= STRONG for item in known.items)


def _day_remark(sentence: str, known: Known) -> bool:
    """Whether the sentence only remarks on the learner's day ("early start today") and asks for nothing."""
    if not _DAY_REMARK.match(sentence) or _READ_WORDS.search(sentence) or _DAY_OF_A_REQUEST.search(sentence):
        return False
    if _ASKING.search(sentence):
        return False
    if re.findall(r"[a-z']+", sentence.lower())[0] in IMPERATIVES:
        return False
    return not any(score(item.title, sentence) >= STRONG for item in known.items)
