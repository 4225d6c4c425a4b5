"""Offline understanding over the learner's own items: intent by nearest neighbours, arguments by fuzzy matching.

``understand(text, now=, timezone=, known=, previous=)`` returns the tool calls for a message, or a
clarifying question (and no calls) when a reference names several of the learner's items, or none.

1. The message is normalised (abbreviations such as "tmrw", misspelled key words), "it/that" and
   "same time" are taken from the previous message, and the learner's titles that contain "and" are
   quoted so a clause split never cuts them (``clauses``). A reply that only points back at the
   previous request ("undo that", "same for X") is read against its calls (``followup``).
2. It is split into clauses where a new request starts (``clauses.split_clauses``).
3. Each clause's item names are masked by their kind ("finished gradient descent" -> "finished the
   topic", ``clauses.mask``) and the masked clause is classified by its nearest examples
   (``intent.classify``); the hand-written rules (``parser.MATCHERS``) are kept for the phrasings they
   know and win when they agree with the classifier or the classifier is unsure, and key words settle
   the intent's family (``family``). ``reading.clause_calls`` turns one clause into calls.
4. Arguments come from the clause (``arguments``, titles of new items in ``titles``, study blocks in
   ``blocks``): references resolved fuzzily against the learner's items (``items.resolve``; several or
   none ask which, ``clarify``), dates and times through ``dates``/``when``, titles from quotes,
   "called X", "X: Y" or "to X"; a course, goal or parent the clause leaves out comes from context
   (``filling``).
5. The calls of every clause are tidied together (``merging``) into an ``Understanding``
   (``understanding``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from . import intent as classifier
from .abstain import LOG_TOOLS, MASS_REMOVAL_QUESTION, READ_ONLY, form, licensed, mass_removal, weighed
from .answers import answered, picked
from .asides import UNDECIDED_QUESTION, corrected_in_passing, taken_back, undecided, without_asides
from .block_requests import asks_for_a_block
from .block_titles import said_subject
from .blocks import (
    STARTS_FROM,
    block_of_the_day,
    each_day,
    filed_block,
    first_study_day,
    in_cancelled_slot,
    in_clause,
    moved_nowhere,
    no_occurrence,
    on_listed_day,
    own_days,
    resized_block,
    series_start_to_come,
    shifted_by_span,
    shortened_occurrence,
    starting_on,
    the_one_listed,
    unmet_listed_day,
    whole_block,
)
from .calls import ToolCall
from .chatter import without_chatter, without_current_value
from .clarify import Clarify, which
from .clauses import (
    DATED_NUMBER,
    REASON_TOLD,
    SLOTS,
    TASK_LIST,
    TIME_PHRASE,
    WHOLE_SERIES,
    barely,
    kind_named_before,
    mask,
    new_one_named,
    normalise,
    previous_referent,
    protect_titles,
    referent,
    split_clauses,
)
from .codeswitch import in_english
from .context import Context
from .contradictions import QUESTION as CONTRADICTION_QUESTION
from .contradictions import TOO_LONG_QUESTION, change_as_title, contradicting, opposite, too_long
from .corrections import is_correction
from .course_deadline import block_of_new_course, course_deadline
from .courses import sections_as_modules, taken_course_titled, told_new_then_added, wished_course
from .dates import DEFAULT_TIME, WD, parse_duration, parse_time
from .done import says_done, without_adverb_after_done
from .exams import (
    adds_one_exam,
    exam_follow_up,
    exam_request,
    leans_on_exam,
    titled_after,
    told_before,
    with_title,
)
from .family import BE_CHANGED, COMPLETION, NEGATION, REMOVAL, SLIPPED_DONE, family
from .filling import (
    NEEDS,
    course_told,
    course_topic_unnamed,
    narrower,
    renamed_after_title,
    targets_known,
    with_course,
    with_goal,
    with_parent,
)
from .followup import (
    BARE_DUE,
    CHANGES_IT,
    INVERSE,
    LISTED_KIND,
    TIMED,
    UNDO,
    cards_counted,
    cards_gone_through,
    follow_up,
    leans_back,
    read_item,
    says_how_many,
)
from .goals import another_step, goal_said_first, unplaced_task
from .impossible_dates import QUESTION as IMPOSSIBLE_DATE_QUESTION
from .impossible_dates import names_impossible_date
from .items import FILLER, KINDS, Item, Known, mentions, resolve, score, tokens
from .kindless import kindless_removal_question
from .material_search import (
    WHAT_TO_SEARCH_QUESTION,
    material_named_back,
    material_search,
    names_material,
    notes_then_material,
    points_back,
    searched_again,
)
from .merging import (
    another_new,
    blocks_for_new_goal,
    created_item,
    each_named,
    listed_done,
    made_several,
    merge_lengths,
    merge_tags,
    one_more,
    own_list_done,
    repeated_summary,
    replacing_cancelled,
    retagged_note,
    session_subject,
    several_named,
    tag_put_instead,
    tag_swapped,
    undone,
    updated_item,
)
from .narrative import without_narrative
from .note_titles import titled_note
from .notes import with_closing_marks
from .occurrences import (
    day_of_previous,
    days_one_said,
    left_day_as_from,
    next_meeting_asked,
    one_of_several_days,
    some_day_unsaid,
)
from .offsets import clock_after_offset, without_hour_told
from .ones import one_of_listed
from .outside import without_outside_request
from .parents import child_named
from .parser import protect_quotes, restore_quotes
from .places import placed_in_goal, placed_in_module, purpose_after, topic_said_plainly
from .priority import with_spoken_priority
from .reading import PRONOUN, clause_calls
from .reasons import without_need_after, without_obstacle_after, without_reason_after_resize, without_reason_goal
from .remarks import without_others_remark
from .replies import is_farewell
from .session_end import after_stop, ended_session, postpones_session
from .shared import shared_request
from .spoken import texted_are
from .structure import said_as_structure
from .study import tracking_as_timer
from .task_lists import listed_tasks, module_topics
from .text import LEADING_NOISE
from .titles import NAMELESS_QUESTION, called_after_pause, nameless, note_subject, own_title, renamed_without_name
from .told_change import removal_after_plan, told_then_asked
from .understanding import Understanding
from .unsaid import (
    CONTENT_QUESTION,
    REFERENT_QUESTION,
    WHAT_QUESTION,
    contentless,
    goal_unsaid,
    pointed_kind,
    puts_something,
    titled_as_container,
    unnamed_of_several,
)
from .vague import QUESTION as WHEN_QUESTION
from .vague import no_time_at_all, places_loosely, unplaced_hour, vague_time
from .verbatim import verbatim
from .when import said_only_when
from .world import KEEP_WHILE_REMOVING_QUESTION, keeps_while_removing, without_keeping

# A clock no day has ("25:00", "9:75", "13pm"): asked about, never read as another time.
_IMPOSSIBLE_CLOCK = re.compile(
    r"(?<![:\d])(?:(?:2[4-9]|[3-9]\d):\d\d|\d{1,2}:[6-9]\d)(?![:\d])|(?<![.:\d])\b(?:1[3-9]|2\d)\s*[ap]\.?m\b", re.I
)
IMPOSSIBLE_CLOCK_QUESTION = "That time isn't on the clock. What time did you mean?"
LEANS_BACK_QUESTION = "What should I do that for? Tell me the item's name, please."
PICK_QUESTION = "Which one do you mean, and what should I do with it?"
SECOND_READING_CHARS = 300  # longer messages are read once: no split into two requests, no remark dropped


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


# "its" before a field of an item ("and set its target date to dec 10"): the item named before.
_ITS_FIELD = re.compile(
    r"\bits\s+(?=(?:(?:target|due|end|finish)\s+)?date\b|deadline\b|difficulty\b|level\b|priority\b|title\b|"
    r"name\b|tags?\b|duration\b|length\b|start\b|time\b)",
    re.I,
)
# "... and set the target date to april 24" right after a change of a goal: that goal's field, as "its" would say.
_THE_FIELD = re.compile(
    r"\bthe\s+(?=(?:(?:target|due|end|finish)\s+)?date\b|target\b|deadline\b|priority\b|description\b|difficulty\b|"
    r"level\b)",
    re.I,
)
_CHANGED_BY = {"goal": "update_goal", "course": "update_course"}
_BARE_TARGET = re.compile(r"\btarget\b(?!\s+date\b)", re.I)
_THAT_DAY = re.compile(r"\b(?:on\s+)?(?:that|the\s+same)\s+(?:one\s+|1\s+)?day\b", re.I)
# A day said by its name or distance, no clock: "friday", "tomorrow", "on the 12th".
_DAY_SAID = re.compile(rf"\b(?:today|tonight|tomorrow|(?:next\s+|this\s+)?{WD}|on\s+the\s+\d{{1,2}}\w*)\b", re.I)
# Two days the message before named, said again together: "skip X both days", "cancel it on those two days".
_BOTH_DAYS = re.compile(
    r"\b(?:on\s+)?(?:(?:both(?:\s+of\s+(?:those|these|the))?|those)\s+(?:two\s+|2\s+)?|the\s+(?:two|2)\s+)days\b", re.I
)


# "new lin alg note, call it X - ...": a new note of a subject, said before the word note.
_NEW_SUBJECT_NOTE = re.compile(
    r"new\s+(?P<subject>(?:[\w&+-]+\s+){1,3}?)note\b(?=\s*[,:]?\s*(?:called|named|titled|call\s+it|title))", re.I
)
# "note for spanish - ser vs estar: ser = ...": the course, a dash, the title, a colon, the content.
_NOTE_FOR_COURSE = re.compile(
    r"^(?:(?:a|new)\s+)?note\s+(?:for|in)\s+(?P<course>[\w&+' ]{2,30}?)\s*[-\u2013\u2014]\s*"
    r"(?P<title>[^:]{2,60}?)\s*:\s*(?P<content>\S.*)$",
    re.I,
)
_BARE_DONE = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|right)\W+)*(?:i\s+(?:am\s+|'m\s+|m\s+)?|i'm\s+)?(?:all\s+)?"
    r"(?:finish|finished|done|completed?)\W*(?:for\s+(?:now|today|the\s+day))?\W*$",
    re.I,
)


# A when that finishes the previous request: "move my orgo review" then "to friday at 5pm".
_WHEN_FOR_PREVIOUS = re.compile(r"^\W*(?:to|till|until|for|from|at|on)\b", re.I)
# Cards said by name: "just 5 cards", "show me 8 flashcards".
_CARDS = re.compile(r"\b(?:flash\s*)?cards\b", re.I)


def _cards_counted(calls: list[ToolCall], count: str, before: str) -> bool:
    """Whether a count ("just 5", "show me 25 cards") is of the cards the clause before listed, or said it was when
    that clause only asked what is due ("show me what's due, just 5 cards": the cards due, not the calendar)."""
    if not calls:
        return False
    if calls[-1].name == "list_due_cards":
        return True
    return calls[-1].name in READ_ONLY and bool(_CARDS.search(count)) and bool(re.search(r"\bdue\b", before, re.I))


# "write a note: X. put it in world history": the note just made goes in that course.
_NOTE_PLACED = re.compile(
    r"^\W*(?:(?:and|then|pls|please)\s+)*(?:put|file|save|add|stick|move|keep)\s+(?:it|that|this)\s+"
    r"(?:in|into|under|to)\s+(?:my\s+|the\s+)?(?P<course>[^,.;!?]+?)(?:\s+(?:course|class|folder))?\W*$",
    re.I,
)
_MODIFIER = re.compile(
    r"^\W*(?:and\s+)?make\s+(?:it|them)\s+(?:really\s+|extra\s+|super\s+)?"
    r"(?:hard|harder|easy|easier|tough|quick|short|challenging|difficult)\W*$",
    re.I,
)

# "..., put (it) in my schedule" after a block: where the block goes, said again.
_FILED_IN_SCHEDULE = re.compile(
    r"^\W*(?:(?:and|then|pls|please|just)\s+)*(?:put|add|save|stick|place)\s+(?:it\s+|that\s+|this\s+)?"
    r"(?:in|into|on|to)\s+(?:my\s+|the\s+)?(?:schedule|calendar|calender|agenda|planner)(?:\s+(?:pls|please))?\W*$",
    re.I,
)
# "whats due in my cards, show me 25": how many of the cards just listed.
_HOW_MANY_LISTED = re.compile(
    r"^\W*(?:(?:and|just|pls|please|only|but)\s+)*(?:(?:show|give|list|gimme)\s+(?:me\s+)?)?(?:the\s+)?"
    r"(?:first\s+|top\s+|next\s+|only\s+|just\s+|like\s+|about\s+|around\s+|maybe\s+)?(?P<count>\d{1,2})"
    r"(?:\s+(?:of\s+them|cards|flashcards|pls|please|or\s+so|ish))*\W*$",
    re.I,
)

# "note for orgo, title X, body: Y": a note's fields named one by one ask for a new note.
_NOTE_WITH_FIELDS = re.compile(
    r"note\s+(?:for|in|to|under|on)\s+[^,:]{1,40}[,:]\s*(?:titled|called|named|title|name)\b.*\b(?:body|content)\b",
    re.I,
)


# A removal, move, rename or archive: what it acts on is never only inferred ("delete the books task" asks).
_DISPLACED = re.compile(rf"{REMOVAL.pattern}|\b(?:cancel|move|reschedule|shift|push|rename|archive)\b", re.I)


# The new name a rename gives in quotes: "rename it to 'Mechanisms'" names no item by it.
_NEW_NAME_QUOTED = re.compile(r"(\b(?:rename|retitle|call|name)\b.*?\s(?:to|into|as)\s+)\"[^\"]*\"", re.I)


_SHOULD_BE_CALLED = re.compile(r"\b(?:should|must|will|can)\s+(?:now\s+)?be\s+(?:called|named|renamed)\b", re.I)


# A change asked as a hedge or a check ("X should be at 8 but I oversleep", "X will be at 8 as always, right?").
_HEDGED = re.compile(r"\b(?:if|but|unless|though|as\s+(?:always|usual))\b|\b(?:right|yeah|correct|yes|no)\W*\?", re.I)
# A wish said in the negative ("X should not be at 6", "X shouldnt be so early"): where it should not be, not where.
_NOT_WISHED = re.compile(
    r"\b(?:should|could|can|will|would|must)(?:\s+not|n'?t|\s+never)\b|\b(?:shouldnt|couldnt|cant|wont|wouldnt|mustnt)\b",
    re.I,
)
# A block's new time asked for in place of its own: "X tmrw, could we do 7:30pm instead (of 6)?".
_INSTEAD_ASKED = re.compile(
    r"\b(?:can|could)\s+(?:we|i|u|you)\s+(?:do|have)\s+(?:it\s+)?(?:at\s+)?\d[\d:]*\s*(?:am|pm)?\s+instead\b", re.I
)
_INVERTED = re.compile(r"^\W*(?:(?:ok|so|hey|and|also|then)\W+)*(?:could|can|would)\b", re.I)


def _asks_change(clause: str) -> bool:
    """Whether a wish-form change ("X should be ...", "could X be ...?") is asked: a statement or an inverted
    modal question, neither hedged."""
    shape = form(clause)
    if _HEDGED.search(clause) or _NOT_WISHED.search(clause):
        return False
    return shape in ("statement", "request") or bool(_INVERTED.match(clause))


def _field_of_changed(clause: str, item: Item, calls: list[ToolCall], known: Known) -> bool:
    """Whether a clause right after a change of a goal or course sets "the" date, priority, description or level and
    names nothing else ("bump the MCAT goal to high priority and set the target date to april 24"): that item's."""
    named = referent(DATED_NUMBER.sub(lambda m: re.sub(r"\d", "#", m[0]), clause), known)  # "june 1" names no "test 1"
    tool = _CHANGED_BY.get(item.kind)
    return (
        tool is not None
        and any(call.name == tool and call.arguments.get(item.kind) == item.title for call in calls)
        and bool(_THE_FIELD.search(clause))
        and (named is None or barely(named, clause))
    )


