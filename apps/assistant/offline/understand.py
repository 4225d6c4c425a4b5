"""Offline understanding over the learner's own items: intent by nearest neighbours, arguments by fuzzy matching.

``understand(text, now=, timezone=, known=, previous=)`` returns the tool calls for a message, or a
clarifying question (and no calls) when a reference names several of the learner's items, or none.

1. The message is normalised (abbreviations such as "tmrw", misspelled key words), "it/that" and
   "same time" are taken from the previous message, and the learner's titles that contain "and" are
   quoted so a clause split never cuts them.
2. It is split into clauses where a new request starts.
3. Each clause's item names are masked by their kind ("finished gradient descent" -> "finished the
   topic") and the masked clause is classified by its nearest examples (``intent.classify``); the
   hand-written rules (``parser.MATCHERS``) are kept for the phrasings they know and win when they
   agree with the classifier or the classifier is unsure.
4. Arguments come from the clause: references resolved fuzzily against the learner's items
   (``items.resolve``), dates and times through ``dates``/``when``, titles from quotes, "called X",
   "X: Y" or "to X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from . import intent as classifier
from .abstain import IMPERATIVES, LOG_TOOLS, MASS_REMOVAL_QUESTION, READ_ONLY, TERSE_END, form, licensed, mass_removal
from .answers import answered, picked
from .block_titles import GENERIC_TITLE, said_subject, without_light_verb
from .calls import ToolCall
from .context import Context
from .corrections import BLOCK_QUESTION, another_day, corrected, is_correction, listed_names, unsure
from .course_deadline import block_of_new_course, course_deadline
from .courses import ABOUT_A_COURSE, ASKED_FOR, difficulty_of, match_create_course, sections_as_modules
from .dates import DATE_PHRASE, WD, parse_duration, parse_recurrence, parse_time, parse_window
from .goals import another_step, match_create_goal
from .impossible_dates import QUESTION as IMPOSSIBLE_DATE_QUESTION
from .impossible_dates import names_impossible_date
from .items import FILLER, IRREGULAR_PAST, KINDS, STRONG, Item, Known, _word_score, mentions, resolve, score, tokens
from .narrative import without_narrative
from .notes import match_search_notes
from .occurrences import occurrence_after, off_the_blocks_day, on_occurrence
from .parents import child_named
from .parser import MATCHERS, protect_quotes, restore_quotes
from .priority import with_spoken_priority
from .schedule import BARE_CLOCK, match_cancel_block, match_create_block, match_move_block
from .session_end import ended_session, postpones_session
from .shared import shared_request
from .spoken import spoken
from .text import LEADING_NOISE, capitalize, squash
from .vague import QUESTION as TIME_QUESTION
from .vague import QUESTION as WHEN_QUESTION
from .vague import no_time_at_all, unplaced_hour, vague_time
from .verbatim import verbatim
from .when import absolute_dates, any_date

# The argument that names an existing item, per kind.
SLOTS = {
    "course": "course",
    "module": "module",
    "topic": "topic",
    "goal": "goal",
    "task": "task",
    "block": "block",
    "note": "note",
}
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
    "add_module": "course",
    "update_course": "course",
}
SHARE = 0.5  # the classifier's least share of the vote to act without a rule agreeing
SIMILARITY = 0.35  # and its least similarity to the nearest example of that intent
NAMED_CLEARLY = 1.0  # an item's score in a clause that names it by at least one whole word
ABBREVIATED = 0.9  # a one-word title named by its abbreviation ("backprop") in a list of items
SUBJECT_AND_TIME = 16  # the most words of a message that is only a subject and a time (a block)
OVERRIDE = 0.9  # the share with which the classifier overrides a rule that read another intent
OVERRIDE_SIMILARITY = 0.8  # and the similarity
# A clock no day has ("25:00", "9:75", "13pm"): asked about, never read as another time.
_IMPOSSIBLE_CLOCK = re.compile(
    r"(?<![:\d])(?:(?:2[4-9]|[3-9]\d):\d\d|\d{1,2}:[6-9]\d)(?![:\d])|(?<![.:\d])\b(?:1[3-9]|2\d)\s*[ap]\.?m\b", re.I
)
IMPOSSIBLE_CLOCK_QUESTION = "That time isn't on the clock. What time did you mean?"
LEANS_BACK_QUESTION = "What should I do that for? Tell me the item's name, please."
PICK_QUESTION = "Which one do you mean, and what should I do with it?"
SECOND_READING_CHARS = 300  # longer messages are read once: no split into two requests, no remark dropped
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
# Intents that never take a clock time: with one, the message is "a subject and a time" -> a block.
TIMELESS = frozenset(
    {
        "recommend_resources",
        "get_progress",
        "get_insights",
        "search_notes",
        "summarize_note",
        "start_study_session",
        "complete_topic",
        "chat",
    }
)
# "that" before a clause's subject ("remember that I'm ...", "note that my exam ...") introduces it: no pronoun.
PRONOUN = re.compile(
    r"\b(?:it|that(?!\s+(?:i|i'm|im|i've|my|we|we're|you|you're|he|she|they|there)\b)|this|them)\b(?!\s+(?:is|was|'s)\b)",
    re.I,
)
# A reference that names only a kind of item ("my block", "the thing"): it names none of the learner's.
GENERIC_NAME = re.compile(
    r"(?:(?:my|the|a|this|that|our)\s+)?(?:block|session|slot|thing|stuff|one|event|course|class|topic|module|"
    r"note|goal|task)s?",
    re.I,
)
TRIGGERS = (
    r"create|make|build|set|add|schedule|study|block|book|put|plan|search|find|look|recommend|suggest|archive|cancel|"
    r"move|reschedule|push|shift|show|list|stop|end|start|begin|remind\s+me\s+to|take\s+a\s+note|note\s+that|summari[sz]e|"
    r"give\s+me|tell\s+me|what|whats|how|hows|skip|delete|mark|rename|please|can\s+you|also|tag|untag|remove|forget|reopen|finished|"
    r"next\s+up|tick|cross|drop|quiz|test\s+me|review|now|remember|undo|an?\s+(?:new\s+)?(?:goal|note|course)"
)
SPLIT_RE = re.compile(
    rf"(?:\s*[,;]\s*(?:and\s+|so\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+|[.!?]+\s+(?:and\s+|also\s+|so\s+)?|"
    rf"\s+[^\w\s\"'(),.:;&+/#@$%*=<>\[\]\u2013\u2014-]+\s+)(?=(?:{TRIGGERS})\b)"  # a run of emoji ends a request too
    # "done with X. starting Y now": a sentence that starts a topic is a new request
    r"|[.!?]+\s+(?=(?:(?:i'?m|im|and|now|ok|okay)\s+)*(?:starting|beginning|moving\s+on\s+to)\b)"
    r"|\s+\+\s+(?=(?:any|are\s+there|is\s+there|what|how|show|list|check)\b)",  # "my week + any clashes?"
    re.I,
)
# A goal's list of tasks runs to the sentence's end: "tasks: redo the labs, take a practice quiz" is no quiz request.
_TASK_LIST = re.compile(
    r"\bgoal\b.*?\b(?:sub-?)?(?:tasks?|steps?|to-?dos?|milestones?)\s*"
    r"(?::|[-\u2013\u2014]|=|\bare\b|\bwill\s+be\b|\bwould\s+be\b|\binclude\b)\s*:?|"
    r"\b(?:by|before|until)\b[^.!?]{1,40}[.!?]\s+(?:sub-?)?(?:tasks|steps|to-?dos|milestones)\s*:",
    re.I,
)  # "... by june. steps: a, b": a deadline's sentence, then the list
_COMMA, _AND = "\ue000", "\ue001"  # a list's joints while the clauses are split
# "note titled T - a, start of b": after a titled note's dash or colon, commas are its content's.
_NOTE_CONTENT = re.compile(r"\bnote\b[^.!?:]*?\b(?:titled|called|named)\b[^.!?:]*?(?:\s[-\u2013\u2014]\s|:)\s*", re.I)


def _split(text: str) -> list[str]:
    """The clauses of ``text``, a goal's task list and a titled note's content kept whole."""
    if m := _TASK_LIST.search(text):
        end = re.search(r"[.!?](?:\s|$)", text[m.end() :])
        stop = m.end() + end.start() if end else len(text)
        listed = re.sub(r"\s+and\s+", _AND, text[m.end() : stop].replace(",", _COMMA))
        text = text[: m.end()] + listed + text[stop:]
    if m := _NOTE_CONTENT.search(text):
        end = re.search(r"[.!?](?:\s|$)", text[m.end() :])
        stop = m.end() + end.start() if end else len(text)
        kept = re.sub(r",(?!\s*(?:and|then|also|plus|please|pls)\b)", _COMMA, text[m.end() : stop], flags=re.I)
        text = text[: m.end()] + kept + text[stop:]
    pieces = [c.strip() for c in SPLIT_RE.split(text.strip()) if c and c.strip()]
    return [piece.replace(_COMMA, ",").replace(_AND, " and ") for piece in pieces]


_WEEKDAY_RUN = re.compile(rf"\b({WD})s?((?:\s+{WD}s?)+)\b", re.I)
# "physics tue and thu 6.30pm": bare weekdays sharing one clock time are one weekly block ("this/next/on" name dates).
_WEEKDAY_PAIR = re.compile(
    rf"(^|(?<!\bthis)(?<!\bnext)(?<!\bon)(?<!\bfrom)(?<!\bto)(?<!\bevery)\s)({WD})\s*(?:and|&|/|,)\s*({WD})(?=\s*,?\s*(?:at\s+)?\d)",
    re.I,
)
_FIRST_PERSON_FACT = re.compile(r"\s*(?:i|we)\s+(?!(?:want|wanna|need|would|'d|'ll|will|gotta|have\s+to)\b)\w", re.I)
_TIME_PHRASE = re.compile(
    rf"\b(?:today|tonight|tomorrow|(?:next\s+|this\s+)?{WD}|on\s+the\s+\d{{1,2}}\w*)\b|\b(?:at\s+)?\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)\b",
    re.I,
)


RULE_FOR = {
    "create_schedule_block": match_create_block,
    "search_notes": match_search_notes,
    "create_goal": match_create_goal,
    "move_schedule_block": match_move_block,
    "cancel_schedule_block": match_cancel_block,
}


@dataclass
class Understanding:
    """The calls for a message, or the question to ask first (then no calls)."""

    calls: list[ToolCall] = field(default_factory=list)
    question: str = ""


class Clarify(Exception):
    """A reference is ambiguous or missing: ask this question and call nothing."""


# A sentence or comma piece that only asks for a reminder's lead time belongs to the request before it.
_LEAD_TIME_SENTENCE = re.compile(
    r"(?:\s*(?:[.?!;]+|,)\s+|\s+(?=and\s))(?:(?:and|also|please|pls|plz|oh|then)\s+)*"
    r"(?=(?:remind\s+me|(?:with\s+|and\s+)?an?\s+reminder|(?:send\s+me\s+)?(?:an?\s+)?(?:reminder|alert|ping|notification))"
    r"\s+(?:(?:about|of)\s+)?(?:\d+|an?|one|half\s+an)\s*(?:minutes?|mins?|m|hours?|hrs?|h)\s+(?:before|earlier|ahead|prior))",
    re.I,
)
_HOURS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, **{str(n): n for n in range(10)}}


# "20h", "18h30" said as a clock after "at/to/until": no stay lasts 13 hours or more.
_CONTINENTAL_CLOCK = re.compile(
    rf"\b((?:at|to|till|until|from|(?:{WD})s?|today|tomorrow|tmrw|tonight)\s+)(1[3-9]|2[0-3])h(?:(\d\d)\b|\b)", re.I
)


# A question followed by why it is asked ("what have I got next week, I need to plan around my shifts"): the
# reason asks for nothing.
_READ_REASON = re.compile(
    r"^(?P<ask>\W*(?:what|which|when|how|show|list|do\s+i|any|is|are)\b[^,;.!?]*?)\s*[,;.!?]+\s*"
    r"(?:(?:cause|cuz|coz|because|since|as)\s+)?(?:i\s+(?:need|want|have|gotta|got|'?m\s+trying|am\s+trying)\s+to|"
    r"(?:i'?m\s+)?trying\s+to|so\s+(?:that\s+)?i\s+can)\s+(?:plan|fit|work\s+around|figure|know|see|decide|sort|"
    r"organi[sz]e|prepare|arrange)\b[^?]*$|"
    r"^(?P<read>\W*(?:what|which|show|list|do\s+i)\b[^,;.!?]*?)\s*[,;.!?]+\s*(?:(?:cause|cuz|coz|because|since|as)\s+)?"
    r"i\s+(?:need|want|could\s+use)\s+(?:a\s+(?:little\s+|bit\s+of\s+)?|some\s+|more\s+)?(?:motivation|encouragement|"
    r"inspiration|boost|pick-me-up|reassurance|perspective|refresher)\b[^?]*$",  # "..., i need a little motivation"
    re.I,
)


def _normalise(text: str, known: Known, today: date) -> str:
    item_words = {w for item in known.items for w in tokens(item.title)}

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        if word.lower().endswith("'s") and word[:-2].lower() in classifier.ABBREVIATIONS:
            return classifier.ABBREVIATIONS[word[:-2].lower()] + "'s"
        lowered = word.lower()
        if lowered in classifier.ABBREVIATIONS:
            return classifier.ABBREVIATIONS[lowered]
        if lowered in item_words or (word[:1].isupper() and match.start() > 0):
            return word
        corrected = classifier.correct_word(lowered)
        return corrected if corrected != lowered else word

    text = re.sub(r"\btl\s*[;:,.]?\s*dr\b", "tldr", _shorthand(text, known), flags=re.I)
    text = _CONTINENTAL_CLOCK.sub(lambda m: f"{m[1]}{m[2]}:{m[3] or '00'}", text)  # "to 20h", "at 18h30": a clock
    text = _REMEMBER_THAT.sub(r"remember that \1", text)
    text = absolute_dates(re.sub(r"\bw/(?=\s)", "with", _unwrap(spoken(text), known), flags=re.I), today)
    text = re.sub(r"[A-Za-z0-9']+", fix, text)
    text = re.sub(  # "dec 14-20" -> "from dec 14 to dec 20"
        r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)\s+(\d{1,2})\s*[-\u2013]\s*(\d{1,2})\b(?![:-])",
        r"from \1 \2 to \1 \3",
        text,
        flags=re.I,
    )
    text = re.sub(r"\b(\d+)\s*m\b(?=\s+(?:before|earlier|early|prior|ahead|long|session|block))", r"\1 minutes", text)
    text = re.sub(r"^(\W*)(?:block|session|slot|event)\s*:\s*", r"\1schedule ", text, flags=re.I)
    text = re.sub(r"\b(every|each)\s+(?:single|other\s+single)\s+", r"\1 ", text, flags=re.I)
    text = re.sub(r"(?<![\d/-])\b(\d{1,2})(?:\s*-\s*)(\d{1,2})\s*(am|pm)?\b(?![:-])", r"from \1 to \2\3", text)
    text = re.sub(  # "friday 3 to 5" -> "friday from 3 to 5", "saturday morning 9 to 12" too
        rf"\b((?:{WD}|today|tomorrow|tonight)\w*\s+(?:(?:morning|afternoon|evening|night)\s+)?)(\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)\s+(?:to|till|until)\s+(?=\d)",
        r"\1from \2 to ",
        text,
        flags=re.I,
    )
    text = re.sub(r"[,\s]+(?:from\s+now\s+on|going\s+forward)\b", "", text, flags=re.I)
    text = re.sub(r"\bun-(tick|check|mark|do|complete)", r"un\1", text, flags=re.I)  # "un-tick X"
    text = re.sub(  # "at 9 not 8": the old time says only that this is a change (a clock, not "chapter 3 not 4")
        r"(\b(?:at|to)\s+\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?|\b\d{1,2}(?::\d\d)?\s*(?:am|pm))[\s,]++(?:and\s++)?not\s++"
        r"(?:at\s+)?\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?\b",
        r"\1 instead",
        text,
        flags=re.I,
    )
    text = re.sub(  # "to 8 instead of 7", "30 min instead of an hour": the old value says nothing
        rf"\s+instead\s+of\s+(?:(?:an?|one|\d[\d.]*)\s*(?:hours?|hrs?|h|minutes?|mins?)\b|\d[\d:]*\s*(?:am|pm)?"
        rf"|tonight|today|tomorrow|{WD}\w*)",
        "",
        text,
        flags=re.I,
    )
    text = re.sub(r"\b(\d{1,2}(?::\d\d)?\s*(?:am|pm)?)\s*-?ish\b", r"\1", text, flags=re.I)  # "at 7ish"
    text = re.sub(  # "hour and a half" -> "1.5 hours", "two and a half hours" -> "2.5 hours"
        r"\b(?:(\d|one|two|three|an?)\s+)?(?:hours?\s+and\s+(?:a\s+)?half|and\s+a\s+half\s+hours?)\b",
        lambda m: f"{_HOURS.get((m.group(1) or 'a').lower(), 1)}.5 hours",
        text,
        flags=re.I,
    )
    text = re.sub(  # "45 mins each (time)": one length for every occurrence, not a recurrence
        r"\b((?:\d+(?:\.\d+)?|an?)\s*(?:minutes?|mins?|hours?|hrs?|h))\s+each(?:\s+time)?\b", r"\1", text, flags=re.I
    )
    text = re.sub(  # "remind me half an hour before": a lead time of 30 minutes, not a length
        r"\b(?:half\s+an|a\s+half)[-\s]hour\s+(?=before|earlier|ahead|prior)", "30 minutes ", text, flags=re.I
    )
    text = re.sub(r"\b(\d{1,2})\.(\d{2})\s*(am|pm)\b", r"\1:\2\3", text, flags=re.I)  # "6.30pm"
    text = re.sub(r"\bhalf\s+past\s+(\d{1,2})\b(?!:)", r"\1:30", text, flags=re.I)  # "half past six"
    text = re.sub(r"\b(?:a\s+)?quarter\s+past\s+(\d{1,2})\b(?!:)", r"\1:15", text, flags=re.I)
    text = re.sub(  # "quarter to eight": 7:45
        r"\b(?:a\s+)?quarter\s+(?:to|till|til)\s+(\d{1,2})\b(?!:)",
        lambda m: f"{(int(m.group(1)) - 2) % 12 + 1}:45",
        text,
        flags=re.I,
    )
    text = re.sub(  # "half 7 tonight": half past seven
        r"\bhalf\s+(\d{1,2})\b(?!\s*(?::|\.\d|hours?|hrs?|h\b|minutes?|mins?|days?|weeks?|of\b))",
        r"\1:30",
        text,
        flags=re.I,
    )
    text = re.sub(r"\b(at\s+\d{1,2})\.(\d{2})\b", r"\1:\2", text, flags=re.I)  # "at 6.30"
    if parse_time(text) and not re.search(r"\b(?:goal|course|note|reminder|module|topic)\b", text, re.I):
        text = re.sub(
            r"^(\W*(?:(?:ok(?:ay)?|so|hey|yo|um+|uh+|alright)\W+)*)(?:set\s+up|set\s+aside|pencil\s+in|slot\s+in|book\s+in|(?:a\s+)?(?:new|another)\s+(?:study\s+)?(?:block|session|slot)\s*:?)(?=\s)",
            r"\1schedule",
            text,
            flags=re.I,
        )
    text = re.sub(  # "make X 2 hours long" -> "make X to 2 hours"
        r"(?<!\bto\s)\b(?:be\s+)?(\d+(?:\.\d+)?\s*(?:hours?|h|minutes?))\s+long\b", r"to \1", text, flags=re.I
    )
    # A kiss to sign off ("... kanji drills x", "thanks! xx"): lower case only, so "Malcolm X" keeps its X.
    text = re.sub(r"(?<!\bfor)(?<!\bis)(?<!\bof)(?<!\bthen)(?<![=+*/-])\s+(?:x+|xo+x*)[\s.!]*$", "", text)
    text = _LEAD_TIME_SENTENCE.sub(", ", text)  # "... at 6pm. Please remind me 15 minutes before."
    text = re.sub(r"\b(goal|note(?:\s+to\s+self)?)\s+[-\u2013]+\s+", r"\1: ", text, flags=re.I)  # "goal - X"
    text = _WEEKDAY_RUN.sub(lambda m: "every " + ", ".join([m.group(1), *m.group(2).split()]), text)
    if not _FIRST_PERSON_FACT.match(text):  # "I study spanish mon and wed at 7pm" tells, it asks for no block
        text = _WEEKDAY_PAIR.sub(lambda m: f"{m.group(1)}every {m.group(2)} and {m.group(3)}", text)
    return text


_VERB = "|".join(sorted((w for w in IMPERATIVES if w.isalpha() and w not in {"let", "lets", "do", "get"}), key=len))
_WRAPPED = re.compile(
    rf"^(?P<pre>.+?)\b(?:(?:could|can|would|will)\s+(?:you|u)|(?:you|u)\s+(?:could|can|would)|please|pls|plz|i\s+(?:need|want)\s+(?:you\s+)?to)\s+"
    rf"(?:(?:maybe|possibly|please|pls|just|kindly|quickly|like)\s+)*(?=(?:{_VERB})\b)",
    re.I,
)
_POLITE_TAIL = re.compile(
    r"[,\s]+(?:if\s+(?:that'?s|it'?s)\s+(?:ok|okay|alright|possible|fine|not\s+too\s+much)|if\s+possible|if\s+you\s+can|"
    r"thanks?(?:\s+you)?(?:\s+so\s+much)?|thx|ty|pls|please|while\s+(?:you'?re|ur|you\s+are)\s+at\s+it|"
    r"when(?:ever)?\s+you\s+(?:get\s+a\s+(?:chance|sec|second|minute)|can)|(?:as\s+)?(?:soon|quick)\s+as\s+you\s+can)\W*$",
    re.I,
)


KIND_OF = {
    "course": "course",
    "class": "course",
    "module": "module",
    "topic": "topic",
    "goal": "goal",
    "task": "task",
    "note": "note",
    "block": "block",
    "session": "block",
}
_THIS_KIND = re.compile(rf"\b(?:that|this|the\s+same)\s+({'|'.join(KIND_OF)})\b", re.I)
_SCHEDULE_WORDS = re.compile(
    r"\b(?:schedul\w*|calendar|blocks?|sessions?|booked|morning|afternoon|evening|tonight)\b", re.I
)
# "i work nights on fridays. remember that": the fact is what came before.
_REMEMBER_THAT = re.compile(
    r"^\W*(?:(?:just\s+)?so\s+you\s+know|fyi|btw)?[,:\s]*(.+?)[.!,;]+\s*(?:pls\s+|please\s+)?"
    r"(?:(?:remember|keep\s+in\s+mind|don'?t\s+forget)\s+(?:that|this|it)|(?:keep|bear)\s+(?:that|this|it)\s+in\s+mind)"
    r"(?:\s+(?:when|whenever|while|if)\s+(?:you\s+|u\s+)?(?:plan|schedul|book|set|make|organi[sz])[^.!?]*)?\W*$",
    re.I,
)  # "..., keep that in mind when you plan stuff for me": what it is for says nothing more
# What the learner says they learn: "starting intro to psych next month", "learning japanese from absolute zero".
_LEARNING = re.compile(
    r"\b(?:learn(?:ing)?|study(?:ing)?|start(?:ing)?|tak(?:e|ing)|pick(?:ing)?\s+up|get(?:ting)?\s+into)\s+"
    r"(?:(?:learning|studying)\s+)?(?P<subject>[\w][\w' +&-]*?)\W*$",
    re.I,
)
_LEARNING_TAIL = re.compile(
    r"(?:\s+(?:properly|seriously|again|from\s+(?:absolute\s+)?(?:scratch|zero|the\s+start)|"
    r"(?:next|this)\s+(?:week|month|year|term|semester|fall|spring)|in\s+(?:the\s+)?(?:fall|spring|summer|winter|\w+ary)))+$",
    re.I,
)
_COURSE_FOR_IT = re.compile(r"\s+course\s+(?:for|on|about)\s+(?:it|that|this|them)\b\W*", re.I)
_THAT_DAY = re.compile(r"\b(?:on\s+)?(?:that|the\s+same)\s+(?:one\s+|1\s+)?day\b", re.I)
_OBJECT_PRONOUN = re.compile(r"\b(?:it|them)\b(?!\s+(?:is|was|'s)\b)", re.I)


# What a course or goal has that a request changes: "change the difficulty to advanced".
_ATTRIBUTE = re.compile(r"\bthe\s+(?:difficulty|level|target\s+date|deadline|due\s+date|priority|description)\b", re.I)


# A timer started with no subject said: "start the timer", "start a session".
_TIMER_ALONE = re.compile(
    r"^\W*(?:start|begin|run)\s+(?:the\s+|a\s+|my\s+)?(?:study\s+)?(?:timer|session|clock|stopwatch)\W*$", re.I
)

# A wrapper that is only a place: "for the X goal", "in my orgo course", "under the goal of X".
_PLACE_FIRST = re.compile(
    r"^\W*(?:for|in|to|under|on|into)\s+(?:the|my|our)\s+[^,.;!?]*\b(?:goal|course|module|note|block)\b[^,.;!?]*$", re.I
)


def _unwrap(text: str, known: Known | None = None) -> str:
    """A request inside a polite or anxious wrapper: "so i'm stressed... could you maybe move X" -> "move X".

    What comes before is dropped only when it holds no date, time or number the request may need.
    """
    text = _POLITE_TAIL.sub("", text)
    m = _WRAPPED.search(text)
    if m and _PLACE_FIRST.match(m.group("pre")):
        return text  # "for my mcat goal please add a task: X": where the request goes, said first
    if m and not re.search(r"\d", m.group("pre")) and not _TIME_PHRASE.search(m.group("pre")):
        request = text[m.end() :]
        learning = _LEARNING.search(re.split(r"[.!?,;]\s+", m.group("pre").strip())[-1])
        if learning and (wanted := _COURSE_FOR_IT.search(request)):
            # "I'm starting intro to psych next month. Can you make a course for it?": "it" is what they learn
            subject = _LEARNING_TAIL.sub("", learning.group("subject")).strip()
            return f"{request[: wanted.start()]} course called {subject}, {request[wanted.end() :].lstrip()}"
        this = _THIS_KIND.search(request)
        if (
            this
            and known is not None
            and (found := mentions(KIND_OF.get(this.group(1).lower(), ""), m.group("pre"), known))
        ):
            # "I finally understand Bayes theorem ..., you can mark that topic as done": the topic named before
            request = f'{request[: this.start()]}"{found[0][1].title}"{request[this.end() :]}'
        elif (
            _OBJECT_PRONOUN.search(request)
            and known is not None
            and (named := _referent(m.group("pre"), known))
            and not _barely(named, m.group("pre"))  # "I finished. please stop it" names no "Finish practice test 1"
        ):
            # "the World History class is finished for me, please archive it": "it" is what the wrapper named
            request = _OBJECT_PRONOUN.sub(f'"{named.title}"', request, count=1)
        elif (
            known is not None
            and _TIMER_ALONE.search(request)
            and (named := _referent(m.group("pre"), known))
            and named.kind in ("course", "topic")
            and not _barely(named, m.group("pre"))
        ):
            # "I want to study backprop now. Please start the timer": the timer is for what they study
            request = f'{re.sub(r"[.!?]+$", "", request.strip())} for "{named.title}"'
        elif (
            known is not None
            and (attribute := _ATTRIBUTE.search(request))
            and (named := _referent(m.group("pre"), known))
            and named.kind in ("course", "goal")
            and _referent(request, known) is None
        ):
            # "Linear Algebra is harder than I thought. Please change the difficulty to advanced": its difficulty
            request = f'{request[: attribute.end()]} of "{named.title}"{request[attribute.end() :]}'
        elif _OBJECT_PRONOUN.search(request) and re.search(r"\b(?:about|on|regarding)\s+\w", m.group("pre"), re.I):
            return text  # "I wrote something about X at some point, can you find it?": "it" is what the wrapper says
        return request
    return text


# A remark after a new name's comma: ", it sounds fancier", ", because ...", ", thanks", ", with the apostrophe".
_RENAME_REMARK = re.compile(
    r",\s+(?:with|it|it's|its|that|that's|this|because|cause|coz|since|as|i|i'm|im|thanks|thx|please|pls|lol|so|"
    r"just|sounds|looks)\b.*$",
    re.I,
)
_NEW_CHILD = re.compile(r"((?:an?|one|another|new)\s+(?:new\s+)?(?:task|topic|module|note))\s+(?::\s*)?(\S.*)$", re.I)

_W_FOR_WITH = re.compile(r"(?<=\s)w/?\s+(?=(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+\w)", re.I)


def _shorthand(text: str, known: Known) -> str:
    """Terse notes: "orgo review -> fri 5pm" (a block, an arrow: a move), "ml reading: cancel fri", "done: X"."""
    text = re.sub(r"^(\W*)(?:done|finished|completed)\s*[:\u2013-]\s*", r"\1finished ", text, flags=re.I)
    text = _W_FOR_WITH.sub("with ", text)  # "course w 6 modules": "with"
    m = re.match(r"^\s*([^:>\-=\u2192]+?)\s*(?:-+>|=+>|\u2192)\s*", text)
    if m and not re.match(rf"^\W*(?:{_VERB})\b", m.group(1), re.I) and mentions("block", m.group(1), known):
        return "move " + text
    m = re.match(rf"^\s*([^:]{{2,40}}?)\s*:\s*((?:{_VERB})\b.*)$", text, re.I)
    if (
        m
        and not re.search(r"\b(?:note|goal|task|todo|reminder|fyi|new|add|topic|module|course)s?\b", m.group(1), re.I)
        and _referent(m.group(1), known)
    ):
        verb, _, rest = m.group(2).partition(" ")
        if new := _NEW_CHILD.match(rest):  # "mcat: add a task T": the head is where the new task goes
            return f"{verb} {new[1]} to {m.group(1)}: {new[2]}"
        return f"{verb} {m.group(1)} {rest}".strip()
    return text


def _protect_titles(text: str, known: Known) -> str:
    """Quote the learner's titles that contain 'and' or a comma, so no clause split cuts them."""
    for item in sorted(known.items, key=lambda i: -len(i.title)):
        if re.search(r"\band\b|,", item.title):
            text = re.sub(rf"(?<![\"'])\b{re.escape(item.title)}\b(?![\"'])", f'"{item.title}"', text, flags=re.I)
    return text


