"""Goal intents: create a goal (with tasks) and update one."""

from __future__ import annotations

import re
from typing import Any

from .calls import ToolCall
from .clarify import which
from .context import Context
from .dates import DATE_PHRASE, NUM, parse_date
from .items import STRONG, Known, mentions
from .text import capitalize, clean_name, split_list, squash, without_lower_remark
from .understanding import Understanding

# A title with its task list after it: "X with tasks a, b" (a goal said with no colon before its title).
_LISTED = r"[^.!?]*?\bwith\s+(?:the\s+)?(?:sub-?)?(?:tasks?|steps?|to-?dos?|milestones?)\b"
PRIORITY_RE = re.compile(
    r"\b(high|medium|low)[-\s]priority\b|\bpriority\s*(?:is\s+|of\s+|:\s*)?(high|medium|low)\b", re.I
)
# The goal's tasks: "with tasks A, B", "tasks: A, B", "steps are A, B", "to-dos - A, B", "subtasks would be A, B",
# "first task 'A'" (a quote, or the placeholder "§n§" a quoted name is read as), "and the first step is A".
_TASK_WORD = r"(?:sub-?)?(?:tasks?|steps?|to-?dos?|milestones?)"
TASKS_RE = re.compile(
    rf"\s*[,.;]?\s*(?:and\s+)?\b(?:with\s+(?:the\s+|a\s+)?(?:first\s+)?{_TASK_WORD}\s*:?|"
    rf"(?:the\s+|my\s+|a\s+)?(?P<first>first\s+)?{_TASK_WORD}"
    r"\s*(?::|[-\u2013\u2014]|=|\bare\b|\bwill\s+be\b|\bwould\s+be\b|\binclude\b|(?(first)\bis\b|(?!))|"
    r"(?=[\"'\u201c\u2018\u00a7])))\s*:?\s*(?P<tasks>.+)$",
    re.I,
)
DEADLINE_RE = re.compile(
    rf"(?:^|\s+)(?:by|before|until|due)\s+(.+?)$|\s*[,;\u2013-]\s*(?:deadline|target(?:\s+date)?)(?:\s+is)?\s*:?\s+(.+?)$|\s+((?:in|within)\s+{NUM}\s+(?:days?|weeks?|months?))\b.*$|\s+(?:this|next)\s+(?:week|month)\b.*$",
    re.I,
)
# "a goal X for 31 december": a calendar date after "for" is the target ("for the exam" is not).
FOR_DATE_RE = re.compile(
    rf"\s+for\s+({DATE_PHRASE}).*$",
    re.I,
)
CREATE_RES = (
    re.compile(
        r"\b(?:set|add|create|make|new|start)\s+(?:me\s+)?(?:a\s+|an\s+)?(?:(?:high|medium|low)[-\s]priority\s+)?(?:new\s+)?goal"
        r"(?:\s+for\s+(?:me|(?:next|this)\s+(?:year|semester|term|month)|the\s+(?:year|semester|term|summer)))?"
        r"\s*(?::|to|of|-)?\s*(.+)$",
        re.I,
    ),
    re.compile(  # "I'd like a low-priority goal to learn X", "i want a goal X with tasks a, b": a goal wanted
        r"\b(?:i'?d\s+like|i\s+would\s+like|i\s+(?:want|need)|give\s+me|can\s+i\s+(?:have|get))\s+(?:a|an|another)\s+"
        r"(?:new\s+)?(?:(?:high|medium|low|top)[-\s]priority\s+)?(?:new\s+)?"
        rf"goal(?:\s*(?::|to|of|-)|\s+(?={_LISTED}))\s*(.+)$",
        re.I,
    ),
    re.compile(r"\bmy\s+(?:new\s+)?goal\s+is\s+(?:to\s+)?(.+)$", re.I),
    re.compile(r"^(?:my\s+)?(?:new\s+)?(?:goal|target|objective)\s*:\s*(.+)$", re.I),
    re.compile(  # "another goal: X", "high priority goal - X": a goal said first, with its title after
        r"^\W*(?:(?:a|an|another|one\s+more)\s+)?(?:new\s+)?(?:(?:high|medium|low|top)[-\s]priority\s+)?(?:new\s+)?"
        r"goal\s*(?::|-|\u2013|\u2014)\s*(.+)$",
        re.I,
    ),
    re.compile(
        rf"\bi(?:'m|\s+am)?\s+(?:want|need|would\s+like|'d\s+like|plan(?:ning)?|hop(?:e|ing)|aim(?:ing)?|trying|intend(?:ing)?)"
        rf"\s+to\s+(.+?\s+(?:by|before|(?:in|within)\s+{NUM})\s+.+)$",
        re.I,
    ),
)


