"""Dictated free text without the chatter around it: the request, politeness or reason is not part of a title or fact.

"ML study group tonight 7-9 add it" titles a block "ML study group"; "new task memorize X" adds the task
"memorize X"; "forget that i work at the library, i quit lol" forgets "i work at the library"; what a fact
asks of the assistant ("i'm dyslexic, so keep explanations short") is part of it.
"""

from __future__ import annotations

import re

from .calls import ToolCall

# Words to the assistant at the end of a dictated text: "add it", "pls", "thx", "lol", "tbh".
_TAIL = re.compile(
    r"(?:[\s,;:-]+(?:(?:and\s+|just\s+|pls\s+|please\s+)*(?:add|put|save|log|schedule|book)\s+(?:it|that|this|them)"
    r"(?:\s+(?:in|on|down|for\s+me|to\s+my\s+(?:calendar|schedule|list)))?|pls|please|plz|thanks?(?:\s+you)?|thx|ty|"
    r"lol|lmao|haha|tbh|kthx))+\W*$",
    re.I,
)
# The kind of item said before its title: "new task memorize X", "a new step: X".
# Only with "new" or a mark after it: "task analysis worksheet", "item response theory" are titles.
_KIND_HEAD = re.compile(
    r"^\W*(?:(?:(?:a|another|one\s+more)\s+)?new\s+(?:task|step|todo|to-do|item)\s*[:,-]?|"
    r"(?:(?:a|another|one\s+more)\s+)?(?:task|step|todo|to-do|item)\s*[:,-])\s+",
    re.I,
)
_NEW_KIND_HEAD = re.compile(r"^\W*(?:(?:a|another)\s+)?new\s+(?:task|step|todo|to-do|item)\s*[:,-]?\s+", re.I)
# Why a fact no longer holds, said after it: "forget that i work at the library, i quit lol".
_REASON = re.compile(
    r"\s*[,;]\s*(?:(?:because|cause|cuz|since|as)\s+)?(?:(?:i|i'?ve|ive|we)\s+\w+|(?:the\s+|my\s+)?\w+\s+"
    r"(?:ended|finished|changed|is\s+over|was\s+cancell?ed|got\s+\w+))\b.*$",
    re.I,
)  # "..., semester ended"
# A remark after a new title, of the learner or the class: "rename X to Spanish A2, i leveled up".
_REMARK_AFTER_TITLE = re.compile(
    r"\s*[,;]\s*(?:(?:because|cause|cuz|coz|since|as|bc)\s+)?(?:i|i'?m|im|i'?ve|ive|we|we'?re|they|(?:my|the|our)\s+"
    r"(?:prof|professor|teacher|instructor|class|lecturer|tutor|ta))\s+[a-z']+\b.*$",
    re.I,
)
# A remark in brackets after a new title, the learner talking: "X (the missing apostrophe is killing me)", "X (ugh
# so formal)"; a bracket that only qualifies the title stays ("Cold War (1947-1991)", "Linear Algebra (MATH 221)").
_ASIDE_IN_BRACKETS = re.compile(
    r"\s*\((?=[^()]*\b(?:i\s+(?!and\b|of\b|or\b)\w+|i'?m|im|i'?ve|me|my|lol|lmao|haha|ugh|smh|tbh|is|are|was|were|"
    r"it'?s|bugs?|kills?|killing)\b)[^()]*\)\W*$",
    re.I,
)