def _names_pronoun(call: ToolCall) -> bool:
    """Whether a call refers to an item only as 'it'/'that'."""
    if call.name in NEEDS and NEEDS[call.name] not in {k for k, v in call.arguments.items() if v}:
        return True
    return any(
        isinstance(call.arguments.get(slot), str) and PRONOUN.fullmatch(call.arguments[slot].strip())
        for slot in SLOTS.values()
    )


def _ask_what_is_unsaid(clause: str, found: list[ToolCall], known: Known) -> None:
    """Raise the question when a clause's request leaves out what it acts on or makes."""
    if contentless(found):
        raise Clarify(CONTENT_QUESTION)  # "take a note": what the note says
    if kind := pointed_kind(clause, found, known):
        raise Clarify(REFERENT_QUESTION.format(kind=kind))  # "remove that topic from X", nothing before
    if kind := unnamed_of_several(clause, found, known):
        raise Clarify(which(kind, known))  # "set a due date for my task": one of several, none named
    if puts_something(clause):
        raise Clarify(WHAT_QUESTION)  # "put something on my calendar"


def _own_words(call: ToolCall, clause: str, blocks: int) -> str:
    """The words a call's links come from: a block's own title when the clause makes several ("physics tuesday at 5
    and chem friday at 6": chem is the second's course only), else the clause."""
    title = call.arguments.get("title")
    return title if blocks > 1 and call.name == "create_schedule_block" and isinstance(title, str) else clause


