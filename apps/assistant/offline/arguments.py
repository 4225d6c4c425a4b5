"""The arguments of one clause's tool call: titles, tags, dates, courses, goals, study sources and free text."""

from __future__ import annotations

import re
from typing import Any

from .abstain import IMPERATIVES, form
from .blocks import date_arg
from .calls import ToolCall
from .clarify import Clarify, maybe, pick
from .clauses import CALLED, COLON, NAMED_CLEARLY, QUOTED, free_text, quoted_text
from .context import Context
from .courses import ABOUT_A_COURSE, ASKED_FOR, level_set, match_create_course, target_beside
from .dates import DATE_PHRASE, WD, parse_duration, parse_time, parse_window, singular_weekdays
from .goals import match_create_goal, part_swapped
from .items import IRREGULAR_PAST, Item, Known, mentions, tokens, word_score
from .notes import match_search_notes
from .schedule import match_cancel_block, match_create_block, match_move_block
from .text import capitalize, squash, without_lower_remark
from .titles import renamed_apart
from .vague import has_clock
from .when import any_date

NO_ARGUMENTS = frozenset(
    {
        "stop_study_session",
        "list_facts",
        "get_streak",
        "get_today",
        "list_due_cards",
        "list_shared_courses",
        "list_goals",
    }
)


RULE_FOR = {
    "create_schedule_block": match_create_block,
    "search_notes": match_search_notes,
    "create_goal": match_create_goal,
    "move_schedule_block": match_move_block,
    "cancel_schedule_block": match_cancel_block,
}


# A remark after a new name's comma: ", it sounds fancier", ", because ...", ", thanks", ", with the apostrophe".
_RENAME_REMARK = re.compile(
    r",\s+(?:with|it|it's|its|that|that's|this|because|cause|coz|since|as|i|i'm|im|thanks|thx|please|pls|lol|so|"
    r"just|sounds|looks)\b.*$|"
    # ", the missing apostrophe is bugging me"
    r",\s+(?:the|my|that)\s+(?:[\w'-]+\s+){0,4}?(?:is|are|was|were|bugs?|bugging|looks?|reads?|annoys?)\b.*$",
    re.I,
)


_NOTES_ON = re.compile(
    r"\b(?:notes?|wrote|write|written|jotted|saved)\s+(?:anything\s+|something\s+)?(?:down\s+)?"
    r"(?:on|about|for|re|regarding)\s+(?:the\s+)?(.+?)\W*$",
    re.I,
)


PRIORITY = re.compile(
    r"\b(high|medium|low|top)(?:est)?\s+priority\b|"
    r"\bpriority\b(?:\s+(?:of|for|on)\s+[^,.;]{1,60}?)?\s+(?:(?:to|as|at|is)\s+)?(high|medium|low|top)\b",
    re.I,
)


def _new_title(clause: str, *, after: str = "", known: Known | None = None) -> str:
    """A new title: quoted (not one of the ``known`` learner's titles, quoted so no split cuts it), 'called X',
    'X: Y' (Y), or the words after ``after``."""
    titles = {item.title.casefold() for item in known.items} if known else set()
    if quoted := next((q for m in QUOTED.finditer(clause) if (q := quoted_text(m)).casefold() not in titles), None):
        return squash(quoted)
    if m := CALLED.search(clause):
        return squash(m.group(1))
    if m := COLON.search(clause):
        return squash(m.group(1))
    if after and (m := re.search(after, clause, re.I)):
        return squash(m.group(1))
    return ""


# A verb that adds tags or takes them off; each governs the words up to the next one.
_TAG_VERB = re.compile(
    r"\b(?P<remove>untag|remove|delete|drop|take(?:\s+(?:off|away|out)|(?=\s+(?:the\s+)?\S+\s+tags?\s+off\b))|"
    r"get\s+rid\s+of|strip|clear)\b|\b(?P<add>tag|add|label|put|mark)\b",
    re.I,
)


# A tag is one word, or a word and its number ("exam 2", "unit 3").
_TAG_WORD = r"#?[\w-]+(?:\s+\d+\b)?"


_TAG_RUN = rf"{_TAG_WORD}(?:\s*(?:,|&|\+|\band\b)\s*(?:and\s+)?{_TAG_WORD})*"


# Words around tags that are never one: the note said as "it", its kind, the links, a remark ("instead", "thanks").
_TAG_WORDS = (
    "it them this that the a an my note notes tag tags with as from to on of off in too also please pls both one "
)


_NOT_TAGS = frozenset((_TAG_WORDS + "instead now again then well for me thanks thx just").split())


