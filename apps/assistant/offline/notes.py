"""Note intents: create, search and summarise notes."""

from __future__ import annotations

import re
from typing import Any

from .calls import ToolCall
from .context import Context
from .text import SAYS_SOMETHING, clean_name, first_words, squash

CREATE_NOTE_RE = re.compile(
    r"\b(?:take|write|add|save|create|make|jot\s+down|new)\s+(?:a\s+|me\s+a\s+)?(?:new\s+|quick\s+)?note\b(?P<rest>.*)$",
    re.I,
)
NOTE_THAT_RE = re.compile(
    r"^(?:please\s+)?(?:note(?:\s+to\s+self)?|remember|(?:write|jot|put|take)\s+(?:this\s+|that\s+)?down|save\s+this(?:\s+(?:somewhere|for\s+(?:me|later)))?|keep\s+this|memo)(?:\s+that|\s*:)\s*(?P<content>.+)$",
    re.I,
)
TITLED_RE = re.compile(
    r"^\s*,?\s*(?:titled|called|named|title)\s+[\"'“]?(?P<title>.+?)[\"'”]?\s*"
    r"(?:with\s+(?:the\s+)?content|saying|(?:with|containing)?\s*:)\s*(?P<content>.+)$",
    re.I,
)
# "a note named midterm scope, prof said only ch 1-4": the title, a comma, then a sentence as its content.
TITLED_COMMA_RE = re.compile(
    r"^\s*,?\s*(?:titled|called|named|title)\s+[\"'“]?(?P<title>[^,\"'”]+?)[\"'”]?\s*,\s*(?P<content>\S.*\s\S.*)$",
    re.I,
)
# "make a note called T": a title and nothing more (the note is empty; "called T" is no content).
TITLE_ONLY_RE = re.compile(
    r"^\s*,?\s*(?:(?:for|in|under)\s+(?:my\s+|the\s+)?(?P<course>[^,:]+?)(?:\s+course)?\s+)?"
    r"(?:titled|called|named)\s+[\"'“]?(?P<title>[^\"'”:]+?)[\"'”]?\W*$",
    re.I,
)
# "jot this down for lin alg, title T: X": a note for a course, its title and content after.
JOT_RE = re.compile(
    r"^(?:please\s+)?(?:jot|write|put|take|save)\s+(?:this|that|it)\s+down\s+(?:for|in|to|under)\s+(?:my\s+|the\s+)?"
    r"(?P<course>[^,:]+?)(?:\s+course)?\s*,\s*(?P<rest>(?:titled|called|named|title)\s.+)$",
    re.I,
)
# "a note about Newton's laws, it's important": the subject is the title, up to the first punctuation.
ABOUT_RE = re.compile(
    r"^\s*(?:about|on|regarding|re)\s+(?P<subject>[^,:;.!?\u2014]+?)\s*(?:(?::|\u2014|\s-)\s*(?P<content>.+)|[,;.!?].*)?$",
    re.I,
)
COURSE_RE = re.compile(
    r"^\s*(?:to|in|for|on)\s+(?:my\s+|the\s+)?(?P<course>.+?)(?:\s+course)?\s*:\s*(?P<rest>.+)$", re.I
)


# A short first sentence ending in a full stop, then the note's body: its title.
_KEEP_THIS = re.compile(r"^(?:please\s+)?(?:save|keep|jot|write|put|take)\s+this\b", re.I)
_PERSONAL = re.compile(r"\b(?:i|i'm|im|my|me|we|our|you|your)\b", re.I)  # "i have an exam friday. ...": no heading
_HEADED = re.compile(r"^(?P<title>(?:[^\s.!?:]+\s+){0,4}[^\s.!?:]+)\.\s+(?P<body>\S.*\S.*)$")
# A heading is a label: no verb or time word ("the exam is on friday. ..." is a sentence), no abbreviation
# cut at its full stop ("Dr. Smith ..."), and a body of definitions or a list ("ser = ...", "a, b, c").
_SENTENCE_WORD = re.compile(
    r"\b(?:is|are|was|were|be|been|am|has|have|had|do|does|did|will|would|can|could|should|must|said|says|"
    r"on|at|by|from|until|need|needs|bring|go|get)\b|'s\b",
    re.I,
)
_ABBREVIATION = re.compile(r"(?:^|\s)(?:dr|mr|mrs|ms|prof|st|vs|etc|e\.g|i\.e|[a-z])$", re.I)
_DEFINITIONS = re.compile(r"=|->|\u2192|:|,")


