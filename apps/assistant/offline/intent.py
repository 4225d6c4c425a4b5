"""Intent by nearest neighbours: a clause's WordLlama vector against the labelled example bank.

The model is the project's offline embedder (``apps.learning.embeddings.local_model``), loaded once per
process; the bank's vectors are computed once too. The ``K`` nearest examples vote, weighted by
similarity; the answer carries the winner's share of the vote and its best similarity, so the caller
can ask instead of guessing when neither is high.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from apps.learning.embeddings.local_model import wordllama_model

from .bank import BANK
from .words import english_words

K = 5
TEMPERATURE = 0.05  # a neighbour 0.05 less similar than the nearest weighs e times less
# Key words a learner misspells; a word within this similarity is read as the key word.
KEYWORDS = (
    "schedule",
    "reschedule",
    "cancel",
    "delete",
    "remove",
    "rename",
    "module",
    "topic",
    "course",
    "goal",
    "finished",
    "completed",
    "summarize",
    "summarise",
    "remember",
    "forget",
    "tomorrow",
    "session",
    "conflicts",
    "progress",
    "archive",
    "recommend",
    "overlap",
    "search",
    "notes",
    "reopen",
    "study",
    "studying",
    "tuesday",
    "wednesday",
    "thursday",
    "saturday",
    "monday",
    "friday",
    "sunday",
    "minutes",
    "weekly",
    "priority",
    "between",
    "flashcards",
)
# Four-letter key words misspelled by two neighbouring letters swapped ("waht", "hwat", "tsak"): corrected only by
# such a swap, as any edit of one letter in four reaches other words.
_SHORT_KEYWORDS = frozenset({"what", "when", "with", "have", "goal", "note", "task", "quiz"})
ABBREVIATIONS = {
    "tmrw": "tomorrow",
    "calender": "calendar",  # a real word (a press), but in a request always the calendar
    "calander": "calendar",
    "tmr": "tomorrow",
    "tmrow": "tomorrow",
    "tmw": "tomorrow",
    "2moro": "tomorrow",
    "tonite": "tonight",
    "u": "you",
    "pls": "please",
    "plz": "please",
    "w/": "with",
    "hrs": "hours",
    "prio": "priority",
    "hr": "hour",
    "mins": "minutes",
    "min": "minutes",
    "nts": "note to self",
    "wanna": "want to",
    "gonna": "going to",
    "thx": "thanks",
    "ty": "thanks",
    "fr": "really",  # slang for "for real"; never a weekday ("fri")
    "b4": "before",
    "asap": "as soon as possible",
    "wk": "week",
    "lemme": "let me",
    "mv": "move",
    "rm": "remove",
    "appt": "appointment",
    "pset": "problem set",
    "psets": "problem sets",
    "isnt": "isn't",
    "didnt": "didn't",
    "dont": "don't",
    "cant": "can't",
    "wont": "won't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "doesnt": "doesn't",
    "arent": "aren't",
    "tomorrows": "tomorrow's",
    "todays": "today's",
    "tonights": "tonight's",
    "abt": "about",
    "wat": "what",
    "wut": "what",
    "wats": "what's",
    "wuts": "what's",
    "hows": "how's",
    "whens": "when's",
    "theres": "there's",
    "hav": "have",
    "2day": "today",
    "2nite": "tonight",
    "smth": "something",
    "thru": "through",
}


@dataclass(frozen=True)
class Intent:
    """The winning intent, its share of the neighbours' vote (0..1), its best similarity, and the no-action share."""

    name: str
    share: float
    similarity: float
    chat: float = 0.0  # the share of the vote that went to the bank's non-action class


@functools.cache
def bank_words() -> frozenset[str]:
    """Every word of the bank: the vocabulary of requests, never read as part of an item's name."""
    return frozenset(re.findall(r"[a-z0-9]+", " ".join(t for examples in BANK.values() for t in examples)))


@dataclass
class BankChoice:
    """The bank's examples: the hand-written ones, and the labelled rows when switched on (less those left out)."""

    labelled: bool = False
    excluded: frozenset[str] = frozenset()


BANK_CHOICE = BankChoice()


def use_bank(*, labelled: bool = False, excluded: frozenset[str] = frozenset()) -> None:
    """Choose the bank's examples (for evaluation: the hand bank alone, or a fold left out); vectors recomputed."""
    BANK_CHOICE.labelled, BANK_CHOICE.excluded = labelled, excluded
    _bank.cache_clear()


@functools.cache
def _bank() -> tuple[list[str], np.ndarray]:
    pairs = [(name, text) for name, examples in BANK.items() for text in examples]
    if BANK_CHOICE.labelled:
        from .labelled import examples  # noqa: PLC0415 - labelled masks with understand, which imports this module

        pairs += examples(BANK_CHOICE.excluded)
    labels = [name for name, _ in pairs]
    return labels, np.asarray(wordllama_model().embed([text for _, text in pairs], norm=True), dtype=np.float32)


def correct_word(word: str) -> str:
    """A misspelled key word ('schedual', 'cancle', 'waht') as the key word; a real word or any other word
    unchanged."""
    if not word.isalpha() or word in KEYWORDS or word in _SHORT_KEYWORDS or word in english_words():
        return word
    if len(word) < 5:
        swaps = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1)}
        return next(iter(sorted(swaps & _SHORT_KEYWORDS)), word)
    found = process.extractOne(word, KEYWORDS, scorer=fuzz.ratio, score_cutoff=83)
    return found[0] if found else word


def classify(text: str) -> Intent:
    """The bank's intent nearest to ``text`` (item names already masked by their kind)."""
    labels, matrix = _bank()
    vector = np.asarray(wordllama_model().embed([text], norm=True), dtype=np.float32)[0]
    if not np.all(np.isfinite(vector)):
        return Intent("chat", 1.0, 0.0, 1.0)
    similarities = matrix @ vector
    nearest = np.argsort(-similarities)[:K]
    votes: dict[str, float] = {}
    for index in nearest:
        weight = float(np.exp((similarities[index] - similarities[nearest[0]]) / TEMPERATURE))
        votes[labels[index]] = votes.get(labels[index], 0.0) + weight
    name = max(votes, key=lambda label: votes[label])
    total = sum(votes.values()) or 1.0
    best = max(float(similarities[i]) for i in nearest if labels[i] == name)
    return Intent(name, votes[name] / total, best, votes.get("chat", 0.0) / total)
