"""Asides that say why now, not what to do: "before i forget", "while i remember", "so i don't forget", "lol",
"call it a day".

"quick note before i forget, call it X: Y" asks for a note; its "forget" asks nothing to be forgotten. The aside
is dropped before the message is read.
"""

from __future__ import annotations

import re

from .abstain import IMPERATIVES, form
from .dates import WD

_ASIDE = re.compile(
    r"[,\s]*\b(?:before\s+i\s+forget(?:\s+(?:it|this|that))?|(?:so|just\s+so)\s+i\s+(?:don'?t|do\s+not|won'?t)\s+forget"
    r"(?:\s+(?:it|this|that))?|while\s+i\s+(?:remember|think\s+of\s+it)|while\s+it'?s\s+(?:fresh|on\s+my\s+mind))\b",
    re.I,
)

# The aside after a remark, then a pause before the request: "going to bed but before i forget - save a note ...".
_ASIDE_AFTER_BUT = re.compile(r"\s+but" + _ASIDE.pattern + r"\s*[:\u2013\u2014-]+\s*", re.I)


# Stopping for the day, said beside a message ("my orgo final is april 30, call it a day"): no title, no request.
_CALL_IT_A_DAY = re.compile(
    r"(?:\s*[,;.]\s*|\s+(?:and|so)\s+|^\W*(?:(?:ok|okay|so|well|alright)\W+)*)"
    r"(?:(?:i\s+think\s+)?(?:i'?m|im|i'?ll|ill|gonna|going\s+to|time\s+to|let'?s|lets)\s+)?"
    r"call(?:ing)?\s+it\s+(?:a\s+)?(?:day|night|quits)\b(?:\s+(?:lol|haha|tbh))?",
    re.I,
)


# A count of the requests to come: "2 things: ...", "a couple of things - ...".
_COUNT_OF_REQUESTS = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|hi|right)\W+)*(?:\d|two|three|four|a\s+(?:couple|few))\s+(?:of\s+)?"
    r"(?:quick\s+)?(?:things?|requests?|stuff)\s*(?:pls|please)?\s*[:;.\u2013\u2014-]+\s*",
    re.I,
)


