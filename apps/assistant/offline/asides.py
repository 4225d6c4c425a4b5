"""Asides that say why now, not what to do: "before i forget", "while i remember", "so i don't forget", "lol".

"quick note before i forget, call it X: Y" asks for a note; its "forget" asks nothing to be forgotten. The aside
is dropped before the message is read.
"""

from __future__ import annotations

import re

from .abstain import IMPERATIVES

_ASIDE = re.compile(
    r"[,\s]*\b(?:before\s+i\s+forget(?:\s+(?:it|this|that))?|(?:so|just\s+so)\s+i\s+(?:don'?t|do\s+not|won'?t)\s+forget"
    r"(?:\s+(?:it|this|that))?|while\s+i\s+(?:remember|think\s+of\s+it)|while\s+it'?s\s+(?:fresh|on\s+my\s+mind))\b",
    re.I,
)


# A count of the requests to come: "2 things: ...", "a couple of things - ...".
_COUNT_OF_REQUESTS = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|hi|right)\W+)*(?:\d|two|three|four|a\s+(?:couple|few))\s+(?:of\s+)?"
    r"(?:quick\s+)?(?:things?|requests?|stuff)\s*(?:pls|please)?\s*[:;.\u2013\u2014-]+\s*",
    re.I,
)


# A laugh or sigh closing the message, and the few words of remark after it: "... lol not happening", "... 7am lol".
# Lower case or all capitals, never a name ("my sister is called Lol").
_LAUGH = "lol+|lmao|haha+|hehe+|ugh+|smh|oof|welp|rip"
_LAUGH_AT_END = re.compile(
    rf"(?<!called)(?<!named)[\s,.!]+(?:{_LAUGH}|{_LAUGH.upper()})(?P<remark>(?:\s+[A-Za-z']+){{0,4}})[\s.!]*$"
)


# What makes the words before a laugh a request: a number or clock, or the kind of item acted on.
_CONCRETE = re.compile(r"\d|\b(?:goal|block|course|note|topic|module|task|exam|final|midterm|session|timer)s?\b", re.I)


# Words in the remark after a laugh that take the request back or hedge it: "... lol jk", "... haha nope", "lol idk".
_TAKEN_BACK_WORDS = "no nope nah not jk kidding idk wait nvm never maybe mind actually dont don't yet sure unless or"
_TAKEN_BACK = frozenset(_TAKEN_BACK_WORDS.split())


def without_asides(text: str) -> str:
    """``text`` without the asides that only say why it is asked now, how many requests follow, or how the learner
    laughs or sighs at its end."""
    text = _COUNT_OF_REQUESTS.sub("", _ASIDE.sub("", text)).strip()
    laugh = _LAUGH_AT_END.search(text)
    if (
        laugh
        and _CONCRETE.search(text[: laugh.start()])
        and not any(word.lower() in IMPERATIVES or word.lower() in _TAKEN_BACK for word in laugh["remark"].split())
    ):
        return text[: laugh.start()]
    return text  # "whatever its over now lol": with nothing concrete before it, the laugh says it is chatter


# A message that ends by taking itself back: "delete the stats course lol jk", "cancel orgo review, nvm".
_TAKEN_BACK_AT_END = re.compile(
    r"\b(?:jk|j/k|just\s+kidding|kidding|nvm|never\s*mind|no\s+wait,?\s+(?:don'?t|do\s+not))\W*$", re.I
)


