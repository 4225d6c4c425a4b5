"""Study blocks read from a clause: the block it names, its new start, its first day, the occurrence it means,
a resize, each day it lists; and a clause's date as an argument."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.rrule import rrulestr

from .calls import ToolCall
from .clarify import Clarify, maybe, which
from .clauses import FROM_NOW_ON, NAMED_CLEARLY, WHOLE_SERIES, free_text
from .context import Context
from .dates import (
    DATE_PHRASE,
    HOLIDAY_NAME,
    WD,
    parse_duration,
    parse_reminder,
    parse_time,
    parse_window,
    singular_weekdays,
    weekday_index,
)
from .items import FILLER, Known, mentions, resolve, split_by_another_word, tokens, word_score
from .occurrences import next_meeting, says_some_day
from .schedule import BARE_CLOCK
from .text import VAGUE_HEAD, capitalize, squash
from .titles import CREATES, block_title
from .vague import has_clock
from .when import any_date

_SCHEDULE_WORDS = re.compile(
    r"\b(?:schedul\w*|calendar|blocks?|sessions?|booked|morning|afternoon|evening|tonight)\b", re.I
)


def date_arg(text: str, ctx: Context) -> str | None:
    found = any_date(text, ctx.today)
    return found.isoformat() if found else None


_NOTE_TITLED = re.compile(
    r"\bnote\b[^:]*?(?:\b(?:called|named|titled|(?:title|name|call)\s+it|title)\s+|\s[\"'\u2018\u201c])([^:,\"'\u2019\u201d\u2014\u2013]{2,60}?)[\"'\u2019\u201d]?\s*(?:(?::|\s[\u2014\u2013]|\s-\s)\s*(.+)|,|$)",
    re.I,
)


# A clause that only says when the request before it starts: "Start from tomorrow.", "starting next monday".
STARTS_FROM = re.compile(
    r"^\W*(?:(?:and|please|pls|oh)\W+)*(?:start(?:ing|s)?|begin(?:ning|s)?)\s+(?:from\s+|on\s+)?(?P<when>(?:\S+\s*){1,3}?)\W*$",
    re.I,
)


def first_study_day(clause: str, ctx: Context) -> date | None:
    """The day a "start from X" clause names, when that is all it says."""
    if not (m := STARTS_FROM.match(clause)):
        return None
    if re.fullmatch(r"(?:the\s+)?next\s+(?:week|month)", m["when"].strip(), re.I):
        return parse_window(m["when"], ctx.today)[0]  # "starting next week": its first day
    return any_date(m["when"], ctx.today)


def starting_on(calls: list[ToolCall], day: date) -> list[ToolCall]:
    """The calls with the last new recurring block's first occurrence on ``day`` (its clock kept)."""
    for index in range(len(calls) - 1, -1, -1):
        call = calls[index]
        start = call.arguments.get("start")
        if call.name == "create_schedule_block" and isinstance(start, str) and "recurrence_rule" in call.arguments:
            moved = ToolCall(call.name, {**call.arguments, "start": f"{day:%Y-%m-%d}{start[10:]}"})
            return [*calls[:index], moved, *calls[index + 1 :]]
    return calls


OCCURRENCE = re.compile(
    rf"\b(tonight|today|this\s+(?:morning|afternoon|evening)|tomorrow|{HOLIDAY_NAME}(?!\s+(?:break|weekend|holidays?|vacation|week))|{WD}|{DATE_PHRASE}|the\s+\d{{1,2}}(?:st|nd|rd|th)(?!\s+(?:of\s+)?next\b))(?:'s|s)?\b",
    re.I,
)


# A move's new length said beside its new time: "to 4:30 and make it 2 hours", "at 11 instead n only 45 mins".
_LENGTH_TOO = re.compile(
    r"(?:\s+(?:and|n|&|but|plus)|\s*,)\s+(?:(?:make\s+it|only|just|for|it'?s|keep\s+it)\s+)*"
    r"(?P<length>an?\s+hour\s+and\s+a\s+half|half\s+an\s+hour|an?\s+hour|\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?|h)\b)",
    re.I,
)


# One week's occurrence: "just this week", "next week's", "to friday next week" (not "starting next week").
_WEEK_SAID = re.compile(
    r"(?<!starting\s)(?<!from\s)(?<!beginning\s)\b(?:(?:just|only)\s+)?(?:for\s+)?(?P<which>this|next)\s+week(?:'?s)?\b"
    r"(?!\s+(?:on\b|onwards?|and\s+(?:after|beyond|every)))",
    re.I,
)


def _meeting_in_week(args: dict[str, Any], clause: str, ctx: Context, known: Known) -> str | None:
    """The date of the named block's one occurrence in the week said ("this week": from today to Sunday, "next
    week": Monday to Sunday); ``Clarify`` when it meets more than once then, None when never or no week is said."""
    said = _WEEK_SAID.search(clause)
    block = known.find("block", str(args.get("block", "")))
    if said is None or block is None or not block.rule:
        return None
    first = ctx.today if said["which"].lower() == "this" else ctx.today + timedelta(days=7 - ctx.today.weekday())
    days = _meetings(block.title, first, first + timedelta(days=6 - first.weekday()), known)
    week = f"{said['which'].lower()} week"
    if len(days) > 3:
        raise Clarify(f"“{block.title}” meets {len(days)} times {week}: which day do you mean?")
    if len(days) > 1:
        listed = " or ".join(f"{day:%A, %B} {day.day}" for day in days)
        raise Clarify(f"“{block.title}” meets {len(days)} times {week}: {listed}. Which one?")
    return days[0].isoformat() if days else None


