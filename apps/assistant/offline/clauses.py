"""A message made ready for reading: normalised, unwrapped, shorthand expanded, titles protected, "it/that"
taken from the previous message, split into clauses, and each clause's item names masked by their kind; free text
without the words addressed to the assistant."""

from __future__ import annotations

import re
from datetime import date

from . import intent as classifier
from .abstain import IMPERATIVES
from .dates import DATE_PHRASE, WD, continental_clock, parse_time
from .items import FILLER, STRONG, Item, Known, mentions, resolve, score, tokens, word_score
from .parser import protect_quotes, restore_quotes
from .spoken import spoken
from .text import LEADING_NOISE, SAYS_SOMETHING, squash
from .when import absolute_dates

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


NAMED_CLEARLY = 1.0  # an item's score in a clause that names it by at least one whole word


TRIGGERS = (
    r"create|make|build|set|add|schedule|study(?![-\s]?wise)|block|book|put|plan|search|find|look|recommend|suggest|archive|cancel|"
    r"move|reschedule|push|shift|show|list|stop|end|start|begin|remind\s+me\s+to|take\s+a\s+note|note\s+that|summari[sz]e|"
    r"give\s+me|tell\s+me|what|whats|how|hows|where\s+(?:am|do|should)\s+i|skip|delete|mark|rename|please|can\s+you|also|tag|untag|un(?:check|tick|mark)|check\s+off|remove|forget|reopen|finished|"
    r"next\s+up|tick|cross|drop|quiz|test\s+me|review|now|remember|undo|bump|an?\s+(?:new\s+)?(?:goal|note|course)|"
    r"(?:are|is)\s+there|turn\s+(?:it|this|that|them|these|those|em)\s+into|"
    r"(?:time|clock|track)\s+(?:me|my\s+time)(?:\s+in)?\s+(?:on|for)\b|"  # "done with X, clock me in for Y": a timer
    r"(?:another|one\s+more)\s+(?:one|task|topic|module|goal)\b"  # "..., and another one 'Y' due friday"
)


# Why the learner asks, told after the request: "i dropped it", "i've switched majors", "i quit that class".
REASON_TOLD = (
    r"(?:i\s+have|i'?ve|i)\s+(?:just\s+|already\s+)?(?:dropped|quit|withdrew|withdrawn|switched|gave\s+up|given\s+up)\b"
)


SPLIT_RE = re.compile(
    rf"(?:\s*[,;]\s*(?:and\s+|so\s+)?(?:then\s+)?|\s+and\s+(?:then\s+)?|\s+then\s+|[.!?]+\s+(?:and\s+|also\s+|so\s+|then\s+)?|"
    rf"\s+[^\w\s\"'(),.:;&+/#@$%*=<>\[\]\u2013\u2014-]+\s+)(?=(?:{TRIGGERS})\b)"  # a run of emoji ends a request too
    # "what's my streak? then let's do my due cards": a sentence proposing what to do next is a new request
    r"|[.!?]+\s+(?:then\s+)?(?=(?:let'?s|lets)\b)"
    # "done with X. starting Y now": a sentence that starts a topic is a new request
    r"|[.!?]+\s+(?=(?:(?:i'?m|im|and|now|ok|okay)\s+)*(?:starting|beginning|moving\s+on\s+to)\b)"
    r"|\s+(?=now\s+(?:starting|beginning|moving\s+on\s+to)\b)"  # "X done now starting Y", unpunctuated
    r"|\s+\+\s+(?=(?:any|are\s+there|is\s+there|what(?:'?s)?|how|show|list|check)\b)"  # "my week + any clashes?"
    # "hows stats going, and any resources for bayes": a question of its own after a comma
    r"|\s*[,;]\s*(?:and\s+|also\s+|plus\s+)*(?=any\s+(?:good\s+)?(?:resources?|recs?|recommendations?|tips|videos|"
    r"articles|books|links|clashes|conflicts|overlaps|exams|cards|flashcards)\b)"
    # "delete the spanish course, I have dropped the class": why, told after the request, is a clause of its own
    rf"|\s*[,;]\s*(?={REASON_TOLD})"
    # "cancel X and do a 2 hour Y session at 10 instead": a block of its own, asked after the request
    r"|(?:\s*[,;]\s*|\s+and\s+)(?=do\s+(?:an?|another|one)\s[^,.;!?]*\d)"
    # "mark X as in progress and change its priority": a second change of the item just named
    r"|\s+and\s+(?=(?:change|update)\s+(?:its|it|the|my)\b)"
    # "delete the krebs note and i'll redo lecture 6": what the learner will do with another item is a clause of its
    # own ("... and i'll do it tomorrow" speaks of the same one)
    r"|,?\s+and\s+(?=(?:i'?ll|i\s+will|i'?m\s+(?:gonna|going\s+to))\s(?![^,.;!?]*\b(?:it|that|them|this)\b))",
    re.I,
)


# A goal's list of tasks runs to the sentence's end: "tasks: redo the labs, take a practice quiz" is no quiz request.
_LIST_MARK = r"\s*(?::|[-\u2013\u2014]|=|\bare\b|\bwill\s+be\b|\bwould\s+be\b|\binclude\b)\s*:?"
TASK_LIST = re.compile(
    rf"\bgoal\b.*?\b(?:sub-?)?(?:tasks?|steps?|to-?dos?|milestones?){_LIST_MARK}|"
    r"\bgoal\b.*?\bwith\s+(?:the\s+)?(?:sub-?)?(?:tasks?|steps?|to-?dos?|milestones?)\b\s*:?|"  # "... with steps a, b"
    r"\b(?:by|before|until)\b[^.!?]{1,40}[.!?]\s+(?:(?:the|my)\s+)?(?:sub-?)?(?:tasks|steps|to-?dos|milestones)"
    rf"{_LIST_MARK}",
    re.I,
)  # "... by june. steps would be a, b": a deadline's sentence, then the list