def _label_heading(content: str) -> re.Match[str] | None:
    """The short label heading a saved note's body ("ser vs estar. ser = ..."), or None if it is a sentence."""
    headed = _HEADED.match(content)
    if not headed or _PERSONAL.search(headed["title"]) or _SENTENCE_WORD.search(headed["title"]):
        return None
    if _ABBREVIATION.search(headed["title"]) or not _DEFINITIONS.search(headed["body"]):
        return None
    return headed


def is_sentence(text: str) -> bool:
    """Whether the words have a verb or a person in them ("prof said only ch 1-4"), unlike a label or a list."""
    return bool(_SENTENCE_WORD.search(text) or _PERSONAL.search(text))


def _titled_then_sentence(rest: str) -> re.Match[str] | None:
    """ "called T, <a sentence>": the title, then the note's content after the comma."""
    titled = TITLED_COMMA_RE.match(rest)
    return titled if titled and re.match(SAYS_SOMETHING, titled["content"], re.I) else None


# "eigen tricks: trace = ...": a short label, a colon, then the body.
_COLON_LABEL = re.compile(r"^\s*(?P<title>(?:[^\s.!?:,]+\s+){0,4}[^\s.!?:,]+)\s*:\s*(?P<body>\S.*)$")


def _colon_label(rest: str) -> re.Match[str] | None:
    """The label said before a colon after "a note", or None when the words before it are a sentence."""
    labelled = _COLON_LABEL.match(rest)
    return None if not labelled or is_sentence(labelled["title"]) else labelled


# "Lecture 7 notes — central limit theorem, ...": a short label, a dash set off by spaces, then the body.
_DASHED = re.compile(r"^(?P<title>(?:[^\s.!?:]+\s+){0,5}?[^\s.!?:]+)\s+[\u2013\u2014-]+\s+(?P<body>\S.*\S.*)$")


def _dash_heading(content: str) -> re.Match[str] | None:
    """The short label before a dash heading a note's body, or None when the words before it are a sentence."""
    dashed = _DASHED.match(content)
    if not dashed or _PERSONAL.search(dashed["title"]) or _SENTENCE_WORD.search(dashed["title"]):
        return None
    return dashed


# Words that say nothing of their own after "note that": "instead", "too pls".
_NOTHING_SAID = re.compile(
    r"(?:\W*\b(?:instead|too|also|as\s+well|pls|please|plz|for\s+me|lol|thanks|thx|ok(?:ay)?|now|then|for\s+later)\b)+\W*",
    re.I,
)