def _into_the_week(start: str, occurrence: str) -> str:
    """A new start said by a weekday or a clock alone, put in the week of the occurrence it moves ("move orgo review
    to friday next week": next week's friday, not this one)."""
    day, monday = date.fromisoformat(start[:10]), date.fromisoformat(occurrence)
    monday -= timedelta(days=monday.weekday())
    while day < monday:
        day += timedelta(days=7)
    return f"{day.isoformat()}{start[10:]}"


# One occurrence said without its day: "just this once", "this time", "for once".
_ONCE = re.compile(r"\b(?:(?:just|only)\s+)?(?:this\s+(?:one\s+)?(?:once|time)|(?:just|only|for)\s+once)\b", re.I)


def _next_meeting(args: dict[str, Any], ctx: Context, known: Known) -> str | None:
    """The date of the named block's next occurrence from now (today's while its hour is still to come)."""
    block = known.find("block", str(args.get("block", "")))
    if block is None or not block.rule:
        return None
    hour, minute = (int(part) for part in (block.time or "00:00").split(":"))
    today = datetime.combine(ctx.today, time(hour, minute))
    after = ctx.now.replace(tzinfo=None, second=0, microsecond=0)
    try:
        meeting = rrulestr(block.rule, dtstart=today).after(after, inc=True)
    except ValueError:
        return None
    return meeting.date().isoformat() if meeting else None


# A day said by a name or a part of it ("this evening", "good friday"): a block that does not meet then is asked about.
_NAMED_DAY = re.compile(rf"this\s+(?:morning|afternoon|evening)|{HOLIDAY_NAME}", re.I)


def meets_on(block_title: str, day: date, known: Known) -> bool:
    """Whether the learner's block of that title has an occurrence on ``day``."""
    block = known.find("block", block_title)
    if block is None or not block.rule:
        return False
    start = datetime.combine(day, datetime.min.time())
    try:
        meetings = rrulestr(block.rule, dtstart=start).between(start, start + timedelta(hours=23, minutes=59), inc=True)
    except ValueError:
        return False
    return bool(meetings)


# A block named only by its kind, in a change of one day's: "cancel my study block tmrw", "skip the session on
# friday", "move my block saturday to 9am", "delete the sunday block".
_KIND_ONLY = re.compile(
    rf"\b(?:my|the)\s+(?P<weekday>{WD}(?:'?s)?\s+)?(?:(?:study|focus|revision)\s+)?(?:block|session|slot)\b", re.I
)
_CHANGED = re.compile(r"\b(?:cancel|call\s+off|skip|drop|delete|remove|clear|move|push|shift|bump|reschedule)\b", re.I)


def block_of_the_day(clause: str, ctx: Context, known: Known) -> str:
    """``clause`` with a block named only by its kind said as the one block meeting on the day it names; ``Clarify``
    between them when several do. Unchanged when it names a block, no day, or no change."""
    kind_only = _KIND_ONLY.search(clause)
    head = re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[0]
    day = OCCURRENCE.search(head)
    said = date_arg(day.group(1), ctx) if day else None
    if not kind_only or not said or not _CHANGED.search(clause) or mentions("block", clause, known):
        return clause
    meeting = tuple(item for item in known.of("block") if meets_on(item.title, date.fromisoformat(said), known))
    if len(meeting) > 1:
        raise Clarify(which("block", known, meeting))
    start = kind_only.end("weekday") if kind_only["weekday"] else kind_only.start()  # "the friday block": friday's
    return f'{clause[:start]}"{meeting[0].title}"{clause[kind_only.end() :]}' if meeting else clause


def unmet_listed_day(calls: list[ToolCall], known: Known) -> str:
    """The question to ask when a clause calls off several blocks on a day one of them does not meet on ("skip X and Y
    tomorrow", Y never on that weekday); "" otherwise."""
    cancels = [call for call in calls if call.name == "cancel_schedule_block" and "occurrence_date" in call.arguments]
    for call in cancels if len({call.arguments["block"] for call in cancels}) > 1 else []:
        title, day = str(call.arguments["block"]), date.fromisoformat(call.arguments["occurrence_date"])
        if not meets_on(title, day, known):
            return f"“{title}” doesn't meet on {day:%A, %B} {day.day}: which day do you mean?"
    return ""


_LIST_JOINT = re.compile(r"\s*(?:,|&|\+|\band\b)\s*", re.I)