_COMMA, _AND = "\ue000", "\ue001"  # a list's joints while the clauses are split


# "note titled T - a, start of b": after a titled note's dash or colon, commas are its content's.
# "note named T, prof said X": a comma before a sentence leads the content too.
_NOTE_CONTENT = re.compile(
    r"\bnote\b[^.!?:]*?\b(?:titled|called|named)\b[^.!?:,]*?"
    rf"(?:\s[-\u2013\u2014]\s|:|,(?!\s*(?:and|then|also|plus|please|pls)\b){SAYS_SOMETHING})\s*",
    re.I,
)


def split_clauses(text: str) -> list[str]:
    """The clauses of ``text``, a goal's task list and a titled note's content kept whole."""
    if m := TASK_LIST.search(text):
        end = re.search(
            r"[.!?](?:\s|$)|(?:,\s*|\s+)(?:and\s+)?then\s+(?=(?:show|list|tell|give|remind|quiz)\b)", text[m.end() :]
        )
        stop = m.end() + end.start() if end else len(text)
        listed = re.sub(r"(,\s*|\s+and\s+)then\s+", r"\1", text[m.end() : stop], flags=re.I)  # "a, then b": in order
        listed = re.sub(r"\s+and\s+", _AND, listed.replace(",", _COMMA))
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


# A new block declared by its kind and a colon or dash: "new block: X, ...", "another study session - X ...".
_NEW_BLOCK_SAID = re.compile(
    r"^(\W*(?:(?:ok(?:ay)?|so|hey|yo|um+|uh+|alright)\W+)*)(?:an?\s+)?(?:new|another)\s+(?:study\s+)?"
    r"(?:block|session|slot)\s*(?::|\s[-\u2013\u2014]+)\s*",
    re.I,
)


TIME_PHRASE = re.compile(
    rf"\b(?:today|tonight|tomorrow|(?:next\s+|this\s+)?{WD}|on\s+the\s+\d{{1,2}}\w*)\b|\b(?:at\s+)?\d{{1,2}}(?::\d{{2}})?\s*(?:am|pm)\b",
    re.I,
)


# A sentence or comma piece that only asks for a reminder's lead time belongs to the request before it.
_LEAD_TIME_SENTENCE = re.compile(
    r"(?:\s*(?:[.?!;]+|,)\s+|\s+(?=and\s))(?:(?:and|also|please|pls|plz|oh|then)\s+)*"
    r"(?=(?:remind\s+me|(?:with\s+|and\s+)?an?\s+reminder|(?:send\s+me\s+)?(?:an?\s+)?(?:reminder|alert|ping|notification))"
    r"\s+(?:(?:about|of)\s+)?(?:\d+|an?|one|half\s+an)\s*(?:minutes?|mins?|m|hours?|hrs?|h)\s+(?:before|earlier|ahead|prior))",
    re.I,
)


_HOURS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, **{str(n): n for n in range(10)}}


# The parts of a text a number range counts ("ch 1-6", "pages 10-20", "problems 3-7"): no clock range.
_PARTS_BEFORE = re.compile(
    r"\b(?:ch|chs|chap|chapters?|pages?|pgs?|pp|p|problems?|questions?|qs?|exercises?|ex|sections?|secs?|units?|"
    r"lectures?|lecs?|slides?|parts?|lessons?|modules?|weeks?|verses?|lines?|items?|cards?|psets?)\.?\s*$",
    re.I,
)
# A verb that says a change; without one ("can we do 2pm instead of 10"), only "instead" says that a time said is a
# change.
_CHANGE_VERB = re.compile(
    r"\b(?:move|shift|push|pull|bump|reschedule|change|make|set|start|begin|put|switch|swap|be)\b", re.I
)
# Time allowed for a task ("give myself 2 weeks for it", "give me a week to finish it"): a due date that far off.
_TIME_ALLOWED = re.compile(
    r"\bgive\s+(?:myself|me|it)\s+(?P<span>(?:a|one|\d+|two|three|four|five|six)\s+(?:days?|weeks?|months?))"
    r"(?:\s+(?:for\s+(?:it|that|this)|to\s+(?:do|finish|get\s+through)\s+(?:it|that|this)))?\b",
    re.I,
)


# "i have finish it", "has already complete": a perfect tense written with the base verb, as second-language
# English often is; read as the participle it means.
_HAVE_BASE_VERB = re.compile(
    r"\b((?:have|has|had|'ve)\s+(?:(?:already|just|not|never|now|finally)\s+)?)"
    r"(finish|complete|do|study|review|learn|start|watch|write|practice|master|cover|revise|pass)\b(?!\s+(?:to)\b)",
    re.I,
)
_I_HAVE_DONE = re.compile(
    r"\bi\s+have\s+(?=(?:(?:already|just|finally|now)\s+)?(?:finished|completed|done|studied|reviewed|covered|"
    r"mastered|learned|learnt|revised|passed|wrapped\s+up|gotten\s+through|got\s+through)\b)",
    re.I,
)
_PARTICIPLES = {
    "do": "done",
    "read": "read",
    "write": "written",
    "study": "studied",
    "complete": "completed",
    "practice": "practiced",
    "revise": "revised",
}


# A lead time said before the request it is for: "remind me 15 min before, schedule X saturday 11am".
_LEAD_TIME_FIRST = re.compile(
    r"^\W*(?:(?:pls|please|plz)\s+)?(?P<lead>remind\s+me\s+(?:\d+|an?|one|half\s+an)\s*(?:minutes?|mins?|m|hours?|hrs?|h)\s+"
    r"(?:before|earlier|ahead|prior))\s*[,.;:]\s*(?:(?:and|also|then|pls|please)\s+)*"
    r"(?P<rest>(?:schedule|book|add|put|set\s+up|block|plan|make|create|pencil\s+in)\b.*?)\s*$",
    re.I,
)