def _unrequested(text: str) -> str:
    """The text without the words requests are made of (the intent bank's), numbers kept."""
    request_words = classifier.bank_words()
    return " ".join(w for w in tokens(text) if w.isdigit() or w not in request_words)


def _barely(item: Item, text: str) -> bool:
    """Whether the text names a title only by request words ("set" in "set it to X" for "Redo problem set 3"), or
    one of several words by less than a whole word ("finished" for "Finish practice test 1")."""
    words = [w for w in tokens(item.title) if w not in FILLER]
    return score(item.title, _unrequested(text)) < min(NAMED_CLEARLY, 0.5 * len(words))


def _barely_named(call: ToolCall, clause: str, known: Known) -> bool:
    """Whether a call acts on an item of the learner's that the clause names only by request verbs ("set")."""
    kind = NEEDS.get(call.name)
    item = known.find(kind, str(call.arguments.get(SLOTS[kind], ""))) if kind else None
    unverbed = " ".join(w for w in tokens(clause) if w not in IMPERATIVES)
    return item is not None and item != known.recent and score(item.title, unverbed) < STRONG


def _previous_referent(previous: str, known: Known) -> Item | None:
    """What "it" in a reply names: the previous message's item, unless only its request words name it
    ("what's on this week?" names no "Spanish vocab week 3": "cancel it" then asks which)."""
    item = _referent(previous, known) if previous else None
    if item is None:
        return None
    return item if score(item.title, _unrequested(previous)) > 0 else None


def _referent(text: str, known: Known) -> Item | None:
    """The item a message names most strongly, of any kind; on a tie, the one named by more of its title."""
    best: tuple[float, float, Item] | None = None
    for kind in ("block", "topic", "task", "note", "module", "goal", "course"):
        found = mentions(kind, text, known)
        if found:
            value, item = found[0]
            whole = value / max(len([w for w in tokens(item.title) if w not in FILLER]), 1)
            if best is None or (value, whole) > best[:2]:
                best = (value, whole, item)
    return best[2] if best else None


_NOT_NAMES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "tonight",
        "tomorrow",
        "week",
        "weekly",
        "month",
    ]
)


def _shared_words(known: Known) -> frozenset[str]:
    """Generic title words: in titles of items of different kinds, and not leading one of them ("practice" in
    "Spanish practice" and "Finish practice test 1"); a leading word ("Spanish") is a title's subject."""
    kinds: dict[str, set[str]] = {}
    leading: set[str] = set()
    for item in known.items:
        words = [w for w in tokens(item.title) if w not in FILLER]
        leading.update(words[:1])
        for word in words:
            kinds.setdefault(word, set()).add(item.kind)
    return frozenset(word for word, of in kinds.items() if len(of) > 1 and word not in leading)


# A number that is part of a date or a clock time: never a word of an item's title.
_DATED_NUMBER = re.compile(
    rf"{DATE_PHRASE}|\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b|\b\d{{1,2}}(?::\d\d)?\s*(?:am|pm)\b|\b\d{{1,2}}:\d\d\b", re.I
)


def _mask(clause: str, known: Known) -> str:
    """Replace the words that name one of the learner's items by the item's kind ('the topic').

    Only the best-named item of each kind counts, and a request word (one of the bank's) or a date word
    counts only when it is exactly a word of the title.
    """
    request_words = classifier.bank_words() | _NOT_NAMES

    def quoted(match: re.Match[str]) -> str:
        item = next((i for i in known.items if i.title.casefold() == _quoted_text(match).casefold()), None)
        return f"the {item.kind}" if item else "x"  # a new name says nothing about the intent

    clause = _COLON.sub(": x", _QUOTED.sub(quoted, _CALLED.sub("called x", clause)))
    undated = _DATED_NUMBER.sub(lambda m: re.sub(r"\d", "#", m.group(0)), clause)  # "on march 12" names no "12 books"
    top = [_said(found[0], undated) for kind in SLOTS if (found := mentions(kind, undated, known))]
    shared = _shared_words(known)
    words = clause.split()
    labels: list[str | None] = []
    for index, bare in enumerate(undated.split()):
        lowered = re.sub(r"\W", "", bare.lower())
        following = re.sub(r"\W", "", words[index + 1].lower()).removesuffix("s") if index + 1 < len(words) else ""
        kinds = []
        for value, item in top:
            title_words = [t for t in tokens(item.title) if t not in FILLER]
            if value < 1.8 and len(title_words) > 1 and (lowered.isdigit() or lowered in shared):
                continue  # "1 hour" does not name "Finish practice test 1", nor "practice" one of two titles
            exact = lowered in title_words and (lowered not in request_words or value >= 1.8)
            loose = (lowered not in request_words or following == item.kind) and any(
                _word_score(t, lowered) >= STRONG for t in title_words
            )  # "the reading goal": a request word followed by the item's kind names it
            if lowered and lowered not in FILLER and (exact or loose):
                kinds.append((value, value / max(len(title_words), 1), item.kind))
        labels.append(max(kinds)[2] if kinds else None)
    for i in range(1, len(words) - 1):  # "Eigenvalues and Eigenvectors" is one name
        if labels[i] is None and labels[i - 1] and labels[i - 1] == labels[i + 1] and words[i].lower() in FILLER:
            labels[i] = labels[i - 1]
    out: list[str] = []
    for i, (word, label) in enumerate(zip(words, labels, strict=True)):
        if label is None:
            if i and labels[i - 1] and word.lower().rstrip("s") == labels[i - 1]:
                continue  # "the Grammar module" -> "the module"
            out.append(word)
        elif i == 0 or labels[i - 1] != label:
            if out and out[-1].lower() in {"the", "my", "a", "our"}:
                out.pop()
            out.append(f"the {label}")
    return re.sub(r"\s*[\u2705\u2714\u2611]\ufe0f?", " done", " ".join(out))  # "X ✅": a check mark says done


KIND_WORDS = {
    "course": r"courses?|class(?:es)?",
    "module": r"modules?",
    "topic": r"topics?",
    "goal": r"goals?",
    "task": r"tasks?",
    "block": r"blocks?|sessions?|slots?",
    "note": r"notes?",
}


def _said(found: tuple[float, Item], clause: str) -> tuple[float, Item]:
    """An item's score, one word higher when the clause also says its kind ("orgo from my courses")."""
    value, item = found
    return (value + 1.0, item) if re.search(rf"\b(?:{KIND_WORDS[item.kind]})\b", clause, re.I) else found


def _rules(clause: str, ctx: Context) -> list[ToolCall]:
    for matcher in MATCHERS:
        if found := matcher(clause, ctx):
            return found
    return []


def _which(kind: str, known: Known, candidates: tuple[Item, ...] = ()) -> str:
    """The question naming the items a reference could mean: the tied candidates, else the learner's items."""
    if candidates:
        return f"Which {kind} do you mean: {' or '.join(f'“{item.title}”' for item in candidates[:4])}?"
    yours = ", ".join(f"“{item.title}”" for item in known.of(kind)[:5])
    return f"Which {kind} do you mean?" + (f" Yours are: {yours}." if yours else "")


def _maybe(kind: str, text: str, known: Known) -> Item | None:
    """The item of ``kind`` the text names, if any; ``Clarify`` when several fit equally."""
    found = resolve(kind, text, known)
    if found.item is None and not found.candidates and known.recent and known.recent.kind == kind:
        return known.recent
    if found.candidates:
        raise Clarify(_which(kind, known, found.candidates))
    return found.item


def _pick(kind: str, text: str, known: Known) -> Item:
    """The item of ``kind`` the text names; ``Clarify`` naming the candidates when it names several or none."""
    if item := _maybe(kind, text, known):
        return item
    if known.of(kind):
        raise Clarify(_which(kind, known))
    raise Clarify(f"I could not find that {kind}.")


_NOTES_ON = re.compile(
    r"\b(?:notes?|wrote|write|written|jotted|saved)\s+(?:anything\s+|something\s+)?(?:down\s+)?"
    r"(?:on|about|for|re|regarding)\s+(?:the\s+)?(.+?)\W*$",
    re.I,
)
_PRIORITY = re.compile(
    r"\b(high|medium|low|top)(?:est)?\s+priority\b|"
    r"\bpriority\b(?:\s+(?:of|for|on)\s+[^,.;]{1,60}?)?\s+(?:(?:to|as|at|is)\s+)?(high|medium|low|top)\b",
    re.I,
)
# A double-quoted title keeps its apostrophes ("Bayes' Theorem"); a single-quoted one ends at the first, and an
# apostrophe inside a word ("Kepler's") opens and closes none.
_QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]+?)[\"\u201d]|(?<!\w)['\u2018]([^\"\u201d\u2019]+?)['\u2019](?!\w)")
_CALLED = re.compile(r"\b(?:called|named|titled)\s+(.+?)(?=\s+(?:to|in|into|for)\s+|$)", re.I)
_COLON = re.compile(r"[:\u2013-]\s+(.+)$")
_TO = re.compile(r"\s+(?:to|as|into)\s+(.+)$", re.I)


def _quoted_text(match: re.Match[str]) -> str:
    """The words inside a match of ``_QUOTED``."""
    return match.group(1) or match.group(2)


def _new_title(clause: str, *, after: str = "") -> str:
    """A new title: quoted, 'called X', 'X: Y' (Y), or the words after ``after``."""
    if m := _QUOTED.search(clause):
        return squash(_quoted_text(m))
    if m := _CALLED.search(clause):
        return squash(m.group(1))
    if m := _COLON.search(clause):
        return squash(m.group(1))
    if after and (m := re.search(after, clause, re.I)):
        return squash(m.group(1))
    return ""


