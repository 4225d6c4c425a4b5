"""A trigram language model of what learners say to the assistant, for the offline recogniser.

Built from the assistant's development examples (``apps/assistant/offline/data/dev.jsonl``; the
held-out and blind sets stay unseen, for measuring) and ``data/subjects.txt`` (subjects in a few
command shapes), with digits spelt out as spoken. Absolute discounting with back-off, written
once per process as an ARPA file in the temporary directory (a few milliseconds; nothing downloaded).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from django.conf import settings

DISCOUNT = 0.5
EXAMPLES = Path(settings.BASE_DIR) / "apps" / "assistant" / "offline" / "data" / "dev.jsonl"
SUBJECTS = Path(__file__).parent / "data" / "subjects.txt"
SHAPES = ("create a course on {}", "make me a course on {}", "study {} tomorrow", "add a note about {}")
_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def number_words(number: int) -> str:
    """``45`` -> ``forty five`` (0 to 999; larger numbers digit by digit)."""
    if number < 20:
        return _ONES[number]
    if number < 100:
        return _TENS[number // 10] + ("" if number % 10 == 0 else " " + _ONES[number % 10])
    if number < 1000:
        rest = number % 100
        return _ONES[number // 100] + " hundred" + ("" if rest == 0 else " " + number_words(rest))
    return " ".join(_ONES[int(digit)] for digit in str(number))


def spoken_words(text: str) -> list[str]:
    """``text`` as the words one would say: lower case, digits spelt out, punctuation dropped."""
    text = re.sub(r"\d+", lambda match: f" {number_words(int(match.group()))} ", text.lower())
    return re.findall(r"[a-z]+(?:'[a-z]+)?", text)


def corpus() -> list[list[str]]:
    """The sentences the model learns from."""
    texts = [json.loads(line)["text"] for line in EXAMPLES.read_text().splitlines() if line.strip()]
    subjects = [line.strip() for line in SUBJECTS.read_text().splitlines() if line.strip()]
    texts += [shape.format(subject) for subject in subjects for shape in SHAPES]
    return [words for words in (spoken_words(text) for text in texts) if words]


def arpa(sentences: Iterable[list[str]]) -> str:
    """A back-off trigram model of ``sentences`` in ARPA format."""
    padded = [["<s>", *words, "</s>"] for words in sentences]
    grams: list[Counter[tuple[str, ...]]] = [Counter() for _ in range(3)]
    for words in padded:
        for order in range(3):
            grams[order].update(zip(*(words[i:] for i in range(order + 1)), strict=False))
    total = sum(count for (word,), count in grams[0].items() if word != "<s>")
    vocabulary = len(grams[0])
    unigram = {gram: (count + 1) / (total + vocabulary) for gram, count in grams[0].items()}
    context = [Counter[tuple[str, ...]]() for _ in range(3)]
    followers: list[defaultdict[tuple[str, ...], list[tuple[str, ...]]]] = [defaultdict(list) for _ in range(3)]
    for order in (1, 2):
        for gram, count in grams[order].items():
            context[order][gram[:-1]] += count
            followers[order][gram[:-1]].append(gram)
    probability: list[dict[tuple[str, ...], float]] = [unigram, {}, {}]
    for order in (1, 2):
        for gram, count in grams[order].items():
            probability[order][gram] = (count - DISCOUNT) / context[order][gram[:-1]]

    def lower(gram: tuple[str, ...]) -> float:
        if len(gram) == 1:
            return unigram[gram]
        return probability[len(gram) - 1].get(gram) or backoff(gram[:-1]) * lower(gram[1:])

    def backoff(history: tuple[str, ...]) -> float:
        seen = followers[len(history)].get(history, [])
        if not seen:
            return 1.0
        left = DISCOUNT * len(seen) / context[len(history)][history]
        return left / max(1e-9, 1 - sum(lower(gram[1:]) for gram in seen))

    def log(value: float) -> str:
        return f"{math.log10(value):.4f}"

    lines = ["\\data\\", *(f"ngram {order + 1}={len(probability[order])}" for order in range(3)), ""]
    for order in range(3):
        lines.append(f"\\{order + 1}-grams:")
        for gram in sorted(probability[order]):
            score = "-99" if gram == ("<s>",) else log(probability[order][gram])
            tail = f" {log(backoff(gram))}" if order < 2 else ""
            lines.append(f"{score} {' '.join(gram)}{tail}")
        lines.append("")
    lines.append("\\end\\")
    return "\n".join(lines) + "\n"


@cache
def commands_arpa() -> Path:
    """The commands model's ARPA file, written once per process (named by its content)."""
    text = arpa(corpus())
    path = Path(tempfile.gettempdir()) / f"maigie-voice-{hashlib.sha256(text.encode()).hexdigest()[:16]}.arpa"
    if not path.exists():
        partial = path.with_suffix(f".{id(text)}.tmp")
        partial.write_text(text)
        partial.replace(path)
    return path