# Where a second request may start when no trigger word marks it: a comma or "and", a sentence end, "now/then",
# a run of symbols ("backprop done ✅ now starting X").
_BOUNDARY = re.compile(
    r"\s*,\s*(?:and\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|[.!?;]+\s+|\s+[^\w\s'\"&+/]+\s+|"
    r"(?<!\bfrom)\s+(?:now|then)\s+(?!on\b)"  # "from now on" is when, never a joint
)


# A goal's tasks asked about: "what tasks are left for the mcat", "what's left on my reading goal".
_TASKS_ASKED = re.compile(r"\b(?:tasks|to-?dos|steps)\b|\bwhat(?:'s|s|\s+is)\s+left\b", re.I)


# A task's own date: "set the due date for it", "make it due friday" (a goal has a target date).
_DUE = re.compile(r"\bdue\b", re.I)


def _tasks_asked_of(goal: Item, previous: str, clause: str, known: Known | None) -> tuple[Item, ...]:
    """The goal's open tasks when the previous message asked about them and the clause completes "it" or gives it a
    due date: "it" is one of them, not the goal."""
    if (
        known is None
        or goal.kind != "goal"
        or not _TASKS_ASKED.search(previous)
        or not (COMPLETION.search(clause) or _DUE.search(clause))
    ):
        return ()
    return tuple(item for item in known.of("task") if item.parent == goal.title)


def _at_default_time(call: ToolCall) -> bool:
    """Whether the call books a new block at the default clock, the one a reading falls back on."""
    start = call.arguments.get("start")
    return call.name == "create_schedule_block" and isinstance(start, str) and start.endswith(f"T{DEFAULT_CLOCK}")


def _clock_said(text: str, known: Known | None, today: date) -> bool:
    """Whether the message says a time of day, in figures, words or a part of the day ("four thirty pm", "9-11",
    "tonight"), as the reader normalises it."""
    return parse_time(normalise(text, known or Known(), today)) is not None


DEFAULT_CLOCK = f"{DEFAULT_TIME[0]:02d}:{DEFAULT_TIME[1]:02d}"


# A rename up to its new name: "rename it to orgo drills".
_RENAMED_TO = re.compile(r"\b(?:rename|re-name|retitle)\b.*?\s(?:to|as)\s", re.I)


def _without_new_name(clause: str) -> str:
    """The clause without the new name a rename gives, which names no item of the learner's ("rename it to orgo
    drills" names no course "Organic Chemistry")."""
    clause = _NEW_NAME_QUOTED.sub(r"\1", clause)  # 'call it "Orgo drills"'
    renamed = _RENAMED_TO.search(clause)
    return clause[: renamed.end()] if renamed else clause


# A change that may touch one day's occurrence: "is X on tonight?" then "cancel it" (tonight's), "move it to 8".
_ONE_DAY_CHANGE = re.compile(r"\b(?:move|push|shift|bump|reschedule|cancel|skip|drop|call\s+off)\b", re.I)


_SPACE_RUN = re.compile(r"[ \t\u00a0]{2,}|\s{3,}")


