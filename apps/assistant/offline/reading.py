"""Reading one clause into tool calls: its intent by the classifier and the rules, its items resolved."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from . import intent as classifier
from .abstain import IMPERATIVES, READ_ONLY, form
from .arguments import NO_ARGUMENTS, SESSION_VERB, extract, refine, tag_changes
from .block_requests import UNTIMED_CREATES, asks_for_a_block, places_time
from .blocks import meets_on, whole_block
from .calls import ToolCall
from .clarify import Clarify, maybe, which
from .clauses import NAMED_CLEARLY, SLOTS, mask
from .context import Context
from .dates import MONTH_NAME, WD, parse_time
from .family import ACTS_ON_EXISTING, BLOCK_VERBS, COMPLETION, FOR_LATER, STILL_AT, family, later_clock
from .filling import NEEDS
from .items import KINDS, STRONG, Item, Known, mentions, resolve, score, tokens
from .merging import LISTED, clearly_named, each_named
from .parser import MATCHERS, restore_quotes
from .study import STARTS_A_COURSE
from .titles import renamed_apart

SHARE = 0.5  # the classifier's least share of the vote to act without a rule agreeing


SIMILARITY = 0.35  # and its least similarity to the nearest example of that intent


SUBJECT_AND_TIME = 16  # the most words of a message that is only a subject and a time (a block)


OVERRIDE = 0.9  # the share with which the classifier overrides a rule that read another intent


OVERRIDE_SIMILARITY = 0.8  # and the similarity


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


# "that" before a clause's subject ("remember that I'm ...", "note that my exam ...") introduces it: no pronoun;
# nor is the "it" of the day or hour asked ("is it monday?", "was it already 5").
_DAY_OR_HOUR = rf"(?:already\s+|really\s+|still\s+)?(?:{WD}|{MONTH_NAME}|today|tonight|tomorrow|late|early|time|\d)"
PRONOUN = re.compile(
    r"\b(?:it(?!(?:(?<=\bis\sit)|(?<=\bwas\sit))\s+" + _DAY_OR_HOUR + r")|"
    r"that(?!\s+(?:i|i'm|im|i've|my|we|we're|you|you're|he|she|they|there)\b)|this|them)\b(?!\s+(?:is|was|'s)\b)",
    re.I,
)


# A reference that names only a kind of item ("my block", "the thing"): it names none of the learner's.
GENERIC_NAME = re.compile(
    r"(?:(?:my|the|a|this|that|our)\s+)?(?:block|session|slot|thing|stuff|one|event|course|class(?:es)?|topic|module|"
    r"note|goal|task)s?",
    re.I,
)


def _barely_named(call: ToolCall, clause: str, known: Known) -> bool:
    """Whether a call acts on an item of the learner's that the clause names only by request verbs ("set")."""
    kind = NEEDS.get(call.name)
    item = known.find(kind, str(call.arguments.get(SLOTS[kind], ""))) if kind else None
    unverbed = " ".join(w for w in tokens(clause) if w not in IMPERATIVES)
    return item is not None and item != known.recent and score(item.title, unverbed) < STRONG


def _rules(clause: str, ctx: Context) -> list[ToolCall]:
    for matcher in MATCHERS:
        if found := matcher(clause, ctx):
            return found
    return []


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


def _blocks_listed(args: dict[str, Any], clause: str, known: Known) -> list[Item]:
    """The learner's blocks a cancel names as a list on one day ("tomorrow's X and Y"), each clearly and each meeting
    that day; none without a day ("cancel orgo and spanish" may mean the courses: asked)."""
    said, day = args.get("block"), args.get("occurrence_date")
    if not isinstance(said, str) or len(listed := clearly_named("block", said, known)) < 2:
        return []
    if not isinstance(day, str) or len(_DAY_WORD.findall(clause)) > 1:
        return []  # no day ("... this weekend"), or a day each ("tonight's X and Y tomorrow"): asked
    return listed if all(meets_on(item.title, date.fromisoformat(day), known) for item in listed) else []


_DAY_WORD = re.compile(rf"\b(?:today|tonight|tomorrow|tmrw|weekend|{WD})\w*", re.I)


# The item a rename acts on, by the call's name.
_RENAMED = {"update_course": "course", "update_goal": "goal", "rename_module": "module", "rename_topic": "topic"}


