"""Course intents: create, update and archive a course, complete a topic."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from .calls import ToolCall
from .context import Context
from .dates import NUM, number, parse_date
from .text import capitalize, clean_name, split_list, squash, without_lower_remark
from .when import any_date

DIFFICULTY_RE = re.compile(r"\b(beginners?|intermediate|advanced|introductory)\b", re.I)
CREATE_RE = re.compile(
    r"\b(?:create|make|build|set\s+up|put\s+together|prepare|plan|generate|design|start|new|i'?d\s+like|"
    r"i\s+(?:want|need|would\s+like)|give\s+me)\b.*?\bcourse\b",
    re.I,
)
TITLE_END = (
    r"(?=$|,|;|\s*\(|\?|\s+for\s+me\b|\s+with\s|\s+for\s+(?:beginners|advanced|intermediate|an?\s)|\s+(?:to\s+)?finish|\s+by\s|\s+and\s|"
    r"\s+(?:at|in)\s+(?:a\s+)?(?:beginner|intermediate|advanced)|\s+(?:beginner|intermediate|advanced)\s+level|"
    r"\s+(?:that|which|over)\s)"
)
CALLED_RE = re.compile(rf"\b(?:called|named|titled)\s+[\"'“]?(.+?)[\"'”]?{TITLE_END}", re.I)
# "new course: Signals and Systems, advanced": after a colon the title runs to the punctuation, "and" included.
COLON_TITLE_RE = re.compile(
    r"\bcourse\s*:\s*([^,;.?!()]+?)(?=\s*[,;.?!(]|\s*$|\s+(?:for\s+(?:beginners?|an?\s|me\b)|with\s|by\s|due\s|"
    r"(?:at|in)\s+(?:an?\s+)?(?:beginner|intermediate|advanced))|\s+and\s+(?:make|add|put|set|give)\b)",
    re.I,
)
# "set up Biochemistry as a course", "add Astronomy as a new course": the subject named before "as a course".
AS_COURSE_RE = re.compile(
    r"\b(?:set\s+up|add|create|make|start|put\s+in)\s+(?!(?:the|my|it|this|that|me)\b)(\S.{0,60}?)\s+as\s+(?:an?|my)\s+"
    r"(?:new\s+)?course\b",
    re.I,
)
# Words that make "add a ... course" something else: a length, a kind of item, a place ("add a 30 min course review
# block", "add a reminder about course registration", "add a topic to my orgo course").
_NOT_A_TITLE = (
    r"to|my|the|this|that|in|into|for|on|about|called|named|min|mins|minutes?|hours?|hrs?|h|block|session|slot|"
    r"reminder|note|task|goal|topic|module|exam|quiz|study|review|time"
)
_COURSE_THINGS = r"review|material|materials|registration|work|reading|readings|notes?|load|stuff|content"
# "new course ...", "course: X", "add a course called X": a new course asked for without CREATE_RE's verbs.
ADD_A_COURSE_RE = re.compile(
    r"\bnew\s+course\b|^course\s*:|^\W*(?:please\s+)?add\s+(?:an?\s+)?(?:new\s+)?course\b(?!\s+(?:to|from)\b)|"
    # "add a Biochemistry course": its title between the article and "course", words of no other kind or length
    rf"^\W*(?:please\s+)?add\s+an?\s+(?:new\s+)?(?!(?:of|{_NOT_A_TITLE})\b)[a-z&+-]+\s+"
    rf"(?:(?!(?:{_NOT_A_TITLE})\b)[a-z&+-]+\s+){{0,3}}course\b(?!\s+(?:to|from|{_COURSE_THINGS})\b)",
    re.I,
)
# "add a course Intro to Psychology with ...", "add a new course, Italian Conversation, beginner": a capitalised title
# right after "a course".
TITLE_AFTER_RE = re.compile(
    r"(?:\b(?:an?|new)|^\W*(?:please\s+)?(?:create|make|add|build|set\s+up))\s+course(?:\s*,)?\s+(?!(?:on|about|in|for|covering|called|named|titled|with|that|which|to|and|i|me|please|"
    rf"where|so)\b)(?=[A-Z0-9])(.+?){TITLE_END}",
    re.I,
)
QUOTED_TITLE_RE = re.compile(r"\bcourse\s+(\u00a7\d+\u00a7)")  # "a course 'Macro'": its quoted title, protected
TOPIC_RE = re.compile(rf"\bcourse(?:\s*:|\s+(?:on|about|in|for|covering)\b)\s*(.+?){TITLE_END}", re.I)
# A sentence that tells of a course rather than asks for one: "there's a new X course", "I'm taking a X course".
ABOUT_A_COURSE = re.compile(
    r"\b(?:there(?:'s|\s+is|\s+are)|offers?|offered|has|have|had|i'?m\s+(?:taking|doing|in)|i\s+(?:am\s+)?(?:take|took)|"
    r"(?:is|was|were)\s+(?:taking|doing|teaching))\b",
    re.I,
)
ASKED_FOR = re.compile(r"\b(?:create|make|build|set\s+up|generate|design|add|i'?d\s+like|want|need|give\s+me)\b", re.I)
# "an advanced quantum mechanics course", "a python basics course": the subject said before the word course.
SUBJECT_FIRST_RE = re.compile(
    r"(?:\b(?:an?|new|another)|^\W*(?:please\s+)?(?:set\s+up|create|make|build)(?!\s+(?:the|my|an?|new|another|me|us|it|this|that|your|our)\b))\s+(?:(?:new|short|quick|beginners?|intermediate|advanced|introductory|\d+[-\s]weeks?)\s+)*"
    r"((?:(?!course\b)[\w'+#&.-]+\s+){0,4}?(?!course\b)[\w'+#&.-]+)\s+course\b",
    re.I,
)
_NO_SUBJECT = frozenset({"the", "my", "this", "that", "it", "me", "your", "our", "full", "whole", "online", "proper"})
# Words that never make a course's title on their own (articles, "new", the asking verbs): "make a new course"
# names none, so it is asked for.
_GENERIC_TITLE_WORDS = frozenset(
    {"new", "a", "an", "one", "another", "some", "course", "courses", "it", "that", "this", "me", "please", "pls"}
    | {"make", "create", "build", "add", "start", "set", "up", "give", "want", "need", "i", "i'd", "like"}
)
# A list of modules runs to the sentence's end: "... cell division. want to finish it by dec 15" is not a module.
COUNTED_MODULES_RE = re.compile(
    rf"\bwith\s+{NUM}\s+modules?\s*(?::|called|named|on)\s*(.+?)(?=$|;|[.!?]\s|\s+by\s)", re.I
)
MODULES_RE = re.compile(
    r"\bwith\s+(?:the\s+)?modules?\s*(?:on|called|named|:)?\s*(.+?)(?=$|;|[.!?]\s|\s+and\s+\d|\s+by\s)", re.I
)
MODULE_COUNT_RE = re.compile(rf"\b({NUM})\s+modules\b", re.I)
WEEKS_RE = re.compile(rf"\b({NUM})[-\s]weeks?\s+course\b", re.I)
BY_RE = re.compile(r"\b(?:by|before|until|due)\s+(.+)$", re.I)
COURSE_REF = r"(?:the\s+|my\s+)?(?:course\s+)?[\"'“]?(.+?)[\"'”]?(?:\s+course)?"


TEACH_RE = re.compile(r"^(?:please\s+)?teach\s+me\s+(?:about\s+)?(.+)$", re.I)
SUBJECT_RE = re.compile(
    r"\b(?:learn|study|studying|master|get\s+into|understand)\s+(?:about\s+|for\s+)?(?:the\s+|my\s+)?(.+?)\W*$", re.I
)


# "add a section called X to lin alg": a named section or unit of a course is one of its modules; not one of a note,
# a block or a session ('a new section titled "Week 4" in my spanish vocab note').
_SECTION_ADDED = re.compile(
    r"\b(?P<verb>add|create|make|new)\s+(?P<article>(?:an?|another)\s+)?(?P<new>new\s+)?(?:section|unit)\s+"
    r"(?=(?:called|named|titled)\b|[\"'\u201c])(?![^.!?]*\b(?:notes?|blocks?|sessions?|slots?)\b)",
    re.I,
)


# "starting Intro to Psychology this semester. make a course w/ modules ...", "i start X next month, set the course up
# with 8 modules": the course asked for without a title is the subject the learner said they take this term.
_TAKEN_THEN_ASKED = re.compile(
    r"\b(?:starting|taking|doing|beginning|(?<=\bi\s)(?:start|take|begin))\s+(?P<subject>[\w&+' -]{2,40}?)\s+"
    r"(?:this|next|in\s+the)\s+(?:semester|term|year|quarter|month|fall|spring|autumn|winter|summer)\b[^.?!,;]*"
    r"[.?!,;]+\s*(?P<between>(?:[^.?!]*?\s)?)(?P<ask>(?:make|create|set\s+up|build|add)\s+(?:me\s+)?(?:an?\s+)?"
    r"(?:new\s+)?course|set\s+(?:it|that|this)\s+up\s+as\s+an?\s+(?P<level>(?:beginner|intermediate|advanced)\s+)?course|"
    r"set\s+(?:the|a)\s+course\s+up)"
    r"(?:\s+for\s+(?:it|this|that))?(?=\s+(?:with\b|w/)|\s*[,.?!]|\s*$)",
    re.I,
)


# Who tells what they take, and nothing more before it: "i ", "so i'm ", "hey im ".
_TELLER = re.compile(r"^\W*(?:(?:so|ok|okay|hey|well|btw|also)\W+)*(?:i\s+am\s+|i'?m\s+|im\s+|i\s+)?$", re.I)


def taken_course_titled(text: str) -> str:
    """The text with a course asked for without a title called by the subject said taken this term before it; the
    telling itself left out when nothing else came before it ("i start X next month" books nothing)."""
    m = _TAKEN_THEN_ASKED.search(text)
    if not m:
        return text
    told = m.start("between") if _TELLER.match(text[: m.start()]) else 0
    if m["ask"].lower().startswith("set") and not m["ask"].lower().startswith("set up"):  # "set it/the course up"
        return f"{text[told : m.start('ask')]}create a {m['level'] or ''}course called {m['subject']}{text[m.end() :]}"
    return f"{text[told : m.end('ask')]} called {m['subject']}{text[m.end() :]}"


# "we got new module in ML course, name is Decision Trees, please add it": a new item told, named, then asked for.
_TOLD_NEW = re.compile(
    r"^\W*(?:(?:so|ok|okay|hey)\W+)*(?:we|i)\s+(?:got|have|'ve\s+got|have\s+got)\s+(?:an?\s+)?new\s+"
    r"(?P<kind>module|topic|unit|chapter)\b(?P<rest>.*?)\s*[,.;]\s*(?:so\s+)?(?:(?:pls|please|can\s+you|could\s+you)\s+)?"
    r"add\s+(?:it|that|this|them)(?:\s+(?:pls|please|for\s+me|too))?\W*$",
    re.I,
)
_NAME_IS = re.compile(
    r"(?P<head>\bnew\s+(?:module|topic|unit|chapter)\b[^,]*?)\s*,\s*(?:its\s+|the\s+)?(?:name|title)\s*"
    r"(?:is|=|:|will\s+be)\s+(?P<title>[^,.;!?]+?)\s*$",
    re.I,
)


# "lin alg needs a Matrices module too, can u add it": what a course needs, told, then asked for by "it".
_NEEDED_THEN_ASKED = re.compile(
    r"^(?P<subject>[^,.;!?]*?)\s+needs?\s+(?:an?|another)\s+(?P<what>(?:new\s+)?[^,.;!?]*?\b(?:module|topic))\b"
    r"(?P<tail>[^,.;!?]*?)\s*[,.;!]\s*"
    r"(?:so\s+)?(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u)|just)\s+)?add\s+(?:it|that|this|them)"
    r"(?:\s+(?:pls|please|for\s+me|too|in))*\W*$",
    re.I,
)


def told_new_then_added(text: str) -> str:
    """The text with a new module or topic told and then asked for said as one request ("add a new module in C
    called T", "add a T module to C")."""
    if needed := _NEEDED_THEN_ASKED.match(text):
        return "add a {what} to {subject}{tail}".format(**needed.groupdict())
    if not (told := _TOLD_NEW.match(text)):
        return text
    asked = f"add a new {told['kind']}{told['rest']}"
    return _NAME_IS.sub(lambda m: f"{m['head']} called {m['title']}", asked)


def sections_as_modules(text: str) -> str:
    """The text with a new named section or unit said as a module, and a new course's modules listed after a comma
    said "with modules" ("new course: Biochemistry, modules A, B, C")."""
    text = _SECTION_ADDED.sub(lambda m: f"{m['verb']} {m['article'] or ''}{m['new'] or ''}module ", text)
    return _MODULES_AFTER_COMMA.sub(r"\g<course> with modules ", text, count=1)


# "new course: Biochemistry, modules Amino Acids, Enzymes": a new course, then its modules named after a comma, after
# a few of its other fields too ("new course: Micro, target date may 20, modules A, B").
_MODULES_AFTER_COMMA = re.compile(
    r"(?P<course>\b(?:new|create|add|make|start|set\s+up)\b[^.!?,]{0,15}?\bcourse\b\s*:?\s*[^,.!?]+?"
    r"(?:\s*,\s*(?!(?:with\s+)?(?:the\s+)?modules?\b)[^,.!?]+?){0,2}?)\s*[,;]\s*"
    r"(?:with\s+)?(?:the\s+)?modules?\s*(?:are|:|-)?\s+(?=[^\d\s])",
    re.I,
)


def shift_phrase(phrase: str, ctx: Context) -> str | None:
    """'in 6 weeks' as an ISO date."""
    day = parse_date(phrase, ctx.today)
    return day.isoformat() if day else None


def difficulty_of(text: str) -> str | None:
    """Map 'beginners', 'intermediate', 'advanced' to the contract's difficulty."""
    if m := DIFFICULTY_RE.search(text):
        word = m.group(1).lower()
        return "BEGINNER" if word.startswith(("beginner", "intro")) else word.upper()
    return None


# A level said as the new one: "set Spanish for Beginners to intermediate" (the title's own level word is no change).
_NEW_LEVEL = re.compile(
    r"\b(?:to|as|into|now)\s+(?:an?\s+|the\s+)?(beginners?|intermediate|advanced|introductory)\b", re.I
)


# A level said as the old one: "advanced, not intermediate", "instead of beginner", "from beginner".
_OLD_LEVEL = re.compile(r"\b(?:not|n't|instead\s+of|rather\s+than|from)\s+(?:an?\s+|the\s+)?$", re.I)


def level_set(clause: str) -> str | None:
    """The difficulty a change of a course sets: the level said after "to/as/now", else the last one said that is not
    the old one ("make Spanish for Beginners advanced": a course's title may hold a level word; "advanced not
    intermediate")."""
    said = _NEW_LEVEL.findall(clause) or [
        m[1] for m in DIFFICULTY_RE.finditer(clause) if not _OLD_LEVEL.search(clause[: m.start()])
    ]
    return difficulty_of(said[-1]) if said else None


def _capitalised_title(clause: str) -> re.Match[str] | None:
    """'a course Intro to Psychology': the title after "a course" when the learner wrote it capitalised, or a few
    words set off by a comma or by what the course is to have ("add a new course intro psych, beginner level",
    "create a course intro to psych by dec 15")."""
    m = TITLE_AFTER_RE.search(clause)
    if not m:
        return None
    if m.group(1)[:1].isupper() or m.group(1)[:1].isdigit():
        return m
    return m if len(m.group(1).split()) <= _SET_OFF_WORDS and _SET_OFF.match(clause[m.end() :]) else None


# What sets a lower-case title off: a comma, the end, or what the course is to have ("by dec 15", "for beginners").
_SET_OFF = re.compile(
    r"\s*(?:,|$|by\s|due\s|(?:to\s+)?finish|with\s|(?:at|in)\s+(?:a\s+)?(?:beginner|intermediate|advanced)|"
    r"for\s+(?:beginners|advanced|intermediate))",
    re.I,
)


_SET_OFF_WORDS = 4  # the most words of a lower-case title after "a new course" set off by a comma


def _listed_names(text: str) -> list[str]:
    """A list of names split at its commas, and at "and" only in its last piece: in "Supply and Demand, Elasticity
    and Market Structures" the first "and" is inside a name, the last one joins the list."""
    pieces = [p.strip() for p in re.split(r"\s*[,;]\s*", text) if p.strip() and not _LEVEL_SAID.match(p)]
    if len(pieces) < 2:
        return split_list(text)
    last = re.sub(r"^and\s+", "", pieces[-1], flags=re.I)
    return [*pieces[:-1], *split_list(last)]


# A course's level said where its subject would be: "make me a beginner course" names no subject.
_LEVEL_WORDS = frozenset({"beginner", "beginners", "intermediate", "advanced", "basic", "easy", "intro"})


# A wish to learn something, said before a course is asked for: "i wanna learn portuguese, make me a course".
_WISH_TO_LEARN = re.compile(
    r"^\W*(?:i\s+(?:(?:really\s+)?(?:wanna|want\s+to)|'d\s+like\s+to|would\s+like\s+to|need\s+to|gotta|have\s+to)|"
    r"i'?m\s+(?:trying|planning|hoping)\s+to)\s+(?:learn|study|get\s+into|pick\s+up)\b",
    re.I,
)


def wished_course(found: list[ToolCall], clause_before: str) -> bool:
    """Whether a course is asked for after a wish to learn its subject: the wish itself asks for nothing more."""
    return bool(_WISH_TO_LEARN.match(clause_before)) and any(call.name == "create_course" for call in found)


def _is_generic(title: str) -> bool:
    """True when every word of the title is a generic one ("New", "a new one"): no title was said."""
    return all(word in _GENERIC_TITLE_WORDS for word in title.lower().split())


# "set it up as an advanced course", "make it a course": the subject of the clause before made a course.
_IT_AS_COURSE = re.compile(
    r"\b(?:set\s+(?:it|this|that)\s+up|make\s+(?:it|this|that)(?:\s+into)?|turn\s+(?:it|this|that)\s+into)\s+"
    r"(?:as\s+)?(?:an?\s+)(?:[\w-]+\s+){0,3}?course\b",
    re.I,
)


def _previous_subject(previous: str) -> str | None:
    """What the clause before wants to learn or take a course on: "a reading course on X", "i want to learn X"."""
    found = TOPIC_RE.search(previous) or SUBJECT_RE.search(previous)
    return clean_name(found.group(1)) if found else None


# "create a course X, i want to finish it by dec 15", "..., i want to be done by june 15": the date to be done with the
# new course, no goal "finish it".
_NEW_COURSE_TO_FINISH = re.compile(
    r"^\W*(?:please\s+)?(?:create|make|add|set\s+up|start|build)\s+(?:me\s+)?(?:an?\s+)?(?:new\s+)?"
    r"(?:(?!(?:goal|task|note|block|to|for)\b)[\w&+-]+\s+){0,3}?"
    r"course\b[^.;!?]*?"
    r",\s*(?:and\s+)?(?:i\s+)?(?:want|need|would\s+like|wanna|hope|plan|have)\s+to\s+(?:(?:finish|complete|"
    r"be\s+done\s+with|get\s+through|wrap\s+up)\s+(?:it|this|that)\b|be\s+(?:done|finished|through)\s+(?:by|before)\b)",
    re.I,
)


def match_course_to_finish(clause: str, ctx: Context) -> list[ToolCall] | None:
    """A new course and the date the learner wants to be done with it, before the goal rules read "finish it"."""
    return match_create_course(clause, ctx) if _NEW_COURSE_TO_FINISH.search(clause) else None


def match_create_course(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'create a course on organic chemistry with 3 modules', 'make a 4-week course on X'."""
    if m := TEACH_RE.match(clause.strip()):
        clause = "create a course on " + m.group(1)
    if _IT_AS_COURSE.search(clause):
        if not (told := _previous_subject(ctx.previous)):
            return None
        clause = f"create a course called {told}, {clause}"
    as_course = AS_COURSE_RE.search(clause)
    if not as_course and not CREATE_RE.search(clause) and not ADD_A_COURSE_RE.search(clause):
        return None
    if ABOUT_A_COURSE.search(clause) and not ASKED_FOR.search(clause):
        return None  # "there's a new calculus course at school" tells, it does not ask
    title_match = (
        as_course
        or CALLED_RE.search(clause)
        or QUOTED_TITLE_RE.search(clause)
        or COLON_TITLE_RE.search(clause)
        or TOPIC_RE.search(clause)
        or _capitalised_title(clause)
    )
    if not title_match:
        title_match = SUBJECT_FIRST_RE.search(clause)
        if not title_match or any(w.lower() in _NO_SUBJECT for w in title_match.group(1).split()):
            return None
    title = capitalize(clean_name(title_match.group(1)))
    named = title_match in (CALLED_RE.search(clause), QUOTED_TITLE_RE.search(clause))  # "a course called Intro"
    if _is_generic(title) or (not named and title.lower() in _LEVEL_WORDS):
        if not (subject := SUBJECT_RE.search(ctx.previous)):
            return None
        title = capitalize(clean_name(subject.group(1)))
    args: dict[str, Any] = {"title": title}
    if difficulty := difficulty_of(clause):
        args["difficulty"] = difficulty
    if m := WEEKS_RE.search(clause):
        args["target_date"] = (ctx.today + timedelta(weeks=number(m.group(1)))).isoformat()
    elif (m := BY_RE.search(clause)) and (day := parse_date(m.group(1), ctx.today)):
        args["target_date"] = day.isoformat()
    elif m := re.search(rf"\b(?:in|within)\s+{NUM}\s+(?:days?|weeks?|months?)\b", clause, re.I):
        args["target_date"] = shift_phrase(m.group(0), ctx)
    elif (
        m := re.search(
            r"\b(?:target(?:\s+date)?|deadline|due(?:\s+date)?|(?:final|midterm)(?:\s+exam)?|exam)\s*(?:of|is|on|:)?\s+([^,;]+)",
            clause,
            re.I,
        )
    ) and (day := parse_date(m.group(1), ctx.today)):
        args["target_date"] = day.isoformat()
    if m := MODULE_COUNT_RE.search(clause):
        args["module_count"] = number(m.group(1))
    if outlined := outline(clause):
        args["modules"] = outlined
    elif m := COUNTED_MODULES_RE.search(clause) or MODULES_RE.search(clause):
        names = [n for n in _listed_names(m.group(1)) if not MODULE_COUNT_RE.search(n)]
        if names and not re.match(rf"^{NUM}$", names[0], re.I):
            args["modules"] = [{"title": capitalize(n)} for n in names]
    ctx.last_course = title
    return [ToolCall("create_course", args)]


# "modules: Memory (short-term, long-term), Development and Social Psych": a list of modules to the sentence's end.
_MODULE_LIST = re.compile(
    r"\b(?:modules?|parts|sections|units)\s*(?::|-|\bare\b|\bwill\s+be\b|\bwould\s+be\b)\s*(?P<list>[^.;]+?)\s*"
    r"(?=\.\s|\.?$|;)",
    re.I,
)
# The word that opens a module's topics in parentheses: "(topics: A, B)", "(topics A and B)", "(topic A)".
_TOPICS_SAID = r"(?:topics?\s*(?::\s*|\s+(?=\S)))?"
# "a module 'Supply and Demand' (topics: Elasticity, Equilibrium)": one module with its topics in parentheses.
_MODULE_WITH_TOPICS = re.compile(
    rf"\bmodule\s+(?:called\s+|named\s+)?(?P<name>\S+(?:\s+\S+){{0,4}}?)\s*\({_TOPICS_SAID}(?P<topics>[^()]+)\)", re.I
)
# "a module Electrostatics that has topics X and Y": one module with its topics said in a relative clause.
_MODULE_THAT_HAS = re.compile(
    r"\bmodule\s+(?:called\s+|named\s+)?(?P<name>\S+(?:\s+\S+){0,4}?)\s*,?\s+(?:that|which)\s+"
    r"(?:has|have|contains?|covers?|includes?)\s+(?:the\s+)?topics?\s*:?\s*(?P<topics>[^.;()]+?)\s*(?=\.\s|\.?$|;)",
    re.I,
)
MODULE_NAME_WORDS = 6  # the most words of a listed module's name
_LEVEL_SAID = re.compile(
    r"^\s*(?:(?:and\s+)?(?:it'?s|its|at|on)\s+)?(?:an?\s+)?(?:beginner|intermediate|advanced|easy|hard)(?:\s+level)?\W*$",
    re.I,
)
_ITEM = re.compile(rf"\s*(?:and\s+)?(?P<name>[^()]+?)\s*(?:\({_TOPICS_SAID}(?P<topics>[^()]*)\))?\s*$", re.I)


def _top_level(text: str) -> list[str]:
    """The pieces of a list split at commas and semicolons outside parentheses, and at "and" in its last piece only
    (in a list of one piece, at every "and")."""
    pieces, depth, start = [], 0, 0
    for index, char in enumerate(text):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0 and char in ",;":
            pieces.append(text[start:index])
            start = index + 1
    pieces.append(text[start:])
    pieces = [piece for piece in pieces if not _LEVEL_SAID.match(piece)] or pieces  # "..., beginner level": no module
    kept, joined = (pieces[:-1], pieces[-1:]) if len(pieces) > 1 else ([], pieces)  # "supply and demand, X and Y"
    split = [part for piece in joined for part in re.split(r"\s+and\s+(?![^(]*\))", piece)]
    return [part for part in [*kept, *split] if part.strip()]


def _module(name: str, topics: str | None) -> dict[str, Any]:
    module: dict[str, Any] = {"title": capitalize(clean_name(name))}
    if topics and (titles := split_list(topics)):
        module["topics"] = [{"title": title} for title in titles]
    return module


def outline(clause: str) -> list[dict[str, Any]] | None:
    """A new course's modules, each with the topics in parentheses after it, when the clause lists them."""
    if each := list(_MODULE_WITH_TOPICS.finditer(clause)) or list(_MODULE_THAT_HAS.finditer(clause)):
        return [_module(m["name"], m["topics"]) for m in each]
    if listed := _MODULE_LIST.search(clause):
        text = listed["list"]
    elif (named := MODULES_RE.search(clause)) and "(" in named.group(1):
        text = named.group(1)  # "with modules Mechanics (topics: kinematics, forces), Waves (sound, light)"
    else:
        return None
    items = [m for piece in _top_level(text) if (m := _ITEM.match(piece))]
    if not items or any(len(m["name"].split()) > MODULE_NAME_WORDS for m in items):
        return None  # a sentence, not a list of names
    return [_module(m["name"], m["topics"]) for m in items]


def _course_in(text: str) -> str | None:
    """A course named in a clause: 'my Guitar course', 'the course Old Notes'."""
    if m := re.search(r"\b(?:the|my)\s+(.+?)\s+course\b", text, re.I):
        return clean_name(m.group(1))
    if m := re.search(r"\bcourse\s+(.+)$", text, re.I):
        return clean_name(m.group(1))
    return None


def match_archive_course(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'archive my Spanish course', 'archive it' (the course of the previous clause)."""
    if not re.search(r"\barchive\b", clause, re.I):
        return None
    rest = re.split(r"\barchive\b", clause, maxsplit=1, flags=re.I)[1]
    if re.fullmatch(r"\s*it\W*", rest, re.I):
        course = ctx.last_course or _course_in(ctx.previous)
    else:
        course = _course_in(rest) or clean_name(rest)
    return [ToolCall("archive_course", {"course": course})] if course else None


UPDATE_FIELD_RE = re.compile(
    rf"\b(?:change|set|update|move|push|make)\s+(?:the\s+)?(target\s+date|deadline|end\s+date|difficulty|level|description|"
    rf"title|name)\s+(?:of|for)\s+{COURSE_REF}\s+to\s+(.+)$",
    re.I,
)
# The description said first: "put 'MWF 9am w/ Dr. Patel' as the description for stats".
DESCRIPTION_FIRST_RE = re.compile(
    r"\b(?:put|use|set|add|have)\s+(?P<value>[\"\u201c'].+?[\"\u201d']|\S+)\s+(?:as|to\s+be)\s+(?:the\s+)?description\s+"
    rf"(?:of|for|on)\s+{COURSE_REF}\W*$",
    re.I,
)
RENAME_RE = re.compile(rf"\brename\s+{COURSE_REF}\s+(?:to|as)\s+(.+)$", re.I)
MAKE_LEVEL_RE = re.compile(
    rf"\b(?:make|bump|switch|change|upgrade|raise)\s+{COURSE_REF}\s+(?:to\s+)?(beginner|intermediate|advanced)\b",
    re.I,
)
POSSESSIVE_FIELD_RE = re.compile(
    rf"\b(?:change|set|update|move|push|extend)\s+{COURSE_REF}'s\s+(target\s+date|deadline|end\s+date|difficulty|level|"
    r"description|title|name)\s+to\s+(.+)$",
    re.I,
)


# A target date set beside another field: "... and the deadline to jan 31", "..., target date is may 1".
_TARGET_SET = re.compile(
    r"\b(?:(?:target|due|end|finish)\s+date|deadline)\s*(?:to|as|is|:|=)?\s+(?P<when>[^,;]+)", re.I
)


def target_beside(clause: str, today: date) -> str | None:
    """The target date a clause sets beside another field of a course, ISO ("... to advanced and the deadline to
    jan 31"); None when it sets none."""
    said = _TARGET_SET.search(clause)
    day = any_date(said["when"], today) if said else None
    return day.isoformat() if day else None


def match_update_course(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'rename my course X to Y', 'change the target date of X to June 1', 'make my X course advanced'."""
    if re.search(r"\bgoal\b", clause, re.I):
        return None
    if m := RENAME_RE.search(clause):
        title = without_lower_remark(squash(m.group(2)))  # "to World History II, new semester"
        return [ToolCall("update_course", {"course": clean_name(m.group(1)), "title": title})]
    if m := UPDATE_FIELD_RE.search(clause):
        field_name, course, value = m.group(1).lower(), clean_name(m.group(2)), squash(m.group(3))
    elif m := POSSESSIVE_FIELD_RE.search(clause):
        course, field_name, value = clean_name(m.group(1)), m.group(2).lower(), squash(m.group(3))
    elif m := DESCRIPTION_FIRST_RE.search(clause):
        field_name, course, value = "description", clean_name(m.group(2)), squash(m["value"].strip("\"'\u201c\u201d"))
    elif m := MAKE_LEVEL_RE.search(clause):
        due = target_beside(clause, ctx.today)  # "bump X to intermediate, target date may 31"
        course = clean_name(re.sub(r"\s+from$", "", m.group(1), flags=re.I))  # "change X from beginner to advanced"
        changed = {"course": course, "difficulty": level_set(clause) or m.group(2).upper()}
        return [ToolCall("update_course", {**changed, "target_date": due} if due else changed)]
    else:
        return None
    args: dict[str, Any] = {"course": course}
    if field_name in {"difficulty", "level"}:
        if not (level := difficulty_of(value)):
            return None
        args["difficulty"] = level
    elif field_name in {"title", "name"}:
        args["title"] = value
    elif field_name == "description":
        args["description"] = value
    else:
        if not (day := parse_date(value, ctx.today)):
            return None
        args["target_date"] = day.isoformat()
    return [ToolCall("update_course", args)]


DONE_WORDS = r"(?:done|complete|completed|finished)"
MARK_TOPIC_RE = re.compile(
    rf"\bmark\s+(?:the\s+)?(?:topic\s+)?(.+?)\s+(?:as\s+)?{DONE_WORDS}\b(?:\s+(?:in|for)\s+(?:my\s+|the\s+)?(.+?))?\W*$",
    re.I,
)
FINISHED_TOPIC_RE = re.compile(
    r"\b(?:i\s+(?:have\s+|'ve\s+|just\s+)?|i've\s+(?:just\s+)?|just\s+)(?:finished|completed|done|wrapped\s+up|covered|gone\s+through)\s+(?:the\s+topic\s+|topic\s+)?(.+)$",
    re.I,
)
IN_COURSE_RE = re.compile(r"^(.+?)\s+(?:in|of|from|for)\s+(?:my\s+|the\s+)?(.+?)(?:\s+course)?$", re.I)


CHECK_OFF_RE = re.compile(r"\b(?:check|cross|tick|mark)\s+off\s+(?:the\s+topic\s+)?(.+)$", re.I)
TOPIC_IS_DONE_RE = re.compile(r"^(?:the\s+)?topic\s+(.+?)\s+is\s+(?:done|complete|completed|finished)\b", re.I)


def match_complete_topic(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'I finished the topic Derivatives in my Calculus course', 'mark Limits as done', 'check off X'."""
    if re.search(r"\bgoal\b|\bsession\b|\bstudying\b", clause, re.I):
        return None
    m = MARK_TOPIC_RE.search(clause) or FINISHED_TOPIC_RE.search(clause)
    m = m or CHECK_OFF_RE.search(clause) or TOPIC_IS_DONE_RE.search(clause)
    if not m:
        return None
    target = re.sub(r"^(?:the\s+)?(.+?)\s+topic\b", r"\1", squash(m.group(1)), flags=re.I)
    if re.search(r"\bcourse\b", target, re.I) and not re.search(r"\b(?:in|of)\b", target, re.I):
        return None
    args: dict[str, Any] = {}
    if m.re is MARK_TOPIC_RE and m.lastindex == 2 and m.group(2):
        args = {"topic": clean_name(target), "course": clean_name(re.sub(r"\s+course$", "", m.group(2), flags=re.I))}
    elif parts := IN_COURSE_RE.match(target):
        args = {"topic": clean_name(parts.group(1)), "course": clean_name(parts.group(2))}
    else:
        args = {"topic": clean_name(target)}
    return [ToolCall("complete_topic", args)] if args["topic"] else None