# "pause" before one day of something ("pause stats review on friday", "pause tomorrow's yoga"): that day skipped; not
# a timer paused ("pause the timer", "pause my session till tomorrow").
_PAUSED_DAY = re.compile(
    rf"\bpause(?=(?:\s+(?!(?:until|till|for|after|before|from|to|timer|session|studying|study|pomodoro|clock|"
    rf"stopwatch)\b)[\w'-]+){{0,5}}?\s+(?:on\s+|this\s+)?"
    rf"(?:today|tonight|tomorrow|{WD})(?:'?s)?\b)",
    re.I,
)


# "that one" standing alone for the item just talked of, not a determiner ("that one note about X").
_THAT_ONE = re.compile(
    r"\b(?:that|this)\s+one\b(?=\s*$|\s*[,.;:!?]|\s+(?:to|too|as|at|on|for|from|back|forward|out|off|up|down|"
    r"done|pls|please|instead|by|till|until|again|now|today|tonight|tomorrow|tmrw|\d))",
    re.I,
)


# The hour told at a sentence's start ("its 1am and i need to cram."): what time it is, not when to study.
_TIME_TOLD = re.compile(
    r"(?P<lead>^|[.!?]\s+)\W*(?:it'?s|its)\s+(?:like\s+|already\s+|almost\s+|nearly\s+|past\s+)?\d{1,2}(?::\d\d)?\s*"
    r"(?:am|pm)\b(?:\s+(?:and|so)\b[^.!?]*?(?=[.!?]|$)|\s*[,;.!]+)?\s*",
    re.I,
)
# An emoji between two words, and the word after it.
_EMOJI_PAUSE = re.compile(r"\s+[\U0001F300-\U0001FAFF\u2600-\u27BF\ufe0f]+\s+(?=(?P<next>\w+))")


def _paused(emoji: re.Match[str]) -> str:
    """An emoji before a verb of command as the comma it stands for; kept anywhere else ("packing list ✅ passport")."""
    return ", " if emoji["next"].lower() in IMPERATIVES else emoji[0]


# "a new one" made right after an item of a kind was named: "mark the books goal done and make a new one X".
_NEW_ONE = re.compile(
    r"\b(?:make|create|add|start|set\s+up|open|write|take)\s+(?:me\s+)?an?\s+new\s+(?P<one>one)\b", re.I
)
# The kind a request names: "the ML course", "my reading goal".
_KIND_WORD = re.compile(r"\b(goal|course|module|topic|task|note|exam)s?\b", re.I)


def new_one_named(text: str) -> str:
    """The text with "a new one" said as the kind named last before it ("archive the ML course and make a new one
    called Deep Learning": a new course); as it is when no kind was named."""
    made = _NEW_ONE.search(text)
    kinds = _KIND_WORD.findall(text[: made.start()]) if made else []
    return f"{text[: made.start('one')]}{kinds[-1].lower()}{text[made.end('one') :]}" if made and kinds else text


# "new yr goal: X": a goal asked for, its title after the colon; not a remark ("new years goal: ugh i never ...").
_NEW_YEARS_GOAL = re.compile(
    r"\bnew\s+y(?:ea)?rs?'?s?\s+(?:resolution\s+)?(?:goal|resolution)"
    r"(?=\s*:(?!\s*(?:ugh|lol|idk|hmm+|i|i'm|im|no|not)\b))",
    re.I,
)
_PUT_AS_STATUS = re.compile(
    r"\bput\s+(it|that|this|them)\s+(?:as|to)\s+(?=(?:in\s+progress|done|complete|completed|finished|abandoned)\b)",
    re.I,
)
_UNTICKED = re.compile(
    r"\b(?:(?:undo|remove|clear|take\s+(?:off|away))\s+(?:the\s+|my\s+)?(?:tick|check\s*mark|check|done\s+mark)\s+"
    r"(?:on|from|for|off(?:\s+of)?)|take\s+(?:the\s+)?(?:tick|check\s*mark|check)\s+off(?:\s+of)?|"
    # "undo the practice test task, i didnt actually finish it": undone only when said not done
    r"undo(?=\s+(?:the|my|that)\s+(?:[\w'-]+\s+){0,5}?task\b.*\b(?:not|didn'?t|did\s+not|haven'?t|never)\s+"
    r"(?:actually\s+|really\s+|yet\s+|quite\s+)?(?:done|finish\w*|complete\w*)\b))\s+",
    re.I,
)
# "undo the amino acids tick", "remove the backprop checkmark": the mark on X taken off.
_TICK_ON_UNDONE = re.compile(
    r"\b(?:undo|remove|clear|take\s+(?:off|away))\s+(?:the\s+|my\s+|that\s+)?(?P<what>(?:[\w'-]+\s+){1,5}?)"
    r"(?:tick|check\s*mark|check|done\s+mark)(?![\w-])",
    re.I,
)
_UNDONE_MARKING = re.compile(
    r"\bundo\s+(?:marking|ticking|checking|completing|finishing)\s+(?:off\s+)?(?P<what>.+?)"
    r"(?:\s+(?:as\s+)?(?:done|complete|completed|finished|off))?(?=\s*(?:[,.;!?]|$))",
    re.I,
)


# A clock range whose end has no am/pm ("10am-12", "2pm - 4"); not a length ("3pm - 90 min", "3pm-45 mins").
_HALF_SAID_RANGE = re.compile(
    r"(?<![\d/:-])\b(?P<start>(?P<hour>\d{1,2})(?::\d\d)?\s*(?P<half>am|pm))\s*[-\u2013]\s*"
    r"(?P<end>(?P<end_hour>\d{1,2})(?::\d\d)?)\b(?!\s*(?:am|pm|min|mins|minutes?|h|hrs?|hours?)\b|[:-])",
    re.I,
)


def _range_from_to(m: re.Match[str]) -> str:
    """ "from <start> to <end>", the end in the start's half of the day, or past midnight after an evening start
    ("9pm-1": to 1am)."""
    if m["half"].lower() == "pm" and int(m["end_hour"]) % 12 < int(m["hour"]) % 12:
        return f"from {m['start']} to {m['end']}am"
    return f"from {m['start']} to {m['end']}"


