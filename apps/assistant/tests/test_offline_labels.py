"""The labelled examples of the offline parser name real tools with arguments their schemas accept.

The parser and the tools are linked only by names and keys; these tests keep the two in step: a
label (or a parse) that names a missing tool, an unknown argument or a value of the wrong type fails.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from apps.assistant.offline.parser import parse
from apps.assistant.tools.registry import get_tool

DATA = Path(__file__).resolve().parent.parent / "offline" / "data"
EXAMPLES = [
    pytest.param(example, id=f"{path.stem}:{line}")
    for path in sorted(DATA.glob("*.jsonl"))
    for line, example in enumerate((json.loads(text) for text in path.read_text().splitlines() if text.strip()), 1)
]

FRESH_TEXTS = {
    json.loads(text)["text"]
    for name in ("measure", "measure2", "tune", "tune3")
    for text in (DATA / f"{name}.jsonl").read_text().splitlines()
    if text.strip()
}


def call_problems(name: str, arguments: dict[str, Any], *, partial: bool = False) -> list[str]:
    """Why the call ``name(**arguments)`` would be refused by the registry or the tool's schema.

    ``partial``: the fresh sets label only the arguments that matter, so a required one left out is
    not a problem there (an unknown tool, an unknown key or a wrong value still is).
    """
    tool = get_tool(name)
    if tool is None:
        return [f"no tool named {name!r}"]
    try:
        tool.arguments.model_validate(arguments)
    except ValidationError as error:
        issues = [issue for issue in error.errors() if not (partial and issue["type"] == "missing")]
        return [f"{name}: {'.'.join(map(str, issue['loc']))}: {issue['msg']}" for issue in issues]
    return []


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_labelled_call_fits_its_tool(example: dict[str, Any]):
    assert example["expected"] is not None
    partial = example["text"] in FRESH_TEXTS  # the fresh sets label only the arguments that matter
    problems = [
        problem
        for call in example["expected"]
        for problem in call_problems(call["name"], call["arguments"], partial=partial)
    ]
    assert problems == [], example["text"]


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_parse_of_a_labelled_text_fits_its_tool(example: dict[str, Any]):
    now = datetime.fromisoformat(example["now"])
    calls = parse(example["text"], now=now, timezone=example["timezone"])
    problems = [problem for call in calls for problem in call_problems(call.name, call.arguments)]
    assert problems == [], example["text"]


def test_a_partial_label_may_leave_out_a_required_argument_but_nothing_else():
    assert call_problems("create_schedule_block", {"start": "2026-03-05T16:00"}, partial=True) == []
    assert call_problems("create_schedule_block", {"start": "2026-03-05T16:00"}) == [
        "create_schedule_block: title: Field required"
    ]
    assert call_problems("create_schedule_block", {"start": "tomorrow"}, partial=True) != []


def test_a_bad_label_is_caught():
    assert call_problems("create_course", {"title": "Physics"}) == []
    assert call_problems("make_course", {"title": "Physics"}) == ["no tool named 'make_course'"]
    assert call_problems("create_course", {"title": "Physics", "colour": "red"}) == [
        "create_course: colour: Extra inputs are not permitted"
    ]
    assert call_problems("create_schedule_block", {"title": "Study", "start": "tomorrow", "duration_minutes": 60})
    assert call_problems("create_goal", {"title": "Pass", "target_date": "2026-02-30"})
