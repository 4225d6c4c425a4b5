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
