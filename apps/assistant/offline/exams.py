"""Exams said in a message: a date given for one ("my micro midterm is on feb 12"), a question about them
("how ready am i for the stats final?"), a new date ("the orgo exam got moved to the 14th"), a removal, a prep plan
("make me a study plan for my stats final").

Only a message that is wholly about an exam is read here (openers and a closing "add it" aside): an exam
named beside another request ("final is in 2 weeks, set a goal ...", "remember that my final is ...")
is that request's business. A practice or mock exam is a study block, not an exam. The exam is on the
course the message names (asked when none or several fit); a date and a course are needed to add one.
"""

from __future__ import annotations

import re
from datetime import date

from .abstain import IMPERATIVES
from .calls import ToolCall
from .clarify import which
from .clauses import barely, referent
from .dates import continental_clock, parse_duration, parse_time
from .intent import correct_word
from .items import FILLER, Known, resolve, tokens
from .understanding import Understanding
from .when import any_date

# "test" is an exam when it is a noun ("a test on X next week"), not the verb ("test me on X", "test my recall").
_EXAM_WORD = (
    r"(?<!mock\s)(?<!practice\s)(?<!sample\s)"
    r"(?:final\s+exam|finals?|mid-?terms?|exams?|tests?(?!\s+(?:me|myself|yourself|my|us)\b))"
)
_EXAM = rf"(?P<kind>{_EXAM_WORD})"
_OPEN = (
    r"^\W*(?:(?:so|ok(?:ay)?|hey|hi|fyi|btw|well|alright|ugh|omg|update|quick\s+update|heads\s+up|"
    r"just\s+so\s+you\s+know|news)\W+)*"
)
_ASK = r"(?:(?:please|pls|plz|(?:can|could|would)\s+(?:you|u|ya)(?:\s+(?:please|pls|plz))?)\s+)*"
_NOT_SUBJECT_WORD = (
    r"(?:i|i've|there|what|which|when|how|do|does|is|are|can|could|would|please|pls|add|put|log|save|set)\b"
)
_NOT_SUBJECT_START = r"(?!" + _NOT_SUBJECT_WORD + r")"
_SUBJECT = r"(?P<subject>" + _NOT_SUBJECT_START + r"[\w&+'/-]+(?:\s+[\w&+'/-]+){0,4}?)"
# Words a date phrase is made of: anything else ("the 3rd floor", "3 hours", "the 20th percentile") is no date.
_DATE_WORDS = (
    "the of on in at this next coming a an one two three four five six seven eight nine ten eleven twelve couple "
    "few day days week weeks wk wks month months from now today tomorrow tmrw tmr tonight end early mid late morning "
    "afternoon evening noon am pm st nd rd th jan january feb february mar march apr april may jun june jul july "
    "aug august sep sept september oct october nov november dec december mon monday tue tues tuesday wed "
    "wednesday thu thur thurs thursday fri friday sat saturday sun sunday"
)
# A date phrase: starts like one ("feb 12", "the 15th", "next thursday", "in 3 weeks", "4/12"), a few words, no
# clause after it ("tomorrow and i know nothing" tells no date of an exam).
_DATE_START = (
    r"(?=\d|(?:the|next|this|in|on|tomorrow|tmrw?|today|tonight|end|early|mid|late|jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)\w*\b)"
)
# Each later word of the phrase is a date word or a number ("in 2 weeks", "may 3rd, 2027"), so a subject never ends
# up read as the start of a date ("a test on bayes and the normal distribution on the 20th").
_DATE_WORD = (
    r"(?:[\d/.,:-]*\d(?:st|nd|rd|th|am|pm)?|" + "|".join(sorted(_DATE_WORDS.split(), key=len, reverse=True)) + r")\b"
)
# The first word too is a date word: "independence" starts like "in" and is none.
_DATE = r"(?P<date>" + _DATE_START + r"(?=" + _DATE_WORD + r")[\w/.-]+(?:,?\s+" + _DATE_WORD + r"){0,5}?(?:,\s*\d{4})?)"
# Where the exam is to be kept: "... in the app pls", "... on my calendar".
_INTO_APP = r"\s+(?:to|in|into|on)\s+(?:the\s+|my\s+)?(?:app|calendar|list|exams|planner)(?:\s+(?:pls|please|plz))?"
# A courtesy at the very end: "... april 20 pls", "..., thanks".
_COURTESY = r"(?:\W*\b(?:pls|please|plz|thanks|thx|ty|thank\s+(?:you|u)))*"
_CLOSE = (
    r"(?:" + _INTO_APP + r")?"
    r"(?:(?:\s*[,.;!]+\s*|\s+(?=(?:can|could|would|pls|please|plz)\b))(?:so\s+)?"  # "... feb 3rd can u put it in"
     + _ASK + r"(?:add|put|save|log|track|note|write)(?:\s+(?:it|that|this))?"
    r"(?:" + _INTO_APP + r"|\s+(?:down|in|for\s+me|somewhere|pls|please))*)?" + _COURTESY + r"\W*$"
)
# "..., pls update", "... - update it": the new date told, then asked to be filed.
_UPDATE_CLOSE = (
    r"(?:\s*[,.;!\u2013-]+\s*(?:so\s+)?" + _ASK + r"(?:update|change|fix)(?:\s+(?:it|that|this|the\s+date))?"
    r"(?:\s+(?:pls|please|plz|thx|thanks|for\s+me))*)?\W*$"
)
# What the exam covers, said after its date: "..., it covers gradient descent and backprop".
_COVERS_AFTER = (
    r"(?:\s*[,;]?\s*(?:it|which|that)\s+(?:covers|will\s+cover|'ll\s+cover|is\s+on)\s+"
    r"(?P<covers>[^.!?;]+?)(?=\s*[.!?;]|\s*$))?"
)
# What an exam covers, a list that may pause on commas: "sn1/sn2, elimination rxns and enantiomers".
_COVERED = (
    r"(?P<subject>" + _NOT_SUBJECT_START + r"[\w&+'/-]+(?:\s+[\w&+'/-]+){0,8}?"
    r"(?:\s*,\s*(?:and\s+)?(?!" + _NOT_SUBJECT_WORD + r")[\w&+'/-]+(?:\s+[\w&+'/-]+){0,3}?)*?)"
)
_ADD = (
    re.compile(  # "my micro midterm is on feb 12", "i have a bio final in 2 weeks", "orgo exam march 3rd"
        _OPEN
        + r"(?:i(?:\s+have|\s+got|'?ve\s+got|\s+have\s+got|'?ve)\s+(?:a|an|my|the|our)\s+|(?:my|the|our)\s+)?"
        + r"(?:"
        + _SUBJECT
        + r"\s+)?"
        + _EXAM
        + r"(?:\s+exam)?\s*[:\u2013-]?\s+(?:(?:is|'s|will\s+be|is\s+going\s+to\s+be|falls|happens|"
        r"is\s+(?:scheduled|set)\s+for|got\s+(?:scheduled|set)\s+for)\s+)?(?:on|for|in)?\s*" + _DATE + _CLOSE,
        re.I,
    ),
    re.compile(  # "i have an exam for micro on feb 12", "there's a final in stats on may 3"
        _OPEN
        + r"(?:i(?:\s+have|\s+got|'?ve\s+got|\s+have\s+got|'?ve)\s+(?:(?:a|an|my|the|our|one)\s+)?|"
        + r"there(?:'?s|\s+is)\s+(?:a|an|my|the|our|one)\s+)"
        + _EXAM
        + r"\s+(?:for|in|on|about|of|covering|that\s+covers)\s+(?:both\s+)?"
        + _SUBJECT
        + r"(?:\s+(?:on|in|at))?\s+"
        + _DATE
        + _CLOSE,
        re.I,
    ),
    re.compile(  # "i have an exam on june 29 on bayes and the normal distribution": the date, then what it covers
        _OPEN
        + r"(?:i(?:\s+have|\s+got|'?ve\s+got|\s+have\s+got|'?ve)\s+(?:a|an|one)\s+|"
        + r"there(?:'?s|\s+is)\s+(?:a|an|one)\s+|"
        + _ASK
        + r"(?P<asked>add|put(?:\s+in|\s+down)?|log|save|enter|record|track)\s+(?:a|an)\s+)"
        + _EXAM
        + r"\s+(?:(?:on|for|in)\s+)?"
        + _DATE
        + r"\s+(?:on|about|covering|that\s+covers|for|in)\s+(?:both\s+)?"
        + _COVERED
        + _CLOSE,
        re.I,
    ),
    re.compile(  # "add an exam on march 20 for orgo": the date, then the course
        _OPEN
        + _ASK
        + r"(?P<asked>add|put(?:\s+in|\s+down)?|log|save|enter|record|track|schedule)\s+(?:a|an|my|the|our)\s+"
        + _EXAM
        + r"\s+(?:on|for|in)\s+"
        + _DATE
        + r"\s+(?:for|in)\s+"
        + _SUBJECT
        + _CLOSE,
        re.I,
    ),
    re.compile(  # "add my micro exam on feb 12", "put down an exam for micro on feb 12", "put X exam in for may 2"
        _OPEN + _ASK + r"(?P<asked>add|put|log|save|set|enter|record|track|mark|schedule)\s+(?:down\s+|in\s+)?"
        r"(?:(?:a|an|my|the)\s+)?"
        r"(?:(?P<before>[\w&+'/-]+(?:\s+[\w&+'/-]+){0,4}?)\s+)?"
        + _EXAM
        + r"(?:(?:\s*:\s*|\s+(?:for|in|on)\s+)"
        + _SUBJECT
        + r")?(?:(?:\s*[,\u2013\u2014-]\s*|\s+)(?:it'?s|its|it\s+is|which\s+is|that'?s|thats)\s+"
        r"(?:on\s+|for\s+|in\s+)?|"
        r"\s+(?:(?:in|down)\s+(?=(?:on|for)\s))?(?:(?:on|for|in)\s+|(?=(?:next|this|coming|tomorrow|tmrw?|today|tonight)\b)))"
        + _DATE
        + _COVERS_AFTER
        + _CLOSE,
        re.I,
    ),
)
# A name after a colon that is the exam's own title, not only its course: "add an exam: stats midterm aug 20".
_OWN_TITLE_WORD = r"(?:quiz(?:zes)?|tests?|exams?|mid-?terms?|finals?)\b"
# An exam added under its own title, with its date and what it covers in either order: "add an exam called Stats
# Quiz 1 on sept 10 covering bayes and the normal distribution", "create a test named 'Orgo quiz 2' next friday",
# "add a test: Quiz 3 may 5".
_TITLED = re.compile(
    _OPEN
    + _ASK
    + r"(?:add|put\s+in|create|make|set\s+up|schedule|log|save)\s+(?:(?:a|an|my|new|the)\s+)*"
    + _EXAM_WORD
    + r"(?:\s+(?:called|named|titled)\s+|\s*:\s*(?=(?:[\w&+'/-]+\s+){0,3}?"
    + _OWN_TITLE_WORD
    + r"))"
    + r"(?P<tail>\S.*)$",
    re.I | re.S,
)
# A named test filed as an exam: "add the MCAT as an exam on aug 14, it covers orgo and stats".
_AS_EXAM = re.compile(
    _OPEN + _ASK + r"(?:add|put\s+in|put\s+down|log|save|track|enter)\s+(?:the\s+|my\s+)?"
    r"(?P<title>[\w&+'/.-]+(?:\s+[\w&+'/.-]+){0,3}?)"
    r"\s+as\s+(?:an?\s+|my\s+)?(?:exam|test)\s+(?:(?:on|for|in)\s+)?" + _DATE + _COVERS_AFTER + _CLOSE,
    re.I,
)
_QUOTED_TITLE = re.compile(r"^[\"'\u201c\u2018](?P<title>[^\"\u201d\u2019]+)[\"'\u201d\u2019]")
# What an exam covers, said after its title or date: "covering X", "that covers X", "covers X", "it'll cover X".
_COVERING = r"(?:covering|(?:(?:that|which|it)\s+)?(?:covers|will\s+cover|'ll\s+cover)|it'?ll\s+cover|about)"
_TITLE_DATE = re.compile(
    r"(?:\b(?:on|for|in|by)\s+)?" + _DATE + r"(?=\s*(?:[,;.!?\u2013-]|\b(?:" + _COVERING + r"|and|for)\b|$))",
    re.I,
)
# The course an exam is for, after its title: "an exam called Midterm 2 for lin alg on july 20" ("for" never opens a
# date, which the title's date reading takes first).
_FOR_COURSE = r"for\s+(?!(?:the\s+)?\d|" + _DATE_START + r")"
_TITLE_END = re.compile(r"\s*[,;\u2013]|\s+-\s|\s+(?:" + _COVERING + r"|" + _FOR_COURSE + r")\b", re.I)
_COVERS = re.compile(r"^(?:and\s+)?(?:" + _COVERING + r"|on|for)\s+(?P<subject>\S.*?)$", re.I)
_BARE_NUMBER = re.compile(r"^(?:(?:on|for|in|by)\s+)?\d+\s+(?!(?:st|nd|rd|th)\b)[a-z]", re.I)  # "Quiz 2 next friday"
NO_DATE_QUESTION = "When is the exam?"
# An exam asked to be added with no date said: "add my stats exam to the app", "can you put in my orgo final".
_UNDATED = re.compile(
    _OPEN
    + _ASK
    + r"(?:add|put\s+in|put\s+down|log|save|enter|record|track)\s+(?:a|an|my|the|our)\s+(?:[\w&+'/-]+\s+){0,4}?"
    + _EXAM_WORD
    + r"(?:\s+(?:for|in|on)\s+(?!(?:the\s+)?\d|(?:next|this|tomorrow|tmrw?|today|tonight|two|three|few|a\s+week|"
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)\w*\b)"
    r"[\w&+'/-]+(?:\s+[\w&+'/-]+){0,3}?)?"  # a course, never a date ("add an exam for stats", not "on march 20")
    r"(?:\s+(?:to|in|into|on)\s+(?:the\s+|my\s+)?(?:app|calendar|list|exams|schedule))?\W*(?:pls|please|plz)?\W*$",
    re.I,
)
_TEST_WORDS = re.compile(
    r"\b(?:quiz(?:zes)?|tests?|exams?|mid-?terms?|finals?|mock|practice|checkpoint|unit|\d+)\b", re.I
)
_MOVE = (
    re.compile(  # "the orgo exam got moved to the 14th", "lin alg final got pushed back to the 17th"
        _OPEN + r"(?:(?:my|the|our)\s+)?" + _SUBJECT + r"\s+" + _EXAM + r"\s+(?:(?:got|was|has\s+been|is|'s)\s+)?"
        r"(?:moved|pushed(?:\s+back)?|postponed|rescheduled|changed|shifted|now)\s+(?:to|till|until|on)\s+"
        + _DATE
        + _UPDATE_CLOSE,
        re.I,
    ),
    re.compile(  # "move my micro exam to feb 14", "change the stats final date to may 3"
        _OPEN
        + _ASK
        + r"(?:move|push|reschedule|change|shift|set)\s+(?:my|the|our)\s+"
        + _SUBJECT
        + r"\s+"
        + _EXAM
        + r"(?:\s+date)?\s+(?:back\s+)?to\s+"
        + _DATE
        + r"\W*(?:pls|please)?\W*$",
        re.I,
    ),
)
# An exam shifted by a span, not to a date: "push the exam back a week", "move my orgo final up 2 days".
_SHIFTED = re.compile(
    _OPEN
    + _ASK
    + r"(?:move|push|postpone|delay|bring|shift|reschedule)\s+(?:my|the|our)\s+(?:[\w&+'/-]+\s+){0,4}?"
    + _EXAM_WORD
    + r"\s+(?:back|forward|up|ahead|out|later|earlier)?\s*(?:by\s+)?"
    r"(?:a|an|one|two|three|\d+|a\s+couple\s+of|a\s+few)\s+(?:days?|weeks?|months?)(?:\s+(?:back|forward|later|earlier))?\W*(?:pls|please)?\W*$",
    re.I,
)
SHIFT_QUESTION = "To which date? Tell me the exam's new date, please."
_RETITLE = re.compile(  # "rename the orgo midterm to Orgo Midterm 1", "change my stats final's name to Stats Final A"
    _OPEN
    + _ASK
    + r"(?:rename|retitle|change|call)\s+(?:my|the|our)\s+"
    + _SUBJECT
    + r"\s+"
    + _EXAM
    + r"(?:'s)?(?:\s+(?:title|name))?\s+(?:to|as)\s+[\"'“]?(?P<title>[^\"'”]+?)[\"'”]?\W*(?:pls|please)?\W*$",
    re.I,
)
# What may close a removal: "..., delete it", "so take it off pls".
_REMOVE_IT = (
    r"(?:(?:\s*[,.;!]+\s*|\s+)(?:(?:so|and|just|pls|please|lol|lmao|haha+|ugh|smh|yay)\s+)*"
    + _ASK
    + r"(?:delete|remove|drop|erase|take\s+off|"
    r"get\s+rid\s+of)\s+(?:it|that|this)(?:\s+(?:from\s+(?:the\s+|my\s+)?\w+|off|pls|please|then))*)?\W*$"
)
_DROP = (
    re.compile(  # "delete my micro exam", "remove the stats final from the app", "scrap the orgo midterm"
        _OPEN
        + _ASK
        + r"(?:delete|remove|drop|erase|cancel|scrap|ditch|nix|axe|bin|trash|nuke|get\s+rid\s+of|take\s+off)\s+"
        r"(?:my|the|our)\s+"
        + _SUBJECT
        + r"\s+"
        + _EXAM
        + r"(?:\s+date)?(?:\s+from\s+(?:the\s+|my\s+)?(?:app|list|calendar|exams))?\W*(?:pls|please)?\W*$",
        re.I,
    ),
    re.compile(  # "my micro midterm got cancelled", "the ML exam was called off, delete it"
        _OPEN
        + r"(?:(?:my|the|our)\s+)?"
        + _SUBJECT
        + r"\s+"
        + _EXAM
        + r"\s+(?:got|was|has\s+been|is)\s+(?:cancell?ed|called\s+off|scrapped)"
        + _REMOVE_IT,
        re.I,
    ),
)
_TAKEN_OFF = re.compile(  # "take the ML exam off my list, prof scrapped it"
    _OPEN
    + _ASK
    + r"take\s+(?:my|the|our)\s+"
    + _SUBJECT
    + r"\s+"
    + _EXAM
    + r"\s+off(?:\s+(?:my|the)\s+(?:list|calendar|schedule|app))?(?:\s+(?:pls|please|plz))?"
    + r"(?:\s*[,;.\u2013-]+\s*(?:(?:the\s+)?(?:prof|professor|teacher|they|it|i|we)\b|because|bc|cuz|since)[^?]*)?\W*$",
    re.I,
)
# A calendar filled with study: "fill my calendar with daily study for the orgo exam".
_FILL = (
    r"fill\s+(?:up\s+)?(?:my|the)\s+(?:calendar|calender|schedule|week|weeks|planner)\s+with\s+(?:daily\s+|some\s+|"
    r"regular\s+)?(?:study(?:ing)?|prep|revision|review)(?:\s+(?:sessions|blocks|time))?"
)
_PLAN = re.compile(  # "make me a study plan for my stats final", "plan out my revision for the orgo midterm"
    _OPEN
    + r"(?:(?:i|i'm|im|i've|ive|my)\b[^,.;!?]{0,60}[,.;!]+\s*(?:so\s+|but\s+)?)?"  # "i work at 9, make me a ..."
    + _ASK
    + r"(?:(?:make|build|create|give|set\s+up|draw\s+up|put\s+together|come\s+up\s+with|write)\s+(?:(?:for\s+)?me\s+)?"
    r"(?:a|an|my)\s+(?:[\w-]+\s+){0,2}?(?:plan|schedule)|plan(?:\s+out)?\s+(?:my\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:prep|preparation|studying|study|revision|review)|schedule\s+(?:my\s+)?(?:prep|preparation|revision|studying)|"
    + _FILL
    + r")"
    r"\s+(?:for|before|until|till)\s+(?:(?:my|the|our)\s+)?"
    + _SUBJECT
    + r"\s+"
    + _EXAM
    + r"(?:\s*[,;]?\s+(?P<options>[\w\s:.,]+?))?\W*(?:pls|please)?\W*$",
    re.I,
)
# The exam named before the preparation: "plan my orgo exam prep, 90 min blocks", "plan out the stats final revision".
_PLAN_NAMED_FIRST = re.compile(
    _OPEN
    + _ASK
    + r"plan(?:\s+out)?\s+(?:my|the|our)\s+"
    + _SUBJECT
    + r"\s+"
    + _EXAM
    + r"\s+(?:prep|preparation|studying|study|revision|review)(?:\s+(?:plan|schedule))?"
    + r"(?:\s*[,;]?\s+(?P<options>[\w\s:.,]+?))?\W*(?:pls|please)?\W*$",
    re.I,
)
# A prep plan asked for a course, no exam word said: "do the prep plan for lin alg, at 8am, 45 mins each". Only an exam
# is prepared for, so the course's exam is meant.
_PREP_PLAN_FOR = re.compile(
    _OPEN
    + _ASK
    + r"(?:make|build|create|do|run|give\s+me|set\s+up)\s+(?:(?:for\s+)?me\s+)?(?:a|an|my|the)\s+(?:exam\s+)?"
    r"(?:prep|preparation|revision)\s+(?:plan|schedule)\s+(?:for|before)\s+(?:(?:my|the|our)\s+)?"
    + _SUBJECT
    + r"(?:(?:\s*,\s*|\s+(?=(?:at|from|around|starting|every|each|daily|\d)\b))(?P<options>[\w\s:.,]+?))?"
    r"\W*(?:pls|please)?\W*$",
    re.I,
)
# What a prep plan's request may add: when each block starts and how long it is ("evenings at 8, 90 min each").
_OPTIONS = (
    "at from around about start starting begin beginning each every evening evenings morning mornings afternoon "
    "afternoons night nights daily a an day days min mins minute minutes hour hours hr hrs h long for per session "
    "sessions block blocks pm "
    "am oclock o'clock half and the in of one two three pls please plz thanks me i prefer preferably ideally if "
    "possible prep study blocks slots w with"
)
# How well a time suits the learner, said after it: "evenings at 7 work best", "mornings at 8 would be ideal".
_SUITS = re.compile(
    r"\b(?:works?|would\s+be|(?:is|are|'s)(?:\s+the)?)\s+(?:best|better|ideal|great|good|fine|perfect|nice|for\s+me)\b|"
    # "7pm works": the 7pm suits ("i work at 8" is when the learner is busy)
    r"(?:(?<=\d)|(?<=[ap]m))\s+works(?:\s+(?:best|better|great|fine|for\s+me))?\b",
    re.I,
)
_OPTION_WORDS = frozenset(_OPTIONS.split())
_LIST = re.compile(
    r"\bwhen(?:\s+is|'s|\s+are|s)\s+(?:my|the|our)\s+(?:next\s+)?(?:[\w&+'/-]+\s+){0,4}?" + _EXAM_WORD + r"\b|"
    r"\b(?:how|am\s+i)\s+(?:ready|prepared)\s+(?:am\s+i\s+)?for\b[^?.!;]{0,40}?" + _EXAM_WORD + r"\b|"
    r"\bhow\s+(?:many\s+(?:days?|weeks?)|long)\s+(?:(?:do\s+i\s+have|are|is)\s+)?(?:left\s+)?"
    r"(?:until|till|til|before|to)\s+(?:my|the)\b[^?.!;]{0,40}?" + _EXAM_WORD + r"\b|"
    r"\b(?:what|wat|wut|which|any|list|show)\b[^?.!,;]{0,30}?\b(?:exams|finals|midterms)\b|"
    r"\b(?:what|wat|wut|whats|anything)\b[^?.!,;]{0,30}?\b(?:exams?|tests?)[\s-]?wise\b|"  # "whats coming up exam wise"
    r"\b(?:what|wat|wut|which|any)\s+(?:tests|quizzes)\b[^?.!,;]{0,30}?\b(?:com+ing\s+up|upcoming|soon)\b|"
    r"\b(?:list|show)\s+(?:me\s+)?(?:every|each|all)\s+(?:my\s+|the\s+)?(?:exam|final|midterm)\b|"
    r"\b(?:what|when|which)(?:'s|s|\s+is)\s+(?:my|the)\s+next\s+(?:[\w&+'/-]+\s+){0,3}?" + _EXAM_WORD + r"\b",
    re.I,
)
_MY_EXAM = re.compile(r"\b(?:my|our|the)\s+(?:[\w&+'/-]+\s+){0,4}?" + _EXAM_WORD + r"\b", re.I)
# Another request, a memory, or a past exam: not this reader's. "schedule" only as the verb of something else
# ("schedule a review session before my final"): "schedule an exam on april 28" adds it.
_SCHEDULED_EXAM = (
    r"(?!\s+(?:a|an|my|the|our)\s+(?:(?!(?:study|review|prep|session|block|time|slot)\b)[\w&+'/-]+\s+){0,3}?"
    + _EXAM_WORD
    + r")"
)
_ELSEWHERE = re.compile(
    r"\b(?:remember|forget|keep\s+in\s+mind|goals?|tasks?|blocks?|schedul\w*"
    + _SCHEDULED_EXAM
    + r"|remind\w*|quiz|flash\s*cards?|cards|"
    r"targets?|deadline|notes?|course\s+(?:called|named)|new\s+course|study\s+plan|plan\s+(?:for|my)|"
    r"session|timer|was\s+(?:on|yesterday|today|last)|went|passed|failed|is\s+over|tag\w*)\b",
    re.I,
)
# An exam told at the start of a message, then a remark or a request: "my spanish final is in 2 days and i'm
# panicking", "my orgo midterm is 2 hours long", "my stats final is in 2 weeks, make a study plan for it".
_TOLD = re.compile(
    _OPEN
    + r"(?:(?:my|the|our)\s+(?:[\w&+'/-]+\s+){0,4}?"
    + _EXAM_WORD
    + r"\s+(?:is|'s|will\s+be|covers|counts|has|lasts|takes|got)\b|"
    # when, with no verb: "finals in 2 weeks, set a goal ... for dec 17"
    + r"(?P<verbless>(?:(?:my|the|our)\s+)?(?:[\w&+'/-]+\s+){0,3}?"
    + _EXAM_WORD
    + r"(?=\s+(?:in|on|next|this|tomorrow|tmrw|today|tonight)\b)))(?P<said>[^,;.!?]*?)"
    + r"(?:(?:\s*[,;.!?]+\s*|\s+(?:so|and|but)\s+)(?:(?:so|and|but|then)\s+)*(?P<rest>.*))?$",
    re.I | re.S,
)
_ASKING = re.compile(
    r"\?|\b(?:can|could|would|will|pls|plz|please|what|whats|how|when|which|where|should|need\s+to|want\s+to|"
    r"wanna|gotta)\b",
    re.I,
)
# A request that leans on the telling ("..., update the course", "..., plan for it"): read with it, never alone.
_LEANS_BACK = re.compile(r"\b(?:it|that|this|then|there|the\s+(?:course|class|date|day|exam|final|midterm))\b", re.I)
_NOT_A_SUBJECT = re.compile(r"^(?:(?:my|the|our|a|an|next|upcoming|big|last|first|second|real|actual)\s*)*$", re.I)
TITLE_CHARS = 200  # an exam's title
_TITLES = {"final": "final", "finals": "final", "midterm": "midterm", "midterms": "midterm", "mid-term": "midterm"}
NO_COURSE_QUESTION = "Which of your courses is the exam on?"
PASSED_QUESTION = "That day has passed. When is the exam?"
MAX_CHARS = 300  # an exam told in a message longer than this is told beside other things
_DATE_VOCABULARY = frozenset(_DATE_WORDS.split())
# Someone else's exam: "my friend's orgo exam", "my roommate's stats midterm".
_SOMEONE_ELSES = re.compile(
    r"\b(?!(?:when|what|where|how|it|there|here|let)'s)\w+'s\b|\b(?:friends?|roommates?|room\s*mates?|sisters?|brothers?|sis|bro|bf|gf|boyfriend|girlfriend|mom|mum|dad|"
    r"cousins?|partner|classmates?|teammates?|son|daughter|kids?|wife|husband)\b",
    re.I,
)


