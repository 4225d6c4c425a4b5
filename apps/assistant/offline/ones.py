""" "The X one" after a message about one kind of item: "what are my goals" then "make the lin alg one due may 30"
is the lin alg goal. The previous message names the kind; "one" stands for it."""

from __future__ import annotations

import re

from .items import Known, resolve

_KIND_WORDS = (
    ("goal", re.compile(r"\bgoals?\b", re.I)),
    (
        "block",
        re.compile(
            r"\b(?:schedule|calendar|blocks?|timetable|sessions?|slots?)\b|"
            r"\b(?:what(?:'s|s|\s+is)|anything|something|what\s+do\s+i\s+have)\s+(?:on|planned|booked)\b",
            re.I,
        ),
    ),
    ("exam", re.compile(r"\b(?:exams?|finals?|midterms?|tests)\b", re.I)),
    ("note", re.compile(r"\bnotes?\b", re.I)),
    ("course", re.compile(r"\b(?:courses?|classes)\b", re.I)),
    ("task", re.compile(r"\btasks?\b", re.I)),
)
# "the lin alg one": a name, then "one"; not an order or a kind of its own ("the next one", "the same one").
_ONE = re.compile(
    r"\b(?P<det>the|my|that)\s+(?!(?:next|last|first|second|third|other|same|new|old|right|wrong|only)\b)"
    r"(?P<name>[\w+&'-]+(?:\s+[\w+&'-]+){0,3}?)\s+one\b",
    re.I,
)
# Words around a bare pick: "the krebs one please", "oh i meant the orgo one".
_PICKING = frozenset(
    {
        *("please", "pls", "plz", "thanks", "thx", "ok", "okay", "yes", "yeah", "yep", "sure", "oh", "ah"),
        *("i", "mean", "meant", "sorry", "no", "nah", "just"),
    }
)


# What may open a pick said first: "ok the stats one got moved ...", "oh and the orgo one is off".
_OPENERS = re.compile(r"^[\s\"']*(?:(?:ok|okay|so|and|oh|ah|well|hmm+|also|btw|wait)\W+)*", re.I)
# A change of the item itself, said first: "make the lin alg one due may 30", "cancel the spanish one".
_CHANGES_ONE = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|then|pls|please|(?:can|could)\s+(?:you|u|we|i))\W+)*"
    r"(?:make|set|move|push|change|cancel|skip|delete|remove|drop|scrap|ditch|kill|nuke|axe|bin|clear|call\s+off|"
    r"mark|tick|rename|bump|raise|lower|update|finish|"
    r"complete|reopen|archive|extend|shift|reschedule|do|have|put)\s+(?:the|my|that)\s",
    re.I,
)


def one_of_listed(text: str, previous: str, known: Known) -> str:
    """``text`` with "the X one" said as "the X <kind>" when the previous message was about one kind of item and X
    names one of the learner's items of that kind ("the amino acids one" after a goal's tasks is no goal)."""
    if not previous or not _ONE.search(text) or not set(re.findall(r"[a-z']+", _ONE.sub("", text).lower())) - _PICKING:
        return text  # "the linear algebra one (please)" alone picks an item for the previous request
    if not _CHANGES_ONE.match(text) and not _ONE.match(_OPENERS.sub("", text)):
        return text  # "make a note about the orgo one": a change, or the pick said first, acts on the listed item
    kinds = [kind for kind, words in _KIND_WORDS if words.search(previous)]
    if len(kinds) != 1:
        return text
    kind = "course" if kinds[0] == "exam" else kinds[0]  # an exam is named by its course ("the orgo one")
    return _ONE.sub(
        lambda m: f"{m['det']} {m['name']} {kinds[0]}" if resolve(kind, m["name"], known).item else m.group(0), text
    )
