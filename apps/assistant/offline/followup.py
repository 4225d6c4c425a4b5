"""Replies that point back at the previous request ("undo that", "same for X"): read against its calls."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .abstain import READ_ONLY, form
from .blocks import OCCURRENCE, date_arg
from .calls import ToolCall
from .clarify import which
from .clauses import SLOTS, referent
from .context import Context
from .corrections import (
    BLOCK_QUESTION,
    another_day,
    corrected,
    is_correction,
    listed_names,
    unsure,
    without_old_value,
)
from .dates import WD, parse_time, parse_window
from .items import Item, Known, resolve
from .occurrences import occurrence_after, off_the_blocks_day, on_occurrence
from .understanding import Understanding
from .vague import QUESTION as TIME_QUESTION
from .vague import vague_time
from .when import any_date, only_when

# "now backprop", "what about orgo?", "(do the) same for lecture 6": the previous request, for what follows.
_SAME_FOR = re.compile(
    r"^\W*(?:(?:ok|okay|and|then|oh)\W+)*(?:(?:do\s+)?(?:the\s+)?same\s+(?:thing\s+)?(?:for|with|on)|"
    rf"(?:do\s+)?(?:the\s+)?same\s+(?:thing|again)(?=\s+(?:{WD}|today|tomorrow|tonight|next)\b)|"  # "same thing sunday"
    r"now(?:\s+(?:for|with|on|do))?|(?:what|how)\s+about)\s+(?:the\s+|my\s+)?(?=\w)",
    re.I,
)
# "and spanish is next": a remark about the item, not the previous request again for it.
_SAYS_IS = re.compile(r"\b(?:is|are|was|were)\b(?!\s+(?:done|finished|complete))", re.I)


# "due end of april" after a task was added: the new task's due date.
BARE_DUE = r"^\W*(?:(?:and|oh|ok|also)\W+)*(?:(?:make\s+it|it'?s|its)\s+)?(?:due|by)\s+(?P<when>\S.*?)\W*$"
_BARE_DUE = re.compile(BARE_DUE, re.I)


# "and the day after?", "the next day": the day next to the one the previous request was about.
_NEXT_TO = re.compile(r"^(?:the\s+)?(?:day\s+(?P<after>after)|next\s+day|day\s+before)(?:\s+that)?$", re.I)


def _day_next_to(what: str, call: ToolCall) -> date | None:
    """The day "the day after"/"the day before" names, next to the previous request's day."""
    said = _NEXT_TO.match(what.strip())
    start = call.arguments.get("start")
    if not said or not isinstance(start, str):
        return None
    return date.fromisoformat(start[:10]) + timedelta(days=1 if said["after"] or "next" in what.lower() else -1)


# "and backprop too", "also enantiomers", "X as well": the previous request again, for another item.
_ALSO = re.compile(
    r"^\W*(?:(?:oh|and|also|plus|ok|okay)\W+)*(?P<what>[^,.;!?]+?)(?:\s+(?:too|as\s+well|also))?\W*$", re.I
)


UNDO = re.compile(
    r"^\W*(?:(?:wait|no|nope|oops|actually|sorry|hmm+|ah|ugh)\W+)*(?:please\s+|pls\s+)?(?:undo|revert|reverse|take\s+back)"
    r"\s+(?:that|it|this)\b",
    re.I,
)


_AGAIN_WITH = re.compile(
    r"^\W*(?:(?:ok|okay|now)\W+)?(?:again|same\s+(?:thing|again))\W+(?:but\s+)?(?:now\s+)?(?:with|for|on|about)\s+(?:the\s+)?",
    re.I,
)


_FORGET_THAT = re.compile(r"\bforget\s+(?:about\s+)?(?:that|it|this)\b(?!\s+(?:i|i'm|im|my|we|you|the)\b)", re.I)


INVERSE = {
    "complete_goal_task": "reopen_goal_task",
    "reopen_goal_task": "complete_goal_task",
}