def exam_request(text: str, *, today: date, known: Known) -> Understanding | None:
    """The exam call (or the question first) for a message wholly about an exam; None for any other message."""
    text = _FEELING_BEFORE_ASK.sub(
        "", _INTERJECTION.sub("", _EMOJI.sub(",", text))
    )  # "... feb 23 ugh", "... and i know nothing. add it", "... next thursday 😬 can u add it"
    if len(text) <= MAX_CHARS and (match := _first((_PLAN, _PLAN_NAMED_FIRST), text) or _prep_plan_for(text, known)):
        return _named("plan_exam_prep", match, known, today)  # a plan is asked with words read elsewhere for blocks
    if len(text) <= MAX_CHARS and (match := _TITLED.match(text.strip())):
        return _added_titled(match, known, today)  # its title may say anything ("Quiz 3", "Notes check")
    if len(text) > MAX_CHARS or _ELSEWHERE.search(
        re.sub(r"[^\W\d_]+", lambda word: correct_word(word[0].lower()), text)
    ):
        return None  # "rember that my final is ...": a misspelt key word is still that word
    if text.rstrip().endswith("?"):  # "the stats exam is on the 20th, right?" checks, it does not tell
        asked = re.split(r"(?<=[.!])\s+", text.strip())[-1]
        if asked != text.strip() and not re.search(_EXAM_WORD, asked, re.I):
            return None  # "add my stats exam on may 3. whats on today?": a question of its own after the exam
        checks_date = _MY_EXAM.search(text) and any_date(text, today)
        return Understanding(calls=[_listed(text)]) if checks_date or _LIST.search(text) else None
    if _SHIFTED.match(text.strip()):
        return Understanding(question=SHIFT_QUESTION)  # the exam's own date is the app's, not the message's
    head = _without_remark(text)
    if match := _first(_DROP, text) or _first(_DROP, head) or _TAKEN_OFF.match(text.strip()):
        return _named("delete_exam", match, known, today)
    if match := _first(_MOVE, text) or _first(_MOVE, head):
        return _named("update_exam", match, known, today)
    if (match := _RETITLE.match(text.strip())) and not any_date(match["title"], today):
        return _named("update_exam", match, known, today)
    if match := _AS_EXAM.match(text.strip()):
        return _added_as_exam(match, known, today)
    if (run := _dated_run(text.strip())) and (added_each := _added_run(run, known, today)):
        return added_each
    if (match := _first(_ADD, text)) and (added := _added(match, known, today)):
        return added
    if (listed := _LISTED.search(text)) and (added_each := _added_each(listed, known, today)):
        return added_each
    if _UNDATED.match(text.strip()):
        return Understanding(question=NO_DATE_QUESTION)
    if _LIST.search(text) and not re.search(r"\b(?:add|put|move|delete|remove|cancel|make|create)\b", text, re.I):
        return Understanding(calls=[_listed(text)])
    return None