def understand(
    text: str, *, now: datetime, timezone: str, known: Known | None = None, previous: str = ""
) -> Understanding:
    """The calls for ``text`` (resolved against ``now`` in ``timezone``), or the question to ask first.

    A reply that only leans on the previous request ("same for X", "actually just 20") never becomes a note.
    """
    if ended := ended_session(
        text, previous
    ):  # "start a session for orgo" then "ok that's it, i'm done": no topic done
        rest = after_stop(text)
        more = understand(rest, now=now, timezone=timezone, known=known, previous=previous) if rest else None
        if more and more.calls and not more.question and form(rest) == "request":
            return Understanding([*ended, *(c for c in more.calls if c not in ended)])  # "..., and mark X finished"
        return Understanding(ended)
    if taken_back(text) or is_farewell(text):
        return Understanding()  # "delete the stats course lol jk": taken back; "that's it for this week, bye"
    if undecided(text) or corrected_in_passing(text):
        return Understanding(question=UNDECIDED_QUESTION)  # "6:30 or 8 idk": which is for the learner to say
    if goal_unsaid(text):
        return Understanding(question=NAMELESS_QUESTION)  # "make me a new goal by friday": the goal itself is unsaid
    found = _understood(text, now=now, timezone=timezone, known=known, previous=previous)
    if which_day := some_day_unsaid(found.calls, text):
        return Understanding(question=which_day)  # "skip spanish one day next week": which day is the learner's
    if too_long(found.calls):
        return Understanding(question=TOO_LONG_QUESTION)  # "block out 8am to 7am": 23 hours is no study block
    if change_as_title(found.calls, text):
        return Understanding(question=WHEN_QUESTION)  # "push the stats exam back": to when, and no goal made
    named = [call for call in found.calls if not nameless(call, text)]
    if (found.calls and not named) or (not found.question and renamed_without_name(found.calls, text)):
        return Understanding(question=NAMELESS_QUESTION)  # "add some tasks to the mcat goal": which tasks
    found.calls = named  # "..., put it in for stats" after a block: no topic called "it"
    if contradicting(found.calls) or (opposite(text) and any(call.name not in READ_ONLY for call in found.calls)):
        return Understanding(question=CONTRADICTION_QUESTION)  # "make X high priority and also low priority"
    today = now.astimezone(ZoneInfo(timezone)).date()
    if not previous and any(_at_default_time(call) for call in found.calls) and not _clock_said(text, known, today):
        return Understanding(question=WHEN_QUESTION)  # "add an exam on the 28th": no block at a time nobody said
    local_now = now.astimezone(ZoneInfo(timezone))
    found.calls = [shifted_by_span(call, text, now=local_now, known=known or Known()) for call in found.calls]
    if postpones_session(found.calls, text) or moved_nowhere(found.calls, text):
        return Understanding(question=WHEN_QUESTION)  # "push my study session to later", "move X? cant make it"
    found.calls = block_of_new_course(course_deadline(module_topics(text, listed_tasks(text, found.calls))))
    found.calls = with_spoken_priority([said_subject(call, text, known or Known()) for call in found.calls], text)
    found.calls = verbatim(found.calls, text, lambda span: normalise(span, known or Known(), today))
    found.calls = with_closing_marks(found.calls, text)  # "... no water!!", "why does X point uphill?"
    found.calls = without_reason_goal([without_chatter(call) for call in found.calls], text)
    found.calls = [series_start_to_come(call, text, now=local_now, known=known or Known()) for call in found.calls]
    if previous and any(call.name == "create_note" for call in found.calls) and leans_back(text, now.date()):
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
    text = texted_are(text)  # "when r my exams": "when are my exams"
    text = in_english(text)  # "quiero add a course", "cancela X de hoy": the request words of another language
    text = called_after_pause(without_asides(text))  # "quick note before i forget, call it X": a note called X
    text = without_hour_told(text, now.astimezone(ZoneInfo(timezone)))  # "4am and im still up": the hour, told
    text = _READ_REASON.sub(lambda m: m["ask"] or m["read"], text)
    text = without_others_remark(text)  # "remove X from orgo, prof cut it from the syllabus": the removal alone
    text = without_outside_request(text)  # "add X. also can u email my TA": the app's part
    text = without_need_after(text)  # "show me the goals i've completed, need a confidence boost": why, not what
    text = without_obstacle_after(text)  # "move X to 9:30, i have an 8am lab": the 8am is worked around
    text = without_reason_after_resize(text)  # "shorten X to 30 mins, 1 hr every day is too much": why
    if keeps_while_removing(text):
        return Understanding(question=KEEP_WHILE_REMOVING_QUESTION)  # "delete X, but i want to keep my progress"
    text = without_keeping(text)  # "hide X for now, but want to keep my progress": the wish asks for nothing
    text = without_current_value(text)  # "X should be advanced not whatever it is now": the new value only
    text = without_adverb_after_done(text)  # "X is done finally": "X is done"
    text = titled_note(text)  # "write this down - X. call it T": "make a note called T: X"
    text = tracking_as_timer(text)  # "i should track this, doing X now": "start the timer, doing X now"
    text = left_day_as_from(text)  # "X -> friday 6pm instead of thursday": the thursday occurrence moves
    text = sections_as_modules(told_new_then_added(text))  # "add a section called X to lin alg"
    text = new_one_named(text)  # "archive the ML course and make a new one called X": a new course
    text = taken_course_titled(text)  # "starting X this semester. make a course w/ modules ...": the course X
    text = goal_said_first(another_step(text))  # "lin alg goal: add task X"
    if (unplaced := unplaced_task(text, known or Known(), previous=previous)) is not None:
        return unplaced  # "add a task to my goal: X": which goal, before anything is written
    text = purpose_after(text)  # "for my mcat goal schedule X ...": the request first, then what it is for
    text = placed_in_goal(text, known or Known())  # "put X under my reading goal", "add X as my next book"
    text = said_as_structure(text, known or Known())  # "X should be under M, move it", "C needs a new section: X"
    text = topic_said_plainly(
        text, known or Known()
    )  # "add X as a topic in orgo under stereochem basics": "add X under ... in orgo"
    text = placed_in_module(text, known or Known())  # "add X under stereochem in orgo"
    text = _PATH.sub(r"\g<verb> \g<what> to the \g<module> module", text)  # "ML > neural networks: add 'X'"
    if _IMPOSSIBLE_CLOCK.search(text):
        return Understanding(question=IMPOSSIBLE_CLOCK_QUESTION)
    if names_impossible_date(text):
        return Understanding(question=IMPOSSIBLE_DATE_QUESTION)
    if mass_removal(text):
        return Understanding(question=MASS_REMOVAL_QUESTION)
    text = one_of_listed(
        text, previous, known or Known()
    )  # "what are my goals" then "make the lin alg one due may 30": that goal
    if kindless := kindless_removal_question(text, known or Known(), previous=previous):
        return Understanding(question=kindless)  # "delete the spanish thing": the course or the block?
    text = told_then_asked(text)  # "my MCAT got pushed to sept 11, can u update the goal": that change
    text = removal_after_plan(text)  # "im switching X to evenings so delete the sunday block": the removal
    text = _DATE_AS_TARGET.sub(r"set the target date of \g<subject> to \g<day>", text)
    text = without_narrative(text, known or Known())  # "yesterday i went to ... . could you add X": the request
    text = _TIME_AT_HAND.sub("what should i do now", text)  # "got 20 mins free, what should i study": the day's plan
    text = clock_after_offset(text, now.astimezone(ZoneInfo(timezone)))  # "in 2 hours i wanna do X for 40 min"
    today = now.astimezone(ZoneInfo(timezone)).date()
    untitled, title = titled_after(text)  # "orgo final on april 30, name it X": the exam, titled X
    if title and (titled := exam_request(untitled, today=today, known=known or Known())) and adds_one_exam(titled):
        return with_title(titled, title)
    exam = exam_request(text, today=today, known=known or Known()) or (
        exam_follow_up(text, previous=previous, today=today, known=known or Known()) if previous else None
    )
    if exam:
        return exam  # "my micro midterm is on feb 12", "how ready am i for the stats final"
    if beside := _exam_beside_request(text, now=now, timezone=timezone, known=known, previous=previous):
        return beside  # "add my ML final on sept 10 and make a goal to get an A in ML"
    asked = told_before(text, today)
    if asked == "":
        return Understanding()  # "my spanish final is in 2 days and i'm panicking": told, nothing asked
    text = asked or text  # "my stats exam is next week, quiz me on bayes": the request after the telling
    shared = shared_request(text, known or Known())
    if shared and form(text) != "other" and (shared[0].name in READ_ONLY or form(text) != "question"):
        return Understanding(calls=shared)  # a shared course's topics are not the learner's items
    if previous and (again := searched_again(text, _prior_calls(previous, now=now, timezone=timezone, known=known))):
        return Understanding(calls=again)  # "search my notes for X" then "nothing there? check the slides then"
    both = notes_then_material(text, lambda first: _understand(first, now=now, timezone=timezone, known=known).calls)
    if both:
        return Understanding(calls=both)  # "search my notes for X and also check the slides for it"
    if alongside := _search_beside_request(text, now=now, timezone=timezone, known=known):
        return Understanding(calls=alongside)  # "give me resources on X, and find the bit in my slides about Y"
    searched = material_search(material_named_back(text, previous))  # "uploaded X" then "what do they say about Y"
    if searched and points_back(searched):
        return Understanding(question=WHAT_TO_SEARCH_QUESTION)  # "what do my slides say about it", nothing before
    if searched:
        return Understanding(calls=searched)  # "what do my slides say about X": the uploads, not the notes
    if len(text) <= SECOND_READING_CHARS and (
        fixed_and_asked := _correction_then_request(text, now=now, timezone=timezone, known=known, previous=previous)
    ):
        return fixed_and_asked  # "actually make that 4, and can you check if anything overlaps this weekend"
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
        if STARTS_FROM.match(second):
            continue  # "..., begin next week": when the request starts, no second request
        if _HOW_MANY_LISTED.match(second):
            continue  # "show me what's due, just 5 cards": how many of what the first half asks for
        halves = [_understand(first, now=now, timezone=timezone, known=known, previous=previous)]
        halves.append(_understand(second, now=now, timezone=timezone, known=known, previous=previous))
        if any(half.question or not half.calls for half in halves):
            continue
        owner = next((k for k, half in enumerate(halves) if any(c.name == call.name for c in half.calls)), None)
        if owner is None or len({c.name for half in halves for c in half.calls}) < 2:
            continue
        own = next(c for c in halves[owner].calls if c.name == call.name)
        other, other_text = halves[1 - owner], (second if owner == 0 else first)
        if len(own.arguments) < len(call.arguments) and not _linked_from(call, own, other.calls, known):
            continue  # the other half only added to the whole's call ("goal: X. steps: a, b")
        if PRONOUN.search(other_text) and known and referent(other_text, known) is None:
            continue  # "..., remember that": the other half points back at the whole's request
        shape = form(other_text)
        logged = shape == "statement" and COMPLETION.search(other_text) and not NEGATION.search(other_text)
        plan_too = shape == "question" and call.name in _PLAN_READS  # "what's on saturday, and is anything clashing?"
        if all(
            shape == "request" or (logged and c.name in LOG_TOOLS) or (plan_too and c.name in _PLAN_READS)
            for c in other.calls
        ):
            both = [*halves[0].calls, *[c for c in halves[1].calls if c not in halves[0].calls]]
            return Understanding(calls=_one_window(both, second) if plan_too else both)
    return whole


