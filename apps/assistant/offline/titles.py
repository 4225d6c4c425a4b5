"""Titles of new items: the name a clause gives, a note's subject, a study block's title."""

from __future__ import annotations

import re

from .block_titles import GENERIC_TITLE, purpose_title, without_light_verb, without_wish
from .calls import ToolCall
from .clarify import Clarify, maybe
from .clauses import QUOTED, quoted_text, referent
from .dates import WD
from .items import FILLER, Known, mentions, resolve, score, tokens
from .text import SAYS_SOMETHING, capitalize, first_words, squash

_SUBJECTS = (
    "biology|bio|chemistry|chem|physics|phys|maths?|calculus|calc|algebra|geometry|statistics|stats|history|"
    "economics|econ|psychology|psych|sociology|philosophy|english|literature|lit|geography|anatomy|physiology|"
    "spanish|french|german|italian|latin|chinese|mandarin|japanese|computer\\s+science|cs|programming|law|art|music"
)


# A note title's trailing "for biology", "for my bio class": what the note is for, not its name.
_FOR_SUBJECT = re.compile(
    rf"\s+(?:for|in)\s+(?:my\s+|the\s+)?((?:[\w-]+\s+)?(?:class|course)|(?:{_SUBJECTS}))\W*$", re.I
)


# Tools creating an object whose title the learner names ("called X", 'X' in quotes).
CREATES = frozenset(
    {"create_note", "create_schedule_block", "add_goal_task", "create_goal", "add_topic", "add_module", "create_course"}
)


# Where a named title stops: punctuation, the content, a date or time, a count, the item it goes into.
_TITLE_END = (
    r"(?=\s*[,;:!?](?:\s|$)|\.(?:\s|$)|\s*$|\s+[-\u2013\u2014]+\s|\s+(?:(?:that|which)\s+(?:just\s+)?says|saying|says|w(?:ith|/)?\s+(?:the\s+)?content|with\s*:|"
    r"(?:content|body)\b|(?:no\s+)?wait\b|actually\b|i\s+mean\b|or\s+rather\b|scratch\s+that\b|(?:call|name|title)\s+it\b|"
    r"and\s+(?:in\s+it|inside|put|write|(?:the\s+)?(?:content|body|text)\b)|with\s+(?:\w+\s+){0,2}(?:tasks?|modules?|topics?|steps?|content|reminders?)|due|by|until|till|"
    r"with\s+(?=[^,:;.]{1,40},\s*[^,:;.]{1,40},)|"  # "called T with a, b, c": a list after it
    r"with\s+(?:an?\s+|the\s+)?(?:target|due|end|finish)\s+date|with\s+(?:an?\s+)?deadline|"
    r"before|every|each|daily|weekly|"
    rf"(?:on|this|next)\s+(?:{WD})|on\s+the\s+\d|at\s+\d|from\s+\d|starting|tomorrow|today|tonight|"
    rf"(?:{WD})s?\s+(?:(?:at|from|@)\s*)?\d|(?:{WD})s?\s+(?:morning|afternoon|evening|night)\b|"  # "X saturday at 10am"
    r"this\s+(?:week|weekend|morning|evening|afternoon)|next\s+week|for\s+(?:an?|\d|one|two|three|half|my)\b|"
    r"(?:in|to|under|into)\s+(?:my|the)\b|under\b))"
)


_NAMED = re.compile(
    rf"\b(?:called|named|titled|(?:call(?:ed)?|title|name)\s+it|call(?=\s+[\"'\u201c\u2018])|(?:the\s+)?(?:title|name)(?=\s*(?:is|=|:|should\s+be|will\s+be)\s)|title)"
    r"(?:\s*(?:is|=|:|should\s+be|will\s+be)(?=\s))?\s+(?!it\b|that\b|this\b)"
    rf"(?:[\"\u201c\u2018]([^\"\u201d\u2019]+)[\"\u201d\u2019]|'([^']+)'|(.+?){_TITLE_END})",
    re.I,
)


