"""What a request leaves unsaid: asked about, never guessed.

- a new item with nothing of its own ("take a note", "make a goal"): its title and content are only request words;
- "that topic" / "this note" pointing at nothing: no item of that kind is said, none came before;
- "something" as what to put ("put something on my calendar"): what to put is the learner's to say.
"""

from __future__ import annotations

import re

from .abstain import IMPERATIVES
from .calls import ToolCall
from .clauses import KIND_OF
from .items import FILLER, STRONG, Known, score, tokens

CONTENT_QUESTION = "What should it say? Tell me its title or what to write, please."
REFERENT_QUESTION = "Which {kind} do you mean? Tell me its name, please."
WHAT_QUESTION = "What should I put there? Tell me what it is and when, please."

# Tools that make a new item out of the message's own words.
_MAKES = frozenset({"create_note", "create_goal", "create_course", "add_goal_task", "add_topic", "add_module"})
_FREE_TEXT = ("title", "content")
# Words that only ask ("take a quick note for me pls"): what is made is none of them.
_ASKING_WORDS = (
    "note notes goal goals course courses class task tasks topic topics module modules entry item one down up "
    "quick quickly new me for pls plz please can could would you u i want wanna need to gonna just real "
    "something thing here now"
)
_POINTING = frozenset({"it", "this", "that", "them"})
_REQUEST_WORDS = IMPERATIVES | frozenset(_ASKING_WORDS.split())
# "that topic", "this note": a kind pointed at; the pointing needs something to point at.
_POINTED = re.compile(r"\b(?:that|this|the\s+same)\s+(?P<kind>course|class|module|topic|goal|task|note|block)\b", re.I)
# "something" as the object of the request's placing verb; "something about X", "something called X" say what it is.
_INDEFINITE = re.compile(
    r"^\W*(?:(?:ok|okay|so|hey|um+|just|pls|please|can\s+(?:you|u)|could\s+(?:you|u)|i\s+(?:want|need)\s+(?:you\s+)?to)\W+)*"
    r"(?:put|add|schedule|book|plan|make|create|set\s+up|throw|stick|pencil|slot)\s+(?:me\s+)?(?:in\s+)?"
    r"(?:something|anything|stuff|some\s+stuff|a\s+thing|things)\b"
    r"(?!\s*(?:about|called|named|titled|like|saying|that\s+says|:|-))",
    re.I,
)


def contentless(calls: list[ToolCall]) -> bool:
    """Whether a call makes a new item whose title and content are only request words ("take a note"); "finish it"
    points at something said, which the pronoun's own reading settles."""
    for call in calls:
        if call.name not in _MAKES:
            continue
        said = [w for slot in _FREE_TEXT for w in tokens(str(call.arguments.get(slot) or ""))]
        if said and not _POINTING.intersection(said) and all(w in _REQUEST_WORDS or w in FILLER for w in said):
            return True
    return False


def pointed_kind(clause: str, calls: list[ToolCall], known: Known) -> str | None:
    """The kind a clause points at ("remove that topic from X") when its call's item of that kind is not said in the
    clause and nothing came before to point at: the kind to ask about, else None."""
    if known.recent is not None or not (pointed := _POINTED.search(clause)):
        return None
    slot = KIND_OF[pointed["kind"].lower()]
    for call in calls:
        title = call.arguments.get(slot)
        others = [v for k, v in call.arguments.items() if k != slot and isinstance(v, str)]
        others += [item.title for item in known.items if item.kind != slot and _fully_named(item.title, clause)]
        if isinstance(title, str) and title and score(title, _without_words_of(clause, others)) < STRONG:
            return pointed["kind"].lower()
    return None


def _fully_named(title: str, clause: str) -> bool:
    return score(title, clause) >= STRONG * len([w for w in tokens(title) if w not in FILLER])


def _without_words_of(clause: str, titles: list[str]) -> str:
    """The clause without the words that name the call's other items ("linear" of the course Linear Algebra)."""
    named = {w for title in titles for w in tokens(title)}
    return " ".join(w for w in tokens(clause) if w not in named)


def puts_something(clause: str) -> bool:
    """Whether the clause asks to put "something" somewhere without saying what."""
    return bool(_INDEFINITE.search(clause))