# Taking back what was just asked, after it: "delete lecture 5 notes. actually no wait i need them", "add a goal
# to... nah forget it", "i was about to archive X but no, keep it". A bare "no" only before a pause ("no, keep it").
_TAKEN_BACK_MARK = re.compile(
    r"\bbut\s+no(?=\s*,)|(?:[,.;:!?\u2026]|\s-+)\s*(?:(?:hmm+|eh+|oh|ok|okay|wait|actually|hold\s+on)[\s,.]+)*"
    r"(?:jk|j/k|just\s+kidding|kidding|nvm|never\s*mind|forget\s+(?:it|that|this)|scratch\s+that|nah+|nope|"
    r"no\s+no|no\s+wait|wait\s+no|actually\s+no|(?:actually\s+)?(?:don'?t|do\s+not)\s*(?:$|[,.!])|"
    r"on\s+second\s+thoughts?|leave\s+it(?:\s+(?:be|alone|as\s+is))?(?=\s*(?:$|[,.!]))|no(?=\s*[,.!\u2026]))\b",
    re.I,
)
# What may follow taking back and still take back: keeping, leaving, reasons ("no, keep it, i still like it").
_KEEPING = frozenset({"keep", "leave", "forget", "dont", "don't", "do", "never", "mind", "hold", "stop", "not"})
# Put off for now: "forget the exam thing for now, ill figure out the date first".
# Put off or let go: "forget about renaming the goal", "scratch that idea about archiving history", "..., forget i
# said anything".
_PUT_OFF = re.compile(
    r"^\W*(?:forget|never\s*mind|skip)\s+(?:about\s+)?[\w\s']{1,40}?\s+for\s+now\b|"
    r"^\W*(?:forget|never\s*mind)\s+(?:about\s+)?[a-z]+ing\b|"
    r"^\W*(?:scratch|forget|drop)\s+(?:that|the|my)\s+(?:idea|plan|thought)\b|"
    r"\bforget\s+(?:i\s+said\s+anything|(?:what|everything)\s+i\s+(?:just\s+)?said)\b(?!\s+about\b)",
    re.I,
)
# Words that ask again after taking back: "no wait, name it reaction drills".
_ASKING_AGAIN = frozenset({"name", "title", "label", "use", "call"})
# Undecided between values or items: "move spanish to 6 no 8 no wait 6:30?? or 8 idk", "B+ no A- hmm or A",
# "delete the cheat sheet or the vocab one, whichever i made first", "cancel spanish on one of the days".
_UNDECIDED = re.compile(
    r"\bor\b[^.!]*\b(?:idk|dunno|not\s+sure|unsure|can'?t\s+decide|which\s+(?:is|one\s+is)\s+better)\b|"
    r"\bhmm+\s+or\b|\bwhichever\b|\beither\s+(?:one|of\s+them)\b|"
    r"\bone\s+of\s+(?:them|those|(?:the|my)\s+(?:[\w'-]+\s+)?(?:days|two|blocks|sessions|notes|goals|courses|tasks|topics|modules|exams))\b",
    re.I,
)
UNDECIDED_QUESTION = "Which one do you mean? Tell me the exact one and I'll do it."


def undecided(text: str) -> bool:
    """Whether the message leaves which value or item open ("6:30 or 8 idk", "whichever i made first")."""
    return bool(_UNDECIDED.search(text))


def taken_back(text: str) -> bool:
    """Whether the message takes back what it asked (at its end or after it, asking nothing new) or puts it off:
    then nothing is done."""
    if _TAKEN_BACK_AT_END.search(text) or _PUT_OFF.search(text):
        return True
    mark = _TAKEN_BACK_MARK.search(text)
    if mark is None:
        return False
    before, rest = text[: mark.start()], text[mark.end() :]
    words = re.findall(r"[a-z']+", before.lower())
    asked = any(word in IMPERATIVES or re.sub(r"e?d$", "", word) in IMPERATIVES for word in words)  # "deleted"
    if not asked or "?" in text[mark.start() : mark.start() + 1] + before[-2:]:
        return False  # "scratch that, forget it": no request before; "make it 90 min? nah": an unsure correction
    if re.search(r"\d", rest):
        return False  # "add a block at 3, no wait 4": a correction
    starts = re.findall(r"(?:^|[,.;!?]|\band\b)\W*(?:(?:wait|just|so|ok|okay|then)\W+)*([a-z']+)", rest.lower())
    return not any(word in _ASKING_AGAIN or (word in IMPERATIVES and word not in _KEEPING) for word in starts)