def normalise(text: str, known: Known, today: date) -> str:
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
        if lowered.endswith("'s") and (stem := classifier.correct_word(lowered[:-2])) != lowered[:-2]:
            return f"{stem}'s"  # "wensday's": the misspelled key word, still possessive
        corrected = classifier.correct_word(lowered)
        return corrected if corrected != lowered else word

    text = _THAT_ONE.sub("it", text)  # "push that one to 7pm": the item just talked of
    text = _PAUSED_DAY.sub("skip", text)  # "pause X on friday": friday's X skipped
    text = _TIME_TOLD.sub(r"\g<lead>", text)  # "its 1am and i need to cram. start timing me": the hour, told
    text = _NEW_YEARS_GOAL.sub("new goal", text)
    text = _EMOJI_PAUSE.sub(_paused, text)  # "the MCAT got pushed 🙄 change the goal date": a remark, then a request
    text = _PUT_AS_STATUS.sub(r"mark \1 as ", text)  # "put it as in progress"
    text = re.sub(r"\bw\s+(?=\d|(?:a|an|the|my)\s)", "with ", text, flags=re.I)  # "a course w 6 modules"
    text = _UNTICKED.sub("untick ", text)  # "undo the tick on X", "take the check off X": X reopened
    text = _UNDONE_MARKING.sub(r"untick \g<what>", text)  # "undo marking X as done"
    text = _TICK_ON_UNDONE.sub(r"untick \g<what>", text)  # "undo the X tick"
    text = re.sub(r"\btl\s*[;:,.]?\s*dr\b", "tldr", with_full_titles(_shorthand(text, known), known), flags=re.I)
    text = _HAVE_BASE_VERB.sub(lambda m: f"{m[1]}{_PARTICIPLES.get(m[2].lower(), m[2] + 'ed')}", text)
    text = _I_HAVE_DONE.sub("i've ", text)  # "i have finished X" is read as "i've finished X"
    text = continental_clock(text)
    text = _REMEMBER_THAT.sub(_remembered, text)
    text = absolute_dates(re.sub(r"\bw/(?=\s)", "with", _unwrap(spoken(text), known), flags=re.I), today)
    text = re.sub(r"[A-Za-z0-9']+", fix, text)
    text = re.sub(  # "dec 14-20" -> "from dec 14 to dec 20"
        r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?)\s+(\d{1,2})\s*[-\u2013]\s*(\d{1,2})\b(?![:-])",
        r"from \1 \2 to \1 \3",
        text,
        flags=re.I,
    )
    text = re.sub(  # "write one note with title X": one new note, said as its article
        r"\b(write|make|create|add|take|save)\s+one\s+(?=(?:new\s+|quick\s+)?note\s+(?:with|titled|called|named|:))",
        r"\1 a ",
        text,
        flags=re.I,
    )
    text = re.sub(  # "make for me a study time ...": the learner is who it is for, not what it is for
        r"\b(make|book|schedule|create|add|set\s+up|plan|put|give)\s+for\s+me\s+(?=(?:a|an|the|some)\b)(?![^?]*\?)",
        r"\1 ",
        text,
        flags=re.I,
    )
    text = re.sub(r"\b(\d+)\s*m\b(?=\s+(?:before|earlier|early|prior|ahead|long|session|block))", r"\1 minutes", text)
    text = re.sub(r"^(\W*)(?:block|session|slot|event)\s*:\s*", r"\1schedule ", text, flags=re.I)
    text = re.sub(r"\b(every|each)\s+(?:single|other\s+single)\s+", r"\1 ", text, flags=re.I)
    text = re.sub(  # "7-9pm" -> "from 7 to 9pm"; "ch 1-6", "pages 10-20" stay a range of parts
        r"(?<![\d/:-])\b(\d{1,2})(?:\s*-\s*)(\d{1,2})\s*(am|pm)?\b(?![:-])",
        lambda m: (
            m[0] if not m[3] and _PARTS_BEFORE.search(m.string[: m.start()]) else f"from {m[1]} to {m[2]}{m[3] or ''}"
        ),
        text,
    )
    text = _HALF_SAID_RANGE.sub(_range_from_to, text)  # "10am-12" -> "from 10am to 12"
    text = re.sub(  # "friday 3 to 5" -> "friday from 3 to 5", "saturday morning 9 to 12" too
        rf"\b((?:{WD}|today|tomorrow|tonight)\w*\s+(?:(?:morning|afternoon|evening|night)\s+)?)(\d{{1,2}}(?::\d\d)?\s*(?:am|pm)?)\s+(?:to|till|until)\s+(?=\d)",
        r"\1from \2 to ",
        text,
        flags=re.I,
    )
    text = re.sub(r"[,\s]+(?:from\s+now\s+on|going\s+forward)\b", "", text, flags=re.I)
    text = _TIME_ALLOWED.sub(r"due in \g<span>", text)  # "give myself 2 weeks for it": when it is due
    text = re.sub(r"\bun-(tick|check|mark|do|complete)", r"un\1", text, flags=re.I)  # "un-tick X"
    text = re.sub(  # "at 9 not 8": the old time says only that this is a change (a clock, not "chapter 3 not 4")
        r"(\b(?:at|to)\s+\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?|\b\d{1,2}(?::\d\d)?\s*(?:am|pm))[\s,]++(?:and\s++)?not\s++"
        r"(?:at\s+)?\d{1,2}(?::\d\d)?(?:\s*(?:am|pm))?\b",
        r"\1 instead",
        text,
        flags=re.I,
    )
    text = re.sub(  # "to 8 instead of 7", "30 min instead of an hour": the old value says nothing, "instead" that
        rf"\s+instead\s+of\s+(?:(?:an?|one|\d[\d.]*)\s*(?:hours?|hrs?|h|minutes?|mins?)\b|\d[\d:]*(?:\s*(?:am|pm)\b)?"
        rf"|tonight|today|tomorrow|{WD}\w*)",
        lambda m: "" if _CHANGE_VERB.search(m.string[: m.start()]) else " instead",  # "X tmrw at 9 instead of 8"
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
    if parse_time(text):
        text = _NEW_BLOCK_SAID.sub(r"\1schedule ", text)  # "new block: X, fridays 6pm, link it to the Y course"
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
    text = _LEAD_TIME_FIRST.sub(r"\g<rest> \g<lead>", text)  # "remind me 15 min before, schedule X ...": X's reminder
    text = _LEAD_TIME_SENTENCE.sub(", ", text)  # "... at 6pm. Please remind me 15 minutes before."
    text = re.sub(r"\b(goal|note(?:\s+to\s+self)?)\s+[-\u2013]+\s+", r"\1: ", text, flags=re.I)  # "goal - X"
    text = re.sub(rf"\b({WD})s?\s+n\s+(?=(?:{WD})s?\b)", r"\1 and ", text, flags=re.I)  # "tue n thu"
    text = _WEEKDAY_RUN.sub(lambda m: "every " + ", ".join([m.group(1), *m.group(2).split()]), text)
    if not _FIRST_PERSON_FACT.match(text):  # "I study spanish mon and wed at 7pm" tells, it asks for no block
        text = _WEEKDAY_PAIR.sub(lambda m: f"{m.group(1)}every {m.group(2)} and {m.group(3)}", text)
    return text


_VERB = "|".join(sorted((w for w in IMPERATIVES if w.isalpha() and w not in {"let", "lets", "do", "get"}), key=len))


_WRAPPED = re.compile(  # not "do i need to": "which cards do i need to review" asks, it wraps nothing
    rf"^(?P<pre>.+?)\b(?:(?:could|can|would|will)\s+(?:you|u)|(?:you|u)\s+(?:could|can|would)|please|pls|plz|(?<!\bdo\s)(?<!\bdid\s)i\s+(?:need|want)\s+(?:you\s+)?to)\s+"
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


# "i work nights on fridays. remember that": the fact is what came before. Possessive runs: a message of commas
# must not be tried at every split of its punctuation (it was cubic: 450 commas took minutes).
_REMEMBER_THAT = re.compile(
    r"^\W*+(?:(?:just\s+)?so\s+you\s+know|fyi|btw)?[,:\s]*+(.+?)[.!,;]++\s*(?:pls\s+|please\s+)?"
    r"(?:(?:remember|keep\s+in\s+mind|don'?t\s+forget)\s+(?:that|this|it)|(?:keep|bear)\s+(?:that|this|it)\s+in\s+mind)"
    r"(?:\s+(?:instead|too|also|as\s+well|for\s+me|pls|please|now))*"  # "..., remember that instead"
    r"(?:\s+(?:when|whenever|while|if)\s+(?:you\s+|u\s+)?(?:plan|schedul|book|set|make|organi[sz])[^.!?]*)?\W*$",
    re.I,
)  # "..., keep that in mind when you plan stuff for me": what it is for says nothing more
# A note's heading: "note to self: i focus best at night", "nts the exam is open book".
_NOTE_HEADING = re.compile(r"^(?:note\s+to\s+self|nts|note|memo)\s*[:\u2013-]?\s+", re.I)
_OF_SELF = re.compile(r"^(?:i|i'm|im|i've|ive|i'd|my)\b", re.I)


def _remembered(said: re.Match[str]) -> str:
    """ "remember that X" for "X, remember that": a fact of the learner's own is remembered, even headed as a note
    ("note to self: i learn best by doing. remember that"); any other note stays the note."""
    heading = _NOTE_HEADING.match(said[1])
    if heading and not _OF_SELF.match(said[1][heading.end() :]):
        return said[1]  # "note to self: the exam is open book. remember that": the note
    return f"remember that {said[1][heading.end() :] if heading else said[1]}"


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


_FROM_NOW_ON = r"from\s+now\s+on|going\s+forward|from\s+here\s+on(?:\s+out)?"
# A change from now on: "ml reading at 7am from now on".
FROM_NOW_ON = re.compile(rf"\b(?:{_FROM_NOW_ON})\b", re.I)
# The block from now on, not one day of it: "move it to 9am going forward", "cancel it for good".
WHOLE_SERIES = re.compile(
    # "all" of the series, not "all week" (how long something went on: "lab ran late all week")
    r"\b(?:for\s+good|entirely|altogether|completely|permanently|forever|every|series|whole|delete|remove|"
    r"all(?!\s+(?:week|weekend|day|night|morning|afternoon|evening|semester|term|month|year|summer)\b)|"
    rf"rest\s+of|{_FROM_NOW_ON}|any\s*more|no\s+longer|dropped|quit)\b",
    re.I,
)
# A part of today, which no time phrase is: "this morning", "this evening".
_PART_OF_TODAY = re.compile(r"\bthis\s+(?:morning|afternoon|evening)\b", re.I)


# "it", "them", and "that" closing a request ("can you quiz me on that"), not "that" before a clause.
_OBJECT_PRONOUN = re.compile(
    r"\b(?:it|them)\b(?!\s+(?:is|was|'s)\b)|"
    r"(?:(?<=\bon\s)|(?<=\babout\s)|(?<=\bfor\s)|(?<=\bwith\s)|(?<=\bfrom\s)|(?<=\bof\s))that\b"
    r"(?=(?:\s+(?:pls|please|too|again|now))*\W*$)",
    re.I,
)


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
    if m and (first := re.match(r"\W*([a-z]+)", m.group("pre").lower())) and first[1] in IMPERATIVES:
        return text  # "create a course X, i want to finish it by ...": the wrapper is itself a request
    if m and not re.search(r"\d", m.group("pre")) and not TIME_PHRASE.search(m.group("pre")):
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
            and (named := referent(m.group("pre"), known))
            and not barely(named, m.group("pre"))  # "I finished. please stop it" names no "Finish practice test 1"
        ):
            # "the World History class is finished for me, please archive it": "it" is what the wrapper named
            said_as = f'"{named.title}"'
            if (
                named.kind == "block"
                and (part := _PART_OF_TODAY.search(m.group("pre")))
                and parse_time(request)
                and not WHOLE_SERIES.search(request)
            ):
                said_as = f"{said_as} {part[0]}"  # "X this morning, can you push it to 2pm": this morning's X
            request = _OBJECT_PRONOUN.sub(said_as, request, count=1)
        elif (
            known is not None
            and _TIMER_ALONE.search(request)
            and (named := referent(m.group("pre"), known))
            and named.kind in ("course", "topic")
            and not barely(named, m.group("pre"))
        ):
            # "I want to study backprop now. Please start the timer": the timer is for what they study
            request = f'{re.sub(r"[.!?]+$", "", request.strip())} for "{named.title}"'
        elif (
            known is not None
            and (attribute := _ATTRIBUTE.search(request))
            and (named := referent(m.group("pre"), known))
            and named.kind in ("course", "goal")
            and referent(request, known) is None
        ):
            # "Linear Algebra is harder than I thought. Please change the difficulty to advanced": its difficulty
            request = f'{request[: attribute.end()]} of "{named.title}"{request[attribute.end() :]}'
        elif _OBJECT_PRONOUN.search(request) and re.search(r"\b(?:about|on|regarding)\s+\w", m.group("pre"), re.I):
            return text  # "I wrote something about X at some point, can you find it?": "it" is what the wrapper says
        return request
    return text


_NEW_CHILD = re.compile(r"((?:an?|one|another|new)\s+(?:new\s+)?(?:task|topic|module|note))\s+(?::\s*)?(\S.*)$", re.I)


_W_FOR_WITH = re.compile(
    r"(?<=\s)w/?\s+(?=(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+\w|(?:modules?|topics?|tasks?|"
    r"steps?|tags?)\b)",
    re.I,
)


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
        and referent(m.group(1), known)
    ):
        verb, _, rest = m.group(2).partition(" ")
        if new := _NEW_CHILD.match(rest):  # "mcat: add a task T": the head is where the new task goes
            return f"{verb} {new[1]} to {m.group(1)}: {new[2]}"
        return f"{verb} {m.group(1)} {rest}".strip()
    return text