# Where the new item goes, asked after its title: "X and count it toward my mcat goal (since ...)", "X and link it to
# orgo", "X, file it under stats".
_LINKED_AFTER = re.compile(
    r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:(?:then|also|pls|please)\s+)*(?:count|link|tie|attach|connect|assign|"
    r"file|put|add|log|tag|associate|credit)\s+(?:it|that|this|them)\s+(?:to|toward|towards|for|under|with|in|into|"
    r"on|against)\b.*$",
    re.I,
)
# The goal a block is for, said before its title: "mcat goal: amino acid drills".
_GOAL_HEAD = re.compile(r"^\W*(?:(?:the|my)\s+)?(?:[\w+&'-]+\s+){1,3}goal\s*:\s*(?=\w)", re.I)
# A time word left after the time itself was read: "lin alg exam cram starting (1pm)".
_TIME_LEFT_OVER = re.compile(r"(?:\s+(?:starting|beginning|from|at|around|until|till|ending|by))+\W*$", re.I)
# A joint left at a title's end when what it joined was read apart: "get fluent in spanish and (the tasks are ...)".
_DANGLING_JOINT = re.compile(r"(?:\s+(?:and|or|but|then|with|so|plus))+\W*$", re.I)
_TITLED = ("create_", "add_")
_RENAMES = frozenset({"update_course", "update_goal", "rename_module", "rename_topic", "update_note"})
# A contrast with what is set now: "X should be advanced, not whatever it is now" says only the new value.
_NOT_CURRENT = re.compile(
    r"\s*,?\s*\b(?:not|instead\s+of|rather\s+than)\s+(?:whatever|what)\s+(?:it|that|this)\s*(?:is|'s)"
    r"(?:\s+(?:now|rn|right\s+now|currently|at\s+the\s+moment))?(?=\W*$|\s*[,.;!?])",
    re.I,
)


# A name said last is kept whatever it is: "my sister is called Lol".
_NAMED_LAST = re.compile(r"\b(?:called|named|name\s+is|titled)\s+\S+\W*$", re.I)


def _tidied(text: str, *, key: str, tool: str) -> str:
    """``text`` without the chatter a ``key`` of ``tool`` never carries."""
    out = _ASIDE_IN_BRACKETS.sub("", text) if key == "title" else text
    out = out if _NAMED_LAST.search(out) else _TAIL.sub("", out)
    if key == "title" and tool == "add_goal_task":
        out = _KIND_HEAD.sub("", out)
    elif key == "title":
        out = _NEW_KIND_HEAD.sub("", out)
    if tool == "forget_fact":
        out = _REASON.sub("", out)
    elif key == "title":
        out = _DANGLING_JOINT.sub("", _REMARK_AFTER_TITLE.sub("", _LINKED_AFTER.sub("", out)))
    if tool == "create_schedule_block":
        out = _TIME_LEFT_OVER.sub("", _GOAL_HEAD.sub("", out))
    return out.strip() or text


def without_chatter(call: ToolCall) -> ToolCall:
    """The call with its titles and facts free of requests, politeness and reasons said around them."""
    arguments = dict(call.arguments)
    for key in ("title", "fact"):
        value = arguments.get(key)
        if isinstance(value, str) and (key == "fact" or call.name.startswith(_TITLED) or call.name in _RENAMES):
            arguments[key] = _tidied(value, key=key, tool=call.name)
    return ToolCall(call.name, arguments) if arguments != call.arguments else call


# The old value named after the new one: "90 min from now on not 1 hr", "at 9 not 8" ("instead of 8" is read as such).
_NOT_OLD_VALUE = re.compile(
    r"(?P<new>\bat\s+\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?|\d\s*(?:am|pm|min(?:ute)?s?|hours?|hrs?|h)|\bnow\s+on)\s*,?\s*not\s+"
    r"(?:the\s+)?(?:\d{1,3}(?::\d\d)?(?:\s*(?:am|pm|min(?:ute)?s?|hours?|hrs?|h))?|an?\s+hour|half\s+an\s+hour)\b"
    r"(?:\s+(?:anymore|any\s+more|like\s+(?:now|before)))?",
    re.I,
)


def without_current_value(text: str) -> str:
    """The message without a contrast with the value set now ("..., not whatever it is now", "... not 1 hr")."""
    return _NOT_OLD_VALUE.sub(lambda m: f"{m['new']} instead", _NOT_CURRENT.sub("", text))  # still a change