# "make it weekly", "move it to 6": a change of something the message never names.
CHANGES_IT = re.compile(
    r"^\W*(?:(?:actually|ok|okay|and|hmm+|oh|wait|no|pls|please|can\s+you|could\s+you|can\s+u)\W+)*"
    r"(?:make|move|change|set|push|pull|shift|put|turn|switch|bump|rename|call)\s+(?:it|them|(?:this|that)(?!\s*'?s\b)"
    r"(?=\s+(?:to|for|at|on|by|an?|into|in|from|back|up|earlier|later|weekly|daily|every|\d)\b|\W*$))\b",
    re.I,
)


TIMED = frozenset({"create_schedule_block", "move_schedule_block"})


CHANGE_QUESTION = "What should I change about that?"
# One more fact after a remembered one: "and also that i hate flashcards with long answers", "oh and that i'm a TA".
_ALSO_THAT = re.compile(
    r"^\W*(?:(?:oh|and|also|plus|ok|okay)\W+)*(?:(?:also|and|plus)\W+)?that\s+"
    r"(?P<fact>(?:i|i'm|im|i've|ive|i'd|my|we|we're|our)\b.*?\S)[\s.!]*$",
    re.I,
)
# A listing's kind of item: after it, "it" is one of several.
LISTED_KIND = {"list_schedule": "block", "list_goals": "goal", "list_exams": "exam"}


# Reads over a window of days, asked again for another window ("any clashes this week?" then "and next week?").
_WINDOWED = frozenset({"list_schedule", "find_schedule_conflicts"})
# A when alone, maybe said again exactly after a question mark: "and next week?", "what about the 11th to the 17th",
# "and the week after? like the 11th to the 17th".
_WHEN_AGAIN = re.compile(
    r"^\W*(?:(?:and|ok(?:ay)?|so|then|oh)\W+)*(?:(?:what|how)\s+about\s+)?(?P<when>[^?]+?)\s*"
    r"(?:\?+\s*(?:(?:like|i\s+mean|so|aka|ie|i\.e\.)\s+)?(?P<exact>[^?]+?))?\W*$",
    re.I,
)
# The window after the one asked about: "the week after (that)", "the following week".
_WEEK_AFTER = re.compile(r"(?:the\s+)?(?:week|one)\s+after(?:\s+that)?|(?:the\s+)?following\s+week", re.I)


def _window_again(text: str, call: ToolCall, today: date) -> tuple[date, date] | None:
    """The window of days a reply after a windowed read names, and nothing else; ``None`` for any other reply."""
    if call.name not in _WINDOWED or not (said := _WHEN_AGAIN.match(text)):
        return None
    when = said["exact"] if said["exact"] and only_when(said["exact"]) else said["when"]
    if _WEEK_AFTER.fullmatch(when):
        end = call.arguments.get("end")
        last = date.fromisoformat(end) if isinstance(end, str) else parse_window("", today)[1]
        return last + timedelta(days=1), last + timedelta(days=7)
    if not only_when(when) or (any_date(when, today) is None and not re.search(r"\b(?:week|weekend|month)\b", when)):
        return None
    return parse_window(when, today)