def own_days(calls: list[ToolCall], clause: str, ctx: Context, known: Known) -> list[ToolCall]:
    """The blocks a clause calls off, each on the day said beside it ("cancel X on wednesday and thursday's Y"); one
    said with no day keeps the clause's."""
    out = []
    for call in calls:
        title = call.arguments.get("block")
        piece = next(
            (p for p in _LIST_JOINT.split(clause) if (item := resolve("block", p, known).item) and item.title == title),
            "",
        )
        said = OCCURRENCE.search(piece) if call.name == "cancel_schedule_block" else None
        if said and (day := date_arg(said[1], ctx)):
            call = ToolCall(call.name, {**call.arguments, "occurrence_date": day})
        out.append(call)
    return out


# The slot of a block called off, said again: "at the same time", "in its place".
_SAME_SLOT = re.compile(
    r"\b(?:at\s+)?(?:the\s+)?same\s+(?:time|slot)(?:\s+slot)?\b|\b(?:in|into)\s+its\s+(?:place|slot|spot)\b", re.I
)


def in_cancelled_slot(clause: str, calls: list[ToolCall], known: Known) -> str:
    """``clause`` with "the same time" or "in its place" said as the day and hour of the occurrence the message
    called off before it ("skip X tmrw and put a 'Y' block at the same time instead": tomorrow at X's hour)."""
    cancel = next(
        (c for c in reversed(calls) if c.name == "cancel_schedule_block" and "occurrence_date" in c.arguments), None
    )
    said = _SAME_SLOT.search(clause)
    block = known.find("block", str(cancel.arguments["block"])) if cancel else None
    if cancel is None or said is None or block is None or not block.time:
        return clause
    day = date.fromisoformat(cancel.arguments["occurrence_date"])
    rest = f"{clause[: said.start()]} {clause[said.end() :]}"
    # "at the same time on monday": the hour only, on the day the clause says
    when = f"at {block.time}" if OCCURRENCE.search(rest) else f"on {day:%B} {day.day} at {block.time}"
    return f"{clause[: said.start()]}{when}{clause[said.end() :]}"


# The block just made, filed under a course or a goal and perhaps given a reminder: "put it under my orgo course and
# remind me 30 min before", "file that in world history", "link it to my mcat goal".
_FILED_UNDER = re.compile(
    r"^\W*(?:(?:and|then|also|pls|please|just)\s+)*(?:put|file|add|link|attach|save|stick)\s+(?:it|that|this)\s+"
    r"(?:in\s+)?(?:under|in|into|to|with|for)\s+(?:my\s+|the\s+)?(?P<name>[^,.;!?]+?)(?:\s+(?P<kind>course|class|goal))?"
    r"(?:\s*,?\s*(?:and\s+)?remind\s+me\b[^,.;!?]*)?\W*$",
    re.I,
)


def filed_block(calls: list[ToolCall], clause: str, known: Known) -> ToolCall | None:
    """The block the message just made, with the course or goal the clause files it under and the reminder it asks
    for; which course, when the clause names a course the learner has none of ("put it in my cooking class")."""
    if not calls or calls[-1].name != "create_schedule_block" or not (said := _FILED_UNDER.match(clause)):
        return None
    kind = "goal" if (said["kind"] or "").lower() == "goal" else "course"
    if (item := resolve(kind, said["name"], known).item) is None:
        if said["kind"] and kind == "course":
            raise Clarify(which("course", known))
        return None
    reminder = parse_reminder(clause)
    return ToolCall(
        "create_schedule_block",
        {**calls[-1].arguments, kind: item.title, **({"reminder_minutes": reminder} if reminder else {})},
    )


# A question about the plan of a day or a few ("whats on my schedule tomorrow", "what do i have friday", "whats on
# this weekend", "when's my lin alg block tomorrow?", "do i have orgo review today?").
_DAY_ASKED = re.compile(
    r"\b(?:what|what's|whats|wats|anything|show|do\s+i\s+have)\b.*\b(?:schedule|calendar|on|planned|have|got)\b|"
    r"^\W*(?:do\s+i\s+(?:have|got)|have\s+i\s+got|is\s+there|are\s+there)\b|"
    r"\bwhen(?:'?s|\s+is|\s+do\s+i\s+have)\b.*\b(?:block|session|slot|practice|review|class)\b",
    re.I,
)
# Days ahead said by their span ("this weekend", "next week", "the next 3 days"); days gone or every week are not.
_FEW_DAYS = re.compile(
    r"\b(?:(?:this|next|the|coming|upcoming)\s+)?weekend\b|\b(?:this|next|the|coming|upcoming)\s+week\b|"
    r"\bnext\s+(?:few|couple|\d+)\s+(?:of\s+)?days\b",
    re.I,
)
_NOT_AHEAD = re.compile(
    r"\b(?:last|ago|after\s+next|every|each|past|previous|yesterday|did|was|were|had)\b|\bweek\s*\d", re.I
)
_DAYS_AT_MOST = 14