def _prep_plan_for(text: str, known: Known) -> re.Match[str] | None:
    """A prep plan asked for one of the learner's courses with no exam word ("do the prep plan for lin alg")."""
    match = _PREP_PLAN_FOR.match(text.strip())
    return match if match and resolve("course", match["subject"], known).item else None


# Exams whose day has passed, asked for too: "even the ones already over", "past exams too", "including old ones",
# "the ones i already took".
_PAST_TOO = re.compile(
    r"\b(?:past|old|previous|earlier|already\s+(?:over|done|taken|happened|passed)|(?:i'?ve|i\s+have)\s+(?:already\s+)?"
    r"(?:taken|done|had|sat)|i\s+(?:already\s+)?(?:took|sat|wrote|did)|that\s+(?:are|were)\s+(?:over|done)|gone\s+by)\b",
    re.I,
)


def _listed(text: str) -> ToolCall:
    """The exams listed: the past ones too when the message asks for them."""
    return ToolCall("list_exams", {"include_past": True} if _PAST_TOO.search(text) else {})


# A reply about the exam the previous message named: "it", "that", "the exam", "the date".
_POINTS_AT_EXAM = re.compile(
    r"\b(?:it|its|it's|that|this|the\s+(?:exam|final|midterm|test|date|day))\b(?!\s+(?:i|i'm|im|you|we)\b)|"
    r"\b(?:until|till|til|up\s+to)\s+then\b",  # "plan daily studying until then": the exam's day
    re.I,
)
_EXAM_SAID = re.compile(
    r"(?:^\W*|\b(?:my|our|the|a|an)\s+)(?P<subject>(?:[\w&+'/-]+\s+){0,4}?)"
    + _EXAM_WORD
    + r"(?:\s+(?:for|in|on)\s+(?P<after>[\w&+'/-]+(?:\s+[\w&+'/-]+){0,3}))?",
    re.I,
)
_CANCELLED = re.compile(r"\b(?:cancell?ed|called\s+off|scrapped|delete|remove|erase|get\s+rid\s+of)\b", re.I)
_MOVED = re.compile(
    r"\b(?:moved?|push(?:ed)?|postponed?|rescheduled?|changed?|shift(?:ed)?|delayed|brought\s+forward|now|actually)\b"
    r"(?:\s+(?:it|that|this|the\s+\w+|back|up|forward))*\s+(?:to|till|until|on|for)\s+(?P<date>[^,;.!?]+)",
    re.I,
)
_PREP = re.compile(
    r"\b(?:(?:study|prep|revision|review)\s+(?:plan|schedule)|"
    r"plan\s+(?:out\s+)?(?:my\s+|the\s+)?(?:daily\s+|weekly\s+|some\s+)?(?:prep|revision|studying|study\s+time)|"
    r"prep\s+(?:plan|blocks|sessions)|plan\s+for\s+(?:it|that|this)|"
    # "set up daily study for it leading up to it"
    r"(?:daily|regular|some)\s+(?:study(?:ing)?|revision|review|prep)(?:\s+(?:schedule|plan|blocks?|sessions?|time))?(?=.*\b(?:leading\s+up\s+to|until|till|before)\s+"
    r"(?:it|then|that|the\s+(?:exam|final|midterm|test))\b))\b",
    re.I,
)
# "..., also rename it to Midterm 2": the exam just told gets a title (never its course).
_RENAMED = re.compile(  # "call" only as the request itself: "call it a night", "i'd call it a disaster" rename nothing
    r"(?:\b(?:rename|retitle)|^\W*(?:(?:also|and|then|pls|please|ok|okay|so|oh)\W+)*call)\s+"
    r"(?:it|that|this|the\s+(?:exam|final|midterm|test))\s+(?:to\s+|as\s+)?(?!(?:a\s+(?:day|night)|off|quits|even|whatever|what(?:ever)?\s+you|anything)\b)"
    r"[\"'\u201c\u2018]?(?P<title>[^\"\u201d\u2019]+?)[\"'\u201d\u2019]?\W*(?:pls|please)?\W*$",
    re.I,
)
# The exam a plan's request points at, before its options: "for it", "leading up to it", "until then".
_FOR_IT = re.compile(
    r"^\s*(?:for|before|until|till|til|ahead\s+of|(?:leading\s+)?up\s+to)\s+"
    r"(?:it|that|this|then|the\s+(?:exam|final|midterm|test))\b\W*",
    re.I,
)
_FOR_EXAMS_ONLY = re.compile(r"\b(?:prep|preparation|revision)\b", re.I)
_READY = re.compile(r"\b(?:how\s+(?:ready|prepared)|am\s+i\s+(?:ready|prepared)|how\s+(?:many\s+days|long))\b", re.I)


