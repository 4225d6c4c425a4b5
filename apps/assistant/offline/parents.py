"""An item named by its parent and its kind: "the MCAT task" is a task of the goal "Pass the MCAT".

A learner often names a task by its goal, a topic by its course or module, a module by its course. When
the words before the kind word name no item of that kind but do name a parent, the item meant is one of
that parent's children: the only one, or a question naming them (never the parent itself: "mark the MCAT
task done" must not complete the goal).
"""

from __future__ import annotations

import re

from .items import Item, Known, resolve

PARENT_KINDS = {"task": ("goal",), "topic": ("module", "course"), "module": ("course",)}
_KIND_BY_PARENT = re.compile(
    r"(?<!\w)(?P<lead>the|my|that|this)\s+(?P<words>(?:[\w+'-]+\s+){0,3}?[\w+'-]+)\s+(?P<kind>task|topic|module)\b",
    re.I,
)
# Where something goes, not what is acted on; "the due date for the mcat task" is the task's own field.
_DESTINATION = re.compile(
    r"\b(?:to|into|in|under|from|on|onto|inside|within)\s*$|"
    r"(?<!date\s)(?<!deadline\s)(?<!title\s)(?<!name\s)(?<!priority\s)\b(?:of|for)\s*$",
    re.I,
)


def _children(kind: str, parent: Item, known: Known) -> list[Item]:
    if parent.kind == "module":
        return [item for item in known.of(kind) if item.module == parent.title]
    return [item for item in known.of(kind) if item.parent == parent.title]


def child_named(clause: str, known: Known) -> tuple[str, list[Item]]:
    """The clause with "the <parent> <kind>" replaced by the quoted title of the parent's one such child, and
    the children to ask between when the parent has several (the clause unchanged then)."""
    for match in _KIND_BY_PARENT.finditer(clause):
        kind, words = match["kind"].lower(), match["words"]
        if _DESTINATION.search(clause[: match.start()]):
            continue  # "add X to the orgo module": where to, not what
        own = resolve(kind, words, known)
        if own.item is not None or own.candidates:
            continue  # "the elimination topic": the topic's own name
        for parent_kind in PARENT_KINDS[kind]:
            parent = resolve(parent_kind, words, known).item
            children = _children(kind, parent, known) if parent else []
            if len(children) == 1:
                return f'{clause[: match.start()]}"{children[0].title}"{clause[match.end() :]}', []
            if children and resolve(kind, clause[match.end() :], known).item in children:
                return clause, []  # "the mcat task review amino acids": the task is named after its kind
            if children:
                return clause, children
    return clause, []