# Pieces of a free-text argument that talk to the assistant rather than carry the text.
_META = re.compile(
    r"^\W*(?:remember|keep|please|pls|could|can|would|will|thanks?|thank|ok|okay|i\s+(?:cannot|can't|cant|couldn't)\s+find|"
    r"that'?s\s+(?:not\s+true|wrong|outdated|old|no\s+longer)|not\s+true|no\s+longer\s+true)\b",
    re.I,
)
_META_TAIL = re.compile(r"\s+(?:that'?s\s+(?:not\s+true|wrong|outdated|no\s+longer\s+true)|not\s+anymore)\b.*$", re.I)
_OPENER = re.compile(
    r"^\W*(?:(?:just\s+)?so\s+you\s+know|fyi|btw|by\s+the\s+way|for\s+the\s+future|um+|uh+)\b[\s,:]*", re.I
)


# A verb that adds tags or takes them off; each governs the words up to the next one.
_TAG_VERB = re.compile(
    r"\b(?P<remove>untag|remove|delete|drop|take(?:\s+(?:off|away|out)|(?=\s+(?:the\s+)?\S+\s+tags?\s+off\b))|"
    r"get\s+rid\s+of|strip|clear)\b|\b(?P<add>tag|add|label|put|mark)\b",
    re.I,
)
_TAG_WORD = r"#?[\w-]+"
_TAG_RUN = rf"{_TAG_WORD}(?:\s*(?:,|&|\band\b)\s*(?:and\s+)?{_TAG_WORD})*"
# Words around tags that are never one: the note said as "it", its kind, the links, a remark ("instead", "thanks").
_TAG_WORDS = (
    "it them this that the a an my note notes tag tags with as from to on of off in too also please pls both one "
)
_NOT_TAGS = frozenset((_TAG_WORDS + "instead now again then well for me thanks thx just").split())


def _tags_in(segment: str) -> list[str]:
    """The tags a piece of a tagging request names: quoted, 'the X tag', 'tags X and Y', 'with/as X, Y', or the words
    after 'it' ("tag it history and exam")."""
    if quoted := re.findall(r"[\"'\u2018\u201c]#?([\w -]+?)[\"'\u2019\u201d]", segment):
        return [q.strip().lower() for q in quoted]
    found = (
        re.search(rf"\b(?:the\s+)?({_TAG_RUN})\s+tags?\b", segment, re.I),
        re.search(rf"\btags?\s+({_TAG_RUN})", segment, re.I),
        re.search(rf"\b(?:with|as)\s+(?:the\s+)?(?:tags?\s+)?({_TAG_RUN})", segment, re.I),
        re.match(rf"\s*(?:it|them|this|that)\s+({_TAG_RUN})", segment, re.I),
        re.match(rf"\s*({_TAG_RUN})\s+(?:from|off|on|to)\b", segment, re.I),  # "untag orgo from X"
        re.search(r"(#\w+)", segment),
    )
    for m in filter(None, found):  # the first reading that names a tag ("the tag bio": not "the")
        words = re.split(r"\s*(?:,|&|\band\b)\s*|\s+", m.group(1))
        if tags := [w.lstrip("#").lower() for w in words if w and w.lstrip("#").lower() not in _NOT_TAGS]:
            return tags
    return []


def _tag_changes(clause: str, known: Known) -> dict[str, list[str]]:
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


def _free_text(text: str) -> str:
    """A fact, query or content without the words around it addressed to the assistant.

    Sentences and comma pieces that are requests or remarks to the assistant ("remember that", "could you
    keep that in mind...", "I cannot find it", "that's not true anymore") are dropped, as are openers
    ("just so you know", "fyi") and a trailing "?".
    """
    pieces = re.split(r"(?<=[.?!])\s+|,\s*(?=(?:could|can|would|will|please|remember|keep|thanks?)\b)", text.strip())
    kept = [p for p in pieces if p and not _META.match(p)] or pieces[:1]
    out = " ".join(kept)
    while (trimmed := _OPENER.sub("", out)) != out:
        out = trimmed
    return squash(_META_TAIL.sub("", out)).rstrip("?.! ")


def _split_at(clause: str, words: str) -> tuple[str, str]:
    """The clause before and after the first of ``words``."""
    parts = re.split(rf"\s+(?:{words})\s+", clause, maxsplit=1)
    return (parts[0], parts[1]) if len(parts) == 2 else (clause, "")


def _date_arg(text: str, ctx: Context) -> str | None:
    found = any_date(text, ctx.today)
    return found.isoformat() if found else None


def _course_of(clause: str, known: Known, module: Item | None) -> Item | None:
    course = _maybe("course", clause, known)
    return course or (known.find("course", module.parent) if module else None)


# Words that bound a schedule question in time.
_WINDOW_WORDS = re.compile(
    r"\b(?:today|tomorrow|week|weekend|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\bthe\s+\d{1,2}(?:st|nd|rd|th)\b|"
    r"\b(?:in|during|for|of|through)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b",
    re.I,
)


# A new name said apart from the verb: "new name is X", "new title: X", "call it X instead".
# Wanting one more ("tomorrow at noon I want a short X session") with nothing said against a block: a new one.
_WANTS_ONE = re.compile(
    r"\bi\s*(?:want|wanna|need|'d\s+(?:like|love)|would\s+(?:like|love))\s+(?:a|an|another|one\s+more)\b", re.I
)
_UNWANTED = re.compile(
    r"\b(?:cancel\w*|skip\w*|call\s+off|drop|remove|delete|can'?t|cannot|won'?t|not|no|without|instead\s+of)\b", re.I
)
# A course's own attributes, which no block or task has: "the orgo target date", "the description of X".
_COURSE_ATTRIBUTE = re.compile(r"\b(?:target|end|finish)\s+date\b|\bdescription\b", re.I)
_DESCRIPTION = re.compile(r"\bdescription\b.*?(?:\s(?:to|as|is|reads?|says?)\s*:?|:)\s*(\S.*?)\W*$", re.I)
_NEW_NAME = re.compile(
    r"\bnew\s+(?:name|title)\s*(?:is|:|=|will\s+be|should\s+be|would\s+be)\s*(.+?)\W*$|"
    r"\b(?:call|name|title)\s+it\s+(.+?)(?:\s+instead)?\W*$",
    re.I,
)


# "forget the thing about X": the fact is X.
_THING_ABOUT = re.compile(r"^(?:the|that|this)\s+(?:thing|part|bit|stuff|fact)\s+(?:about|that)\s+", re.I)
# "forget X, i'm a night owl now": what holds now replaces it, a fact of its own.
_NOW_TRUE = re.compile(
    r"\s*[,;.]\s*(?:(?:now|because|cause|cuz|since|as)\s+)?(?P<fact>(?:i'?m|i\s+am|im|now\s+i|i\s+now|i\s+(?:prefer|study|work|live))\b.*)$",
    re.I,
)


def _extract(name: str, clause: str, ctx: Context, known: Known) -> list[ToolCall]:
    """The call for ``name`` read from the clause with the learner's items."""
    args: dict[str, Any] = {}
    if name in ("delete_course", "archive_course"):
        return [ToolCall(name, {"course": _pick("course", clause, known).title})]
    if name == "create_course":
        return _new_course(clause, ctx)
    if name == "add_module":
        title = (
            _new_title(clause, after=r"\bmodule\s+(.+?)\s+(?:to|in|for)\s+")
            or _new_title(
                clause,
                after=r"\badd\s+(?:an?\s+)?(?:new\s+)?(.+?)\s+(?:to|in|into)\s+(?:my\s+|the\s+)?\S.*?\s+as\s+an?\s+(?:new\s+)?module\b",
            )
            or _new_title(
                clause,
                after=r"\b(?:add|needs?|wants?|create|make)\s+(?:an?\s+|another\s+)?(?:new\s+)?(.+?)\s+(?:as\s+a\s+)?module\b",
            )
        )
        course = _pick("course", clause.replace(title, " ") if title else clause, known)
        return [ToolCall(name, {"course": course.title, "title": title})] if title else []
    if name in ("rename_module", "rename_topic"):
        kind = name.split("_")[1]
        head, tail = _split_at(clause, r"should\s+(?:now\s+)?be\s+(?:called|named|renamed(?:\s+to)?)|to|as")
        title = _new_title(tail) or squash(tail)
        if m := re.search(rf"\bcall\s+(.+?)\s+{kind}\s+(.+?)(?:\s+instead)?\W*$", clause, re.I):
            head, title = m.group(1), squash(m.group(2))
        title = re.sub(r"^(?:just|simply|only|plain)\s+(?=\S)", "", title, flags=re.I)  # "to just Grammar"
        title = _RENAME_REMARK.sub("", title)  # "to Bayes' Theorem, with the apostrophe, it bugs me"
        item = _pick(kind, head, known)
        args = {kind: item.title, "title": title}
        parent = known.find("course", item.parent) if kind == "module" and item.parent else None
        if parent and re.search(r"\bin\s+\w", head):
            args["course"] = parent.title  # "rename the grammar module in spanish to ..."
        return [ToolCall(name, args)] if title else []
    if name in ("remove_module", "remove_topic", "complete_topic"):
        kind = "module" if name == "remove_module" else "topic"
        item = _pick(kind, clause, known)
        args = {kind: item.title}
        parent = known.find("course", item.parent) if kind == "module" and item.parent else None
        if parent and _maybe("course", clause, known):
            args["course"] = parent.title  # "remove X from orgo"
        return [ToolCall(name, args)]
    if name == "add_topic":
        title = (
            _new_title(clause, after=r"\btopic\s+(?:on\s+|about\s+|for\s+)?(.+?)\s+(?:to|in|into|for|under)\s+")
            or _new_title(clause, after=r"\badd\s+(?:an?\s+)?(?:new\s+)?(.+?)\s+(?:as\s+a\s+)?topic\b")
            or ((m := _ADD_INTO.search(clause)) and squash(m.group(1)))
            or ""
        )
        title = re.sub(r"^the\s+(?=\w)", "", title, flags=re.I)  # "called the French Revolution"
        rest = clause.replace(title, " ") if title else clause
        module_named = mentions("module", rest, known)
        strongly = bool(module_named) and (
            module_named[0][0] >= 1.8 or (module_named[0][0] >= NAMED_CLEARLY and re.search(r"\bunder\b", rest, re.I))
        )
        in_module = _maybe("module", rest, known) if strongly or re.search(r"\bmodule\b", rest, re.I) else None
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
            ToolCall(name, {"topic": _pick("topic", head, known).title, "module": _pick("module", tail, known).title})
        ]
    if name in ("complete_goal_task", "reopen_goal_task"):
        # The verb marking it done is not the task's name: "finished the task" names no "Finish ..." task.
        task = _pick("task", _TASK_STATUS_WORDS.sub(" ", clause), known)
        return [ToolCall(name, {"task": task.title})]
    if name == "date_goal_task":
        due = _date_arg(clause, ctx)
        return [ToolCall(name, {"task": _pick("task", clause, known).title, "due_date": due})] if due else []
    if name == "add_goal_task":
        destination = re.sub(r"^.*?\b(?:to|for)\s+", "", clause) if " to " in clause else clause
        goal = _pick("goal", re.split(r":\s", destination, maxsplit=1)[0], known)  # "<goal>: <the task>"
        title = _new_title(clause) or _new_title(
            clause, after=r"\b(?:add\s+(?:a\s+)?(?:task\s+)?)(.+?)(?=\s+(?:to|for)\s+(?:my|the)\b|\s+by\s+|$)"
        )
        if not _QUOTED.search(clause) and (
            m := re.search(
                r"\badd\s+(?:a\s+)?(?:new\s+)?task\s+(?!(?:to|for|under|in)\s)(.+?)(?=\s+(?:to|for|under|in)\s+(?:my\s+|the\s+)?(?:\w+\s+)?goal\b|\s+by\s+|$)",
                clause,
                re.I,
            )
        ):
            title = squash(m.group(1))
        title = re.sub(
            r"\s*,?\s+(?:by|until|till|due(?:\s+(?:by|on))?)\s+.*$", "", title
        )  # "X, due thursday": the date is apart
        args = {"goal": goal.title, "title": title}
        if (m := re.search(r"\b(?:by|until|till|due)\s+(.+)$", clause, re.I)) and (due := _date_arg(m.group(1), ctx)):
            args["due_date"] = due
        elif (m := _TASK_DAY.search(title)) and (due := _date_arg(m.group(0), ctx)):
            args["title"], args["due_date"] = title[: m.start()], due  # "go to office hours on friday"
        return [ToolCall(name, args)] if title else []
    if name == "update_goal":
        goal = _pick("goal", clause, known)
        args = {"goal": goal.title}
        if re.search(r"\b(?:gave\s+up|give\s+up|abandon|quit|drop)", clause, re.I):
            args["status"] = "ABANDONED"
        elif re.search(r"\b(?:done|complete|completed|achieved|passed|finished)\b", clause, re.I):
            args["status"] = "COMPLETED"
        elif re.search(r"\bin\s+progress\b|\b(?:as|to)\s+(?:active|started)\b", clause, re.I):
            args["status"] = "IN_PROGRESS"
        elif due := _date_arg(clause, ctx):
            args["target_date"] = due
        if m := _PRIORITY.search(clause):
            args["priority"] = (m.group(1) or m.group(2)).upper().replace("TOP", "HIGH")
        if m := _NEW_NAME.search(clause):
            args = {"goal": goal.title, "title": squash(m.group(1) or m.group(2))}  # a new name: nothing else
        return [ToolCall(name, args)] if len(args) > 1 else []
    if name == "update_course" and (level := difficulty_of(clause)):
        rest = re.sub(r"\b(?:beginners?|introductory|intermediate|advanced)\b", " ", clause, flags=re.I)
        return [ToolCall(name, {"course": _pick("course", rest, known).title, "difficulty": level.upper()})]
    if name == "update_course" and (described := _DESCRIPTION.search(clause)):
        course = _pick("course", clause[: described.start(1)], known)
        return [ToolCall(name, {"course": course.title, "description": squash(described[1])})]
    if name == "update_course":
        course = _pick("course", clause, known)
        due = _date_arg(re.sub(r"^.*?\b(?:to|by)\s+", "", clause), ctx)
        return [ToolCall(name, {"course": course.title, "target_date": due})] if due else []
    if name == "tag_note":
        note = _pick("note", clause, known)
        if signed := re.findall(r"(?:^|\s)([+-])#?([a-z]\w*)\b", clause, re.I):  # "tags -orgo +final"
            signs = {"add": [t.lower() for sign, t in signed if sign == "+"]}
            signs["remove"] = [t.lower() for sign, t in signed if sign == "-"]
            return [ToolCall(name, {"note": note.title, **{k: v for k, v in signs.items() if v}})]
        changes = _tag_changes(clause, known)
        return [ToolCall(name, {"note": note.title, **changes})] if changes else []
    if name == "summarize_note":
        return [ToolCall(name, {"note": _pick("note", clause, known).title})]
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
            if re.search(r"\btoday\b", lowered) and not re.search(r"\b(?:week|month)\b", lowered)
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
        named = _maybe("course", clause, known)
        return [ToolCall(name, {"course": named.title} if named else {})]
    if name == "start_study_session":
        topics, courses = mentions("topic", clause, known), mentions("course", clause, known)
        if topics and (not courses or topics[0][0] >= courses[0][0]):
            return [ToolCall(name, {"topic": _pick("topic", clause, known).title})]
        if courses:
            return [ToolCall(name, {"course": _pick("course", clause, known).title})]
        return [ToolCall(name, {})]
    if name == "list_due_cards" and (
        m := re.search(
            r"\b(?:next|first|top)?\s*(\d{1,2})\s+(?:(?:of\s+)?(?:my|the)\s+)?(?:due\s+)?(?:flash\s*)?cards\b|"
            r"\b(?:next|first|top|max|only|just|like|about)\s+(\d{1,2})\b"
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
        topic = _maybe("topic", clause, known)
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
        fact = _free_text(fact)
        return [ToolCall(name, {"fact": fact})] if fact else []
    if name == "forget_fact":
        fact = re.sub(r"^.*?\bforget(?:\s+(?:that|about|what\s+i\s+said\s+about))?\s*", "", clause, count=1, flags=re.I)
        fact = _THING_ABOUT.sub("", fact)
        fact, now_true = (fact[: m.start()], m["fact"]) if (m := _NOW_TRUE.search(fact)) else (fact, "")
        fact = _free_text(fact)
        new = [ToolCall("remember_fact", {"fact": _free_text(now_true)})] if now_true else []
        return [ToolCall(name, {"fact": fact}), *new] if fact else []
    if name == "create_note":
        content = re.sub(r"^.*?\bnote(?:\s+to\s+self)?\s*[:\u2013-]\s*", "", clause, count=1, flags=re.I)
        return [ToolCall(name, {"title": capitalize(" ".join(content.split()[:6])), "content": squash(content)})]
    if name == "search_notes" and (m := _NOTES_ON.search(clause)):
        return [ToolCall(name, {"query": _free_text(m.group(1))})]
    rewrites = {
        "create_schedule_block": "schedule ",
        "search_notes": "search my notes for ",
        "create_goal": "set a goal to ",
        "move_schedule_block": "",
        "cancel_schedule_block": "",
    }
    if name in rewrites:
        matcher = RULE_FOR[name]
        found = [c for c in matcher(clause, ctx) or [] if c.name == name]
        found = found or [c for c in matcher(rewrites[name] + clause, ctx) or [] if c.name == name]
        if not found and name == "move_schedule_block":
            return _move_read(clause, ctx, known)
        if not found and name == "cancel_schedule_block":
            block = _pick("block", clause, known)
            day = _date_arg(clause, ctx) if re.search(r"\d|day|tonight|tomorrow|next|this", clause, re.I) else None
            return [ToolCall(name, {"block": block.title, **({"occurrence_date": day} if day else {})})]
        return found or (_new_goal(clause, ctx) if name == "create_goal" else [])
    return []


# A day said at the end of a new task's title is when it is due.
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
    r"\b(?:only|just|like|about|around)\s+(\d{1,2})\b(?!\s*(?:am|pm|:|minutes?|mins?|hours?|days?|weeks?|%))",
    re.I,
)


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
        args[kind] = _pick(kind, clause, known).title
    elif name == "make_flashcards":
        raise Clarify("Which course, topic or note should I make the cards from?")
    elif re.search(r"\b(?:on|from|about|using|with)\s+(?:all\s+)?(?:my|the)\s+notes\b", clause, re.I):
        raise Clarify("Which note should I use?")  # "quiz me on my notes": the learner has many
    if name == "make_flashcards" and (many := _CARD_COUNT.search(clause)):
        args["max_cards"] = min(int(next(g for g in many.groups() if g)), 50)
    return [ToolCall(name, args)]


def _refine(call: ToolCall, ctx: Context) -> ToolCall:
    """A goal title ending in a deadline the rules did not read ('... by april') -> the title and the date."""
    title = call.arguments.get("title", "")
    if call.name == "create_goal" and (m := re.match(r"(?:new\s+)?goal\s*[-:\u2013]\s*", title, re.I)):
        title = capitalize(title[m.end() :])
        call = ToolCall(call.name, {**call.arguments, "title": title})
    if (
        call.name == "create_goal"
        and "target_date" not in call.arguments
        and (m := re.search(r"\s+(?:by|before|in)\s+(.+)$", title, re.I))
        and (due := _date_arg(m.group(0), ctx))
    ):
        return ToolCall(call.name, {**call.arguments, "title": squash(title[: m.start()]), "target_date": due})
    return call


# "new lin alg note, call it X - ...": a new note of a subject, said before the word note.
_NEW_SUBJECT_NOTE = re.compile(
    r"new\s+(?P<subject>(?:[\w&+-]+\s+){1,3}?)note\b(?=\s*[,:]?\s*(?:called|named|titled|call\s+it|title))", re.I
)
_NOTE_TITLED = re.compile(
    r"\bnote\b[^:]*?(?:\b(?:called|named|titled|(?:title|name|call)\s+it|title)\s+|\s[\"'\u2018\u201c])([^:,\"'\u2019\u201d\u2014\u2013]{2,60}?)[\"'\u2019\u201d]?\s*(?:(?::|\s[\u2014\u2013]|\s-\s)\s*(.+)|,|$)",
    re.I,
)
_SUBJECTS = (
    "biology|bio|chemistry|chem|physics|phys|maths?|calculus|calc|algebra|geometry|statistics|stats|history|"
    "economics|econ|psychology|psych|sociology|philosophy|english|literature|lit|geography|anatomy|physiology|"
    "spanish|french|german|italian|latin|chinese|mandarin|japanese|computer\\s+science|cs|programming|law|art|music"
)
# A note title's trailing "for biology", "for my bio class": what the note is for, not its name.
_FOR_SUBJECT = re.compile(
    rf"\s+(?:for|in)\s+(?:my\s+|the\s+)?((?:[\w-]+\s+)?(?:class|course)|(?:{_SUBJECTS}))\W*$", re.I
)
_BARE_DONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|right)\W+)*(?:i\s+(?:am\s+|'m\s+|m\s+)?|i'm\s+)?(?:all\s+)?"
    r"(?:finish|finished|done|completed?)\W*(?:for\s+(?:now|today|the\s+day))?\W*$",
    re.I,
)
# A clause that only says when the request before it starts: "Start from tomorrow.", "starting next monday".
_STARTS_FROM = re.compile(
    r"^\W*(?:(?:and|please|pls|oh)\W+)*(?:start(?:ing|s)?|begin(?:ning|s)?)\s+(?:from\s+|on\s+)?(?P<when>(?:\S+\s*){1,3}?)\W*$",
    re.I,
)


