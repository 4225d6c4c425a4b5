"""A task placed in a goal in other words than "add X to the goal": "put X under my reading goal", "add X as my
next book" (the goal whose title names books). Both are said again as "add X to the <goal> goal"."""

from __future__ import annotations

import re

from .dates import parse_time
from .items import Known, tokens

# "put/stick/file X under|in|into|on my <words> goal".
_PLACED = re.compile(
    r"^(?P<lead>\W*(?:(?:ok|so|and|also|pls|please|can\s+you|could\s+you)\W+)*)(?:put|stick|throw|file|slot|pop|"
    r"place)\s+(?P<task>\S.*?)\s+(?:under|in|into|on|onto|inside)\s+(?P<goal>(?:my|the)\s+(?:[\w+&'-]+\s+){0,4}"
    r"goal)\b",
    re.I,
)
# "add X as my next book", "X is my next book": the next of what a goal counts.
_AS_NEXT = re.compile(
    r"\b(?:add|put|make|set)\s+(?P<task>\S.*?)\s+as\s+(?:my|the)\s+next\s+(?P<noun>[a-z]+?)s?(?=\W*$|\s*[,.;!?])",
    re.I,
)


def _counted(noun: str, known: Known) -> str | None:
    """The word of the one goal whose title counts ``noun`` ("book" -> "books" of "Read 12 books this year")."""
    forms = {noun.lower(), f"{noun.lower()}s", f"{noun.lower()}es"}
    said = [forms & set(tokens(item.title)) for item in known.items if item.kind == "goal"]
    named = [words for words in said if words]
    return min(named[0]) if len(named) == 1 else None


def placed_in_goal(text: str, known: Known) -> str:
    """The text with a task placed in a goal said as "add <task> to <the goal>"."""
    if (placed := _PLACED.search(text)) and parse_time(placed["task"]) is None:  # "put X at 8:00 under ...": a block
        text = f"{text[: placed.start()]}{placed['lead']}add {placed['task']} to {placed['goal']}{text[placed.end() :]}"

    def as_next(m: re.Match[str]) -> str:
        counted = _counted(m["noun"], known)
        return f"add {m['task']} to my {counted} goal" if counted else m.group(0)

    return _AS_NEXT.sub(as_next, text)
