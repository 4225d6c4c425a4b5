"""A message's calls tidied once every clause is read: undone calls dropped, lengths and tags merged, a listed item
split into one call each, and a subject, course or the item just created filled in."""

from __future__ import annotations

import re

from . import intent as classifier
from .arguments import SESSION_VERB, extract, tag_changes
from .calls import ToolCall
from .clarify import Clarify, maybe
from .clauses import NAMED_CLEARLY, SLOTS
from .context import Context
from .dates import WD
from .family import COMPLETION, NEGATION, STILL_AT
from .filling import ABBREVIATED
from .followup import INVERSE
from .items import FILLER, STRONG, Item, Known, mentions, resolve, score, tokens, word_score
from .when import any_date


def undone(calls: list[ToolCall]) -> list[ToolCall]:
    """The calls without one that a later call of the same message inverts ("I checked off X by mistake, undo
    that": only the reopening, never a completion then a reopening)."""
    return [
        call
        for index, call in enumerate(calls)
        if not any(
            later.name == INVERSE.get(call.name) and later.arguments == call.arguments for later in calls[index + 1 :]
        )
    ]


# "In the note X, take away the tag a and put the tags b and c": the note named first, the tag changes after.
_IN_THE_NOTE = re.compile(
    r"^\W*(?:in|on|for)\s+(?:the\s+|my\s+)?(?:note\s+(?P<named>[^,;:]+?)|(?P<before>[^,;:]+?)\s+note)\s*[,;:]\s*"
    r"(?P<rest>.*\btags?\b.*)$",
    re.I,
)


# "take the X tag off N and put Y instead": the tag put in the removed one's place.
_PUT_INSTEAD = re.compile(
    r"(?P<head>^\W*(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)*(?:take|remove|drop|delete|get|pull)\b.*?"
    r"\btags?\b.*?\b(?:off|from|remove\w*|drop\w*|delete\w*)\b.*?)\s+and\s+(?:then\s+)?(?:put|add|use|stick)\s+"
    r"(?:(?:the\s+)?tag\s+)?(?P<tag>[\w-]+)(?:\s+tag)?\s+(?:(?:on|to)\s+(?:it|that|this|the\s+note)\s+)?"
    r"(?:instead|there)\b",
    re.I,
)


def tag_put_instead(text: str) -> str:
    """The text with a tag put "instead" of a removed one said as tagging: "... and tag it Y instead"."""
    if len(text) > 300:
        return text
    return _PUT_INSTEAD.sub(lambda m: f"{m['head']} and tag it {m['tag']} instead", text)


_SWAP = r"\b(?:swap|replace|switch|change|trade|exchange)\s+(?:out\s+)?"
_TAG_SAID = r"[\w#'\"-]+(?:\s+\d+)?"  # "orgo", "exam 2"
_OLD_TAG = rf"(?:(?:the|my)\s+(?P<old>{_TAG_SAID})\s+tag|(?:the\s+)?tag\s+(?P<said>{_TAG_SAID}))"
_NEW_TAG = (
    r"(?:for|with|to|into)\s+(?:the\s+|a\s+)?(?:tag\s+)?"
    r"(?P<new>[\"'\u2018\u201c][^\"'\u2019\u201d]+[\"'\u2019\u201d]|[\w#-]+(?:\s+\d+)?)(?:\s+tag)?"
)
_NOTE_SAID = r"(?:on|of|in|from)\s+(?P<note>.+?)"
# "swap the orgo tag on my cheat sheet for 'exam'", "replace the tag bio on X with mcat", "change the orgo tag to exam
# on X": one tag taken off the note and another put on it.
_TAG_SWAPPED = (
    re.compile(rf"{_SWAP}{_OLD_TAG}\s+{_NOTE_SAID}\s+{_NEW_TAG}(?P<rest>\W*)$", re.I),
    re.compile(rf"{_SWAP}{_OLD_TAG}\s+{_NEW_TAG}\s+{_NOTE_SAID}(?P<rest>\W*)$", re.I),
)


def tag_swapped(text: str) -> str:
    """The text with a tag swapped for another said as taking one off and tagging: "take the X tag off N and tag it
    Y"."""
    if len(text) > 300:
        return text
    for swapped in _TAG_SWAPPED:
        text = swapped.sub(
            lambda m: f"take the {m['old'] or m['said']} tag off {m['note']} and tag it {m['new']}{m['rest']}", text
        )
    return text