def _first_day(clause: str, ctx: Context) -> date | None:
    """The day a "start from X" clause names, when that is all it says."""
    if not (m := _STARTS_FROM.match(clause)):
        return None
    if re.fullmatch(r"(?:the\s+)?next\s+(?:week|month)", m["when"].strip(), re.I):
        return parse_window(m["when"], ctx.today)[0]  # "starting next week": its first day
    return any_date(m["when"], ctx.today)


def _starting_on(calls: list[ToolCall], day: date) -> list[ToolCall]:
    """The calls with the last new recurring block's first occurrence on ``day`` (its clock kept)."""
    for index in range(len(calls) - 1, -1, -1):
        call = calls[index]
        start = call.arguments.get("start")
        if call.name == "create_schedule_block" and isinstance(start, str) and "recurrence_rule" in call.arguments:
            moved = ToolCall(call.name, {**call.arguments, "start": f"{day:%Y-%m-%d}{start[10:]}"})
            return [*calls[:index], moved, *calls[index + 1 :]]
    return calls


_MODIFIER = re.compile(
    r"^\W*(?:and\s+)?make\s+(?:it|them)\s+(?:really\s+|extra\s+|super\s+)?"
    r"(?:hard|harder|easy|easier|tough|quick|short|challenging|difficult)\W*$",
    re.I,
)
_OCCURRENCE = re.compile(
    rf"\b(tonight|today|tomorrow|{WD}|{DATE_PHRASE}|the\s+\d{{1,2}}(?:st|nd|rd|th)(?!\s+(?:of\s+)?next\b))(?:'s|s)?\b",
    re.I,
)


# Tools creating an object whose title the learner names ("called X", 'X' in quotes).
CREATES = frozenset(
    {"create_note", "create_schedule_block", "add_goal_task", "create_goal", "add_topic", "add_module", "create_course"}
)
# Where a named title stops: punctuation, the content, a date or time, a count, the item it goes into.
_TITLE_END = (
    r"(?=\s*[,;:!?](?:\s|$)|\.(?:\s|$)|\s*$|\s+[-\u2013\u2014]+\s|\s+(?:that\s+(?:just\s+)?says|saying|says|w(?:ith|/)?\s+(?:the\s+)?content|"
    r"(?:content|body)\b|(?:no\s+)?wait\b|actually\b|i\s+mean\b|or\s+rather\b|scratch\s+that\b|(?:call|name|title)\s+it\b|"
    r"and\s+(?:in\s+it|inside|put|write|(?:the\s+)?(?:content|body|text)\b)|with\s+(?:\w+\s+)?(?:tasks?|modules?|topics?|steps?|content|reminders?)|due|by|until|till|"
    r"with\s+(?:an?\s+|the\s+)?(?:target|due|end|finish)\s+date|with\s+(?:an?\s+)?deadline|"
    r"before|every|each|daily|weekly|"
    rf"(?:on|this|next)\s+(?:{WD})|on\s+the\s+\d|at\s+\d|from\s+\d|starting|tomorrow|today|tonight|"
    r"this\s+(?:week|weekend|morning|evening|afternoon)|next\s+week|for\s+(?:an?|\d|one|two|three|half|my)\b|"
    r"(?:in|to|under|into)\s+(?:my|the)\b|under\b))"
)
_NAMED = re.compile(
    rf"\b(?:called|named|titled|(?:call(?:ed)?|title|name)\s+it|call(?=\s+[\"'\u201c\u2018])|(?:the\s+)?(?:title|name)(?=\s*(?:is|=|:|should\s+be|will\s+be)\s)|title)"
    r"(?:\s*(?:is|=|:|should\s+be|will\s+be)(?=\s))?\s+(?!it\b|that\b|this\b)"
    rf"(?:[\"\u201c\u2018]([^\"\u201d\u2019]+)[\"\u201d\u2019]|'([^']+)'|(.+?){_TITLE_END})",
    re.I,
)
_CONTENT = re.compile(
    r"(?:\bthat\s+(?:just\s+)?says|\bsaying|\bsays|\bw(?:ith|/)?\s+(?:the\s+)?content\s*:?|\bwith\s*:|"
    r"\band\s+(?:in\s+it|inside)\s+(?:put|write|say)|"
    r"\b(?:the\s+)?(?:body|content|text)\s*(?::|=|\bis\b)(?:\s+basically\b)?|^\W*(?:body|content)\b\s*[:=]?|"
    r"^\W*(?:(?:for|in|to|under)\s+(?:my\s+|the\s+)?[^:]{1,40}?\s*)?(?::|[-\u2013\u2014]\s))\s*(.+)$",
    re.I,
)
# A note content's last sentence that only says its course: "... = tuve. for the spanish course".
_COURSE_SENTENCE = re.compile(
    r"[.;]\s*(?:(?:it'?s|this\s+is)\s+)?(?:for|in|under)\s+(?:my\s+|the\s+)?[\w\s]{1,30}?\s+(?:course|class)\W*$", re.I
)
_DESTINATION = re.compile(r"\s+(?:to|in|into|under|for)\s+(?:my\s+|the\s+)?(.+)$", re.I)


# "note for orgo, title X, body: Y": a note's fields named one by one ask for a new note.
_NOTE_WITH_FIELDS = re.compile(
    r"note\s+(?:for|in|to|under|on)\s+[^,:]{1,40}[,:]\s*(?:titled|called|named|title|name)\b.*\b(?:body|content)\b",
    re.I,
)
# A self-correction: the naming after it replaces the one before ("call it A, no wait, call it B").
_SELF_CORRECTION = re.compile(r"\b(?:no\s+wait|wait\s+no|actually|i\s+mean|or\s+rather|scratch\s+that)\b", re.I)


def _last_naming(clause: str) -> re.Match[str] | None:
    """The naming of a new object: the first, or the last when a self-correction comes between them."""
    namings = list(_NAMED.finditer(clause))
    if len(namings) > 1 and _SELF_CORRECTION.search(clause, namings[0].start(), namings[-1].start()):
        return namings[-1]
    return namings[0] if namings else None


def _named_title(clause: str, known: Known, *, subject: bool = False) -> str:
    """The title the learner gives a new object: after called/named/titled, else the one quoted name that is new."""
    if m := _last_naming(clause):
        title = squash(next(g for g in m.groups() if g))
        if subject:
            title = re.sub(r"^the\s+(?=\w)", "", title, flags=re.I)  # "a topic called the French Revolution"
        if (cut := _DESTINATION.search(title)) and _names_item(cut.group(1), known):
            title = squash(title[: cut.start()])  # "called Organometallics to orgo chem": the course it goes into
        return title
    quoted = [q for m in _QUOTED.finditer(clause) if 2 <= len(q := _quoted_text(m)) <= 80]
    new = [q for q in quoted if not any(item.title.casefold() == q.casefold() for item in known.items)]
    return squash(new[0]) if len(new) == 1 else ""


def _names_item(text: str, known: Known) -> bool:
    """Whether ``text`` names one of the learner's courses, modules or goals."""
    for kind in ("course", "module", "goal"):
        try:
            if _maybe(kind, text, known):
                return True
        except Clarify:
            return True
    return False


def _own_title(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A created object's title as the learner named it, and a note's content after it ("called T that says C")."""
    subject = call.name in ("add_topic", "add_module", "create_course")
    if call.name not in CREATES or not (title := _named_title(clause, known, subject=subject)):
        return call
    args = dict(call.arguments)
    key = "title"
    args[key] = capitalize(title) if call.name in ("create_goal", "add_goal_task") else title
    if call.name == "create_note":
        after = clause[clause.find(title) + len(title) :]
        if m := _CONTENT.search(after):
            content = re.split(r"\?\s|\?$|\.\s+(?:thanks?|thank\s+you|please)\b", m.group(1), maxsplit=1, flags=re.I)[0]
            args["content"] = squash(_COURSE_SENTENCE.sub("", content))
        if "course" not in args:
            try:
                course = _maybe("course", clause.replace(title, " "), known)
            except Clarify:
                course = None
            if course:
                args["course"] = course.title
    return ToolCall(call.name, args)


def _note_subject(call: ToolCall, known: Known) -> ToolCall:
    """A note title's trailing subject is what the note is for ("called Photosynthesis summary for biology"): the
    course when the learner has it, never part of the title."""
    title = call.arguments.get("title")
    if call.name != "create_note" or not isinstance(title, str) or not (m := _FOR_SUBJECT.search(title)):
        return call
    args = {**call.arguments, "title": title[: m.start()]}
    try:
        course = None if "course" in args else _maybe("course", m.group(1), known)
    except Clarify:
        course = None
    return ToolCall(call.name, {**args, "course": course.title} if course else args)


# A move's new length said beside its new time: "to 4:30 and make it 2 hours", "at 11 instead n only 45 mins".
_LENGTH_TOO = re.compile(
    r"(?:\s+(?:and|n|&|but|plus)|\s*,)\s+(?:(?:make\s+it|only|just|for|it'?s|keep\s+it)\s+)*"
    r"(?P<length>an?\s+hour\s+and\s+a\s+half|half\s+an\s+hour|an?\s+hour|\d+(?:\.\d+)?\s*(?:minutes?|mins?|hours?|hrs?|h)\b)",
    re.I,
)


def _in_clause(call: ToolCall, clause: str, ctx: Context, known: Known) -> ToolCall:
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
        args["query"] = _free_text(about.group(1) if about else query) or query
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
            re.sub(r"\s+(?:stuff|things|etc)$", "", vague, flags=re.I) or args["query"]
        )  # "subjunctive stuff"
        args["query"] = re.sub(r"^(?:the|an?)\s+(?=\w)", "", args["query"], flags=re.I)  # "the french revolution"
    if call.name == "create_note" and (m := _NOTE_TITLED.search(clause)):
        args["title"] = capitalize(squash(m.group(1)))
        if m.group(2):
            args["content"] = squash(m.group(2))
        if "course" not in args and (course := _maybe("course", clause[: m.start()], known)):
            args["course"] = course.title
    if call.name in ("cancel_schedule_block", "move_schedule_block") and "occurrence_date" not in args:
        head = re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[0]
        m = _OCCURRENCE.search(head)
        whole = re.search(r"\b(?:every|all|series|whole)\b", head, re.I)
        if m and not whole and (day := _date_arg(m.group(1), ctx)):
            args["occurrence_date"] = day
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
        args["title"] = _block_title(title, known) or title
    if call.name == "move_schedule_block" and "duration_minutes" not in args and (more := _LENGTH_TOO.search(clause)):
        args["duration_minutes"] = parse_duration(more["length"]) or args.get("duration_minutes")
    if call.name == "move_schedule_block" and isinstance(args.get("start"), str):
        start = args["start"]
        args["start"] = _afternoon_like(_moved_start(args, clause, ctx, known), args, clause, known)
        if args["start"] != start and args.get("occurrence_date") == start[:10] and args["start"][:10] > start[:10]:
            args["occurrence_date"] = args["start"][:10]  # a day already gone: the next one's occurrence moves
    start = args.get("start")
    if (
        call.name == "move_schedule_block"
        and isinstance(start, str)
        and re.search(r"\b(?:tonight|evening)\b", clause, re.I)
    ):
        target = re.split(r"\s+(?:to|until|till)\s+", clause, maxsplit=1)[-1]
        hour = int(start[11:13]) if len(start) >= 16 else 0
        if 1 <= hour < 12 and not re.search(r"\bam\b|\bmorning\b", target, re.I):  # "tonight ... to 8" is 20:00
            args["start"] = f"{start[:11]}{hour + 12:02d}{start[13:]}"
    return ToolCall(call.name, args)


# What a new block's title keeps of the request around it: greetings, "I want to", the verb, "a study block for".
_BLOCK_SCAFFOLD = re.compile(
    r"^(?:(?:hey|yo|ok(?:ay)?|so|um+|uh+|please|pls|plz|can\s+(?:you|u)|could\s+(?:you|u)|"
    r"i\s*(?:want|wanna|need|would\s+(?:like|love)|'d\s+(?:like|love))(?:\s+to)?|let'?s)\b\W*)+",
    re.I,
)
_BLOCK_VERB = re.compile(
    r"^(?:make|add|create|put(?:\s+in)?|set\s+aside|set\s+up|set(?=\s+(?:me|us|an?)\b)|block(?:\s+(?:off|out))?|book|schedule|pencil\s+in|reserve)\b"
    r"(?:\s+(?:me|us)\b(?!\s+(?:to|for)\b))?\s*",
    re.I,
)
_BLOCK_NOUN = re.compile(
    r"^(?:(?:an?|some|one)\s+)?(?:(?:study|revision|review|focus)\s+)?(?:block|session|slot|time)\s+(?:for|of)\s+|"
    r"^(?:off|out|for|some|of)\s+",
    re.I,
)
_BLOCK_TAIL = re.compile(
    r"\s+(?:on|in|to|into)\s+(?:my|the)\s+(?:calendar|schedule|planner|agenda)\b.*$|\s+(?:in|on)\s+the\s+\d.*$|\s*,.*$|"
    r"\s*[.?!]+(?:\s.*)?$",  # a sentence's end: "... at 14:00? I would like a reminder": the title ended there
    re.I,
)


_GENERIC_BLOCK = re.compile(
    r"^(?:(?:an?|the|some|one|my)(?:\s+|$))?(?:(?:study|focus)(?:\s+(?:block|session|slot|time))?|block|session|slot|time)?$",
    re.I,
)


def _block_title(title: str, known: Known) -> str:
    """A new block's title without the request around it; a title that only names a course is "<it> study"."""
    cleaned = _BLOCK_TAIL.sub("", re.sub(r"^[\W_]+", "", title))  # ", of spanish vocab": a time and length went first
    for pattern in (_BLOCK_SCAFFOLD, _BLOCK_VERB, _BLOCK_NOUN, _BLOCK_NOUN):
        cleaned = pattern.sub("", cleaned, count=1).strip()
    cleaned = without_light_verb(cleaned)
    cleaned = re.sub(r"^(?:to\s+)?(?:study|learn)\s+(?=\w)", "", cleaned, flags=re.I)  # "I want (to) study spanish"
    cleaned = re.sub(r"[^\w)]+$", "", cleaned)  # a trailing emoji or symbol
    # "reading slot for my 12 books goal": what the block is for is its link (goal, course), not its title
    cleaned = re.sub(
        r"\s+(?:for|under|towards?|in|as\s+part\s+of)\s+(?:my|the|our)\s+(?:\S+\s+){1,5}?(?:goal|course|class)$",
        "",
        cleaned,
        flags=re.I,
    )
    cleaned = re.sub(r"\s+(?:for|on|at|by|from)$", "", cleaned, flags=re.I)  # "reading block for <friday>"
    cleaned = re.sub(r"(?<=\w)\s+(?:block|slot)$", "", cleaned, flags=re.I)  # "World History study block"
    split = re.match(r"^(.*?)\s*\bfor\s+(?:some\s+)?(.+)$", cleaned, re.I)
    if split and len(split.group(1).split()) <= 4 and not _referent(split.group(1), known):
        cleaned = split.group(2)  # "carve out time for lin alg": the verb said before "for" is not the subject
    if not cleaned:
        return ""
    if _GENERIC_BLOCK.match(cleaned):
        return GENERIC_TITLE  # "book a study session thursday at 5pm": no subject said
    cleaned = re.sub(r"^an?\s+(?=\w)", "", cleaned, flags=re.I)  # "a chem lab session"
    named = mentions("course", cleaned, known)
    every_word = named and all(score(named[0][1].title, word) > 0 for word in tokens(cleaned))
    if every_word and not re.search(r"\bstudy\b", cleaned, re.I):
        cleaned = f"{cleaned} study"  # "2 hrs for orgo" -> "orgo study"
    return capitalize(cleaned)


def _move_read(clause: str, ctx: Context, known: Known) -> list[ToolCall]:
    """A change to a block the rules could not read ("could X tomorrow start at noon", "make X 30 min"): the block
    the clause names, a new length when a duration is said without a clock time, else the day and time said."""
    block = _pick("block", clause, known)
    rest = " ".join(w for w in clause.split() if not any(_word_score(t, w.lower()) >= 0.9 for t in tokens(block.title)))
    args: dict[str, Any] = {"block": block.title}
    at, duration = parse_time(rest), parse_duration(rest)
    if duration and not at:
        args["duration_minutes"] = duration
    elif at:
        day = any_date(rest, ctx.today) or ctx.today
        args["start"] = f"{day.isoformat()}T{at[0]:02d}:{at[1]:02d}"
    return [ToolCall("move_schedule_block", args)] if len(args) > 1 else []


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
    elif (occurrence := args.get("occurrence_date")) and not _date_arg(target, ctx):
        start = f"{occurrence}{start[10:]}"  # "this thursday's review to 8pm"
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


def _new_goal(clause: str, ctx: Context) -> list[ToolCall]:
    """'goal - X by <date>', 'new goal X'."""
    m = re.search(r"\bgoal\b\s*(?:is\s+to|to)?\s*[:\u2013-]?\s*(.+)$", clause, re.I)
    if not m:
        return []
    return [ToolCall("create_goal", {"title": capitalize(squash(m.group(1)))})]


def _session_subject_args(arguments: dict[str, Any], known: Known) -> dict[str, Any]:
    """A timer's subject as the learner's course or topic it names best, or both when it names a topic of a course
    ("spanish subjunctive"); a subject naming neither stays as said."""
    said = " ".join(str(arguments[k]) for k in ("topic", "course") if isinstance(arguments.get(k), str))
    if not said:
        return dict(arguments)
    topics, courses = mentions("topic", said, known), mentions("course", said, known)
    topics = [(value, item) for value, item in topics if resolve("topic", said, known).item == item]
    courses = [(value, item) for value, item in courses if resolve("course", said, known).item == item]
    if topics and courses:
        (topic_value, topic), (course_value, course) = topics[0], courses[0]
        if topic.parent == course.title and score(topic.title, course.title) < STRONG:
            return {"course": course.title, "topic": topic.title}
        return {"topic": topic.title} if topic_value > course_value else {"course": course.title}
    if topics:
        return {"topic": topics[0][1].title}
    if courses:
        return {"course": courses[0][1].title}
    return dict(arguments)


def _resolve_calls(calls: list[ToolCall], known: Known, clause: str = "") -> list[ToolCall]:
    """Replace each loose reference in the rules' calls by the learner's exact title (ask when several fit).

    A value that names nothing of the learner's (a rule read the wrong words: "summarize X for me" -> "me")
    is looked for in the whole clause instead; a course that is really a topic becomes the topic.
    """
    out = []
    for call in calls:
        args = (
            _session_subject_args(call.arguments, known) if call.name == "start_study_session" else dict(call.arguments)
        )
        for kind, slot in SLOTS.items():
            value = args.get(slot)
            if isinstance(value, str) and call.name in READ_ONLY and GENERIC_NAME.fullmatch(value.strip()):
                del args[slot]  # "resources for my courses": a read over all of them, nothing to ask
                continue
            if isinstance(value, str) and PRONOUN.fullmatch(value.strip()) and clause:
                try:  # "linear algebra is harder than I thought, bump it to advanced": "it" is what the clause named
                    named = _maybe(kind, PRONOUN.sub(" ", clause), known)
                except Clarify:
                    named = None
                if named:
                    args[slot] = value = named.title
                    continue
            if isinstance(value, str) and (PRONOUN.fullmatch(value.strip()) or GENERIC_NAME.fullmatch(value.strip())):
                raise Clarify(_which(kind, known))
            if isinstance(value, str) and (same := known.find(kind, value)):
                args[slot] = same.title  # "krebs cycle" is “Krebs cycle”
            elif isinstance(value, str) and value and known.of(kind):
                found = resolve(kind, value, known)
                if not (found.item or found.candidates) and clause:
                    found = resolve(kind, clause, known)
                if found.item:
                    args[slot] = found.item.title
                elif found.candidates:
                    raise Clarify(_which(kind, known, found.candidates))
        out.append(ToolCall(call.name, args))
    return out


# An item named with its kind after a preposition: "in the Pottery course", "to my Kites module".
_LABELLED = re.compile(
    r"\b(?:in|on|for|to|from|into|of)\s+(?:my|the|our|this)?\s*(?P<name>[\w'&+.-]+(?:\s+[\w'&+.-]+){0,3}?)\s+"
    r"(?P<kind>course|module|goal|block)\b",
    re.I,
)


_DETERMINERS = frozenset({"the", "my", "a", "an", "this", "that", "our", "your", "its", "their"})


def _ask_if_labelled_name_is_missing(calls: list[ToolCall], clause: str, known: Known) -> None:
    """Ask when a call acts on existing items and the clause names one by its kind that the learner does not have.

    "complete Eigenvalues in the Pottery course" must not complete the Eigenvalues of another course. A
    ``create_*`` call is left alone: what it links to is optional.
    """
    if not calls or any(call.name.startswith("create_") for call in calls):
        return
    for match in _LABELLED.finditer(clause):
        kind = match["kind"].lower()
        # the words after the last preposition or determiner: "on my plate in the Calculus" -> "Calculus"
        name = re.split(r"\b(?:in|on|for|to|from|into|of|the|my|our|this|that|a|an)\s+", match["name"], flags=re.I)[
            -1
        ].strip()
        if re.fullmatch(r"(?:next|other|same|new|last|first|previous|current|whole|right|wrong)", name, re.I):
            continue  # "on to the next module" names no module
        if not name or name.lower() in _DETERMINERS or not known.of(kind) or GENERIC_NAME.fullmatch(name):
            continue
        if PRONOUN.fullmatch(name):
            continue
        found = resolve(kind, name, known)
        if not (found.item or found.candidates):
            yours = ", ".join(f"“{item.title}”" for item in known.of(kind)[:5])
            raise Clarify(f"You have no {kind} called “{name}”. Yours are: {yours}.")


def _resolves(call: ToolCall, known: Known, made: str = "") -> bool:
    """Whether every reference of a call names something of the learner's (when they have items of that kind), or
    the course this message made (``made``)."""
    for kind, slot in SLOTS.items():
        value = call.arguments.get(slot)
        if isinstance(value, str) and value and known.of(kind) and not (kind == "course" and value == made):
            found = resolve(kind, value, known)
            if not (found.item or found.candidates):
                return False
    return True


def _clause_calls(clause: str, ctx: Context, known: Known, *, rule_text: str, quoted: list[str]) -> list[ToolCall]:
    """The calls of a clause, without a completion it denies ("X isn't actually finished")."""
    found = _clause_calls_read(clause, ctx, known, rule_text=rule_text, quoted=quoted)
    _ask_if_labelled_name_is_missing(found, clause, known)
    if _DENIED_COMPLETION.search(clause):
        found = [call for call in found if call.name not in ("complete_topic", "complete_goal_task")]
    return found


_FINDS = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?(?:please\s+)?(?:find|search|look\s+(?:up|for)|pull\s+up|locate)\b", re.I
)


