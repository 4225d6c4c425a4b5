"""Context filled into calls: the course, goal or parent a clause leaves out, and whether its targets are known."""

from __future__ import annotations

import re

from . import intent as classifier
from .abstain import READ_ONLY
from .calls import ToolCall
from .clarify import Clarify, maybe, pick, which
from .clauses import DATED_NUMBER, NAMED_CLEARLY, SLOTS, unrequested
from .goals import part_swapped
from .items import FILLER, STRONG, Item, Known, mentions, resolve, score, tokens, word_score
from .text import squash

# Tools whose clause must name an existing item of this kind.
NEEDS: dict[str, str] = {
    "delete_course": "course",
    "archive_course": "course",
    "rename_module": "module",
    "remove_module": "module",
    "rename_topic": "topic",
    "move_topic": "topic",
    "remove_topic": "topic",
    "complete_topic": "topic",
    "complete_goal_task": "task",
    "reopen_goal_task": "task",
    "date_goal_task": "task",
    "add_goal_task": "goal",
    "update_goal": "goal",
    "move_schedule_block": "block",
    "cancel_schedule_block": "block",
    "tag_note": "note",
    "summarize_note": "note",
    "delete_note": "note",
    "add_module": "course",
    "update_course": "course",
}


ABBREVIATED = 0.9  # a one-word title named by its abbreviation ("backprop") in a list of items


