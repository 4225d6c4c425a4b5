"""A clarifying question instead of calls, and picking the one item a reference names (or asking which)."""

from __future__ import annotations

from .items import Item, Known, resolve


class Clarify(Exception):
    """A reference is ambiguous or missing: ask this question and call nothing."""


def which(kind: str, known: Known, candidates: tuple[Item, ...] = ()) -> str:
    """The question naming the items a reference could mean: the tied candidates, else the learner's items."""
    if candidates:
        return f"Which {kind} do you mean: {' or '.join(f'“{item.title}”' for item in candidates[:4])}?"
    yours = ", ".join(f"“{item.title}”" for item in known.of(kind)[:5])
    return f"Which {kind} do you mean?" + (f" Yours are: {yours}." if yours else "")


def maybe(kind: str, text: str, known: Known) -> Item | None:
    """The item of ``kind`` the text names, if any; ``Clarify`` when several fit equally."""
    found = resolve(kind, text, known)
    if found.item is None and not found.candidates and known.recent and known.recent.kind == kind:
        return known.recent
    if found.candidates:
        raise Clarify(which(kind, known, found.candidates))
    return found.item


def pick(kind: str, text: str, known: Known) -> Item:
    """The item of ``kind`` the text names; ``Clarify`` naming the candidates when it names several or none."""
    if item := maybe(kind, text, known):
        return item
    if known.of(kind):
        raise Clarify(which(kind, known))
    raise Clarify(f"I could not find that {kind}.")