def _resolve_calls(calls: list[ToolCall], known: Known, clause: str = "") -> list[ToolCall]:
    """Replace each loose reference in the rules' calls by the learner's exact title (ask when several fit).

    A value that names nothing of the learner's (a rule read the wrong words: "summarize X for me" -> "me")
    is looked for in the whole clause instead; a course that is really a topic becomes the topic.
    """
    out: list[ToolCall] = []
    for call in calls:
        args = (
            _session_subject_args(call.arguments, known) if call.name == "start_study_session" else dict(call.arguments)
        )
        renamed = _RENAMED.get(call.name)
        if renamed and isinstance(old := args.get(renamed), str) and isinstance(new := args.get("title"), str):
            args[renamed], args["title"] = renamed_apart(old, new, renamed, known)  # "rename Intro to ML to X"
        if call.name == "cancel_schedule_block" and (listed := _blocks_listed(args, clause, known)):
            out.extend(ToolCall(call.name, {**args, "block": item.title}) for item in listed)  # "skip X and Y friday"
            continue
        if clause and len(each := _each_of_a_list(call.name, clause, known)) > 1:
            out.extend(each)  # "archive orgo and stats": each, though the two together name both
            continue
        for kind, slot in SLOTS.items():
            value = args.get(slot)
            if isinstance(value, str) and call.name in READ_ONLY and GENERIC_NAME.fullmatch(value.strip()):
                del args[slot]  # "resources for my courses": a read over all of them, nothing to ask
                continue
            if isinstance(value, str) and PRONOUN.fullmatch(value.strip()) and clause:
                try:  # "linear algebra is harder than I thought, bump it to advanced": "it" is what the clause named
                    named = maybe(kind, PRONOUN.sub(" ", clause), known)
                except Clarify:
                    named = None
                if named:
                    args[slot] = value = named.title
                    continue
            if isinstance(value, str) and (PRONOUN.fullmatch(value.strip()) or GENERIC_NAME.fullmatch(value.strip())):
                raise Clarify(which(kind, known))
            if isinstance(value, str) and (same := known.find(kind, value)):
                args[slot] = same.title  # "krebs cycle" is “Krebs cycle”
            elif (
                isinstance(value, str)
                and "title" in args
                and call.name != "create_note"  # "a note on gradient descent: ...": the note's subject (titles.py)
                and (other := _of_another_kind(kind, value, known))
            ):
                raise Clarify(f"“{other.title}” is your {other.kind}, not a {kind}. Which {kind} do you mean?")
            elif isinstance(value, str) and value and known.of(kind):
                found = resolve(kind, value, known)
                if not (found.item or found.candidates) and clause:
                    whole = SESSION_VERB.sub(" ", clause) if call.name == "start_study_session" else clause
                    found = resolve(kind, whole, known)  # "begin a timer for X" names no "Spanish for Beginners"
                if found.item:
                    args[slot] = found.item.title
                elif found.candidates:
                    raise Clarify(which(kind, known, found.candidates))
        out.append(ToolCall(call.name, args))
    return out


def _of_another_kind(kind: str, value: str, known: Known) -> Item | None:
    """The learner's item of another kind that ``value`` names by its whole title ("rename orgo review to X" names
    the block, never the course "Organic Chemistry")."""
    return next((item for other in KINDS if other != kind and (item := known.find(other, value))), None)


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


def clause_calls(clause: str, ctx: Context, known: Known, *, rule_text: str, quoted: list[str]) -> list[ToolCall]:
    """The calls of a clause, without a completion it denies ("X isn't actually finished")."""
    found = _clause_calls_read(clause, ctx, known, rule_text=rule_text, quoted=quoted)
    _ask_if_labelled_name_is_missing(found, clause, known)
    still_at = STILL_AT.search(clause) and not COMPLETION.search(clause)  # "still on X", no "done" said of another
    if _DENIED_COMPLETION.search(clause) or _STILL_TO_FINISH.search(clause) or still_at:
        found = [call for call in found if call.name not in ("complete_topic", "complete_goal_task")]
    return found


_FINDS = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:you|u)\s+)?(?:please\s+)?(?:find|search|look\s+(?:up|for)|pull\s+up|locate)\b", re.I
)


def _each_of_a_list(name: str, clause: str, known: Known) -> list[ToolCall]:
    """One call per item a clause lists for a tool of one item ("delete X and Y"), each piece naming one alone; a
    piece naming none is a remark ("..., i rewrote them")."""
    kind = LISTED.get(name)
    if kind is None or len(items := clearly_named(kind, clause, known)) < 2:
        return []
    changes = tag_changes(clause, known) if name == "tag_note" else {}  # "tag X and Y notes with ml": the same tags
    if name == "tag_note" and not changes:
        return []
    pieces = re.split(r"\s*(?:,|;|&|\+|\band\b)\s*", clause)
    named = " and ".join(piece for piece in pieces if mentions(kind, piece, known))
    return each_named(ToolCall(name, {SLOTS[kind]: items[0].title, **changes}), named, known)


