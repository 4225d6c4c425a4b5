"""Study intents: progress, resource recommendations, study sessions."""

from __future__ import annotations

import re
from typing import Any

from .calls import ToolCall
from .context import Context
from .text import clean_name

PROGRESS_RE = re.compile(
    r"\bprogress\b|\bon\s+track\b|\bstats\b|\bcompletion\b|\bhow\s+many\s+(?:topics|modules|lessons|hours)\b|\bhow\s+am\s+i\s+doing\b|\bhow\s+far\s+along\b|\bhow\s+(?:well\s+)?am\s+i\s+progressing\b",
    re.I,
)
PROGRESS_COURSE_RE = re.compile(r"\b(?:in|on|for|with|of)\s+(?P<course>.+)$", re.I)


HOW_GOING_RE = re.compile(
    r"\bhow(?:'s|\s+is|\s+are)\s+(?:my\s+|the\s+)?(.+?)(?:\s+course)?\s+(?:going|coming\s+along)\b", re.I
)


PROGRESS_OF_RE = re.compile(
    r"\b(?:how\s+much|what\s+(?:percentage|percent|share|fraction|part))\s+of\s+(?:my\s+|the\s+)?(.+?)(?:\s+course)?\s+"
    r"(?:have\s+i|did\s+i|is|are|'s|do\s+i)\b",
    re.I,
)


# The course said before the word progress: "how's my orgo progress".
_COURSE_BEFORE = re.compile(r"\b(?:my|the)\s+(?P<course>[\w&+'-]+(?:\s+[\w&+'-]+){0,2}?)\s+progress\b", re.I)


