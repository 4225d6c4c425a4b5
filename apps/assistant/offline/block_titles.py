"""A new block's title as the activity the learner said: without a light verb ("do orgo practice problems"), the
thing a pronoun stands for ("... do my flashcards ... a slot for them"), the course a generic block is for ("i'm
behind on lin alg. book me study time ...")."""

from __future__ import annotations

import re

from .calls import ToolCall
from .items import STRONG, Known, mentions, score

GENERIC_TITLE = "Study session"
_BLOCK_WORDS = re.compile(r"\b(?:study|studying|time|session|block|slot)\b", re.I)
_LIGHT_VERB = re.compile(r"^(?:do|doing)\s+(?:some\s+|my\s+)?(?=\w)", re.I)
_PRONOUN_TITLE = re.compile(r"^(?:them|it|that|this|those|these)$", re.I)
# "my flashcards", "the reading": a possessed noun phrase, up to three words, before a pause or a preposition.
_OWN_THING = re.compile(
    r"\b(?:do|doing|review|reviewing|practi[sc]e|practi[sc]ing|study|studying|finish|finishing)\s+(?:my|the)\s+"
    r"(?P<thing>[a-z][\w'-]*(?:\s+(?!(?:for|on|at|in|to|and|but|so|every|each|because)\b)[a-z][\w'-]*){0,2})",
    re.I,
)
# A clause that puts a course aside ("i'm done with history for today", "forget orgo, i hate it") names no block's.
_DISMISSED = re.compile(
    r"\b(?:done\s+with|through\s+with|finished(?:\s+with)?|forget|skip|skipping|hate|sick\s+of|tired\s+of)\b", re.I
)


# A wish said around a block's subject: "i should probably get some cold war reading done" -> "cold war reading".
_WISHED = re.compile(
    r"^(?:i|we)\s+(?:should|ought\s+to|have\s+to|gotta|must|need\s+to|want\s+to|wanna)\s+"
    r"(?:(?:probably|really|definitely|maybe|actually|finally)\s+)?(?:get|fit\s+in|squeeze\s+in)\s+"
    r"(?:(?:some|a\s+bit\s+of|a\s+little)\s+)?(?P<thing>.+?)(?:\s+(?:done|in))?$",
    re.I,
)


def without_wish(title: str) -> str:
    """The subject of a wished block: the wish ("i should get ... done") around it is no part of its title."""
    found = _WISHED.match(title)
    return found["thing"] if found else title


# What a block is for, said after its time: "..., from 1 to 5, for working through the eigenvalue chapter".
_PURPOSE = re.compile(
    r",\s*for\s+(?:(?:working\s+(?:through|on)|doing|going\s+over|reviewing|studying|reading|finishing)\s+)?"
    r"(?:the\s+|my\s+|some\s+)?(?P<thing>[^,.;]+)",
    re.I,
)
# What is left of a time phrase once its clocks went: "the of the 22nd" (the afternoon of the 22nd) says nothing.
_TIME_LEFTOVER = re.compile(r"^(?:(?:the|of|on|from|at|a|an|\d{1,2}(?:st|nd|rd|th)?)\b\W*)*$", re.I)


def purpose_title(title: str, cleaned: str) -> str:
    """The block's subject said as what it is for, when the words before its time name none."""
    if not _TIME_LEFTOVER.match(cleaned) or not (found := _PURPOSE.search(title)):
        return cleaned
    return found["thing"].strip()


def without_light_verb(title: str) -> str:
    """'do orgo practice problems' -> 'orgo practice problems': "do" names no activity of its own."""
    return _LIGHT_VERB.sub("", title, count=1)


def said_subject(call: ToolCall, text: str, known: Known) -> ToolCall:
    """A new block whose title is a pronoun or says no subject takes the subject the message said elsewhere."""
    title = call.arguments.get("title")
    if call.name != "create_schedule_block" or not isinstance(title, str):
        return call
    if _PRONOUN_TITLE.match(title) and (m := _OWN_THING.search(text)):
        return ToolCall(call.name, {**call.arguments, "title": m["thing"]})
    if title == GENERIC_TITLE and "course" not in call.arguments:
        return _course_study(call, text, known)
    return call


def _course_study(call: ToolCall, text: str, known: Known) -> ToolCall:
    """A generic block in a message naming one course clearly: "<the course as said> study", linked to it."""
    kept = " ".join(c for c in re.split(r"[.!?;,]+", text) if not _DISMISSED.search(c))  # "forget orgo": not it
    named = mentions("course", _BLOCK_WORDS.sub(" ", kept), known)  # "study" names no "Statistics"
    if not named or (len(named) > 1 and named[0][0] < 2 * named[1][0]):
        return call  # no course, or none named clearly above another
    course = named[0][1]
    words = [w for w in re.findall(r"[\w+#-]+", kept) if score(course.title, w) >= STRONG]
    said = _consecutive(words, kept)
    if not said:
        return call
    return ToolCall(call.name, {**call.arguments, "title": f"{said} study", "course": course.title})


def _consecutive(words: list[str], text: str) -> str:
    """The course's words as the learner wrote them together ('lin alg'); empty when they are apart."""
    if not words:
        return ""
    phrase = r"\s+".join(re.escape(w) for w in words)
    m = re.search(rf"(?<!\w){phrase}(?!\w)", text)
    return m.group(0) if m else ""