def on_listed_day(calls: list[ToolCall], previous: str, text: str, ctx: Context, known: Known) -> list[ToolCall]:
    """A block cancelled or moved after a question about a few days' plan: its one occurrence in them ("whats on my
    schedule tomorrow" then "cancel the spanish one"); a new clock said with no day moves to that day."""
    if (
        not previous
        or not _DAY_ASKED.search(previous)
        or not (OCCURRENCE.search(previous) or _FEW_DAYS.search(previous))
        or _NOT_AHEAD.search(previous)
    ):
        return calls  # "when is my orgo review?" names no days: "move it to saturday" may move every one
    first, last = parse_window(previous, ctx.today)
    if (last - first).days >= _DAYS_AT_MOST:
        return calls
    changed = []
    for call in calls:
        block = call.arguments.get("block")
        if (
            call.name in ("cancel_schedule_block", "move_schedule_block")
            and "occurrence_date" not in call.arguments
            and isinstance(block, str)
            and len(days := _meetings(block, first, last, known)) == 1
        ):
            arguments = {**call.arguments, "occurrence_date": days[0].isoformat()}
            start = arguments.get("start")
            clock_only = isinstance(start, str) and start[:10] in (f"{ctx.today}", f"{ctx.today + timedelta(days=1)}")
            if isinstance(start, str) and clock_only and not OCCURRENCE.search(text):
                arguments["start"] = f"{days[0].isoformat()}{start[10:]}"  # "push the ML one to 9:30": that day's
            elif isinstance(start, str) and first > ctx.today and not re.search(r"\bthis\b", text, re.I):
                arguments["start"] = _into_the_week(start, days[0].isoformat())  # next week's plan: its friday
            call = ToolCall(call.name, arguments)
        changed.append(call)
    return changed


# "it" called off or moved right after a question about one day's plan: "cancel it, im going to a concert".
_IT_CHANGED = re.compile(
    r"^\W*(?:(?:ok|okay|so|then|pls|please|just|can\s+you|could\s+you|can\s+u)\W+)*"
    r"(?:cancel|skip|call\s+off|move|push|shift|bump|reschedule|drop)\s+(?P<it>it|that(?:\s+one)?|this(?:\s+one)?)\b",
    re.I,
)


def the_one_listed(text: str, previous: str, ctx: Context, known: Known) -> str:
    """``text`` with "it" said as the one block still to come on the day the previous message asked about ("what do i
    have tonight" then "cancel it"); unchanged when that day has several or none, or the question named a block ("it"
    is that one)."""
    it = _IT_CHANGED.match(text)
    day = OCCURRENCE.search(previous) if previous and _DAY_ASKED.search(previous) else None
    if it is None or day is None or _NOT_AHEAD.search(previous) or mentions("block", previous, known):
        return text
    first, last = parse_window(previous, ctx.today)
    if first != last:
        return text
    blocks = [block for block in known.of("block") if meets_on(block.title, first, known)]
    if _EVENING.search(previous):
        blocks = [block for block in blocks if block.time >= _EVENING_FROM]
    if first == ctx.today:
        blocks = [block for block in blocks if block.time > ctx.now.strftime("%H:%M")]  # still to come
    if len(blocks) != 1:
        return text
    return f'{text[: it.start("it")]}"{blocks[0].title}" {day.group(1)}{text[it.end("it") :]}'


def _meetings(block_title: str, first: date, last: date, known: Known) -> list[date]:
    """The days from ``first`` to ``last`` on which the learner's block of that title meets."""
    return [
        day
        for offset in range((last - first).days + 1)
        if meets_on(block_title, day := first + timedelta(days=offset), known)
    ]


# A removal said to be for good, at the clause's end or before its verb: "delete the sunday block completely",
# "get rid of X for good pls", "permanently cancel X" (not "skip X, im completely wiped": that is how the learner is).
_FOR_GOOD = re.compile(
    r"\b(?:for\s+good|entirely|altogether|completely|permanently|forever)(?:\s+(?:from\s+(?:my|the)\s+"
    r"(?:schedule|calendar|week)|pls|please|thanks|thx))*\W*$|"
    r"\b(?:completely|entirely|permanently)\s+(?:cancel|delete|remove|drop|scrap|get\s+rid\s+of|clear)\b",
    re.I,
)

# A block deleted by the day it keeps, said as part of its name: "delete the sunday problem sets block", "remove my
# thursday orgo review" (not "delete X on monday", "skip the sunday block", "delete sunday's X": that day's).
_DAY_AS_NAME = re.compile(
    rf"\b(?:delete|remove|get\s+rid\s+of|trash|scrap)\b.*\b(?:the|my)\s+{WD}s?\s+"
    r"(?!(?:morning|afternoon|evening|night|at|to|from|and|or)\b)[a-z\"]",
    re.I,
)

# A course said in brackets after a new block's title: "problem set 4 (lin alg)".
_COURSE_IN_BRACKETS = re.compile(r"^(?P<title>.*\w)\s*\((?P<course>[^()]+)\)$")