# A greeting or wish before the request, ended by a mark, an emoji or "anyway": "happy halloween 🎃 anyway what
# should i focus on", "merry xmas!! what's on today"; not "happy to be done with X" (a feeling about the request).
_GREETING_FIRST = re.compile(
    r"^\W*(?:(?:hey|hi|hello|yo|oh)\W+)?(?:happy\s+(?!(?:to|that|with|about|for|because|i|im|it|its|now|but)\b)"
    r"[\w'-]+(?:\s+(?:day|eve|year|weekend|holidays?))?|merry\s+(?:xmas|x-?mas|christmas)|"
    r"good\s+(?:morning|afternoon|evening)|gm)(?:\s+(?:to\s+you|everyone|lol|haha))?"
    r"(?:\s*[^\w\s]+\s*(?:(?:anyway|anyways|so|but)\b[\s,]*)?|\s+(?:anyway|anyways)\b[\s,]*)(?=\w)",
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


def _without_greeting(text: str) -> str:
    """``text`` without a greeting before a request or question ("merry xmas!! what's on today"); a greeting before
    a remark stays, and with it the remark ("merry christmas!! taking a few days off studying")."""
    rest = _GREETING_FIRST.sub("", text)
    return rest if rest != text and form(rest) in ("request", "question") else text


# A joke taken back, then what is meant: "remind me i'm allergic to studying 😂 jk but seriously remember X".
_JOKE_TAKEN_BACK = re.compile(
    r"^.*?\b(?:jk|j/k|just\s+kidding|kidding)\b[\W_]*(?:(?:but|ok(?:ay)?|no)\W+)+"
    r"(?:(?:seriously|for\s+real|fr|honestly|really|actually)\b[\W_]*)+(?=\w)",
    re.I,
)


def without_asides(text: str) -> str:
    """``text`` without the asides that only say why it is asked now, how many requests follow, that the learner
    stops for the day, a greeting before the request, a joke taken back before what is meant, or how they laugh or
    sigh at its end."""
    text = _JOKE_TAKEN_BACK.sub("", text)
    text = _ASIDE_AFTER_BUT.sub(", ", _without_greeting(text))  # "going to bed but before i forget - save ..."
    text = _COUNT_OF_REQUESTS.sub("", _CALL_IT_A_DAY.sub("", _ASIDE.sub("", text))).strip()
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
# to... nah forget it", "i was about to archive X but no, keep it", "delete the cheat sheet. wait, keep it", "add a
# goal X. or not". A bare "no" only before a pause ("no, keep it").
_TAKEN_BACK_MARK = re.compile(
    r"\bbut\s+no(?=\s*,)|(?:[,.;:!?\u2026]|\s-+)\s*(?:(?:hmm+|eh+|oh|ok|okay|wait|actually|hold\s+on)[\s,.]+)*"
    r"(?:jk|j/k|just\s+kidding|kidding|nvm|never\s*mind|forget\s+(?:it|that|this)|scratch\s+that|nah+|nope|"
    r"no\s+no|no\s+wait|wait\s+no|actually\s+no|(?:actually\s+)?(?:don'?t|do\s+not)\s*(?:$|[,.!])|"
    r"on\s+second\s+thoughts?|leave\s+it(?:\s+(?:be|alone|as\s+is))?(?=\s*(?:$|[,.!]))|"
    r"(?:or\s+)?maybe\s+not|or\s+not|keep\s+(?:it|them|that|those)(?=\s*(?:$|[,.!]))|no(?=\s*[,.!\u2026]))\b",
    re.I,
)
# What follows the mark: a verb that asks again ("no wait, name it X"), a bare new value ("no, the cheat sheet",
# "scratch that, saturday", "no wait 4": asked which), or a reason or a keeping ("i need them", "keep it", "too
# busy": taken back).
_KEEPING = frozenset({"keep", "leave", "forget", "dont", "don't", "do", "never", "mind", "hold", "stop", "not"})
_NAMING = frozenset({"name", "title", "call", "use"})
_VALUE_WORDS = frozenset({"the", "a", "an", "my", "today", "tonight", "tomorrow", "next"})
_FILLERS = frozenset({"wait", "just", "so", "ok", "okay", "then", "actually", "no", "nah", "hmm", "eh", "jk", "lol"})
# Put off or let go: "forget the exam thing for now, ill figure out the date first", "forget about renaming the
# goal", "scratch that idea about archiving history", "..., forget i said anything".
_PUT_OFF = re.compile(
    r"^\W*(?:forget|never\s*mind)\s+(?:about\s+)?[\w\s']{1,40}?\s+for\s+now\b|"
    r"^\W*(?:forget|never\s*mind)\s+(?:about\s+)?[a-z]+ing\b|"
    r"^\W*(?:scratch|forget|drop)\s+(?:that|the|my)\s+(?:idea|plan|thought)\b|"
    r"\bforget\s+(?:i\s+said\s+anything|(?:what|everything)\s+i\s+(?:just\s+)?said)\b(?!\s+about\b)",
    re.I,
)
# Undecided between values or items: "move spanish to 6 no 8 no wait 6:30?? or 8 idk", "B+ no A- hmm or A", "the
# cheat sheet or the vocab one, whichever i made first", "one of the spanish sessions", "fri or sat", "6 or 7pm".
_UNDECIDED = re.compile(
    r"\bor\b[^.!]*\b(?:idk|dunno|not\s+sure|unsure|can'?t\s+decide|which\s+(?:is|one\s+is)\s+better|whichever)\b|"
    r"\bhmm+\s+or\b|\bone\s+of\s+(?:them|those|(?:the|my)\s+(?:[\w'-]+\s+){0,3}"
    r"(?:days|two|blocks|sessions|notes|goals|courses|tasks|topics|modules|exams))\b",
    re.I,
)
# Two values offered for one place ("fri or sat", "at 6 or 7pm", "high or medium priority"), unless denied together
# ("dont put blocks on sat or sun").
_TWO_VALUES = re.compile(
    rf"\b{WD}\s+or\s+{WD}|"
    r"(?:\b(?:at|to)\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?|\d\s*(?:am|pm))\s+or\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\b|"
    r"\b(?:high|medium|low)\s+or\s+(?:high|medium|low)\b",
    re.I,
)
_DENIED = re.compile(r"\b(?:don'?t|do\s+not|not|never|no|neither|nor|remember)\b", re.I)
UNDECIDED_QUESTION = "Which one do you mean? Tell me the exact one and I'll do it."


def undecided(text: str) -> bool:
    """Whether the message leaves which value or item open ("6:30 or 8 idk", "whichever i made first"); a quoted
    title says nothing of it ("add a task 'finish one of the practice exams'")."""
    text = re.sub(r"([\"'\u201c\u2018]).*?(?:\1|[\u201d\u2019])", " ", text)
    two = _TWO_VALUES.search(text)
    return bool(_UNDECIDED.search(text) or (two and not _DENIED.search(text[: two.start()])))


def _mark_after_request(text: str) -> re.Match[str] | None:
    """The first taking-back mark after a request (not after a question: "make it 90 min? nah" is unsure)."""
    mark = _TAKEN_BACK_MARK.search(text)
    if mark is None:
        return None
    before = text[: mark.start()]
    words = re.findall(r"[a-z']+", before.lower())
    asked = any(word in IMPERATIVES or re.sub(r"e?d$", "", word) in IMPERATIVES for word in words)  # "deleted"
    return mark if asked and "?" not in text[mark.start() : mark.start() + 1] + before[-2:] else None


def _bare_value(rest: str) -> bool:
    """Whether the words after a mark give only a new value or item ("no, saturday", "no wait 4", "no, the cheat
    sheet"), not a request of their own ("no wait, name it X")."""
    following = [word for word in re.findall(r"[a-z0-9']+", rest.lower()) if word not in _FILLERS]
    if not following or (following[0] in IMPERATIVES and following[0] not in _KEEPING):
        return False
    return bool(re.search(r"\d", rest)) or following[0] in _VALUE_WORDS or bool(re.fullmatch(WD, following[0]))


def corrected_in_passing(text: str) -> bool:
    """Whether a request is followed by a bare new value ("move X to friday. no, saturday"): which one is meant is
    asked, never the first value written."""
    mark = _mark_after_request(text)
    return mark is not None and _bare_value(text[mark.end() :])


def taken_back(text: str) -> bool:
    """Whether the message takes back what it asked (at its end, or after it with nothing new asked) or puts it
    off: then nothing is done."""
    if _TAKEN_BACK_AT_END.search(text):
        return True
    if put_off := _PUT_OFF.search(text):
        rest = text[put_off.end() :]  # "nevermind reading, cancel ML reading tomorrow": the request that follows
        return not any(word in IMPERATIVES and word not in _KEEPING for word in _clause_starts(rest))
    mark = _mark_after_request(text)  # none after "scratch that, forget it" (no request before)
    if mark is None:
        return False
    rest = text[mark.end() :]
    following = [word for word in re.findall(r"[a-z']+", rest.lower()) if word not in _FILLERS]
    asks_again = bool(following) and (
        (following[0] in IMPERATIVES and following[0] not in _KEEPING) or following[0] in _NAMING
    )
    return not asks_again and not _bare_value(rest)


def _clause_starts(text: str) -> list[str]:
    """The first word of each clause of ``text`` (", just cancel orgo review": "cancel")."""
    return re.findall(r"(?:^|[,.;!?]|\band\b)\W*(?:(?:wait|just|so|ok|okay|then|no|nah)\W+)*([a-z']+)", text.lower())