def protect_titles(text: str, known: Known) -> str:
    """Quote the learner's titles that contain 'and' or a comma, so no clause split cuts them."""
    for item in sorted(known.items, key=lambda i: -len(i.title)):
        if re.search(r"\band\b|,", item.title):
            text = re.sub(rf"(?<![\"'])\b{re.escape(item.title)}\b(?![\"'])", f'"{item.title}"', text, flags=re.I)
    return text


def with_full_titles(text: str, known: Known) -> str:
    """The text with each two-part title of the learner's said short ("prob & stats", "eigenvals n eigenvecs")
    written whole, so it is read as that item and never split at its "&" or "and"."""
    for start, end, title in reversed(shortened_titles(text, known)):
        text = f"{text[:start]}{title}{text[end:]}"
    return text


_PAIR = re.compile(
    r"(?<![\w\"'])([\w'-]+(?:\s+[\w'-]+)?)\s*(?:&|\+|\band\b|\bn\b)\s*([\w'-]+(?:\s+[\w'-]+)?)(?![\w\"'])", re.I
)


def shortened_titles(text: str, known: Known) -> list[tuple[int, int, str]]:
    """Where the text says a two-part title of the learner's ("Probability and Statistics") by short forms of both
    parts joined by "&", "+", "and" or "n" ("prob & stats"): (start, end, title), in order."""
    found: list[tuple[int, int, str]] = []
    for item in known.items:
        parts = re.split(r"\s+and\s+", item.title, maxsplit=1, flags=re.I)
        if len(parts) != 2 or item.title.casefold() in text.casefold():
            continue
        for pair in _PAIR.finditer(text):
            left = _shortens(pair[1].split(), parts[0].split(), last=True)
            right = _shortens(pair[2].split(), parts[1].split(), last=False)
            if left and right and not any(s < pair.end(2) and pair.start(1) < e for s, e, _ in found):
                end = pair.start(2) + len(" ".join(pair[2].split()[:right]))
                found.append((pair.start(1) + len(pair[1]) - len(" ".join(pair[1].split()[-left:])), end, item.title))
    return sorted(found)