def exam_follow_up(text: str, *, previous: str, today: date, known: Known) -> Understanding | None:
    """A reply about the exam the previous message named ("when is my spanish exam?" then "they moved it to april 9,
    update it"; "my orgo final is may 12" then "make me a study plan for it"): that exam's call; None when the
    reply names an exam or another item of its own, or asks nothing of an exam."""
    exam = _exam_named(previous, known)
    if exam is None or len(text) > MAX_CHARS:
        return None
    if day := _corrected_day(text, previous, today, known):  # "my orgo midterm is oct 14" then "wait no its the 16th"
        if day < today:
            return Understanding(question=PASSED_QUESTION)
        return Understanding(calls=[ToolCall("update_exam", {"exam": exam, "date": day.isoformat()})])
    if not _POINTS_AT_EXAM.search(text) and not (_PREP.search(text) and _FOR_EXAMS_ONLY.search(text)):
        return None  # "make a prep plan at 7pm" needs no "it": only an exam is prepared for
    if renamed := _RENAMED.search(text):  # the new title may hold an exam word ("Midterm 2")
        return _renamed(exam, renamed["title"], today)
    if _EXAM_SAID.search(text) and not re.search(r"\bthe\s+(?:exam|final|midterm|test)\b", text, re.I):
        return None
    # "1 hour each evening" names no "Finish practice test 1", nor "may 3rd" "Read Dune"
    wordy = re.sub(r"\d+(?:st|nd|rd|th|am|pm)?\b|\d+", " ", text)
    if (named := referent(wordy, known)) is not None and not barely(named, wordy):
        return None  # "move the orgo review block to 5pm": the block, not the exam
    if _CANCELLED.search(text):
        return Understanding(calls=[ToolCall("delete_exam", {"exam": exam})])
    if prep := _PREP.search(text):
        said = _FOR_IT.sub("", _FOR_IT.sub("", text[prep.end() :]))  # "... for it leading up to it, 5pm"
        options = plan_options(said.strip(" ,;")) or {}
        return Understanding(calls=[ToolCall("plan_exam_prep", {"exam": exam, **options})])
    if (moved := _MOVED.search(text)) and (day := any_date(moved["date"], today)):
        if day < today:
            return Understanding(question=PASSED_QUESTION)
        return Understanding(calls=[ToolCall("update_exam", {"exam": exam, "date": day.isoformat()})])
    if _READY.search(text):
        return Understanding(calls=[ToolCall("list_exams", {})])
    return None