# Reads of the plan over a window of days: a question for one, then another for the other, asks for both.
_PLAN_READS = frozenset({"list_schedule", "find_schedule_conflicts"})
# A window of days said: "next week", "coming up", "tomorrow", "fri".
_WINDOW_SAID = re.compile(
    rf"\b(?:today|tonight|tomorrow|tmrw|week|weekend|month|coming\s+up|upcoming|soon|next|this|days?|{WD})\b|\d", re.I
)


def _one_window(calls: list[ToolCall], second: str) -> list[ToolCall]:
    """Two reads of the plan, the second saying no days of its own, over the first one's days ("whats on fri and
    sat? and does anything overlap")."""
    window = next((c.arguments for c in calls if c.name in _PLAN_READS and c.arguments), None)
    if window is None or _WINDOW_SAID.search(second):
        return calls
    days: dict[str, object] = {key: window[key] for key in ("start", "end") if key in window}
    return [ToolCall(c.name, days) if c.name in _PLAN_READS and not c.arguments else c for c in calls]


def _linked_from(whole: ToolCall, own: ToolCall, others: list[ToolCall], known: Known | None) -> bool:
    """Whether what the whole message's call has beyond a half's own reading of it is only the parent of its item,
    which the other half acts on ("make the B+ goal high priority, and redo pset 3 is due wednesday": the task's
    goal, from the first half)."""
    slot = NEEDS.get(own.name, "")
    item = known.find(slot, str(own.arguments.get(slot))) if known and slot else None
    extra = {key: value for key, value in whole.arguments.items() if key not in own.arguments}
    acted_on = {(need, call.arguments.get(need)) for call in others if (need := NEEDS.get(call.name))}
    return item is not None and all(value == item.parent and (key, value) in acted_on for key, value in extra.items())


# Where an exam told ends and a request begins: "my ML final is on april 28 so make a revision plan".
_SO = re.compile(r"\s*,?\s+so\s+")
_EXAM_BOUNDARY = re.compile(_BOUNDARY.pattern + "|" + _SO.pattern)


# Time at hand, then what to do with it: "i have like an hour free rn, what should i work on".
_TIME_AT_HAND = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|alright|hey|well|right)\W+)*(?:(?:i'?ve\s+got|i\s+(?:have|got)|i'?ve|got|have)\s+)"
    r"(?:(?:like|about|maybe|only|just|around)\s+)?"
    r"(?:an?\s+|\d+\s*|a\s+few\s+|half\s+an\s+|a\s+couple\s+(?:of\s+)?)?(?:free\s+|spare\s+)?"
    r"(?:hours?|hrs?|h|mins?|minutes|time)\b[^,.;!?]*[,.;!?]+\s*(?:so\s+)?what\s+(?:should|shall|can|could|do)\s+i\s+"
    r"(?:do|work\s+on|study|focus\s+on|tackle|get\s+done)\b(?:\s+(?:now|rn|right\s+now|first|next|today|tonight|then))*\W*$",
    re.I,
)


def _exam_beside_request(
    text: str, *, now: datetime, timezone: str, known: Known | None, previous: str
) -> Understanding | None:
    """An exam request and another request in one message, in the order said: each half read alone, the exam half
    by the exam reader (which reads only a message wholly about an exam)."""
    if len(text) > SECOND_READING_CHARS:
        return None
    today = now.astimezone(ZoneInfo(timezone)).date()
    for boundary in _EXAM_BOUNDARY.finditer(text):
        halves = (text[: boundary.start()], text[boundary.end() :])
        for exam_half in (0, 1):
            exam = exam_request(halves[exam_half], today=today, known=known or Known())
            if not exam or not exam.calls:
                continue
            other_text = halves[1 - exam_half]
            asked_beside = form(other_text) == "question" and _FILE_IT.search(halves[exam_half])
            if form(other_text) != "request" and not asked_beside:
                continue  # "my exam is may 20, how do i even start": the exam is told, the question is the request
            other = exam_follow_up(other_text, previous=halves[exam_half], today=today, known=known or Known())
            if other is None and (leans_on_exam(other_text) or _SO.fullmatch(boundary[0])) and exam_half == 0:
                continue  # "..., set a goal to pass it", "... so block 2 hours": the exam is told as a reason
            other = other or _understood(other_text, now=now, timezone=timezone, known=known, previous=previous)
            if other.question:
                return other  # "delete my orgo exam, and add a block": asked about first, nothing done yet
            if other.calls and not (asked_beside and any(c.name not in READ_ONLY for c in other.calls)):
                calls = _one_exam_update([*exam.calls, *other.calls] if exam_half == 0 else [*other.calls, *exam.calls])
                # "my stats exam got cancelled, delete it": both halves ask for the one removal
                return Understanding(calls=[c for k, c in enumerate(calls) if c not in calls[:k]])
    return None


# One item pointed back at: "it", "that one" (after two were made, it names neither).
_ONE_OF_THEM = re.compile(r"\b(?:it|that\s+one|this\s+one|the\s+one)\b", re.I)


# An exam asked to be filed: "..., add it pls", "put it in": a question beside it ("also whats my streak") is asked too.
_FILE_IT = re.compile(r"\b(?:add|put|save|log|track)\b", re.I)


def _search_beside_request(text: str, *, now: datetime, timezone: str, known: Known | None) -> list[ToolCall]:
    """A search of the material and another request in one message, in the order said ("give me resources on the
    cold war, and find the bit in my slides about X"): each half read alone, the other a request or only reads;
    none when no cut gives both."""
    for boundary in _BOUNDARY.finditer(text):
        halves = (text[: boundary.start()], text[boundary.end() :])
        for search_half in (0, 1):
            searched, other_text = material_search(halves[search_half]), halves[1 - search_half]
            if not searched or names_material(other_text) or (shape := form(other_text)) == "other":
                continue
            other = _understand(other_text, now=now, timezone=timezone, known=known)
            reads = {call.name for call in other.calls} <= READ_ONLY
            if other.calls and not other.question and (shape == "request" or reads):
                return [*other.calls, *searched] if search_half else [*searched, *other.calls]
    return []


# Several items pointed back at: "i did X and Y yesterday, mark em done".
_THEM = re.compile(r"(?:\b(?:them|both(?:\s+of\s+them)?|those|these)\b|(?<![\w'])'?em\b)", re.I)


def _one_exam_update(calls: list[ToolCall]) -> list[ToolCall]:
    """Two changes of one exam as one ("the lin alg exam moved to oct 22, also rename it to Midterm 2")."""
    merged: list[ToolCall] = []
    for call in calls:
        if (
            merged
            and call.name == merged[-1].name == "update_exam"
            and call.arguments["exam"] == merged[-1].arguments["exam"]
        ):
            merged[-1] = ToolCall("update_exam", {**merged[-1].arguments, **call.arguments})
        else:
            merged.append(call)
    return merged


