"""Items listed under the item a request adds them to: tasks after a colon ("add tasks to that goal: take practice
test 1, review amino acids"), topics of a new module ("add a module Integrals to calc with topics riemann sums and
u-substitution").

The goal or module is the one the pipeline resolved for the request (a pronoun, a nickname, the previous message);
each listed item is added to it, where the clauses after the first were read as requests of their own.
"""

from __future__ import annotations

import re

from .calls import ToolCall
from .text import squash

_TASKS_FOR = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|also|and|pls|please|can\s+(?:you|u)|could\s+(?:you|u))\W+)*"
    r"(?:add|put|create|make|give\s+(?:it|that|this))\s+"
    r"(?:(?:some|a\s+few|a\s+couple(?:\s+of)?|these|the\s+following|two|three|four|five|\d+)\s+)?(?:new\s+)?"
    r"(?:tasks|steps|to-?dos|subtasks)\s+(?:to|for|under|in(?:to)?)\s+(?P<goal>[^:]+?)\s*:\s*(?P<list>.+?)\W*$",
    re.I | re.S,
)


def listed_tasks(text: str, calls: list[ToolCall]) -> list[ToolCall]:
    """One ``add_goal_task`` per task listed after the colon, on the goal of the first; else ``calls`` unchanged."""
    listed = _TASKS_FOR.match(text.strip())
    first = next((call for call in calls if call.name == "add_goal_task"), None)
    if listed is None or first is None:
        return calls
    tasks = [squash(piece).strip("'\"“”") for piece in _pieces(listed["list"])]
    if len(tasks) < 2 or any(not task for task in tasks):
        return calls
    return [ToolCall("add_goal_task", {"goal": first.arguments["goal"], "title": task}) for task in tasks]


_MODULE_TOPICS = re.compile(
    r"\bmodule\b.*?(?:\bwith\s+(?:the\s+|a\s+|an\s+)?(?:topics?|lessons?)\s*:?\s*|\((?:topics?\s*:\s*)?)(?P<list>[^()]+?)\)?\W*$",
    re.I | re.S,
)


def module_topics(text: str, calls: list[ToolCall]) -> list[ToolCall]:
    """A new module with the topics listed for it: the ``add_module`` call, then an ``add_topic`` per topic."""
    listed = _MODULE_TOPICS.search(text)
    added = [call for call in calls if call.name == "add_module"]
    if listed is None or len(added) != 1 or any(call.name == "add_topic" for call in calls):
        return calls
    module = added[0].arguments
    topics = [squash(piece).strip("'\"“”") for piece in _pieces(listed["list"])]
    if re.search(r"[():]", module["title"]) or any(
        not topic or topic.casefold() == module["title"].casefold() for topic in topics
    ):
        return calls  # the module's name was not read apart from its topics
    return [
        *calls,
        *(ToolCall("add_topic", {"course": module["course"], "title": t, "module": module["title"]}) for t in topics),
    ]


def _pieces(listed: str) -> list[str]:
    """ "a, b and c": split at commas and semicolons, and at the first "and" of the last piece only ("review supply and
    demand" stays whole after "go to office hours and")."""
    *kept, last = re.split(r"\s*[,;]\s*", listed)
    return [*kept, *re.split(r"\s+and\s+", re.sub(r"^and\s+", "", last), maxsplit=1)]