def _clause_calls_read(clause: str, ctx: Context, known: Known, *, rule_text: str, quoted: list[str]) -> list[ToolCall]:
    """The calls of one clause: the rules' (read on ``rule_text``, quoted names as placeholders) or the classifier's."""
    masked = mask(clause, known)
    guess = family(clause, masked, classifier.classify(masked), known)
    rules = [
        ToolCall(c.name, restore_quotes(c.arguments, quoted))
        for c in _rules(rule_text, ctx)
        if not _named_as_another_kind(c.name, clause)
    ]
    if any(c.name in FOR_LATER for c in rules) and later_clock(clause):
        rules = [c for c in rules if c.name not in FOR_LATER]  # "start a session tomorrow at 3": a block, not now
        guess = classifier.Intent("create_schedule_block", 1.0, 1.0)
    if not all(_resolves(call, known, ctx.last_course or "") for call in rules) and guess.name not in {
        c.name for c in rules
    }:
        rules = []  # a rule read a name the learner has nothing called: the classifier decides
    if guess.name == "create_note" and _FINDS.match(clause) and any(c.name == "search_notes" for c in rules):
        return rules  # "find my note about X": a search, never a new note
    if _ASKS_WHICH.match(clause) and rules and all(c.name in READ_ONLY for c in rules) and guess.name not in READ_ONLY:
        return _resolve_calls(rules, known, clause)  # "which goals did i complete": a list asked for, never a change
    if STARTS_A_COURSE.search(clause) and form(clause) != "request" and guess.name != "create_course":
        return []  # "i'm starting a reading course on X" tells of a course: no session begun, nothing recommended
    confident = guess.share >= SHARE and guess.similarity >= SIMILARITY
    strong = guess.share >= OVERRIDE and guess.similarity >= OVERRIDE_SIMILARITY
    timeless = not rules or all(call.name in TIMELESS for call in rules)
    unverbed = (  # a move or cancel nobody asked for, of no block named by its whole title
        guess.name in BLOCK_VERBS
        and not _CHANGES_BLOCK.search(_RANGE_TO.sub(" ", clause))  # "from 8 to 9pm" is a range, not a move "to"
        and not whole_block(clause, known)
    )
    if (
        timeless
        and (
            guess.name in TIMELESS
            or (guess.name in UNTIMED_CREATES and not rules)  # "saturday 10am X 2h, remind me ...": no module
            or not confident
            or unverbed
            or (guess.name == "list_schedule" and _PLACES.match(clause))
            or guess.name == "create_schedule_block"  # "add stats practice for my stats class every tue 4pm"
        )
        and (
            len(clause.split()) <= SUBJECT_AND_TIME or (_RECURRING_REQUEST.search(clause) and form(clause) == "request")
        )
        and not ACTS_ON_EXISTING.search(clause)
        and re.search(r"\d", clause)
        and parse_time(clause)
    ):
        guess, confident, strong = classifier.Intent("create_schedule_block", 1.0, 1.0), True, True  # subject + time
    elif (
        timeless
        and (guess.name in TIMELESS or guess.name in UNTIMED_CREATES or not confident)
        and (places_time(clause) or (asks_for_a_block(clause, today=ctx.today) and not whole_block(clause, known)))
    ):
        guess, confident, strong = classifier.Intent("create_schedule_block", 1.0, 1.0), True, True  # day + clock span
        rules = []  # "book me some time for stats": the timeless read ('stats' -> progress) yields to the block
    if confident and any(not c.arguments and c.name not in NO_ARGUMENTS for c in rules):
        strong = True  # a rule that read a bare intent ('stats' -> progress) yields to a confident guess
    if rules and (guess.name in {c.name for c in rules} or not strong):
        if len(rules) == 1 and not rules[0].arguments and guess.name == rules[0].name and confident:
            try:  # the rule read the tool but none of its arguments: the learner's item the clause names
                fuller = [
                    c
                    for c in extract(guess.name, clause, ctx, known)
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
                return [refine(call, ctx) for call in fuller]
        return [refine(call, ctx) for call in _resolve_calls(rules, known, clause)]
    if _CONTENT_QUESTION.match(clause) and guess.name not in READ_ONLY:
        return [call for call in _resolve_calls(rules, known, clause) if call.name in READ_ONLY]
    if guess.name == "chat" or not confident:
        return _resolve_calls(rules, known, clause)
    try:
        found = extract(guess.name, clause, ctx, known)
    except Clarify:  # "delete the reactions topic from orgo": which topic, not the block "Orgo review"
        if len(listed := _each_of_a_list(guess.name, clause, known)) > 1:
            return listed  # "delete lecture 5 notes and lecture 6 notes": each, though the whole names both
        if guess.name not in READ_ONLY and form(clause) == "question":
            return _resolve_calls(rules, known, clause)  # "is it monday?": a question asks for no change, nor which
        if not rules or any(_says_kind_of(guess.name, call.name, clause) for call in rules):
            raise
        found = []
    if rules and any(_barely_named(call, clause, known) for call in found):
        found = []  # overriding the rules needs the item named clearly: "set a goal" names no "Redo problem set 3"
    return (
        [refine(call, ctx) for call in _resolve_calls(found, known, clause)]
        if found
        else _resolve_calls(rules, known, clause)
    )


# The kind of item a change acts on, said after its name: "remove the spanish topic", "cancel the orgo session".
_KIND_SAID = re.compile(
    r"^\W*(?:\w+(?:'\w+)?[\s,.!-]+){0,3}?(?:remove|delete|drop|cancel|scrap|get\s+rid\s+of|move|rename|archive|skip|trash|ditch)\s+"
    r"(?:the|my|that|this)\s+(?:[\w'&+-]+\s+){1,4}?(topic|module|course|class|note|goal|task|block|session)s?\b",
    re.I,
)
_KIND_WORDS = {"class": "course", "session": "block"}


def _named_as_another_kind(tool: str, clause: str) -> bool:
    """Whether the clause names the item a rule's call changes as another kind ("the spanish topic", not a block)."""
    kind, said = NEEDS.get(tool), _KIND_SAID.search(clause)
    return bool(kind and said and _KIND_WORDS.get(said[1].lower(), said[1].lower()) != kind)


def _says_kind_of(tool: str, other: str, clause: str) -> bool:
    """``tool`` acts on a kind of item the clause says by name ("the X topic"), ``other`` on another kind."""
    kind = NEEDS.get(tool)
    return bool(kind and NEEDS.get(other, kind) != kind and re.search(rf"\b{kind}s?\b", clause, re.I))


# Items of a kind asked for by what they are ("which goals did i complete", "what topics have i finished", "show me the
# goals i gave up on", "can i see the goals i abandoned").
_ASKS_WHICH = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hey)\W+)*(?:which|what|(?:(?:can|could)\s+(?:you|u)\s+)?(?:show|list|give)(?:\s+me)?|"
    r"(?:can|could)\s+i\s+see|let\s+me\s+see|lemme\s+see)\s+(?:all\s+)?(?:(?:of\s+)?(?:my|the)\s+)?"
    r"(?:goals|topics|tasks|courses|notes|modules|blocks|sessions|facts)\b",
    re.I,
)


