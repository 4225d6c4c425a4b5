"""A search of the learner's uploaded material: "what do my slides say about X", "find X in my pdfs".

A message that names the learner's own uploads (slides, PDFs, handouts, readings, the textbook, lecture
recordings, "my materials", "the stats handout", "my lin alg lecture pdf") and either asks to search them or asks
what they say (any question with a word of telling: say, explain, define, cover, talk about, "anything on", "the
page where", "according to") is one ``search_materials`` call with the subject asked about. Notes are not
material: "what do my notes say" stays a note search. A message that makes something from the material ("make
flashcards from my slides"), asks for new material ("find a good textbook on X") or plans its study at a time
("go through the lecture videos every morning at 7") is no search.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .calls import ToolCall
from .text import VAGUE_HEAD, squash

# Asking to be taught a subject: "explain X", "walk me through X", "break down X".
_TEACH = r"(?:explain|define|describe|walk\s+(?:me|us)\s+through|go\s+over|break\s+down|teach\s+(?:me|us))"
_OWNER = r"(?:my|the|our|these|those|this|(?:the\s+)?(?:prof|professor|teacher|lecturer|ta)'?s)"
_MODIFIER = r"(?!(?:in|on|of|for|from|about|where|what|how|my|the|our|and|or|to|is|are|say|says)\b)[\w'-]+"
_NOUN = (
    r"(?:slides?|slide\s*decks?|pdfs?|uploads?|materials?|handouts?|readings?|textbooks?|text\s+books?|"
    r"course\s*packs?|recordings?|(?:lecture\s+)?videos?|transcripts?|powerpoints?|ppts?|documents?|docs|"
    r"files|worksheets?|lectures?)(?!\s+(?:\d+\s+)?notes?\b)"
)
_FROM_WHEN = (
    r"(?:\s+from\s+(?:last\s+|this\s+|today'?s\s+)?(?:\w+day'?s?|week(?:\s*\d+)?|lecture(?:\s*\d+)?|class))?"
    # "the pdf my prof uploaded": who put it there
    r"(?:\s+(?:that\s+|which\s+)?(?:i|we|(?:my|the|our)\s+(?:prof|professor|teacher|lecturer|ta|tutor))\s+"
    r"(?:uploaded|posted|shared|sent|added|put\s+(?:up|in|on)|gave\s+(?:us|me))"
    r"(?:\s+(?:yesterday|today|last\s+week))?)?"
)
_MATERIAL = rf"{_OWNER}\s+(?:{_MODIFIER}\s+){{0,3}}{_NOUN}"
_NAMES_MATERIAL = re.compile(rf"\b{_MATERIAL}\b", re.I)
_SEARCHES = re.compile(
    r"\b(?:search|look\s+(?:up|for|through|thru|in)|look\s+(?:it|that|them)\s+up|go\s+(?:through|thru)|find|check|"
    r"dig\s+(?:through|thru)|scan|grep|pull\s+up|locate|skim|show\s+me)\b",
    re.I,
)
_TELLS = (
    r"(?:say|said|says|mention(?:s|ed)?|cover(?:s|ed)?|explain(?:s|ed)?|define[sd]?|describe[sd]?|"
    r"discuss(?:es|ed)?|talk(?:s|ed)?\s+about|go(?:es)?\s+over|went\s+over|present(?:s|ed)?|introduce[sd]?|"
    r"state[sd]?|put\s+it|word\s+it|tell\s+(?:me|us))"
)
# A question about what the material holds: a word of telling, "anything on X", "the page where", "according to".
_ASKS_CONTENT = re.compile(
    rf"\b{_TELLS}\b|\b(?:anything|something|stuff|info|information)\s+(?:(?:in|from)\s+{_MATERIAL}\s+)?"
    r"(?:on|about|regarding)\b|"
    r"\b(?:page|part|section|slide|bit|spot|place|paragraph|passage)\s+(?:where|that|which|on|about)\b|"
    r"\baccording\s+to\b|\bwhere\s+in\b|\bwhat(?:'s|\s+is)\s+in\b|"
    r"\b(?:definition|formula|proof|derivation|explanation|example|meaning)s?\s+(?:of|for)\b",
    re.I,
)
# Telling asked for from the material: "explain bayes theorem using my lecture slides", "define X from my textbook".
_TELL_FROM = re.compile(
    rf"^\W*(?:(?:can|could|would)\s+(?:you|u)\s+|(?:please|pls|plz)\s+)*{_TEACH}\s.+"
    rf"\b(?:using|with|from|based\s+on|according\s+to|out\s+of)\s+{_MATERIAL}\b",
    re.I,
)
_QUESTION = re.compile(
    r"\?|^\W*(?:\w+\W+){0,6}?(?:what|how|where|which|why|who|when|does|do|did|is|are|can|could)(?:'?s)?\b|"
    r"^\W*(?:(?:so|ok|okay|and|hey)\W+)*anything\b",
    re.I,
)
# The material as the place of a question ("in the stats handout, what's X", "does the handout have X"): what
# it holds is asked.
_IN_MATERIAL = re.compile(
    rf"^\W*(?:in|from|inside)\s+{_MATERIAL}{_FROM_WHEN}\b|\b(?:does|do|did)\s+{_MATERIAL}\s+(?:\w+\s+)?"
    r"(?:have|has|contain|include|mention|list|show)\b",
    re.I,
)
# Making or changing something (from) the material, asking for new material, or any other request beside it.
_MAKES = re.compile(
    r"\b(?:flash\s*cards?|quiz|test\s+me|make|create|generate|summari[sz]e|upload|delete|remove|rename|tag|add|remind|note|"
    r"task|goal|schedule|book|put\s+(?!it\b)|set\s+(?:up|a|an|the|my|it)|save|remember|also|recommend|suggest|"
    rf"good|best|better|new\s+(?:ones?|{_NOUN}))\b",
    re.I,
)
# A time plans study of the material ("go through the lecture videos every morning at 7"), it does not search it.
_WHEN = re.compile(
    r"\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|at\s+\d|\d{1,2}:\d{2}|every|each|daily|weekly|tonight|tomorrow|tmrw|"
    r"today|morning|evening|afternoon|weekend|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?|"
    r"next\s+week|this\s+week|mins?|minutes?|hours?|hrs?)\b",
    re.I,
)
_ASIDE = re.compile(
    r"\s*(?:[,;!]|\s-\s|\.\.+|\s(?=(?:because|cuz|coz|bc|since)\b))\s*"
    r"(?:i\b|i'm|im\b|i've|ive\b|my\b|we\b|it's|its\b|exam|test|quiz|final|midterm|need|because|cuz|coz|bc|since|"
    r"thanks|thx|pls|please|lol|asap|urgent|help|so\b).*$",
    re.I,
)
_LEAD = re.compile(
    r"^\W*(?:(?:can|could|would|will)\s+(?:you|u)\s+|(?:please|pls|plz)\s+|hey\s+|ok(?:ay)?\s+|so\s+|quick(?:ly)?\s+|"
    r"real\s+quick\s+|help\s+me\s+|i\s+(?:need|want|have)\s+to\s+|i'?m\s+trying\s+to\s+|trying\s+to\s+|see\s+(?=what\b))*"
    r"(?:(?:search|look\s+(?:up|for|through|thru|in)|look\s+(?:it|that|them)\s+up|go\s+(?:through|thru)|find|check|"
    rf"dig\s+(?:through|thru)|scan|grep|pull\s+up|locate|skim|show|{_TEACH})(?:\s+(?:me(?:\s+|$))?|$)(?:for\s+(?=\w))?)?",
    re.I,
)
# "the lecture on eigenvectors (says ...)": what the material is on, said before what it tells.
_ON_WHAT = rf"(?:\s+(?:on|about)\s+[\w'-]+(?:\s+[\w'-]+)?(?=\s+{_TELLS}\b))?"
_PLACE = re.compile(
    rf"\s*(?:\b(?:in|from|inside|within|across|through|of|according\s+to|using|with|based\s+on|out\s+of)\s+)?\b{_MATERIAL}{_FROM_WHEN}{_ON_WHAT}\b\s*,?\s*",
    re.I,
)
_TELLER = r"(?:(?:they|it|he|she|we|you|the\s+(?:prof|professor|teacher|lecturer|author))\s+)?"
_LOCATOR = re.compile(
    r"^(?:the\s+|which\s+|what\s+)?(?:page|part|section|slide|bit|spot|place|paragraph|passage|line)s?\s+"
    rf"(?:(?:where|that|which|with|on|about)\s+{_TELLER})?",
    re.I,
)
_AUX = r"(?:do|does|did|is|are|was|were)\s+"
_WH = r"(?P<wh>what|why|how|who|when|where|which)"
# "what does X say caused Y": the question is "what caused Y"; "how do they explain Y": Y.
_ASKED_CLAUSE = re.compile(
    rf"^{_WH}\s+{_AUX}{_TELLER}(?:say|said|state|claim)\s+(?:that\s+)?(?P<rest>(?!about\b|on\b|anything\b).+)$", re.I
)
_TELLING = re.compile(
    rf"^(?:{_WH}\s+|(?:whatever|everything|anything|all)\s+(?:that\s+)?)?(?:{_AUX})?{_TELLER}(?:{_TELLS}|have|has)\s+(?:anything\s+|something\s+)?"
    r"(?:about|on|regarding|re|for)?\s*",
    re.I,
)
_ABOUT = re.compile(
    r"^(?:(?:is|are)\s+there\s+)?(?:anything|something|stuff|everything|info|information)?\s*"
    r"(?:about|on|for|regarding|re)\s+|"
    rf"^(?:anything|something|stuff|a\s+(?:page|part|bit|section))\s+(?:that\s+|which\s+)?(?:{_TELLS}|explaining|"
    r"covering|describing|defining|discussing|mentioning)\s+",
    re.I,
)
# How the subject should be told, not what it is: "... bayes theorem simply", "... in plain english".
_MANNER = re.compile(
    r"\s+(?:simply|clearly|well|properly|briefly|in\s+(?:simple|plain)\s+(?:terms|english|words)|step\s+by\s+step|"
    r"for\s+dummies|like\s+i'?m\s+five)\W*$",
    re.I,
)
# "how is X explained", "where are X defined": X.
_TOLD_OF = re.compile(
    rf"^(?:how|where)\s+(?:is|are|was|were)\s+(?P<subject>.+?)\s+(?:(?:actually|really)\s+)?{_TELLS}$", re.I
)
# "does <the material> have X" (the material already cut out): X.
_HOLDS = re.compile(r"^(?:does|do|did)\s+(?:\w+\s+)?(?:have|has|contain|include|mention|list|show)\s+", re.I)
_WHERE_IS = re.compile(r"^(?:where(?:'?s|\s+(?:is|are))|what'?s(?:\s+there)?|what\s+is(?:\s+there)?)\s+", re.I)
_ARTICLE = re.compile(r"^(?:the|a|an|any|some)\s+", re.I)
_ENDS = re.compile(r"[\s?.!,]+$|^\W+|\s+(?:please|pls|plz|thanks|thx)\W*$", re.I)


# A search of the material that names no subject ("nothing there? check the lecture slides then"): the subject is
# the previous search's.
_BARE_SEARCH = re.compile(
    rf"(?:^|[.!?]\s+)\W*(?:(?:ok|okay|then|so|hm+|well|maybe)\W+)*(?:(?:can|could)\s+(?:you|u)\s+)?"
    rf"(?:search|look\s+(?:in|through|at)|check|dig\s+through|scan|try)\s+(?:in\s+|through\s+)?{_MATERIAL}{_FROM_WHEN}"
    r"(?:\s+(?:then|instead|too|as\s+well|also|now))?\W*$",
    re.I,
)


def searched_again(text: str, previous: list[ToolCall]) -> list[ToolCall]:
    """``search_materials`` for the previous search's subject, when ``text`` asks to search the material and names
    no subject of its own; else none."""
    if not _BARE_SEARCH.search(text) and not points_back(material_search(text)):
        return []
    queries = [call.arguments.get("query") for call in previous if call.name in _SEARCH_TOOLS]
    queries = [query for query in queries if query]
    return [ToolCall("search_materials", {"query": queries[0]})] if queries else []


WHAT_TO_SEARCH_QUESTION = "What should I look for in your materials?"
_SEARCH_TOOLS = frozenset({"search_notes", "search_materials"})
_BACK = frozenset({"it", "them", "that", "this", "those", "these", "they", "same"})
_ASKING_WORDS = frozenset(
    [
        "and",
        "what",
        "do",
        "does",
        "did",
        "say",
        "says",
        "about",
        "the",
        "anything",
        "on",
        "of",
        "too",
        "also",
        "as",
        "well",
    ]
)


# Material told of in the message before ("just uploaded the lecture slides for week 8"), and a question that
# points back at it: "what do they say about X", "anything in there about X".
_NOUN_TOLD = re.compile(rf"\b(?:[\w'-]+\s+){{0,2}}?{_NOUN}", re.I)
_UPLOAD_TOLD = re.compile(
    r"\b(?:uploaded|posted|added|put\b.*\b(?:up|in)|shared|dropped|attached|here\s+(?:is|are))\b", re.I
)
_TELLS_BACK = re.compile(rf"\b(?:do|does|did)\s+(?:they|it|those|these|that)\s+(?={_TELLS}\b)", re.I)
_IN_IT = re.compile(r"\b(?:in|from)\s+(?:there|them|it|those|these)\b(?=.*\b(?:about|on|for|regarding)\b)", re.I)


def material_named_back(text: str, previous: str) -> str:
    """The text with "they" or "in there" said as the material the previous message told of uploading."""
    told = _NOUN_TOLD.search(previous) if _UPLOAD_TOLD.search(previous) else None
    if told is None:
        return text
    material = "my " + re.sub(r"^(?:the|my|our|these|those|this|some|a)\s+", "", told[0], flags=re.I)
    text = _TELLS_BACK.sub(lambda m: f"{m[0].split()[0]} {material} ", text, count=1)
    return _IN_IT.sub(f"in {material}", text, count=1)


def points_back(searched: list[ToolCall]) -> bool:
    """Whether a search's subject is only a word pointing back ("what do the slides say about them")."""
    words = re.findall(r"[a-z']+", " ".join(str(call.arguments.get("query", "")) for call in searched).lower())
    return bool(words) and bool(_BACK & set(words)) and set(words) <= _BACK | _ASKING_WORDS


