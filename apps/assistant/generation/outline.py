"""Course outlines: asked of the model as one ``outline`` tool call, or built by rules offline."""

from __future__ import annotations

import math
from typing import Any

import pydantic
from pydantic import BaseModel, ConfigDict, Field

from apps.assistant.providers.base import Message, Provider, ProviderError, ToolCallsRequested, ToolSpec


class OutlineTopic(BaseModel):
    """One topic of a module; hours are rescaled to fit the weekly budget."""

    model_config = ConfigDict(extra="ignore")
    title: str = Field(min_length=1, max_length=200)
    content: str = Field(default="", max_length=2000)
    estimated_hours: float | None = Field(default=None, gt=0, le=100)


class OutlineModule(BaseModel):
    """One week of the course."""

    model_config = ConfigDict(extra="ignore")
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    topics: list[OutlineTopic] = Field(min_length=1, max_length=10)


class Outline(BaseModel):
    """A course outline: one module per week."""

    model_config = ConfigDict(extra="ignore")
    description: str = Field(default="", max_length=2000)
    modules: list[OutlineModule] = Field(min_length=1, max_length=52)


OUTLINE_TOOL = ToolSpec(
    name="outline",
    description="Return the course outline: one module per week, each with its topics and estimated hours.",
    parameters=Outline.model_json_schema(),
)

# Per level: (first week, middle weeks numbered {n}, practice week, last week), each a module
# title template and its topic title templates, in the order a learner meets them.
Stage = tuple[str, tuple[str, ...]]
CURRICULA: dict[str, tuple[Stage, Stage, Stage, Stage]] = {
    "beginner": (
        (
            "Getting started with {t}",
            (
                "What {t} is and why it matters",
                "Key vocabulary of {t}",
                "Setting up your study toolkit",
                "First hands-on exercise",
                "Check your understanding",
            ),
        ),
        (
            "{t} fundamentals, part {n}",
            (
                "Core ideas {n}: guided reading",
                "Worked examples {n}",
                "Guided practice {n}",
                "Common mistakes to avoid",
                "Self-check quiz {n}",
            ),
        ),
        (
            "Applying {t}",
            (
                "A small practice project",
                "Solving typical problems",
                "Exercises from real situations",
                "Reflect on what you learned",
                "Peer or self review",
            ),
        ),
        (
            "Review and next steps in {t}",
            (
                "Recap of the key ideas",
                "Practice test",
                "Fill the gaps from the practice test",
                "Mini project",
                "Plan your next steps",
            ),
        ),
    ),
    "intermediate": (
        (
            "Refreshing the foundations of {t}",
            (
                "Review of the essentials of {t}",
                "Diagnostic exercises",
                "Closing the gaps",
                "Tools and references for {t}",
                "Set your learning targets",
            ),
        ),
        (
            "Deeper into {t}, part {n}",
            (
                "Concepts {n}: in-depth reading",
                "Worked problems {n}",
                "Independent practice {n}",
                "Connecting the ideas",
                "Quiz {n}",
            ),
        ),
        (
            "{t} in practice",
            (
                "Case study",
                "Project work",
                "Troubleshooting and edge cases",
                "Good practices in {t}",
                "Write up what you built",
            ),
        ),
        (
            "Capstone: a {t} project",
            (
                "Plan the capstone",
                "Build the capstone",
                "Test and refine",
                "Present your results",
                "Review and next steps",
            ),
        ),
    ),
    "advanced": (
        (
            "The landscape of advanced {t}",
            (
                "Survey of current approaches in {t}",
                "Key papers and references",
                "Open problems in {t}",
                "Choose a specialisation",
                "Set up your research notebook",
            ),
        ),
        (
            "Advanced topics in {t}, part {n}",
            (
                "Advanced concepts {n}: primary sources",
                "Derivations and proofs {n}",
                "Hard problems {n}",
                "Critique and compare approaches",
                "Write a summary of part {n}",
            ),
        ),
        (
            "Research and case studies in {t}",
            (
                "Analyse a case study",
                "Reproduce a published result",
                "Extend it with your own idea",
                "Performance and limitations",
                "Discuss your findings",
            ),
        ),
        (
            "Capstone and synthesis in {t}",
            (
                "Define the capstone question",
                "Carry out the work",
                "Evaluate rigorously",
                "Write the report",
                "Plan further study",
            ),
        ),
    ),
}