def match_create_note(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'take a note: X', 'note that X', 'write a note titled T: X', 'add a note to my Chemistry course: X'."""
    args: dict[str, Any] = {}
    if (m := JOT_RE.match(clause.strip())) and (tm := TITLED_RE.match(m.group("rest"))):
        args = {"title": squash(tm.group("title")), "course": clean_name(m.group("course"))}
        content = tm.group("content")
    elif m := NOTE_THAT_RE.search(clause.strip()):
        content = m.group("content")
        headed = _label_heading(content) if _KEEP_THIS.match(clause.strip()) else None
        if headed:  # "save this: ser vs estar. ser = ...": a heading
            args["title"], content = headed["title"], headed["body"]
    elif m := CREATE_NOTE_RE.search(clause):
        rest = m.group("rest")
        about = ABOUT_RE.match(rest) if re.match(r"\s*(?:about|regarding|re)\s", rest, re.I) else None
        if not about and (cm := COURSE_RE.match(rest)):
            course = clean_name(cm.group("course"))
            args["course"] = ctx.last_course if course.lower() == "it" and ctx.last_course else course
            rest = ": " + cm.group("rest")
        if tm := TITLED_RE.match(rest) or _titled_then_sentence(rest):
            args["title"] = squash(tm.group("title"))
            rest = tm.group("content")
        elif tm := TITLE_ONLY_RE.match(rest):
            if tm.group("course") and "course" not in args:
                args["course"] = clean_name(tm.group("course"))
            return [ToolCall("create_note", {"title": squash(tm.group("title")), **args})]
        elif am := about or ABOUT_RE.match(rest):
            args["title"] = squash(am.group("subject"))
            rest = am.group("content") or re.sub(r"^\s*\w+\s+", "", rest)
        elif labelled := _colon_label(rest):  # "write a note eigen tricks: trace = ..."
            args["title"], rest = squash(labelled["title"]), labelled["body"]
        content = re.sub(
            r"^\s*(?::|(?:that\s+)?(?:says|saying|reads)\s*:?|that|with\s+(?:the\s+)?content:?)\s*",
            "",
            rest,
            flags=re.I,
        )
    else:
        return None
    content = squash(content)
    if not content or _NOTHING_SAID.fullmatch(content):
        return None  # "remember that instead": the thing said before, no note's content
    if "title" not in args and (dashed := _dash_heading(content)):
        args["title"], content = squash(dashed["title"]), squash(dashed["body"])
    title = args.pop("title", None) or first_words(content)
    return [ToolCall("create_note", {"title": title, "content": content, **args})]


# A content that is itself a question: "why does the gradient point uphill", "is the final cumulative".
_OWN_QUESTION = re.compile(
    r"^\W*(?:why|what|how|when|where|who|which|whose|(?:is|are|was|were|does|do|did|can|could|should|would|will)"
    r"\s+(?:i|we|you|it|they|he|she|the|a|an|this|that|there|these|those)\b)",
    re.I,
)


def with_closing_marks(calls: list[ToolCall], text: str) -> list[ToolCall]:
    """New notes' contents with the marks closing them in the message: a "!!" of stress, and a "?" when the content
    is a question of the learner's own ("why does X point uphill?"), not the request's ("can you note that X?")."""
    return [_closed(call, text) for call in calls]


def _closed(call: ToolCall, text: str) -> ToolCall:
    content = call.arguments.get("content")
    if call.name != "create_note" or not isinstance(content, str) or not content or content[-1] in "?!":
        return call
    at = text.casefold().rfind(content.casefold())
    marks = re.match(r"[?!]+", text[at + len(content) :]) if at >= 0 else None
    if not marks or ("?" in marks[0] and not _OWN_QUESTION.match(content)):
        return call
    return ToolCall(call.name, {**call.arguments, "content": content + marks[0]})


SEARCH_RE = re.compile(
    r"\b(?:search|find|look\s+(?:through|in|up|for)|show|list|pull\s+up|get|do\s+i\s+have|any)\b.*?\bnotes?\b\s*(?:for|about|abt|on|re|regarding|mentioning|"
    r"containing|with|that\s+mention)?\s+(?P<query>.+)$",
    re.I,
)


# "find my lecture notes", "pull up the orgo notes": the notes named by their subject, said before the word notes.
SUBJECT_NOTES_RE = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:you|u)\s+|(?:please|pls|plz)\s+)*(?:search\s+for|find|look\s+(?:up|for)|show\s+me|"
    r"pull\s+up|dig\s+up|get\s+me|locate|open)\s+(?:all\s+)?(?:of\s+)?(?:my|the)\s+"
    r"(?P<query>(?:[\w'&+-]+\s+){0,3}?[\w'&+-]+)\s+notes?(?:\s+(?:please|pls|plz))?\W*$",
    re.I,
)
SEARCH_IN_RE = re.compile(
    r"\b(?:search|look(?:\s+up)?|find|locate|dig\s+up|pull\s+up)\s+(?:for\s+)?(?:anything\s+(?:on|about)\s+)?(?P<query>.+?)\s+"
    r"(?:somewhere\s+)?(?:in|through|across|among)\s+(?:all\s+)?(?:of\s+)?(?:my\s+)?(?:\w+\s+)?notes\b",
    re.I,
)
WROTE_RE = re.compile(
    r"\b(?:what\s+(?:did|have)\s+i\s+(?:write|written|note|noted)|"
    r"(?:do|did)\s+i\s+(?:have|write|jot|note)\s+(?:anything|something|stuff)(?:\s+(?:written|jotted|noted|saved))?)"
    r"\s+(?:down\s+)?(?:about|on|abt|re|regarding)\s+(?P<query>.+?)\W*$",
    re.I,
)
# "what do my notes say about X", "what's in my notes on X": the notes asked about a subject.
NOTES_SAY_RE = re.compile(
    r"\b(?:what\s+(?:(?:do|does|did)\s+)?(?:my|the)\s+notes?\s+(?:say|said|have|tell\s+me|mention)|"
    r"what(?:'s|s|\s+is|\s+have\s+i\s+got|\s+do\s+i\s+have)\s+in\s+my\s+notes?)"
    r"\s+(?:about|on|abt|re|regarding|for)\s+(?P<query>.+?)\W*$",
    re.I,
)
# "looking for that page where i compared X and Y": the note told by what the learner did in it.
NOTE_WHERE_RE = re.compile(
    r"\b(?:looking\s+for|find|where(?:'s|\s+is)|pull\s+up|dig\s+up)\s+(?:that|the|my)\s+(?:page|note|notes|bit|part|one)\s+"
    r"(?:where|in\s+which)\s+i\s+(?:compared|wrote\s+(?:about|down|up)|explained|covered|went\s+over|summari[sz]ed|"
    r"listed|described|broke\s+down)\s+(?P<query>[^,;.!?]+)",
    re.I,
)
# "where did i write the krebs cycle stuff", "i wrote something about X somewhere?? cant find it": the subject only.
WHERE_WROTE_RE = re.compile(
    r"\b(?:where\s+(?:did|have)\s+i\s+(?:write|written|put|jot|jotted|note|noted|save|saved)\s+(?:down\s+)?(?:about\s+)?"
    r"(?:(?:my\s+|the\s+)?notes?\s+(?:on|about|for)\s+)?"
    r"|\bi\s+(?:(?:(?:remember|recall|think|know|swear)\s+(?:i\s+)?)?(?:wrote|noted|jotted|saved)|"
    r"(?:remember|recall)\s+(?:writing|noting|jotting|saving))\s+"
    r"(?:down\s+)?(?:something|some\s+(?:stuff|notes?)|a\s+note|notes?)\s+"
    r"(?:about|on)\s+)(?:(?:the|that|this|some)\s+(?:thing|stuff|bit|part)s?\s+(?:about|on)\s+)?(?:the\s+|my\s+)?"
    r"(?P<query>[^?!.,]+?)(?:\s+(?:stuff|things|notes?|somewhere|down|in\s+my\s+notes))*\s*(?:[?!.,]|$)",
    re.I,
)

# "X, pretty sure i wrote something after the quiz": a remark after the subject is no part of the query.
_REMARK_AFTER = re.compile(
    r"\s*[,;]\s*(?:(?:pretty|fairly|quite)\s+sure|i\b|i'm|im\b|i've|think|maybe|probably|because|cause|cuz|since|"
    r"btw|lol|it\s+was|it's|from\s+(?:last|the)\b|somewhere|(?:my\s+)?(?:exam|test|quiz|final|midterm)\b|need\b|"
    r"help\b|asap\b|urgent|please\b|pls\b).*$",
    re.I,
)


def match_search_notes(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'search my notes for mitochondria', 'do I have any notes about integrals?'."""
    if not (
        m := NOTES_SAY_RE.search(clause)
        or SEARCH_RE.search(clause)
        or WROTE_RE.search(clause)
        or SEARCH_IN_RE.search(clause)
        or WHERE_WROTE_RE.search(clause)
        or NOTE_WHERE_RE.search(clause)
        or SUBJECT_NOTES_RE.search(clause)
    ):
        return None
    query = re.sub(r"^(?:for|about|on)\s+", "", clean_name(_REMARK_AFTER.sub("", m.group("query"))), flags=re.I)
    query = re.sub(
        r"\s+(?:again|though|tho|lol|haha|exactly|anywhere|somewhere|at\s+all)$", "", query, flags=re.I
    )  # "... the krebs cycle again", "notes on eigenvectors anywhere"
    return [ToolCall("search_notes", {"query": clean_name(query)})] if query else None


SUMMARY_RE = re.compile(
    r"\bsummar(?:i[sz]e|y|ise)\b|\brecap\b|\bsum\s+up\b|\bcondense\b|\btl;?dr\b|\bboil\s+down\b", re.I
)
NOTE_REF_RES = (
    re.compile(
        r"\bnotes?\s+(?:(?:i|we)\s+(?:took|made|wrote|have)\s+)?(?:on|about|for|called|titled|named|from)\s+(?P<ref>.+)$",
        re.I,
    ),
    re.compile(r"\bnote\s+(?P<ref>.+)$", re.I),
    re.compile(r"\b(?:of|for)\s+(?:my|the)\s+(?P<ref>.+?)\s+notes?\b", re.I),
    re.compile(r"\b(?:my|the)\s+(?P<ref>.+?)\s+notes?\b", re.I),
)


def match_summarize_note(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'summarize my note on the French Revolution', 'give me a summary of my Organic Chemistry notes'."""
    if not SUMMARY_RE.search(clause) or not re.search(r"\bnotes?\b", clause, re.I):
        return None
    for pattern in NOTE_REF_RES:
        if m := pattern.search(clause):
            ref = clean_name(m.group("ref"))
            if ref:
                return [ToolCall("summarize_note", {"note": ref})]
    return None