# A second change said after a new title: "rename it to ML Final and move it to jan 10".
_THEN_MOVED = re.compile(
    r"\s*(?:,\s*|\s+)(?:and\s+|&\s+)(?:then\s+|also\s+)?(?=(?:move|push|change|set|shift|reschedule|put)\b)", re.I
)


def _renamed(exam: str, said: str, today: date) -> Understanding:
    """The exam's new title, and its new date when a move is said after it ("rename it to X and push it to may 2")."""
    then = _THEN_MOVED.search(said)
    title, rest = (said[: then.start()], said[then.end() :]) if then else (said, "")
    arguments = {"exam": exam, "title": title.strip()[:TITLE_CHARS]}
    if (moved := _MOVED.search(rest)) and (day := any_date(moved["date"], today)):
        if day < today:
            return Understanding(question=PASSED_QUESTION)
        arguments["date"] = day.isoformat()
    return Understanding(calls=[ToolCall("update_exam", arguments)])


# A reply that only corrects the date just told: "wait no its the 16th", "sorry, oct 16", "it's actually on the 14th".
_MARKER = r"(?:wait|no|nah|nope|sorry|oops|actually|my\s+bad|i\s+meant?|correction)"
_DATE_CORRECTED = re.compile(
    rf"^\W*(?:(?P<lead>{_MARKER})\W+)*(?:(?:it'?s|its|it\s+is|it'?ll\s+be)\s+)?(?P<actually>actually\s+)?(?:on\s+)?"
    r"(?P<date>(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?(?:\s+of\s+\w+)?|\w+\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?P<after>\s+(?:actually|instead|not\s+(?:the\s+)?\w+(?:\s+\d+\w*)?))?"
    r"(?:\W+(?:sorry|sry|soz|my\s+bad|mb|oops|whoops|lol|haha+|typo))*"  # "..., sorry": the slip owned
    r"(?:\W+(?:(?:pls|please|can\s+(?:you|u))\s+)?(?:fix|update|change|correct)\s+(?:it|that|this)(?:\s+(?:pls|please))?)?\W*$",
    re.I,
)
_ORDINAL_ONLY = re.compile(r"^(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?$", re.I)