def retagged_note(text: str, known: Known) -> ToolCall | None:
    """The tag changes asked of a note named before them, when the note is the learner's and a tag changes."""
    if not (m := _IN_THE_NOTE.match(text)):
        return None
    try:
        note = maybe("note", m["named"] or m["before"], known)
    except Clarify:
        return None
    changes = tag_changes(m["rest"], known)
    return ToolCall("tag_note", {"note": note.title, **changes}) if note and changes else None


_UPDATED = {"update_course": "course", "update_goal": "goal"}


def merge_lengths(calls: list[ToolCall]) -> list[ToolCall]:
    """A new length of a block just moved joins that move ("move X to 9 and make it 40 minutes"); new fields of an
    item just updated join that update ("bump orgo to advanced and set its target date to dec 10")."""
    out: list[ToolCall] = []
    for call in calls:
        before = out[-1] if out else None
        target = _UPDATED.get(call.name)
        if (
            before is not None
            and target
            and call.name == before.name
            and call.arguments.get(target) == before.arguments.get(target)
            and not set(call.arguments) & set(before.arguments) - {target}
        ):
            out[-1] = ToolCall(before.name, {**before.arguments, **call.arguments})
            continue
        if (
            before is not None
            and call.name == before.name == "move_schedule_block"
            and set(call.arguments) - {"occurrence_date"} == {"block", "duration_minutes"}
            and call.arguments["block"] == before.arguments.get("block")
            and call.arguments.get("occurrence_date", before.arguments.get("occurrence_date"))
            == before.arguments.get("occurrence_date")  # "... tonight and make it 90 min": the same occurrence
            and "duration_minutes" not in before.arguments
        ):
            out[-1] = ToolCall(
                before.name, {**before.arguments, "duration_minutes": call.arguments["duration_minutes"]}
            )
            continue
        out.append(call)
    return out


def session_subject(call: ToolCall, text: str, ctx: Context, known: Known) -> ToolCall:
    """A timer started without a subject takes the course or topic another clause names ("starting orgo now, start
    the timer")."""
    if call.name != "start_study_session":
        return call
    if set(call.arguments) == {"topic"}:
        return _with_topic_course(call, text, known)
    if set(call.arguments) == {"course"}:
        return _with_course_topic(call, text, known)
    if call.arguments:
        return call
    request_words = classifier.bank_words()
    said = " ".join(w for w in tokens(text) if w.isdigit() or w not in request_words)  # "start" names no "statistics"
    try:
        found = extract("start_study_session", said, ctx, known)
    except Clarify:
        return call
    if found and found[0].arguments:
        return found[0]
    beside = " ".join(w for w in tokens(text) if not SESSION_VERB.fullmatch(w))
    course = _alone("course", beside, known)  # "spanish time, start the timer": the course said beside the request
    return ToolCall(call.name, {"course": course.title}) if course else call


def _alone(kind: str, said: str, known: Known, least: float = NAMED_CLEARLY) -> Item | None:
    """The one item of ``kind`` the words name clearly (by ``least`` at least), none other as strongly."""
    found = mentions(kind, said, known)
    if found and found[0][0] >= least and (len(found) == 1 or found[1][0] < found[0][0]):
        return found[0][1]
    return None


def _with_course_topic(call: ToolCall, text: str, known: Known) -> ToolCall:
    """A timer on a course takes the topic of that course the message names too ("start a timer for lin alg, im
    doing eigenvalues", "start a session, ML, backprop"), by words left once the course's are said."""
    course_words = tokens(str(call.arguments["course"]))
    said = []
    for word in tokens(text):
        # "linear algebra, linear independence": the second "linear" is the topic's; "lin alg" is the course's
        said_of_course = (
            word
            if word in course_words
            else next((each for each in course_words if word_score(each, word) >= STRONG), None)
        )
        if said_of_course:
            course_words.remove(said_of_course)
        elif not SESSION_VERB.fullmatch(word):
            said.append(word)
    topic = _alone("topic", " ".join(said), known, ABBREVIATED)  # "linear algebra" names no "Linear Independence"
    if topic is None or topic.parent != call.arguments["course"]:
        return call
    return ToolCall(call.name, {**call.arguments, "topic": topic.title})