def split_hours(hours: float, parts: int) -> list[float]:
    """``hours`` split into ``parts`` quarter-hour amounts that add up exactly."""
    quarters = round(hours * 4)
    base, extra = divmod(quarters, parts)
    return [(base + (1 if index < extra else 0)) / 4 for index in range(parts)]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _stages(weeks: int, level: str) -> list[tuple[Stage, int]]:
    first, middle, practice, last = CURRICULA[level.lower()]
    if weeks == 1:
        return [(first, 0)]
    inner = weeks - 2
    with_practice = inner >= 3
    numbered = inner - 1 if with_practice else inner
    plan = [(first, 0)] + [(middle, n) for n in range(1, numbered + 1)]
    if with_practice:
        plan.append((practice, 0))
    return [*plan, (last, 0)]


def build_outline(*, topic: str, level: str, weeks: int, hours_per_week: int) -> Outline:
    """A deterministic outline: a module per week, from introduction through practice to review."""
    per_week = min(5, max(2, math.ceil(hours_per_week / 2)))
    modules = []
    for (title, topic_titles), part in _stages(weeks, level):
        hours = split_hours(hours_per_week, per_week)
        modules.append(
            OutlineModule(
                title=_sentence(title.format(t=topic, n=part)),
                topics=[
                    OutlineTopic(title=_sentence(name.format(t=topic, n=part)), estimated_hours=amount)
                    for name, amount in zip(topic_titles[:per_week], hours, strict=True)
                ],
            )
        )
    return Outline(
        description=f"A {weeks}-week {level.lower()} course on {topic}, about {hours_per_week} hours a week.",
        modules=modules,
    )


def fit_hours(outline: Outline, *, hours_per_week: int) -> Outline:
    """The outline with each module's topic hours rescaled (to quarter hours) to sum to ``hours_per_week``."""
    for module in outline.modules:
        weights = [topic.estimated_hours or 1.0 for topic in module.topics]
        quarters = round(hours_per_week * 4)
        shares = [max(1, math.floor(quarters * weight / sum(weights))) for weight in weights]
        shares[shares.index(max(shares))] += quarters - sum(shares)
        if min(shares) < 1:
            shares = [round(amount * 4) for amount in split_hours(hours_per_week, len(shares))]
        for topic, share in zip(module.topics, shares, strict=True):
            topic.estimated_hours = share / 4
    return outline


def outline_prompt(*, topic: str, level: str, weeks: int, hours_per_week: int) -> list[Message]:
    """The messages asking the model for the outline."""
    return [
        Message(
            role="system",
            content=(
                "You design self-study courses. Answer with exactly one call of the `outline` tool: "
                "one module per week, each with 2 to 6 concrete topics in learning order and estimated hours."
            ),
        ),
        Message(
            role="user",
            content=(
                f"Course topic: {topic}. Level: {level.lower()}. Length: {weeks} weeks "
                f"(exactly {weeks} modules), {hours_per_week} hours of study per week."
            ),
        ),
    ]


def outline_from_model(*, provider: Provider, topic: str, level: str, weeks: int, hours_per_week: int) -> Outline:
    """Ask ``provider`` for the outline; ``ProviderError`` when it does not give a valid one."""
    calls: list[Any] = []
    for event in provider.stream_turn(
        messages=outline_prompt(topic=topic, level=level, weeks=weeks, hours_per_week=hours_per_week),
        tools=[OUTLINE_TOOL],
    ):
        if isinstance(event, ToolCallsRequested):
            calls.extend(call for call in event.calls if call.name == OUTLINE_TOOL.name)
    if not calls:
        raise ProviderError("the model did not call the outline tool")
    try:
        outline = Outline.model_validate(calls[0].arguments)
    except pydantic.ValidationError as exc:
        raise ProviderError(f"the model's outline is invalid: {exc.error_count()} error(s)") from exc
    if len(outline.modules) != weeks:
        raise ProviderError(f"the model's outline has {len(outline.modules)} modules, not {weeks}")
    return fit_hours(outline, hours_per_week=hours_per_week)