def _corrected_day(text: str, previous: str, today: date, known: Known) -> date | None:
    """The date a correction of the previous message's exam date says; a bare day ("the 16th") in its month."""
    said = _DATE_CORRECTED.match(text.strip())
    if said is None or not (said["lead"] or said["actually"] or said["after"]):
        return None
    added = exam_request(previous, today=today, known=known)  # the previous message told an exam's date
    dates = [c.arguments.get("date") for c in (added.calls if added else []) if c.name in ("add_exam", "update_exam")]
    if not dates or not isinstance(dates[0], str):
        return None
    told = date.fromisoformat(dates[0])
    if (ordinal := _ORDINAL_ONLY.match(said["date"])) and told is not None:
        try:
            return told.replace(day=int(ordinal["day"]))
        except ValueError:
            return None
    return any_date(said["date"], today)


def plan_options(words: str) -> dict[str, int] | None:
    """The start hour and block length a prep plan's request says ("evenings at 8, 90 min each": 20 and 90); None
    when the words say something else than those."""
    words = _SUITS.sub(" ", words)  # "i work at 8" is when the learner is busy: not an option
    if any(
        word not in _OPTION_WORDS
        for word in re.findall(r"[a-z']+", re.sub(r"\d+(?:am|pm|hrs?|h|mins?)?\b", " ", words.lower()))
    ):
        return None
    options = {}
    said = re.sub(r"\b(morning|afternoon|evening|night)s\b", r"in the \1", continental_clock(words), flags=re.I)
    if re.search(r"\d", said) and (clock := parse_time(said)):
        options["hour"] = clock[0]
    if minutes := parse_duration(said):
        options["minutes"] = minutes
    return options


# A course named by who teaches it or by its class: "my history prof", "the orgo professor", "my stats class".
_TAUGHT = re.compile(
    r"\b(?:my|the|our)\s+(?P<subject>[\w&+'/-]+(?:\s+[\w&+'/-]+){0,3}?)\s+"
    r"(?:prof|professor|teacher|lecturer|instructor|ta|class|lecture)s?\b",
    re.I,
)


def _exam_named(previous: str, known: Known) -> str | None:
    """The course title of the learner's exam the previous message named, if it named one; an exam said bare ("the
    exam") is on the course the message names by who teaches it ("my history prof emailed about the exam")."""
    bare = False
    for said in _EXAM_SAID.finditer(previous):
        if _SOMEONE_ELSES.search(said[0]):
            continue
        subject = " ".join(filter(None, (said["subject"], said["after"])))
        if (found := resolve("course", subject, known)).item:
            return found.item.title
        bare = bare or _NOT_A_SUBJECT.match(subject) is not None
    taught = {item.title for m in _TAUGHT.finditer(previous) if (item := resolve("course", m["subject"], known).item)}
    return taught.pop() if bare and len(taught) == 1 else None


def told_before(text: str, today: date) -> str | None:
    """The request a message makes after telling of an exam ("" when it only tells, or tells and remarks); None when
    it does not open by telling of an exam, asks in the telling itself, or asks something leaning on the telling. An
    exam's time told with no verb ("exam tomorrow, cancel orgo review") may be the request's too: the request is read
    alone only when it says its own day."""
    told = _TOLD.match(text.strip())
    if told is None or _asks(told["said"]):
        return None
    rest = told["rest"] or ""
    if not _asks(rest):
        return ""
    if told["verbless"] and not any_date(rest, today):
        return None
    return None if _LEANS_BACK.search(rest) else rest


# A closing interjection said without a pause: "the orgo midterm got moved to feb 23 ugh".
_EMOJI = re.compile(r"\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+")  # a pause, like a comma
_INTERJECTION = re.compile(
    r"\s+(?:(?:ugh+|lol|lmao|smh|fml|rip|sigh|omg|yay|haha+|welp|oof|btw|fyi)\W*$|"
    r"(?:btw|fyi|ugh+|lol|smh|fml|sigh|omg|welp|oof)(?=\s*,\s*(?:pls\s+|please\s+|can\s+(?:you|u)\s+)?"
    r"(?:add|put|save|log|track|update|change|fix)\b))",
    re.I,
)  # "... feb 23 ugh", "... on april 14 btw, add it"
# How the learner feels, said between an exam's date and the request to file it: "... and i know nothing. add it".
_FEELING_BEFORE_ASK = re.compile(
    r"\s+(?:and|but|so)\s+(?:i|i'm|im|i've|ive)\b[^.!?;]*(?=[.!?;]\s*(?:(?:pls|please|so)\s+)?(?:add|put|save|log|track)\b)",
    re.I,
)


# A remark or reason closing a message: "..., ugh", "... - prof is sick", "... it got cancelled".
_REMARK = re.compile(
    r"(?:\s*[,.;!:()]+\s*|\s+-+\s+|\s+(?=(?:it|they|cuz|because|since|bc|coz)\b))(?P<remark>[^,.;!?]+)\W*$", re.I
)


def _without_remark(text: str) -> str:
    """The message without a closing remark that asks for nothing ("" when it has none)."""
    remark = _REMARK.search(text)
    if remark is None or len(remark["remark"].split()) > 8 or _asks(remark["remark"]):
        return ""
    return text[: remark.start()]


def leans_on_exam(request: str) -> bool:
    """Whether a request said after an exam points back at it ("set that as the target", "update the course")."""
    return bool(_LEANS_BACK.search(request))


def _asks(words: str) -> bool:
    return bool(_ASKING.search(words)) or any(word in IMPERATIVES for word in re.findall(r"[a-z']+", words.lower()))


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    return next((m for p in patterns if (m := p.match(text.strip()))), None)


def _day(match: re.Match[str], today: date) -> date | None:
    """The date the phrase is, when it is only a date; a month and day just passed are ``PASSED`` (not next year's)."""
    phrase = match["date"].lower()
    words = re.findall(r"[a-z]+", re.sub(r"\b\d+(?:st|nd|rd|th)\b|[\d/.,:-]+", " ", phrase))
    if any(word not in _DATE_VOCABULARY for word in words):
        return None
    day = any_date(phrase, today)
    if day is None:
        return None
    if day < today or _just_passed(day, phrase, today):
        return PASSED
    return day


PASSED = date.min