# Where a new note's content starts: "that says: X", "which says X", "content: X", "for orgo: X".
_CONTENT = re.compile(
    r"(?:\b(?:(?:that|which)\s+(?:just\s+)?says|saying|says)(?:\s*[:=-](?=\s))?|"
    r"\bw(?:ith|/)?\s+(?:the\s+)?content\s*:?|\bwith\s*:|"
    r"\bwith\s+(?=[^,:;.]{1,40},\s*[^,:;.]{1,40},)|"
    r"\band\s+(?:in\s+it|inside)\s+(?:put|write|say)(?:\s*:)?|"
    r"\b(?:the\s+)?(?:body|content|text)\s*(?::|=|\bis\b)(?:\s+basically\b)?|^\W*(?:body|content)\b\s*[:=]?|"
    r"^\W*(?:(?:for|in|to|under)\s+(?:my\s+|the\s+)?[^:]{1,40}?\s*)?(?::|[-\u2013\u2014]\s))\s*(.+)$",
    re.I,
)


# "a note 'T' with X": after a quoted title, "with" leads the content (not "with the tag Y", nor "with the
# following: X", whose content is after the colon).
_QUOTED_WITH = re.compile(
    r"^[\"'\u201d\u2019]\s*,?\s*with\s+(?!(?:the\s+|a\s+)?(?:tags?|course|label)\b|[^:]{0,30}:)(\S.*)$", re.I
)


# "named midterm scope, prof said only ch 1-4 are on it": a sentence after the title's comma is the content.
_SENTENCE_AFTER = re.compile(rf"^[\"'\u201d\u2019]?\s*,\s*({SAYS_SOMETHING}\S.*\s\S.*)$", re.I)


# A note content's last sentence that only says its course: "... = tuve. for the spanish course".
_COURSE_SENTENCE = re.compile(
    r"[.;]\s*(?:(?:it'?s|this\s+is)\s+)?(?:for|in|under)\s+(?:my\s+|the\s+)?[\w\s]{1,30}?\s+(?:course|class)\W*$|"
    r"[.;]\s*(?:it'?s|its|this\s+is|this\s+one'?s)\s+for\s+(?:my\s+|the\s+)?[\w&+'\s]{1,30}?\W*$",
    re.I,
)


_DESTINATION = re.compile(r"\s+(?:to|in|into|under|for)\s+(?:my\s+|the\s+)?(.+)$", re.I)


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
        title = re.sub(r"\s+(?:for\s+me|for\s+myself|pls|please|plz)$", "", title, flags=re.I)  # "called X for me"
        if subject:
            title = re.sub(r"^the\s+(?=\w)", "", title, flags=re.I)  # "a topic called the French Revolution"
        if (cut := _DESTINATION.search(title)) and _names_item(cut.group(1), known):
            title = squash(title[: cut.start()])  # "called Organometallics to orgo chem": the course it goes into
        return title
    quoted = [q for m in QUOTED.finditer(clause) if 2 <= len(q := quoted_text(m)) <= 80]
    new = [q for q in quoted if not any(item.title.casefold() == q.casefold() for item in known.items)]
    return squash(new[0]) if len(new) == 1 else ""


def _names_item(text: str, known: Known) -> bool:
    """Whether ``text`` names one of the learner's courses, modules or goals, by all its words ("for ML project" names
    no course: "project" is the title's own word)."""
    said = [w for w in tokens(text) if w not in FILLER and w not in _KIND_NAMES]
    for kind in ("course", "module", "goal"):
        try:
            item = maybe(kind, text, known)
        except Clarify:
            return True
        if item and all(score(item.title, word) > 0 for word in said):
            return True
    return False


_KIND_NAMES = frozenset({"course", "class", "module", "goal", "unit", "section"})


def own_title(call: ToolCall, clause: str, known: Known) -> ToolCall:
    """A created object's title as the learner named it, and a note's content after it ("called T that says C")."""
    subject = call.name in ("add_topic", "add_module", "create_course")
    if call.name not in CREATES or not (title := _named_title(clause, known, subject=subject)):
        return call
    args = dict(call.arguments)
    key = "title"
    args[key] = capitalize(title) if call.name in ("create_goal", "add_goal_task") else title
    if call.name == "create_note":
        after = clause[clause.find(title) + len(title) :]
        if m := _CONTENT.search(after) or _QUOTED_WITH.match(after) or _SENTENCE_AFTER.match(after):
            content = _CONTENT_END.split(m.group(1), maxsplit=1)[0]
            args["content"] = squash(_COURSE_SENTENCE.sub("", content))
        args = _placed_after_content(_without_naming(args, title), known)
        if "course" not in args:
            try:
                course = maybe("course", _without_said(clause, title, args.get("content")), known)
            except Clarify:
                course = None
            if course:
                args["course"] = course.title
    return ToolCall(call.name, args)


