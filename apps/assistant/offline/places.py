"""Where a new item goes, said in other words than "add X to ...": "put X under my reading goal", "add X as my next
book" (the goal whose title names books) and "add X under stereochem in orgo" (a module of the learner's) are said
again as "add X to the <goal> goal" and "add X to the <module> module in <course>"."""

from __future__ import annotations

import re

from .dates import parse_time
from .items import STRONG, Known, mentions, tokens

# "put/stick/file X under|in|into|on my <words> goal".
_PLACED = re.compile(
    r"^(?P<lead>\W*(?:(?:ok|so|and|also|pls|please|can\s+you|could\s+you)\W+)*)(?:put|stick|throw|file|slot|pop|"
    r"place)\s+(?P<task>\S.*?)\s+(?:under|in|into|on|onto|inside)\s+(?P<goal>(?:my|the)\s+(?:[\w+&'-]+\s+){0,4}"
    r"goal)\b",
    re.I,
)
# "add X as my next book", "X is my next book": the next of what a goal counts.
_AS_NEXT = re.compile(
    r"\b(?:add|put|make|set)\s+(?P<task>\S.*?)\s+as\s+(?:my|the)\s+next\s+(?P<noun>[a-z]+?)s?(?=\W*$|\s*[,.;!?])",
    re.I,
)


# What is put "into" a goal or module without being an item: effort, time, an amount, a pronoun
# ("put more effort into my reading goal", "i put a lot of work in X", "stick with it in grammar").
_NO_ITEM = re.compile(
    r"^(?:(?:a\s+)?(?:lot|lots|bit|little|ton|tons|bunch)\b|more|less|some|much|any|extra|another|all|every|"
    r"with|it|that|this|them|myself|yourself|effort|energy|time|work|focus|hours?|minutes?)\b|"
    r"\b(?:effort|energy|time|work|focus|attention|hours?|minutes?|mins?|hrs?)\W*$",
    re.I,
)


def _names_an_item(phrase: str) -> bool:
    """Whether ``phrase`` can be a new task's or topic's title (not effort, time, an amount or a pronoun)."""
    return not _NO_ITEM.search(phrase.strip())


def _counted(noun: str, known: Known) -> str | None:
    """The word of the one goal whose title counts ``noun`` ("book" -> "books" of "Read 12 books this year")."""
    forms = {noun.lower(), f"{noun.lower()}s", f"{noun.lower()}es"}
    said = [forms & set(tokens(item.title)) for item in known.items if item.kind == "goal"]
    named = [words for words in said if words]
    return min(named[0]) if len(named) == 1 else None


def placed_in_goal(text: str, known: Known) -> str:
    """The text with a task placed in a goal said as "add <task> to <the goal>"."""
    placed = _PLACED.search(text)
    if placed and parse_time(placed["task"]) is None and _names_an_item(placed["task"]):  # "put X at 8:00 ...": a block
        text = f"{text[: placed.start()]}{placed['lead']}add {placed['task']} to {placed['goal']}{text[placed.end() :]}"

    def as_next(m: re.Match[str]) -> str:
        counted = _counted(m["noun"], known) if _names_an_item(m["task"]) else None
        return f"add {m['task']} to my {counted} goal" if counted else m.group(0)

    return _AS_NEXT.sub(as_next, text)


# "add X under stereochem (in orgo)": under a module of the learner's, without the word "module".
_UNDER = re.compile(
    r"\b(?P<verb>add|put|stick)\s+(?P<topic>\S.*?)\s+(?:under|into|in)\s+(?:the\s+|my\s+)?(?P<module>[\w&+' -]+?)"
    r"(?P<course>\s+(?:in|for|of)\s+(?:the\s+|my\s+)?\S.*?)?\W*$",
    re.I,
)


_SHORT_REQUEST = 200  # longer messages are not read for this placing (its pattern is costly on long text)
# "add X to ML under neural networks": the course, then the module in it.
_TO_COURSE_UNDER = re.compile(
    r"\b(?P<verb>add|put|stick)\s+(?P<topic>\S.*?)\s+(?:to|in|into)\s+(?:the\s+|my\s+)?(?P<course>[\w&+' -]+?)\s+"
    r"under\s+(?:the\s+|my\s+)?(?P<module>[\w&+' -]+?)\W*$",
    re.I,
)