def _shortens(said: list[str], title: list[str], *, last: bool) -> int:
    """How many of the said words shorten the title's words (the last ones before "and", the first ones after),
    each a shortening of its word (``short_for``)."""
    count = 0
    pairs = zip(reversed(said), reversed(title), strict=False) if last else zip(said, title, strict=False)
    for word, full in pairs:
        if not short_for(word.casefold(), full.casefold()):
            break
        count += 1
    return count


def short_for(word: str, full: str) -> bool:
    """Whether ``word`` is ``full`` or a shortening of it (same first letter, its letters in order, three or more)."""
    if word == full:
        return True
    if len(word) < 3 or word[0] != full[0]:
        return False
    letters = iter(full)
    return all(letter in letters for letter in word)


def unrequested(text: str) -> str:
    """The text without the words requests are made of (the intent bank's), numbers kept."""
    request_words = classifier.bank_words()
    return " ".join(w for w in tokens(text) if w.isdigit() or w not in request_words)


def barely(item: Item, text: str) -> bool:
    """Whether the text names a title only by request words ("set" in "set it to X" for "Redo problem set 3"), or
    one of several words by less than a whole word ("finished" for "Finish practice test 1")."""
    words = [w for w in tokens(item.title) if w not in FILLER]
    return score(item.title, unrequested(text)) < min(NAMED_CLEARLY, 0.5 * len(words))


