"""Card text: cloze rendering, duplicate fingerprints, and the offline card and question builders."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field

from maigie.text import STOPWORDS

CLOZE = re.compile(r"\{\{c(\d+)::(.+?)(?:::(.*?))?\}\}", re.DOTALL)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_DEFINITION = re.compile(
    r"^(?:An?\s+|The\s+)?(?P<term>[A-Za-z][\w' -]{1,60}?)\s+"
    r"(?P<verb>is|are|means|refers to)\s+(?P<definition>.{8,300}?)[.!]?$"
)
_NORMALISE = re.compile(r"[^\w\s]")
_ARTICLES = re.compile(r"\b(a|an|the)\b")
MIN_SENTENCE_WORDS = 5
MAX_SENTENCE_CHARS = 400


def cloze_prompt(text: str) -> str:
    """The cloze text with each deletion shown as ``[...]`` (or ``[hint]``)."""
    return CLOZE.sub(lambda m: f"[{m.group(3) or '...'}]", text)


def cloze_answer(text: str) -> str:
    """The cloze text with each deletion revealed."""
    return CLOZE.sub(lambda m: m.group(2), text)


def card_prompt(*, cloze: bool, front: str) -> str:
    """What a card shows first: its front, cloze deletions hidden."""
    return cloze_prompt(front) if cloze else front


def card_answer(*, cloze: bool, front: str, back: str) -> str:
    """What a card shows after: its back, or the cloze revealed above the back."""
    return f"{cloze_answer(front)}\n\n{back}".strip() if cloze else back


def has_cloze(text: str) -> bool:
    """Whether ``text`` has at least one ``{{c1::...}}`` deletion."""
    return CLOZE.search(text) is not None


def normalise(text: str) -> str:
    """Lower case, no punctuation or articles, single spaces: for duplicates and answer matching."""
    text = _NORMALISE.sub(" ", text.casefold())
    return " ".join(_ARTICLES.sub(" ", text).split())


def fingerprint(*, front: str) -> str:
    """A digest of the card's revealed, normalised front: equal for duplicates."""
    return hashlib.sha256(normalise(cloze_answer(front)).encode()).hexdigest()


def sentences(text: str) -> list[str]:
    """The text's sentences of at least five words, markdown marks stripped."""
    found = []
    for raw in _SENTENCE.split(text):
        sentence = raw.strip().lstrip("#>*-• ").strip()
        if len(_WORD.findall(sentence)) >= MIN_SENTENCE_WORDS and len(sentence) <= MAX_SENTENCE_CHARS:
            found.append(sentence)
    return found


@dataclass(frozen=True)
class Definition:
    """``term`` is ``definition`` (from a sentence ``X is Y``)."""

    term: str
    definition: str
    sentence: str


def definitions(text: str) -> list[Definition]:
    """Definition-style sentences (``X is Y``, ``X means Y``, ``X refers to Y``), first of each term."""
    seen: set[str] = set()
    found = []
    for sentence in sentences(text):
        match = _DEFINITION.match(sentence)
        if match is None:
            continue
        term = match.group("term").strip()
        if len(term.split()) > 6 or term.casefold() in STOPWORDS or normalise(term) in seen:
            continue
        seen.add(normalise(term))
        found.append(Definition(term=term, definition=match.group("definition").strip(), sentence=sentence))
    return found


@dataclass
class CardDraft:
    """A card to create: kind, front, back, tags."""

    kind: str
    front: str
    back: str = ""
    tags: list[str] = field(default_factory=list)


def offline_cards(text: str, *, limit: int) -> list[CardDraft]:
    """Cloze cards from the text's key sentences: a defined term, else its most frequent content word.

    Sentences are ranked by how many of the text's frequent words they carry (as the extractive
    summary does) and kept in their order.
    """
    found = sentences(text)
    counts = Counter(w.casefold() for w in _WORD.findall(text) if w.casefold() not in STOPWORDS and len(w) > 3)
    defined = {d.sentence: d.term for d in definitions(text)}
    ranked = sorted(
        range(len(found)),
        key=lambda i: (found[i] not in defined, -sum(counts[w.casefold()] for w in _WORD.findall(found[i]))),
    )
    drafts = []
    for index in sorted(ranked[:limit]):
        sentence = found[index]
        term = defined.get(sentence) or _key_word(sentence, counts)
        if term is None:
            continue
        position = sentence.find(term)
        front = f"{sentence[:position]}{{{{c1::{term}}}}}{sentence[position + len(term) :]}"
        drafts.append(CardDraft(kind="CLOZE", front=front))
    return drafts


def _key_word(sentence: str, counts: Counter[str]) -> str | None:
    words = [w for w in _WORD.findall(sentence) if w.casefold() not in STOPWORDS and len(w) > 3]
    if not words:
        return None
    best: str = max(words, key=lambda w: (counts[w.casefold()], len(w)))
    return best


@dataclass
class QuestionDraft:
    """A question to create."""

    kind: str
    prompt: str
    answer: str
    choices: list[str] = field(default_factory=list)
    explanation: str = ""


def offline_questions(text: str, *, limit: int) -> list[QuestionDraft]:
    """Definition-style questions: short answer, multiple choice (with 3+ terms) and true/false, in turn."""
    found = definitions(text)
    terms = [d.term for d in found]
    drafts: list[QuestionDraft] = []
    for index, item in enumerate(found[:limit]):
        others = [t for t in terms if t != item.term]
        turn = index % 3
        if turn == 1 and len(others) >= 2:
            choices = sorted([item.term, *others[:3]], key=normalise)
            drafts.append(
                QuestionDraft(
                    kind="MULTIPLE_CHOICE",
                    prompt=f"Which term {_verb(item)}: {item.definition}?",
                    answer=item.term,
                    choices=choices,
                    explanation=item.sentence,
                )
            )
        elif turn == 2 and others:
            swapped = found[(index + 1) % len(found)]
            truthful = index % 2 == 0
            definition = item.definition if truthful else swapped.definition
            drafts.append(
                QuestionDraft(
                    kind="TRUE_FALSE",
                    prompt=f"True or false: {item.term} {_verb(item)} {definition}.",
                    answer="true" if truthful else "false",
                    choices=["true", "false"],
                    explanation=item.sentence,
                )
            )
        else:
            drafts.append(
                QuestionDraft(
                    kind="SHORT_ANSWER",
                    prompt=f"What {'are' if _verb(item) == 'are' else 'is'} {item.term}?",
                    answer=item.definition,
                    explanation=item.sentence,
                )
            )
    return drafts


def _verb(item: Definition) -> str:
    match = _DEFINITION.match(item.sentence)
    return match.group("verb") if match else "is"