def _with_topic_course(call: ToolCall, text: str, known: Known) -> ToolCall:
    """A timer on a topic takes the topic's course when the message names that course too, in full or by a known
    abbreviation ("starting spanish now, subjunctive mood", "timer on, doing stats - normal distribution")."""
    topic = known.find("topic", str(call.arguments["topic"]))
    said = " ".join(w for w in tokens(text) if not SESSION_VERB.fullmatch(w))  # "begin" names no "...for Beginners"
    courses = mentions("course", said, known)
    if topic is None or not courses or courses[0][1].title != topic.parent:
        return call
    if score(topic.title, courses[0][1].title) >= STRONG:
        return call  # the topic's own words name the course ("linear independence" is no "Linear Algebra")
    return ToolCall(call.name, {"course": topic.parent, **call.arguments})


# Tools that act on one item and are said of a list ("mark X and Y as done"): one call per item.
# The calls made once per item a clause lists, by the kind of item they take.
LISTED = {
    "complete_topic": "topic",
    "complete_goal_task": "task",
    "reopen_goal_task": "task",
    "get_progress": "course",
    "archive_course": "course",
    "delete_note": "note",
    "remove_topic": "topic",
    "remove_module": "module",
    "tag_note": "note",
    "cancel_schedule_block": "block",  # "skip today's lin alg session and the ml reading too"
}
# Of those, the calls whose later items must be said alone: "delete X and redo Y" removes X only.
_EACH_ALONE = frozenset(
    {"complete_topic", "complete_goal_task", "delete_note", "remove_topic", "remove_module", "cancel_schedule_block"}
)


def clearly_named(kind: str, clause: str, known: Known) -> list[Item]:
    """The items of ``kind`` the pieces of a listing clause ("X, Y and Z") each name clearly, in order."""
    items: list[Item] = []
    for piece in re.split(r"\s*(?:,|&|\+|\band\b)\s*", clause):
        if kind == "course":  # a course is said by its short name ("orgo", "lin alg") as often as by its title
            if (course := resolve(kind, piece, known).item) is not None and course not in items:
                items.append(course)
            continue
        if kind == "block":  # "today's lin alg session", "the ml reading": a short name, more a block's than a course's
            if (block := _block_named(piece, known)) is not None and block not in items:
                items.append(block)
            continue
        found = mentions(kind, piece, known)
        if not found:
            continue
        (value, item), most = (
            found[0],
            max(ABBREVIATED, 0.5 * len([w for w in tokens(found[0][1].title) if w not in FILLER])),
        )
        if value >= most and (len(found) == 1 or found[1][0] < value) and item not in items:
            items.append(item)
    return items


_BLOCK_KIND = re.compile(r"\b(?:session|block|slot)s?\b", re.I)


def _block_named(piece: str, known: Known) -> Item | None:
    """The block a piece names by a short name, when it names it more than any course ("the ml reading") or says it
    is a block ("today's lin alg session"); not "spanish", as much the course as the block."""
    block = resolve("block", piece, known).item
    if block is None:
        return None
    most = max((value for value, _ in mentions("course", piece, known)), default=0.0)
    return block if score(block.title, piece) > most or _BLOCK_KIND.search(piece) else None


def several_named(clause: str, known: Known) -> list[Item]:
    """The items of one kind a clause lists, each named clearly ("i did backprop and gradient descent"), so a later
    "mark them done" is each of them; none unless it names two or more."""
    if not re.search(r",|&|\+|\band\b", clause):
        return []
    return next((items for kind in ("topic", "task") if len(items := clearly_named(kind, clause, known)) > 1), [])