def with_course(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A new block linked to the course the clause names ("stats revision tmrw 2-4pm" -> Probability...)."""
    if call.name != "create_schedule_block" or "course" in call.arguments or "goal" in call.arguments:
        return call
    try:
        course = maybe("course", clause, known) or _course_of_subject(clause, known)
    except Clarify:
        return call
    if course is None:
        return call
    return ToolCall(call.name, {**call.arguments, "course": course.title, **_title_without(course, call, known)})


# "bayes practice for stats", "linear independence review, lin alg course": the course a title ends with.
_FOR_COURSE = re.compile(
    r"(?:\s+(?:for|in)\s+(?:my\s+|the\s+)?|\s*,\s*)(?P<course>[^,]+?)(?:\s+(?:course|class))?$", re.I
)


def _title_without(course: Item, call: ToolCall, known: Known) -> dict[str, str]:
    """The new block's title without the course it is linked to said at its end ({} when it does not end so)."""
    title = call.arguments.get("title")
    if not isinstance(title, str) or not (said := _FOR_COURSE.search(title)) or not title[: said.start()].strip():
        return {}
    if re.search(r"\b(?:exams?|finals?|midterms?|tests?|quiz(?:zes)?)\b", said["course"], re.I):
        return {}  # "prep for the stats exam": what the block is for, not only its course
    return {"title": title[: said.start()]} if resolve("course", said["course"], known).item == course else {}


def _course_of_subject(clause: str, known: Known) -> Item | None:
    """The course of the one topic or module a new block is about ("a half-hour eigenvalue drill" -> Linear
    Algebra), named by more than request words and at least as an inflection of a whole title word."""
    said = unrequested(clause)
    for kind in ("topic", "module"):
        found = resolve(kind, said, known)
        if found.item is not None and score(found.item.title, said) >= ABBREVIATED:
            return known.find("course", found.item.parent)
    return None


def with_goal(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A new block linked to the goal the clause names, or whose task it names ("MCAT review" -> "Pass the MCAT",
    "reading dune" -> the goal of "Read Dune"): named by more than request words, and ahead of the others."""
    if call.name != "create_schedule_block" or "goal" in call.arguments:
        return call
    goal_said = re.search(r"\bgoals?\b", clause, re.I)  # "for my 12 books goal": its words name it, request words too
    dropped = frozenset() if goal_said else classifier.bank_words()
    said = " ".join(w for w in tokens(DATED_NUMBER.sub(" ", clause)) if not w.isdigit() and w not in dropped)
    course = max((value for value, _ in mentions("course", said, known)[:1]), default=0.0)
    for kind in ("goal", "task"):
        found = mentions(kind, said, known)
        if not found or (len(found) > 1 and found[1][0] >= found[0][0]):
            continue
        value, item = found[0]
        half = 0.5 * len([w for w in tokens(item.title) if w not in FILLER])
        need = NAMED_CLEARLY if goal_said else max(NAMED_CLEARLY, half)
        if value >= need and (goal_said or value > course):  # "linear algebra" alone: the course's, not the goal's
            return ToolCall(call.name, {**call.arguments, "goal": item.title if kind == "goal" else item.parent})
    return call


# Tools on a topic, module or task that also take its parent: the parent's slot and kind.
WITH_PARENT = {
    "complete_topic": ("topic", "course"),
    "remove_topic": ("topic", "course"),
    "rename_topic": ("topic", "course"),
    "remove_module": ("module", "course"),
    "complete_goal_task": ("task", "goal"),
    "reopen_goal_task": ("task", "goal"),
    "date_goal_task": ("task", "goal"),
}


def with_parent(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """The course or goal the item belongs to, when the clause names it too ("remove backprop from the ML course")."""
    kind, parent_kind = WITH_PARENT.get(call.name, ("", ""))
    item = known.find(kind, str(call.arguments.get(SLOTS.get(kind, ""), ""))) if kind else None
    if item is None or not item.parent or parent_kind in call.arguments:
        return call
    own = set(tokens(item.title))
    rest = " ".join(w for w in clause.split() if not any(word_score(t, w.lower()) >= STRONG for t in own))
    found = mentions(parent_kind, rest, known)
    if found and found[0][1].title == item.parent and found[0][0] >= STRONG:
        return ToolCall(call.name, {**call.arguments, parent_kind: item.parent})
    return call


RENAMES = {"update_course": "course", "rename_module": "module", "rename_topic": "topic"}


def renamed_after_title(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A new name read after the item's whole title: "rename Intro to Machine Learning to ML 101" split at the first
    "to" named the course by "Intro" and took "Machine Learning to ML 101" for the new name. A goal changed "from X
    to Y" keeps its title with Y for X."""
    goal = known.find("goal", str(call.arguments.get("goal", ""))) if call.name == "update_goal" else None
    if goal is not None and "title" in call.arguments and (swapped := part_swapped(goal.title, clause)):
        return ToolCall(call.name, {**call.arguments, "title": swapped})  # "from B+ to A-": that part of its title
    kind = RENAMES.get(call.name)
    item = known.find(kind, str(call.arguments.get(kind, ""))) if kind else None
    title = str(call.arguments.get("title", ""))
    if item is None or not title:
        return call
    after = re.search(rf"{re.escape(item.title)}['\"”]?\s+(?:to|as|into)\s+(.+?)\W*$", clause, re.I)
    new = squash(after.group(1)).strip("'\"“”") if after else ""
    if new and new != title and title.casefold().endswith(new.casefold()):
        return ToolCall(call.name, {**call.arguments, "title": new})
    return call


def targets_known(calls: list[ToolCall], known: Known) -> list[ToolCall]:
    """The calls, each write naming an existing item where its tool needs one; else ask which (nothing written). A
    topic's course that is none of the learner's ("tick off X, i'm in a study group now") is left out."""
    calls = [
        ToolCall(call.name, {k: v for k, v in call.arguments.items() if k != "course"})
        if call.name == "complete_topic"
        and isinstance(course := call.arguments.get("course"), str)
        and not known.find("course", course)
        and known.find("topic", str(call.arguments.get("topic", "")))
        else call
        for call in calls
    ]
    for call in calls:
        kind = NEEDS.get(call.name)
        value = call.arguments.get(SLOTS[kind]) if kind else None
        if kind and call.name not in READ_ONLY and known.of(kind) and not (value and known.find(kind, str(value))):
            pick(kind, "", known)
        for slot in _REPORTED.get(call.name, ()):  # "how am i doing in biochem" with no such course: which one
            said = call.arguments.get(slot)
            if isinstance(said, str) and known.of(slot) and not known.find(slot, said):
                pick(slot, "", known)
    return calls


# Reports on the learner's own items (and a timer on one), by the argument naming the item.
_REPORTED = {
    "get_progress": ("course", "topic"),
    "get_insights": ("course",),
    "summarize_note": ("note",),
    "start_study_session": ("course", "topic"),  # "start the timer for biology" with no such course: which one
}


# Reports on one course: the remark told before them may name it.
_COURSE_REPORTS = frozenset({"get_insights", "get_progress"})
# A report asked over everything: "how am i doing overall", "where am i weakest in general".
_OVER_ALL = re.compile(
    r"\b(?:overall|in\s+general|across|everything|all\s+(?:my\s+)?(?:courses|classes|subjects))\b", re.I
)


def course_told(call: ToolCall, clause: str, told: str, known: Known) -> ToolCall:
    """A report whose clause names no course, on the one course the remark told before it names ("i keep forgetting
    stuff in lin alg, where am i weakest": Linear Algebra), unless the clause asks over everything."""
    if call.name not in _COURSE_REPORTS or call.arguments or _OVER_ALL.search(clause):
        return call
    named = mentions("course", told, known)
    return ToolCall(call.name, {"course": named[0][1].title}) if len(named) == 1 else call


def narrower(call: ToolCall, other: ToolCall) -> bool:
    """Whether ``other`` is the same tool with every argument of ``call`` and more."""
    return (
        call.name == other.name
        and call is not other
        and len(other.arguments) > len(call.arguments)
        and all(other.arguments.get(k) == v for k, v in call.arguments.items())
    )


# A topic named only by its course and its kind: "done with the lin alg topic" names no one topic of it.
_THE_COURSE_TOPIC = re.compile(r"\bthe\s+(?P<course>[\w&+'/-]+(?:\s+[\w&+'/-]+){0,2}?)\s+topic\b", re.I)


def course_topic_unnamed(calls: list[ToolCall], clause: str, known: Known) -> None:
    """Ask which topic when a topic is completed that the clause names only as "the <course> topic" and the course
    has several."""
    if not any(call.name == "complete_topic" for call in calls) or not (m := _THE_COURSE_TOPIC.search(clause)):
        return
    course = resolve("course", m["course"], known).item
    if course is None or any(item.title.casefold() == m["course"].casefold() for item in known.of("topic")):
        return
    topics = tuple(item for item in known.of("topic") if item.parent == course.title)
    rest = clause[: m.start()] + clause[m.end() :]
    if len(topics) > 1 and not mentions("topic", rest, known):
        raise Clarify(which("topic", known, topics))
