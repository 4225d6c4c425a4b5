"""Asking for the list of one's own courses or goals ("what are my courses?", "goals I've finished")."""

from __future__ import annotations

import re

from .calls import ToolCall
from .context import Context

_KIND = r"(courses|classes|subjects|goals)"
_ADVERB = r"(?:(?:already|actually|really|ever|finally|even|still)\s+)?"  # "which goals have i actually completed"
# Not begun: "started", "begun", "touched", "started on".
_UNSTARTED = r"(?:started|begun|touched)(?:\s+on)?"
# A goal's status said before the kind ("my finished goals") or after it ("the goals I've completed").
_STATUS_BEFORE = r"(?:(?:completed|finished|done|achieved|reached|abandoned|dropped|paused|ongoing|unstarted)\s+)?"
_STATUS_AFTER = (
    rf"(?:\s+(?:(?:that\s+|which\s+)?(?:i\s+|i'?ve\s+|i\s+have\s+|i\s+had\s+)?{_ADVERB}|(?:that\s+|which\s+)"
    r"(?:are\s+|were\s+)?|i'?m\s+)"
    r"(?:completed|finished|done|achieved|reached|hit|smashed|crushed|abandoned|dropped|given\s+up(?:\s+on)?|"
    r"gave\s+up(?:\s+on)?|quit|not\s+started|(?:haven'?t|have\s+not|didn'?t)\s+"
    + _ADVERB
    + _UNSTARTED
    + r"|working\s+on))?"
)
# Still open, said after the ask ("which goals do i have open"): the open ones, the tool's default.
_STILL_OPEN = r"\s+(?:still\s+)?(?:open|active|left|ongoing|unfinished|outstanding|pending)\b"
_OPEN = rf"(?:{_STILL_OPEN})?"
_TAIL = (
    r"(?:\s+(?:going|on|again|now|rn|right\s+now|currently|at\s+the\s+moment|so\s+far|yet|atm|this\s+year|"
    r"real\s+quick|quick(?:ly)?))*"
)
# Why it is asked, after the ask ("..., wanna feel good about the year"): asks for nothing more.
_REASON = (
    r"(?:\s*[,;.!-]+\s*(?:(?:i\s+)?(?:wanna|want\s+to|need\s+to|just\s+want\s+to)\s+(?:feel|see|know|check|remember|"
    r"plan|celebrate)|(?:i\s+)?(?:need|could\s+use|want)\s+(?:some|a\s+bit\s+of|a\s+little)\s+\w+|"
    r"for\s+(?:some\s+)?(?:motivation|inspiration)|so\s+(?:i|that)|bc|because|cuz|cause)\b[^?]*)?"
)
_LIST_OWN = re.compile(
    r"^(?:(?:hey|ok|okay|so|um+|yo|and|wait|oh|hmm+|btw|remind\s+me)[,\s]+)*(?:(?:can|could)\s+(?:you|u|i)\s+|let\s+me\s+|lemme\s+|pls\s+|please\s+)?"
    r"(?:"
    rf"(?:what|which)\s+(?:are|r|were)\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+(?:current\s+|active\s+|open\s+)?{_STATUS_BEFORE}{_KIND}"
    rf"|(?:what|which)\s+(?:(?:ones\s+)?of\s+(?:my|the)\s+)?(?:current\s+|active\s+)?{_STATUS_BEFORE}{_KIND}\s+(?:(?:do\s+)?i\s+{_ADVERB}have|am\s+i\s+(?:taking|doing|in|on|"
    rf"enrolled\s+in)|have\s+i\s+{_ADVERB}(?:completed|finished|done|achieved|reached|hit|abandoned|dropped|given\s+up(?:\s+on)?)|"
    rf"did\s+i\s+{_ADVERB}(?:complete|finish|achieve|reach|hit|abandon|drop|give\s+up(?:\s+on)?)|"
    rf"(?:haven'?t\s+i|have\s+i\s+not)\s+{_ADVERB}{_UNSTARTED})"  # "which goals haven't i even started"
    rf"|(?:what|which)\s+(?:(?:ones\s+)?of\s+(?:my|the)\s+)?{_KIND}\s+(?:are|r)(?={_STILL_OPEN})"  # "... still open"
    rf"|(?:show|list|see|view|display|give|tell)\s+(?:me\s+)?(?:all\s+)?(?:of\s+)?(?:my\s+|the\s+)?"
    rf"(?:current\s+|active\s+|open\s+)?{_STATUS_BEFORE}{_KIND}"
    rf"|(?:all\s+)?my\s+(?:current\s+|active\s+|open\s+)?{_STATUS_BEFORE}{_KIND}"
    rf"|(?:the\s+)?{_STATUS_BEFORE}{_KIND}(?={_TAIL}\s*\?)"  # "goals rn?": the kind alone, asked
    rf"|(?:what|how)(?:'re|\s+(?:are|r|do))\s+(?:all\s+)?(?:of\s+)?my\s+(?:current\s+|active\s+|open\s+)?{_KIND}\s+"
    r"(?:look(?:ing)?(?:\s+like)?|coming\s+along|doing)"  # "what are my goals looking like", "how do my goals look"
    rf"){_STATUS_AFTER}{_OPEN}{_TAIL}\s*(?:please|pls|plz)?{_REASON}[\s?.!]*$",
    re.I,
)
_STATUS = (
    (re.compile(r"\b(?:abandon\w*|drop\w*|gave|give|given|quit)\b", re.I), "ABANDONED"),
    (re.compile(r"\b(?:not\s+started|unstarted|haven'?t|have\s+(?:i\s+)?not|didn'?t)\b", re.I), "NOT_STARTED"),
    (re.compile(r"\b(?:complet\w*|finish\w*|done|achiev\w*|reach\w*|hit|smashed|crushed)\b", re.I), "COMPLETED"),
)


def match_list_own(clause: str, ctx: Context) -> list[ToolCall] | None:
    """A request for the list itself, naming no item: courses with their progress, or the goals (of a status)."""
    match = _LIST_OWN.match(clause.strip())
    if not match:
        return None
    if not re.search(r"\bgoals\b", match.group(0), re.I):
        return [ToolCall("get_progress", {})]
    status = next((value for pattern, value in _STATUS if pattern.search(match.group(0))), None)
    return [ToolCall("list_goals", {"status": status} if status else {})]