def each_named(call: ToolCall, clause: str, known: Known) -> list[ToolCall]:
    """One call per item when the clause lists several of that kind, each piece naming one clearly."""
    kind = LISTED.get(call.name)
    if kind is None or not re.search(r",|&|\+|\band\b", clause):
        return [call]
    items = clearly_named(kind, clause, known)
    slot = SLOTS[kind]
    if len(items) < 2 or call.arguments.get(slot) not in {item.title for item in items}:
        return [call]
    pieces = _LISTED.split(clause)[1:]
    if call.name == "cancel_schedule_block":
        pieces = [_DAY_CALLED_OFF.sub(" ", piece) for piece in pieces]  # "and spanish tomorrow": still a name alone
    if call.name in _EACH_ALONE and not all(_name_alone(piece, kind, known) for piece in pieces):
        return [call]  # "done with X and need to start Y": only X is done
    return [ToolCall(call.name, {**call.arguments, slot: item.title}) for item in items]


# The day a listed block is called off: "and the ml reading tomorrow", "and spanish on monday".
_DAY_CALLED_OFF = re.compile(rf"\b(?:on\s+)?(?:this\s+|next\s+)?(?:today|tonight|tomorrow|tmrw|{WD})(?:'?s)?\b", re.I)


_LISTED = re.compile(r"\s*(?:,|&|\+|\band\b)\s*", re.I)
# A clause that only adds one more item to the request before: "..., also the krebs one", "and also backprop too".
_ONE_MORE = re.compile(
    r"^\W*(?:(?:and|also|plus|oh|then)\W+)+(?P<name>.+?)(?:\s+(?:one|too|also|as\s+well))*\W*$",
    re.I,
)


def one_more(calls: list[ToolCall], clause: str, known: Known) -> ToolCall | None:
    """The request before for one more item, when the clause only names that item ("delete lecture 5 notes, also the
    krebs one"): the same call for it."""
    if not calls or (kind := LISTED.get(calls[-1].name)) is None or not (said := _ONE_MORE.match(clause)):
        return None
    items = clearly_named(kind, said["name"], known)
    if len(items) != 1 or not _name_alone(said["name"], kind, known):
        return None
    return ToolCall(calls[-1].name, {**calls[-1].arguments, SLOTS[kind]: items[0].title})


# One more new item of the kind just made, by its own title: "..., and another one 'review pathways' due dec 19",
# "and another called A star" (not "another one for the books goal": where it goes is no title).
_ANOTHER_NEW = re.compile(
    r"^\W*(?:(?:and|also|plus|then)\s+)*(?:add\s+)?(?:another|one\s+more)(?:\s+(?:one|task|topic|module|goal))?"
    r"(?:\s*[:,-]\s*|\s+(?:called|named|titled)\s+|\s+(?=[\"'\u201c\u2018]))(?P<rest>(?!(?:to|for|in|into|on|under)\b).+)$",
    re.I,
)
_ANOTHER_UNTITLED = re.compile(
    r"^\W*(?:(?:and|also|plus|then)\s+)*(?:add\s+)?(?:another|one\s+more)(?:\s+(?:one|task|topic|module|goal))?"
    r"(?:\s+(?:to|for|in|into|on|under)\b.*)?\W*$",
    re.I,
)
_MADE_WITH_TITLE = {"add_goal_task": "due_date", "add_topic": "", "add_module": "", "create_goal": "target_date"}
_DUE_SAID = re.compile(r"\s*,?\s+(?:due|by|before|on)\s+(?P<when>.+)$", re.I)


def another_new(calls: list[ToolCall], clause: str, ctx: Context) -> ToolCall | None:
    """The creation before made once more, titled as the clause says, with its own due date if it says one."""
    if not calls or (field := _MADE_WITH_TITLE.get(calls[-1].name)) is None:
        return None
    if not (m := _ANOTHER_NEW.match(clause)):
        if _ANOTHER_UNTITLED.match(clause):
            raise Clarify("What should the other one be called?")  # "..., and another one for the books goal"
        return None
    rest = m["rest"].strip()
    due = _DUE_SAID.search(rest)
    title = re.sub(r"^[\"'\u201c\u2018]|[\"'\u201d\u2019]$", "", (rest[: due.start()] if due else rest).strip(" .!"))
    arguments = {k: v for k, v in calls[-1].arguments.items() if k not in ("title", field)}
    when = any_date(due["when"], ctx.today) if due and field else None
    return ToolCall(calls[-1].name, {**arguments, "title": title, **({field: when.isoformat()} if when else {})})


