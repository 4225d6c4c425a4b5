"""Dictated and terse writing made readable for the rules: numbers as words, fillers, arrows.

- numbers written as words where a time, duration, count or date needs them: "at five thirty pm" ->
  "at 5:30 pm", "for forty five minutes" -> "for 45 minutes", "may first" -> "may 1st",
  "from the twentieth to the twenty third" -> "from the 20th to the 23rd";
  a number word elsewhere ("a one-off", "no one") is left alone;
- voice fillers ("um", "uh", "erm") removed, and hedges before a clock or amount ("at like ten", "5ish");
- arrows ("mv orgo review -> fri 5pm", "rename X => Y") read as "to", unless a colon comes first (a
  note's content such as "ir -> fui" is kept).
"""

from __future__ import annotations

import re

UNITS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
_WORD = "|".join(sorted([*UNITS, *TENS, "oh", "o"], key=len, reverse=True))
_RUN = re.compile(rf"\b(?:{_WORD})(?:[\s-]+(?:{_WORD}))*\b", re.I)
_BEFORE = re.compile(
    r"\b(?:at|from|to|till|until|for|in|by|around|about|every|next|last|max|limit|top|only|first|like)\s*$", re.I
)
_AFTER = re.compile(
    r"^\s*(?:a\.?m\.?|p\.?m\.?|o'?clock|oclock|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|months?|(?:flash\s*)?cards?|of\s+them\b|"
    r"modules?|topics?|sessions?|times|questions?|tasks?|in\s+the\s+(?:morning|afternoon|evening)|tonight|"
    r"tomorrow|today|and\s+a\s+half|max\b|(?:to|till|until|-)\s*(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)\b))",
    re.I,
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
_ORDINAL = "|".join(sorted(ORDINALS, key=len, reverse=True))
_ORDINAL_RUN = re.compile(
    rf"\b(?P<pre>{_MONTH}\s+(?:the\s+)?|the\s+)(?P<tens>twenty|thirty)?[\s-]*(?P<ord>{_ORDINAL})\b(?P<post>\s+of\b)?",
    re.I,
)
_FILLERS = re.compile(r"(?:^|(?<=\s))(?:u+m+|u+h+m*|e+r+m+|e+r+)\b[,.]?\s*", re.I)
# A hedge before a clock or an amount ("at like ten", "for maybe an hour", "5ish"): the clock or amount itself.
_HEDGE = re.compile(
    r"\b(at|for|by|from)\s+(?:like|maybe|around|about|roughly|approx(?:imately)?|probably|say)\s+(?=\d|an?\s|half\b)",
    re.I,
)
_ISH = re.compile(r"\b(\d{1,2}(?::\d{2})?(?:\s*[ap]m)?)-?ish\b", re.I)
# A joint shouted in capitals is the joint: "finished X AND reviewed Y".
_SHOUTED_JOINT = re.compile(r"\b(?:AND|THEN|ALSO|PLUS|BOTH)\b")
_ARROW = re.compile(r"\s*(?:-+>|=+>|\u2192|\u27f6)\s*")


def _value(words: list[str]) -> list[int]:
    """Number words -> the numbers they say ('forty five' -> [45]; 'five thirty' -> [5, 30])."""
    out: list[int] = []
    for word in words:
        word = word.lower()
        if word in ("oh", "o"):
            out.append(0)
        elif word in TENS:
            out.append(TENS[word])
        elif out and out[-1] in TENS.values() and out[-1] % 10 == 0 and UNITS[word] < 10:
            out[-1] += UNITS[word]
        else:
            out.append(UNITS[word])
    return out


def _number(match: re.Match[str]) -> str:
    text = match.string
    before, after = text[: match.start()], text[match.end() :]
    words = re.split(r"[\s-]+", match.group(0))
    if all(w.lower() in ("oh", "o") for w in words):
        return match.group(0)
    if not (_BEFORE.search(before) or _AFTER.match(after)):
        return match.group(0)
    if after.startswith("-") or re.match(r"\s*-\s*off\b", after):  # "a one-off"
        return match.group(0)
    numbers = _value(words)
    if len(numbers) == 3 and numbers[1] == 0 and numbers[0] <= 12:  # "seven oh five" -> 7:05
        return f"{numbers[0]}:{numbers[2]:02d}"
    if len(numbers) == 2 and 1 <= numbers[0] <= 12 and 0 <= numbers[1] < 60 and numbers[1] % 5 == 0:
        return f"{numbers[0]}:{numbers[1]:02d}"  # "five thirty" -> 5:30
    return " ".join(str(n) for n in numbers)


# "the twentieth" is a day of the month only between date words: "from the twentieth to the twenty third".
_DATE_BEFORE = re.compile(r"\b(?:on|from|between|until|till|by|before|after|through|to|and|since|starting)\s+$", re.I)
_DATE_AFTER = re.compile(r"\s*(?:$|[,.!?;)]|(?:to|through|thru|until|till|and|at|for)\b|-|\u2013)", re.I)


def _ordinal(match: re.Match[str]) -> str:
    text = match.string
    day_of_month = _DATE_BEFORE.search(text[: match.start()]) and _DATE_AFTER.match(text[match.end() :])
    if match.group("pre").lower().startswith("the") and not match.group("post") and not day_of_month:
        return match.group(0)  # "the first module" stays; "the third of next month" is a date
    day = ORDINALS[match.group("ord").lower()] + (TENS[match.group("tens").lower()] if match.group("tens") else 0)
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{match.group('pre')}{day}{suffix}{match.group('post') or ''}"


def spoken(text: str) -> str:
    """The message with fillers removed, a shouted joint in lower case, arrows read as 'to', and numbers said as words
    written as digits."""
    text = _SHOUTED_JOINT.sub(lambda m: m[0].lower(), _FILLERS.sub("", text))
    colon = text.find(":")
    arrow = _ARROW.search(text)
    if arrow and (colon < 0 or colon > arrow.start()):
        text = _ARROW.sub(" to ", text)
    text = _ORDINAL_RUN.sub(_ordinal, text)
    text = _RUN.sub(_number, text)
    text = _ISH.sub(r"\1", _HEDGE.sub(r"\1 ", text))
    return _OCLOCK.sub(_clock_said, text)


def _clock_said(m: re.Match[str]) -> str:
    """ "N o'clock" as the clock, led by "at" unless a word already places it or it opens a range ("9 to 11")."""
    if m["lead"] or m["range"] is not None:
        return (m["lead"] or "") + m["clock"]
    return f"at {m['clock']}"


# "10 o'clock" is a clock: after "at", "by", "from"... it is the clock alone, else "at 10" ("saturday 10 o'clock").
_OCLOCK = re.compile(
    r"(?P<lead>\b(?:at|by|from|to|until|till|til|around|about|before|after|between|and|-|\u2013)\s+)?"
    r"\b(?P<clock>\d{1,2}(?::\d{2})?)\s*o['\u2019]?\s*clock\b(?P<range>(?=\s*(?:to|-|\u2013|until|till|and)\s*\d))?",
    re.I,
)


# "r" texted for "are" where a question asks of something: "when r my exams", "r there any cards due". Elsewhere it
# may be the language R ("an r course").
_TEXTED_ARE = re.compile(
    r"(?:\b(?P<wh>what|when|where|how|who|which|why|wat|wut)\s+|^(?P<lead>\W*))r"
    r"(?=\s+(?:my|the|our|your|u|you|there|they|we|these|those|any|all)\b)",
    re.I,
)


def texted_are(text: str) -> str:
    """The message with "r" texted for "are" written out ("when r my exams": "when are my exams")."""
    return _TEXTED_ARE.sub(lambda m: f"{m['wh']} are" if m["wh"] else f"{m['lead']}are", text)