def follow_up(text: str, prior: list[ToolCall], known: Known, ctx: Context) -> Understanding | None:
    """A reply that only points back at the previous request: undo it, forget the fact it remembered, or do it
    again for another item ("and backprop too") or another day ("same time sunday too"); ``None`` otherwise."""
    if len(prior) != 1:
        return None
    (call,) = prior
    asked = text.rstrip().endswith("?") or bool(re.match(r"^\W*(?:what|how)\s+about\b", text, re.I))
    again = bool(_AGAIN_WITH.match(text))
    if UNDO.search(text):
        return Understanding([ToolCall(INVERSE[call.name], dict(call.arguments))]) if call.name in INVERSE else None
    if call.name == "remember_fact" and (more := _ALSO_THAT.match(text)):
        return Understanding([ToolCall("remember_fact", {"fact": more["fact"]})])  # "and also that i hate X"
    if _FORGET_THAT.search(text) and call.name == "remember_fact":
        return Understanding([ToolCall("forget_fact", {"fact": call.arguments["fact"]})])
    if call.name == "add_goal_task" and (due := _BARE_DUE.match(text)) and (due_day := date_arg(due["when"], ctx)):
        return Understanding([ToolCall("date_goal_task", {"task": call.arguments["title"], "due_date": due_day})])
    text = without_old_value(text, call)  # "make it 3 not 2": the new value, the old one is the block's
    if is_correction(text, ctx.today) or (call.name in TIMED and CHANGES_IT.match(text)):
        if unsure(text):
            return Understanding(question=BLOCK_QUESTION if call.name in TIMED else CHANGE_QUESTION)
        if call.name in TIMED and vague_time(text):
            return Understanding(question=TIME_QUESTION)  # "move it to tuesday after lunch"
        fixed = corrected(text, call, ctx.today)
        if isinstance(fixed, str):
            return Understanding(question=fixed)
        if fixed:
            return Understanding(fixed)  # "actually make it 90 min": the previous request with the new value
        if call.name in TIMED:
            return Understanding(question=BLOCK_QUESTION)  # "make it weekly": nothing a move can change
    if window := _window_again(text, call, ctx.today):
        first, last = window  # "any clashes this week?" then "and next week?": clashes then
        return Understanding([ToolCall(call.name, {"start": first.isoformat(), "end": last.isoformat()})])
    text = _AGAIN_WITH.sub("", text)  # "again but now with the preterite one": the previous request, for another item
    same = bool(_SAME_FOR.match(text))
    text = _SAME_FOR.sub("", text)
    if ended := re.search(r"\b(?:too|as\s+well)\b", text, re.I):
        text = text[: ended.end()]  # "and X too, got a lab thing": what follows is a remark
    text = re.sub(r"[,\s]+(?:please|pls|plz|thanks|thx)\W*$", "", text, flags=re.I)  # "X as well, please"
    also = _ALSO.match(text)
    if not also or not (again or same or re.search(r"\b(?:too|as\s+well|also|and|plus)\b", text, re.I)):
        return None
    what = re.sub(r"\s+one$", "", also["what"], flags=re.I)
    if (next_to := _day_next_to(what, call)) and call.name == "list_schedule":
        return Understanding([ToolCall(call.name, {"start": next_to.isoformat(), "end": next_to.isoformat()})])
    what = next_to.isoformat() if next_to else what  # "and the day after": that date
    if again_day := another_day(what, call, ctx.today):
        return Understanding([again_day])  # "what's on monday" then "and tuesday?"
    if form(what) in ("request", "other") or len(what.split()) > 6 or _SAYS_IS.search(what):
        return None  # a new request, or a remark ("and spanish is next lol"), not the previous one again
    if call.name == "create_schedule_block" and isinstance(start := call.arguments.get("start"), str):
        day = any_date(what, ctx.today)
        if day is None:
            return None
        clock = parse_time(what)
        hour, minute = clock if clock else (int(start[11:13]), int(start[14:16]))
        return Understanding(
            [ToolCall(call.name, {**call.arguments, "start": f"{day:%Y-%m-%d}T{hour:02d}:{minute:02d}"})]
        )
    occurrence = call.arguments.get("occurrence_date")
    if isinstance(occurrence, str) and (later := occurrence_after(what, occurrence)):
        if question := off_the_blocks_day(call, later, known):
            return Understanding(question=question)
        return Understanding([on_occurrence(call, later)])  # "same for next week", "the monday after that"
    if "occurrence_date" in call.arguments and referent(what, known) is None and (when := date_arg(what, ctx)):
        return Understanding([on_occurrence(call, date.fromisoformat(when))])  # "same for friday"
    slot = next((kind for kind in SLOTS if kind in call.arguments), None)
    if slot is None:
        return None
    found = resolve(slot, OCCURRENCE.sub(" ", what) if "occurrence_date" in call.arguments else what, known)
    if found.item is None and (each := _each_resolved(slot, what, known)):
        return Understanding([ToolCall(call.name, {**call.arguments, slot: title}) for title in each])
    if found.item is None:  # "and X too" for an X the learner has no such item called: ask, never guess
        return None if call.name in READ_ONLY or same else Understanding(question=which(slot, known, found.candidates))
    if asked and call.name not in READ_ONLY:
        return Understanding(question=f"Do you want me to do the same for {found.item.title}?")  # "and spanish?"
    arguments = {**call.arguments, slot: found.item.title}
    if "occurrence_date" in arguments and (said := OCCURRENCE.search(what)) and (when := date_arg(said[1], ctx)):
        arguments["occurrence_date"] = when  # "and thursday's orgo review too": that day's
    return Understanding([ToolCall(call.name, arguments)])