def _clause_calls_read(clause: str, ctx: Context, known: Known, *, rule_text: str, quoted: list[str]) -> list[ToolCall]:
    """The calls of one clause: the rules' (read on ``rule_text``, quoted names as placeholders) or the classifier's."""
    masked = _mask(clause, known)
    guess = _family(clause, masked, classifier.classify(masked), known)
    rules = [ToolCall(c.name, restore_quotes(c.arguments, quoted)) for c in _rules(rule_text, ctx)]
    if not all(_resolves(call, known, ctx.last_course or "") for call in rules) and guess.name not in {
        c.name for c in rules
    }:
        rules = []  # a rule read a name the learner has nothing called: the classifier decides
    if guess.name == "create_note" and _FINDS.match(clause) and any(c.name == "search_notes" for c in rules):
        return rules  # "find my note about X": a search, never a new note
    confident = guess.share >= SHARE and guess.similarity >= SIMILARITY
    strong = guess.share >= OVERRIDE and guess.similarity >= OVERRIDE_SIMILARITY
    timeless = not rules or all(call.name in TIMELESS for call in rules)
    unverbed = (  # a move or cancel nobody asked for, of no block named by its whole title
        guess.name in BLOCK_VERBS
        and not _CHANGES_BLOCK.search(_RANGE_TO.sub(" ", clause))  # "from 8 to 9pm" is a range, not a move "to"
        and not _whole_block(clause, known)
    )
    if (
        timeless
        and (
            guess.name in TIMELESS
            or not confident
            or unverbed
            or (guess.name == "list_schedule" and _PLACES.match(clause))
        )
        and (
            len(clause.split()) <= SUBJECT_AND_TIME or (_RECURRING_REQUEST.search(clause) and form(clause) == "request")
        )
        and not _ACTS_ON_EXISTING.search(clause)
        and re.search(r"\d", clause)
        and parse_time(clause)
    ):
        guess, confident, strong = classifier.Intent("create_schedule_block", 1.0, 1.0), True, True  # subject + time
    if confident and any(not c.arguments and c.name not in NO_ARGUMENTS for c in rules):
        strong = True  # a rule that read a bare intent ('stats' -> progress) yields to a confident guess
    if rules and (guess.name in {c.name for c in rules} or not strong):
        if len(rules) == 1 and not rules[0].arguments and guess.name == rules[0].name and confident:
            try:  # the rule read the tool but none of its arguments: the learner's item the clause names
                fuller = [
                    c
                    for c in _extract(guess.name, clause, ctx, known)
                    if c.name == guess.name
                    and c.arguments
                    and all(  # named clearly, or loosely with its kind said ("the stats course")
                        score(str(v), clause) >= NAMED_CLEARLY
                        or (score(str(v), clause) >= STRONG and re.search(rf"\b{re.escape(k)}s?\b", clause, re.I))
                        for k, v in c.arguments.items()
                    )
                ]
            except Clarify:
                fuller = []
            if fuller:
                return [_refine(call, ctx) for call in fuller]
        return [_refine(call, ctx) for call in _resolve_calls(rules, known, clause)]
    if _CONTENT_QUESTION.match(clause) and guess.name not in READ_ONLY:
        return [call for call in _resolve_calls(rules, known, clause) if call.name in READ_ONLY]
    if guess.name == "chat" or not confident:
        return _resolve_calls(rules, known, clause)
    try:
        found = _extract(guess.name, clause, ctx, known)
    except Clarify:  # "delete the reactions topic from orgo": which topic, not the block "Orgo review"
        if not rules or any(_says_kind_of(guess.name, call.name, clause) for call in rules):
            raise
        found = []
    if rules and any(_barely_named(call, clause, known) for call in found):
        found = []  # overriding the rules needs the item named clearly: "set a goal" names no "Redo problem set 3"
    return (
        [_refine(call, ctx) for call in _resolve_calls(found, known, clause)]
        if found
        else _resolve_calls(rules, known, clause)
    )


def _says_kind_of(tool: str, other: str, clause: str) -> bool:
    """``tool`` acts on a kind of item the clause says by name ("the X topic"), ``other`` on another kind."""
    kind = NEEDS.get(tool)
    return bool(kind and NEEDS.get(other, kind) != kind and re.search(rf"\b{kind}s?\b", clause, re.I))


_CONTENT_QUESTION = re.compile(r"^\s*(?:what(?:'s|\s+is|\s+are)\s+(?:the|a|an)\b|why\b|who\b|explain\b|define\b)", re.I)
# Key words that name one intent whatever else the clause says (typo-tolerant): the keyword half of the
# classifier, for what a bag of word vectors cannot tell apart ("forget" sits next to "remember").
CUES: dict[str, str] = {
    "forget": "forget_fact",
    "clash": "find_schedule_conflicts",
    "clashing": "find_schedule_conflicts",
    "clashes": "find_schedule_conflicts",
    "overlap": "find_schedule_conflicts",
    "overlapping": "find_schedule_conflicts",
    "conflicts": "find_schedule_conflicts",
    "conflict": "find_schedule_conflicts",
    "untag": "tag_note",
    "uncheck": "reopen_goal_task",
    "unmark": "reopen_goal_task",
    "untick": "reopen_goal_task",
    "reopen": "reopen_goal_task",
    "recap": "summarize_activity",
    "fyi": "remember_fact",
    "facts": "list_facts",
}
# Phrases that name one intent.
PHRASE_CUES = (
    (  # cards to be made: "flashcards for the stats course", "make 20 cards on X"
        re.compile(
            r"^\W*(?:(?:ok|so|hey|please|pls)\W+)*(?:(?:can|could)\s+(?:you|u)\s+)?(?:(?:make|create|generate|build|write|"
            r"give\s+me|i\s+(?:need|want))\s+)?(?:me\s+)?(?:some\s+|a\s+few\s+|\d+\s+)?(?:new\s+)?flash\s*cards\s+"
            r"(?:for|on|from|about|of|covering)\b",
            re.I,
        ),
        "make_flashcards",
    ),
    (  # cards to go through: "start a review of my orgo cards", "review my stats flashcards"
        re.compile(
            r"\b(?:start|begin|do|run)\s+(?:a\s+|my\s+|the\s+)?(?:flash\s*card\s+|card\s+)?review\s+(?:of|on|for)\b|"
            r"\b(?:review|go\s+through|drill)\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:flash\s*)?cards\b",
            re.I,
        ),
        "start_review",
    ),
    (  # a timer is a study session: "time me", "start the timer", "clock me in"
        re.compile(
            r"\b(?:time\s+me|clock\s+me\s+in|(?:start|starting|begin|set|run|kick\s+off)\s+(?:the\s+|a\s+|my\s+)?(?:study\s+)?"
            r"(?:timer|clock|stopwatch))\b|^\W*(?:(?:ok|okay|so|and)\W+)?(?:the\s+|my\s+|study\s+)?(?:timer|stopwatch|clock)\s+"
            r"(?:on|going|running|started)\b",
            re.I,
        ),
        "start_study_session",
    ),
    (
        re.compile(
            r"\b(?:stop|end|pause|kill|finish)\s+(?:the\s+|my\s+)?(?:study\s+)?(?:timer|clock|stopwatch)\b|"
            r"\bclock\s+me\s+out\b",
            re.I,
        ),
        "stop_study_session",
    ),
    (  # where the learner is weak: asked with a question word or as "my weak spots"
        re.compile(
            r"\b(?:where|what|which\s+\w+)\s+(?:am\s+i|i'?m|im|do\s+i)\s+(?:\w+\s+)?(?:struggl\w*|weak(?:est)?|behind|"
            r"bad\s+at|worst\s+at|slipping|lagging|need\s+(?:more\s+)?work)\b|"
            r"\bmy\s+(?:weak(?:est)?|problem|trouble)\s+(?:spots?|areas?|points?|topics?)\b",
            re.I,
        ),
        "get_insights",
    ),
    (  # the day's plan asked as where to start or what to do right now
        re.compile(
            r"\b(?:where|what)\s+(?:do|should|shall)\s+i\s+(?:start|begin)\b|"
            r"\bwhat\s+(?:should|shall)\s+i\s+be\s+(?:doing|studying|working\s+on)\b|"
            r"\bwhat\s+(?:should|shall)\s+i\s+(?:do|study|work\s+on)\s+(?:now|rn|right\s+now|first)\b",
            re.I,
        ),
        "get_today",
    ),
    (  # "an overview of my study activity this month": a summary of what was done
        re.compile(
            r"\b(?:overview|summary|rundown|breakdown|report)\s+of\s+(?:my|all\s+my)\s+(?:study(?:ing)?\s+)?"
            r"(?:activity|sessions|studying|study\s+time|progress\s+(?:this|last)\s+(?:week|month))\b",
            re.I,
        ),
        "summarize_activity",
    ),
    (  # how a period went: "how did this week go", "how was my month"
        re.compile(
            r"\bhow\s+(?:did|was|has|have)\s+(?:my\s+|this\s+|last\s+|the\s+)(?:week|month|day)\b|"
            r"\bhow\s+(?:did|was)\s+today\b",
            re.I,
        ),
        "summarize_activity",
    ),
    (  # a fact to keep: "keep in mind (that) X"
        re.compile(r"^\W*(?:(?:pls|please|also|and)\s+)?(?:keep|bear)\s+in\s+mind\b", re.I),
        "remember_fact",
    ),
    (
        re.compile(
            r"\b(?:(?:did|have)\s+i\s+(?:\w+\s+)?(?:write|written|jot|jotted|note|noted|save|saved|put|keep|kept|leave|left|store|stored)|"
            r"i\s+(?:\w+\s+)?(?:wrote|jotted|noted|saved|stored))\b.*\b(?:about|on|re)\b",
            re.I,
        ),
        "search_notes",
    ),
    (re.compile(r"\bhow\s+(?:am\s+i|i'?m|im|i\s+am)\s+doing\b", re.I), "get_progress"),
    (
        re.compile(
            r"^(?!.*\b(?:today|tonight|tomorrow)\b).*(?:\bwhat\s+(?:should|shall)\s+i\s+|\bwhat\s+i\s+should\s+)"
            r"(?:study|do|work\s+on|focus\s+on|learn|review)\b",
            re.I,
        ),
        "get_insights",
    ),
    (
        re.compile(
            r"\b(?:saved|stored|know|remember(?:ed)?|kept|have)\s+(?:\w+\s+)?(?:about|on)\s+me\b|\bmy\s+(?:saved\s+)?facts\b",
            re.I,
        ),
        "list_facts",
    ),
    (
        re.compile(
            r"\b(?:what|how\s+much|how\s+long)\s+(?:did\s+i|(?:have\s+i|i'?ve|i\s+have)\s+(?:(?:actually|really|already)\s+)?"
            r"(?:done|studied|(?:got|gotten)\s+done|accomplished|achieved|covered|worked\s+on)|i\s+(?:did|studied))\b|"
            r"\bwhat'?ve\s+i\s+(?:done|studied|(?:got|gotten)\s+done|accomplished|achieved|covered)\b|"
            r"\bhow\s+(?:many\s+(?:hours|hrs|minutes|mins)|much\s+time)\s+(?:did|have|has)\s+i\s+(?:\w+\s+)?"
            r"(?:study|studied|spend|spent|put\s+in|log|logged|do|done|work|worked)\b|"
            r"^\W*(?:(?:ok(?:ay)?|so|and|also)\W+)*how\s+(?:many\s+hours|much)\s+(?:today|this\s+week|this\s+month|last\s+week)\W*$",
            re.I,
        ),
        "summarize_activity",
    ),
    (
        re.compile(
            r"\b(?:recommend|suggest)\w*\b.*\b(?:resources?|materials?|books?|videos?|readings?|links?|websites?|textbooks?|"
            r"articles?|podcasts?)\b|\b(?:resources?|materials?)\s+(?:for|on|about|to\s+learn)\b|"
            r"\b(?:good|useful|decent|best)\s+(?:stuff|things|books?|videos?|resources?|materials?|reads?|podcasts?)\s+"
            r"(?:to\s+(?:read|watch|listen\s+to|check\s+out)\s+)?(?:on|about|for)\b|"
            r"\b(?:recommend|suggest)\w*\s+(?:me\s+)?(?:some\s+|any\s+)?(?:stuff|things|something|anything)\s+"
            r"(?:to\s+(?:study|read|learn|watch|use|practi[cs]e)\b|(?:on|about|for)\b)",
            re.I,
        ),
        "recommend_resources",
    ),
    (
        re.compile(r"^(?:pls\s+|plz\s+|please\s+)?remember(?:\s+(?:that\s+)?(?:i|i'm|im|my|me)\b|\s*:)", re.I),
        "remember_fact",
    ),  # "remember that i ...", "please remember: X"
    (re.compile(r"\breview\s+(?:(?:my|the)\s+)?(?:\w+\s+){0,4}(?:flash\s*)?(?:cards|decks?)\b", re.I), "start_review"),
    (  # which cards wait: "what cards do I need to review", "which flashcards must I do now"
        re.compile(r"\b(?:what|which|how\s+many)\s+(?:flash\s*)?cards\b.*\b(?:review|study|do|go\s+through)\b", re.I),
        "list_due_cards",
    ),
    (  # "start reviewing my stats cards", "review time, orgo only": going through the cards one has
        re.compile(
            r"\b(?:start|begin|let'?s|time\s+to|go)\s+(?:reviewing|review|going\s+through|drilling)\s+(?:(?:my|the|our)\s+)?"
            r"(?:[\w-]+\s+){0,3}(?:flash\s*)?(?:cards|decks?)\b|^\W*(?:(?:ok|so|now|alright)\W+)?"
            rf"(?:review|revision|flash\s*cards?|cards?)\s+time\b{TERSE_END}",
            re.I,
        ),
        "start_review",
    ),
    (  # going through the cards one has: "run my stats cards", "start my cards for the spanish course"
        re.compile(
            r"^\W*(?:(?:ok|so|now|pls|please|let'?s)\s+)?(?:run|start|do|begin|open)\s+(?:my|the)\s+(?:[\w-]+\s+){0,3}"
            r"(?:flash\s*)?cards\b(?!\s+(?:from|on|about|out\s+of|based))",
            re.I,
        ),
        "start_review",
    ),
    (
        re.compile(
            r"^\W*(?:my\s+)?progress\b|"
            r"\b(?:what(?:'s|\s+is)|whats|show(?:\s+me)?|see|check|how(?:'s|\s+is))\s+(?:my|overall)\s+progress\b|"
            r"\bhow\s+(?:much|far)\b.*\b(?:done|complete[d]?|finished|progress(?:ed)?)\b",
            re.I,
        ),
        "get_progress",
    ),
)
# Phrases that name one intent, read on the masked clause (an item's title never triggers them).
MASKED_CUES = (
    (  # "the X task needs to be done in 2 weeks, put a due date": a date for the task, not its completion
        re.compile(
            r"\bthe\s+task\b.*(?:\b(?:put|set|give|add)\s+(?:it\s+)?(?:a|the)\s+(?:due\s+date|deadline)\b|"
            r"\b(?:needs|has|must|should)\s+(?:to\s+)?be\s+(?:done|finished|completed)\s+(?:in|by|before|within)\s)",
            re.I,
        ),
        "date_goal_task",
    ),
    (re.compile(r"\b(?:make|create|generate|turn|build)\b.*\b(?:(?:flash\s*)?cards?|deck)\b", re.I), "make_flashcards"),
    (re.compile(r"\b\d+\s+(?:flash\s*)?cards\s+(?:from|out\s+of|off|based\s+on)\b", re.I), "make_flashcards"),
    (
        re.compile(r"\b(?:show|list|see|what|which|how\s+many)\b.*\b(?:next\s+)?(?:\d+\s+)?(?:flash\s*)?cards\b", re.I),
        "list_due_cards",
    ),
    (re.compile(r"\b(?:flash\s*)?cards?\b.*\bdue\b|\bdue\b.*\b(?:flash\s*)?cards\b", re.I), "list_due_cards"),
    (
        re.compile(r"\b(?:review|go\s+through|drill\s+me\s+on)\b.*\b(?:flash\s*)?(?:cards|decks?)\b", re.I),
        "start_review",
    ),
    (re.compile(r"\b(?:quiz|test)\s+me\b|\bgive\s+me\s+a\s+quiz\b", re.I), "quiz_me"),
    (
        re.compile(
            r"\b(?:tl;?dr|summari[sz]e|summary|sum\s+up|condense|boil\s+down)\b.*\bthe\s+note\b|"
            r"\bthe\s+note\b.*\b(?:tl;?dr|summari[sz]e|summary|sum\s+up|condense|boil\s+down)\b|"
            r"\b(?:boil|sum)\s+the\s+note\s+(?:down|up)\b",  # "boil <the note> down"
            re.I,
        ),
        "summarize_note",
    ),
    (re.compile(r"\bstreak\b", re.I), "get_streak"),
    (re.compile(r"\b(?:study|my|shared)\s+spaces\b|\bshared\s+(?:with\s+me|courses?)\b", re.I), "list_shared_courses"),
    (re.compile(r"\b(?:to\s+)?do\s+today\b|\btoday'?s\s+(?:plan|agenda|list)\b|\bagenda\b", re.I), "get_today"),
    (  # "where do i even start", "what's first?": the day's plan, in order
        re.compile(
            r"\bwhere\s+(?:do|should|shall|can|would)\s+i\s+(?:even\s+)?(?:start|begin)\b|"
            r"\bwhat(?:'s|s|\s+is|\s+comes|\s+do\s+i\s+do|\s+should\s+i\s+do)\s+first\b",
            re.I,
        ),
        "get_today",
    ),
)
SESSION_VERBS = {
    "start_study_session": re.compile(
        r"\b(?:start|starting|begin|beginning|resume|kick\s+off)\b|\b(?:turn|switch|put)\s+(?:\w+\s+)?on\b|\b(?:timer|clock)\s+on\b",
        re.I,
    ),
    "stop_study_session": re.compile(
        r"\b(?:stop|stopping|end|ending|pause|finish|finished|done)\b|\b(?:turn|switch)\s+(?:\w+\s+)?off\b|\b(?:timer|clock)\s+off\b",
        re.I,
    ),
}
_REMOVAL = re.compile(
    r"\b(?:delete|remove|drop|get\s+rid\s+of|erase|trash|take\s+out|scrap|kill|nuke|ditch|axe|bin)\b", re.I
)
# A removal, move, rename or archive: what it acts on is never only inferred ("delete the books task" asks).
_DISPLACED = re.compile(rf"{_REMOVAL.pattern}|\b(?:cancel|move|reschedule|shift|push|rename|archive)\b", re.I)
_COMPLETION = re.compile(
    r"\b(?:tick|cross|check)(?:ed)?\b.*\boff\b|\b(?:done|finished|completed|wrapped\s+up|nailed)\b|[\u2705\u2714\u2611]|"
    r"\btick\s+(?:it|that|this|them|the\s+(?:topic|task))\b",
    re.I,
)
_TASK_STATUS_WORDS = re.compile(
    r"\b(?:finish(?:ed|ing)?|done|complete[d]?|wrapped\s+up|nailed|(?:tick|cross|check)(?:ed)?\s+(?:\w+\s+)?off|"
    rf"mark(?:ed)?|re-?open(?:ed)?|undo|not|{'|'.join(IRREGULAR_PAST)})\b",  # "redid it" names no "Redo ..." task
    re.I,
)
_MOVE = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:we|you|u)\s+|please\s+)?(?:move|shift|push|bump|reschedule)\b.*\bto\s+\w", re.I
)
_CANCEL = re.compile(r"^\W*(?:(?:can|could)\s+(?:we|you|u)\s+|please\s+|pls\s+)?(?:cancel|call\s+off|skip)\b", re.I)
# A deadline moved: a move verb or the word deadline, then "to <a date>".
_REDATED = re.compile(
    rf"\b(?:move|moved|push|pushed|shift|bump|postpone|extend|delay|change|set|deadline|due\s+date|target\s+date)\b.*?"
    rf"\b(?:to|until|till)\s+(?:the\s+)?(?:{DATE_PHRASE}|\d{{1,2}}(?:st|nd|rd|th)\b|end\s+of|next\s+(?:month|year)|{WD}|\d{{4}}-\d\d)",
    re.I,
)
_DUE = re.compile(r"\b(?:needs?\s+to|should|has\s+to|have\s+to|must|by|due|deadline)\b", re.I)
# A clause led by a verb that acts on something that exists never names a new block by "subject + time".
_ACTS_ON_EXISTING = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:we|you|u)\s+|please\s+|pls\s+)?"
    r"(?:cancel|call\s+off|move|shift|push|bump|reschedule|postpone|skip|delete|remove|drop|clear|rename|"
    r"change|edit|update|mark|archive|undo|stop|end)\b",
    re.I,
)
# The words that change an existing block; without one, a clause of a subject and a time is a new block.
_CHANGES_BLOCK = re.compile(
    r"\b(?:move|moved|shift|push|bump|reschedule|postpone|delay|change|make|extend|shorten|cancel|call\s+off|skip|"
    r"drop|instead|rather|earlier|later|start|begin|to)\b|->|\u2192|\b(?:should|could|can|will|would|must)\s+(?:only\s+|just\s+)?be\b",
    re.I,
)
# A request that names a recurrence and a clock time asks for a block, however long it is.
# "schedule stats revision ...": a verb of placing before its subject, never a question about the schedule.
_PLACES = re.compile(
    r"^\W*(?:(?:pls|please|can\s+you|could\s+you|can\s+u|ok|okay)\W+)*(?:schedule|book|put|plan|set\s+up)\s+"
    r"(?!(?:for|on|of|at|in|me|it|that|this|them|my\s+(?:week|day|schedule))\b)\w",
    re.I,
)
_RECURRING_REQUEST = re.compile(rf"\b(?:every|each)\s+(?:{WD}|day|morning|evening|night|weekday)|\bdaily\b", re.I)
_PLANNING = re.compile(r"\b(?:schedule|plan|book|set\s+up|pencil\s+in)\b", re.I)
# What a clause led by one of these verbs does to a block the word vectors took for a new one.
BLOCK_VERBS = {
    "cancel_schedule_block": re.compile(r"\b(?:cancel|call\s+off|skip)\b", re.I),
    "move_schedule_block": re.compile(r"\b(?:move|shift|push|bump|reschedule|postpone)\b", re.I),
}
_NEGATION = re.compile(r"\b(?:not|isn't|didn't|haven't|wasn't|never|un(?:done|finished|completed?))\b", re.I)
# A completion the clause denies: the negation governs the completion word ("isn't actually finished").
_DENIED_COMPLETION = re.compile(
    r"\b(?:not|isn't|wasn't|didn't|haven't|hasn't|never)\s+(?:\w+\s+){0,2}?"
    r"(?:done|finish(?:ed)?|complete[d]?|through|over)\b|\bun(?:done|finished|completed?)\b",
    re.I,
)
_ADDITION = re.compile(r"\b(?:add|new|another|create|put)\b", re.I)


