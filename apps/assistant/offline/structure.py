"""A course's structure said in other words than "move X to M" / "add X to M" / "add a module X to C".

- "enantiomers should be under reaction mechanisms (not stereochem), move it": a topic of the learner's said to
  belong in another of their modules is moved there ("move <topic> to the <module> module").
- "under reaction mechanisms add E1 vs E2": the place said first goes after the new topic ("add <topic> under M").
- "lin alg needs a new section for X", "lin alg needs a new unit: X": a new module of a course of the learner's.
- "add topics A and B to C": the plural word "topics" lists several new topics, each one an ``add_topic``.
- "add unit X to C, then a topic Y under it": a second addition said without its verb takes the first's.

Each rewrite holds only when the items it names are the learner's, else the text is left as it is.
"""

from __future__ import annotations

import re

from .items import Known, mentions

_BELONGS = re.compile(
    r"^\W*(?P<topic>[\w&+' -]+?)\s+(?:should|needs\s+to|has\s+to|ought\s+to)\s+(?:really\s+|actually\s+|probably\s+)?"
    r"(?:be|go|sit|live)\s+(?:under|in|inside|with|part\s+of)\s+(?:the\s+|my\s+)?(?P<module>[\w&+' -]+?)"
    r"(?:\s+module)?(?:\s*,?\s*(?:not|instead\s+of|rather\s+than)\s+(?:in\s+|under\s+)?[\w&+' -]+?)?"
    r"(?P<end>\s*(?:[,.;!]|-+|$).*)$",
    re.I,
)
# What may follow the statement: a request to move it, or nothing.
_MOVE_IT = re.compile(
    r"^\s*(?:[,.;!]|-+)?\s*(?:(?:so\s+|pls\s+|please\s+|can\s+(?:you|u)\s+|could\s+(?:you|u)\s+)*"
    r"(?:move|put|shift|switch|fix)\s+(?:it|that|this)(?:\s+(?:there|over))?(?:\s+(?:pls|please|thanks|thx))?)?\W*$",
    re.I,
)
_PLACE_FIRST = re.compile(
    r"^\W*(?:in|under|inside)\s+(?P<module>(?:the\s+|my\s+)?[\w&+' -]+?)\s*,?\s+"
    r"(?P<verb>add|put|stick)\s+(?P<topic>\S.*?)(?P<end>\W*)$",
    re.I,
)
_NEEDS_MODULE = re.compile(
    r"^\W*(?:(?:the|my)\s+)?(?P<course>[\w&+' -]+?)(?:\s+course|\s+class)?\s+(?:needs|should\s+have|could\s+use)\s+"
    r"(?:a|an|another|one\s+more)\s+(?:new\s+)?(?:section|module|unit|chapter|part)\s*"
    r"(?:for|on|about|called|named|titled|:|-)\s*(?P<title>\S.*?)(?P<end>\W*)$",
    re.I,
)
_TOPICS_LISTED = re.compile(
    r"\b(?P<verb>add|create)\s+(?:the\s+)?(?:new\s+)?topics\s+(?P<first>\S.*?)\s+(?:and|&)\s+(?P<second>\S.*?)"
    r"\s+(?P<place>(?:to|in|into|under)\s+\S.*?)(?P<end>\W*)$",
    re.I,
)
# A second addition without its verb, placed in what the first one made: "add unit X to C, then a topic Y under it".
_VERBLESS_ADDITION = re.compile(
    r"^(?P<head>\W*(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)*(?P<verb>add|create|make)\b[^.!?;]*?)"
    r"(?P<joint>\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+)"
    r"(?=(?:also\s+)?(?:a|an|one)\s+(?:new\s+)?(?:topic|module|unit|section|chapter|task)\b[^.!?;]*?"
    r"\b(?:in|into|under|to|inside)\s+(?:it|there|that)\b)",
    re.I,
)


def said_as_structure(text: str, known: Known) -> str:
    """The text with a topic's right module, a place said first, a needed module, listed topics or a second
    addition's verb said plainly."""
    for rewrite in (_belongs_elsewhere, _place_said_first, _needs_a_module, _listed_topics, _verb_carried):
        text = rewrite(text, known)
    return text


def _belongs_elsewhere(text: str, known: Known) -> str:
    """'X should be under M (not N), move it' -> 'move X to the M module', for a topic and module of the learner's."""
    m = _BELONGS.match(text)
    if not m or not _MOVE_IT.match(m["end"]):
        return text
    if not (_names("topic", m["topic"], known) and _names("module", m["module"], known)):
        return text
    return f"move {m['topic']} to the {m['module']} module"


def _place_said_first(text: str, known: Known) -> str:
    """'under M add X' -> 'add X under M', for a module of the learner's."""
    m = _PLACE_FIRST.match(text)
    if not m or not _names("module", m["module"], known):
        return text
    return f"{m['verb']} {m['topic']} under {m['module']}{m['end']}"


def _needs_a_module(text: str, known: Known) -> str:
    """'C needs a new section for X' -> 'add a module called X to C', for a course of the learner's."""
    m = _NEEDS_MODULE.match(text)
    if not m or not _names("course", m["course"], known):
        return text
    return f"add a module called {m['title']} to {m['course']}{m['end']}"


def _listed_topics(text: str, known: Known) -> str:
    """'add topics A and B to C' -> 'add A to C and add B to C'."""
    m = _TOPICS_LISTED.search(text)
    if not m:
        return text
    head = text[: m.start()]
    return f"{head}{m['verb']} {m['first']} {m['place']} and {m['verb']} {m['second']} {m['place']}{m['end']}"


def _verb_carried(text: str, _known: Known) -> str:
    """'add unit X to C, then a topic Y under it' -> 'add unit X to C, then add a topic Y under it'."""
    return _VERBLESS_ADDITION.sub(lambda m: f"{m['head']}{m['joint']}{m['verb']} ", text, count=1)


def _names(kind: str, phrase: str, known: Known) -> bool:
    """Whether ``phrase`` names one of the learner's items of ``kind``."""
    return bool(mentions(kind, phrase, known))