def in_clause(call: ToolCall, clause: str, ctx: Context, known: Known) -> ToolCall:
    """What the clause says that the call left out: a note's own title, the occurrence of a block it names."""
    args = dict(call.arguments)
    today = ctx.today.isoformat()
    if (
        call.name == "list_schedule"
        and args.get("start") == today == args.get("end")
        and not _SCHEDULE_WORDS.search(clause)
    ):
        return ToolCall("get_today", {})  # "what do I need to do today": the day's plan (blocks, cards, tasks)
    if call.name == "search_notes" and isinstance(query := args.get("query"), str):
        # "any note where I write about carbocation? I cannot find it" -> "carbocation"
        about = re.match(
            r"^(?:where|that|which|in\s+which)\b.*?\b(?:about|on|regarding|mentioning)\s+(.+)$", query, re.I
        )
        args["query"] = free_text(about.group(1) if about else query) or query
        vague = re.sub(
            r"^(?:anything|something|stuff|things)\s+(?:about|on|regarding|related\s+to)\s+(?:the\s+)?",
            "",
            args["query"],
            flags=re.I,
        )
        vague = re.sub(  # "... at some point", "... a while ago": when, not what; "... in my notes": where
            r"\s+(?:(?:somewhere\s+)?(?:in|from|among|inside|within|across)\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+(?:\w+\s+)?notes?|at\s+some\s+point|(?:a\s+while|some\s+time|ages)\s+ago|the\s+other\s+day|recently|earlier|before|"
            r"last\s+(?:week|month|semester|term|year))\W*$",
            "",
            vague,
            flags=re.I,
        )
        args["query"] = (
            VAGUE_HEAD.sub("", vague) or args["query"]
        )  # "subjunctive stuff", "the preterite imperfect thing"
        args["query"] = re.sub(r"^(?:the|an?)\s+(?=\w)", "", args["query"], flags=re.I)  # "the french revolution"
    if call.name == "create_note" and (m := _NOTE_TITLED.search(clause)):
        args["title"] = capitalize(squash(m.group(1)))
        if m.group(2):
            args["content"] = squash(m.group(2))
        if "course" not in args and (course := maybe("course", clause[: m.start()], known)):
            args["course"] = course.title
    in_week = ""
    for_good = call.name == "cancel_schedule_block" and bool(_FOR_GOOD.search(clause) or _DAY_AS_NAME.search(clause))
    if for_good:
        args.pop("occurrence_date", None)  # "delete the sunday block completely": the series, not sunday's
    if call.name in ("cancel_schedule_block", "move_schedule_block") and "occurrence_date" not in args:
        head = re.split(r"(?:^|\s+)(?:to|until|till)\s+", clause, maxsplit=1)[0]
        m = OCCURRENCE.search(head)
        # "every day", "starting tomorrow": the series moves, not one day's occurrence
        whole = bool(re.search(r"\b(?:every|all|series|whole|starting|beginning)\b", head, re.I))
        whole = whole or bool(FROM_NOW_ON.search(clause)) or for_good
        if m and not whole and (day := date_arg(m.group(1), ctx)):
            meets = meets_on(str(args.get("block", "")), date.fromisoformat(day), known)
            if _NAMED_DAY.fullmatch(m.group(1)) and not meets:
                said = date.fromisoformat(day)
                raise Clarify(f"“{args.get('block')}” doesn't meet on {said:%A, %B} {said.day}: which day do you mean?")
            if meets or head != clause or call.name != "move_schedule_block":
                args["occurrence_date"] = day  # not "can X be on friday at 6", a day it does not meet on: its new day
        elif not whole and not says_some_day(clause) and (day := _meeting_in_week(args, clause, ctx, known)):
            args["occurrence_date"] = in_week = day  # "move orgo review to friday next week": that week's one
        elif not whole and _ONCE.search(clause) and (day := _next_meeting(args, ctx, known)):
            args["occurrence_date"] = day  # "skip ML reading just this once": the next one, never the series
    if call.name in CREATES and call.name != "create_note" and isinstance(title := args.get("title"), str):
        title = re.split(r"(?<=[a-z0-9])[.!?]\s+(?=\w)", title, maxsplit=1, flags=re.I)[0]  # ". no rush"
        args["title"] = re.sub(  # "..., low priority tho", "..., nothing serious, just for fun": remarks, not the title
            r"(?:[,\s]+(?:tho|though|lol|haha|i\s+guess|i\s+think|ok(?:ay)?|pls|please|thx|thanks)\W*$|"
            r"(?:\s*[,;-]+\s*(?:nothing\s+(?:serious|fancy|big|crazy)|no\s+(?:rush|pressure|stress|big\s+deal)|"
            r"(?:just\s+)?for\s+(?:fun|kicks|me)|just\s+(?:curious|because)|low[-\s]key))+\W*$)",
            "",
            title,
            flags=re.I,
        )
    quoted = re.findall(r"(?<!\w)[\"\u201c]([^\"\u201d]{2,80})[\"\u201d](?!\w)", clause)
    title = args.get("title")
    quoted = [q for q in quoted if not any(item.title.casefold() == q.casefold() for item in known.items)]
    if len(quoted) == 1 and isinstance(title, str) and title.casefold().startswith(quoted[0].casefold()):
        args["title"] = quoted[0]  # 'to "Read 8 books this year", 12 was too ambitious': the quote is the title
    if call.name == "create_schedule_block" and isinstance(title := args.get("title"), str):
        args["title"] = block_title(title, known) or title
        aside = _COURSE_IN_BRACKETS.match(args["title"])
        if aside and (course := resolve("course", aside["course"], known).item):
            args["title"] = aside["title"]  # "problem set 4 (lin alg)": the course, said aside
            args.setdefault("course", course.title)
    if call.name == "move_schedule_block" and "duration_minutes" not in args and (more := _LENGTH_TOO.search(clause)):
        args["duration_minutes"] = parse_duration(more["length"]) or args.get("duration_minutes")
    if call.name == "move_schedule_block" and isinstance(args.get("start"), str):
        start = args["start"]
        args["start"] = _afternoon_like(_moved_start(args, clause, ctx, known), args, clause, known)
        if args["start"] != start and args.get("occurrence_date") == start[:10] and args["start"][:10] > start[:10]:
            args["occurrence_date"] = args["start"][:10]  # a day already gone: the next one's occurrence moves
    if call.name == "move_schedule_block" and isinstance(args.get("start"), str):
        args["start"] = _evening_clock(args["start"], clause, ctx)
        if in_week:
            args["start"] = _into_the_week(args["start"], in_week)
    if call.name in ("cancel_schedule_block", "move_schedule_block") and _gone_today(args, clause, ctx, known):
        args["occurrence_date"] = (ctx.today + timedelta(days=7)).isoformat()  # "skip X sunday" late on a Sunday
        start = args.get("start")
        if isinstance(start, str) and start[:10] == today:  # "move X sunday to 9pm": that next sunday at 9pm
            args["start"] = f"{args['occurrence_date']}{start[10:]}"
    return ToolCall(call.name, args)