def _negated_completion(clause: str) -> bool:
    """Whether a negation stands in the sentence that says something is done ("X is DONE. not great not terrible":
    the remark after it denies nothing)."""
    sentences = re.split(r"(?<=[.!?])\s+", clause)
    said_done = [s for s in sentences if _COMPLETION.search(s)] or sentences
    return any(_NEGATION.search(s) for s in said_done)


REMOVE_KIND = {
    "module": "remove_module",
    "topic": "remove_topic",
    "course": "delete_course",
    "block": "cancel_schedule_block",
}
ADD_KIND = {"module": "add_module", "topic": "add_topic", "task": "add_goal_task"}


_SPAN_DAY = rf"(?:{DATE_PHRASE}|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b|(?:next\s+|this\s+)?{WD}|today|tomorrow|now)"
# A listing asked over a span of days: "show me everything from the 3rd to the 9th", "what's on between mon and thu".
_LISTED_SPAN = re.compile(
    r"^\W*(?:(?:ok|so|hey|and)\W+)*(?:(?:can|could)\s+(?:you|u)\s+|pls\s+|please\s+)?(?:list|show|tell|give|what|whats|"
    rf"what's|anything|everything)\b.*\b(?:between\s+{_SPAN_DAY}.*?\s+and|from\s+{_SPAN_DAY}.*?\s+(?:to|until|till|through))\s+"
    rf"{_SPAN_DAY}",
    re.I,
)


def _family(clause: str, masked: str, guess: classifier.Intent, known: Known | None = None) -> classifier.Intent:
    """Settle the intent by key words: a cue word, or a removal/addition verb and the kind of item it acts on."""
    for pattern, intent in PHRASE_CUES:
        if pattern.search(clause):
            return classifier.Intent(intent, 1.0, 1.0)
    for pattern, intent in MASKED_CUES:
        if pattern.search(masked):
            return classifier.Intent(intent, 1.0, 1.0)
    if known is not None and (into := _added_into(clause, known)):
        return classifier.Intent(into, 1.0, 1.0)
    if _LISTED_SPAN.search(clause) and not re.search(r"\bthe\s+(?:topic|task|goal|note|module)\b", masked):
        return classifier.Intent("list_schedule", 1.0, 1.0)  # "list everything between the 1st and the 10th"
    words = re.findall(r"[a-z]+", clause.lower())
    for word in words:
        cue = (
            CUES.get(word) or CUES.get(word.removesuffix("s")) or CUES.get(classifier.correct_word(word))
            if len(word) >= 3
            else None
        )
        if cue:
            return classifier.Intent(cue, 1.0, 1.0)
    if re.search(  # "move gradient descent into it", "put X under <the module> instead"
        r"\b(?:move|put|shift|place|file|stick|transfer)\s+the\s+topic\s+(?:(?:into|to|in)\s+(?:the\s+module|it|there)\b|under\s+\w)",
        masked,
        re.I,
    ):
        return classifier.Intent("move_topic", 1.0, 1.0)
    renamed = re.search(  # "change <the module> to X", "<the topic> should be called X"
        r"\b(?:change|switch)\s+(?:the\s+name\s+of\s+)?the\s+(module|topic)\s+(?:name\s+)?(?:to|into)\s+\S|"
        r"\bthe\s+(module|topic)\s+(?:should|must|will|can)\s+(?:now\s+)?be\s+(?:called|named|renamed)\b",
        masked,
        re.I,
    )
    if renamed:
        return classifier.Intent(f"rename_{(renamed.group(1) or renamed.group(2)).lower()}", 1.0, 1.0)
    if re.search(r"\b(?:rename|re-name)\b|\bcall\b.*\binstead\b", clause, re.I):
        said = re.search(r"\b(module|topic)\b", clause, re.I) or re.search(r"\bthe\s+(module|topic)\b", masked, re.I)
        if said:
            return classifier.Intent(f"rename_{said.group(1).lower()}", 1.0, 1.0)
    if _COMPLETION.search(masked) and not _negated_completion(clause) and not _DUE.search(clause):
        done = re.search(r"\bthe\s+(topic|task)\b", masked)
        if done and not re.search(r"\bthe\s+(?:course|goal)\b", masked):
            return classifier.Intent(f"complete_{'topic' if done.group(1) == 'topic' else 'goal_task'}", 1.0, 1.0)
    if re.search(
        r"\bthe\s+goal\b.*\b(?:as|to|is)\s+(?:now\s+)?(?:in\s+progress|active|started|abandoned)\b", masked, re.I
    ):
        return classifier.Intent("update_goal", 1.0, 1.0)  # "put the B+ goal as in progress": its status
    if _PRIORITY.search(clause) and re.search(r"\bthe\s+goal\b", masked) and not _ADDITION.search(clause):
        return classifier.Intent("update_goal", 1.0, 1.0)  # "the reading goal is top priority now"
    level = (  # "the difficulty to advanced", "bump it to intermediate"
        re.search(
            r"\b(?:difficulty|level)\b|\b(?:to|as)\s+(?:an?\s+)?(?:beginners?|intermediate|advanced)\b", clause, re.I
        )
        and difficulty_of(clause)
    )
    if level and re.search(r"\bthe\s+(?:course|block)\b", masked):
        return classifier.Intent("update_course", 1.0, 1.0)
    if guess.name in ("start_review", "quiz_me", "start_study_session") and _recurring_clock(clause):
        return classifier.Intent("create_schedule_block", guess.share, guess.similarity, guess.chat)  # for later
    if guess.name == "cancel_schedule_block" and _WANTS_ONE.search(clause) and not _UNWANTED.search(clause):
        return classifier.Intent("create_schedule_block", guess.share, guess.similarity, guess.chat)  # one more
    if (
        _COURSE_ATTRIBUTE.search(clause)
        and known is not None
        and mentions("course", clause, known)
        and not re.search(r"\bthe\s+(?:goal|task)\b|\b(?:new|create|make|build)\b", masked, re.I)
    ):
        return classifier.Intent("update_course", 1.0, 1.0)  # "the orgo target date": a block has none
    names_block = re.search(r"\bthe\s+block\b", masked) or (known is not None and mentions("block", clause, known))
    if (
        _REDATED.search(clause)
        and (owner := re.search(r"\bthe\s+(goal|course)\b", masked))
        and "the block" not in masked
    ):
        return classifier.Intent(f"update_{owner.group(1)}", 1.0, 1.0)  # "push the MCAT goal back to september 15"
    if _BOOKING.search(clause) and parse_time(clause) and not (known is not None and _whole_block(clause, known)):
        return classifier.Intent("create_schedule_block", 1.0, 1.0)  # "block tues + thurs 7 to 8:30am for stats"
    if known is not None and _NO_OCCURRENCE.search(clause) and _whole_block(clause, known):
        return classifier.Intent("cancel_schedule_block", 1.0, 1.0)
    if known is not None and _BE_CHANGED.search(clause) and _whole_block(clause, known):
        return classifier.Intent("move_schedule_block", 1.0, 1.0)  # "the ML reading should only be 30 min"
    if _MOVE.search(clause) and names_block:
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    named_course = known is not None and any(value >= STRONG for value, _ in mentions("course", clause, known)[:1])
    existing = (
        _ACTS_ON_EXISTING.search(clause)
        or _REMOVAL.search(clause)
        or re.search(r"\b(?:archive|hide|that|this)\b", clause, re.I)
    )
    new_course = re.search(r"\b(?:new|an?|my)\s+(?:\S+\s+){0,3}course\b|^\W*(?:\S+\s+){1,3}course\b", clause, re.I)
    if guess.name == "update_course" and not named_course and not existing and new_course:
        return classifier.Intent("create_course", guess.share, guess.similarity, guess.chat)  # a course none has
    if _CANCEL.search(clause) and names_block:  # "skip ML reading on march 12"
        return classifier.Intent("cancel_schedule_block", 1.0, 1.0)
    if re.search(r"\b(?:make|extend|shorten|change)\b", masked, re.I) and re.search(
        r"\bthe\s+block\b.*\b\d+(?:\.\d+)?\s*(?:hours?|h|minutes?|mins?)\b", masked, re.I
    ):
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    recent_note = known is not None and known.recent is not None and known.recent.kind == "note"
    if re.search(r"\btags?\b", clause, re.I) and (re.search(r"\bnote\b", masked, re.I) or recent_note):
        return classifier.Intent("tag_note", 1.0, 1.0)
    if verb := _REMOVAL.search(masked):
        kind = re.search(r"\bthe\s+(module|topic|course|block)\b", masked[verb.end() :]) or _named_before(masked, verb)
        if kind and known is not None:
            return classifier.Intent(REMOVE_KIND[_removed_kind(clause, kind.group(1), known)], 1.0, 1.0)
        if kind:
            return classifier.Intent(REMOVE_KIND[kind.group(1)], 1.0, 1.0)
    wants_new = re.search(
        r"\b(?:needs?|wants?)\s+(?:an?|another)\s+(?:\S+\s+){0,3}(?:module|topic|task)\b", clause, re.I
    )
    if (_ADDITION.search(clause) or wants_new) and (kind := re.search(r"\b(module|topic|task)\b", clause, re.I)):
        return classifier.Intent(ADD_KIND[kind.group(1).lower()], 1.0, 1.0)
    if re.search(
        r"^\W*add\b.*\b(?:to|for|under)\s+the\s+goal\b|\b(?:under|in|to|for)\s+the\s+goal\b.*\badd\b", masked, re.I
    ):
        return classifier.Intent("add_goal_task", 1.0, 1.0)
    if re.search(r"\bthe\s+task\b.*\b(?:due|by|deadline)\b", masked, re.I) and not _ADDITION.search(masked):
        return classifier.Intent("date_goal_task", 1.0, 1.0)
    retimed = known is not None and _RETIMED.search(clause) and _whole_block(clause, known)
    if guess.name == "create_schedule_block" and retimed:  # "could <my block> tomorrow start at noon"
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    if guess.name == "create_schedule_block" and _ACTS_ON_EXISTING.search(clause):  # "cancel my block": not new
        verbs_said = [tool for tool, verbs in BLOCK_VERBS.items() if verbs.search(clause)]
        named = verbs_said[0] if len(verbs_said) == 1 else "chat"
        return classifier.Intent(named, guess.share, guess.similarity, guess.chat)
    later = _PLANNING.search(clause) or re.search(rf"\b(?:set\s+aside|block|slot|reserve|{WD})\b", clause, re.I)
    if guess.name in ("complete_topic", "complete_goal_task", "start_study_session") and later:
        act = _COMPLETION if guess.name != "start_study_session" else SESSION_VERBS[guess.name]
        if not act.search(clause) and not re.search(
            r"\b(?:mastered|covered|learn[te]d?|studied|mark\w*)\b", clause, re.I
        ):
            return classifier.Intent(
                "create_schedule_block", guess.share, guess.similarity, guess.chat
            )  # time set aside
    if guess.name in SESSION_VERBS:  # word vectors put "start" and "stop" side by side: the verb decides
        verbs_said = [tool for tool, verbs in SESSION_VERBS.items() if verbs.search(clause)]
        if not verbs_said and _PLANNING.search(clause):  # "plan a study session": a block for later, not now
            return classifier.Intent("create_schedule_block", guess.share, guess.similarity, guess.chat)
        if len(verbs_said) == 1 and verbs_said[0] != guess.name:
            return classifier.Intent(verbs_said[0], guess.share, guess.similarity, guess.chat)
    return guess


_KIND_SAID = re.compile(r"\b(module|topic|course|class|block|session)(?:e?s)?\b", re.I)


def _recurring_clock(clause: str) -> bool:
    """Whether the clause sets a clock time that recurs ("weekdays 7am flashcards"): an activity for later."""
    return parse_time(clause) is not None and parse_recurrence(clause, date.today()) is not None


def _removed_kind(clause: str, masked_kind: str, known: Known) -> str:
    """What a removal acts on (not what it removes "from"): the kind said of it ("the orgo course"), else the kind of
    the item named by the most words ("delete intro to ML" names the course by two, the block "ML reading" by one)."""
    verb = _REMOVAL.search(clause)
    head, *tail = re.split(r"\b(?:from|out\s+of|off)\b", clause[verb.end() :] if verb else clause, maxsplit=1)
    listed = re.match(
        r"\s*(?:all\s+)?(?:my|the)\s+(courses|modules|topics|blocks|sessions|classes|calendar|schedule)\b",
        tail[0] if tail else "",
    )
    if listed:  # "remove orgo from my courses": the list it is in says its kind
        return {"classes": "course", "sessions": "block", "calendar": "block", "schedule": "block"}.get(
            listed.group(1).lower(), listed.group(1).lower().rstrip("s")
        )
    if said := _KIND_SAID.search(head):
        return {"class": "course", "session": "block"}.get(said.group(1).lower(), said.group(1).lower())
    scored = [(found[0][0], kind) for kind in REMOVE_KIND if (found := mentions(kind, head, known))]
    best = max(scored, default=(0.0, masked_kind))
    return best[1] if best[0] >= NAMED_CLEARLY else masked_kind


# "add X to/under <one of the learner's items>": the destination's kind says what X becomes.
_ADD_INTO = re.compile(
    r"\b(?:add|put|stick|include|throw|slot)\s+(?:in\s+)?(.+?)\s+(?:to|into|under|onto|in)\s+(?:my\s+|the\s+|our\s+)?(.+?)\W*$",
    re.I,
)
_NOT_OUTLINE = re.compile(
    r"\b(?:notes?|block|calendar|schedule|planner|agenda|deck|cards?|flashcards?|tags?|session|memory|list|reminders?)\b",
    re.I,
)
INTO_KIND = {"goal": "add_goal_task", "module": "add_topic", "course": "add_topic"}