# Where a note's content stops: a question or thanks to the assistant after it ("... ? can you also ...", ". thanks"),
# never the content's own questions ("why is X? when is Y?").
_CONTENT_END = re.compile(
    r"\?\s+(?=(?:(?:can|could|would|will)\s+(?:you|u)|pls|please|thanks?|thank|thx|ok(?:ay)?|right|is\s+that)\b)|"
    r"\?\s*$|\.\s+(?:thanks?|thank\s+you|please)\b",
    re.I,
)
# The naming said after a note's content, set off from it: "X, title it T", "X. call it T" (not "a note to orgo
# called T", where nothing before the naming is content).
_NAMING_AFTER = (
    r"(?:\s*[,;.\u2013\u2014]|\s+-|\s+and)\s*(?:and\s+)?(?:(?:title|call|name)\s+it|titled|called|named)\s+"
    r"[\"'\u201c\u2018]?"
)
# A last sentence placing the note in a course: "... det = product. link to lin alg", "..., file it under orgo".
_PLACED_AFTER = re.compile(
    r"\s*[.;,]\s*(?:and\s+)?(?:link|file|put|add|attach|save|stick|keep)\s+(?:it\s+|this\s+|that\s+)?"
    r"(?:to|under|in|into|with)\s+(?:my\s+|the\s+)?(?P<course>[\w&+' ]{2,30}?)(?:\s+(?:course|class|folder))?\W*$",
    re.I,
)


def _without_naming(args: dict[str, object], title: str) -> dict[str, object]:
    """A note's content without the naming said after it ("chain rule layer by layer, title it T": T is the title)."""
    content = args.get("content")
    if not isinstance(content, str):
        return args
    named = re.search(rf"{_NAMING_AFTER}{re.escape(title)}\W*$", content, re.I)
    return {**args, "content": squash(content[: named.start()])} if named and named.start() else args


def _placed_after_content(args: dict[str, object], known: Known) -> dict[str, object]:
    """A note's content without a last sentence placing it in one of the learner's courses, that course its own."""
    content = args.get("content")
    if not isinstance(content, str) or not (placed := _PLACED_AFTER.search(content)) or not placed.start():
        return args
    try:
        course = maybe("course", placed["course"], known)
    except Clarify:
        return args
    if course is None:
        return args
    return {**args, "content": squash(content[: placed.start()]), "course": args.get("course") or course.title}


def _topic_as_subject(call: ToolCall, known: Known) -> ToolCall:
    """A note "on backprop: ..." is on a topic of the learner's, not in a course of that name: the topic is the note's
    subject (its title when none was given), and no course."""
    said = call.arguments.get("course")
    if call.name != "create_note" or not isinstance(said, str) or resolve("course", said, known).item:
        return call
    subject = next((item for kind in ("topic", "module") if (item := resolve(kind, said, known).item)), None)
    if subject is None:
        return call
    args = {key: value for key, value in call.arguments.items() if key != "course"}
    if args.get("title") == first_words(str(args.get("content", ""))):
        args["title"] = said
    return ToolCall(call.name, args)


def _without_said(clause: str, title: str, content: object) -> str:
    """The clause without a new note's title and content: where its course may be named, not in what it says."""
    rest = clause.replace(title, " ")
    return rest.replace(content, " ") if isinstance(content, str) and content else rest


def note_subject(call: ToolCall, known: Known) -> ToolCall:
    """A note title's trailing subject is what the note is for ("called Photosynthesis summary for biology"): the
    course when the learner has it, never part of the title."""
    call = _topic_as_subject(call, known)
    title = call.arguments.get("title")
    if call.name != "create_note" or not isinstance(title, str) or not (m := _FOR_SUBJECT.search(title)):
        return call
    args = {**call.arguments, "title": title[: m.start()]}
    try:
        course = None if "course" in args else maybe("course", m.group(1), known)
    except Clarify:
        course = None
    return ToolCall(call.name, {**args, "course": course.title} if course else args)