_SEARCH_WORDS = frozenset({"look", "see", "check", "search", "find", "say", "says", "what", "in", "there"})
_FOLLOW_UP = re.compile(r"(?:then|instead|too|as\s+well|also|now|again)", re.I)
# "search my notes for X and also check the slides for it": a notes search, then the material's, one subject.
_THEN_MATERIAL = re.compile(
    r"^(?P<first>.+?)(?:\s*[,.;]\s*|\s+)(?:and\s+)?(?:(?:also|then|plus|too)\s+)*"
    r"(?P<second>(?:check|search|look\s+(?:in|through|at)|see|find|what)\b.*)$",
    re.I,
)


def notes_then_material(text: str, searched: Callable[[str], list[ToolCall]]) -> list[ToolCall]:
    """A notes search (read by ``searched``) and then the material's, the second on the first's subject when it only
    points back ("... and also check the lecture slides for it"); none when the message is not so made."""
    if not (parts := _THEN_MATERIAL.match(text)):
        return []
    material = material_search(parts["second"]) or (
        [ToolCall("search_materials", {"query": ""})] if _NAMES_MATERIAL.search(parts["second"]) else []
    )  # "... and also check the lecture slides": the place alone, searched for the notes' subject
    if not material:
        return []
    notes = [call for call in searched(parts["first"]) if call.name == "search_notes"]
    if len(notes) != 1 or not (query := notes[0].arguments.get("query")):
        return []
    own = re.findall(r"[a-z']+", str(material[0].arguments.get("query", "")).lower())
    if points_back(material) or not [word for word in own if word not in _BACK | _ASKING_WORDS | _SEARCH_WORDS]:
        return [notes[0], ToolCall("search_materials", {"query": query})]
    return [notes[0], material[0]]