def _priority(text: str) -> str | None:
    """'high priority' or 'priority high' to HIGH."""
    if m := PRIORITY_RE.search(text):
        return (m.group(1) or m.group(2)).upper()
    return None


# A goal's date said before its title, after a colon or dash: "by next week: read 3 chapters of dune".
_DATE_FIRST = re.compile(
    r"^(?:by|due|before|until)\s+(?P<when>[^:\u2013\u2014]+?)\s*(?::|\s[\u2013\u2014-])\s*(?P<title>\S.*)$", re.I
)


def match_create_goal(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'set a goal to pass the exam by March 1st, high priority', 'I want to be fluent in German in 6 months'."""
    body = None
    for pattern in CREATE_RES:
        if m := pattern.search(clause):
            body = m.group(1)
            break
    if body is None:
        return None
    args: dict[str, Any] = {}
    tasks: list[str] = []
    if m := TASKS_RE.search(body):
        tasks = split_list(m["tasks"])
        body = body[: m.start()]
    body = PRIORITY_RE.sub(" ", body)
    body = re.sub(r"\s*,\s*$|\s*,\s*,", " ", squash(body))
    if dated := _DATE_FIRST.match(body):
        body = f"{dated['title']} by {dated['when']}"  # "a goal by next week: read 3 chapters", "due june 1 - pass X"
    if (m := DEADLINE_RE.search(body) or FOR_DATE_RE.search(body)) is not None:
        phrase = next(g for g in (*m.groups(), m.group(0)) if g)
        if day := parse_date(phrase, ctx.today) or parse_date(body[m.start() :], ctx.today):
            args["target_date"] = day.isoformat()
            body = body[: m.start()]
    title = squash(body).strip(" ,;:.-")  # "a new goal for me, deadline ...": no title said
    if ctx.last_course:
        title = re.sub(r"\bit\b", ctx.last_course, title)
    if not title:
        return None  # "make a new goal for me, deadline end of the month": no goal said
    args = {"title": capitalize(title), **args}
    if priority := _priority(clause):
        args["priority"] = priority
    if tasks:
        args["tasks"] = tasks
    return [ToolCall("create_goal", args)]


GOAL_REF = r"(?:my\s+|the\s+)?goal\s+[\"'“]?(.+?)[\"'”]?"
STATUS_RES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\bmark\s+{GOAL_REF}\s+as\s+(?:done|complete|completed|finished|achieved)\b", re.I), "COMPLETED"),
    (re.compile(rf"\b(?:i\s+)?(?:have\s+|'ve\s+)?(?:completed|finished|achieved)\s+{GOAL_REF}$", re.I), "COMPLETED"),
    (re.compile(rf"\bmark\s+{GOAL_REF}\s+as\s+(?:abandoned|dropped)\b", re.I), "ABANDONED"),
    (
        re.compile(
            rf"\b(?:given\s+up\s+on|give\s+up\s+on|gave\s+up\s+on|abandon(?:ed)?|drop(?:ped)?)\s+{GOAL_REF}$", re.I
        ),
        "ABANDONED",
    ),
    (re.compile(rf"\b(?:started|starting|begun|began)\s+(?:working\s+on\s+)?{GOAL_REF}$", re.I), "IN_PROGRESS"),
    (re.compile(rf"\bmark\s+{GOAL_REF}\s+as\s+in\s+progress\b", re.I), "IN_PROGRESS"),
    (re.compile(rf"{GOAL_REF}\s+is\s+(?:done|complete|completed|finished|achieved)\b", re.I), "COMPLETED"),
)
MAKE_PRIORITY_RE = re.compile(rf"\b(?:make|set|mark)\s+{GOAL_REF}\s+(?:as\s+)?(high|medium|low)[-\s]priority\b", re.I)
# "bump the X goal to the top (of my list)": first in line is HIGH, last is LOW.
RANK_GOAL_RE = re.compile(
    rf"\b(?:bump|move|put|push|raise|drop|lower)\s+(?:up\s+)?{GOAL_REF}\s+(?:up\s+|down\s+)?to\s+the\s+(top|bottom)\b",
    re.I,
)
RENAME_GOAL_RE = re.compile(rf"\brename\s+{GOAL_REF}\s+(?:to|as)\s+(.+)$", re.I)
# "change goal X to Y, feeling ambitious": a new wording of the goal (a date or a priority is read above), the remark
# after it left out.
CHANGE_GOAL_RE = re.compile(
    rf"\b(?:change|update|switch|edit|reword|turn)\s+{GOAL_REF}\s+(?:in)?to\s+"
    r"(?!(?:high|medium|low|done|complete\w*|finished|abandoned|dropped|paused|urgent|in\s+progress|active|be|say|"
    r"include|a\s+(?:lower|higher)|\d+\W*$)\b)"
    r"(?=[^\W\d_])(.+?)(?:\s*[,;.!]+\s*(?:i'?m|im|i\s|feeling|cause|because|since|bc|lol|haha|so\b).*|"
    r"\s+(?:so|because|cause|since|bc)\s+.*)?\W*$",
    re.I,
)
GOAL_FIELD_RE = re.compile(
    rf"\b(?:change|set|update|move|push|make|extend|bump|raise|lower)\s+{GOAL_REF}(?:'s)?\s+"
    r"(deadline|target\s+date|due\s+date|priority)\s+to\s+(.+)$",
    re.I,
)
FIELD_GOAL_RE = re.compile(  # "... of my goal X to Y", "... on the B+ goal to Y"
    r"\b(?:change|set|update|move|push|make|extend|bump|raise|lower|drop)\s+(?:up\s+)?(?:the\s+)?(deadline|target\s+date|due\s+date|priority|title|name)\s+"
    r"(?:of|for|on)\s+(?:my\s+|the\s+)?(?:goal\s+[\"'“]?(.+?)[\"'”]?|(.+?)\s+goal)\s+to\s+(.+)$",
    re.I,
)

# A part of a goal changed "from X to Y": "change my lin alg goal from B+ to A-, feeling ambitious".
_FROM_TO = re.compile(r"\bfrom\s+(?P<old>[^,;.!?]+?)\s+to\s+(?P<new>[^,;!?]+?)(?=\s*(?:[,;!?]|\.(?:\s|$)|$))", re.I)
_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)
# Said with a vowel first: "an A-", "an 8", "an F" (a letter or number alone is said by its name).
_VOWEL_SOUND = re.compile(r"^(?:[aeio]\w|u(?!ni|s[eu])\w|[aefhilmnorsx](?:\W|$)|8|1[18]\b)", re.I)


def part_swapped(goal: str, clause: str) -> str:
    """The goal's title with the part the clause changes "from X to Y" said as Y ("Get an A- in Linear Algebra");
    "" when the clause changes no part of it. Words Y leaves out are the title's ("from 12 books to 15": "Read 15
    books ..."), words it adds that the title has next are not said twice ("from 12 to 15 books")."""
    said = _FROM_TO.search(clause)
    if said is None:
        return ""
    old, new = (_ARTICLE.sub("", said[part].strip()) for part in ("old", "new"))
    at = re.search(rf"(?:\b(?P<article>an?)\s+)?(?<!\w)(?P<old>{re.escape(old)})(?!\w)", goal, re.I)
    if at is None or not new:
        return ""
    end, new_words = at.end(), new.split()
    kept = at["old"].split()[len(new_words) :]  # "from pass the mcat to ace": "the MCAT" as the title writes it
    extra = new_words[len(old.split()) :]
    if extra and (next_words := re.match(r"\s+" + r"\s+".join(map(re.escape, extra)) + r"(?!\w)", goal[end:], re.I)):
        end += next_words.end()
    new = " ".join([*new_words, *kept])
    if at["old"][0].isupper() and not old[0].isupper():
        new = new[0].upper() + new[1:]  # "from pass to ace": "Ace the MCAT", as the title writes it
    article = ("an " if _VOWEL_SOUND.match(new) else "a ") if at["article"] else ""
    if at["article"] and at["article"][0].isupper():
        article = article.capitalize()
    return f"{goal[: at.start()]}{article}{new}{goal[end:]}"


def match_update_goal(clause: str, ctx: Context) -> list[ToolCall] | None:
    """'mark my goal X as completed', 'rename my goal X to Y', 'change the deadline of my goal X to June 30'."""
    if not re.search(r"\bgoal\b", clause, re.I):
        return None
    if not re.search(r"\b(?:my|the|a)\s+goal\b", clause, re.I):
        clause = re.sub(  # the name right before "goal": "the deadline on the B+ goal" names "B+"
            r"\b(?:my|the)\s+((?:(?!(?:my|the)\b)\S+\s+){0,4}?(?!(?:my|the)\b)\S+)\s+goal\b",
            r"my goal \1",
            clause,
            count=1,
            flags=re.I,
        )
    for pattern, status in STATUS_RES:
        if m := pattern.search(clause):
            return [ToolCall("update_goal", {"goal": clean_name(m.group(1)), "status": status})]
    if m := MAKE_PRIORITY_RE.search(clause):
        return [ToolCall("update_goal", {"goal": clean_name(m.group(1)), "priority": m.group(2).upper()})]
    if m := RANK_GOAL_RE.search(clause):
        ranked = "HIGH" if m.group(2).lower() == "top" else "LOW"
        return [ToolCall("update_goal", {"goal": clean_name(m.group(1)), "priority": ranked})]
    if m := RENAME_GOAL_RE.search(clause):
        title = without_lower_remark(squash(m.group(2)))  # "to Pass the MCAT in May, got the date"
        return [ToolCall("update_goal", {"goal": clean_name(m.group(1)), "title": title})]
    if m := FIELD_GOAL_RE.search(clause):
        field_name, goal, value = m.group(1).lower(), clean_name(m.group(2) or m.group(3)), m.group(4)
    elif m := GOAL_FIELD_RE.search(clause):
        goal, field_name, value = clean_name(m.group(1)), m.group(2).lower(), m.group(3)
    elif (m := CHANGE_GOAL_RE.search(clause)) and not parse_date(m.group(2), ctx.today):
        title = without_lower_remark(squash(m.group(2)))  # "to Pass the MCAT in May, got the date"
        return [ToolCall("update_goal", {"goal": clean_name(m.group(1)), "title": title})]
    else:
        return None
    if field_name in ("title", "name"):
        return [ToolCall("update_goal", {"goal": goal, "title": squash(value)})]  # "change the title of X to Y"
    if field_name == "priority":
        level = re.search(r"\b(high|medium|low)\b", value, re.I)
        return [ToolCall("update_goal", {"goal": goal, "priority": level.group(1).upper()})] if level else None
    if day := parse_date(value, ctx.today):
        return [ToolCall("update_goal", {"goal": goal, "target_date": day.isoformat()})]
    return None


# "for the mcat one i need another step: X", "on my reading goal, one more task - X": a task added to a goal named
# before the list marker.
_ANOTHER_STEP = re.compile(
    r"^\W*(?:for|on|to)\s+(?:the|my)\s+(?P<goal>[\w+&' -]{1,40}?)\s+(?:one|goal)\s*,?\s*"
    r"(?:i\s+(?:need|want|have)|(?:please\s+)?add|there'?s|put)?\s*(?:another|one\s+more|a\s+new|an\s+extra)\s+"
    r"(?:step|task|to-?do)\s*(?::|-|\u2013|\u2014|,)\s*(?P<task>\S.*)$",
    re.I,
)


def another_step(text: str) -> str:
    """The text with a step added to a goal named first said as "add a task to the <goal> goal: <task>"."""
    if m := _ANOTHER_STEP.match(text):
        return f"add a task to the {m['goal']} goal: {m['task']}"
    return text


# "lin alg goal: add task X": the goal named first, then the task to add to it.
_GOAL_THEN_TASK = re.compile(
    r"^\W*(?:(?:the|my)\s+)?(?P<goal>[\w+&' -]{1,40}?)\s+goal\s*(?::|-|\u2013|\u2014|,)\s*(?:please\s+|pls\s+)?"
    r"(?:add|new|put)\s+(?:a\s+)?(?:task|step|to-?do)\s*(?::|-|\u2013|\u2014)?\s*(?P<task>\S.*)$",
    re.I,
)
# "i wanna get an A in stats, add that as a goal": the wish said first is the goal.
_WISH_AS_GOAL = re.compile(
    r"^\W*(?:i\s+(?:wanna|want\s+to|need\s+to|would\s+like\s+to|hope\s+to|plan\s+to|gotta)|i'd\s+like\s+to|i'?m\s+"
    r"(?:going\s+to|gonna))\s+(?P<wish>[^,.;!?]{3,80}?)\s*[,.;!-]+\s*(?:so\s+)?(?:(?:please|pls|can\s+you|could\s+you)\s+)?"
    r"(?:add|make|set|save|put)\s+(?:that|this|it)\s+(?:as\s+|down\s+as\s+)?(?:a|my|one\s+of\s+my)\s+(?:new\s+)?goals?\b",
    re.I,
)
# "new year new me: goal is to X": a goal stated after a lead-in, not "my goal is to X" (a remark of one's aims).
_GOAL_IS = re.compile(r"(?:^\W*|[:;]\s*)(?:new\s+|the\s+)?goal\s+(?:is|=)\s+(?:to\s+)?(?=\w)", re.I)


# "bump the lin alg one to high priority": only a goal has a priority, so "the X one" is the X goal.
_ONE_WITH_PRIORITY = re.compile(
    r"\b(?P<det>the|my)\s+(?P<name>[\w+&'-]+(?:\s+[\w+&'-]+){0,3}?)\s+one\b(?=.*\bpriority\b)", re.I
)
# "my mcat goal should be aug 20 now": a goal that should be on a date has that target date.
_GOAL_SHOULD_BE = re.compile(
    rf"^\W*(?:(?:my|the)\s+)?(?P<goal>[\w+&' -]{{1,40}}?)\s+goal\s+(?:should|will|is\s+going\s+to|needs\s+to)\s+"
    rf"(?:now\s+)?be\s+(?:due\s+|on\s+|by\s+)?(?P<day>{DATE_PHRASE})(?:\s+(?:now|instead))?\b",
    re.I,
)


# "add a task to it, do past papers by may 10": where the task goes, then the task after a pause.
_TASK_AFTER_PAUSE = re.compile(
    r"(?P<ask>\badd\s+(?:a\s+|an\s+|another\s+|one\s+more\s+)?(?:new\s+)?(?:task|step|to-?do))\s+"
    r"(?P<place>(?:to|for|under|in|into)\s+(?:it|that|this))\s*[,:\u2013\u2014-]+\s*"
    r"(?P<task>\S.*)$",
    re.I,
)


# "can we make a goal for it? pass X by march 3": a goal asked for what was said before, its title after the pause.
_GOAL_FOR_IT = re.compile(
    r"\b(?:make|set(?:\s+up)?|add|create|start|need|want|like|get)\s+(?:me\s+)?(?:a|an|another)\s+(?:new\s+)?goal\s+"
    r"for\s+(?:it|that|this)\s*(?:[?:.!\u2013\u2014-]+|,)\s*(?=\w)",
    re.I,
)


# "new years goal: finish the ML course by june 30", "my goal for this semester - get an A in stats": a new goal's
# title after a lead, when the lead names none of the learner's goals and the title asks no change.
_LED_GOAL = re.compile(
    r"^\W*(?:(?:my|a|the|one|big|main)\s+)?(?P<lead>(?:[\w'-]+\s+){0,3}?)goals?(?:\s+for\s+(?:this|the|next)\s+"
    r"(?:[\w'-]+\s+)?[\w'-]+)?\s*(?::|-|\u2013|\u2014)\s*(?P<title>(?!(?:add|new|put|mark|set|change|move|push|delete|"
    r"remove|rename|make|due|high|low|medium|priority|done|finished|completed|abandon\w*|drop)\b)[a-z].*)$",
    re.I,
)

# "set up a goal: X", "set a goal for next year: X", "make me a new goal - X": asked for, then its title after a pause.
_ASKED_THEN_TITLED = re.compile(
    r"^\W*(?:(?:please|pls|can\s+you|could\s+you|can\s+u)\s+)?(?:set(?:\s+up)?|make|add|create|start)\s+(?:me\s+)?"
    r"(?:a|an|another)\s+(?:new\s+)?goal(?:\s+for\s+(?:this|the|next)\s+(?:[\w'-]+\s+)?[\w'-]+)?\s*"
    r"(?::|\s-|\u2013|\u2014)\s*(?=\w)",
    re.I,
)
_PRIORITY_SAID = re.compile(r"\b(?:high|low|medium)\s+priority\b|\bnew\b", re.I)
# A title that is a remark, not an aim: "honestly just survive lol", "idk anymore", "who knows", "none really".
_NOT_A_GOAL = re.compile(
    r"\?|^\W*(?:ugh|honestly|idk|dunno|lol|who|why|what|how|none|nothing|i|i'?m|im|just|whatever|no|nah|maybe|"
    r"not\s+sure)\b|\b(?:lol|lmao|idk|haha)\b",
    re.I,
)
# When a goal is for, not which goal it is: "new years goal", "summer goal", "this semester's goal".
_SEASON = re.compile(
    r"\b(?:new\s+years?'?s?|(?:this|next)\s+(?:year|semester|term|month|week)'?s?|summer|winter|spring|fall|autumn|"
    r"semester|term|year|yearly|monthly|weekly|daily|life|career|study|main|big|long\s+term|short\s+term)\b",
    re.I,
)


def goal_said_first(text: str) -> str:
    """The text with a goal said before its request read as the request: "<goal> goal: add task X", "i want to X,
    add that as a goal", "...: goal is to X", "make a goal for it? X", "set a goal for next year: X", "summer goal:
    X"."""
    if m := _GOAL_FOR_IT.search(text):
        return f"add a goal: {text[m.end() :]}"
    if m := _ASKED_THEN_TITLED.match(text):  # "set a goal for this term: not sure yet, any ideas?" names none
        return "add a goal" if _NOT_A_GOAL.search(text[m.end() :]) else f"add a goal: {text[m.end() :]}"
    if (
        (m := _LED_GOAL.match(text))
        and not _PRIORITY_SAID.sub(" ", _SEASON.sub(" ", m["lead"])).strip()
        and not (_NOT_A_GOAL.search(m["title"]))
    ):
        priority = re.search(r"\b(?:high|low|medium)\s+priority\b", m["lead"], re.I)
        return f"add a {priority[0] + ' ' if priority else ''}goal: {m['title']}"
    if m := _GOAL_THEN_TASK.match(text):
        return f"add a task to the {m['goal']} goal: {m['task']}"
    if m := _WISH_AS_GOAL.match(text):
        return f"add a goal: {m['wish']}{text[m.end() :]}"
    if m := _GOAL_IS.search(text):
        return f"add a goal: {text[m.end() :]}"
    if m := _GOAL_SHOULD_BE.match(text):
        return f"set the {m['goal']} goal target date to {m['day']}{text[m.end() :]}"
    if m := _TASK_AFTER_PAUSE.search(text):
        return f"{text[: m.start()]}{m['ask']} {m['task']} {m['place']}"
    return _ONE_WITH_PRIORITY.sub(lambda m: f"{m['det']} {m['name']} goal", text)


# "add a task to my goal: finish chapter 4 by friday", "add a to-do: X": a task asked for, its goal not named.
_TASK_ASKED = re.compile(
    r"^\W*(?:(?:ok|okay|so|pls|please|can\s+(?:you|u)|could\s+(?:you|u))\W+)*add\s+(?:a|an|another|one\s+more|new|the)\s+"
    r"(?:new\s+)?(?:task|to-?do|step)\b(?:\s+(?:to|for|under|in|into)\s+(?:my|a)\s+goal\b|(?!.*\b(?:goal|it|that|this)\b))",
    re.I,
)


def unplaced_task(text: str, known: Known, *, previous: str = "") -> Understanding | None:
    """The question which goal, for a task asked for with no goal named (here or in the previous message) while
    the learner has several; None otherwise (a task is a goal's: never a schedule block of the same words)."""
    if not _TASK_ASKED.match(text) or len(known.of("goal")) < 2:
        return None
    if any((named := mentions("goal", said, known)) and named[0][0] >= STRONG for said in (text, previous)):
        return None  # "add a task for the mcat: ...": the goal said without the word
    return Understanding(question=which("goal", known))