def _named_before(masked: str, verb: re.Match[str]) -> re.Match[str] | None:
    """The item a removal's pronoun stands for, named before it ("the ML reading thing isn't working. get rid of
    it"): the last kind named before the verb, when the verb's object is a pronoun."""
    if not re.match(r"\s+(?:it|that|this)\b", masked[verb.end() :], re.I):
        return None
    if re.search(r"\b(?:don'?t|do\s+not|never|not)\s+(?:\w+\s+)?$", masked[: verb.start()], re.I):
        return None  # "archive the X course? don't delete it tho": no removal asked
    named = list(re.finditer(r"\bthe\s+(module|topic|course|block)\b", masked[: verb.start()]))
    return named[-1] if named else None


def _added_into(clause: str, known: Known) -> str | None:
    """The addition 'add X to <goal|module|course>' makes, when X is new and the destination the learner's."""
    m = _ADD_INTO.search(clause)
    if not m or _NOT_OUTLINE.search(clause):
        return None
    new, destination = m.groups()
    if re.search(r"\b(?:modules?|topics?|tasks?|goals?|course|class)\b", new, re.I):
        return None  # "add a module X to ...", "add a goal to ...": the kind word decides
    for kind in ("topic", "task", "module"):
        found = mentions(kind, new, known)
        if any(value >= max(NAMED_CLEARLY, 0.6 * len(tokens(item.title))) for value, item in found):
            return None  # X is already one of the learner's items: a move or a mistake, not an addition
    said = re.search(r"\b(goal|module|course|class)\b", destination, re.I)
    kinds = [said.group(1).lower().replace("class", "course")] if said else list(INTO_KIND)
    best = max(  # on a tie, the item named by more of its title ("linear algebra": the course, not "Get a B+ in ...")
        (
            (value, value / max(len([w for w in tokens(item.title) if w not in FILLER]), 1), kind)
            for kind in kinds
            for value, item in mentions(kind, destination, known)[:1]
        ),
        default=(0.0, 0.0, ""),
    )
    return INTO_KIND[best[2]] if best[0] >= (STRONG if said else NAMED_CLEARLY) else None


# "no lin alg problem sets this sunday, I'm away": a named occurrence that will not happen is cancelled.
_NO_OCCURRENCE = re.compile(
    rf"^\W*(?:(?:ok|so|hey|um+|sadly|unfortunately|heads\s+up)\W+)*no\s+(?:more\s+)?(?!\d|way\b)(?P<named>[^,;:.!?]+?)\s+"
    rf"(?:today|tonight|tomorrow|(?:this|next|on)\s+(?:{WD}|week(?:end)?)|{WD})",
    re.I,
)
_SHOULD_BE_CALLED = re.compile(r"\b(?:should|must|will|can)\s+(?:now\s+)?be\s+(?:called|named|renamed)\b", re.I)
# A clause led by a verb that only books time: with a clock time it asks for a new block.
_BOOKING = re.compile(
    r"^\W*(?:(?:ok|so|hey|pls|please|can\s+(?:you|u)|could\s+(?:you|u))\W+)*(?:block(?:\s+(?:off|out))?|book|reserve|"
    r"pencil\s+in|set\s+aside|carve\s+out)\b",
    re.I,
)
_RANGE_TO = re.compile(r"\bfrom\s+\S+\s+to\b", re.I)
# A block's new time or length said with "be": "X should only be 30 min", "could sunday's X be at noon instead?".
_BE_CHANGED = re.compile(
    rf"\b(?:should|could|can|will|would|must)\s+(?:[^\s.?!]+\s+){{0,8}}?be\s+(?:only\s+|just\s+)?"
    rf"(?:at\s+|on\s+|from\s+|for\s+)?(?:\d|an?\s+hour|half|noon|midnight|tonight|today|tomorrow|(?:next\s+|this\s+)?{WD})",
    re.I,
)
_RETIMED = re.compile(r"\b(?:start|begin|starts|begins|be)\s+(?:at|from)\b|\binstead\b", re.I)


def _no_occurrence(clause: str, known: Known) -> bool:
    """Whether the clause says a block will not happen on a day: "no <the block> <day>", the words between "no"
    and the day naming that block and nothing else (not "no worries, X tomorrow"), and said, not asked."""
    m = _NO_OCCURRENCE.search(clause)
    if not m or "?" in clause:
        return False
    said = [w for w in tokens(m["named"]) if w not in FILLER]
    return any(
        value >= max(NAMED_CLEARLY, 0.75 * len(tokens(item.title)))
        and all(max(_word_score(t, w) for t in tokens(item.title)) > 0 for w in said)
        for value, item in mentions("block", m["named"], known)
    )


# A change asked as a hedge or a check ("X should be at 8 but I oversleep", "X will be at 8 as always, right?").
_HEDGED = re.compile(r"\b(?:if|but|unless|though|as\s+(?:always|usual))\b|\b(?:right|yeah|correct|yes|no)\W*\?", re.I)
_INVERTED = re.compile(r"^\W*(?:(?:ok|so|hey|and|also|then)\W+)*(?:could|can|would)\b", re.I)


def _asks_change(clause: str) -> bool:
    """Whether a wish-form change ("X should be ...", "could X be ...?") is asked: a statement or an inverted
    modal question, neither hedged."""
    shape = form(clause)
    return not _HEDGED.search(clause) and (shape in ("statement", "request") or bool(_INVERTED.match(clause)))


def _whole_block(clause: str, known: Known) -> bool:
    """Whether the clause names one of the learner's blocks by (nearly) all its title's words."""
    found = mentions("block", clause, known)
    return any(value >= max(NAMED_CLEARLY, 0.75 * len(tokens(item.title))) for value, item in found)


def _names_pronoun(call: ToolCall) -> bool:
    """Whether a call refers to an item only as 'it'/'that'."""
    if call.name in NEEDS and NEEDS[call.name] not in {k for k, v in call.arguments.items() if v}:
        return True
    return any(
        isinstance(call.arguments.get(slot), str) and PRONOUN.fullmatch(call.arguments[slot].strip())
        for slot in SLOTS.values()
    )


def _own_words(call: ToolCall, clause: str, blocks: int) -> str:
    """The words a call's links come from: a block's own title when the clause makes several ("physics tuesday at 5
    and chem friday at 6": chem is the second's course only), else the clause."""
    title = call.arguments.get("title")
    return title if blocks > 1 and call.name == "create_schedule_block" and isinstance(title, str) else clause