# Today said by its name, not as today: "skip X sunday" on a Sunday (not "this sunday", "today", "tonight").
_TODAY_AS_TODAY = re.compile(rf"\b(?:this\s+{WD}|today|tonight|this\s+(?:morning|afternoon|evening))", re.I)


def _gone_today(args: dict[str, Any], clause: str, ctx: Context, known: Known) -> bool:
    """Whether the occurrence is today's, named by today's weekday, and already started: the next week's is meant."""
    block = known.find("block", str(args.get("block", "")))
    said = re.findall(rf"\b({WD})", re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[0], re.I)
    return (
        args.get("occurrence_date") == ctx.today.isoformat()
        and block is not None
        and bool(block.time)
        and [weekday_index(day) for day in said] == [ctx.today.weekday()]
        and not _TODAY_AS_TODAY.search(clause)
        and block.time <= ctx.now.strftime("%H:%M")
    )


_EVENING_FROM = "17:00"  # the hour an evening ("tonight") starts
_EVENING = re.compile(r"\b(?:tonight|evening)\b", re.I)
_MORNING = re.compile(r"(?<![a-z])a\.?m\b|\bmorning\b", re.I)  # "10am", "9 a.m.", "tomorrow morning"


def _evening_clock(start: str, clause: str, ctx: Context) -> str:
    """A bare clock for tonight's block is in the evening ("move tonight's one to 8": 20:00), unless the new time is
    said in the morning or on another day ("tonight's one to tmrw at 10am")."""
    target = re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[-1]
    hour = int(start[11:13]) if len(start) >= 16 else 0
    if (
        not _EVENING.search(clause)
        or not 1 <= hour < 12
        or _MORNING.search(target)
        or (date_arg(target, ctx) and not _EVENING.search(target))
    ):
        return start
    return f"{start[:11]}{hour + 12:02d}{start[13:]}"


def _afternoon_like(start: str, args: dict[str, Any], clause: str, known: Known) -> str:
    """A bare clock (no am/pm, no morning, no 24-hour zero) moving an afternoon or evening block keeps its half of the
    day: the 18:00 review "to 7:30" is 19:30."""
    block = known.find("block", str(args.get("block", "")))
    target = re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[-1]
    if not block or not block.time or int(block.time[:2]) < 12 or len(start) < 16:
        return start
    hour = int(start[11:13])
    said = re.search(r"(?<![\d:])(\d{1,2})(?::\d\d)?(?![\d:])", target)
    if (
        not 1 <= hour < 12
        or not said
        or int(said[1]) != hour
        or said[1].startswith("0")
        or re.search(r"(?:am|a\.m\.)(?!\w)|\b(?:morning|breakfast)\b", target, re.I)
    ):
        return start
    return f"{start[:11]}{hour + 12:02d}{start[13:]}"


def _moved_start(args: dict[str, Any], clause: str, ctx: Context, known: Known) -> str:
    """A move's new start: a day alone keeps the block's own time, a time alone keeps the occurrence's day."""
    start = str(args["start"])
    target = re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[-1]
    block = known.find("block", str(args.get("block", "")))
    if block and block.time and not parse_time(target) and not BARE_CLOCK.match(target):
        start = f"{start[:11]}{block.time}"  # "to friday, same time"
    elif (occurrence := args.get("occurrence_date")) and not date_arg(target, ctx):
        start = f"{occurrence}{start[10:]}"  # "this thursday's review to 8pm"
    elif block and not date_arg(singular_weekdays(clause), ctx) and (meeting := next_meeting(block, ctx.now)):
        start = f"{meeting.isoformat()}{start[10:]}"  # "move orgo review to 7": its next meeting's day (thursday)
    try:
        when = datetime.fromisoformat(start)
    except ValueError:
        return start
    if (
        when < ctx.now.replace(tzinfo=None)
        and re.search(rf"\b{WD}", clause, re.I)
        and not re.search(rf"\b(?:this\s+{WD}|today)", clause, re.I)  # "this thursday" said on a Thursday is today
    ):
        start = (when + timedelta(days=7)).isoformat(timespec="minutes")  # "the sunday X at 2pm" said on Sunday evening
    return start


