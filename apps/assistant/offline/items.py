"""The learner's own items (courses, modules, topics, goals, tasks, blocks, notes) and finding them in a message.

A message names an item loosely: shortened ("orgo", "lin alg", "backprop"), misspelled ("histroy"),
by initials ("ML") or with filler around it ("the reading goal"). ``mentions`` scores every title of
one kind against the message word by word (exact, prefix or abbreviation, typo-tolerant with
rapidfuzz, initials) and ``resolve`` returns the one title clearly ahead, or the tied candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from .abstain import IMPERATIVES
from .words import english_words

KINDS = ("course", "module", "topic", "goal", "task", "block", "note")
# Words that never identify an item on their own.
FILLER = frozenset(
    [
        "get",
        "a",
        "an",
        "the",
        "my",
        "our",
        "of",
        "to",
        "for",
        "in",
        "on",
        "at",
        "and",
        "or",
        "vs",
        "with",
        "from",
        "this",
        "that",
        "it",
        "its",
        "them",
        "they",
        "their",
        "these",
        "those",
        "there",
        "then",
        "me",
        "i",
        "is",
        "are",
        "was",
        "be",
        "by",
        "as",
        "course",
        "courses",
        "module",
        "modules",
        "topic",
        "topics",
        "goal",
        "goals",
        "task",
        "tasks",
        "block",
        "blocks",
        "session",
        "sessions",
        "note",
        "notes",
        "class",
        "stuff",
        "thing",
        "things",
        "intro",
        "introduction",
        "basics",
        "part",
        # hedges: "i should probably ..." names no "Probability and Statistics"
        "probably",
        "maybe",
        "perhaps",
    ]
)
_TOKEN = re.compile(r"[a-z0-9+]+")
STRONG = 0.75  # the least a message word must score to count as naming a title word


@dataclass(frozen=True)
class Item:
    """One of the learner's items: its kind, title, and the title of what it belongs to."""

    kind: str
    title: str
    parent: str = ""  # a module's/topic's course, a task's goal
    module: str = ""  # a topic's module
    time: str = field(default="", compare=False)  # a block's local wall time, "HH:MM" ("same time" keeps it)
    rule: str = field(default="", compare=False)  # a block's recurrence rule ("FREQ=WEEKLY;BYDAY=MO,WE")


