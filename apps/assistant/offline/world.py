"""Questions about the world or about how anyone feels, and remarks about keeping one's data: no read answers them.

"when did the berlin wall fall" and "who wrote hamlet" ask what the learner's items cannot tell;
"is it normal to feel behind ..." asks for reassurance; "... but want to keep my progress" keeps the
progress rather than asking to see it. A question in the first person ("when did i last study orgo") or
naming the app's own things ("when is the next review block") stays a read.
"""

from __future__ import annotations

import re

from .dates import MONTH_NAME, WD

_OPENERS = r"^\W*(?:(?:ok|okay|so|hey|um+|uh+|random\s+question|quick\s+question|btw|also|wait|hold\s+on)\W+)*"
# Asked of the world: "when did X fall", "who wrote X", "what year was X", "how old is X".
_OF_THE_WORLD = re.compile(
    rf"{_OPENERS}(?:when|where|why)\s+(?:did|was|were|do|does)\b|"
    rf"{_OPENERS}who\s+(?:was|were|is|invented|discovered|wrote|said|won|founded|painted|built)\b|"
    rf"{_OPENERS}(?:what|which)\s+(?:year|century|decade)\b|{_OPENERS}how\s+(?:old|tall|far|long\s+ago)\b|"
    rf"{_OPENERS}how\s+(?:did|does|could|can|is)\s+(?:that|this|it)\s+(?:happen|be)\b|"  # "how did that happen"
    rf"{_OPENERS}(?:what(?:'s|\s+is|\s+are)|whats)\s+(?:a\s+|an\s+|some\s+|the\s+)?"
    r"(?:good|best|healthy|nice|cheap|quick|easy)\s+(?!time\b|day\b|slot\b)\w+|"  # "what is a good snack for ..."
    rf"{_OPENERS}(?:what(?:'s|\s+is)|whats)\s+(?:the\s+)?(?:best|right|ideal)\s+time\s+to\s+"
    r"(?!(?:study|review|revise|do|practi[cs]e|work|read|schedule|learn)\b)\w+|"  # "... best time to drink coffee"
    rf"{_OPENERS}(?:what(?:'s|s|\s+is)|which\s+is|which'?s)\s+better\b[^?]*\bor\b|"  # "whats better, X or Y"
    # the day asked: "is it friday??", "was it already june"
    rf"{_OPENERS}(?:is|was)\s+it\s+(?:already\s+|really\s+|still\s+)?(?:{WD}|{MONTH_NAME})(?:\s+already)?\W*$",
    re.I,
)
# Asking whether something is normal or fine: "is it normal to feel behind", "is it ok to feel lost".
_REASSURANCE = re.compile(
    rf"{_OPENERS}(?:is\s+it|isn'?t\s+it|it'?s)\s+(?:\w+\s+)?(?:normal|ok|okay|bad|weird|common|fine|natural|healthy|"
    r"usual|alright)\s+(?:to|that|if)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|my|me|mine|we|our|us)\b", re.I)
# The app's own things: a question naming them is about the learner's study.
_APP_WORDS = re.compile(
    r"\b(?:schedule|calendar|block|session|notes?|goals?|tasks?|progress|streak|cards?|flashcards?|quiz|review|"
    r"course|module|topic|deadline|due|exam|final|midterm|class|lecture|today|tonight|tomorrow|week|app)\b",
    re.I,
)
# Keeping one's data rather than reading it: "want to keep my progress", "don't want to lose my streak".
_KEEPS = (
    r"(?:keep|keeping|save|saving|lose|losing|maintain|preserve|reset|wipe)\s+(?:all\s+)?(?:of\s+)?(?:my|the|our)\s+"
    r"(?:\w+\s+)?(?:progress|streak|notes|stats|history|data)\b"
)
_WISH = r"(?:(?:want|wanna|need|would\s+like|'d\s+like|hope)\s+to|don'?t\s+want\s+to|dont\s+want\s+to)\s+"
_KEEPS_DATA = re.compile(rf"\b{_WISH}{_KEEPS}", re.I)
# The same wish said after a request: "hide X for now, but want to keep my progress".
_KEEPING_TAIL = re.compile(
    r"\s*[,;]?\s*\b(?:but|and|though|tho|since|as|because|cause|cuz)\s+(?:i\s+)?(?:still\s+|really\s+|do\s+)?"
    rf"{_WISH}{_KEEPS}\W*$|"
    rf"(?<=[.,;!])\s*(?:but\s+|and\s+)?(?:please\s+|pls\s+)?{_KEEPS}\W*$",  # "..., not taking it. keep my progress"
    re.I,
)


def asks_no_read(clause: str) -> bool:
    """Whether no read of the learner's items answers the clause: a question of the world or for reassurance,
    or a remark about keeping one's data."""
    if _KEEPS_DATA.search(clause) or _REASSURANCE.match(clause):
        return True
    return bool(_OF_THE_WORLD.match(clause)) and not _FIRST_PERSON.search(clause) and not _APP_WORDS.search(clause)


# Removing something while keeping part of it is a condition on the removal, never chatter.
_REMOVES = re.compile(r"\b(?:delete|remove|drop|cancel|clear|wipe|erase|reset|get\s+rid|trash|scrap)\b", re.I)


KEEP_WHILE_REMOVING_QUESTION = (
    "Deleting it would remove that too. Should I delete it anyway, or keep it? (A course can be archived "
    "instead: it keeps everything and can come back.)"
)


def keeps_while_removing(text: str) -> bool:
    """Whether the message removes something yet wants its data kept ("delete X, but i want to keep my progress")."""
    return bool(_REMOVES.search(text) and _KEEPS_DATA.search(text))


def without_keeping(text: str) -> str:
    """The message without a trailing wish to keep one's data, which asks for nothing ("..., but want to keep my
    progress")."""
    return text if _REMOVES.search(text) else _KEEPING_TAIL.sub("", text)