# "no lin alg problem sets this sunday, I'm away": a named occurrence that will not happen is cancelled.
NO_OCCURRENCE = re.compile(
    rf"^\W*(?:(?:ok|so|hey|um+|sadly|unfortunately|heads\s+up)\W+)*no\s+(?:more\s+)?(?!\d|way\b)(?P<named>[^,;:.!?]+?)\s+"
    rf"(?:today|tonight|tomorrow|(?:this|next|on)\s+(?:{WD}|week(?:end)?)|{WD})",
    re.I,
)


def no_occurrence(clause: str, known: Known) -> bool:
    """Whether the clause says a block will not happen on a day: "no <the block> <day>", the words between "no"
    and the day naming that block and nothing else (not "no worries, X tomorrow"), and said, not asked."""
    m = NO_OCCURRENCE.search(clause)
    if not m or "?" in clause:
        return False
    said = [w for w in tokens(m["named"]) if w not in FILLER]
    return any(
        value >= max(NAMED_CLEARLY, 0.75 * len(tokens(item.title)))
        and all(max(word_score(t, w) for t in tokens(item.title)) > 0 for w in said)
        for value, item in mentions("block", m["named"], known)
    )


def whole_block(clause: str, known: Known) -> bool:
    """Whether the clause names one of the learner's blocks by (nearly) all its title's words."""
    found = mentions("block", clause, known)
    return any(
        value >= max(NAMED_CLEARLY, 0.75 * len(tokens(item.title))) and not split_by_another_word(item.title, clause)
        for value, item in found
    )


# "X feels too short, can we make it an hour and a half (from now on)?": a new length for the block X.
_TOO_SHORT_OR_LONG = re.compile(
    r"^\W*(?P<name>[^,.;!?]+?)\s+(?:is|feels|seems|was|'s|has\s+been|keeps\s+being)\s+(?:\w+\s+){0,2}?too\s+(?:short|long)\b"
    r"[^.!?]*?[,.;!?]\s*(?:\w+\W+){0,4}?(?:make|set|change)\s+(?:it|them)\s+(?:to\s+)?(?P<length>[^,;!?]+?)\W*$",
    re.I,
)


def resized_block(text: str, known: Known) -> ToolCall | None:
    """The new length of a block the learner finds too short or too long, when the message names the block."""
    if not (m := _TOO_SHORT_OR_LONG.match(text)) or not (minutes := parse_duration(m["length"])):
        return None
    try:
        block = maybe("block", m["name"], known)
    except Clarify:
        return None
    return ToolCall("move_schedule_block", {"block": block.title, "duration_minutes": minutes}) if block else None


_DAY_WORD = rf"(?:today|tonight|tomorrow|tmrw|(?:this\s+|next\s+|on\s+)?{WD}s?)"
# "ML reading tmrw only 30 min pls, got an early lab": one day's occurrence of a block, shorter or longer.
_ONE_DAY_LENGTH = re.compile(
    rf"^\W*(?P<name>[^,.;!?]+?)\s+(?P<day>{_DAY_WORD})\s+(?:should\s+be\s+|needs\s+to\s+be\s+)?(?:only|just)\s+"
    r"(?P<length>\d+(?:\.\d+)?\s*(?:min(?:ute)?s?|m|hours?|hrs?|h)|an?\s+hour|half\s+an\s+hour)"
    r"(?:\s+(?:pls|please|plz))?\W*(?:[,;.!]\s*[^,;.!?]*)?$",
    re.I,
)


def shortened_occurrence(text: str, known: Known, ctx: Context) -> ToolCall | None:
    """One day's occurrence of a block the message names by its whole title, given only a new length."""
    if "?" in text or not (m := _ONE_DAY_LENGTH.match(text)) or has_clock(text):
        return None
    if m["day"].lower() == "today" or not (minutes := parse_duration(m["length"])):
        return None
    named = [item for item in known.of("block") if item.title.casefold() == squash(m["name"]).casefold()]
    day = date_arg(m["day"], ctx)
    if len(named) != 1 or day is None:
        return None
    return ToolCall(
        "move_schedule_block", {"block": named[0].title, "occurrence_date": day, "duration_minutes": minutes}
    )


_TWO_DAYS = re.compile(
    rf"\b(?P<first>{_DAY_WORD})\s*(?:,|&|\band\b|\bplus\b)\s*(?:also\s+)?(?P<second>{_DAY_WORD})\b", re.I
)


def each_day(call: ToolCall, clause: str, ctx: Context) -> list[ToolCall]:
    """One cancel per day when the clause names two occurrences ("skip X today and tomorrow")."""
    if call.name != "cancel_schedule_block" or "occurrence_date" not in call.arguments:
        return [call]
    if not (pair := _TWO_DAYS.search(clause)):
        return [call]
    days = [date_arg(pair[part], ctx) for part in ("first", "second")]
    if None in days or days[0] == days[1] or call.arguments["occurrence_date"] not in days:
        return [call]
    return [ToolCall(call.name, {**call.arguments, "occurrence_date": day}) for day in days]