@dataclass
class Known:
    """Everything of the learner's that a message may name."""

    items: list[Item] = field(default_factory=list)
    recent: Item | None = None  # the item the conversation named last ("mark the goal done")

    def of(self, kind: str) -> list[Item]:
        """The items of one kind."""
        return [item for item in self.items if item.kind == kind]

    def find(self, kind: str, title: str) -> Item | None:
        """The item of ``kind`` with exactly this title (case-insensitive)."""
        return next((i for i in self.of(kind) if i.title.casefold() == title.casefold()), None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Known:
        """Read the layout of ``data/learner.json``."""
        items: list[Item] = []
        for course in data.get("courses", []):
            items.append(Item("course", course["title"]))
            for module in course.get("modules", []):
                items.append(Item("module", module["title"], course["title"]))
                items += [Item("topic", t, course["title"], module["title"]) for t in module.get("topics", [])]
        for goal in data.get("goals", []):
            items.append(Item("goal", goal["title"]))
            items += [Item("task", t, goal["title"]) for t in goal.get("tasks", [])]
        items += [
            Item(
                "block",
                b["title"],
                b.get("course") or "",
                time=b.get("start", "")[11:16],
                rule=b.get("recurrence_rule", ""),
            )
            for b in data.get("blocks", [])
        ]
        items += [Item("note", n["title"]) for n in data.get("notes", [])]
        return cls(items)


def tokens(text: str) -> list[str]:
    """Lower-case words and numbers."""
    return _TOKEN.findall(text.lower())


INFLECTIONS = ("s", "es", "ed", "d", "ing", "er", "ers")
# Irregular past forms of the verbs that start task titles ("redid" names "Redo problem set 3").
IRREGULAR_PAST = {
    "did": "do",
    "redid": "redo",
    "wrote": "write",
    "rewrote": "rewrite",
    "went": "go",
    "ran": "run",
    "took": "take",
    "retook": "retake",
    "made": "make",
    "got": "get",
    "began": "begin",
    "built": "build",
    "rebuilt": "rebuild",
    "learnt": "learn",
    "bought": "buy",
    "spoke": "speak",
    "drew": "draw",
    "taught": "teach",
    "sent": "send",
}
# Short words that are never a title's initials: "pm" names no "Pass the MCAT".
NOT_INITIALS = frozenset({"am", "pm", "hr", "hrs", "min", "ok", "ya", "yo", "lol", "idk", "btw", "fyi", "tbh", "omg"})
WHOLE = 0.8  # the least typo similarity of a whole word ('histroy' ~ 'history')
SHORT_PREFIX = 0.3  # an English word shorter than this share of a title word does not abbreviate it


def word_score(title_word: str, word: str) -> float:
    """How well one message word names one title word.

    1 exact; 0.9 an abbreviation ('backprop', 'stereochem') or an inflection ('reading' for 'read');
    else the typo similarity of the whole word, or of an abbreviation that keeps the first three letters
    ('orgo' ~ 'orga[nic]', 'stats' ~ 'stati[stics]').
    """
    if word == title_word:
        return 1.0
    if IRREGULAR_PAST.get(word) == title_word:
        return 0.9
    inflected = word.startswith(title_word) and word[len(title_word) :] in INFLECTIONS
    if len(word) >= 3 and len(title_word) >= 3 and (title_word.startswith(word) or inflected):
        if not inflected and len(word) < SHORT_PREFIX * len(title_word) and word in english_words():
            return 0.0  # an everyday word that merely starts a long one ('back' in 'backpropagation')
        return 0.9
    if len(word) >= 4 and len(title_word) >= 4:
        whole = fuzz.ratio(word, title_word) / 100
        head = (
            fuzz.ratio(word, title_word[: len(word)]) / 100
            if len(word) < len(title_word) and word[:3] == title_word[:3]
            else 0.0
        )
        if word in english_words() and title_word in english_words():
            whole = 0.0  # two real words ('could', 'cloud') are two words, not a typo
            if len(word) >= len(title_word) - 2 or word in IMPERATIVES or not title_word.startswith(word[:4]):
                head = 0.0  # nor is a real word nearly as long ('mechanics', 'mechanisms'), nor a verb ('start'),
                # nor one sharing under four letters with it ('grab', 'grammar'; 'stats' keeps 'statistics')
        if whole >= WHOLE or head >= STRONG:
            return max(whole, head)
    return 0.0


def _glued(word: str, title_words: list[str]) -> set[int]:
    """The consecutive title words a word glues together by their heads ('linalg', 'probstat'), else nothing."""
    if len(word) < 5 or len(title_words) < 2:
        return set()
    for start in range(len(title_words) - 1):
        rest, at = word, start
        while at < len(title_words) and rest:
            head = next((n for n in range(len(rest), 1, -1) if title_words[at].startswith(rest[:n])), 0)
            if head < 2:
                break
            rest, at = rest[head:], at + 1
        if at - start >= 2 and (not rest or rest == "s"):
            return set(range(start, at))
    return set()


def score(title: str, text: str) -> float:
    """The title words the text names (each 0..1, summed); initials ('ML') name consecutive words."""
    words = tokens(text)
    title_words = [w for w in tokens(title) if w not in FILLER] or tokens(title)
    total = 0.0
    covered: set[int] = set()
    for word in words:
        if len(word) in (2, 3) and word not in FILLER and word not in NOT_INITIALS:
            initials = "".join(w[0] for w in title_words)
            at = initials.find(word)
            if at >= 0 and len(title_words) >= 2:
                span = set(range(at, at + len(word)))
                if not span & covered:
                    covered |= span
                    total += 0.9 * len(word)
    for word in words:
        span = _glued(word, title_words)
        if span and not span & covered:
            covered |= span
            total += 0.9 * len(span)
    for index, title_word in enumerate(title_words):
        if index in covered:
            continue
        best = max((word_score(title_word, w) for w in words if w not in FILLER or w == title_word), default=0.0)
        if best >= STRONG:
            total += best
    return total


# The verb "set" ("set the deadline to friday", "set up a block"), which names no "problem set".
_SET_VERB = re.compile(
    r"\bset\b(?=\s+(?:the|my|it|its|up|aside|me|to|back|this)\b|"
    r"\s+an?\s+(?:deadline|due\s+date|date|reminder|target|priority)\b)",
    re.I,
)


# An amount or a clock time ("1 hour before", "at 3pm"): its number names no "Finish practice test 1".
_QUANTITY = re.compile(
    r"\b\d+(?:[.:]\d+)?\s*(?:am|pm|a\.m\.|p\.m\.|h|hrs?|hours?|m|mins?|minutes?|secs?|seconds?|days?|weeks?|wks?|"
    r"months?|times?|x)\b",
    re.I,
)


def mentions(kind: str, text: str, known: Known) -> list[tuple[float, Item]]:
    """Items of ``kind`` the text names, best first."""
    text = _QUANTITY.sub(" ", _SET_VERB.sub(" ", text))
    scored = [(score(item.title, text), item) for item in known.of(kind)]
    return sorted([s for s in scored if s[0] >= STRONG], key=lambda s: -s[0])


@dataclass(frozen=True)
class Resolution:
    """The item a reference names, or the candidates it could mean."""

    item: Item | None = None
    candidates: tuple[Item, ...] = ()


# A number a reference gives with its label ("chapter 4", "problem set 3"), not a clock time ("set 3 pm").
NUMBERED = re.compile(
    r"\b(?:chapter|ch|lecture|unit|week|wk|set|pset|test|exam|quiz|part|section|lesson|homework|hw|lab|assignment|"
    r"essay|paper|problem|reading|book|page)s?\.?\s*#?(\d+(?:\s*(?:,|or|and|&|/)\s*\d+)*)\b"
    r"(?!\s*(?:am|pm|:|h\b|hrs?\b|hours?\b|min))",
    re.I,
)
# Words that may stand before part of a title without naming another item ("my usual reading", "tonight's orgo").
_LOOSE_MODIFIER_WORDS = (
    "today tonight tomorrow yesterday morning afternoon evening night weekend week weekly daily monthly usual "
    "regular normal same other next last first whole entire extra quick big little long short early late new old "
    "this next upcoming current recurring mon tue wed thu fri sat sun monday tuesday wednesday thursday friday "
    "saturday sunday done finished did do mark tick check cancel skip move push drop remove delete rename start "
    "stop reopen untick uncheck complete completed about over up into all both each every s study revise learn "
    "practice practise read go doing oops ok okay yay ugh lol omg wait actually also just still really"
)
_LOOSE_MODIFIERS = frozenset(_LOOSE_MODIFIER_WORDS.split())
# Number words: "twelve books" names "Read 12 books this year" (the number itself is checked as a number).
_NUMBERS_SPELT = "one two three four five six seven eight nine ten eleven twelve fifteen twenty"
_NUMBER_WORDS = frozenset(_NUMBERS_SPELT.split())


def _matched(title_words: list[str], words: list[str]) -> dict[int, int]:
    """For each message word that names a title word (by index), the index of that title word."""
    out: dict[int, int] = {}
    for index, word in enumerate(words):
        scores = [word_score(t, word) for t in title_words]
        best = max(range(len(scores)), key=scores.__getitem__, default=-1)
        if best >= 0 and scores[best] >= STRONG:
            out[index] = best
    return out


def split_by_another_word(title: str, text: str) -> bool:
    """Whether two neighbouring words of ``title`` are named with one content word of the message's own between them
    ("spanish conversation practice" for "Spanish practice")."""
    words = tokens(text)
    title_words = [w for w in tokens(title) if w not in FILLER] or tokens(title)
    matched = _matched(title_words, words)
    where = {at: index for index, at in sorted(matched.items(), reverse=True)}  # each title word's first naming
    for at in range(1, len(title_words)):
        if at - 1 not in where or at not in where or where[at] - where[at - 1] != 2:
            continue
        word = words[where[at - 1] + 1]
        if word not in FILLER | _LOOSE_MODIFIERS | IMPERATIVES and word.isalpha() and len(word) >= 3:
            return True
    return False


_NOT_A_DATE_OR_RANGE = r"(?!\s*(?:[/:.-]\s*\d|to\b|or\b|and\b|(?:st|nd|rd|th)\b))"


def sequel(title: str, text: str) -> bool:
    """Whether the text names a numbered sequel of ``title`` ("organic chemistry 2", "spanish ii"): a part number
    right after the title's last word, not an amount, a clock time, a date or a range."""
    if re.search(r"\d", title):
        return False
    words = tokens(text)
    title_words = [w for w in tokens(title) if w not in FILLER] or tokens(title)
    ends = [index for index, at in _matched(title_words, words).items() if at == len(title_words) - 1]
    if not ends:
        return False
    part = rf"\b{re.escape(words[ends[0]])}\s+(?:\d{{1,2}}|ii|iii|iv)\b{_NOT_A_DATE_OR_RANGE}"
    return bool(re.search(part, _QUANTITY.sub(" ", text.lower())))


def names_another(title: str, text: str) -> bool:
    """Whether the text names another item than ``title`` by the words it shares with it.

    A different modifier where the title has one ("french practice" for "Spanish practice", "Poisson
    Distribution" for "Normal Distribution"), or a labelled number the title lacks next to its words
    ("practice test 2" for "Finish practice test 1", "chapter 4 reading" for "Read Dune"), or a code or year beside
    them ("chemistry 101", "read 1984").
    """
    if title.casefold() in text.casefold():
        return False
    words = tokens(text)
    title_words = [w for w in tokens(title) if w not in FILLER] or tokens(title)
    matched = _matched(title_words, words)
    named = set(matched.values())
    if named and all(title_words[at].isdigit() for at in named):
        return True  # a bare number ("practice test 3") names no "Redo problem set 3"
    for index, at in matched.items():
        before = words[index - 1] if index else ""
        word, title_word = words[index], title_words[at]
        if not (word == title_word or word.startswith(title_word) or len(word) >= len(title_word) - 2):
            continue  # an abbreviation ("exam" for "examples") is too loose to tell another item apart
        if before and fuzz.ratio(before, title_words[at - 1] if at else "") >= 80:
            continue  # "krebbs cycle": a typo of the title's own modifier
        if (
            at > 0
            and at - 1 not in named
            and not title_words[at - 1].isdigit()
            and title_words[at - 1] not in IMPERATIVES  # "Finish practice test 1": a task's verb is no modifier
            and before
            and index - 1 not in matched
            and before not in FILLER
            and before not in _LOOSE_MODIFIERS
            and before not in _NUMBER_WORDS
            and before not in IMPERATIVES
            and len(before) >= 3
            and before.isalpha()
            and not before.endswith(("ing", "ed"))
        ):
            return True  # another modifier in the title's modifier's place
    numbers = set(re.findall(r"\d+", title))
    for index in matched:
        said = re.escape(words[index])
        codes = re.findall(rf"\b{said}\s+(\d{{3,4}})\b|\b(\d{{3,4}})\s+{said}\b", text.lower())
        if words[index].isalpha() and any(set(pair) - {""} - numbers for pair in codes):
            return True  # a code or a year the title lacks: "chemistry 101", "read 1984"
    positions = {m.start(): m for m in NUMBERED.finditer(text.lower())}
    for match in positions.values():
        if numbers & set(re.findall(r"\d+", match[1])):
            continue  # "lecture 5 or 6" may be either
        label = tokens(match[0])[0]
        near = len(tokens(text[: match.start()])), len(tokens(text[: match.end()]))
        beside = any(near[0] - 1 <= index <= near[1] for index in matched)  # the word right before or after it
        if numbers or beside or any(word_score(t, label) >= STRONG for t in title_words):
            return True
    return False


def resolve(kind: str, text: str, known: Known) -> Resolution:
    """The one item of ``kind`` the text names; tied candidates when it names several equally well.

    An item the text names only by words it shares with another name ("french practice", "practice test 2")
    is not named, nor a course whose numbered sequel it names ("organic chemistry 2").
    """
    found = [
        (value, item)
        for value, item in mentions(kind, text, known)
        if not names_another(item.title, text) and not (kind == "course" and sequel(item.title, text))
    ]
    if not found:
        return Resolution()
    exact = [item for _, item in found if item.title.casefold() in text.casefold()]
    if len(exact) == 1:
        return Resolution(exact[0])
    best = found[0][0]
    tied = tuple(sorted((item for value, item in found if value > best - 0.5), key=lambda item: item.title))
    return Resolution(tied[0]) if len(tied) == 1 else Resolution(candidates=tied)