# A piece of a list that goes on to something else: "... and need to start Y" says Y is not done.
_GOES_ON = re.compile(
    r"^\W*(?:i\b|i'm|im\b|need|want|gotta|have|has|will|start|starting|begin|then|now|next|also|still|not|almost)\b",
    re.I,
)


_STILL_TO_DO = re.compile(r"\b(?:is|are|was|isn'?t|next|left|remaining|pending|later|tomorrow|tmrw|to\s+go)\b", re.I)


# Words around the names of a list said done: "..., mark both", "and SN1/SN2 too".
_DONE_WORDS_SAID = "mark marked tick ticked check cross off both all them em done too also finally pls please"
_DONE_WORDS = frozenset(_DONE_WORDS_SAID.split())
# Less than the whole of it: "most of backprop", "backprop halfway".
_PART = re.compile(r"\b(?:most|half|halfway|part|partly|partially|mostly|nearly|almost|some)\b", re.I)
# The learner's own completion, said or asked to be marked: "i'm done with X and Y", "mark X and Y done"; not a
# question, a wish or someone else's ("am i done with X and Y?", "i wish i was done with ...", "my friend finished").
_OWN_DONE = re.compile(
    r"^\W*(?:(?:ok|okay|so|yay|finally|just|and|well|phew)\W+)*"
    r"(?:(?:i\s+|i'?m\s+|im\s+|i\s+am\s+|i'?ve\s+|ive\s+|i\s+have\s+)?(?:just\s+|finally\s+|already\s+|now\s+)*"
    r"(?:done|finished|completed|through|wrapped\s+up|nailed)\b|(?:pls\s+|please\s+)?(?:mark|tick|check|cross)\b)",
    re.I,
)


def _name_alone(piece: str, kind: str, known: Known) -> bool:
    """Whether a piece after the first of a listing clause is only a name ("SN1/SN2", "the krebs cycle", "mark
    both", "backprop for machine learning") or a remark naming no item of the kind ("feeling good now"), not a
    request or a plan of its own ("throw some questions at me on backprop", "need to start Y")."""
    if not mentions(kind, piece, known):
        return not _GOES_ON.match(piece)  # "..., feeling good about ml now": a remark
    if _GOES_ON.match(piece) or _STILL_TO_DO.search(piece) or _PART.search(piece):
        return False
    title_words = {word for each in ("course", kind) for item in known.of(each) for word in tokens(item.title)}
    rest = [
        word
        for word in tokens(piece)
        if word not in FILLER
        and word not in _DONE_WORDS
        and not any(word_score(title_word, word) >= STRONG for title_word in title_words)
    ]
    return len(rest) <= 1


def _own_list_done(clause: str, kind: str, known: Known) -> bool:
    """Whether the clause says (or asks to mark) the learner's own items of the kind done, each piece a name."""
    pieces = _LISTED.split(clause)
    return (
        "?" not in clause
        and bool(_OWN_DONE.match(pieces[0]))
        and not _PART.search(pieces[0])
        and all(_name_alone(piece, kind, known) for piece in pieces[1:])
    )


def own_list_done(clause: str, known: Known) -> list[ToolCall]:
    """ "i'm done with X and Y", "mark X and Y done": one completion each, when the learner says their own items of
    one kind done, each piece a name; none for a question, a wish, someone else's or part of one."""
    clause = _before_still_at(clause)  # "done with X and Y, still on Z": X and Y
    if not re.search(r",|&|\+|\band\b", clause) or NEGATION.search(clause):
        return []
    for tool, kind in (("complete_topic", "topic"), ("complete_goal_task", "task")):
        items = clearly_named(kind, clause, known)
        if len(items) >= 2 and _own_list_done(clause, kind, known):
            return [ToolCall(tool, {SLOTS[kind]: item.title}) for item in items]
    return []


def _before_still_at(clause: str) -> str:
    """The clause before what the learner says they are still at ("..., still on Z")."""
    still = STILL_AT.search(clause)
    return clause[: still.start()] if still else clause