def _just_passed(day: date, phrase: str, today: date) -> bool:
    """Whether a month and day said without a year fell in the last three months (read as next year's)."""
    if re.search(r"\b\d{4}\b", phrase) or day.year != today.year + 1:
        return False
    try:
        this_year = day.replace(year=today.year)
    except ValueError:  # 29 February
        return False
    return this_year < today and (today - this_year).days <= 90


def _subject(match: re.Match[str]) -> str | None:
    """The words naming the exam's course ("" when none); None when the exam is someone else's."""
    words = " ".join(filter(None, (match.groupdict().get("before"), match.groupdict().get("subject"))))
    if _SOMEONE_ELSES.search(words):
        return None
    return "" if _NOT_A_SUBJECT.match(words) else words


def _scope(subject: str, known: Known) -> tuple[dict[str, list[str]], Understanding | None]:
    """What the exam covers: the courses the subject names ("lin alg and stats"), else every topic it lists
    ("gradient descent and backprop"); or the question to ask."""
    if subject and (courses := _each_named("course", subject, known)):
        return {"courses": courses}, None
    found = resolve("course", subject, known) if subject else None
    if found and found.candidates:
        return {}, Understanding(question=which("course", known, found.candidates))
    if subject and (topics := _each_named("topic", subject, known)):
        return {"topics": topics}, None
    return {}, Understanding(question=NO_COURSE_QUESTION + _yours(known))


def _each_named(kind: str, subject: str, known: Known) -> list[str]:
    """The titles of the items of ``kind`` a list of names says, each named alone; none unless every name is one
    (a title holding "and" is one name: "eigenvalues and eigenvectors")."""
    whole = resolve(kind, subject, known).item
    rest = subject.casefold().replace(whole.title.casefold(), "") if whole else subject
    if whole is not None and not re.sub(r"\b(?:the|a|an|my)\b|\W", "", rest):
        return [whole.title]
    titles = []
    for name in re.split(r"\s*(?:,|&|\+|/|\band\b)\s*", subject):
        found = resolve(kind, name, known) if name.strip() else None
        if found is None or found.item is None:
            return []
        titles.append(found.item.title)
    return list(dict.fromkeys(titles))


def _yours(known: Known) -> str:
    courses = ", ".join(f"“{item.title}”" for item in known.of("course")[:5])
    return f" Yours are: {courses}." if courses else ""


def _added(match: re.Match[str], known: Known, today: date) -> Understanding | None:
    day = _day(match, today)
    subject = _subject(match)
    if day is None or subject is None:
        return None
    if day is PASSED:
        return Understanding(question=PASSED_QUESTION)
    if (
        (day - today).days <= 1
        and not match.groupdict().get("asked")
        and not re.search(r"\b(?:add|put|save|log|track|note|write)\b", match.string, re.I)
    ):
        return None  # "my orgo exam is tomorrow": said in a rush, not to be filed
    scope, question = _scope(subject, known)
    named = (scope.get("courses") or scope.get("topics") or [""])[0]
    if covered := _each_named("topic", match.groupdict().get("covers") or "", known):
        scope, question = {"topics": covered}, None  # "..., it covers X and Y": those topics
    if question:
        return question
    arguments: dict[str, object] = {"date": day.isoformat(), **scope}
    if (kind := _TITLES.get(match["kind"].lower())) and named:
        arguments["title"] = f"{named[: TITLE_CHARS - len(kind) - 1]} {kind}"
    return Understanding(calls=[ToolCall("add_exam", arguments)])


def _added_as_exam(match: re.Match[str], known: Known, today: date) -> Understanding | None:
    """The ``add_exam`` of a named test ("the MCAT"), on what it covers when that is said, else on the course its name
    names; the question first when neither is known."""
    day = _day(match, today)
    if day is None:
        return None
    if day is PASSED:
        return Understanding(question=PASSED_QUESTION)
    covers = match["covers"] or ""
    scope: dict[str, list[str]] = {}
    if courses := _each_named("course", covers, known):
        scope = {"courses": courses}
    elif topics := _each_named("topic", covers, known):
        scope = {"topics": topics}
    else:
        scope, question = _scope(match["title"], known)
        if question:
            return question
    title = match["title"].strip()[:TITLE_CHARS]
    return Understanding(calls=[ToolCall("add_exam", {"date": day.isoformat(), **scope, "title": title})])


def _added_titled(match: re.Match[str], known: Known, today: date) -> Understanding | None:
    """The ``add_exam`` of an exam given its own title: on what the rest of the message covers, else on the course
    its title names; the question first when the date or what it covers is missing. A rest that asks nothing ("...,
    in room 204") is a detail the exam has no field for. None when the rest asks for something else too ("..., and
    block 2 hours a day to prep"): the message is read as its requests."""
    tail = match["tail"].strip()
    when = _title_date(tail, today)
    if quoted := _QUOTED_TITLE.match(tail):
        title, rest_start = quoted["title"], quoted.end()
    else:
        ends = [m.start() for m in [_TITLE_END.search(tail)] if m] + ([when.start()] if when else [])
        rest_start = min(ends, default=len(tail))
        title = tail[:rest_start]
    if when is not None and when.start() < rest_start:
        when = None  # a date inside a quoted title is the title's
    rest = tail[rest_start:]
    if when is not None:
        rest = tail[rest_start : when.start()] + " " + tail[when.end() :]
    rest = re.sub(r"^[\s,;.!?\u2013-]+|[\s,;.!?\u2013-]+$", "", rest)
    covered = _COVERS.match(rest)
    if rest and not covered and _asks(rest):
        return None
    title = title.strip(" \"'\u201c\u201d\u2018\u2019,.!?")[:TITLE_CHARS]
    day = _day(when, today) if when else None
    if day is PASSED:
        return Understanding(question=PASSED_QUESTION)
    if day is None:
        return Understanding(question=NO_DATE_QUESTION)
    subject = covered["subject"] if covered else ""
    scope, question = _scope(subject or _TEST_WORDS.sub(" ", title).strip(), known)
    if question:
        return question
    return Understanding(calls=[ToolCall("add_exam", {"date": day.isoformat(), **scope, "title": title})])


def _title_date(tail: str, today: date) -> re.Match[str] | None:
    """The first date phrase after an exam's title: tried at every word, a number that ends the title ("Quiz 2 next
    friday") skipped."""
    for start in (m.start() for m in re.finditer(r"\b\w", tail)):
        if (found := _TITLE_DATE.match(tail, start)) and not _BARE_NUMBER.match(found[0]) and _day(found, today):
            return found
    return None


# Several exams told in one list: "add my finals pls, stats is may 17 and ML is may 19", "i have two exams: orgo on
# april 3 and lin alg on april 9". The list's kind word titles each exam unless the item says its own.
_LISTED = re.compile(
    r"(?:^|[.!?]\s+)"
    + _OPEN.removeprefix("^")
    + r"(?:(?:ok(?:ay)?|so|and)\s+)?"
    + _ASK
    + r"(?:(?P<asked>add|put\s+in|log|save|enter|record|track)|i(?:\s+have|\s+got|'ve\s+got|'ve))\s+"
    r"(?:(?:my|the|these|both|all|all\s+my|both\s+my)\s+)?(?:(?:two|2|three|3|four|4|a\s+few|some|\w+)\s+)?"
    r"(?P<kind>finals|midterms|mid-terms|exams|tests)(?:\s+(?:coming\s+up|too|pls|please|plz))*\s*[:,\u2013-]\s*"
    r"(?P<items>[^.!?]+?)\W*$",
    re.I,
)
# One exam of a list or run, its course then its date: "stats is may 17", "my ML exam on july 9".
_ITEM_SAID = (
    r"(?:(?:my|the|and|also|then|plus)\s+)*(?P<subject>[\w&+'/-]+(?:\s+[\w&+'/-]+){0,4}?)(?:\s+" + _EXAM + r")?"
    r"\s*(?:(?:is|'s|will\s+be|:|\u2013|-)\s*)?(?:(?:on|in)\s+)?" + _DATE
)
_ITEM = re.compile(_ITEM_SAID + r"\W*", re.I)