# Going through the cards just asked about: "ok lets go through them", "just do the lin alg ones", "review those".
_GO_THROUGH = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|cool|then|and|yes|yeah|sure)\W+)*"
    r"(?:(?:let'?s|lets|can\s+(?:we|you|u)|pls|please|i'?ll)\s+)?(?:just\s+|only\s+)?"
    r"(?:do|go\s+(?:through|over)|review|drill|run\s+through)\s+"
    r"(?:them|those|these|'?em|(?:the|my)\s+(?P<subject>[\w'&+ -]{1,40}?)\s+ones?)"
    r"(?:\s+(?:now|first|then|pls|please))*\W*$",
    re.I,
)


def cards_gone_through(text: str, prior: list[ToolCall], previous: str, known: Known) -> Understanding | None:
    """A review of the cards the previous message asked about ("how many cards do i have due for lin alg" then "ok
    lets go through them"): of the course the reply or that message names; ``None`` for any other reply."""
    if not any(call.name == "list_due_cards" for call in prior) or not (said := _GO_THROUGH.match(text)):
        return None
    found = resolve("course", said["subject"] or previous, known)
    if said["subject"] and found.item is None:
        return None  # "just do the hard ones": no course, read as said
    return Understanding([ToolCall("start_review", {"course": found.item.title} if found.item else {})])


# How many of the cards just listed, after a remark maybe: "too many lol, just the first 3", "only show 5".
_FEWER = re.compile(
    r"^(?P<remark>(?:[^,.;!?]*[,.;!?]+\s*)?)(?:(?:and|just|pls|please|only|but|ok(?:ay)?|then|so)\s+)*"
    r"(?:(?:show|give|list|gimme)\s+(?:me\s+)?)?(?:the\s+)?(?:(?:first|top|next|only|just)\s+)?(?P<count>\d{1,2})"
    r"(?:\s+(?:of\s+them|cards|flashcards|pls|please|or\s+so|ish|then))*\W*$",
    re.I,
)


def says_how_many(text: str) -> bool:
    """Whether the reply only says how many ("just the first 3"), of what the previous message read."""
    return bool(_FEWER.match(text.strip()))


def cards_counted(text: str, prior: list[ToolCall]) -> Understanding | None:
    """The cards the previous message listed, fewer of them ("show me my due cards" then "too many lol, just the
    first 3"): the listing with that limit; ``None`` for any other reply."""
    listed = [call for call in prior if call.name == "list_due_cards"]
    said = _FEWER.match(text.strip())
    if len(listed) != 1 or not said or form(said["remark"]) in ("request", "question"):
        return None
    return Understanding([ToolCall("list_due_cards", {**listed[0].arguments, "limit": int(said["count"])})])


_ACTUALLY = re.compile(r"^\W*(?:(?:hmm+|oh|wait|no|ok|okay|um+)\W+)*actually\b", re.I)


SHORT_REPLY = 8  # the most words of a reply that only corrects the previous request


def leans_back(text: str, today: date) -> bool:
    """Whether ``text`` only makes sense after the previous request ("same for X", "actually just 20 of them")."""
    return bool(
        _SAME_FOR.match(text)
        or _AGAIN_WITH.match(text)
        or is_correction(text, today)
        or (_ACTUALLY.match(text) and len(text.split()) <= SHORT_REPLY)
    )


def _each_resolved(slot: str, what: str, known: Known) -> list[str]:
    """The titles of the learner's items a list names, each one resolved ("lecture 5 and 6"); none if any is not."""
    titles = []
    for name in listed_names(what):
        if (item := resolve(slot, name, known).item) is None:
            return []
        titles.append(item.title)
    return titles if len(set(titles)) == len(titles) else []


def read_item(prior: list[ToolCall], known: Known) -> Item | None:
    """The one item of the learner's the previous request read or changed ("how am i doing in spanish" -> the
    course), which "it" in a reply names when the previous message's words named none clearly; None for several."""
    named = {
        item
        for call in prior
        for kind, slot in SLOTS.items()
        if isinstance(call.arguments.get(slot), str) and (item := known.find(kind, call.arguments[slot])) is not None
    }
    return named.pop() if len(named) == 1 else None