def series_start_to_come(call: ToolCall, text: str, *, now: datetime, known: Known) -> ToolCall:
    """A whole series moved to a new time and no day starts at its first meeting at that time still to come ("X
    should be at 7am from now on" said at 8pm is from tomorrow's; "orgo review at 8pm from now on" said on a
    Wednesday is Thursday's). Any other call as it is."""
    args = call.arguments
    block = known.find("block", str(args.get("block", "")))
    if call.name != "move_schedule_block" or "occurrence_date" in args or block is None or not block.rule:
        return call
    try:
        start = datetime.fromisoformat(str(args.get("start")))
    except ValueError:
        return call
    local = now.replace(tzinfo=None, second=0, microsecond=0)
    if OCCURRENCE.search(text) or (start >= local and not WHOLE_SERIES.search(text)):
        return call  # a day said, or a start still to come of one move
    try:
        meeting = rrulestr(block.rule, dtstart=start).after(max(start, local), inc=True)
    except ValueError:
        return call
    return ToolCall(call.name, {**args, "start": meeting.isoformat(timespec="minutes")}) if meeting else call


# What the learner cannot make, said beside a move: "cant make it tonight", "can't do the morning".
_CANT_MAKE = re.compile(
    r"\b(?:can'?t|cannot|won'?t|wont|unable\s+to|not\s+able\s+to)\s+(?:make|do|attend|go\s+to|join)\b[^,.;!?]*", re.I
)
# Where a move goes: "to friday", "at 8", "till next week", "later", "an hour earlier".
_MOVED_TO = re.compile(
    rf"\b(?:to|till|until|at|into|for|on)\s+(?:\S+\s+){{0,2}}?(?:{WD}|today|tonight|tomorrow|tmrw|next|weekend|"
    r"morning|afternoon|evening|night|noon|\d)|\b(?:later|earlier|back|forward|ahead)\b",
    re.I,
)

# A move to a time or day left unsaid: "to a different time", "some other day", "somewhere else".
_SOMEWHERE_ELSE = re.compile(
    r"\b(?:to|into|for)\s+(?:a\s+)?(?:different|another|some\s+other|other|new|better|later)\s+(?:time|day|slot|hour)\b|"
    r"\bsomewhere\s+else\b|\belsewhere\b",
    re.I,
)

# A shift by a span, not to a time: "back an hour", "30 min later", "forward by 2 hours".
_SHIFTED_BY = re.compile(
    r"\b(?:back|forward|later|earlier|ahead|up)\s+(?:by\s+)?(?:an?|one|two|three|half\s+an|\d+)\s*"
    r"(?:hours?|hrs?|h|minutes?|mins?)\b|"
    r"\b(?:an?|one|two|three|half\s+an|\d+)\s*(?:hours?|hrs?|h|minutes?|mins?)\s+(?:later|earlier|back|forward|ahead)\b",
    re.I,
)


def shifted_by_span(call: ToolCall, text: str, *, now: datetime, known: Known) -> ToolCall:
    """A move by a span from the block's own time ("push the spanish one an hour later", "30 min earlier"): the
    meeting said (else the next one) starts that much later or earlier, its length unchanged."""
    said = _SHIFTED_BY.search(text)
    block = known.find("block", str(call.arguments.get("block"))) if call.name == "move_schedule_block" else None
    if said is None or block is None or not block.time or has_clock(text):
        return call
    if not (span := parse_duration(re.sub(r"\b(?:back|forward|later|earlier|ahead|up|by)\b", " ", said[0]))):
        return call
    day_said = call.arguments.get("occurrence_date")
    day = date.fromisoformat(day_said) if isinstance(day_said, str) else next_meeting(block, now)
    if day is None:
        return call
    earlier = re.search(r"\b(?:earlier|forward|ahead|up)\b", said[0], re.I)
    start = datetime.combine(day, time.fromisoformat(block.time)) + timedelta(minutes=-span if earlier else span)
    moved = {k: v for k, v in call.arguments.items() if k != "duration_minutes"}
    return ToolCall(call.name, {**moved, "start": start.isoformat(timespec="minutes")})


def moved_nowhere(calls: list[ToolCall], text: str) -> bool:
    """Whether a block is moved when the message says only when the learner cannot make it, not where it goes
    ("can u move spanish practice? cant make it tonight"): the new time is the learner's to say."""
    moves = [call for call in calls if call.name == "move_schedule_block"]
    if any("start" not in call.arguments for call in moves) and _SHIFTED_BY.search(text) and not has_clock(text):
        return True  # "push it back an hour" with no meeting's time known: from when is the learner's to say
    if not any("start" in call.arguments for call in moves):
        return False
    rest = _CANT_MAKE.sub(" ", text)
    if _SOMEWHERE_ELSE.search(rest) and not has_clock(rest):
        return True  # "move ML reading to a different time tomorrow": which time is unsaid
    return rest != text and not has_clock(rest) and not _MOVED_TO.search(rest)