def _tags_in(segment: str) -> list[str]:
    """The tags a piece of a tagging request names: quoted, 'the X tag', 'tags X and Y', 'with/as X, Y', or the words
    after 'it' or the word note ("tag it history and exam", "tag the krebs note biochem")."""
    if quoted := re.findall(r"[\"'\u2018\u201c]#?([\w -]+?)[\"'\u2019\u201d]", segment):
        return [q.strip().lower() for q in quoted]
    found = (
        re.search(rf"\b(?:the\s+)?({_TAG_RUN})\s+tags?\b", segment, re.I),
        re.search(rf"\btags?\s+({_TAG_RUN})", segment, re.I),
        re.search(rf"\b(?:with|as|w)\s+(?:the\s+)?(?:tags?\s+)?({_TAG_RUN})", segment, re.I),
        re.match(rf"\s*(?:it|them|this|that)\s+({_TAG_RUN})", segment, re.I),
        re.match(rf"\s*({_TAG_RUN})\s+(?:from|off|on|to)\b", segment, re.I),  # "untag orgo from X"
        re.search(r"(#\w+)", segment),
        re.search(rf"\bnotes?\s+({_TAG_RUN})\W*$", segment, re.I),  # "tag my krebs note biochem and mcat"
    )
    for m in filter(None, found):  # the first reading that names a tag ("the tag bio": not "the")
        words = re.split(r"\s*(?:,|&|\+|\band\b)\s*|\s+(?!\d+\b)", m.group(1))
        if tags := [w.lstrip("#").lower() for w in words if w and w.lstrip("#").lower() not in _NOT_TAGS]:
            return tags
    return []


def tag_changes(clause: str, known: Known) -> dict[str, list[str]]:
    """The tags a clause adds to a note and takes off it, each list in the order said (an item's title put for "it"
    is no tag)."""
    for item in known.items:
        clause = re.sub(rf"[\"\u201c]{re.escape(item.title)}[\"\u201d]", " it ", clause, flags=re.I)
    verbs = [  # "the orgo tag", "the tag bio" are nouns, no verbs
        m
        for m in _TAG_VERB.finditer(clause)
        if not re.search(r"(?:\b(?:the|a|my|this|that)(?:\s+\S+)?|#\S+)\s+$", clause[: m.start()])
    ]
    out: dict[str, list[str]] = {}
    for index, verb in enumerate(verbs):
        end = verbs[index + 1].start() if index + 1 < len(verbs) else len(clause)
        if tags := _tags_in(clause[verb.end() : end]):
            out.setdefault("remove" if verb["remove"] else "add", []).extend(tags)
    return out