def _correction_then_request(
    text: str, *, now: datetime, timezone: str, known: Known | None, previous: str
) -> Understanding | None:
    """A correction of the previous request, then a request of its own ("actually make that 4, and can you check if
    anything overlaps this weekend"): each half read alone after the previous message, both kept when each reads."""
    if not previous:
        return None
    today = now.astimezone(ZoneInfo(timezone)).date()
    for boundary in _BOUNDARY.finditer(text):
        first, second = text[: boundary.start()], text[boundary.end() :]
        if not is_correction(first, today) or form(second) not in ("request", "question"):
            continue
        halves = [_understand(h, now=now, timezone=timezone, known=known, previous=previous) for h in (first, second)]
        if all(half.calls and not half.question for half in halves):
            return Understanding(calls=[*halves[0].calls, *[c for c in halves[1].calls if c not in halves[0].calls]])
    return None


def _prior_calls(previous: str, *, now: datetime, timezone: str, known: Known | None) -> list[ToolCall]:
    """The calls of the previous message, read alone (none for a message longer than a chat-sized one)."""
    if len(previous) > SECOND_READING_CHARS:
        return []
    return _understand(previous, now=now, timezone=timezone, known=known).calls


def _without_remark(
    text: str, *, now: datetime, timezone: str, known: Known | None, previous: str
) -> Understanding | None:
    """A request or question next to a remark that drowned it ("could you recommend X? the slides are not enough"):
    the request read alone, when the other sentences are statements that ask for nothing."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s.strip()]
    if len(sentences) < 2:
        return None
    for index, sentence in enumerate(sentences):
        rest = [s for k, s in enumerate(sentences) if k != index]
        shape = form(sentence)
        if shape not in ("request", "question") and not says_done(sentence):
            continue  # "X is DONE. never again": a sentence saying something is done may be read alone too
        if any(form(s) not in ("other", "statement") for s in rest):
            continue
        alone = _understand(sentence, now=now, timezone=timezone, known=known, previous=previous)
        if shape == "question" and any(call.name not in READ_ONLY for call in alone.calls):
            continue  # a question next to a remark may read ("got any resources? the books are dry"), never write
        if alone.calls and not alone.question and (shape in ("request", "question") or _logs_only(alone.calls)):
            return alone
    return None


def _logs_only(calls: list[ToolCall]) -> bool:
    """Whether every call only logs something done (a topic or task completed)."""
    return all(call.name in LOG_TOOLS for call in calls)


def _kept_spans(text: str, known: Known | None) -> list[tuple[int, int]]:
    """Where the message quotes or names one of the learner's titles: never cut there."""
    spans = [m.span() for m in re.finditer(r"[\"\u201c\u2018'][^\"\u201d\u2019']{2,80}[\"\u201d\u2019']", text)]
    if listed := TASK_LIST.search(text):
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
# "in it" after a verb of placing, once a clause made a module: that module, however fully its course was said ("add a
# module M to world history and a topic T in it").
_INTO_IT = re.compile(r"(?<=\w)\s+(?:in|into|under|inside|to)\s+it\b", re.I)
# A message that leans on the previous one: a pronoun, "too", "undo that", "forget that".
_POINTS_BACK = re.compile(
    r"\b(?:it|that|this|them|those|these|ones|too|also|as\s+well|undo|revert|again|same|actually|instead)\b"
    r"|\b(?:in|into|under|to|over)\s+there\b"  # "ty, now move X in there": the place just made
    r"|^\W*(?:(?:ok|okay|oh|so)\W+)?(?:and|now|what\s+about|how\s+about)\b"
    r"|^\W*(?:(?:wait|oh|oops|hmm)\W+)?no\b|\b(?:i\s+meant|my\s+bad|sorry|sry|oops|whoops|mb)\b"  # a slip owned
    rf"|{BARE_DUE}",  # "due end of april": the task just added
    re.I,
)