def _with_course(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A new block linked to the course the clause names ("stats revision tmrw 2-4pm" -> Probability...)."""
    if call.name != "create_schedule_block" or "course" in call.arguments or "goal" in call.arguments:
        return call
    try:
        course = _maybe("course", clause, known) or _course_of_subject(clause, known)
    except Clarify:
        return call
    return ToolCall(call.name, {**call.arguments, "course": course.title}) if course else call


def _course_of_subject(clause: str, known: Known) -> Item | None:
    """The course of the one topic or module a new block is about ("a half-hour eigenvalue drill" -> Linear
    Algebra), named by more than request words and at least as an inflection of a whole title word."""
    said = _unrequested(clause)
    for kind in ("topic", "module"):
        found = resolve(kind, said, known)
        if found.item is not None and score(found.item.title, said) >= ABBREVIATED:
            return known.find("course", found.item.parent)
    return None


def _with_goal(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A new block linked to the goal the clause names, or whose task it names ("MCAT review" -> "Pass the MCAT",
    "reading dune" -> the goal of "Read Dune"): named by more than request words, and ahead of the others."""
    if call.name != "create_schedule_block" or "goal" in call.arguments:
        return call
    goal_said = re.search(r"\bgoals?\b", clause, re.I)  # "for my 12 books goal": its words name it, request words too
    dropped = frozenset() if goal_said else classifier.bank_words()
    said = " ".join(w for w in tokens(_DATED_NUMBER.sub(" ", clause)) if not w.isdigit() and w not in dropped)
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


def _with_parent(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """The course or goal the item belongs to, when the clause names it too ("remove backprop from the ML course")."""
    kind, parent_kind = WITH_PARENT.get(call.name, ("", ""))
    item = known.find(kind, str(call.arguments.get(SLOTS.get(kind, ""), ""))) if kind else None
    if item is None or not item.parent or parent_kind in call.arguments:
        return call
    own = set(tokens(item.title))
    rest = " ".join(w for w in clause.split() if not any(_word_score(t, w.lower()) >= STRONG for t in own))
    found = mentions(parent_kind, rest, known)
    if found and found[0][1].title == item.parent and found[0][0] >= STRONG:
        return ToolCall(call.name, {**call.arguments, parent_kind: item.parent})
    return call


def _targets_known(calls: list[ToolCall], known: Known) -> list[ToolCall]:
    """The calls, each write naming an existing item where its tool needs one; else ask which (nothing written)."""
    for call in calls:
        kind = NEEDS.get(call.name)
        value = call.arguments.get(SLOTS[kind]) if kind else None
        if kind and call.name not in READ_ONLY and known.of(kind) and not (value and known.find(kind, str(value))):
            _pick(kind, "", known)
    return calls


def _narrower(call: ToolCall, other: ToolCall) -> bool:
    """Whether ``other`` is the same tool with every argument of ``call`` and more."""
    return (
        call.name == other.name
        and call is not other
        and len(other.arguments) > len(call.arguments)
        and all(other.arguments.get(k) == v for k, v in call.arguments.items())
    )


# Where a second request may start when no trigger word marks it: a comma or "and", a sentence end, "now/then",
# a run of symbols ("backprop done ✅ now starting X").
_BOUNDARY = re.compile(
    r"\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|[.!?;]+\s+|\s+[^\w\s'\"&+/]+\s+|\s+(?:now|then)\s+"
)


_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}|\s{3,}")


def understand(
    text: str, *, now: datetime, timezone: str, known: Known | None = None, previous: str = ""
) -> Understanding:
    """The calls for ``text`` (resolved against ``now`` in ``timezone``), or the question to ask first.

    A reply that only leans on the previous request ("same for X", "actually just 20") never becomes a note.
    """
    found = _understood(text, now=now, timezone=timezone, known=known, previous=previous)
    if postpones_session(found.calls, text):
        return Understanding(question=WHEN_QUESTION)  # "push my study session to later": to when
    if not found.calls and not found.question:
        found.calls = ended_session(text, previous)  # "start a session for orgo" then "ok that's it, i'm done"
    found.calls = block_of_new_course(course_deadline(found.calls))
    found.calls = with_spoken_priority([said_subject(call, text, known or Known()) for call in found.calls], text)
    today = now.astimezone(ZoneInfo(timezone)).date()
    found.calls = verbatim(found.calls, text, lambda span: _normalise(span, known or Known(), today))
    if previous and any(call.name == "create_note" for call in found.calls) and _leans_back(text, now.date()):
        return Understanding(question=LEANS_BACK_QUESTION)
    return found


# "orgo final is april 30, put that as the target date": the date said first is the target of what it names.
_DATE_AS_TARGET = re.compile(
    r"^\W*(?:(?:my|the)\s+)?(?P<subject>[^,.;]+?)(?:'s)?\s+(?:final(?:\s+exam)?|exam|midterm|test)\s+is\s+(?:on\s+)?"
    r"(?P<day>[^,.;]+?)\s*[,.;]?\s*(?:so\s+)?(?:(?:please|pls|can\s+you|could\s+you)\s+)?(?:put|set|make|use|add)\s+"
    r"(?:that|it|this)\s+(?:as\s+)?(?:the\s+|my\s+|its\s+)?(?:target(?:\s+date)?|deadline|end\s+date)\b[\s\w]*\W*$",
    re.I,
)


def _understood(
    text: str, *, now: datetime, timezone: str, known: Known | None = None, previous: str = ""
) -> Understanding:
    """The calls for ``text``, read whole and, for chat-sized messages, in two halves.

    A message read as one request is also read in two halves at each boundary (a comma, "and", a sentence
    end): when both halves alone are requests and together keep what the whole asked for, they are two
    requests ("stop the timer, and X can be marked done"). Both second readings are for chat-sized
    messages (``SECOND_READING_CHARS``): each reads the message again per boundary, which a dictated
    page of commas would turn into minutes of parsing.
    """
    text = _SPACE_RUN.sub(" ", text)  # a run of blanks says nothing, and backtracking regexes pay for each one
    text = _READ_REASON.sub(lambda m: m["ask"] or m["read"], text)
    text = sections_as_modules(text)  # "add a section called X to lin alg"
    text = another_step(text)  # "for the mcat one i need another step: X"
    text = _PATH.sub(r"\g<verb> \g<what> to the \g<module> module", text)  # "ML > neural networks: add 'X'"
    if _IMPOSSIBLE_CLOCK.search(text):
        return Understanding(question=IMPOSSIBLE_CLOCK_QUESTION)
    if names_impossible_date(text):
        return Understanding(question=IMPOSSIBLE_DATE_QUESTION)
    if mass_removal(text):
        return Understanding(question=MASS_REMOVAL_QUESTION)
    text = _DATE_AS_TARGET.sub(r"set the target date of \g<subject> to \g<day>", text)
    text = without_narrative(text, known or Known())  # "yesterday i went to ... . could you add X": the request
    shared = shared_request(text)
    if shared and form(text) != "other" and (shared[0].name in READ_ONLY or form(text) != "question"):
        return Understanding(calls=shared)  # a shared course's topics are not the learner's items
    whole = _understand(text, now=now, timezone=timezone, known=known, previous=previous)
    if len(text) > SECOND_READING_CHARS:
        return whole
    if not whole.question and not whole.calls:
        return _without_remark(text, now=now, timezone=timezone, known=known, previous=previous) or whole
    if whole.question or len(whole.calls) != 1:
        return whole
    (call,) = whole.calls
    kept = _kept_spans(text, known)
    for boundary in _BOUNDARY.finditer(text):
        first, second = text[: boundary.start()], text[boundary.end() :]
        if len(first.split()) < 2 or len(second.split()) < 2 or any(s <= boundary.start() < e for s, e in kept):
            continue
        if re.match(rf"(?:{WD})s?\b", second, re.I) and re.search(rf"\b(?:{WD})s?\W*$", first, re.I):
            continue  # "every tuesday and friday at 8pm": a list of days, not two requests
        if _STARTS_FROM.match(second):
            continue  # "..., begin next week": when the request starts, no second request
        halves = [_understand(first, now=now, timezone=timezone, known=known, previous=previous)]
        halves.append(_understand(second, now=now, timezone=timezone, known=known, previous=previous))
        if any(half.question or not half.calls for half in halves):
            continue
        owner = next((k for k, half in enumerate(halves) if any(c.name == call.name for c in half.calls)), None)
        if owner is None or len({c.name for half in halves for c in half.calls}) < 2:
            continue
        own = next(c for c in halves[owner].calls if c.name == call.name)
        other, other_text = halves[1 - owner], (second if owner == 0 else first)
        if len(own.arguments) < len(call.arguments):
            continue  # the other half only added to the whole's call ("goal: X. steps: a, b")
        if PRONOUN.search(other_text) and known and _referent(other_text, known) is None:
            continue  # "..., remember that": the other half points back at the whole's request
        shape = form(other_text)
        logged = shape == "statement" and _COMPLETION.search(other_text) and not _NEGATION.search(other_text)
        if all(shape == "request" or (logged and c.name in LOG_TOOLS) for c in other.calls):
            return Understanding(calls=[*halves[0].calls, *[c for c in halves[1].calls if c not in halves[0].calls]])
    return whole


def _without_remark(
    text: str, *, now: datetime, timezone: str, known: Known | None, previous: str
) -> Understanding | None:
    """A request sentence next to a remark that drowned it ("could you recommend X? the slides are not enough"):
    the request read alone, when the other sentences are statements that ask for nothing."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    if len(sentences) < 2:
        return None
    for index, sentence in enumerate(sentences):
        rest = [s for k, s in enumerate(sentences) if k != index]
        if form(sentence) != "request" or any(form(s) not in ("other", "statement") for s in rest):
            continue
        alone = _understand(sentence, now=now, timezone=timezone, known=known, previous=previous)
        if alone.calls and not alone.question:
            return alone
    return None


def _kept_spans(text: str, known: Known | None) -> list[tuple[int, int]]:
    """Where the message quotes or names one of the learner's titles: never cut there."""
    spans = [m.span() for m in re.finditer(r"[\"\u201c\u2018'][^\"\u201d\u2019']{2,80}[\"\u201d\u2019']", text)]
    if listed := _TASK_LIST.search(text):
        spans.append((listed.end(), len(text)))  # a goal's tasks: "tasks: a, b, take a quiz" is one list
    lowered = text.casefold()
    for item in known.items if known else ():
        start = lowered.find(item.title.casefold())
        if start >= 0:
            spans.append((start, start + len(item.title)))
    return spans


# A clause that only names one of the learner's items ("also the krebs cycle"): it asks for no change.
_BARE_NAME = re.compile(
    r"\W*(?:(?:and|also|plus|oh|ok|okay|so|then)\W+)*the\s+(?:course|module|topic|goal|task|block|note)\W*"
)


def _names_only(clause: str, masked: str, known: Known) -> bool:
    """Whether the clause only names an item that is no task, word for word ("the krebs cycle"; not "redid problem
    set 3", nor "read dune", a task's title said as done)."""
    if not _BARE_NAME.fullmatch(masked):
        return False
    said = {
        w for w in tokens(clause) if w not in FILLER and w not in {"also", "plus", "oh", "ok", "okay", "so", "then"}
    }
    return any(said <= set(tokens(item.title)) for item in known.items if item.kind != "task")  # "read dune ✅": a log


# "there" after a verb of placing: the module or course named last ("make module X and move Y there").
_THERE = re.compile(r"(?<=\w)\s+(?:in\s+|into\s+)?there\b(?!\s+(?:is|are|was|were)\b)", re.I)
# A message that leans on the previous one: a pronoun, "too", "undo that", "forget that".
_POINTS_BACK = re.compile(
    r"\b(?:it|that|this|them|too|also|as\s+well|undo|revert|again|same|actually|instead)\b"
    r"|^\W*(?:(?:ok|okay|oh|so)\W+)?(?:and|now|what\s+about|how\s+about)\b",
    re.I,
)
# "now backprop", "what about orgo?", "(do the) same for lecture 6": the previous request, for what follows.
_SAME_FOR = re.compile(
    r"^\W*(?:(?:ok|okay|and|then|oh)\W+)*(?:(?:do\s+)?(?:the\s+)?same\s+(?:thing\s+)?(?:for|with|on)|"
    r"now(?:\s+(?:for|with|on|do))?|(?:what|how)\s+about)\s+(?:the\s+|my\s+)?(?=\w)",
    re.I,
)
# "and backprop too", "also enantiomers", "X as well": the previous request again, for another item.
_ALSO = re.compile(
    r"^\W*(?:(?:oh|and|also|plus|ok|okay)\W+)*(?P<what>[^,.;!?]+?)(?:\s+(?:too|as\s+well|also))?\W*$", re.I
)
_UNDO = re.compile(
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
_CHANGES_IT = re.compile(
    r"^\W*(?:(?:actually|ok|okay|and|hmm+|oh|wait|no|pls|please|can\s+you|could\s+you|can\s+u)\W+)*"
    r"(?:make|move|change|set|push|pull|shift|put|turn|switch|bump|rename|call)\s+(?:it|them|(?:this|that)(?!\s*'?s\b)"
    r"(?=\s+(?:to|for|at|on|by|an?|into|in|from|back|up|earlier|later|weekly|daily|every|\d)\b|\W*$))\b",
    re.I,
)
_TIMED = frozenset({"create_schedule_block", "move_schedule_block"})
CHANGE_QUESTION = "What should I change about that?"


def _follow_up(text: str, prior: list[ToolCall], known: Known, ctx: Context) -> Understanding | None:
    """A reply that only points back at the previous request: undo it, forget the fact it remembered, or do it
    again for another item ("and backprop too") or another day ("same time sunday too"); ``None`` otherwise."""
    if len(prior) != 1:
        return None
    (call,) = prior
    asked = text.rstrip().endswith("?") or bool(re.match(r"^\W*(?:what|how)\s+about\b", text, re.I))
    again = bool(_AGAIN_WITH.match(text))
    if _UNDO.search(text):
        return Understanding([ToolCall(INVERSE[call.name], dict(call.arguments))]) if call.name in INVERSE else None
    if _FORGET_THAT.search(text) and call.name == "remember_fact":
        return Understanding([ToolCall("forget_fact", {"fact": call.arguments["fact"]})])
    if is_correction(text, ctx.today) or (call.name in _TIMED and _CHANGES_IT.match(text)):
        if unsure(text):
            return Understanding(question=BLOCK_QUESTION if call.name in _TIMED else CHANGE_QUESTION)
        if call.name in _TIMED and vague_time(text):
            return Understanding(question=TIME_QUESTION)  # "move it to tuesday after lunch"
        fixed = corrected(text, call, ctx.today)
        if isinstance(fixed, str):
            return Understanding(question=fixed)
        if fixed:
            return Understanding(fixed)  # "actually make it 90 min": the previous request with the new value
        if call.name in _TIMED:
            return Understanding(question=BLOCK_QUESTION)  # "make it weekly": nothing a move can change
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
    if again_day := another_day(what, call, ctx.today):
        return Understanding([again_day])  # "what's on monday" then "and tuesday?"
    if form(what) in ("request", "other") or len(what.split()) > 6:
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
    if "occurrence_date" in call.arguments and _referent(what, known) is None and (when := _date_arg(what, ctx)):
        return Understanding([on_occurrence(call, date.fromisoformat(when))])  # "same for friday"
    slot = next((kind for kind in SLOTS if kind in call.arguments), None)
    if slot is None:
        return None
    found = resolve(slot, _OCCURRENCE.sub(" ", what) if "occurrence_date" in call.arguments else what, known)
    if found.item is None and (each := _each_resolved(slot, what, known)):
        return Understanding([ToolCall(call.name, {**call.arguments, slot: title}) for title in each])
    if found.item is None:  # "and X too" for an X the learner has no such item called: ask, never guess
        return None if call.name in READ_ONLY or same else Understanding(question=_which(slot, known, found.candidates))
    if asked and call.name not in READ_ONLY:
        return Understanding(question=f"Do you want me to do the same for {found.item.title}?")  # "and spanish?"
    arguments = {**call.arguments, slot: found.item.title}
    if "occurrence_date" in arguments and (said := _OCCURRENCE.search(what)) and (when := _date_arg(said[1], ctx)):
        arguments["occurrence_date"] = when  # "and thursday's orgo review too": that day's
    return Understanding([ToolCall(call.name, arguments)])


_ACTUALLY = re.compile(r"^\W*(?:(?:hmm+|oh|wait|no|ok|okay|um+)\W+)*actually\b", re.I)
SHORT_REPLY = 8  # the most words of a reply that only corrects the previous request


def _leans_back(text: str, today: date) -> bool:
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


def _understand(
    text: str, *, now: datetime, timezone: str, known: Known | None = None, previous: str = ""
) -> Understanding:
    """The calls for ``text`` read as the split of its trigger words gives its clauses."""
    known = Known(list(known.items)) if known else Known()
    tz = ZoneInfo(timezone)
    ctx = Context(now=now.astimezone(tz), tz=tz)
    text = _normalise(text, known, ctx.today)
    if (words := picked(text)) is not None and form(text) != "request":
        return _picked_answer(words, now=now, timezone=timezone, known=known, previous=previous)
    prior = (
        _understand(previous, now=now, timezone=timezone, known=known).calls
        if previous and len(previous) <= SECOND_READING_CHARS and _POINTS_BACK.search(text)  # one more reading
        else []
    )
    if (answer := _follow_up(text, prior, known, ctx)) is not None:
        return answer
    if (resized := _resized_block(text, known)) is not None:
        return Understanding([resized])
    if (retagged := _retagged_note(text, known)) is not None:
        return Understanding([retagged])
    if previous and re.search(r"\bsame\s+time\b", text, re.I):
        when = " ".join(m.group(0) for m in _TIME_PHRASE.finditer(_normalise(previous, known, ctx.today)))
        text = re.sub(r"\b(?:at\s+)?(?:the\s+)?same\s+time\b", when, text, flags=re.I)
    made = _created(prior, known)  # "make a note X" then "tag it ...": "it" is the new note
    text, quoted = protect_quotes(_protect_titles(text, known))
    calls: list[ToolCall] = []
    last_named: Item | None = made or _previous_referent(restore_quotes(previous, []), known)
    unasked = ""  # the question of a remark that named nothing: asked only when no other clause asks for anything
    try:
        for raw in _split(text):
            if calls and _MODIFIER.match(raw):
                continue  # "test me on stats, make it hard": a manner, not a request
            if calls and _UNDO.search(LEADING_NOISE.sub("", raw)) and calls[-1].name == "complete_goal_task":
                calls.append(
                    ToolCall(INVERSE[calls[-1].name], dict(calls[-1].arguments))
                )  # "ticked X by mistake, undo that"
                continue
            if calls and (first_day := _first_day(raw, ctx)):
                calls = _starting_on(calls, first_day)  # "... every day at 7. Start from tomorrow.": its first day
                continue
            if _BARE_DONE.match(raw):
                continue  # "finished. stop the timer": done with no object names nothing done
            rule_text = LEADING_NOISE.sub("", raw).strip()
            if re.match(
                r"(?:an?\s+(?:new\s+)?|new\s+)(?:goal|note|course)\b", rule_text, re.I
            ) or _NOTE_WITH_FIELDS.match(rule_text):
                rule_text = "create " + rule_text
            elif subject_note := _NEW_SUBJECT_NOTE.match(rule_text):
                rule_text = f"create a new note for {subject_note['subject'].strip()}{rule_text[subject_note.end() :]}"
            clause = restore_quotes(rule_text, [f'"{q}"' for q in quoted])
            # "the MCAT task": one of the goal's tasks; never for a removal or a move, which ask as before
            named_child, children = (clause, []) if _DISPLACED.search(clause) else child_named(clause, known)
            if children:
                raise Clarify(_which(children[0].kind, known, tuple(children)))
            if named_child != clause:
                clause = rule_text = named_child
            known.recent = last_named
            named = _referent(clause, known)
            if named is not None and _barely(named, clause):
                named = None  # "set it to X" names no "Redo problem set 3": one inflected word of a long title
            dangling = named is None and last_named is None and bool(PRONOUN.search(clause))
            if _THAT_DAY.search(clause) and (days := _TIME_PHRASE.findall(ctx.previous or previous)):
                clause = rule_text = _THAT_DAY.sub(" ".join(days), clause)  # "appointment wednesday... skip X that day"
            if last_named is not None and last_named.kind in ("module", "course") and _THERE.search(clause):
                clause = rule_text = _THERE.sub(f' to "{last_named.title}"', clause, count=1)  # "move X there"
            if named is None and last_named is not None and PRONOUN.search(clause):
                said_as = f"the {last_named.title} module" if last_named.kind == "module" else f'"{last_named.title}"'
                clause = rule_text = PRONOUN.sub(said_as, clause, count=1)  # "put T in it": in the module M
                if (
                    not _TIME_PHRASE.search(clause)
                    and not parse_duration(clause)  # "..., and make it 2 hours": a new length, not the time again
                    and (days := _TIME_PHRASE.findall(ctx.previous))
                ):
                    clause = rule_text = f"{clause} {' '.join(days)}"  # "can't do X tonight, skip it"
            try:
                found = _clause_calls(clause, ctx, known, rule_text=rule_text, quoted=quoted)
                masked = _mask(clause, known)
                raw_guess = classifier.classify(masked)
                keyed = _family(clause, masked, raw_guess, known) is not raw_guess
                asked = _asks_change(clause) and (
                    (bool(_BE_CHANGED.search(clause)) and _whole_block(clause, known))
                    or _no_occurrence(clause, known)
                    or (named is not None and bool(_SHOULD_BE_CALLED.search(clause)))
                )  # a change of a named item asked as a wish: "X should only be 30 min", "X should be called Y"
                found = licensed(found, clause, raw_guess, keyed=keyed, masked=masked, asked=asked)
                if _names_only(clause, masked, known) or (_BE_CHANGED.search(clause) and not asked):
                    found = [call for call in found if call.name in READ_ONLY]  # a name alone; a hedged wish
                found = _targets_known(found, known)
            except Clarify as question:
                if named is not None or PRONOUN.search(clause) or form(clause) not in ("statement", "other"):
                    raise
                unasked = unasked or str(question)  # "done, stop the timer": a remark naming nothing asks nothing
                continue
            found = [
                _note_subject(_own_title(_in_clause(call, clause, ctx, known), clause, known), known) for call in found
            ]
            found = [each for call in found for each in _each_named(call, clause, known)]
            found = [each for call in found for each in _each_day(call, clause, ctx)]
            if dangling and (
                any(_names_pronoun(call) for call in found)
                or (not found and classifier.classify(_mask(clause, known)).name in NEEDS)
            ):
                raise Clarify("What do you mean by “it”? Tell me its name, please.")
            if last_named is None and not prior and not calls and _CHANGES_IT.match(clause):  # "move it to 6"
                raise Clarify("What do you mean by “it”? Tell me its name, please.")
            if any(call.name in _TIMED and "start" in call.arguments for call in found) and vague_time(clause):
                raise Clarify(WHEN_QUESTION)  # "put orgo after lunch on friday": which hour is the learner's
            if any(call.name == "create_schedule_block" for call in found) and (
                unplaced_hour(clause) or (no_time_at_all(clause) and no_time_at_all(text))
            ):
                raise Clarify(WHEN_QUESTION)  # "schedule spanish at 7": morning or evening, on which day
            blocks = sum(call.name == "create_schedule_block" for call in found)
            found = [
                _with_parent(_with_goal(_with_course(call, own, known), own, known), clause, known)
                for call in found
                for own in [_own_words(call, clause, blocks)]
            ]
            calls.extend(call for call in found if call not in calls)
            ctx.previous = clause
            created = None if any(c.name == "create_course" for c in calls) else _created(found, known)
            wholly = named is not None and score(named.title, clause) >= len(
                [w for w in tokens(named.title) if w not in FILLER]
            )
            last_named = (
                created if created and not wholly else named or last_named
            )  # "... and tag it orgo": the new note
    except Clarify as question:
        return Understanding(question=str(question))
    if unasked and not calls:
        return Understanding(question=unasked)
    filled = [_session_subject(call, text, ctx, known) for call in calls]
    calls = [call for index, call in enumerate(filled) if call not in filled[:index]]
    calls = _merge_lengths([c for c in calls if not any(_narrower(c, other) for other in calls)])
    return Understanding(calls=_merge_tags(_undone(calls)))


def _undone(calls: list[ToolCall]) -> list[ToolCall]:
    """The calls without one that a later call of the same message inverts ("I checked off X by mistake, undo
    that": only the reopening, never a completion then a reopening)."""
    return [
        call
        for index, call in enumerate(calls)
        if not any(
            later.name == INVERSE.get(call.name) and later.arguments == call.arguments for later in calls[index + 1 :]
        )
    ]


# "ML > neural networks: add 'X'": a course > module path, then what goes into that module.
_PATH = re.compile(
    r"^\W*(?P<course>[^>:,.]{1,40}?)\s*>\s*(?P<module>[^>:,.]{1,40}?)\s*:\s*(?P<verb>add|put|new)\s+(?P<what>.+?)\W*$",
    re.I,
)
# "In the note X, take away the tag a and put the tags b and c": the note named first, the tag changes after.
_IN_THE_NOTE = re.compile(
    r"^\W*(?:in|on|for)\s+(?:the\s+|my\s+)?(?:note\s+(?P<named>[^,;:]+?)|(?P<before>[^,;:]+?)\s+note)\s*[,;:]\s*"
    r"(?P<rest>.*\btags?\b.*)$",
    re.I,
)


def _retagged_note(text: str, known: Known) -> ToolCall | None:
    """The tag changes asked of a note named before them, when the note is the learner's and a tag changes."""
    if not (m := _IN_THE_NOTE.match(text)):
        return None
    try:
        note = _maybe("note", m["named"] or m["before"], known)
    except Clarify:
        return None
    changes = _tag_changes(m["rest"], known)
    return ToolCall("tag_note", {"note": note.title, **changes}) if note and changes else None


# "X feels too short, can we make it an hour and a half (from now on)?": a new length for the block X.
_TOO_SHORT_OR_LONG = re.compile(
    r"^\W*(?P<name>[^,.;!?]+?)\s+(?:is|feels|seems|was|'s|has\s+been|keeps\s+being)\s+(?:\w+\s+){0,2}?too\s+(?:short|long)\b"
    r"[^.!?]*?[,.;!?]\s*(?:\w+\W+){0,4}?(?:make|set|change)\s+(?:it|them)\s+(?:to\s+)?(?P<length>[^,;!?]+?)\W*$",
    re.I,
)


def _resized_block(text: str, known: Known) -> ToolCall | None:
    """The new length of a block the learner finds too short or too long, when the message names the block."""
    if not (m := _TOO_SHORT_OR_LONG.match(text)) or not (minutes := parse_duration(m["length"])):
        return None
    try:
        block = _maybe("block", m["name"], known)
    except Clarify:
        return None
    return ToolCall("move_schedule_block", {"block": block.title, "duration_minutes": minutes}) if block else None


def _picked_answer(words: str, *, now: datetime, timezone: str, known: Known, previous: str) -> Understanding:
    """A reply that only picks an item ("the linear algebra one"): the previous request for that item, the
    question between the items it names, or, answering no request, a question and no call."""
    before = understand(previous, now=now, timezone=timezone, known=known).calls if previous else []
    writes = any(call.name not in READ_ONLY for call in before)  # an answer picks for a request, not after a write
    rewritten, candidates = answered(previous, words, known) if previous and not writes else ("", [])
    if candidates:
        return Understanding(question=_which(candidates[0].kind, known, tuple(candidates)))
    if rewritten:
        return understand(rewritten, now=now, timezone=timezone, known=known)
    if not any(mentions(kind, words, known) for kind in KINDS):
        return Understanding()  # "haha good one": nothing of the learner's is picked
    return Understanding(question=PICK_QUESTION)


def _merge_lengths(calls: list[ToolCall]) -> list[ToolCall]:
    """A new length of a block just moved joins that move ("move X to 9 and make it 40 minutes")."""
    out: list[ToolCall] = []
    for call in calls:
        before = out[-1] if out else None
        if (
            before is not None
            and call.name == before.name == "move_schedule_block"
            and set(call.arguments) == {"block", "duration_minutes"}
            and call.arguments["block"] == before.arguments.get("block")
            and "duration_minutes" not in before.arguments
        ):
            out[-1] = ToolCall(
                before.name, {**before.arguments, "duration_minutes": call.arguments["duration_minutes"]}
            )
            continue
        out.append(call)
    return out


def _session_subject(call: ToolCall, text: str, ctx: Context, known: Known) -> ToolCall:
    """A timer started without a subject takes the course or topic another clause names ("starting orgo now, start
    the timer")."""
    if call.name != "start_study_session":
        return call
    if set(call.arguments) == {"topic"}:
        return _with_topic_course(call, text, known)
    if call.arguments:
        return call
    request_words = classifier.bank_words()
    said = " ".join(w for w in tokens(text) if w.isdigit() or w not in request_words)  # "start" names no "statistics"
    try:
        found = _extract("start_study_session", said, ctx, known)
    except Clarify:
        return call
    return found[0] if found else call


def _with_topic_course(call: ToolCall, text: str, known: Known) -> ToolCall:
    """A timer on a topic takes the topic's course when the message names that course clearly too ("starting
    spanish now, subjunctive mood")."""
    topic = known.find("topic", str(call.arguments["topic"]))
    courses = mentions("course", text, known)
    if topic is None or not courses or courses[0][0] < NAMED_CLEARLY or courses[0][1].title != topic.parent:
        return call
    if score(topic.title, courses[0][1].title) >= STRONG:
        return call  # the topic's own words name the course ("linear independence" is no "Linear Algebra")
    return ToolCall(call.name, {"course": topic.parent, **call.arguments})


# Tools that act on one item and are said of a list ("mark X and Y as done"): one call per item.
LISTED = {"complete_topic": "topic", "complete_goal_task": "task", "reopen_goal_task": "task"}


def _each_named(call: ToolCall, clause: str, known: Known) -> list[ToolCall]:
    """One call per item when the clause lists several of that kind, each piece naming one clearly."""
    kind = LISTED.get(call.name)
    if kind is None or not re.search(r",|&|\band\b", clause):
        return [call]
    items: list[Item] = []
    for piece in re.split(r"\s*(?:,|&|\band\b)\s*", clause):
        found = mentions(kind, piece, known)
        if not found:
            continue
        (value, item), most = (
            found[0],
            max(ABBREVIATED, 0.5 * len([w for w in tokens(found[0][1].title) if w not in FILLER])),
        )
        if value >= most and (len(found) == 1 or found[1][0] < value) and item not in items:
            items.append(item)
    slot = SLOTS[kind]
    if len(items) < 2 or call.arguments.get(slot) not in {item.title for item in items}:
        return [call]
    return [ToolCall(call.name, {**call.arguments, slot: item.title}) for item in items]


_DAY_WORD = rf"(?:today|tonight|tomorrow|tmrw|(?:this\s+|next\s+|on\s+)?{WD}s?)"
_TWO_DAYS = re.compile(
    rf"\b(?P<first>{_DAY_WORD})\s*(?:,|&|\band\b|\bplus\b)\s*(?:also\s+)?(?P<second>{_DAY_WORD})\b", re.I
)


def _each_day(call: ToolCall, clause: str, ctx: Context) -> list[ToolCall]:
    """One cancel per day when the clause names two occurrences ("skip X today and tomorrow")."""
    if call.name != "cancel_schedule_block" or "occurrence_date" not in call.arguments:
        return [call]
    if not (pair := _TWO_DAYS.search(clause)):
        return [call]
    days = [_date_arg(pair[part], ctx) for part in ("first", "second")]
    if None in days or days[0] == days[1] or call.arguments["occurrence_date"] not in days:
        return [call]
    return [ToolCall(call.name, {**call.arguments, "occurrence_date": day}) for day in days]


# A created course is not among them, and after one nothing joins: the rules read "study it"/"add a note to it"
# after a course themselves.
CREATED_KIND = {
    "create_note": "note",
    "create_goal": "goal",
    "create_schedule_block": "block",
    "add_topic": "topic",
    "add_module": "module",
    "add_goal_task": "task",
}


def _created(found: list[ToolCall], known: Known) -> Item | None:
    """What a clause created joins the learner's items, so a later "tag it" or "study it" names it."""
    made = None
    for call in found:
        title = call.arguments.get("title")
        if (
            call.name in CREATED_KIND
            and isinstance(title, str)
            and title
            and not known.find(CREATED_KIND[call.name], title)
        ):
            parent = call.arguments.get("course") or call.arguments.get("goal") or ""
            made = Item(CREATED_KIND[call.name], title, str(parent), str(call.arguments.get("module") or ""))
            known.items.append(made)  # with its course or goal: "add module M, put T in it" adds T to M's course
    return made


def masked_clauses(text: str, *, today: date, known: Known) -> list[str]:
    """The clauses of ``text`` as the classifier sees them: normalised, split, item names masked by their kind."""
    protected, quoted = protect_quotes(_protect_titles(_normalise(text, known, today), known))
    out = []
    for raw in _split(protected):
        rule_text = LEADING_NOISE.sub("", raw).strip()
        if re.match(r"(?:an?\s+(?:new\s+)?|new\s+)(?:goal|note|course)\b", rule_text, re.I):
            rule_text = "create " + rule_text
        out.append(_mask(restore_quotes(rule_text, [f'"{q}"' for q in quoted]), known))
    return out


def _merge_tags(calls: list[ToolCall]) -> list[ToolCall]:
    """Tag changes of one note in one call ("take the orgo tag off X and tag it exam")."""
    out: list[ToolCall] = []
    for call in calls:
        first = next(
            (c for c in out if c.name == call.name == "tag_note" and c.arguments["note"] == call.arguments["note"]),
            None,
        )
        if first is None:
            out.append(call)
            continue
        merged = dict(first.arguments)
        for key in ("add", "remove"):
            merged[key] = [
                *merged.get(key, []),
                *[t for t in call.arguments.get(key, []) if t not in merged.get(key, [])],
            ]
            if not merged[key]:
                del merged[key]
        out[out.index(first)] = ToolCall("tag_note", merged)
    return out
