"""Offline answers from the learner's own material: the passages' sentences that best match a question."""

from __future__ import annotations

import re

from apps.assistant.providers.base import Passage
from apps.learning.embeddings.hashed import STOP_WORDS, stem

NOTHING_FOUND = (
    "I found nothing about that in your notes or study materials. Upload the material you study from "
    "(Materials) or write a note, and ask again."
)
QUOTED_PASSAGES = 2
QUOTE_SIMILARITY = 0.22  # below it, 2 of 118 retrievable paraphrases of bench.relevance (docs/search.md)
_QUESTION = re.compile(
    r"^\s*(?:what|why|how|who|when|where|which|explain|define|describe|summari[sz]e|tell me|"
    r"is|are|does|do|can)\b|\b(?:explain|describe|define|understand|main\s+points|confused\s+about|"
    r"(?:do\s*n[o']?t|dont)\s+get|remind\s+me\s+(?:what|how|why|about))\b|\?\s*$",
    re.I,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def is_question(text: str) -> bool:
    """Whether a message asks something (rather than asks for an action)."""
    return bool(_QUESTION.search(text))


def _stems(text: str) -> set[str]:
    return {stem(word) for word in _WORD.findall(text.lower()) if word not in STOP_WORDS}


def _best_sentence(question: set[str], passage: Passage) -> str:
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(passage.text.split())) if s.strip()]
    if not sentences:
        return ""
    return max(sentences, key=lambda sentence: (len(question & _stems(sentence)), -sentences.index(sentence)))


def related(question: str, text: str, similarity: float) -> bool:
    """Whether a found text shares a content word with the question or is close to it in meaning.

    Retrieval keeps matches from a low similarity, which a short message reaches by chance ("hi"
    is about 0.15 from an unrelated note); being about the question needs a shared word or
    ``QUOTE_SIMILARITY``.
    """
    return similarity >= QUOTE_SIMILARITY or bool(_stems(question) & _stems(text))


def relevant(question: str, passages: tuple[Passage, ...]) -> bool:
    """Whether one of the top passages (the ones quoted) is :func:`related` to the question."""
    return any(
        related(question, f"{passage.title} {passage.text}", passage.similarity)
        for passage in passages[:QUOTED_PASSAGES]
    )


def grounded_answer(question: str, passages: tuple[Passage, ...], *, numbered: bool = True) -> str:
    """Quote the best-matching sentence of each of the top passages, cited ``[n]`` (the prompt's numbers) with
    title and page, or by title and page alone (``numbered`` False: passages a tool found, which have no number)."""
    asked = _stems(question)
    cites: dict[str, list[str]] = {}  # a sentence found in two passages (the same file uploaded twice) is quoted once
    for number, passage in enumerate(passages[:QUOTED_PASSAGES], start=1):
        sentence = _best_sentence(asked, passage)
        if sentence:
            cites.setdefault(sentence, []).append(f"[{number}] ({passage.where})" if numbered else f"({passage.where})")
    quotes = [f"“{sentence}” {' '.join(where)}" for sentence, where in cites.items()]
    return ("From your material: " + " ".join(quotes)) if quotes else NOTHING_FOUND