def _understand(
    text: str, *, now: datetime, timezone: str, known: Known | None = None, previous: str = ""
) -> Understanding:
    """The calls for ``text`` read as the split of its trigger words gives its clauses."""
    known = Known(list(known.items)) if known else Known()
    tz = ZoneInfo(timezone)
    ctx = Context(now=now.astimezone(tz), tz=tz)
    said = text  # as said: normalising drops "going forward", which keeps a listed day's occurrence off
    text = normalise(text, known, ctx.today)
    if (words := picked(text)) is not None and form(text) != "request":
        return _picked_answer(words, now=now, timezone=timezone, known=known, previous=previous)
    prior = (
        _understand(previous, now=now, timezone=timezone, known=known).calls
        if previous
        and len(previous) <= SECOND_READING_CHARS
        and (_POINTS_BACK.search(text) or says_how_many(text))  # one more reading
        else []
    )
    text = the_one_listed(text, previous, ctx, known)  # "what do i have tonight" then "cancel it": that one block
    if (
        len(prior) == 1
        and (kind := LISTED_KIND.get(prior[0].name))
        and CHANGES_IT.match(text)
        and previous_referent(previous, known) is None
    ):
        return Understanding(question=which(kind, known))  # "what's on this week" then "move it to friday": which?
    if (answer := follow_up(text, prior, known, ctx)) is not None:
        return answer
    if (reviewed := cards_gone_through(text, prior, normalise(previous, known, ctx.today), known)) is not None:
        return reviewed  # "how many cards do i have due for lin alg" then "ok lets go through them"
    if (fewer := cards_counted(text, prior)) is not None:
        return fewer  # "show me my due cards" then "too many lol, just the first 3"
    if said_only_when(text) and not (previous and _WHEN_FOR_PREVIOUS.match(text)):
        return Understanding()  # "the 11th", "june 11": a when, and nothing said to happen then
    if (resized := resized_block(text, known) or shortened_occurrence(text, known, ctx)) is not None:
        return Understanding([resized])
    text = tag_swapped(tag_put_instead(text))  # "take the X tag off N and put Y instead", "swap the X tag on N for Y"
    if (retagged := retagged_note(text, known)) is not None:
        return Understanding([retagged])
    if previous and re.search(r"\bsame\s+time\b", text, re.I):
        when = " ".join(m.group(0) for m in TIME_PHRASE.finditer(normalise(previous, known, ctx.today)))
        text = re.sub(r"\b(?:at\s+)?(?:the\s+)?same\s+time\b", when, text, flags=re.I)
    if (just_made := made_several(prior)) and _ONE_OF_THEM.search(text) and referent(text, known) is None:
        return Understanding(question=f"Which do you mean: {' or '.join(f'“{title}”' for title in just_made)}?")
    made = created_item(prior, known)  # "make a note X" then "tag it ...": "it" is the new note
    text, quoted = protect_quotes(protect_titles(text, known))
    calls: list[ToolCall] = []
    last_named: Item | None = made or _previous_item(previous, prior, known)
    made_place: Item | None = None  # the module or course made by an earlier clause: where "there" is
    told = ""  # the clause before, when it only told of something (no call)
    unasked = ""  # the question of a remark that named nothing: asked only when no other clause asks for anything
    said_before: list[ToolCall] = []  # the calls of the clause before
    try:
        pieces = split_clauses(text)
        for index, raw in enumerate(pieces):
            if calls and _MODIFIER.match(raw):
                continue  # "test me on stats, make it hard": a manner, not a request
            if calls and calls[-1].name == "create_schedule_block" and _FILED_IN_SCHEDULE.match(raw):
                continue  # "..., one hour and half, put in my schedule": the block just read, nothing more
            if filed := filed_block(calls, raw, known):
                calls[-1] = filed  # "block out 6-8pm for X, put it under my orgo course and remind me 30 min before"
                continue
            if (many := _HOW_MANY_LISTED.match(raw)) and _cards_counted(calls, raw, ctx.previous):
                kept = calls[-1].arguments if calls[-1].name == "list_due_cards" else {}
                calls[-1] = ToolCall("list_due_cards", {**kept, "limit": int(many["count"])})
                continue
            if more := one_more(calls, restore_quotes(raw, [f'"{q}"' for q in quoted]), known):
                calls.append(more)  # "delete lecture 5 notes, also the krebs one": that note too
                continue
            if more := another_new(calls, restore_quotes(raw, [f'"{q}"' for q in quoted]), ctx):
                calls.append(more)  # "add task X to the goal, and another one Y": Y too
                continue
            if calls and calls[-1].name == "create_note" and (placed := _NOTE_PLACED.match(raw)):
                course = resolve("course", placed["course"], known).item
                if course is None:
                    raise Clarify(which("course", known))  # "put it in my cooking class": no such course
                calls[-1] = ToolCall("create_note", {**calls[-1].arguments, "course": course.title})
                continue
            if calls and UNDO.search(LEADING_NOISE.sub("", raw)) and calls[-1].name == "complete_goal_task":
                calls.append(
                    ToolCall(INVERSE[calls[-1].name], dict(calls[-1].arguments))
                )  # "ticked X by mistake, undo that"
                continue
            if calls and (first_day := first_study_day(raw, ctx)):
                calls = starting_on(calls, first_day)  # "... every day at 7. Start from tomorrow.": its first day
                continue
            if _BARE_DONE.match(raw):
                continue  # "finished. stop the timer": done with no object names nothing done
            if index > 0 and re.match(rf"\W*{REASON_TOLD}", raw, re.I):
                continue  # "delete the spanish course, i dropped it": why, not another request
            if index + 1 < len(pieces) and weighed(raw):
                if referent(raw, known):  # "thinking of dropping X and Y, archive it": which of them is asked
                    last_named = previous_referent(raw, known)
                ctx.previous = told = raw  # "tempted to skip X today, skip it": that day's
                continue  # "i'm thinking of dropping X, archive it for now": a thought, then the request on X
            rule_text = LEADING_NOISE.sub("", raw).strip()
            if re.match(
                r"(?:an?\s+(?:new\s+)?|new\s+|(?=\w+\s+(?:called|named|titled)\b))(?:goal|note|course)\b",
                rule_text,
                re.I,
            ) or _NOTE_WITH_FIELDS.match(rule_text):
                rule_text = "create " + rule_text
            elif (
                index
                and _THEM.search(rule_text)
                and COMPLETION.search(rule_text)
                and len(several := several_named(pieces[index - 1], known)) > 1
            ):  # "i did X and Y, mark em done": each of them (a removal or a quiz takes one item, so never those)
                rule_text = _THEM.sub(" and ".join(f'"{item.title}"' for item in several), rule_text, count=1)
            elif (placed_note := _NOTE_FOR_COURSE.match(rule_text)) and resolve(
                "course", placed_note["course"], known
            ).item:
                rule_text = "create a note in {course} titled {title}: {content}".format(**placed_note.groupdict())
            elif subject_note := _NEW_SUBJECT_NOTE.match(rule_text):
                rule_text = f"create a new note for {subject_note['subject'].strip()}{rule_text[subject_note.end() :]}"
            clause = restore_quotes(rule_text, [f'"{q}"' for q in quoted])
            # "the MCAT task": one of the goal's tasks; never for a removal or a move, which ask as before
            named_child, children = (clause, []) if _DISPLACED.search(clause) else child_named(clause, known)
            if children:
                raise Clarify(which(children[0].kind, known, tuple(children)))
            if named_child != clause:
                clause = rule_text = named_child
            known.recent = last_named
            if (kind_named := kind_named_before(clause, " ".join(pieces[:index]) or previous, known)) != clause:
                clause = rule_text = kind_named  # "done with orgo forever. delete the whole course": that course
            if last_named is not None and _ITS_FIELD.search(clause):
                clause = rule_text = _ITS_FIELD.sub(f'"{last_named.title}"\'s ', clause, count=1)  # "set its date"
            elif last_named is not None and _field_of_changed(clause, last_named, calls, known):
                clause = rule_text = _BARE_TARGET.sub(
                    "target date", _THE_FIELD.sub(f'"{last_named.title}"\'s ', clause, count=1), count=1
                )  # "... and push the target to sept 10": the target date
            named = referent(_without_new_name(clause), known)
            if named is not None and barely(named, clause):
                named = None  # "set it to X" names no "Redo problem set 3": one inflected word of a long title
            dangling = named is None and last_named is None and bool(PRONOUN.search(clause))
            if _THAT_DAY.search(clause) and (days := TIME_PHRASE.findall(ctx.previous or previous)):
                clause = rule_text = _THAT_DAY.sub(" ".join(days), clause)  # "appointment wednesday... skip X that day"
            if (slot := in_cancelled_slot(clause, calls, known)) != clause:
                clause = rule_text = slot  # "skip X tmrw and put a 'Y' block at the same time": X's hour tomorrow
            if (both := _BOTH_DAYS.search(clause)) and (
                len(days := list(dict.fromkeys(_DAY_SAID.findall(ctx.previous or previous)))) == 2
            ):
                clause = rule_text = f"{clause[: both.start()]}{' and '.join(days)}{clause[both.end() :]}"
            place = made_place or last_named  # "make module M in C and move X there": into M, however fully C is said
            if place is not None and place.kind in ("module", "course") and _THERE.search(clause):
                clause = rule_text = _THERE.sub(f' to "{place.title}"', clause, count=1)  # "move X there"
            elif made_place is not None and made_place.kind == "module" and _INTO_IT.search(clause):
                clause = rule_text = _INTO_IT.sub(f" in the {made_place.title} module", clause, count=1)  # "T in it"
            if (
                named is None
                and last_named is not None
                and last_named.kind == "block"
                and (one_day := days_one_said(clause, last_named.title)) != clause
            ):
                clause = rule_text = one_day
                named = referent(clause, known)
            if named is None and (of_the_day := block_of_the_day(clause, ctx, known)) != clause:
                clause = rule_text = of_the_day  # "cancel my study block tmrw": the one block meeting tomorrow
                named = referent(clause, known)
            if (named is None or named == last_named) and last_named is not None and PRONOUN.search(clause):
                if len(tasks := _tasks_asked_of(last_named, previous, clause, known)) > 1:
                    raise Clarify(which("task", known, tasks))  # "what tasks are left for X" then "mark it done"
                last_named = tasks[0] if tasks else last_named  # the one task left: "set the due date for it"
                said_as = f"the {last_named.title} module" if last_named.kind == "module" else f'"{last_named.title}"'
                day = (
                    day_of_previous(clause, told or previous)
                    or next_meeting_asked(clause, told or previous, last_named, ctx.now)
                    if last_named.kind == "block"
                    else ""
                )
                if WHOLE_SERIES.search(clause) or (
                    not TIME_PHRASE.search(clause) and _GONE_PART_OF_TODAY.search(day)
                ):  # "... this morning was great, make it 2 hours (from now on)": the block, not a day gone
                    day = ""
                if day and (TIME_PHRASE.search(clause) or parse_duration(clause) or _ONE_DAY_CHANGE.search(clause)):
                    said_as = f"{said_as} {day}"  # "my X on thursday clashes ..." then "push it to 8pm": thursday's
                clause = rule_text = PRONOUN.sub(said_as, clause, count=1)  # "put T in it": in the module M
                if (
                    not TIME_PHRASE.search(clause)
                    and not parse_duration(clause)  # "..., and make it 2 hours": a new length, not the time again
                    and (days := TIME_PHRASE.findall(ctx.previous))
                ):
                    clause = rule_text = f"{clause} {' '.join(days)}"  # "can't do X tonight, skip it"
            try:
                own = own_list_done(clause, known)  # "i'm done with X and Y": each said done, licensed so
                found = (
                    own
                    or listed_done(clause, known)
                    or clause_calls(clause, ctx, known, rule_text=rule_text, quoted=quoted)
                )
                masked = mask(clause, known)
                raw_guess = classifier.classify(masked)
                keyed = family(clause, masked, raw_guess, known) is not raw_guess
                asked = (
                    _asks_change(clause)
                    and (
                        (bool(BE_CHANGED.search(clause)) and whole_block(clause, known))
                        or no_occurrence(clause, known)
                        or (named is not None and bool(_SHOULD_BE_CALLED.search(clause)))
                    )
                ) or bool(SLIPPED_DONE.search(clause))
                asked = asked or bool(
                    _INSTEAD_ASKED.search(clause) and "the block" in masked and not _HEDGED.search(clause)
                )
                # a change of a named item asked as a wish: "X should only be 30 min", "X should be called Y"; a
                # completion told as a slip asks for its undoing: "i marked X done by mistake"
                block_asked = asks_for_a_block(clause, today=ctx.today)  # "i should ... friday, like 3 to 5pm?"
                asked, keyed = asked or block_asked, keyed or block_asked  # a span of time placed asks for a block
                found = own or licensed(found, clause, raw_guess, keyed=keyed, masked=masked, asked=asked)
                if _names_only(clause, masked, known) or (BE_CHANGED.search(clause) and not asked):
                    found = [call for call in found if call.name in READ_ONLY]  # a name alone; a hedged wish
                found = targets_known(found, known)
                course_topic_unnamed(found, clause, known)  # "done with the lin alg topic": which of its topics
                _ask_what_is_unsaid(clause, found, known)
            except Clarify as question:
                if named is not None or PRONOUN.search(clause) or form(clause) not in ("statement", "other"):
                    raise
                unasked = unasked or str(question)  # "done, stop the timer": a remark naming nothing asks nothing
                continue
            found = [
                note_subject(own_title(in_clause(call, clause, ctx, known), clause, known), known) for call in found
            ]
            if titled_as_container(found):
                raise Clarify(CONTENT_QUESTION)  # "add a task to it" after the MCAT goal: the task is unsaid
            found = [each for call in found for each in each_named(call, clause, known)]
            if len({call.arguments.get("block") for call in found if call.name == "cancel_schedule_block"}) > 1:
                found = own_days(found, clause, ctx, known)  # "cancel X on wednesday and thursday's Y": each its day
            else:
                found = [each for call in found for each in each_day(call, clause, ctx)]
            if unmet := unmet_listed_day(found, known):
                raise Clarify(unmet)  # "skip X and Y tomorrow": Y does not meet tomorrow
            if dangling and (
                any(_names_pronoun(call) for call in found)
                or (not found and classifier.classify(mask(clause, known)).name in NEEDS)
            ):
                raise Clarify("What do you mean by “it”? Tell me its name, please.")
            made_course = any(call.name == "create_course" for call in found)  # "it": the course just told of
            if last_named is None and not prior and not calls and not made_course and CHANGES_IT.match(clause):
                raise Clarify("What do you mean by “it”? Tell me its name, please.")  # "move it to 6"
            if (any(call.name in TIMED and "start" in call.arguments for call in found) and vague_time(clause)) or (
                places_loosely(clause)
            ):
                raise Clarify(WHEN_QUESTION)  # "put orgo after lunch on friday": which hour is the learner's
            if any(call.name == "create_schedule_block" for call in found) and (
                unplaced_hour(clause) or (no_time_at_all(clause) and no_time_at_all(text))
            ):
                raise Clarify(WHEN_QUESTION)  # "schedule spanish at 7": morning or evening, on which day
            if which_day := one_of_several_days(found, clause, known):
                raise Clarify(which_day)  # "move spanish to friday": its monday, its wednesday, or both
            blocks = sum(call.name == "create_schedule_block" for call in found)
            found = [
                renamed_after_title(
                    with_parent(with_goal(with_course(call, own, known), own, known), clause, known), clause, known
                )
                for call in found
                for own in [_own_words(call, clause, blocks)]
            ]
            found = repeated_summary([course_told(call, clause, told, known) for call in found], calls, clause)
            if wished_course(found, ctx.previous):
                calls = [call for call in calls if call not in said_before]  # the wish only said the course's subject
            calls.extend(call for call in found if call not in calls)
            said_before = found
            ctx.previous = clause
            told = "" if found else clause  # "X this morning, can you push it to 2pm": the day of "it"
            created = None if any(c.name == "create_course" for c in calls) else created_item(found, known)
            made_place = created if created is not None and created.kind in ("module", "course") else made_place
            named = updated_item(found, known) or named  # "make the reading goal ..., and bump it to ...": the goal
            wholly = named is not None and score(named.title, clause) >= len(
                [w for w in tokens(named.title) if w not in FILLER]
            )
            last_named = (
                None if made_course else created if created and not wholly else named or last_named
            )  # "... and tag it orgo": the new note; "create a course X, finish it by ...": the new course, no item
    except Clarify as question:
        return Understanding(question=str(question))
    if unasked and not calls:
        return Understanding(question=unasked)
    filled = [session_subject(call, text, ctx, known) for call in calls]
    calls = [call for index, call in enumerate(filled) if call not in filled[:index]]
    calls = merge_lengths([c for c in calls if not any(narrower(c, other) for other in calls)])
    if previous and not WHOLE_SERIES.search(said):  # "whats on tomorrow" then "cancel the spanish one"
        calls = on_listed_day(calls, normalise(previous, known, ctx.today), text, ctx, known)
    return Understanding(calls=replacing_cancelled(blocks_for_new_goal(merge_tags(undone(calls))), text))


