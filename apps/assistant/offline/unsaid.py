"""What a request leaves unsaid: asked about, never guessed.

- a new item with nothing of its own ("take a note", "make a goal"): its title and content are only request words;
- "that topic" / "this note" pointing at nothing: no item of that kind is said, none came before;
- "something" as what to put ("put something on my calendar"): what to put is the learner's to say;
- a new item titled only by words of what it goes into ("add a task to it" after the MCAT goal): its title is unsaid;
- "my task", "the goal" acting on one of several items it does not name: which one is the learner's to say.
"""

from __future__ import annotations

import re

from .abstain import IMPERATIVES, READ_ONLY
from .calls import ToolCall
from .clauses import KIND_OF, SLOTS, barely
from .items import FILLER, STRONG, Known, score, tokens

CONTENT_QUESTION = "What should it say? Tell me its title or what to write, please."
REFERENT_QUESTION = "Which {kind} do you mean? Tell me its name, please."
WHAT_QUESTION = "What should I put there? Tell me what it is and when, please."

# Tools that make a new item out of the message's own words.
_MAKES = frozenset({"create_note", "create_goal", "create_course", "add_goal_task", "add_topic", "add_module"})
_FREE_TEXT = ("title", "content")
# What a new item goes into: a title made only of its words names the container, not the new item.
_CONTAINERS = {"add_goal_task": ("goal",), "add_topic": ("module", "course"), "add_module": ("course",)}
# Words that only ask ("take a quick note for me pls"): what is made is none of them.
_ASKING_WORDS = (
    "note notes goal goals course courses class task tasks step steps todo todos topic topics module modules entry "
    "item one down up quick quickly new me for pls plz please can could would you u i want wanna need to gonna "
    "just real something thing here now"
)
# What an item is for, not what it says: "for it", 'for "Orgo review"' (the pronoun read as the item said before).
_FOR_IT = re.compile(r"\W*(?:for|about|on)\s+(?:it|that|this|them|[\"\u201c][^\"\u201d]*[\"\u201d]?)\W*", re.I)
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
    """Whether a call makes a new item whose title and content are only request words ("take a note") or only what it
    is for ("a goal for it"); "finish it" points at something said, which the pronoun's own reading settles."""
    for call in calls:
        if call.name not in _MAKES:
            continue
        said = [w for slot in _FREE_TEXT for w in tokens(str(call.arguments.get(slot) or ""))]
        if said and not _POINTING.intersection(said) and all(w in _REQUEST_WORDS or w in FILLER for w in said):
            return True
        if any(_FOR_IT.fullmatch(str(call.arguments.get(slot) or "")) for slot in _FREE_TEXT):
            return True
    return False


def titled_as_container(calls: list[ToolCall]) -> bool:
    """Whether a new item's own words are only its container's title ("add a task to it" after the MCAT goal): any
    of a goal's words for a task ("Linear Algebra" for "Get a B+ in Linear Algebra"), all of them for a topic or
    module (a module "Probability" of the course "Probability and Statistics" is a real part of it)."""
    for call in calls:
        said = set(tokens(str(call.arguments.get("title") or "")))
        own = {w for w in said if w not in _REQUEST_WORDS and w not in FILLER}
        for slot in _CONTAINERS.get(call.name, ()):
            container = {w for w in tokens(str(call.arguments.get(slot) or "")) if w not in FILLER}
            if container and (own == container or (call.name == "add_goal_task" and own <= container)):
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


# A kind said with no name of its own: "my task", "the goal".
_KIND_ONLY = re.compile(
    rf"\b(?:my|the|your|a)\s+(?P<kind>{'|'.join(KIND_OF)})\b(?!\s*(?:called|named|titled|[\"“]|'(?!s\b)))", re.I
)


def unnamed_of_several(clause: str, calls: list[ToolCall], known: Known) -> str | None:
    """The kind a write acts on when the clause only says the kind ("set a due date for my task") and the learner has
    several of it, none said before: the item picked is a guess ("set" for "Redo problem set 3"), so ask which."""
    for said in _KIND_ONLY.finditer(clause):
        kind = KIND_OF[said["kind"].lower()]
        if kind == "block" or len(known.of(kind)) < 2:
            continue  # a block is also named by its day and time
        for call in (call for call in calls if call.name not in READ_ONLY):
            item = known.find(kind, str(call.arguments.get(SLOTS[kind]) or ""))
            if item is not None and item != known.recent and barely(item, clause):
                return kind
    return None


def _fully_named(title: str, clause: str) -> bool:
    return score(title, clause) >= STRONG * len([w for w in tokens(title) if w not in FILLER])


def _without_words_of(clause: str, titles: list[str]) -> str:
    """The clause without the words that name the call's other items ("linear" of the course Linear Algebra)."""
    named = {w for title in titles for w in tokens(title)}
    return " ".join(w for w in tokens(clause) if w not in named)


# A new goal asked for with only its date said: "make a new goal for me, deadline end of the month", "a goal by friday".
_GOAL_UNSAID = re.compile(
    r"^\W*(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)*(?:make|create|set(?:\s+up)?|add|start)\s+(?:me\s+)?"
    r"(?:a\s+|an\s+)?(?:new\s+)?goal(?:\s+for\s+me)?"
    r"(?:\s*[,;:\u2013-]\s*(?:deadline|due|target(?:\s+date)?)\b|\s+(?:by|due|before|until)\b)"
    r"(?:\s+(?!(?:for|to|about|on)\b)[\w'/.]+){1,4}\W*$",  # a date only: "by next friday", not "by april for X"
    re.I,
)


def goal_unsaid(clause: str) -> bool:
    """Whether the clause asks for a new goal and says only when it is due, not what it is."""
    return bool(_GOAL_UNSAID.match(clause))


def puts_something(clause: str) -> bool:
    """Whether the clause asks to put "something" somewhere without saying what."""
    return bool(_INDEFINITE.search(clause))