def _added_each(listed: re.Match[str], known: Known, today: date) -> Understanding | None:
    """One ``add_exam`` for each exam of a list, or None when any item is no course and a date."""
    calls: list[ToolCall] = []
    asked = bool(listed["asked"])
    for item in re.split(r"\s*(?:,|;|&|\band\b)\s*", listed["items"]):
        if not item.strip():
            continue
        if not (match := _ITEM.fullmatch(item.strip())):
            return None
        if (call := _listed_exam(match, kind=listed["kind"], asked=asked, known=known, today=today)) is None:
            if _to_file(_day(match, today), asked, today) and not _each_named("course", match["subject"], known):
                unknown = f"“{match['subject']}” is none of your courses: which is that exam on?"
                return Understanding(question=unknown + _yours(known))
            return None
        calls.append(call)
    return Understanding(calls=calls) if len(calls) > 1 else None


def _to_file(day: date | None, asked: bool, today: date) -> bool:
    """Whether an exam told of a list is to be filed: its day is to come, and not told in a rush unless asked ("i have
    two exams: orgo tomorrow ..." tells, it does not file)."""
    return day is not None and day is not PASSED and (asked or (day - today).days > 1)


def _listed_exam(item: re.Match[str], *, kind: str, asked: bool, known: Known, today: date) -> ToolCall | None:
    """The ``add_exam`` of one exam of a list or run, on the one course its subject names, titled by its own kind word
    ("final") or the list's; None when it is no course and a date to file."""
    day = _day(item, today)
    courses = _each_named("course", item["subject"], known)
    if day is None or not _to_file(day, asked, today) or len(courses) != 1:
        return None
    arguments: dict[str, object] = {"courses": courses, "date": day.isoformat()}
    if title_kind := _TITLES.get((item["kind"] or kind).lower()):
        arguments["title"] = f"{courses[0][: TITLE_CHARS - len(title_kind) - 1]} {title_kind}"
    return ToolCall("add_exam", arguments)


# Several exams, each with its own date, said one after another: "add my ML exam on july 9 and stats exam on july
# 12", "finals szn: orgo dec 13, prob & stats dec 16. add both".
_RUN_HEAD = re.compile(
    _OPEN
    + r"(?:(?:[\w-]+\s+){0,2}?(?:finals?|midterms?|exams?|tests?)(?:\s+[\w-]+){0,2}?\s*:\s*|"  # "finals szn:"
    + _ASK
    + r"(?:(?P<asked>add|put\s+in|put\s+down|log|save|enter|record|track)\s+|i(?:\s+have|\s+got|'?ve\s+got)\s+))?"
    r"(?:(?:my|the|both|these)\s+)?",
    re.I,
)
_RUN_ITEM = re.compile(_ITEM_SAID + r"(?=\s*(?:[,;.!\u2013-]|\band\b|$))", re.I)
_BARE_COURSE_WORDS = 2  # an item with no exam word of its own names only its course: "prob & stats", "lin alg"
_RUN_GAP = re.compile(r"\s*(?:[,;.]+\s*(?:and\s+)?|\s+and\s+|\s+[\u2013-]\s+)", re.I)
_RUN_CLOSE = re.compile(
    r"\W*(?:(?:so\s+)?" + _ASK + r"(?:add|put\s+in|save|log|track)\s+(?:both|them|all|em|'em|these|those)"
    r"(?:\s+(?:of\s+them|in|too|pls|please|plz))*)?\W*$",
    re.I,
)


def _dated_run(text: str) -> tuple[re.Match[str], list[re.Match[str]]] | None:
    """The head and the items of a message that is only exams with their dates, two or more, an exam word said."""
    head = _RUN_HEAD.match(text)
    items: list[re.Match[str]] = []
    at = head.end() if head else 0
    while item := _RUN_ITEM.match(text, at):
        items.append(item)
        at = item.end()
        if _RUN_CLOSE.fullmatch(text, at):
            break
        if not (gap := _RUN_GAP.match(text, at)):
            return None
        at = gap.end()
    else:
        return None
    said_exam = re.search(_EXAM_WORD, text[: items[0].start()] + "".join(i[0] for i in items), re.I)
    return (head, items) if head and len(items) > 1 and said_exam else None


def _added_run(run: tuple[re.Match[str], list[re.Match[str]]], known: Known, today: date) -> Understanding | None:
    """One ``add_exam`` for each exam of a run, on the course its subject names; None when any item is no course and a
    date, is someone else's, or is told in a rush ("orgo exam tomorrow and stats friday")."""
    head, items = run
    calls: list[ToolCall] = []
    for item in items:
        if _SOMEONE_ELSES.search(item["subject"]):
            return None
        if not item["kind"] and len([w for w in tokens(item["subject"]) if w not in FILLER]) > _BARE_COURSE_WORDS:
            return None  # "orgo exam may 4 and stats hw due may 11": the second is no exam
        if (call := _listed_exam(item, kind="", asked=bool(head["asked"]), known=known, today=today)) is None:
            return None
        calls.append(call)
    return Understanding(calls=calls)


def _named(tool: str, match: re.Match[str], known: Known, today: date) -> Understanding | None:
    """A call on the exam the subject names: by its course's title when it names one, else by the words said."""
    subject = _subject(match)
    if subject is None:
        return None
    if not subject:
        return Understanding(question="Which exam do you mean? Tell me its course, please.")
    found = resolve("course", subject, known)
    if tool in ("delete_exam", "update_exam") and not found.item and not _each_named("topic", subject, known):
        return Understanding(question=f"Which exam do you mean? “{subject}” is none of your courses.{_yours(known)}")
    exam = found.item.title if found.item else subject
    if tool == "plan_exam_prep":
        options = plan_options(match["options"] or "")
        return Understanding(calls=[ToolCall(tool, {"exam": exam, **options})]) if options is not None else None
    if tool == "delete_exam":
        return Understanding(calls=[ToolCall(tool, {"exam": exam})])
    if title := match.groupdict().get("title"):
        return Understanding(calls=[ToolCall(tool, {"exam": exam, "title": title.strip()[:TITLE_CHARS]})])
    day = _day(match, today)
    if day is PASSED:
        return Understanding(question=PASSED_QUESTION)
    return Understanding(calls=[ToolCall(tool, {"exam": exam, "date": day.isoformat()})]) if day else None


# A title given after the exam is told: "..., name it Orgo Boss Fight", "... and call it 'LA mid'".
_NAMED_AFTER = re.compile(
    r"(?:\s*[,;.]\s*|\s+and\s+)(?:and\s+)?(?:pls\s+|please\s+)?(?:call|name|title)\s+it\s+"
    r"(?!(?:a|an|off|quits|even|whatever|what(?:ever)?\s+you|anything|easy|hard|done|good|fine|bad)\b)"
    r"[\"'\u201c\u2018]?(?P<title>[^\"'\u201d\u2019]{2,60}?)[\"'\u201d\u2019]?\W*$",
    re.I,
)


def titled_after(text: str) -> tuple[str, str]:
    """``text`` without a title given at its end ("..., name it X"), and that title ("" when none is given)."""
    if not (m := _NAMED_AFTER.search(text)):
        return text, ""
    return text[: m.start()], m["title"].strip()


def adds_one_exam(found: Understanding) -> bool:
    """Whether the understanding is one exam added and nothing more."""
    return len(found.calls) == 1 and found.calls[0].name == "add_exam"


def with_title(found: Understanding, title: str) -> Understanding:
    """The one exam added, titled as the learner said."""
    return Understanding(calls=[ToolCall("add_exam", {**found.calls[0].arguments, "title": title[:TITLE_CHARS]})])