_KIND_OR_JOINT = re.compile(r"\b(?:topics?|modules?|goals?|course|notes?|block|calendar|schedule|and|then)\b", re.I)


# "add X as a topic in ...", "add a topic X to ...", "put an X topic in ...": a new topic's kind said beside it.
_TOPIC_SAID = re.compile(
    r"\b(?P<verb>add|put|stick)\s+(?:(?:an?\s+)?(?:new\s+)?topic\s+(?:called\s+|named\s+|titled\s+|on\s+|about\s+)?(?P<named>\S.*?)|"
    r"(?P<as>\S.*?)\s+as\s+(?:an?\s+)?(?:new\s+)?topic|(?:an?|another)\s+(?:new\s+)?(?P<adjective>(?:(?!topic\b)\S+\s+){1,5}?)topic)"
    r"\s+(?P<place>in|into|to|under)\s+",
    re.I,
)
# "... orgo under stereochem basics": a course, then the module in it.
_COURSE_THEN_MODULE = re.compile(
    r"^(?P<course>[\w&+' -]+?)\s+under\s+(?:the\s+|my\s+)?(?P<module>[\w&+' -]+?)(?P<end>\W*)$", re.I
)


def topic_said_plainly(text: str, known: Known) -> str:
    """The text with a new topic's kind said one way: "add X as a topic in C", "put an X topic in C" -> "add a topic
    X to C"; under a module "add X under M in C", the module first; under a course "under C" is "to C"."""
    if not (said := _TOPIC_SAID.search(text)) or re.search(r"\bmodules?\b", text[said.end() :], re.I):
        return text  # "... to the module named M": the placing is said in full
    title, rest, head = (
        (said["named"] or said["as"] or said["adjective"]).strip(),
        text[said.end() :],
        text[: said.start()],
    )
    under_course = any(value >= STRONG for value, _ in mentions("course", rest, known)[:1]) and not any(
        value >= STRONG for value, _ in mentions("module", rest, known)[:1]
    )  # "add X as a topic under orgo": the course itself
    if said["place"].lower() == "under" and not under_course:
        return f"{head}{said['verb']} {title} under {rest}"
    if placed := _COURSE_THEN_MODULE.match(rest):
        return f"{head}{said['verb']} {title} under {placed['module']} in {placed['course']}{placed['end']}"
    return f"{head}{said['verb']} a topic {title} to {rest}"


def placed_in_module(text: str, known: Known) -> str:
    """The text with a topic placed under a module said as "add <topic> to the <module> module ..."."""
    if (
        len(text) <= _SHORT_REQUEST
        and (first := _TO_COURSE_UNDER.search(text))
        and not _KIND_OR_JOINT.search(first.group(0)[len(first["verb"]) :])
    ):
        text = f"{text[: first.start()]}{first['verb']} {first['topic']} under {first['module']} in {first['course']}"
    m = _UNDER.search(text)
    if (
        not m
        or not _names_an_item(m["topic"])
        or _KIND_OR_JOINT.search(m.group(0)[len(m["verb"]) :])
        or mentions("topic", m["topic"], known)
    ):
        return text  # "add X as a topic in M and ...", "put <a topic of the learner's> under M" (a move)
    found = mentions("module", m["module"], known)
    if not found or found[0][0] < STRONG or (len(found) > 1 and found[1][0] >= found[0][0]):
        return text
    return f"{text[: m.start()]}add {m['topic']} to the {m['module']} module{m['course'] or ''}"


# "for my mcat goal schedule X ...": what a new block is for, said before the request, goes after it.
_FOR_FIRST = re.compile(
    r"^\W*(?P<purpose>for\s+(?:my|the)\s+(?:[\w+&'-]+\s+){1,4}?(?:goal|course|class))\s*[,:-]?\s+"
    r"(?P<request>(?:(?:pls|please|can\s+you|could\s+you)\s+)?(?:schedule|book|plan|set\s+up|block(?:\s+out)?)\s+\w.*?)"
    r"(?P<end>\W*)$",
    re.I,
)


def purpose_after(text: str) -> str:
    """The text with a purpose said first ("for my X goal, schedule ...") put after the request it qualifies."""
    if m := _FOR_FIRST.match(text):
        return f"{m['request']}, {m['purpose']}{m['end']}"
    return text