# A kind said bare as what a request acts on, its item named before: "done with orgo forever. delete the whole
# course" (that course); "add X to that goal" puts X somewhere, which the "it/that" reading already follows.
_BARE_KIND = re.compile(
    r"(?:^|[.!?;,]\s*)\W*(?:(?:pls|please|just|so|and|then)\s+)*[a-z]+(?:\s+(?:rid\s+of|up|off|out))?\s+"
    r"(?P<said>(?:the|that|this)\s+(?:whole\s+|entire\s+)?(?P<kind>course|goal|module|note))\b",
    re.I,
)
# The kind said bare as what a clause tells of, its item named before (a comma, a sentence's end or a run of emoji
# between): "got my b+ in lin alg, that goal is done", "PASSED THE MCAT 🎉 this goal is complete".
_THAT_KIND = re.compile(
    r"(?:^|[.!?;,]\s*|\s+[^\w\s]+\s+)\W*(?:(?:so|and|yeah|welp)\s+)*(?P<said>(?:that|this)\s+(?P<kind>course|goal|module|note))\b"
    r"(?=\s+(?:is|'s|was|has|can|should)\b)",
    re.I,
)


# "it" archived: only a course is, so the course named before ("taking a break from spanish, archive it").
_IT_ARCHIVED = re.compile(
    r"(?:^|[.!?;,]\s*)\W*(?:(?:pls|please|just|so|and|then)\s+)*archive\s+(?P<said>it|that|this)\b", re.I
)


def _said_bare(clause: str) -> tuple[re.Match[str], str] | None:
    """Where the clause says a kind bare ("delete the course", "that goal is done", "archive it"), and that kind."""
    if bare := _BARE_KIND.search(clause) or _THAT_KIND.search(clause):
        return bare, bare["kind"].lower()
    return (archived, "course") if (archived := _IT_ARCHIVED.search(clause)) else None


def kind_named_before(clause: str, before: str, known: Known) -> str:
    """The clause with a bare "the course" (goal, module, note) or an "it" archived as the only such item ``before``
    names, or only what it tells of "that goal" (the words that named it left out), when the clause names none of
    that kind; else the clause as it is ("stats and lin alg" before: which is for the learner)."""
    said = _said_bare(clause)
    if said is None or mentions(kind := said[1], clause[(bare := said[0]).start() :], known):
        return clause
    before = f"{before} {clause[: bare.start()]}"  # "i dropped orgo. get rid of the course": one clause
    if len(mentions(kind, before, known)) != 1:
        return clause
    item = resolve(kind, before, known).item
    if item is None:
        return clause
    told = bare.re is _THAT_KIND
    kept = "" if told else clause[: bare.start("said")]  # "got my b+ in lin alg, that goal is done": told
    return f'{kept}the "{item.title}" {kind}{clause[bare.end() :]}'


def previous_referent(previous: str, known: Known) -> Item | None:
    """What "it" in a reply names: the previous message's item, unless only its request words name it
    ("what's on this week?" names no "Spanish vocab week 3": "cancel it" then asks which)."""
    item = referent(previous, known) if previous else None
    if item is None or _named_together(item, previous, known):
        return None
    return item if score(item.title, unrequested(previous)) > 0 or _named_with_kind(item, previous, known) else None


# An item named by a few words and its kind: "my reading goal", "the lin alg course" (not "my notes are lecture notes").
_NAME_AND_KIND = re.compile(
    r"\b(?:my|the|that|this|our)\s+(?P<name>(?:(?!(?:goals?|courses?|modules?|topics?|tasks?|notes?|is|are)\b)"
    r"[\w'+&/-]+\s+){1,3}?)(?P<kind>goal|course|module|topic|task|note)s?\b",
    re.I,
)


def _named_with_kind(item: Item, text: str, known: Known) -> bool:
    """Whether the text names the item alone by words said before its kind ("what's left on my reading goal"), which
    are its name even when they are request words too."""
    named = _NAME_AND_KIND.finditer(text)
    return any(
        said["kind"].lower() == item.kind and resolve(item.kind, said["name"], known).item == item for said in named
    )


def _named_together(item: Item, text: str, known: Known) -> bool:
    """Whether the text names another item of the kind too, joined by "and"/"or" ("lecture 5 and 6 notes are a
    mess", "how am i doing in lin alg and stats?"): then "it" could be either."""
    return len(mentions(item.kind, text, known)) > 1 and bool(re.search(r"\b(?:and|or|both)\b|&", text, re.I))


# A word for a kind: "when's my next lin alg session?" names the block, and "the lin alg goal" the goal, not the
# course.
_KIND_WORDS = {
    "block": re.compile(r"\b(?:blocks?|sessions?|slots?)\b", re.I),
    "goal": re.compile(r"\bgoals?\b", re.I),
}


def referent(text: str, known: Known) -> Item | None:
    """The item a message names most strongly, of any kind (of the kind a word for it says, when it names one); on a
    tie, the one named by more of its title."""
    best: tuple[float, float, Item] | None = None
    said = [kind for kind, word in _KIND_WORDS.items() if word.search(text) and mentions(kind, text, known)]
    for kind in said[:1] or ("block", "topic", "task", "note", "module", "goal", "course"):
        found = mentions(kind, text, known)
        if found:
            value, item = _named_first([each for score_, each in found if score_ == found[0][0]], text)
            whole = value / max(len([w for w in tokens(item.title) if w not in FILLER]), 1)
            if best is None or (value, whole) > best[:2]:
                best = (value, whole, item)
    return best[2] if best else None


def _named_first(tied: list[Item], text: str) -> tuple[float, Item]:
    """Of items named equally strongly, the one the text names first by the words only its title has ("Lecture 6
    notes is the same as lecture 5": lecture 6), with its score."""
    said = tokens(text)

    def first_own_word(item: Item) -> int:
        others = {w for other in tied if other is not item for w in tokens(other.title)}
        own = [w for w in tokens(item.title) if w not in others]
        return min((said.index(w) for w in own if w in said), default=len(said))

    item = min(tied, key=first_own_word)
    return score(item.title, text), item


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
DATED_NUMBER = re.compile(
    rf"{DATE_PHRASE}|\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b|\b\d{{1,2}}(?::\d\d)?\s*(?:am|pm)\b|\b\d{{1,2}}:\d\d\b", re.I
)