def _previous_item(previous: str, prior: list[ToolCall], known: Known) -> Item | None:
    """What "it" names after ``previous``: the item its words name most strongly, or the one its request read when
    the words name that one as strongly ("practice questions on the subjunctive" then "turn it into cards": the topic
    quizzed on, not "Spanish practice"); the item read when the words name none ("how am i doing in spanish")."""
    said = previous_referent(restore_quotes(previous, []), known)
    read = read_item(prior, known)
    if said is None or (read is not None and score(read.title, previous) >= score(said.title, previous)):
        return read or said
    return said


# A part of today that is likely gone: a change said after it is the block's, not that day's.
_GONE_PART_OF_TODAY = re.compile(r"\b(?:today|this\s+(?:morning|afternoon))\b", re.I)


# "ML > neural networks: add 'X'": a course > module path, then what goes into that module.
_PATH = re.compile(
    r"^\W*(?P<course>[^>:,.]{1,40}?)\s*>\s*(?P<module>[^>:,.]{1,40}?)\s*:\s*(?P<verb>add|put|new)\s+(?P<what>.+?)\W*$",
    re.I,
)


def _picked_answer(words: str, *, now: datetime, timezone: str, known: Known, previous: str) -> Understanding:
    """A reply that only picks an item ("the linear algebra one"): the previous request for that item, the
    question between the items it names, or, answering no request, a question and no call."""
    asked = understand(previous, now=now, timezone=timezone, known=known) if previous else Understanding()
    if asked.question == CONTENT_QUESTION:
        return Understanding()  # "add a goal" asked what it says: naming an item of the learner's answers nothing
    before = asked.calls
    writes = any(call.name not in READ_ONLY for call in before)  # an answer picks for a request, not after a write
    rewritten, candidates = answered(previous, words, known) if previous and not writes else ("", [])
    if candidates:
        return Understanding(question=which(candidates[0].kind, known, tuple(candidates)))
    if rewritten:
        return understand(rewritten, now=now, timezone=timezone, known=known)
    if not any(mentions(kind, words, known) for kind in KINDS):
        return Understanding()  # "haha good one": nothing of the learner's is picked
    return Understanding(question=PICK_QUESTION)
