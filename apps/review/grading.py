"""Grading of short answers: a normalised match, else the configured model, else (offline or when the model
fails) meaning similarity with the local WordLlama model.

Thresholds (docs/review.md, "Short answers"): a cosine similarity of the two answers' WordLlama vectors
at least :data:`SIMILAR` counts as right. It was chosen on a calibration set of 12 pairs (right
paraphrases scored 0.50-0.81, wrong answers 0.05-0.26), not on the test set.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, Field

from apps.accounts.models import User
from apps.assistant.providers.base import Message, Provider, ProviderError, ToolCall, ToolCallsRequested, ToolSpec
from apps.assistant.providers.selection import providers_for
from apps.learning.embeddings.local_model import WordLlamaEmbeddings
from apps.review.text import normalise

logger = logging.getLogger(__name__)

SIMILAR = 0.45
MAX_SOURCE_CHARS = 20_000

Method = Literal["blank", "normalised_match", "model", "similar_meaning", "not_similar"]


def ask_tool(provider: Provider, tool: ToolSpec, prompt: str, text: str) -> dict[str, Any]:
    """The arguments of the model's call of ``tool`` for ``prompt`` on ``text``; ProviderError when it calls none."""
    calls: list[ToolCall] = []
    messages = [
        Message(role="system", content=f"You write study material. Answer only by calling the {tool.name} tool."),
        Message(role="user", content=f"{prompt}\n\n---\n{text[:MAX_SOURCE_CHARS]}"),
    ]
    for event in provider.stream_turn(messages=messages, tools=[tool]):
        if isinstance(event, ToolCallsRequested):
            calls.extend(call for call in event.calls if call.name == tool.name)
    if not calls:
        raise ProviderError(f"the model did not call the {tool.name} tool")
    return calls[0].arguments


class ModelGrade(BaseModel):
    """The model's verdict on one answer."""

    number: int = Field(ge=1)
    correct: bool
    reasoning: str = Field(min_length=1, max_length=1000)


class ModelGrades(BaseModel):
    grades: list[ModelGrade] = Field(max_length=100)


GRADES_TOOL = ToolSpec(
    name="grades",
    description="Return for each numbered answer whether it is right (the same meaning as the expected answer, "
    "allowing other words) and a one-sentence reasoning addressed to the learner.",
    parameters=ModelGrades.model_json_schema(),
)


@dataclass(frozen=True)
class Grade:
    """Whether a short answer is right, how that was decided, the similarity when measured, and why."""

    correct: bool
    method: Method
    similarity: float | None
    reasoning: str


def similarity(given: str, expected: str) -> float:
    """The cosine similarity of the two texts' WordLlama vectors (unit length; 0 for a text without words)."""
    first, second = WordLlamaEmbeddings().embed([given, expected])
    return round(sum(a * b for a, b in zip(first, second, strict=True)), 3)


def grade_short_answers(*, user: User, items: Sequence[tuple[str, str, str]]) -> list[Grade]:
    """Grade ``(prompt, expected, given)`` short answers: a normalised match or a blank first; the rest by the
    configured model in one call (``method: "model"``, its reasoning), or offline by :func:`grade_short_answer`
    when the provider is offline or the model fails or leaves an answer out."""
    grades = [_by_text(given, expected) for _, expected, given in items]
    open_items = [i for i, grade in enumerate(grades) if grade is None]
    by_model: dict[int, Grade] = {}
    provider, _ = providers_for(user)
    if open_items and provider.name != "offline":
        listed = "\n\n".join(
            f"{n}. Question: {items[i][0]}\nExpected: {items[i][1]}\nLearner: {items[i][2]}"
            for n, i in enumerate(open_items, start=1)
        )
        try:
            verdicts = ModelGrades.model_validate(ask_tool(provider, GRADES_TOOL, "Grade these answers:", listed))
            for verdict in verdicts.grades:
                if verdict.number <= len(open_items):
                    by_model[open_items[verdict.number - 1]] = Grade(verdict.correct, "model", None, verdict.reasoning)
        except (ProviderError, pydantic.ValidationError) as exc:
            logger.warning("grading by the model failed, grading offline: %s", exc)
    return [grade or by_model.get(i) or grade_short_answer(items[i][2], items[i][1]) for i, grade in enumerate(grades)]


def _by_text(given: str, expected: str) -> Grade | None:
    given_n, expected_n = normalise(given), normalise(expected)
    if not given_n:
        return Grade(False, "blank", None, "No answer given.")
    if given_n == expected_n:
        return Grade(
            True, "normalised_match", None, "Matches the expected answer (case, punctuation and articles ignored)."
        )
    return None


def grade_short_answer(given: str, expected: str) -> Grade:
    """Right when equal to the expected answer once normalised (case, punctuation, articles and spacing
    ignored), else when similar enough in meaning (:data:`SIMILAR`); the reasoning says which, with the score."""
    by_text = _by_text(given, expected)
    if by_text is not None:
        return by_text
    score = similarity(given, expected)
    if score >= SIMILAR:
        reasoning = f"Similar in meaning to the expected answer: similarity {score:.2f} (right from {SIMILAR:.2f})."
        return Grade(True, "similar_meaning", score, reasoning)
    reasoning = f"Not similar enough to the expected answer: similarity {score:.2f} (below {SIMILAR:.2f})."
    return Grade(False, "not_similar", score, reasoning)