# Question words written short: "wat does the pdf say abt X".
_SHORT = {"abt": "about", "bout": "about", "wat": "what", "wut": "what"}
_SHORT_WORD = re.compile(rf"\b(?:{'|'.join(_SHORT)})\b", re.I)


def names_material(text: str) -> bool:
    """Whether the text names the learner's uploads ("my slides", "the stats handout")."""
    return bool(_NAMES_MATERIAL.search(text))


def material_search(text: str) -> list[ToolCall]:
    """``search_materials`` for a message that searches the learner's uploads or asks what they say; else none."""
    text = _SHORT_WORD.sub(lambda m: _SHORT[m[0].lower()], text)
    text = _BARE_SEARCH.sub("", text) or text  # "what did X say about Y? check my slides": where, said again
    if not _NAMES_MATERIAL.search(text):
        return []
    subject = _asked_then_searched(text) or _searched_for(text)
    return [ToolCall("search_materials", {"query": subject})] if subject else []


def _searched_for(text: str) -> str | None:
    """What a message naming the learner's material searches it for ("" when it names nothing); None when it asks
    for no search of it."""
    elsewhere = _PLACE.sub(" ", text)  # "the slides i put in": the material's own words make nothing
    if _MAKES.search(elsewhere) or _WHEN.search(_ASIDE.sub("", elsewhere)):
        return None
    asks = (_ASKS_CONTENT.search(text) or _IN_MATERIAL.search(text)) and _QUESTION.search(text)
    if not (_SEARCHES.search(text) or asks or _TELL_FROM.match(text)):
        return None
    return _subject(text)