def match_progress(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'how am I doing in Calculus?', 'show my progress', "how's my Physics course going?"."""
    if m := PROGRESS_OF_RE.search(clause):
        return [ToolCall("get_progress", {"course": clean_name(m.group(1))})]
    if (
        (m := HOW_GOING_RE.search(clause))
        and not re.search(r"\bprogress\b", clause, re.I)
        and not re.fullmatch(r"(?:it|things|everything|life|studying)", m.group(1), re.I)
    ):
        return [ToolCall("get_progress", {"course": clean_name(m.group(1))})]
    if not (m := PROGRESS_RE.search(clause)):
        return None
    args: dict[str, Any] = {}
    if cm := PROGRESS_COURSE_RE.search(clause[m.end() :]) or _COURSE_BEFORE.search(clause):
        course = re.sub(r"\s+(?:going|so\s+far|lately|these\s+days)$", "", clean_name(cm.group("course")), flags=re.I)
        course = clean_name(re.sub(r"\s+course$", "", course, flags=re.I))
        if course and not re.fullmatch(r"(?:everything|courses|all|general|overall)", course, re.I):
            args["course"] = course
    return [ToolCall("get_progress", args)]


RECOMMEND_RE = re.compile(
    r"\b(?:recommend|suggest)\b|\bresources?\b|\b(?:videos?|books?|articles?|tutorials?|links?)\s+(?:on|about|for)\b|"
    r"\bpoint\s+me\s+to\b|\b(?:materials?|websites?|sites?|papers?|podcasts?|reading)\s+(?:on|about|for)\b|"
    r"\bfind\s+me\b|\bwhat\s+should\s+i\s+(?:read|watch)\b|\bwhere\s+(?:can|should)\s+i\s+(?:learn|find|read)\b",
    re.I,
)
TOPIC_RE = re.compile(
    r"\b(?:on|about|for|to\s+(?:understand|learn)(?:\s+more)?(?:\s+about)?|covering|regarding)\s+(?P<topic>.+)$", re.I
)


def match_recommend(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'recommend some resources on quantum mechanics', 'any good videos about neural networks?'."""
    if not RECOMMEND_RE.search(clause):
        return None
    args: dict[str, Any] = {}
    if m := TOPIC_RE.search(clause):
        said = re.split(r"[?!.;]\s", m.group("topic"), maxsplit=1)[0]  # "on X? i still dont get it": X
        topic = re.sub(r"^(?:learning|studying|understanding)\s+", "", clean_name(said), flags=re.I)
        if topic := clean_name(topic):
            args["topic"] = topic
    return [ToolCall("recommend_resources", args)]


STOP_RE = re.compile(
    r"\b(?:stop|end|finish|pause|close)\s+(?:the\s+|my\s+|this\s+)?(?:study\s+)?(?:session|timer|studying)\b|"
    r"\b(?:done|finished)\s+studying\b|\bstop\s+studying\b|"
    r"^\W*(?:(?:ok(?:ay)?|so|now|pls|please|can\s+(?:you|u))\s+)*(?:stop|end)\s+(?:it|that|this|now)?\W*(?:please|pls|now)?\W*$",
    re.I,
)
START_RE = re.compile(
    r"\b(?:start|begin|starting|beginning|let's\s+start)\b.*\b(?:study(?:ing)?|session|timer|pomodoro|focus|timing|"
    r"stopwatch|(?:the|a)\s+clock)\b",
    re.I,
)

# "i'm starting an independent study course on X": a new course or term begun, never a study session.
STARTS_A_COURSE = re.compile(
    r"\b(?:start|begin|starting|beginning)\s+(?:an?|my|new)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:course|class|program(?:me)?|degree|semester|term)\b",
    re.I,
)


# "i should track this, doing X now", "time me", "clock me in": a timer asked for in other words.
_TRACKED = re.compile(
    r"\b(?:(?:i\s+(?:should|ought\s+to|need\s+to|wanna|want\s+to)|let\s+me|lemme)\s+(?:probably\s+|really\s+|prob\s+)?)?"
    r"(?:(?:track|time|clock)\s+(?:this|it|me|my\s+(?:time|study(?:ing)?|session))(?:\s+in)?|clock(?:ing)?\s+in|"
    r"(?:start|begin)\s+tracking(?:\s+(?:this|it|my\s+time))?)\b"
    r"(?=\s*(?:[,.;!-]|$|\s+(?:pls|please|now|too|also|as\s+well|on|for|with)\b))",  # "..., and time me too"
    re.I,
)


_STARTED = re.compile(r"\b(?:start|starting|begin|beginning|session|timer|pomodoro)\b", re.I)


def tracking_as_timer(text: str) -> str:
    """The text with a timer asked for in other words ("track this", "time me") said as "start the timer", unless
    a session is already started in plain words ("starting backprop now, time it")."""
    if _STARTED.search(text):
        return text
    return _TRACKED.sub("start the timer", text)


def match_stop_session(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'stop the session', "I'm done studying", 'end my study session'."""
    return [ToolCall("stop_study_session", {})] if STOP_RE.search(clause) else None


# What a timer is "for" that is no subject: who, how long, when ("for me", "for 25 minutes", "for the next hour").
_NO_SUBJECT = re.compile(
    r"(?:me|us|myself|now|today|tonight|a\s+(?:bit|while)|(?:an?\s+)?(?:hour|hr|half\s+(?:an\s+)?hour|minute)(?:\s+.*)?|(?:the\s+)?(?:next\s+)?(?:\d+(?:\.\d+)?|an?|one|two|"
    r"three|half\s+an?)\s*(?:h|hrs?|hours?|m|mins?|minutes?)(?:\s+.*)?|(?:the\s+)?next\s+(?:hour|half\s+hour)(?:\s+.*)?)",
    re.I,
)


# What a timer is on, said after who it times: "start timing me on backprop", "clock me in for lin alg".
_TIMED_ON = re.compile(
    r"\b(?:tim(?:e|ing)|track(?:ing)?|clock(?:ing)?)\s+(?:me|myself|my\s+time)(?:\s+in)?\s+(?:on|for|with|while\s+i\s+do)\s+(.+)$",
    re.I,
)


def match_start_session(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'start a study session for Chemistry', 'start studying Integration in Calculus'."""
    if not START_RE.search(clause) or STARTS_A_COURSE.search(clause):
        return None
    args: dict[str, Any] = {}
    tail = re.sub(r"\s+now\b.*$", "", clause.strip(), flags=re.I)
    if m := re.search(r"\bsession\s+on\s+(?:the\s+topic\s+)?(.+?)\s+(?:for|in)\s+(.+)$", tail, re.I):
        args = {"topic": clean_name(m.group(1)), "course": clean_name(m.group(2))}
    elif m := re.search(r"\bsession\s+on\s+(?:the\s+topic\s+)?(.+)$", tail, re.I):
        args = {"topic": clean_name(m.group(1))}
    elif m := _TIMED_ON.search(tail):
        args = {"course": clean_name(m.group(1))}  # "start timing me on backprop"
    elif m := re.search(
        r"\b(?:(?:session|timer|pomodoro|focus(?:\s+mode)?)\s+(?:for|in|on)|timing\s+my)\s+(.+)$", tail, re.I
    ):
        args = {"course": clean_name(re.sub(r"\s+course$", "", m.group(1), flags=re.I))}
    elif m := re.search(r"\bstudying\s+(.+?)\s+(?:in|for|from)\s+(.+)$", tail, re.I):
        args = {"topic": clean_name(m.group(1)), "course": clean_name(m.group(2))}
    elif m := re.search(r"\bstudying\s+(.+)$|\b(?:my|the|a)\s+(?!study\b)(.+?)\s+(?:study\s+)?session\b", tail, re.I):
        args = {"course": clean_name(m.group(1) or m.group(2))}
    args = {k: re.sub(r"\s+course$", "", v, flags=re.I) for k, v in args.items() if v}
    args = {k: v for k, v in args.items() if not _NO_SUBJECT.fullmatch(v)}  # "the timer for me", "... for 25 minutes"
    return [ToolCall("start_study_session", args)]
