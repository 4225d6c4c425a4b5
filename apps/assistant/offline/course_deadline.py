"""A new course and what the same message says of it: a date to be done with "it" is its target date, not a new
goal ("set up a course on microeconomics, i want to be done (with it) by the end of next month"); a block named by
its words is its block."""

from __future__ import annotations

import re

from .calls import ToolCall
from .items import tokens

_DONE_WITH_IT = re.compile(
    r"^\W*(?:be\s+|get\s+)?(?:done|finished|through)(?:\s+with\s+(?:it|this|that))?\W*$|"
    r"^\W*(?:finish|complete|wrap\s+up|get\s+through)\s+(?:it|this|that)\W*$",
    re.I,
)


def course_deadline(calls: list[ToolCall]) -> list[ToolCall]:
    """The calls with a goal "to be done with it" folded into the one new course as its target date."""
    courses = [call for call in calls if call.name == "create_course"]
    goals = [
        call
        for call in calls
        if call.name == "create_goal"
        and "target_date" in call.arguments
        and _DONE_WITH_IT.match(str(call.arguments.get("title", "")))
    ]
    if len(courses) != 1 or len(goals) != 1 or "target_date" in courses[0].arguments:
        return calls
    dated = ToolCall("create_course", {**courses[0].arguments, "target_date": goals[0].arguments["target_date"]})
    return [dated if call is courses[0] else call for call in calls if call is not goals[0]]


_ACTIVITY_WORDS = frozenset({"study", "session", "review", "practice"})  # "chemistry study" names "Chemistry 2"


def block_of_new_course(calls: list[ToolCall]) -> list[ToolCall]:
    """A new block named by the words of the one course created in the same message is that course's ("create a
    course Physics 1 ..., and put a physics session every monday")."""
    courses = [call for call in calls if call.name == "create_course"]
    if len(courses) != 1 or not isinstance(course := courses[0].arguments.get("title"), str):
        return calls
    course_words = set(tokens(course))
    return [
        ToolCall(call.name, {**call.arguments, "course": course})
        if call.name == "create_schedule_block"
        and "course" not in call.arguments
        and (said := set(tokens(str(call.arguments.get("title", "")))))
        and said & course_words  # "review session" alone names no course
        and said - _ACTIVITY_WORDS <= course_words
        else call
        for call in calls
    ]