# A question about a subject: "what does algebraic multiplicity even mean", "what's a grignard reagent", "how does
# backprop work", "i don't get eigenvectors".
_ASKED_SUBJECT = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|wait|hm+|um+|ugh|like)\W+)*(?:"
    r"what(?:'s|s|\s+is|\s+are|\s+does|\s+do)\s+(?:an?\s+|the\s+)?(?P<what>.+?)"
    r"(?:\s+(?:even|actually|really|exactly))*(?:\s+(?:mean|stand\s+for))?|"
    r"how\s+(?:does|do|is|are)\s+(?:an?\s+|the\s+)?(?P<how>.+?)\s+(?:even\s+)?(?:work|calculated|computed|derived|defined)|"
    r"i\s+(?:still\s+)?(?:don'?t|do\s+not|dont|can'?t|cant)\s+(?:get|understand|remember)\s+(?:the\s+)?(?P<unknown>.+?))\W*$",
    re.I,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


def _asked_then_searched(text: str) -> str:
    """The subject of a question followed by a search of the material for "it" ("what does X even mean?? find where
    my textbook talks about it"); "" when the message is not so made."""
    sentences = _SENTENCE_END.split(text.strip())
    for index in range(1, len(sentences)):
        asked = _ASKED_SUBJECT.match(sentences[index - 1])
        if not asked or _NAMES_MATERIAL.search(" ".join(sentences[:index])):
            continue
        later = " ".join(sentences[index:])
        subject = _searched_for(later) if _NAMES_MATERIAL.search(later) else None
        if subject == "" or (subject and points_back([ToolCall("search_materials", {"query": subject})])):
            return squash(next(group for group in asked.groups() if group))
    return ""


# An assessment told about, not subject matter: what was said about it is what is looked for ("what the prof said
# about the final").
_ASSESSMENT = re.compile(
    r"^(?:(?:the|my|our|this|next)\s+)?(?:final|midterm|exam|test|quiz|homework|assignment|project|deadline|"
    r"grading|syllabus)s?(?:\s+exams?)?$",
    re.I,
)


def _subject(text: str) -> str:
    """What the message looks for, without the asking, the place searched, the telling words and any aside; the
    whole question when what it asks about is an assessment."""
    asked = _ENDS.sub("", _ASIDE.sub("", _LEAD.sub("", _PLACE.sub(" ", text).strip()).strip()))
    rest = _without_telling(asked)
    if _ASSESSMENT.match(rest) and rest != asked:
        return asked
    for reading in (_WHERE_IS, _ABOUT, _ARTICLE):
        rest = reading.sub("", rest, count=1)
    subject = VAGUE_HEAD.sub("", _MANNER.sub("", _ENDS.sub("", _ENDS.sub("", rest.strip()))))
    return subject if re.search(r"[^\W\d_]{2,}", subject) and not _FOLLOW_UP.fullmatch(subject) else ""


def _without_telling(rest: str) -> str:
    """The asked subject: "what does it say caused X" asks "what caused X"; "how do they define X" asks X."""
    asked = _ASKED_CLAUSE.match(rest)
    if asked:
        return f"{asked['wh']} {asked['rest']}"
    if told := _TOLD_OF.match(rest):
        return told["subject"]
    rest = _HOLDS.sub("", rest, count=1)
    return _TELLING.sub("", _LOCATOR.sub("", rest), count=1)