# Two words joined by a slash, each of two letters or more and starting with a letter ("SN1/SN2"; not "3/4").
_SLASHED = re.compile(r"\b([^\W\d_][\w-]+)/([^\W\d_][\w-]+)\b")


def mask(clause: str, known: Known) -> str:
    """Replace the words that name one of the learner's items by the item's kind ('the topic').

    Only the best-named item of each kind counts, and a request word (one of the bank's) or a date word
    counts only when it is exactly a word of the title.
    """
    request_words = classifier.bank_words() | _NOT_NAMES

    def quoted(match: re.Match[str]) -> str:
        item = next((i for i in known.items if i.title.casefold() == quoted_text(match).casefold()), None)
        return f"the {item.kind}" if item else "x"  # a new name says nothing about the intent

    clause = _SLASHED.sub(r"\1 / \2", clause)  # "SN1/SN2": two words of one title, as "SN1 and SN2" would be
    clause = COLON.sub(": x", QUOTED.sub(quoted, CALLED.sub("called x", clause)))
    undated = DATED_NUMBER.sub(lambda m: re.sub(r"\d", "#", m.group(0)), clause)  # "on march 12" names no "12 books"
    named = {kind: found for kind in SLOTS if (found := mentions(kind, undated, known))}
    top = [_said(_own_best(found, named, undated), undated) for found in named.values()]
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
                word_score(t, lowered) >= STRONG for t in title_words
            )  # "the reading goal": a request word followed by the item's kind names it
            if lowered and lowered not in FILLER and (exact or loose):
                kinds.append((value, value / max(len(title_words), 1), item.kind))
        kind_after = _KIND_NAMED.get(following)
        if (
            kinds
            and kind_after
            and all(kind != kind_after for *_, kind in kinds)
            and any(item.kind == kind_after for _, item in top)
        ):
            kinds = [(0.0, 0.0, kind_after)]  # "the ML course": a course's name, though a block holds "ML"
        labels.append(max(kinds)[2] if kinds else None)
    for i in range(1, len(words) - 1):  # "Eigenvalues and Eigenvectors" is one name
        joins = words[i].lower() in FILLER or words[i] == "/"
        if labels[i] is None and labels[i - 1] and labels[i - 1] == labels[i + 1] and joins:
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


# The kind a word after a name says the name is of ("the ML course", "the reading goal"); the word is read without
# a final "s" ("class" as "clas", "classes" as "classe").
_KIND_NAMED = {
    "course": "course",
    "clas": "course",
    "classe": "course",
    "goal": "goal",
    "module": "module",
    "topic": "topic",
    "block": "block",
    "note": "note",
    "task": "task",
}


KIND_WORDS = {
    "course": r"courses?|class(?:es)?",
    "module": r"modules?",
    "topic": r"topics?",
    "goal": r"goals?",
    "task": r"tasks?",
    "block": r"blocks?|sessions?|slots?",
    "note": r"notes?",
}


def _own_best(
    found: list[tuple[float, Item]], named: dict[str, list[tuple[float, Item]]], clause: str
) -> tuple[float, Item]:
    """Of the items of one kind named equally well, the first one named by words of its own, not only by words of an
    item of another kind named better ("move elimination reactions into stereochem basics": the module
    "Stereochemistry Basics", not "Reaction Mechanisms" by the topic's "reactions")."""
    tied = [each for each in found if each[0] == found[0][0]]
    stronger = [item for other in named.values() for value, item in other[:1] if value > found[0][0]]
    taken = {word for item in stronger for word in tokens(item.title) if word not in FILLER}
    said = [word for word in tokens(clause) if word not in FILLER]

    def borrowed(item: Item) -> bool:
        own = [w for w in said if any(word_score(t, w) >= STRONG for t in tokens(item.title) if t not in FILLER)]
        return bool(own) and all(any(word_score(t, w) >= STRONG for t in taken) for w in own)

    return next((each for each in tied if not borrowed(each[1])), found[0])


def _said(found: tuple[float, Item], clause: str) -> tuple[float, Item]:
    """An item's score, one word higher when the clause also says its kind ("orgo from my courses")."""
    value, item = found
    return (value + 1.0, item) if re.search(rf"\b(?:{KIND_WORDS[item.kind]})\b", clause, re.I) else found


# A double-quoted title keeps its apostrophes ("Bayes' Theorem"); a single-quoted one ends at the first, and an
# apostrophe inside a word ("Kepler's") opens and closes none.
QUOTED = re.compile(r"[\"\u201c]([^\"\u201d]+?)[\"\u201d]|(?<!\w)['\u2018]([^\"\u201d\u2019]+?)['\u2019](?!\w)")


CALLED = re.compile(r"\b(?:called|named|titled)\s+(.+?)(?=\s+(?:to|in|into|for)\s+|$)", re.I)


COLON = re.compile(r"[:\u2013-]\s+(.+)$")


def quoted_text(match: re.Match[str]) -> str:
    """The words inside a match of ``_QUOTED``."""
    return match.group(1) or match.group(2)


def masked_clauses(text: str, *, today: date, known: Known) -> list[str]:
    """The clauses of ``text`` as the classifier sees them: normalised, split, item names masked by their kind."""
    protected, quoted = protect_quotes(protect_titles(normalise(text, known, today), known))
    out = []
    for raw in split_clauses(protected):
        rule_text = LEADING_NOISE.sub("", raw).strip()
        if re.match(r"(?:an?\s+(?:new\s+)?|new\s+)(?:goal|note|course)\b", rule_text, re.I):
            rule_text = "create " + rule_text
        out.append(mask(restore_quotes(rule_text, [f'"{q}"' for q in quoted]), known))
    return out


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


def free_text(text: str) -> str:
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