_CONTENT_QUESTION = re.compile(r"^\s*(?:what(?:'s|\s+is|\s+are)\s+(?:the|a|an)\b|why\b|who\b|explain\b|define\b)", re.I)


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


# A completion the clause denies: the negation governs the completion word ("isn't actually finished").
_DENIED_COMPLETION = re.compile(
    r"\b(?:not|isn't|wasn't|didn't|haven't|hasn't|never)\s+(?:\w+\s+){0,2}?"
    r"(?:done|finish(?:ed)?|complete[d]?|through|over)\b|\bun(?:done|finished|completed?)\b",
    re.I,
)


# "i have to finish X", "i gotta get through X tonight": what is still to be done is no completion.
_STILL_TO_FINISH = re.compile(
    r"\b(?:i|we)(?:'ll|\s+will|(?:'m|'re|\s+am|\s+are)?\s+(?:still\s+)?(?:have\s+to|need\s+to|needa|gotta|got\s+to|"
    r"must|want\s+to|wanna|hope\s+to|plan\s+to|going\s+to|gonna|will|almost|nearly))\s+(?:\w+\s+)?"
    r"(?:finish|complete|get\s+through|wrap\s+up|be\s+done\s+with)\b",
    re.I,
)


_RANGE_TO = re.compile(r"\bfrom\s+\S+\s+to\b", re.I)
