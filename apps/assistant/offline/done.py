"""Something said done in other words than the reading expects: "X is done finally", "X is DONE. never again".

An adverb after "done" ("pset 3 redo is done finally", "... is complete at last") adds nothing: it is left out.
A sentence that says something is done, next to remarks that ask for nothing ("subjunctive is DONE. never
again"), may be read alone: ``says_done`` tells which sentence.
"""

from __future__ import annotations

import re

from .family import COMPLETION, NEGATION

_ADVERB_AFTER = re.compile(
    r"\b(?P<verb>is|are|'s)\s+(?P<done>done|finished|complete|completed)\s+"
    r"(?:finally|at\s+last|already|now|officially|for\s+real)(?P<end>\W*)$",
    re.I,
)


# A cheer after "finished X": "finished backprop finally omg", "just finished the krebs cycle yay".
_CHEER_AFTER = re.compile(
    r"^(?P<done>\W*(?:i\s+)?(?:just\s+|finally\s+)?(?:finished|completed|done\s+with)\s+[^,.!?]+?)"
    r"(?:\s+(?:finally|at\s+last|omg+|lol+|yay+|wo+h?o+|let'?s\s+go+|ugh|phew|yes+|thank\s+god))+(?P<end>\W*)$",
    re.I,
)


def without_adverb_after_done(text: str) -> str:
    """The text without an adverb or a cheer said after "done" ("X is done finally" -> "X is done", "finished X
    omg" -> "finished X")."""
    return _CHEER_AFTER.sub(r"\g<done>\g<end>", _ADVERB_AFTER.sub(r"\g<verb> \g<done>\g<end>", text))


def says_done(sentence: str) -> bool:
    """Whether the sentence says something is done, without denying it."""
    return bool(COMPLETION.search(sentence)) and not NEGATION.search(sentence)
