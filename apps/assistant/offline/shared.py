"""Courses shared in the learner's study spaces: list them, or mark one of their topics done or not done.

The learner's own items never hold a shared course's topics, so a shared topic is named by the words the
learner wrote: a message that says the course is shared ("the shared X course", "our group's course", "my
study group's course", "the study space") and marks, ticks, unchecks or undoes a topic gives
``complete_shared_topic`` with that topic's words (quoted, after the marking verb, or told done before "tick it
off"). Where it was done may be the space or group alone ("in the cold war study space - mark 'Yalta' done").
"""

from __future__ import annotations

import re

from .calls import ToolCall
from .items import Known, resolve
from .text import squash

# The course is someone else's, shared with the learner in a space or a study group.
SHARED = re.compile(
    r"\b(?:shared|study\s+(?:group|space)s?|group'?s|(?:our|my)\s+(?:study\s+)?group|(?:our|my|the)\s+(?:study\s+)?space|"
    r"group\s+(?:course|class)|(?:we|they)\s+share[sd]?)\b",
    re.I,
)
# Where the course is named: "in the shared econ course", "in our group's bio course", "in the algorithms course
# my study group shared", "in the shared course from my study group".
_COURSE = re.compile(
    r"\b(?:in|from|of|on)\s+(?:the\s+|our\s+|my\s+)?(?:(?:study\s+)?group(?:'?s)?\s+|shared\s+)?"
    r"(?P<name>(?:[\w'+&.-]+\s+){0,4}?)(?:course|class)\b"
    r"(?:\s+(?:that\s+)?(?:(?:my|our)\s+(?:study\s+)?group|we|they)\s+(?:shared|shares?|uses?)"
    r"|\s+(?:(?:that'?s|that\s+is)\s+)?shared\s+with\s+(?:me|us)"
    r"|\s+(?:from|of|in)\s+(?:my|our|the)\s+(?:study\s+)?(?:group|space))?",
    re.I,
)
# Where the topic was done, when no course is named: "in the study group", "in the cold war study space".
_SPACE = re.compile(
    r"\b(?:in|from|on)\s+(?:the|our|my)\s+(?:(?:[\w'+&.-]+\s+){0,3}?study\s+(?:group|space)|group|space)\b", re.I
)
# A topic told done before it is marked: "we did Graph Traversal in the study group, tick it off", "finished
# Recursion in the shared course, check it off".
_TOPIC_DONE = re.compile(
    r"(?:\b(?:we|i)\s+|^\W*)(?:just\s+)?(?:did|covered|finished|went\s+over|got\s+through|completed)\s+"
    r"(?:the\s+topic\s+)?"
    r"(?P<topic>.+?)(?=\s+(?:in|with|at|during|today|yesterday|tonight)\b|\s*[,.;!?]|\s*$)",
    re.I,
)
_MARK = re.compile(
    r"\b(?:mark(?:ed)?|tick(?:ed)?(?:\s+off)?|check(?:ed)?\s+off|cross(?:ed)?\s+off|uncheck(?:ed)?|unmark(?:ed)?|"
    r"untick(?:ed)?|undo|set)\b|\b(?:done|finished|completed|complete)\b|\b(?:tick|check|cross)\s+(?:it|that|this|them)\s+off\b",
    re.I,
)
# Asked to mark, not told done ("i finished backprop with my study group" is the learner's own topic).
_ASKED_TO_MARK = re.compile(
    r"\b(?:mark|tick|check|cross|uncheck|unmark|untick|undo)\b|\bset\s+(?:it|that|this|\S+)\s+(?:as\s+)?done\b", re.I
)
_UNDONE = re.compile(
    r"\b(?:uncheck|unmark|untick|undo|by\s+(?:mistake|accident)|not\s+(?:actually\s+)?(?:done|finished)|"
    r"didn'?t\s+(?:actually\s+)?finish|as\s+not\s+done|undone|incomplete|unfinished)\w*",
    re.I,
)
_QUOTED = re.compile(r"[\"'\u2018\u201c]([^\"\u201d\u2019]{2,80}?)[\"'\u2019\u201d](?!\w)")
_TOPIC_AFTER_VERB = re.compile(
    r"\b(?:mark(?:ed)?|tick(?:ed)?\s+off|check(?:ed)?\s+off|cross(?:ed)?\s+off|uncheck(?:ed)?|unmark(?:ed)?|untick(?:ed)?|undo|"
    r"(?:set|put)(?=\s.+?\s+back\s+(?:to|as)\s))"
    r"\s+(?:the\s+topic\s+)?(?P<topic>.+?)(?=\s+(?:back\s+(?:to|as)\s+)?(?:as\s+)?(?:done|complete[d]?|finished|"
    r"not\s+done|undone|unfinished|incomplete)\b|"
    r"\s+(?:for\s+me|by\s+(?:mistake|accident))\b|\s*[,.;!?]|\s*$)",
    re.I,
)
_NOT_A_TOPIC = re.compile(
    r"^(?:it|that|this|them|the\s+topic|a\s+topic|something|everything|all|nothing|(?:my|our)\s+(?:best|part|bit|share)|"
    r"(?:a\s+)?(?:lot|bit|little|great|well|good|fine|ok|okay))$",
    re.I,
)
# The words around a topic's title that only say what it is: "the Recursion topic", "the topic Recursion".
_KIND_SAID = re.compile(r"^the\s+(?:topic\s+)?|\s+topic$", re.I)
_LIST = re.compile(r"\b(?:courses|classes)\b", re.I)
_READ = re.compile(r"^\W*(?:(?:ok|so|hey|um+)\W+)*(?:show|list|what|which|see|tell|give)\b", re.I)


def shared_request(text: str, known: Known) -> list[ToolCall]:
    """The shared-course call a message asks for, or nothing when it is not about a shared course's topics (a topic
    marked in a space, no course named, that is one of the learner's own topics or tasks is theirs)."""
    if not SHARED.search(text):
        return []
    if _READ.search(text) and _LIST.search(text) and not _MARK.search(text):
        return [ToolCall("list_shared_courses", {})]
    course = _COURSE.search(text)
    if course and not SHARED.search(course.group(0)):
        course = None
    where = course or (_SPACE.search(text) if _ASKED_TO_MARK.search(text) else None)
    if not _MARK.search(text) or not where:
        return []  # "mark vocab done, my study group is so cool": the shared one must be where it was done
    rest = f"{text[: where.start()]} {text[where.end() :]}"
    quoted = _QUOTED.search(rest)
    said = _TOPIC_AFTER_VERB.search(rest)
    if said is None or _NOT_A_TOPIC.match(said.group("topic")):
        said = _TOPIC_DONE.search(rest)
    topic = squash(quoted.group(1) if quoted else said.group("topic") if said else "")
    topic = _KIND_SAID.sub("", topic)
    if not topic or _NOT_A_TOPIC.match(topic) or SHARED.search(topic):
        return []
    if course is None and any(resolve(kind, topic, known).item for kind in ("topic", "task")):
        return []  # "i finished enantiomers in my study group, check it off": the learner's own topic
    args: dict[str, object] = {"topic": topic}
    name = squash(course.group("name")) if course else ""
    if name and not SHARED.search(name):
        args["course"] = name  # the course as named ("the shared Cell Biology course", "the shared cell bio course")
    if _UNDONE.search(text):
        args["completed"] = False
    return [ToolCall("complete_shared_topic", args)]