# What a new block's title keeps of the request around it: greetings, "I want to", the verb, "a study block for".
_BLOCK_SCAFFOLD = re.compile(
    r"^(?:(?:hey|yo|ok(?:ay)?|so|um+|uh+|please|pls|plz|can\s+(?:you|u)|could\s+(?:you|u)|"
    r"i\s*(?:want|wanna|need|would\s+(?:like|love)|'d\s+(?:like|love))(?:\s+to)?|let'?s|"
    r"i(?:'ll|\s+will|'m|m|\s+am)\s+(?:be\s+)?(?:doing|having|going\s+to\s+do|gonna\s+do|do)|"
    r"i\s+(?:usually\s+|always\s+)?do)\b\W*)+",
    re.I,
)


_BLOCK_VERB = re.compile(
    r"^(?:make|add|create|put(?:\s+in)?|(?:squeeze|fit)(?:\s+in)?|set\s+aside|set\s+up|set(?=\s+(?:me|us|an?)\b)|block(?:\s+(?:off|out))?|book|schedule|pencil\s+in|reserve)\b"
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


def block_title(title: str, known: Known) -> str:
    """A new block's title without the request around it; a title that only names a course is "<it> study"."""
    cleaned = _BLOCK_TAIL.sub("", re.sub(r"^[\W_]+", "", title))  # ", of spanish vocab": a time and length went first
    for pattern in (_BLOCK_SCAFFOLD, _BLOCK_VERB, _BLOCK_NOUN, _BLOCK_NOUN):
        cleaned = pattern.sub("", cleaned, count=1).strip()
    cleaned = purpose_title(title, without_light_verb(without_wish(cleaned)))
    cleaned = re.sub(
        r"^(?:to\s+)?(?:study|learn)\s+(?!(?:group|buddy|buddies|partner|hall|date)s?\b)(?=\w)", "", cleaned, flags=re.I
    )  # "I want (to) study spanish"; a "study group" is the block's name
    cleaned = re.sub(r"[^\w)]+$", "", cleaned)  # a trailing emoji or symbol
    # "reading slot for my 12 books goal": what the block is for is its link (goal, course), not its title
    cleaned = re.sub(
        r"\s+(?:for|under|towards?|in|as\s+part\s+of)\s+(?:my|the|our)\s+(?:\S+\s+){1,5}?(?:goal|course|class)$",
        "",
        cleaned,
        flags=re.I,
    )
    # "reading block for <friday>", "put X in for <friday>": a preposition or particle left before the time
    cleaned = re.sub(r"(?:\s+(?:for|on|at|by|from|in))+$", "", cleaned, flags=re.I)
    cleaned = re.sub(r"(?<=\w)\s+(?:block|slot)$", "", cleaned, flags=re.I)  # "World History study block"
    split = re.match(r"^(.*?)\s*\bfor\s+(?:some\s+)?(.+)$", cleaned, re.I)
    if split and len(split.group(1).split()) <= 4 and not referent(split.group(1), known):
        cleaned = split.group(2)  # "carve out time for lin alg": the verb said before "for" is not the subject
    if not cleaned:
        return ""
    if _GENERIC_BLOCK.match(cleaned):
        return GENERIC_TITLE  # "book a study session thursday at 5pm": no subject said
    cleaned = re.sub(r"^(?:an?|the)\s+(?=\w)", "", cleaned, flags=re.I)  # "a chem lab session", "the X revision"
    cleaned = re.sub(r"^(?:block|slot)\s+(?=\w)", "", cleaned, flags=re.I)  # "set a block sunday 2pm X": the noun
    named = mentions("course", cleaned, known)
    every_word = named and all(score(named[0][1].title, word) > 0 for word in tokens(cleaned))
    if every_word and not re.search(r"\bstudy\b", cleaned, re.I):
        cleaned = f"{cleaned} study"  # "2 hrs for orgo" -> "orgo study"
    return capitalize(cleaned)


# "quick note, call it X: Y": the name given after a pause is a new item's title ("the mcat goal - call it X" renames).
_CALL_IT = re.compile(
    r"\b(?P<kind>(?:a|an|new|quick|another)\s+(?:[\w-]+\s+){0,2}?(?:note|goal|course|module|topic|block|session|task))"
    r"\s*[,;:\u2013\u2014-]+\s*(?:and\s+)?"
    r"(?:call|name|title)\s+it\b",
    re.I,
)


# "a note 'T' saying X": the quoted title, then what the note says.
_SAYING = re.compile(
    r"(?P<title>[\"\u201c\u2018'][^\"\u201d\u2019']{1,80}[\"\u201d\u2019'])\s+(?:saying|that\s+says|which\s+says|reading)\s+",
    re.I,
)


def called_after_pause(text: str) -> str:
    """``text`` with "<kind>, call it X" read as "<kind> called X", and "'T' saying X" as "'T': X"."""
    return _SAYING.sub(lambda m: f"{m['title']}: ", _CALL_IT.sub(lambda m: f"{m['kind']} called", text))


# Words that name no new item on their own: "add some tasks to the mcat goal" says how many, not what.
_NAMELESS_WORDS = (
    "a an the some few couple of more new another other one two three several many stuff things thing something "
    "task tasks goal goals topic topics module modules course courses note notes exam exams block blocks session "
    "sessions item items it them off quits whatever anything you want like"
)
_NAMELESS = frozenset(_NAMELESS_WORDS.split())
# A title that is only something done to "it", or only being done: "Finish it", "Be done with it", "Get that done",
# "Be done".
_DOING_IT = re.compile(
    r"\W*(?:(?:[a-z']+\s+){1,3}(?:it|this|that|them)(?:\s+(?:done|off|over|through))?|(?:be|get)\s+(?:done|finished|through))\W*",
    re.I,
)
NAMELESS_QUESTION = "What should it be called?"


_RENAME = re.compile(r"^\W*(?:(?:pls|please|can\s+you|could\s+you)\s+)?rename\b(?!.*\b(?:to|into|as)\b)", re.I)
_NAMED_SO = re.compile(r"\b(?:called|named|titled|title)\b|[\"'\u201c\u2018]\w", re.I)


def nameless(call: ToolCall, text: str) -> bool:
    """Whether the call makes a goal, task, topic, module or course titled by words that name nothing (unless the
    message names it so: "a module called exams", "task 'two more'")."""
    title = call.arguments.get("title")
    if not isinstance(title, str) or _NAMED_SO.search(text):
        return False
    if call.name == "create_schedule_block":  # "put a block on the 20th": titled by its day alone
        untitled = title == GENERIC_TITLE and not {"course", "goal"} & call.arguments.keys()
        return bool(_ONLY_WHEN.fullmatch(title)) or (untitled and not _STUDY_SAID.search(text))
    return call.name in CREATES - {"create_note"} and (
        all(word in _NAMELESS or len(word) < 2 for word in tokens(title)) or bool(_DOING_IT.fullmatch(title))
    )


# A block said to be for study, with no subject: "book a study session at 5" is one; "add a block at 4" says nothing.
_STUDY_SAID = re.compile(
    r"\b(?:study|studying|focus|revis\w*|review\w*|work|homework|hw|prep|practi[cs]e|flash\s*cards?|cards|drills?|"
    r"reading|learn\w*)\b",
    re.I,
)


# A title that is only a day: "20th", "the 3rd", "friday", "tomorrow".
_ONLY_WHEN = re.compile(
    rf"\W*(?:(?:on|the|this|next|for)\s+)*(?:\d{{1,2}}(?:st|nd|rd|th)|today|tonight|tomorrow|tmrw|{WD}s?)\W*", re.I
)


def renamed_without_name(calls: list[ToolCall], text: str) -> bool:
    """Whether the message asks for a rename and gives no new name ("rename spanish for beginners")."""
    return bool(_RENAME.match(text)) and not any("title" in call.arguments for call in calls)


# A rename's new name read up to its own "to": "ML to Machine Learning I" -> "ML", "Machine Learning I".
_UP_TO_TO = re.compile(r"(?P<more>.+?)\s+to\s+(?P<rest>\S.*)$", re.I)


def renamed_apart(old: str, new: str, kind: str, known: Known) -> tuple[str, str]:
    """A rename's old name and new one, split at the "to" after the whole old name: the new name's words up to its own
    "to" are the old name's while they name the learner's item by more of its title ("rename Intro to ML to Machine
    Learning I": "Intro to ML", not "Intro"; "rename lin alg to Intro to Linear Algebra" stays as it is)."""
    while split := _UP_TO_TO.match(new):
        longer = f"{old} to {split['more']}"
        if _named_by(longer, kind, known) <= _named_by(old, kind, known):
            break
        old, new = longer, split["rest"]
    return old, new


def _named_by(words: str, kind: str, known: Known) -> float:
    """How much of one of the learner's titles of ``kind`` the words name at best."""
    return max((score(item.title, words) for item in known.of(kind)), default=0.0)