def _split_at(clause: str, words: str) -> tuple[str, str]:
    """The clause before and after the first of ``words``."""
    parts = re.split(rf"\s+(?:{words})\s+", clause, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (clause, "")


def _course_of(clause: str, known: Known, module: Item | None) -> Item | None:
    course = maybe("course", clause, known)
    return course or (known.find("course", module.parent) if module else None)


# Words that bound a schedule question in time.
_WINDOW_WORDS = re.compile(
    r"\b(?:today|tomorrow|week|weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b|"
    r"\b(?:in|during|for|of|through)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)


_DESCRIPTION = re.compile(r"\bdescription\b.*?(?:\s(?:to|as|is|reads?|says?)\s*:?|:)\s*(\S.*?)\W*$", re.I)


_NEW_NAME = re.compile(
    r"\bnew\s+(?:name|title)\s*(?:is|:|=|will\s+be|should\s+be|would\s+be)\s*(.+?)\W*$|"
    r"\b(?:call|name|title)\s+it\s+(.+?)(?:\s+instead)?\W*$",
    re.I,
)


# "..., so don't schedule stuff then", "... so you can plan around it": what the fact means for the learner's
# calendar, pointing back at its time, is no part of it (a consequence that says more, "so never schedule stuff on
# sundays", or a wish of another kind, "so keep explanations short", is).
_CONSEQUENCE = re.compile(
    r"[,;\s]+(?:and\s+)?so\s+(?:(?:please|pls)\s+)?(?:(?:you|u)\s+(?:can|could|should)\s+|don'?t\s+|dont\s+|do\s+not\s+|"
    r"never\s+|no\s+)(?:[\w']+\s+){0,2}?(?:schedul\w*|plan\w*|put|book|add|sessions?|blocks?|study)\b[^,;.]*?"
    r"\b(?:then|around\s+(?:it|that|this|them)|(?:at\s+|on\s+)?(?:that|those)\s+(?:times?|days?|hours))"
    r"\W*(?:(?:pls|please|thx|thanks)\W*)?$",
    re.I,
)
# "forget the thing about X": the fact is X.
_THING_ABOUT = re.compile(r"^(?:the|that|this)\s+(?:thing|part|bit|stuff|fact)\s+(?:about|that)\s+(?:me\s+)?", re.I)
# "forget what i told u about X", "forget everything i said re X": the fact is X.
_FORGET_LEAD = (
    r"^.*?\bforget(?:\s+(?:that|about|(?:what|everything|anything|the\s+stuff)\s+i\s+(?:said|told\s+(?:you|u)|"
    r"mentioned|wrote|shared)(?:\s+(?:about|re|on))?))?\s*"
)


# A fact forgotten is said with a word for forgetting or for what the assistant keeps of the learner.
_ABOUT_MEMORY = re.compile(
    r"\b(?:for?g[eo]t\w*|remember\w*|memor\w*|fact|facts|(?:told|said\s+to)\s+(?:you|u)|know\s+about\s+me)\b", re.I
)


# "forget it", "forget that, nvm": a pronoun alone names no fact.
_NEVER_MIND = re.compile(
    r"\W*(?:it|that|this|them|those|everything|all\s+that)\b(?:[\s,.!-]*(?:never\s*mind|nvm|nm|whatever|lol|ok|okay))*\W*",
    re.I,
)


# "forget X, i'm a night owl now": what holds now replaces it, a fact of its own.
# Why a fact is forgotten, after it: "..., my schedule changed", "... since it's not true anymore".
_WHY_FORGOTTEN = re.compile(
    r"\s*(?:[,;.]|\s(?=because|cause|cuz|since|bc)\b)\s*(?:(?:because|cause|cuz|since|bc)\s+)?"
    r"(?:my|it'?s|its|it|that(?:'?s)?|this|things|stuff|the\s+\w+)\s+[^,;.]*?\b(?:changed?|is|was|are|were|isn'?t|"
    r"wasn'?t|over|different|not|no\s+longer|anymore|\w+ed)\b.*$",
    re.I,
)
_NOW_TRUE = re.compile(
    r"\s*[,;.]\s*(?:(?:now|because|cause|cuz|since|as)\s+)?(?P<fact>(?:i'?m|i\s+am|im|now\s+i|i\s+now|i\s+(?:prefer|study|work|live))\b.*)$",
    re.I,
)


def _container_as_it(clause: str, known: Known) -> str:
    """The clause with a container said back in quotes after a placing word ('add X to "Linear Algebra"', "it" read
    as the course named before) as "it": its title is no new item's."""
    for item in (*known.of("course"), *known.of("module"), *known.of("goal")):
        said = rf'\b(to|into|under|onto|in|for|on)\s+"{re.escape(item.title)}"(?:\s+(?:goal|course|class|module)\b)?'
        clause = re.sub(said, r"\1 it", clause, flags=re.I)
    return clause


# A day said as when something starts, no deadline after it: "start this saturday", "starting monday".
_STARTS_ON = re.compile(
    r"\b(?:start|starts|starting|begin|begins|beginning)\b(?![^,.;!?]*\b(?:by|due|deadline|target|until|till|finish|end)\b)",
    re.I,
)


# What adds a new module or topic before its title: "add a", "put a new", "stick another", "lin alg needs a".
_ADDS_ONE = (
    r"\b(?:(?:add|create|make|put|stick|include)\s+(?:an?\s+|another\s+)?|(?:needs?|wants?)\s+(?:an?|another)\s+)"
    r"(?:new\s+)?"
)


def extract(name: str, clause: str, ctx: Context, known: Known) -> list[ToolCall]:
    """The call for ``name`` read from the clause with the learner's items."""
    args: dict[str, Any] = {}
    if name in ("delete_course", "archive_course"):
        return [ToolCall(name, {"course": pick("course", clause, known).title})]
    if name == "delete_note":
        return [ToolCall(name, {"note": pick("note", clause, known).title})]
    if name == "create_course":
        return _new_course(clause, ctx)
    if name == "add_module":
        said = _container_as_it(clause, known)
        title = (
            _new_title(said, after=r"\bmodule\s+(.+?)\s+(?:to|in|for)\s+", known=known)
            or _new_title(
                said,
                after=r"\badd\s+(?:an?\s+)?(?:new\s+)?(.+?)\s+(?:to|in|into)\s+(?:my\s+|the\s+)?\S.*?\s+as\s+an?\s+(?:new\s+)?module\b",
                known=known,
            )
            or _new_title(
                said,
                after=rf"{_ADDS_ONE}(.+?)\s+(?:as\s+(?:an?\s+)?(?:new\s+|separate\s+|own\s+)?)?module\b",
                known=known,
            )
        )
        course = pick("course", clause.replace(title, " ") if title else clause, known)
        return [ToolCall(name, {"course": course.title, "title": title})] if title else []
    if name in ("rename_module", "rename_topic"):
        kind = name.split("_")[1]
        into = "|into" if re.search(r"\brename\b", clause, re.I) else ""  # "rename X into Y", not "change X into two"
        head, tail = _split_at(clause, rf"should\s+(?:now\s+)?be\s+(?:called|named|renamed(?:\s+to)?)|to{into}|as")
        head, tail = renamed_apart(head, tail, kind, known)  # "rename Intro to GD to Gradients"
        title = _new_title(tail) or squash(tail)
        if m := re.search(rf"\bcall\s+(.+?)\s+{kind}\s+(.+?)(?:\s+instead)?\W*$", clause, re.I):
            head, title = m.group(1), squash(m.group(2))
        title = re.sub(r"^(?:just|simply|only|plain)\s+(?=\S)", "", title, flags=re.I)  # "to just Grammar"
        title = without_lower_remark(_RENAME_REMARK.sub("", title))  # "to Bayes' Theorem, with the apostrophe, ..."
        item = pick(kind, head, known)
        args = {kind: item.title, "title": title}
        parent = known.find("course", item.parent) if kind == "module" and item.parent else None
        if parent and re.search(r"\bin\s+\w", head):
            args["course"] = parent.title  # "rename the grammar module in spanish to ..."
        return [ToolCall(name, args)] if title else []
    if name in ("remove_module", "remove_topic", "complete_topic"):
        kind = "module" if name == "remove_module" else "topic"
        item = pick(kind, clause, known)
        args = {kind: item.title}
        parent = known.find("course", item.parent) if kind == "module" and item.parent else None
        if parent and maybe("course", clause, known):
            args["course"] = parent.title  # "remove X from orgo"
        return [ToolCall(name, args)]
    if name == "add_topic":
        said = _container_as_it(clause, known)
        title = (
            _new_title(
                said, after=r"\btopic\s+(?:on\s+|about\s+|for\s+)?(.+?)\s+(?:to|in|into|for|under)\s+", known=known
            )
            or _new_title(said, after=rf"{_ADDS_ONE}(.+?)\s+(?:as\s+(?:an?\s+)?)?topic\b", known=known)
            or ((m := ADD_INTO.search(said)) and squash(m.group(1)))
            or ""
        )
        title = re.sub(r"^the\s+(?=\w)", "", title, flags=re.I)  # "called the French Revolution"
        rest = clause.replace(title, " ") if title else clause
        module_named = mentions("module", rest, known)
        strongly = bool(module_named) and (
            module_named[0][0] >= 1.8 or (module_named[0][0] >= NAMED_CLEARLY and re.search(r"\bunder\b", rest, re.I))
        )
        in_module = maybe("module", rest, known) if strongly or re.search(r"\bmodule\b", rest, re.I) else None
        owner = _course_of(rest, known, in_module)
        if not (title and owner):
            return []
        args = {"course": owner.title, "title": title}
        if in_module:
            args["module"] = in_module.title
        return [ToolCall(name, args)]
    if name == "move_topic":
        head, tail = _split_at(clause, r"into|to|under|in")
        return [
            ToolCall(name, {"topic": pick("topic", head, known).title, "module": pick("module", tail, known).title})
        ]
    if name in ("complete_goal_task", "reopen_goal_task"):
        # The verb marking it done is not the task's name: "finished the task" names no "Finish ..." task.
        task = pick("task", _TASK_STATUS_WORDS.sub(" ", clause), known)
        return [ToolCall(name, {"task": task.title})]
    if name == "date_goal_task":
        due = date_arg(clause, ctx)
        return [ToolCall(name, {"task": pick("task", clause, known).title, "due_date": due})] if due else []
    if name == "add_goal_task":
        if placed := _GOAL_PLACE.search(clause):
            destination = placed["goal"]  # "under the lin alg B+ goal add a task go to office hours"
        else:
            destination = re.sub(r"^.*?\b(?:to|for)\s+", "", clause) if " to " in clause else clause
        goal = pick("goal", re.split(r":\s", destination, maxsplit=1)[0], known)  # "<goal>: <the task>"
        said = _container_as_it(clause, known)
        title = _new_title(said) or _new_title(
            said, after=r"\b(?:add\s+(?:a\s+)?(?:task\s+)?)(.+?)(?=\s+(?:to|for)\s+(?:my|the|it)\b|\s+by\s+|$)"
        )
        if not QUOTED.search(said) and (m := _TASK_SAID.search(said)):
            title = squash(m.group(1))
        title = re.sub(
            r"\s*,?\s+(?:by|until|till|due(?:\s+(?:by|on))?)\s+.*$", "", title
        )  # "X, due thursday": the date is apart
        title = _TASK_ASKED.sub("", title)  # "<goal> goal: add X as a task", "... add a task, X": X
        args = {"goal": goal.title, "title": title}
        if (m := re.search(r"\b(?:by|until|till|due)\s+(.+)$", clause, re.I)) and (due := date_arg(m.group(1), ctx)):
            args["due_date"] = due
        elif (m := _TASK_DAY.search(title)) and (due := date_arg(m.group(0), ctx)):
            args["title"], args["due_date"] = title[: m.start()], due  # "go to office hours on friday"
        return [ToolCall(name, args)] if title else []
    if name == "update_goal":
        goal = pick("goal", clause, known)
        args = {"goal": goal.title}
        if re.search(r"\b(?:gave\s+up|giv(?:e|en|ing)\s+up|abandon|quit|drop)", clause, re.I):
            args["status"] = "ABANDONED"
        elif re.search(r"\b(?:done|complete|completed|achieved|passed|finished)\b", clause, re.I):
            args["status"] = "COMPLETED"
        elif re.search(r"\bin\s+progress\b|\b(?:as|to)\s+(?:active|started)\b", clause, re.I):
            args["status"] = "IN_PROGRESS"
        elif swapped := part_swapped(goal.title, clause):
            args["title"] = swapped  # "from B+ to A-": that part of its title
        elif not _STARTS_ON.search(clause) and (due := date_arg(clause, ctx)):
            args["target_date"] = due  # a day something starts on is no deadline ("start this saturday")
        if m := PRIORITY.search(clause):
            args["priority"] = (m.group(1) or m.group(2)).upper().replace("TOP", "HIGH")
        if m := _NEW_NAME.search(clause):
            args = {"goal": goal.title, "title": without_lower_remark(squash(m.group(1) or m.group(2)))}
        return [ToolCall(name, args)] if len(args) > 1 else []
    if name == "update_course" and (level := level_set(clause)):
        rest = re.sub(r"\b(?:beginners?|introductory|intermediate|advanced)\b", " ", clause, flags=re.I)
        args = {"course": pick("course", rest, known).title, "difficulty": level.upper()}
        if due := target_beside(clause, ctx.today):
            args["target_date"] = due  # "... to advanced and the deadline to jan 31": both fields
        return [ToolCall(name, args)]
    if name == "update_course" and (described := _DESCRIPTION.search(clause)):
        course = pick("course", clause[: described.start(1)], known)
        return [ToolCall(name, {"course": course.title, "description": squash(described[1])})]
    if name == "update_course":
        course = pick("course", clause, known)
        due = date_arg(re.sub(r"^.*?\b(?:to|by)\s+", "", clause), ctx)
        return [ToolCall(name, {"course": course.title, "target_date": due})] if due else []
    if name == "tag_note":
        note = pick("note", clause, known)
        if signed := re.findall(r"(?:^|\s)([+-])#?([a-z]\w*)\b", clause, re.I):  # "tags -orgo +final"
            signs = {"add": [t.lower() for sign, t in signed if sign == "+"]}
            signs["remove"] = [t.lower() for sign, t in signed if sign == "-"]
            return [ToolCall(name, {"note": note.title, **{k: v for k, v in signs.items() if v}})]
        changes = tag_changes(clause, known)
        return [ToolCall(name, {"note": note.title, **changes})] if changes else []
    if name == "summarize_note":
        return [ToolCall(name, {"note": pick("note", clause, known).title})]
    if name == "find_schedule_conflicts":
        # the window said here, or the one the request before it said ("show this week and tell me if X overlaps")
        if windowed := next((text for text in (clause, ctx.previous) if _WINDOW_WORDS.search(text)), None):
            start, end = parse_window(windowed, ctx.today)
            args = {"start": start.isoformat(), "end": end.isoformat()}
        return [ToolCall(name, args)]
    if name == "list_schedule":
        start, end = parse_window(clause, ctx.today)
        return [ToolCall(name, {"start": start.isoformat(), "end": end.isoformat()})]
    if name == "summarize_activity":
        lowered = clause.lower()
        period = (
            "today"
            if re.search(r"\b(?:today|my\s+day|the\s+day(?!\s+(?:before|after)))\b", lowered)
            and not re.search(r"\b(?:week|month)\b", lowered)
            else "last_week"
            if "last week" in lowered
            else "this_month"
            if "month" in lowered
            else "today"
            if re.search(r"\btoday\b", lowered)
            else "this_week"
        )
        return [ToolCall(name, {"period": period})]
    if name in ("get_insights", "get_progress"):
        named = maybe("course", clause, known)
        return [ToolCall(name, {"course": named.title} if named else {})]
    if name == "start_study_session":
        clause = SESSION_VERB.sub(" ", clause)  # "begin a timer for X" names no "Spanish for Beginners"
        topics, courses = mentions("topic", clause, known), mentions("course", clause, known)
        if topics and (not courses or topics[0][0] >= courses[0][0]):
            return [ToolCall(name, {"topic": pick("topic", clause, known).title})]
        if courses:
            return [ToolCall(name, {"course": pick("course", clause, known).title})]
        return [ToolCall(name, {})]
    if name == "list_due_cards" and (
        m := re.search(
            r"\b(?:next|first|top)?\s*(\d{1,2})\s+(?:(?:of\s+)?(?:my|the)\s+)?(?:due\s+)?(?:flash\s*)?cards\b|"
            r"\b(?:next|first|top|max|only|just|like|about|(?:show|give|gimme)\s+(?:me\s+)?)\s*(\d{1,2})\b"
            r"(?!\s*(?:am|pm|:|minutes?|mins?|hours?|days?|weeks?))",
            clause,
            re.I,
        )
    ):
        return [ToolCall(name, {"limit": int(m.group(1) or m.group(2))})]
    if name in NO_ARGUMENTS:
        return [ToolCall(name, {})]
    if name in ("start_review", "quiz_me", "make_flashcards"):
        return _study_source(name, clause, known)
    if name == "recommend_resources":
        topic = maybe("topic", clause, known)
        return [ToolCall(name, {"topic": topic.title} if topic else {})]
    if name == "remember_fact":
        fact = re.sub(
            r"^.*?\b(?:remember(?:\s+that)?|fyi|keep\s+in\s+mind(?:\s+that)?|note\s+that\s+i)\s*[:,]?\s*",
            "",
            clause,
            count=1,
            flags=re.I,
        )
        fact = re.sub(r"[,\s]*(?:keep\s+(?:that|this)\s+in\s+mind|ok|thanks)\W*$", "", fact, flags=re.I)
        fact = _CONSEQUENCE.sub("", fact)
        fact = free_text(fact)
        return [ToolCall(name, {"fact": fact})] if fact else []
    if name == "forget_fact":
        if not _ABOUT_MEMORY.search(clause):
            return []  # "ok im done, stop": nothing said of what the assistant keeps
        fact = re.sub(_FORGET_LEAD, "", clause, count=1, flags=re.I)
        fact = _THING_ABOUT.sub("", fact)
        fact, now_true = (fact[: m.start()], m["fact"]) if (m := _NOW_TRUE.search(fact)) else (fact, "")
        fact = _WHY_FORGOTTEN.sub("", fact)  # "..., my schedule changed": why, not what
        if _NEVER_MIND.fullmatch(fact):
            return []  # "forget it, never mind": no fact named (after a remembered one, follow-up reads "it")
        fact = free_text(fact)
        new = [ToolCall("remember_fact", {"fact": free_text(now_true)})] if now_true else []
        return [ToolCall(name, {"fact": fact}), *new] if fact else []
    if name == "create_note":
        content = re.sub(r"^.*?\bnote(?:\s+to\s+self)?\s*[:\u2013-]\s*", "", clause, count=1, flags=re.I)
        return [ToolCall(name, {"title": capitalize(" ".join(content.split()[:6])), "content": squash(content)})]
    if name == "search_notes" and (m := _NOTES_ON.search(clause)):
        query = re.sub(r"\s+(?:anywhere|somewhere|at\s+all)$", "", m.group(1), flags=re.I)  # "on X anywhere??"
        return [ToolCall(name, {"query": free_text(query)})]
    rewrites = {
        "create_schedule_block": "schedule ",
        "search_notes": "search my notes for ",
        "create_goal": "set a goal to ",
        "move_schedule_block": "",
        "cancel_schedule_block": "",
    }
    if name == "create_goal" and _FIELD_OF_ONE.search(clause) and not re.search(r"\bgoals?\b", clause, re.I):
        return []  # "set the target date to april 24": a field of an item already there, never a new goal
    if name == "create_schedule_block" and _FIELD_SET.search(clause):
        return []  # "set my math course target date to dec 10": a field of an item already there, never a block
    if name in rewrites:
        matcher = RULE_FOR[name]
        found = [c for c in matcher(clause, ctx) or [] if c.name == name]
        found = found or [c for c in matcher(rewrites[name] + clause, ctx) or [] if c.name == name]
        if not found and name == "move_schedule_block":
            return _move_read(clause, ctx, known)
        if not found and name == "cancel_schedule_block":
            block = pick("block", clause, known)
            day = date_arg(clause, ctx) if re.search(r"\d|day|tonight|tomorrow|next|this", clause, re.I) else None
            return [ToolCall(name, {"block": block.title, **({"occurrence_date": day} if day else {})})]
        return found or (_new_goal(clause, ctx) if name == "create_goal" else [])
    return []


# A day said at the end of a new task's title is when it is due.
# A goal named with its kind after a placing word: "under the lin alg B+ goal", "to my reading goal"; its words are no
# placing word ("go to the gym for the reading goal" places under "reading").
_PLACING = r"(?:under|in|into|to|for|on|onto)\s+"
_GOAL_WORDS = rf"(?:(?!{_PLACING})[\w+&'\"-]+\s+){{1,5}}?"
_GOAL_PLACE = re.compile(rf"\b{_PLACING}(?:the|my)\s+(?P<goal>{_GOAL_WORDS})goal\b", re.I)
# A task said after "add a task", up to the goal it goes into or its date.
_TASK_SAID = re.compile(
    r"\badd\s+(?:a\s+|an\s+|one\s+more\s+)?(?:new\s+)?(?:task|step|to-?do)\s*:?\s+(?!(?:to|for|under|in)\s)(.+?)"
    rf"(?=\s+{_PLACING}(?:(?:the|my)\s+{_GOAL_WORDS}goal\b|\"|it\b)|\s+by\s+|$)",
    re.I,
)
_TASK_DAY = re.compile(
    rf"\s+(?:(?:on|this|next)\s+(?:{WD})\w*|today|tonight|tomorrow|next\s+week|(?:on\s+)?{DATE_PHRASE})\W*$", re.I
)


_COURSE_SUBJECT = re.compile(
    r"^\W*(?:(?:ok|so|hey|please|pls|i\s+want|i\s+need|i'd\s+like)\W+)*(?:an?\s+|new\s+|my\s+)*"
    r"((?:(?!course\b)\S+\s+){0,3}?(?!course\b)\S+)\s+course\b",
    re.I,
)


def _new_course(clause: str, ctx: Context) -> list[ToolCall]:
    """A course the classifier read without a create verb: "data structures course pls, advanced, by june 10".

    A statement about a course ("my uni offers an advanced robotics course") asks for none.
    """
    if form(clause) not in ("request", "statement") or (ABOUT_A_COURSE.search(clause) and not ASKED_FOR.search(clause)):
        return []
    found = match_create_course("create " + clause, ctx)
    subject = _COURSE_SUBJECT.search(clause)
    said = subject.group(1).lower().split() if subject else []
    if not found and subject and not any(w in IMPERATIVES or w in {"a", "an", "the", "me", "for", "my"} for w in said):
        found = match_create_course(f"create a course called {subject.group(1)}, {clause[subject.end() :]}", ctx)
    return [c for c in found or [] if c.name == "create_course"]


# How many cards: "10 cards", "a card or 12" no; "like 25 of them", "30 flashcards", "max 20", "only 5".
_CARD_COUNT = re.compile(
    r"\b(\d{1,2})\s+(?:(?:more|new|flash)\s*)?(?:cards?|flashcards?|of\s+them|max)\b|\bmax(?:imum)?\s+(?:of\s+)?(\d{1,2})\b|"
    r"\b(?:only|just|like|about|around)\s+(\d{1,2})\b(?!\s*(?:am|pm|:|minutes?|mins?|hours?|days?|weeks?|%))|"
    # "15 is enough", "20 would be great"
    r"\b(\d{1,2})\s+(?:is|are|would\s+be|should\s+be|will)\s+(?:enough|plenty|fine|good|great|do|ok(?:ay)?)\b",
    re.I,
)


# What a quiz is on, when said: "quiz me on X", "test me about X".
_QUIZ_SUBJECT = re.compile(r"\b(?:on|about|from|over)\s+(?P<what>\S.*)$", re.I)
# A subject that is no item: "quiz me on everything", "on anything", "on it", "on what i learned today".
_ANY_SUBJECT = re.compile(
    r"(?:all\s+)?(?:of\s+)?(?:(?:my|the)\s+)?(?:everything|anything|stuff|random\w*|whatever|something|all|it|that|this|"
    r"them|today|what\s+i|the\s+usual|my\s+(?:weak|hard)\w*)\b",
    re.I,
)


def _unknown_subject(words: str, known: Known) -> bool:
    """Whether a quiz's subject names nothing of the learner's: no item of any kind, no time ("on friday")."""
    if _ANY_SUBJECT.match(words) or re.search(
        rf"\b(?:{WD})|{DATE_PHRASE}|\b(?:today|tonight|tomorrow|tmrw|weekend|week)\b", words, re.I
    ):
        return False
    return not any(mentions(kind, words, known) for kind in ("module", "topic", "course", "note", "goal"))


UNKNOWN_SUBJECT_QUESTION = "I could not find that among your courses, topics and notes. Which one should I quiz you on?"


def _study_source(name: str, clause: str, known: Known) -> list[ToolCall]:
    """What to review, quiz on or make cards from: the note, topic or course the clause names best."""
    args: dict[str, Any] = {}
    kinds: tuple[str, ...] = ("topic", "course", "note")
    if name == "start_review":
        kinds = ("course",)
    elif re.search(r"\bnotes?\b", clause, re.I):
        kinds = ("note", "topic", "course")
    found = [(named[0][0], kind) for kind in kinds if (named := mentions(kind, clause, known))]
    if found:
        kind = max(found, key=lambda pair: (pair[0], -kinds.index(pair[1])))[1]
        args[kind] = pick(kind, clause, known).title
    elif name == "make_flashcards":
        raise Clarify("Which course, topic or note should I make the cards from?")
    elif re.search(r"\b(?:on|from|about|using|with)\s+(?:all\s+)?(?:my|the)\s+notes\b", clause, re.I):
        raise Clarify("Which note should I use?")  # "quiz me on my notes": the learner has many
    elif name == "quiz_me" and (said := _QUIZ_SUBJECT.search(clause)) and _unknown_subject(said["what"], known):
        raise Clarify(UNKNOWN_SUBJECT_QUESTION)  # "quiz me on my thermodynamics notes": none of the learner's
    if name == "make_flashcards" and (many := _CARD_COUNT.search(clause)):
        args["max_cards"] = min(int(next(g for g in many.groups() if g)), 50)
    return [ToolCall(name, args)]


def refine(call: ToolCall, ctx: Context) -> ToolCall:
    """A goal title ending in a deadline the rules did not read ('... by april') -> the title and the date."""
    title = call.arguments.get("title", "")
    if call.name == "create_goal" and (m := re.match(r"(?:new\s+)?goal\s*[-:\u2013]\s*", title, re.I)):
        title = capitalize(title[m.end() :])
        call = ToolCall(call.name, {**call.arguments, "title": title})
    if (
        call.name == "create_goal"
        and "target_date" not in call.arguments
        and (m := re.search(r"\s+(?:by|before|in)\s+(.+)$", title, re.I))
        and (due := date_arg(m.group(0), ctx))
    ):
        return ToolCall(call.name, {**call.arguments, "title": squash(title[: m.start()]), "target_date": due})
    return call


def _move_read(clause: str, ctx: Context, known: Known) -> list[ToolCall]:
    """A change to a block the rules could not read ("could X tomorrow start at noon", "make X 30 min"): the block
    the clause names, a new length when a duration is said without a clock time, else the day and time said."""
    block = pick("block", clause, known)
    rest = " ".join(w for w in clause.split() if not any(word_score(t, w.lower()) >= 0.9 for t in tokens(block.title)))
    args: dict[str, Any] = {"block": block.title}
    at, duration = parse_time(rest), parse_duration(rest)
    if duration and (not at or not has_clock(rest)):  # "make X tonight 90 min": tonight's one, its length
        args["duration_minutes"] = duration
    elif at:
        day = any_date(singular_weekdays(rest), ctx.today) or ctx.today  # "be on fridays at 6": from friday
        args["start"] = f"{day.isoformat()}T{at[0]:02d}:{at[1]:02d}"
    return [ToolCall("move_schedule_block", args)] if len(args) > 1 else []


# A field of one item said with a definite word: "the target date", "its deadline", "my priority".
_FIELD_OF_ONE = re.compile(
    r"\b(?:the|its|my|their)\s+(?:(?:target|due|end|finish)\s+date|deadline|priority|difficulty|level)\b", re.I
)

# The words that start a timer, which name no subject: "begin", "starting", "timer", "session", "studying".
SESSION_VERB = re.compile(
    r"\b(?:start(?:ing|ed)?|begin(?:ning)?|resume|timer|clock|session|timing|study(?:ing)?)\b", re.I
)

# The asking around a task's title: "add X as a task", "add a task, X".
_TASK_ASKED = re.compile(
    r"^[\s,;:.-]*(?:add\s+(?:(?:a|an|another|one\s+more)\s+(?:new\s+)?task\b[\s,;:.-]*)?)?|"
    r"\s+as\s+(?:a|an|another)\s+(?:new\s+)?(?:task|step|to-?do)\W*$",
    re.I,
)

# A field of an item set to a value: "... course target date to dec 10", "the goal's priority to high".
_FIELD_SET = re.compile(
    r"\b(?:(?:target|due|end|finish)\s+date|deadline|priority|difficulty|level)\s+(?:to|as)\b", re.I
)


def _new_goal(clause: str, ctx: Context) -> list[ToolCall]:
    """'goal - X by <date>', 'new goal X'."""
    m = re.search(r"\bgoal\b\s*(?:is\s+to|to)?\s*[:\u2013-]?\s*(.+)$", clause, re.I)
    if not m:
        return []
    return [ToolCall("create_goal", {"title": capitalize(squash(m.group(1)))})]


_TASK_STATUS_WORDS = re.compile(
    r"\b(?:finish(?:ed|ing)?|done|complete[d]?|wrapped\s+up|nailed|(?:tick|cross|check)(?:ed)?\s+(?:\w+\s+)?off|"
    rf"mark(?:ed)?|re-?open(?:ed)?|undo|not|{'|'.join(IRREGULAR_PAST)})\b|"  # "redid it" names no "Redo ..." task
    r"\b(?:set|put|change|turn|switch|flip)(?=\s+.{1,60}?\s+back\s+(?:to|as)\b)",  # "set X back to not done": no "set"
    re.I,
)


# "add X to/under <one of the learner's items>": the destination's kind says what X becomes.
ADD_INTO = re.compile(  # "on" only before a title in quotes ("put X on <the goal "it" named>"), not "a topic on X"
    r"\b(?:add|put|stick|include|throw|slot)\s+(?:in\s+)?(.+?)\s+(?:to|into|under|onto|in|on(?=\s+[\"\u201c]))\s+"
    r"(?:my\s+|the\s+|our\s+)?(.+?)\W*$",
    re.I,
)