def listed_done(clause: str, known: Known) -> list[ToolCall]:
    """ "X and Y are both done" when X and Y name two of the learner's topics (or tasks) equally well: one completion
    each, where reading the clause as one reference would ask which of them was meant."""
    clause = _before_still_at(clause)  # "done with X and Y, still on Z": X and Y
    if not re.search(r",|&|\+|\band\b", clause) or not COMPLETION.search(clause) or NEGATION.search(clause):
        return []
    for tool, kind in (("complete_topic", "topic"), ("complete_goal_task", "task")):
        items = clearly_named(kind, clause, known)
        try:
            maybe(kind, clause, known)
        except Clarify:
            if len(items) >= 2:
                return [ToolCall(tool, {SLOTS[kind]: item.title}) for item in items]
    return []


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


def made_several(found: list[ToolCall]) -> list[str]:
    """The titles of the items of one kind a request made, when it made two or more ("add blocks for X at 5 and Y at
    7"): an "it" after it names none of them alone."""
    made = [call for call in found if call.name in CREATED_KIND and isinstance(call.arguments.get("title"), str)]
    kinds = {CREATED_KIND[call.name] for call in made}
    return [str(call.arguments["title"]) for call in made] if len(made) > 1 and len(kinds) == 1 else []


def created_item(found: list[ToolCall], known: Known) -> Item | None:
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


_CHANGED_ITEM = {"update_goal": "goal", "update_course": "course"}


def updated_item(found: list[ToolCall], known: Known) -> Item | None:
    """The one item a clause's change names ("mark the reading goal as in progress"), so a later "bump it to high
    priority" in the same message is that item, however loosely the clause named it."""
    items = [
        item
        for call in found
        if (kind := _CHANGED_ITEM.get(call.name)) and (item := known.find(kind, str(call.arguments.get(kind) or "")))
    ]
    return items[0] if items and all(item == items[0] for item in items) else None


def merge_tags(calls: list[ToolCall]) -> list[ToolCall]:
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


# A period a summary of activity can be asked for.
_PERIOD = re.compile(r"\b(?:today|yesterday|tonight|week|month|year|semester|term|weekend|since)\b", re.I)


def repeated_summary(found: list[ToolCall], calls: list[ToolCall], clause: str) -> list[ToolCall]:
    """A summary of activity asked again without a period of its own ("a recap of this month, how much did i
    study") is the one already read: it is dropped, never a second summary of the default period."""
    if _PERIOD.search(clause) or not any(call.name == "summarize_activity" for call in calls):
        return found
    return [call for call in found if call.name != "summarize_activity"]


# The verb a goal's title starts with, which a block for the goal does not repeat ("Finish calc 2 review").
_GOAL_VERB = re.compile(r"^(?:finish|complete|pass|ace|get\s+through|do|master)\s+(?:the\s+|my\s+)?(?=\S)", re.I)


def blocks_for_new_goal(calls: list[ToolCall]) -> list[ToolCall]:
    """A block made "for it" after a goal created in the same message is linked to that goal, and titled by what the
    goal is about ("new goal: finish X by feb 1, and schedule an hour for it every tuesday" -> block "X")."""
    goals = {str(c.arguments["title"]).casefold(): c.arguments["title"] for c in calls if c.name == "create_goal"}
    out = []
    for call in calls:
        title = call.arguments.get("title")
        if call.name == "create_schedule_block" and isinstance(title, str) and title.casefold() in goals:
            subject = _GOAL_VERB.sub("", title) or title
            call = ToolCall(call.name, {**call.arguments, "title": subject, "goal": goals[title.casefold()]})
        out.append(call)
    return out


# "cancel X thursday and put one on saturday instead": "one" is another X.
_ANOTHER_ONE = re.compile(
    r"\b(?:put|add|schedule|book|make|do|set\s+up)\s+(?:one|another(?:\s+one)?|a\s+new\s+one)\b", re.I
)


_NAMED_NEW = re.compile(r"\b(?:called|named|titled)\b|[\"\u201c]", re.I)


def replacing_cancelled(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """A block made as "one" after a block cancelled in the same message is titled as the cancelled block."""
    cancelled = next((c.arguments.get("block") for c in calls if c.name == "cancel_schedule_block"), None)
    if not isinstance(cancelled, str) or not _ANOTHER_ONE.search(text) or _NAMED_NEW.search(text):
        return calls  # "... make a new one called Y": named by the learner
    return [
        ToolCall(c.name, {**c.arguments, "title": cancelled}) if c.name == "create_schedule_block" else c for c in calls
    ]
