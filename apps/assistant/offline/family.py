"""The family of a clause's intent settled by key words: cue phrases, removal and addition verbs, and the kind
of item they act on."""

from __future__ import annotations

import re
from datetime import date

from . import intent as classifier
from .abstain import CLASHING, REMOVAL, SESSION_STARTED, TERSE_END
from .arguments import ADD_INTO, PRIORITY
from .blocks import NO_OCCURRENCE, whole_block
from .clauses import FROM_NOW_ON, NAMED_CLEARLY
from .courses import difficulty_of
from .dates import DATE_PHRASE, WD, parse_recurrence, parse_time
from .items import FILLER, STRONG, Known, mentions, tokens, word_score
from .vague import has_clock

# A new name said apart from the verb: "new name is X", "new title: X", "call it X instead".
# Wanting one more ("tomorrow at noon I want a short X session") with nothing said against a block: a new one.
_WANTS_ONE = re.compile(
    r"\bi\s*(?:want|wanna|need|'d\s+(?:like|love)|would\s+(?:like|love))\s+(?:a|an|another|one\s+more)\b", re.I
)


_UNWANTED = re.compile(
    r"\b(?:cancel\w*|skip\w*|call\s+off|drop|remove|delete|can'?t|cannot|won'?t|not|no|without|instead\s+of)\b", re.I
)

# What a cancellation says, one way or another: "skip", "can't make it", "is off", "scrap", "not happening".
_CALLED_OFF = re.compile(
    _UNWANTED.pattern + r"|\b(?:off|scrap\w*|ditch\w*|bail\w*|clear\w*|free\s+up|busy|sick|miss\w*|nix|kill|forget|"
    r"postpone\w*|out\s+of|\w+n'?t)\b",
    re.I,
)

# A goal wished for: "i want to get an A in orgo", "my goal is to read 20 books".
_WISHED_GOAL = re.compile(
    r"^\W*(?:i\s+(?:want|wanna|need|would\s+like|'d\s+like)\s+(?:to\s+)?|my\s+(?:new\s+)?goal\s+is\s+(?:to\s+)?)", re.I
)

# A goal let go: "give up on", "abandon", "quit", "drop".
_GIVING_UP = re.compile(r"\b(?:g(?:ive|ave|iven|iving)\s+up|abandon\w*|quit\w*|drop(?:ped|ping)?)\b", re.I)

# A fact to remember is the learner's, or asked to be remembered: "i work weekends", "remember my exam is online".
_ABOUT_THE_LEARNER = re.compile(
    r"\b(?:i|i'm|im|i've|ive|i'd|i'll|my|me|mine|we|our|remember\w*|fyi|note|keep\s+in\s+mind|memori[sz]e)\b", re.I
)

# What ending a session says: "stop", "end the timer", "done for today", "wrap it up", "clock out".
_STOPS = re.compile(
    r"\b(?:done|finish\w*)(?=\s*(?:$|[,.!?;]|for\b|now\b|studying\b|lol\b|with\s+(?:studying|(?:the|this|my)\s+(?:session|timer))))|"
    r"\b(?:stop\w*|end\w*|pause\w*|quit\w*|wrap\w*|that'?s\s+(?:it|all|enough)|clock\w*|call\s+it|"
    r"off|break|enough|over|halt|kill)\b",
    re.I,
)


# A course's own attributes, which no block or task has: "the orgo target date", "the description of X".
_COURSE_ATTRIBUTE = re.compile(r"\b(?:target|end|finish)\s+date\b|\bdescription\b", re.I)


# A completion told as a slip, which asks for its undoing: "i accidentally ticked off X", "marked X done by mistake".
SLIPPED_DONE = re.compile(
    r"^(?=.*\b(?:accidentally|accidently|mistakenly|wrongly|by\s+(?:mistake|accident))\b)"
    r"(?=.*\b(?:(?:ticked|checked|crossed)\s+(?:\S+\s+){0,6}?off|marked\b.*\b(?:done|complete[d]?|finished)|"
    r"completed)\b)",
    re.I,
)


# Key words that name one intent whatever else the clause says (typo-tolerant): the keyword half of the
# classifier, for what a bag of word vectors cannot tell apart ("forget" sits next to "remember").
CUES: dict[str, str] = {
    "forget": "forget_fact",
    "clash": "find_schedule_conflicts",
    "clashing": "find_schedule_conflicts",
    "clashes": "find_schedule_conflicts",
    "overlap": "find_schedule_conflicts",
    "overlapping": "find_schedule_conflicts",
    "conflicts": "find_schedule_conflicts",
    "conflict": "find_schedule_conflicts",
    "conflicting": "find_schedule_conflicts",
    "untag": "tag_note",
    "uncheck": "reopen_goal_task",
    "unmark": "reopen_goal_task",
    "untick": "reopen_goal_task",
    "reopen": "reopen_goal_task",
    "recap": "summarize_activity",
    "fyi": "remember_fact",
    "facts": "list_facts",
}


# Phrases that name one intent.
PHRASE_CUES = (
    (  # a task set back: "can u set it back to not done", "put practice test 1 back as unfinished"
        re.compile(
            r"\b(?:set|put|mark|change|turn|switch|flip)\s+(?:it|that|this|(?![^.]*\b(?:goal|course|topic|module)s?\b)"
            r"[\w'\" ]{1,50}?)\s+back\s+(?:to|as)\s+"
            r"(?:not\s+(?:done|finished|complete[d]?)|undone|incomplete|unfinished|open|to-?do)\b",
            re.I,
        ),
        "reopen_goal_task",
    ),
    (SLIPPED_DONE, "reopen_goal_task"),
    (  # a new note named: "make a note called Kinematics recap" (its name asks for no recap), "create note T: X"
        re.compile(
            r"^\W*(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)*(?:create|make|add|write|start|new)\s+"
            r"(?:me\s+)?(?:an?\s+)?(?:new\s+)?note\s+(?:(?:for|in|under)\s+\S+(?:\s+\S+)?\s+)?"
            r"(?:(?:called|named|titled)\s+\S|[^:.!?]{1,40}:\s*\S)",
            re.I,
        ),
        "create_note",
    ),
    (  # a new course named: "set up a new course called X", "make me a course named X"
        re.compile(
            r"\b(?:create|make|set\s+up|build|start|add)\s+(?:me\s+|us\s+)?(?:an?\s+)?(?:new\s+)?course\s+"
            r"(?:called|named|titled)\s+\S",
            re.I,
        ),
        "create_course",
    ),
    (  # a new goal said with its title: "set a high priority goal: X", "another goal - X", "a goal to X" (not "the")
        re.compile(
            r"(?:^\W*|\b(?:set|add|create|make|start|want|need|like|give\s+me|get\s+me)\s+(?:me\s+|up\s+)?)"
            r"(?:(?:a|an|another|one\s+more)\s+)?(?:new\s+)?(?:(?:high|medium|low|top)[-\s]priority\s+)?(?:new\s+)?"
            r"goal(?:\s*(?::|-|\u2013|\u2014|\bto\b)\s*\w|"  # "a goal X with steps a, b": its title, then its tasks
            r"\s+(?!(?:to|for|of|is|was|that|in|on|with|and|but|so)\b)\w[^.!?]*?\bwith\s+(?:the\s+)?(?:sub-?)?"
            r"(?:tasks?|steps?|to-?dos?|milestones?)\b)",
            re.I,
        ),
        "create_goal",
    ),
    (  # cards to be made: "flashcards for the stats course", "make 20 cards on X", "can i get like 30 cards for orgo"
        re.compile(
            r"^\W*(?:(?:ok|so|hey|please|pls)\W+)*(?:(?:can|could)\s+(?:you|u)\s+)?(?:(?:make|create|generate|build|write|"
            r"give\s+me|i\s+(?:need|want))\s+)?(?:me\s+)?(?:some\s+|a\s+few\s+|\d+\s+)?(?:new\s+)?flash\s*cards\s+"
            r"(?:for|on|from|about|of|covering)\b|"
            r"^\W*(?:(?:ok|so|hey|please|pls)\W+)*(?:(?:can|could|may)\s+i\s+(?:get|have)|i\s+(?:need|want)|"
            r"i'?d\s+like)\s+(?:(?:like|about|around|maybe)\s+)?\d+\s+(?:new\s+)?cards\s+(?:for|on|from|about|of|covering)\b",
            re.I,
        ),
        "make_flashcards",
    ),
    (  # a note or item turned into questions: "turn it into a quiz", "turn the krebs note into practice questions"
        re.compile(
            r"\bturn\s+(?:it|this|that|them|\"[^\"]+\"|(?:the|my)\s+[\w'\" -]{1,40}?)\s+into\s+(?:an?\s+)?"
            r"(?:quick\s+|short\s+)?(?:quiz(?:zes)?|practice\s+(?:questions|quiz|test)|questions|test)\b",
            re.I,
        ),
        "quiz_me",
    ),
    (  # cards to go through: "start a review of my orgo cards", "review my stats flashcards"
        re.compile(
            r"\b(?:start|begin|do|run)\s+(?:a\s+|my\s+|the\s+)?(?:flash\s*card\s+|card\s+)?review\s+(?:of|on|for)\b|"
            r"\b(?:review|go\s+through|drill)\s+(?:my\s+|the\s+)?(?:\w+\s+)?(?:flash\s*)?cards\b|"
            # "start my orgo flashcard review"
            r"\b(?:start|begin|do|run)\s+(?:a\s+|my\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:flash\s*)?cards?\s+review\b",
            re.I,
        ),
        "start_review",
    ),
    (  # a timer is a study session: "time me", "start the timer", "clock me in"
        re.compile(
            r"\b(?:time\s+me|clock\s+me\s+in|(?:start|starting|begin|set|run|kick\s+off)\s+(?:the\s+|a\s+|my\s+)?(?:study\s+)?"
            r"(?:timer|clock|stopwatch))\b|^\W*(?:(?:ok|okay|so|and)\W+)?(?:the\s+|my\s+|study\s+)?(?:timer|stopwatch|clock)\s+"
            r"(?:on|going|running|started)\b|"
            # "timing spanish starting now"
            r"\btiming\s+(?:me|myself|(?:my\s+)?[\w-]+(?:\s+[\w-]+)?)\s+(?:starting\s+|from\s+)?(?:now|rn)\b",
            re.I,
        ),
        "start_study_session",
    ),
    (
        re.compile(
            r"\b(?:stop|end|pause|kill|finish)\s+(?:the\s+|my\s+)?(?:study\s+)?(?:timer|clock|stopwatch)\b|"
            r"\bclock\s+me\s+out\b",
            re.I,
        ),
        "stop_study_session",
    ),
    (  # where the learner is weak: asked with a question word, as "(my) weak spots" or "overdue stuff"
        re.compile(
            r"\b(?:where|(?:what|which)(?:\s+\w+){0,3}?)\s+(?:am\s+i|i'?m|im|do\s+i)\s+(?:\w+\s+)?(?:struggl\w*|weak(?:est)?|"
            r"behind|bad\s+at|worst\s+at|slipping|slacking|falling\s+short|lacking|lagging|need\s+(?:more\s+)?work|forget(?:ting)?|get(?:ting)?\s+wrong|"
            r"mix(?:ing)?\s+up|mess(?:ing)?\s+up)\b|"
            r"\bmy\s+(?:weak(?:est)?|problem|trouble)\s+(?:spots?|areas?|points?|topics?)\b|"
            r"\b(?:am\s+i|are\s+we)\s+(?:\w+\s+)?(?:behind|slipping|slacking|lagging)\s+(?:on|with|in)\s+(?:anything|something|stuff)\b|"
            # "how am i doing? weak spots, overdue stuff"
            r"\bweak(?:est)?\s+(?:spots?|areas?|points?)\b|\boverdue\s+(?:stuff|things|tasks|items)\b",
            re.I,
        ),
        "get_insights",
    ),
    (  # the day's plan asked as where to start or what to do right now
        re.compile(
            r"\b(?:where|what)\s+(?:do|should|shall)\s+i\s+(?:start|begin)\b|"
            r"\bwhat\s+(?:should|shall)\s+i\s+be\s+(?:doing|studying|working\s+on)\b|"
            r"\bwhat\s+(?:should|shall)\s+i\s+(?:do|study|work\s+on)\s+(?:now|rn|right\s+now|first)\b|"
            r"^(?=.*\b(?:now|rn|right\s+now|today)\b).*\bwhat\s+i\s+should\s+(?:do|study|work\s+on)\b|"
            r"\bwhat\s+(?:do|should)\s+i\s+(?:need\s+to|have\s+to|gotta)\s+(?:get\s+)?(?:do|done|finish|study)\b"
            r"(?=.*\btoday\b)",  # "what do i need to get done today before my shift"
            re.I,
        ),
        "get_today",
    ),
    (  # "an overview of my study activity this month": a summary of what was done
        re.compile(
            r"\b(?:overview|summary|rundown|breakdown|report)\s+of\s+(?:my|all\s+my)\s+(?:study(?:ing)?\s+)?"
            r"(?:activity|sessions|studying|study\s+time|progress\s+(?:this|last)\s+(?:week|month))\b|"
            # "a summary of this week", "a recap of my month": how a period went
            r"\b(?:overview|summary|rundown|breakdown)\s+of\s+(?:(?:this|last|the\s+past|my)\s+(?:week|month|day)|today)\b"
            r"(?!'?s?\s+(?:schedule|plan|calendar|agenda|blocks?)\b)",
            re.I,
        ),
        "summarize_activity",
    ),
    (  # "can you tell me everything i did last week", "what i got done this month"
        re.compile(
            r"\b(?:everything|all|what)\s+(?:that\s+)?i\s+(?:did|studied|got\s+done|worked\s+on|accomplished|covered)\s+"
            r"(?:last|this|over\s+the\s+(?:last|past))\s+(?:week|month|\d+\s+days)\b",
            re.I,
        ),
        "summarize_activity",
    ),
    (  # how a period went: "how did this week go", "how was my month", "how'd i do today", "recap my week"
        re.compile(
            r"\bhow\s+(?:did|was|has|have)\s+(?:my\s+|this\s+|last\s+|the\s+)(?:week|month|day)\b|"
            r"\bhow\s+(?:did|was)\s+today\b|"
            r"\bhow(?:'?d|\s+did)\s+i\s+do\s+(?:(?:over)?all\s+)?(?:today|(?:this|last)\s+(?:week|month)|so\s+far)\b|"
            r"\b(?:summari[sz]e|recap|sum\s+up)\s+(?:my|this|last|the\s+past)\s+(?:day|week|month)\b"
            r"(?!'|\s+\d|\s+(?:notes?|lectures?|readings?|chapters?|vocab)\b)",
            re.I,
        ),
        "summarize_activity",
    ),
    (  # a fact to keep: "keep in mind (that) X"
        re.compile(r"^\W*(?:(?:pls|please|also|and)\s+)?(?:keep|bear)\s+in\s+mind\b", re.I),
        "remember_fact",
    ),
    (
        re.compile(
            r"\b(?:(?:did|have)\s+i\s+(?:\w+\s+)?(?:write|written|jot|jotted|note|noted|save|saved|put|keep|kept|leave|left|store|stored)|"
            r"i\s+(?:\w+\s+)?(?:wrote|jotted|noted|saved|stored))\b.*\b(?:about|on|re)\b|"
            r"\bwhat\s+(?:(?:do|does|did)\s+)?(?:my|the)\s+notes?\s+(?:say|said|have|tell\s+me|mention)\s+(?:about|on|abt|re)\b|"
            r"\bwhat(?:'s|s|\s+is)\s+in\s+my\s+notes?\s+(?:about|on|abt|re|for)\b",
            re.I,
        ),
        "search_notes",
    ),
    (  # "how am i doing on my goals": the goals, not the courses; "what goals am i working on": which they are
        re.compile(
            r"\bhow\s+(?:am\s+i|i'?m|im|i\s+am)\s+doin(?:g\b|'|\b)\s*(?:on|with)\s+(?:my|the)\s+goals\b|"
            r"^\W*(?:what|which)\s+goals\s+(?:am\s+i|do\s+i|have\s+i|i'?m|are)\b(?!.*\b(?:finish|complete|done|achieve|"
            r"reach|hit|abandon|drop|gave\s+up|give\s+up)\w*)",
            re.I,
        ),
        "list_goals",
    ),
    (re.compile(r"\bhow\s+(?:am\s+i|i'?m|im|i\s+am)\s+doin(?:g\b|'|\b)", re.I), "get_progress"),
    (
        re.compile(
            r"^(?!.*\b(?:today|tonight|tomorrow|now|rn|atm|free|spare|mins?|minutes|hours?|hrs?)\b)"
            r".*(?:\bwhat\s+(?:should|shall)\s+i\s+|\bwhat\s+i\s+should\s+)"
            r"(?:study|do|work\s+on|focus\s+on|learn|review|brush\s+up|practi[cs]e|revise|improve)\b|"
            r"\bwhat\s+do\s+i\s+(?:still\s+)?need\s+to\s+(?:work\s+on|brush\s+up|practi[cs]e|revise|improve|focus\s+on)\b",
            re.I,
        ),
        "get_insights",
    ),
    (
        re.compile(
            r"\b(?:saved|stored|know|remember(?:ed)?|kept|have)\s+(?:\w+\s+)?(?:about|on)\s+me\b|\bmy\s+(?:saved\s+)?facts\b",
            re.I,
        ),
        "list_facts",
    ),
    (
        re.compile(
            r"\b(?:what|how\s+much|how\s+long)\s+(?:did\s+i|(?:have\s+i|i'?ve|i\s+have)\s+(?:(?:actually|really|already)\s+)?"
            r"(?:done|studied|(?:got|gotten)\s+done|accomplished|achieved|covered|worked\s+on)|i\s+(?:did|studied))\b|"
            # "what did i even do today", "how's my study time this month", "how's my week been?"
            r"\bwhat\s+did\s+i\s+(?:(?:even|actually|really)\s+)?(?:do|study|get\s+done)\s+(?:today|this\s+week|last\s+week|"
            r"this\s+month)\b|^(?!.*\b(?:add|schedule|put|block|book|plan|set\s+aside|need|want|every|more)\b)"
            r".*\bstudy(?:ing)?\s+time\b(?!\s+(?:for|on|block|slot))(?=.*\b(?:today|week|month|looking|been|so\s+far|"
            r"wise)\b)|\bhow(?:'s|s|\s+(?:is|was|has))\s+(?:my|this|the)\s+(?:week|month|day)\s+been\b|"
            r"\bwhat'?ve\s+i\s+(?:done|studied|(?:got|gotten)\s+done|accomplished|achieved|covered)\b|"
            # "did i do anything today", "have i studied at all this week": not "did i do anything wrong"
            r"\b(?:did|have)\s+i\s+(?:(?:even|actually|really)\s+)?(?:do|done|study|studied|get|got|gotten)\s+"
            r"(?:anything|much|at\s+all|something)(?:\s+done)?\b(?=.*\b(?:today|yesterday|this\s+(?:week|month)|"
            r"last\s+(?:week|month)|so\s+far)\b)|"
            r"\bwhat\s+i\s+(?:(?:actually|really|already)\s+)?(?:(?:got|gotten)\s+done|accomplished|achieved|covered)\b|"
            r"\bhow\s+(?:many\s+(?:hours|hrs|minutes|mins)|much\s+time)\s+(?:(?:did|have|has)\s+i|i(?:\s+have|'?ve)?)\s+(?!to\b)(?:\w+\s+)?"
            r"(?:study|studied|spend|spent|put\s+in|log|logged|do|done|work|worked)\b|"
            r"^\W*(?:(?:ok(?:ay)?|so|and|also)\W+)*how\s+(?:many\s+hours|much)\s+(?:today|this\s+week|this\s+month|last\s+week)\W*$",
            re.I,
        ),
        "summarize_activity",
    ),
    (
        re.compile(
            r"\b(?:recommend|suggest)\w*\b.*\b(?:resources?|materials?|books?|videos?|readings?|links?|websites?|textbooks?|"
            r"articles?|podcasts?)\b|\b(?:resources?|materials?)\s+(?:for|on|about|to\s+learn)\b|"
            r"\b(?:resources?|materials?|books?|readings?|videos?)\s+(?:recommendations?|suggestions?|recs?)\b|"
            r"\b(?:recommendations?|suggestions?|recs)\s+(?:for|on|about)\s+(?!(?:how|what|when|where|why)\b)|"
            r"\b(?:good|useful|decent|best)\s+(?:stuff|things|books?|videos?|resources?|materials?|reads?|podcasts?)\s+"
            r"(?:to\s+(?:read|watch|listen\s+to|check\s+out)\s+)?(?:on|about|for)\b|"
            r"\b(?:recommend|suggest)\w*\s+(?:me\s+)?(?:some\s+|any\s+)?(?:(?:good|useful|decent|great|solid|nice)\s+)?"
            r"(?:stuff|things|something|anything)\s+(?:(?:good|useful|decent|great|solid|nice)\s+)?"
            r"(?:to\s+(?:study|read|learn|watch|use|practi[cs]e)\b|(?:on|about|for)\b)",
            re.I,
        ),
        "recommend_resources",
    ),
    (
        re.compile(r"^(?:pls\s+|plz\s+|please\s+)?remember(?:\s+(?:that\s+)?(?:i|i'm|im|my|me)\b|\s*:)", re.I),
        "remember_fact",
    ),  # "remember that i ...", "please remember: X"
    (re.compile(r"\breview\s+(?:(?:my|the)\s+)?(?:\w+\s+){0,4}(?:flash\s*)?(?:cards|decks?)\b", re.I), "start_review"),
    (  # which cards wait: "what cards do I need to review", "which flashcards must I do now"
        re.compile(r"\b(?:what|which|how\s+many)\s+(?:flash\s*)?cards\b.*\b(?:review|study|do|go\s+through)\b", re.I),
        "list_due_cards",
    ),
    (  # "start reviewing my stats cards", "review time, orgo only": going through the cards one has
        re.compile(
            r"\b(?:start|begin|let'?s|time\s+to|go)\s+(?:reviewing|review|going\s+through|drilling)\s+(?:(?:my|the|our)\s+)?"
            r"(?:[\w-]+\s+){0,3}(?:flash\s*)?(?:cards|decks?)\b|^\W*(?:(?:ok|so|now|alright)\W+)?"
            rf"(?:review|revision|flash\s*cards?|cards?)\s+time\b{TERSE_END}",
            re.I,
        ),
        "start_review",
    ),
    (  # "start my review, just orgo cards", "begin a review session for everything due": the cards' review
        re.compile(
            r"^\W*(?:(?:ok|so|now|pls|please|let'?s|can\s+(?:you|u|we))\s+)*(?:start|begin|run|open|do)\s+"
            r"(?:my|a|the|today'?s)\s+(?:(?:daily|card|flash\s*card)\s+)?review(?:\s+session)?\b"
            r"(?!\s+(?:block|slot|of\s+(?:the|my)\s+(?:notes?|week|day)))",
            re.I,
        ),
        "start_review",
    ),
    (  # going through the cards one has: "run my stats cards", "start my cards for the spanish course"
        re.compile(
            r"^\W*(?:(?:ok|so|now|pls|please|let'?s)\s+)?(?:run|start|do|begin|open)\s+(?:my|the)\s+(?:[\w-]+\s+){0,3}"
            r"(?:flash\s*)?cards\b(?!\s+(?:from|on|about|out\s+of|based))",
            re.I,
        ),
        "start_review",
    ),
    (
        re.compile(
            r"^\W*(?:my\s+)?progress\b|"
            r"\b(?:what(?:'s|\s+is)|whats|show(?:\s+me)?|see|check|how(?:'s|\s+is))\s+(?:my|overall)\s+progress\b|"
            r"\bhow\s+(?:much|far)\b.*\b(?:done|complete[d]?|finished|progress(?:ed)?)\b",
            re.I,
        ),
        "get_progress",
    ),
)


# Phrases that name one intent, read on the masked clause (an item's title never triggers them).
MASKED_CUES = (
    (  # "the X task needs to be done in 2 weeks, put a due date": a date for the task, not its completion
        re.compile(
            r"\bthe\s+task\b.*(?:\b(?:put|set|give|add)\s+(?:it\s+)?(?:a|the)\s+(?:due\s+date|deadline)\b|"
            r"\b(?:needs|has|must|should)\s+(?:to\s+)?be\s+(?:done|finished|completed)\s+(?:in|by|before|within)\s)",
            re.I,
        ),
        "date_goal_task",
    ),
    (re.compile(r"\b(?:make|create|generate|turn|build)\b.*\b(?:(?:flash\s*)?cards?|deck)\b", re.I), "make_flashcards"),
    (re.compile(r"\b\d+\s+(?:flash\s*)?cards\s+(?:from|out\s+of|off|based\s+on)\b", re.I), "make_flashcards"),
    (  # "cards for the X course, 40 max": a most to make is a deck to make
        re.compile(
            r"\b(?:flash\s*)?cards?\b.*\b(?:\d+\s+(?:max|tops|at\s+most)|max(?:imum)?\s+(?:of\s+)?\d+|"
            r"(?:up\s+to|no\s+more\s+than|at\s+most)\s+\d+)\b",
            re.I,
        ),
        "make_flashcards",
    ),
    (
        re.compile(r"\b(?:show|list|see|what|which|how\s+many)\b.*\b(?:next\s+)?(?:\d+\s+)?(?:flash\s*)?cards\b", re.I),
        "list_due_cards",
    ),
    (  # "cards due", "what's due for review": the cards waiting
        re.compile(
            r"\b(?:flash\s*)?cards?\b.*\bdue\b|\bdue\b.*\b(?:flash\s*)?cards\b|"
            r"\bdue\s+(?:for\s+)?(?:a\s+)?(?:review|revision)\b",
            re.I,
        ),
        "list_due_cards",
    ),
    (
        re.compile(
            r"\b(?:review|go\s+(?:through|over)|run\s+through|drill\s+me\s+on)\b.*\b(?:flash\s*)?(?:cards|decks?)\b",
            re.I,
        ),
        "start_review",
    ),
    (
        re.compile(
            r"\b(?:quiz|test)\s+me\b|\bgive\s+me\s+a\s+quiz\b|"  # "throw some questions at me", "hit me with a few qs"
            r"\b(?:throw|fire)\s+(?:some|a\s+few|a\s+couple(?:\s+of)?|\d+)?\s*(?:[\w'-]+\s+){0,3}?(?:practice\s+)?"
            r"(?:questions|qs)\s+at\s+me\b|"  # "throw some cold war questions at me"
            r"\b(?:hit|test)\s+me\s+with\s+(?:some|a\s+few|a\s+couple(?:\s+of)?|\d+)?\s*(?:[\w'-]+\s+){0,3}?"
            r"(?:practice\s+)?(?:questions|qs)\b",
            re.I,
        ),
        "quiz_me",
    ),
    (
        re.compile(
            r"\b(?:tl;?dr|summari[sz]e|summary|sum\s+up|condense|boil\s+down)\b.*\bthe\s+note\b|"
            r"\bthe\s+note\b.*\b(?:tl;?dr|summari[sz]e|summary|sum\s+up|condense|boil\s+down)\b|"
            r"\b(?:boil|sum)\s+the\s+note\s+(?:down|up)\b",  # "boil <the note> down"
            re.I,
        ),
        "summarize_note",
    ),
    (  # "put <the course> away for now", "set <the course> aside": kept, out of sight
        re.compile(r"\b(?:put|set|pack|tuck)\s+the\s+course\s+(?:class\s+|course\s+)?(?:away|aside)\b", re.I),
        "archive_course",
    ),
    (re.compile(r"\bstreak\b", re.I), "get_streak"),
    (re.compile(r"\b(?:study|my|shared)\s+spaces\b|\bshared\s+(?:with\s+me|courses?)\b", re.I), "list_shared_courses"),
    (
        re.compile(
            r"\b(?:to\s+)?do\s+today\b|\btoday'?s\s+(?:plan|agenda|list)\b|\bagenda\b|"
            r"\bwhat(?:'s|s|\s+is)\s+the\s+plan(?:\s+(?:for\s+)?(?:today|now))?\s*\W*$",  # "morning! whats the plan"
            re.I,
        ),
        "get_today",
    ),
    (  # "where do i even start", "what's first?": the day's plan, in order
        re.compile(
            r"\bwhere\s+(?:do|should|shall|can|would)\s+i\s+(?:even\s+)?(?:start|begin)\b|"
            r"\bwhat(?:'s|s|\s+is|\s+comes|\s+do\s+i\s+do|\s+should\s+i\s+do)\s+first\b",
            re.I,
        ),
        "get_today",
    ),
    (  # "i have an hour free rn, what should i work on": what to do with the time at hand is the day's plan
        re.compile(
            r"\bwhat\s+(?:should|shall|can|could|do)\s+i\s+(?:do|work\s+on|study|focus\s+on|tackle|get\s+(?:done|to))\b"
            r"(?=.*\b(?:now|rn|right\s+now|atm|tonight|free|spare|break|minutes?|mins?|hours?|hrs?)\b)|"
            r"\b(?:now|rn|right\s+now|free|spare|hours?|hrs?|minutes?|mins?)\b.*\bwhat\s+(?:should|shall|can|could|do)\s+i\s+(?:do|work\s+on|study|"
            r"focus\s+on|tackle)\b",
            re.I,
        ),
        "get_today",
    ),
    (  # "ok what now", "whats next for today", "what now, i have 2 hours free": ready to work, the day's next item
        re.compile(
            r"^\W*(?:ok(?:ay)?|so|alright|right|k|done|cool)\W+what(?:'s|s|\s+is)?\s+(?:now|next)\b(?!\s+(?:week|month))|"
            r"\bwhat(?:'s|s|\s+is|\s+comes)?\s+(?:now|next)\W+(?:(?:up\s+)?for\s+)?(?:today|this\s+(?:morning|afternoon|evening))\b|"
            r"\bwhat(?:'s|s|\s+is)?\s+(?:now|next)\b(?=.*\b(?:free|spare|rn|right\s+now)\b)",
            re.I,
        ),
        "get_today",
    ),
)


SESSION_VERBS = {
    "start_study_session": SESSION_STARTED,
    "stop_study_session": re.compile(
        r"\b(?:stop|stopping|end|ending|pause|finish|finished|done)\b|\b(?:turn|switch)\s+(?:\w+\s+)?off\b|\b(?:timer|clock)\s+off\b",
        re.I,
    ),
}


COMPLETION = re.compile(
    r"\b(?:tick|cross|check)(?:ed)?\b.*\boff\b|\bmark(?:ed)?\s+(?:[\w'-]+\s+){0,6}?off\b|"  # "mark dune off"
    r"\b(?:done|finished|completed|wrapped\s+up|nailed)\b|[\u2705\u2714\u2611]|"
    r"\btick\s+(?:it|that|this|them|both|those|these|em|the\s+(?:topic|task))\b",
    re.I,
)


_MOVE = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:we|you|u)\s+|please\s+)?(?:move|shift|push|bump|reschedule)\b"
    r".*(?:\bto\s+\w|\b(?:next|this|tomorrow|tmrw|tonight|today|later|earlier|back)\b)",  # "move X next week?"
    re.I,
)

# A block put in as one more of its kind, an article and perhaps a length before its name: "put a 30 minutes the
# block on sundays", "add another the block friday" (masked).
_ONE_MORE_OF_BLOCK = re.compile(
    r"\b(?:put|add|schedule|book|plan|pencil|slot|do|set\s+up)\s+(?:in\s+)?(?:an?|another|one\s+more|an?\s+new)\s+"
    r"(?:(?:\d+(?:\.\d+)?|an?|half\s+an?)\s*-?\s*(?:minutes?|mins?|hours?|hrs?|h)\s+)?the\s+block\b",
    re.I,
)


_CANCEL = re.compile(
    r"^\W*(?:(?:ok|okay|k|so|yeah|alright|then|just|and|actually|hmm+|ugh)\W+)*"
    r"(?:(?:can|could)\s+(?:we|you|u)\s+|please\s+|pls\s+)?(?:just\s+)?(?:cancel|call\s+off|skip)\b",
    re.I,
)

# Missing a block to come, said of the learner: "i'll miss spanish on monday", "gonna have to miss orgo". A miss
# that is past ("i missed ...") or wished ("i miss ...") is not.
_WILL_MISS = re.compile(
    r"\b(?:i'?ll|ill|i\s+will|i'?m\s+(?:gonna|going\s+to)|gonna|going\s+to|gotta|have\s+to|might|may|will)\s+"
    r"(?:(?:have|need)\s+to\s+|prob(?:ably|s)?\s+|def(?:initely)?\s+)*miss\b",
    re.I,
)
# Skipping a block on a day to come, told by the learner: "i'm skipping X today", "skipping X tonight, at the beach",
# "i'll skip X tomorrow" (not "thinking of skipping X", "should i skip X", "i skipped X").
_WILL_SKIP = re.compile(
    r"(?:^\W*(?:(?:so|ok(?:ay)?|yeah|well|ugh|just)\W+)*(?:(?:i'?m|im|i\s+am)\s+)?(?:just\s+)?skipping|"
    r"\b(?:i'?ll|ill|i\s+will|i'?m\s+(?:gonna|going\s+to)|im\s+(?:gonna|going\s+to)|gonna)\s+(?:just\s+)?skip)\b"
    rf"[^,.;!?]*\b(?:today|tonight|tomorrow|tmrw|this\s+(?:morning|afternoon|evening)|{WD})",
    re.I,
)


# A deadline moved: a move verb or the word deadline, then "to <a date>".
_REDATED = re.compile(
    rf"\b(?:move|moved|push|pushed|shift|bump|postpone|extend|delay|change|set|deadline|due\s+date|target\s+date)\b.*?"
    rf"\b(?:to|until|till)\s+(?:the\s+)?(?:{DATE_PHRASE}|\d{{1,2}}(?:st|nd|rd|th)\b|end\s+of|next\s+(?:month|year)|{WD}|\d{{4}}-\d\d)",
    re.I,
)


# A day put off: "move", "push back", "postpone".
_PUT_OFF = re.compile(r"\b(?:move|shift|push|bump|reschedule|postpone|delay|defer)\b", re.I)
# The call that gives an item a new date, per kind.
_REDATES = {"goal": "update_goal", "course": "update_course", "task": "date_goal_task"}
_DUE = re.compile(r"\b(?:needs?\s+to|should|has\s+to|have\s+to|must|by|due|deadline)\b", re.I)


# A clause led by a verb that acts on something that exists never names a new block by "subject + time".
ACTS_ON_EXISTING = re.compile(
    r"^\W*(?:(?:can|could)\s+(?:we|you|u)\s+|please\s+|pls\s+)?"
    r"(?:cancel|call\s+off|move|shift|push|bump|reschedule|postpone|skip|delete|remove|drop|clear|rename|"
    r"change|edit|update|mark|archive|undo|stop|end)\b",
    re.I,
)


_PLANNING = re.compile(r"\b(?:schedule|plan|book|set\s+up|pencil\s+in)\b", re.I)


# What a clause led by one of these verbs does to a block the word vectors took for a new one.
BLOCK_VERBS = {
    "cancel_schedule_block": re.compile(r"\b(?:cancel|call\s+off|skip)\b", re.I),
    "move_schedule_block": re.compile(r"\b(?:move|shift|push|bump|reschedule|postpone)\b", re.I),
}


NEGATION = re.compile(r"\b(?:not|isn't|didn't|haven't|wasn't|never|un(?:done|finished|completed?))\b", re.I)
# Still at it or struggling with it, the opposite of done: "still on eigenvectors", "stuck on bayes", "can't get X".
STILL_AT = re.compile(  # now, not once: "i was lost on it", "still on track", "don't get why" say nothing undone
    r"(?<!no\slonger\s)(?<!not\s)(?<!was\s)(?<!were\s)(?<!been\s)\b(?:stuck|struggling|confused|lost|drowning)\s+"
    r"(?:on|with|by|in|at)\b|"
    r"\bstill\s+(?:on|at|doing|working\s+on)\b(?!\s+(?:track|a\s+roll|top|schedule|it\b|that\b))|"
    r"\b(?:still\s+)?(?:can'?t|cannot|don'?t)\s+(?:get|understand|figure\s+out|wrap\s+my\s+head\s+around)\b"
    r"(?!\s+(?:why|how|what|when|me|it\s+wrong))",
    re.I,
)


# "change the due date for the mcat task": a task's date, even when the words before "task" name its goal.
_TASK_DATE_SAID = re.compile(
    r"\b(?:due\s+date|deadline|date)\s+(?:of|for|on)\s+(?:the\s+|my\s+)?(?:[\w+&'-]+\s+){0,3}?task\b|"
    r"\btask'?s\s+(?:due\s+date|deadline|date)\b",
    re.I,
)
_ADDITION = re.compile(r"\b(?:add|new|another|create|put)\b", re.I)


def _negated_completion(clause: str) -> bool:
    """Whether a negation stands in the sentence that says something is done ("X is DONE. not great not terrible":
    the remark after it denies nothing)."""
    sentences = re.split(r"(?<=[.!?])\s+", clause)
    said_done = [s for s in sentences if COMPLETION.search(s)] or sentences
    return any(NEGATION.search(s) for s in said_done)


REMOVE_KIND = {
    "module": "remove_module",
    "topic": "remove_topic",
    "course": "delete_course",
    "block": "cancel_schedule_block",
    "note": "delete_note",
}


ADD_KIND = {"module": "add_module", "topic": "add_topic", "task": "add_goal_task"}


_SPAN_DAY = rf"(?:{DATE_PHRASE}|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)\b|(?:next\s+|this\s+)?{WD}|today|tomorrow|now)"


# A listing asked over a span of days: "show me everything from the 3rd to the 9th", "what's on between mon and thu",
# "what's coming up june 2 through june 8".
_LISTED_SPAN = re.compile(
    r"^\W*(?:(?:ok|so|hey|and)\W+)*(?:(?:can|could)\s+(?:you|u)\s+|pls\s+|please\s+)?(?:list|show|tell|give|what|whats|"
    rf"what's|anything|everything)\b.*\b(?:between\s+{_SPAN_DAY}.*?\s+and|from\s+{_SPAN_DAY}.*?\s+(?:to|until|till|through)|"
    rf"{DATE_PHRASE}\s+(?:to|until|till|through))\s+{_SPAN_DAY}",
    re.I,
)


# A change asked first, the clash its reason: "move X to saturday, sunday is double booked".
_CHANGE_FIRST = re.compile(
    r"^\W*(?:(?:pls|please|can\s+(?:you|u)|could\s+(?:you|u))\s+)*(?:move|push|shift|reschedule|cancel|skip|drop|"
    r"delete|remove|put|add|make|change|swap)\b",
    re.I,
)


def family(clause: str, masked: str, guess: classifier.Intent, known: Known | None = None) -> classifier.Intent:
    """Settle the intent by key words: a cue word, or a removal/addition verb and the kind of item it acts on; an
    activity done now, set at a later clock time ("review my cards tomorrow at 8", "quiz me every friday at 5"), is
    time booked for it."""
    settled = _settled(clause, masked, guess, known)
    if settled.name in FOR_LATER and later_clock(clause):
        return classifier.Intent("create_schedule_block", settled.share, settled.similarity, settled.chat)
    return settled


def _settled(clause: str, masked: str, guess: classifier.Intent, known: Known | None) -> classifier.Intent:
    for pattern, intent in PHRASE_CUES:
        if pattern.search(clause):
            return classifier.Intent(intent, 1.0, 1.0)
    for pattern, intent in MASKED_CUES:
        if pattern.search(masked):
            return classifier.Intent(intent, 1.0, 1.0)
    if known is not None and (into := _added_into(clause, known)):
        return classifier.Intent(into, 1.0, 1.0)
    if CLASHING.search(masked) and not _CHANGE_FIRST.match(masked):  # "anything clashing between the 3rd and 9th"
        return classifier.Intent("find_schedule_conflicts", 1.0, 1.0)
    if _LISTED_SPAN.search(clause) and not re.search(r"\bthe\s+(?:topic|task|goal|note|module)\b", masked):
        return classifier.Intent("list_schedule", 1.0, 1.0)  # "list everything between the 1st and the 10th"
    words = re.findall(r"[a-z]+", masked.lower())  # an item's name cues nothing ("the Kinematics recap note")
    for word in words:
        cue = (
            CUES.get(word) or CUES.get(word.removesuffix("s")) or CUES.get(classifier.correct_word(word))
            if len(word) >= 3
            else None
        )
        if cue:
            return classifier.Intent(cue, 1.0, 1.0)
    if re.search(  # "move gradient descent into it", "put X under <the module> instead"
        r"\b(?:move|put|shift|place|file|stick|transfer)\s+the\s+topic\s+(?:(?:into|to|in)\s+(?:the\s+module|it|there)\b|under\s+\w)",
        masked,
        re.I,
    ):
        return classifier.Intent("move_topic", 1.0, 1.0)
    renamed = re.search(  # "change <the module> to X", "<the topic> should be called X"
        r"\b(?:change|switch)\s+(?:the\s+name\s+of\s+)?the\s+(module|topic)\s+(?:name\s+)?(?:to|into)\s+\S|"
        r"\bthe\s+(module|topic)\s+(?:should|must|will|can)\s+(?:now\s+)?be\s+(?:called|named|renamed)\b",
        masked,
        re.I,
    )
    if renamed:
        return classifier.Intent(f"rename_{(renamed.group(1) or renamed.group(2)).lower()}", 1.0, 1.0)
    if re.search(r"\b(?:rename|re-name)\b|\bcall\b.*\binstead\b", clause, re.I):
        said = re.search(r"\b(module|topic)\b", clause, re.I) or re.search(r"\bthe\s+(module|topic)\b", masked, re.I)
        if said:
            return classifier.Intent(f"rename_{said.group(1).lower()}", 1.0, 1.0)
    if COMPLETION.search(masked) and not _negated_completion(clause) and not _DUE.search(clause):
        done = re.search(r"\bthe\s+(topic|task)\b", masked)
        if done and not re.search(r"\bthe\s+(?:course|goal)\b", masked):
            return classifier.Intent(f"complete_{'topic' if done.group(1) == 'topic' else 'goal_task'}", 1.0, 1.0)
    if re.search(
        r"\bthe\s+goal\b.*\b(?:as|to|is)\s+(?:now\s+)?(?:in\s+progress|active|started|abandoned)\b", masked, re.I
    ):
        return classifier.Intent("update_goal", 1.0, 1.0)  # "put the B+ goal as in progress": its status
    if (
        PRIORITY.search(clause)
        and re.search(r"\bthe\s+goal\b", masked)
        and not _ADDITION.search(clause)
        and not (_WISHED_GOAL.match(clause) and not re.search(r"\bgoal\b", clause, re.I))  # a wish: a new goal
    ):
        return classifier.Intent("update_goal", 1.0, 1.0)  # "the reading goal is top priority now"
    level = (  # "the difficulty to advanced", "bump it to intermediate"
        re.search(
            r"\b(?:difficulty|level)\b|\b(?:to|as)\s+(?:an?\s+)?(?:beginners?|intermediate|advanced)\b", clause, re.I
        )
        and difficulty_of(clause)
        and not re.search(
            r"\b(?:finished|completed|passed|done\s+with|through)\s+(?:the\s+|my\s+)?\w+\s+level\b", clause, re.I
        )
    )  # "i finished the beginner level": a level left behind, not set
    if level and re.search(r"\bthe\s+(?:course|block)\b", masked):
        return classifier.Intent("update_course", 1.0, 1.0)
    if _TASK_DATE_SAID.search(clause) and not _ADDITION.search(masked):
        return classifier.Intent("date_goal_task", 1.0, 1.0)  # "the due date for the mcat task": not the goal's
    if known is not None and BE_CHANGED.search(clause) and whole_block(clause, known):
        return classifier.Intent("move_schedule_block", 1.0, 1.0)  # "the ML reading should only be 30 min"
    if (
        known is not None
        and has_clock(clause)
        and whole_block(clause, known)
        and not re.search(r"[\"\u201c'][^\"\u201d']{3,}[\"\u201d']", clause)  # "'orgo II lecture review' mon 11am": new
        and not _UNWANTED.search(clause)
        and not _PAST_SAID.search(clause)
        and not _SAID_OF_IT.search(clause)  # "X mon n wed at 7 is the only thing keeping me sane": a remark
        and (FROM_NOW_ON.search(clause) or not _MADE_NEW.search(_outside_block_title(clause, known)))
    ):
        return classifier.Intent("move_schedule_block", 1.0, 1.0)  # "ML reading at 7am (from now on)": the same block
    if (
        known is not None
        and _NEW_TIME_INSTEAD.search(clause)
        and has_clock(clause)
        and "the block" in masked
        and not _UNWANTED.search(clause)  # "cancel X and do a Y session at 10 instead": X replaced, not moved
        and not _ONE_NEW.search(clause)  # "do a 2 hour orgo session at 10 instead": a new one
        and not _MADE_NEW.search(_outside_block_title(clause, known))
    ):  # "tmrw's lin alg session, can we do 2pm instead"
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    if guess.name == "cancel_schedule_block" and _WANTS_ONE.search(clause) and not _UNWANTED.search(clause):
        return classifier.Intent("create_schedule_block", guess.share, guess.similarity, guess.chat)  # one more
    if (
        guess.name == "update_goal"
        and _WISHED_GOAL.match(clause)
        and not re.search(r"\bgoal\b", clause, re.I)
        and not _GIVING_UP.search(clause)  # "i wanna give up on the 12 books thing": a goal let go, no new one
    ):
        return classifier.Intent(guess.name, 0.0, 0.0, guess.chat)  # "i want to get an A in X, high priority": unsure
    if guess.name == "complete_goal_task" and _PUT_OFF.search(clause) and not COMPLETION.search(clause):
        return classifier.Intent("date_goal_task", 1.0, 1.0)  # "postpone the pset 3 task": its day, never done
    if guess.name in ("complete_goal_task", "complete_topic") and _GIVING_UP.search(clause):
        return classifier.Intent("chat", guess.share, guess.similarity, guess.chat)  # "i gave up on X": not done
    if guess.name == "remember_fact" and not _ABOUT_THE_LEARNER.search(clause):
        return classifier.Intent(guess.name, 0.0, 0.0, guess.chat)  # "stats review thursday mornings at 7am": no fact
    if guess.name == "stop_study_session" and not _STOPS.search(clause):
        if SESSION_VERBS["start_study_session"].search(clause):
            return classifier.Intent("start_study_session", guess.share, guess.similarity, guess.chat)  # "timer on"
        return classifier.Intent(guess.name, 0.0, 0.0, guess.chat)  # "so burnt out since 6am": unsure, rules decide
    if guess.name == "cancel_schedule_block" and not _CALLED_OFF.search(clause):
        return classifier.Intent("chat", guess.share, guess.similarity, guess.chat)  # nothing called off: rules decide
    if (
        _COURSE_ATTRIBUTE.search(clause)
        and known is not None
        and mentions("course", clause, known)
        and not re.search(r"\bthe\s+(?:goal|task)\b|\b(?:new|create|make|build)\b", masked, re.I)
    ):
        return classifier.Intent("update_course", 1.0, 1.0)  # "the orgo target date": a block has none
    names_block = re.search(r"\bthe\s+block\b", masked) or (known is not None and mentions("block", clause, known))
    if (
        _REDATED.search(clause)
        and (owner := re.search(r"\bthe\s+(goal|course|task)\b", masked))
        and "the block" not in masked
    ):  # "push the MCAT goal back to september 15", "move the dune task to the 15th" (a task has a day, no hour)
        return classifier.Intent(_REDATES[owner.group(1)], 1.0, 1.0)
    if _BOOKING.search(clause) and parse_time(clause) and not (known is not None and whole_block(clause, known)):
        return classifier.Intent("create_schedule_block", 1.0, 1.0)  # "block tues + thurs 7 to 8:30am for stats"
    if known is not None and (starting := _STARTING_NOW.match(clause)) and mentions("course", starting["what"], known):
        return classifier.Intent("start_study_session", 1.0, 1.0)  # "starting orgo now, log it": the timer
    if _NEW_BLOCK.match(clause):
        return classifier.Intent("create_schedule_block", 1.0, 1.0)  # "schedule a study block for tomorrow"
    if guess.name in ("move_schedule_block", "create_schedule_block") and _ONE_MORE_OF_BLOCK.search(masked):
        return classifier.Intent("create_schedule_block", 1.0, 1.0)  # "put a 30 min <the block> on sundays": a new one
    if known is not None and NO_OCCURRENCE.search(clause) and whole_block(clause, known):
        return classifier.Intent("cancel_schedule_block", 1.0, 1.0)
    if _MOVE.search(clause) and names_block:
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    named_course = known is not None and any(value >= STRONG for value, _ in mentions("course", clause, known)[:1])
    existing = (
        ACTS_ON_EXISTING.search(clause)
        or REMOVAL.search(clause)
        or re.search(r"\b(?:archive|hide|that|this)\b", clause, re.I)
    )
    new_course = re.search(r"\b(?:new|an?|my)\s+(?:\S+\s+){0,3}course\b|^\W*(?:\S+\s+){1,3}course\b", clause, re.I)
    if guess.name == "update_course" and not named_course and not existing and new_course:
        return classifier.Intent("create_course", guess.share, guess.similarity, guess.chat)  # a course none has
    called_off = _CANCEL.search(clause) or _WILL_MISS.search(clause) or _WILL_SKIP.search(clause)
    if called_off and names_block:  # "skip ML reading on march 12", "i'm skipping X today"
        return classifier.Intent("cancel_schedule_block", 1.0, 1.0)
    if re.search(r"\b(?:make|extend|shorten|lengthen|trim|cut|reduce|change)\b", masked, re.I) and re.search(
        r"\bthe\s+block\b.*\b\d+(?:\.\d+)?\s*(?:hours?|h|minutes?|mins?)\b", masked, re.I
    ):
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    recent_note = known is not None and known.recent is not None and known.recent.kind == "note"
    if re.search(r"\btags?\b", clause, re.I) and (re.search(r"\bnote\b", masked, re.I) or recent_note):
        return classifier.Intent("tag_note", 1.0, 1.0)
    if (verb := REMOVAL.search(masked)) and re.search(r"\bthe\s+goal\b", masked[verb.end() :]):
        # a goal is let go, never deleted: "drop that goal" abandons it, "delete the lin alg goal" is no course's
        return classifier.Intent("update_goal" if _GIVING_UP.search(clause) else "chat", 1.0, 1.0)
    if verb := REMOVAL.search(masked):
        kind = (
            re.search(r"\bthe\s+(module|topic|course|block|note)\b", masked[verb.end() :])
            or _named_before(masked, verb)
            or re.search(r"\b(note)s?\b", masked[verb.end() :], re.I)  # "remove my notes on X": a note, even unknown
        )
        if kind and known is not None:
            return classifier.Intent(REMOVE_KIND[_removed_kind(clause, kind.group(1), known)], 1.0, 1.0)
        if kind:
            return classifier.Intent(REMOVE_KIND[kind.group(1)], 1.0, 1.0)
    wants_new = re.search(
        r"\b(?:needs?|wants?)\s+(?:an?|another)\s+(?:\S+\s+){0,3}(?:module|topic|task)\b", clause, re.I
    )
    if (_ADDITION.search(clause) or wants_new) and (kind := re.search(r"\b(module|topic|task)\b", clause, re.I)):
        return classifier.Intent(ADD_KIND[kind.group(1).lower()], 1.0, 1.0)
    if re.search(
        r"^\W*add\b.*\b(?:to|for|under)\s+(?:the|that|this|my)\s+goal\b|\b(?:under|in|to|for)\s+(?:the|that|this|my)\s+goal\b.*\badd\b",
        masked,
        re.I,
    ) and not _TIME_FOR_GOAL.search(masked):
        if _TIMED_FOR_GOAL.search(_DUE_BY.sub(" ", clause)) and _BOOKED.search(clause):
            return classifier.Intent("create_schedule_block", 1.0, 1.0)  # "add daily 20 min X at 8am, for my Y goal"
        return classifier.Intent("add_goal_task", 1.0, 1.0)  # "add X to that goal": a task, never a new goal
    if re.search(r"\bthe\s+task\b.*\b(?:due|by|deadline)\b", masked, re.I) and not _ADDITION.search(masked):
        return classifier.Intent("date_goal_task", 1.0, 1.0)
    if guess.name == "add_goal_task" and _BLOCK_ADDED.search(clause) and has_clock(clause):
        return classifier.Intent("create_schedule_block", 1.0, 1.0)  # "tmrw 7am add a 30 min block X for the Y goal"
    retimed = known is not None and _RETIMED.search(clause) and whole_block(clause, known)
    if guess.name == "create_schedule_block" and retimed:  # "could <my block> tomorrow start at noon"
        return classifier.Intent("move_schedule_block", 1.0, 1.0)
    if guess.name == "create_schedule_block" and ACTS_ON_EXISTING.search(clause):  # "cancel my block": not new
        verbs_said = [tool for tool, verbs in BLOCK_VERBS.items() if verbs.search(clause)]
        named = verbs_said[0] if len(verbs_said) == 1 else "chat"
        return classifier.Intent(named, guess.share, guess.similarity, guess.chat)
    later = _PLANNING.search(clause) or re.search(rf"\b(?:set\s+aside|block|slot|reserve|{WD})\b", clause, re.I)
    if guess.name in ("complete_topic", "complete_goal_task", "start_study_session") and later:
        act = COMPLETION if guess.name != "start_study_session" else SESSION_VERBS[guess.name]
        if not act.search(clause) and not re.search(
            r"\b(?:mastered|covered|learn[te]d?|studied|mark\w*)\b", clause, re.I
        ):
            return classifier.Intent(
                "create_schedule_block", guess.share, guess.similarity, guess.chat
            )  # time set aside
    if guess.name in SESSION_VERBS:  # word vectors put "start" and "stop" side by side: the verb decides
        verbs_said = [tool for tool, verbs in SESSION_VERBS.items() if verbs.search(clause)]
        if not verbs_said and _PLANNING.search(clause):  # "plan a study session": a block for later, not now
            return classifier.Intent("create_schedule_block", guess.share, guess.similarity, guess.chat)
        if len(verbs_said) == 1 and verbs_said[0] != guess.name:
            return classifier.Intent(verbs_said[0], guess.share, guess.similarity, guess.chat)
    return guess


_KIND_SAID = re.compile(r"\b(module|topic|course|class|block|session|note)(?:e?s)?\b", re.I)


FOR_LATER = frozenset({"start_review", "quiz_me", "start_study_session"})  # done now, unless set at a recurring time


_REMARK_START = re.compile(
    r"[,.;!?]|\s(?:-|\u2013|\u2014)\s|\b(?:before|because|since|but|when|i\s+have|i've|i'm|im)\b", re.I
)
_LATER_DAY = re.compile(
    rf"\b(?:tomorrow|tmrw|tonight|later\s+today|this\s+(?:evening|afternoon)|(?:next\s+|this\s+|on\s+)?{WD}s?)\b", re.I
)


def later_clock(clause: str) -> bool:
    """Whether the clause sets a clock time on a later day or one that recurs ("weekdays 7am flashcards", "tomorrow
    at 8"): an activity for later."""
    own = _REMARK_START.split(clause, maxsplit=1)[0]  # "quiz me on X, my exam is tomorrow at 10": the exam's time
    return has_clock(own) and (bool(_LATER_DAY.search(own)) or parse_recurrence(own, date.today()) is not None)


def _removed_kind(clause: str, masked_kind: str, known: Known) -> str:
    """What a removal acts on (not what it removes "from"): the kind said of it ("the orgo course"), else the kind of
    the item named by the most words ("delete intro to ML" names the course by two, the block "ML reading" by one)."""
    verb = REMOVAL.search(clause)
    head, *tail = re.split(r"\b(?:from|out\s+of|off)\b", clause[verb.end() :] if verb else clause, maxsplit=1)
    listed = re.match(
        r"\s*(?:all\s+)?(?:my|the)\s+(courses|modules|topics|blocks|sessions|classes|calendar|schedule)\b",
        tail[0] if tail else "",
    )
    if listed:  # "remove orgo from my courses": the list it is in says its kind
        return {"classes": "course", "sessions": "block", "calendar": "block", "schedule": "block"}.get(
            listed.group(1).lower(), listed.group(1).lower().rstrip("s")
        )
    if said := _KIND_SAID.search(head):
        return {"class": "course", "session": "block"}.get(said.group(1).lower(), said.group(1).lower())
    scored = [(found[0][0], kind) for kind in REMOVE_KIND if (found := mentions(kind, head, known))]
    best = max(scored, default=(0.0, masked_kind))
    return best[1] if best[0] >= NAMED_CLEARLY else masked_kind


_NOT_OUTLINE = re.compile(
    r"\b(?:notes?|block|calendar|schedule|planner|agenda|deck|cards?|flashcards?|tags?|session|memory|list|reminders?)\b",
    re.I,
)


# "add X fri at 1pm for 30 min, its for my B+ goal": a day and a clock, then what the time serves (a block).
_TIME_FOR_GOAL = re.compile(
    rf"\b(?:{WD}|today|tomorrow|tonight)\b[^,;.]*?\b(?:at\s+)?\d{{1,2}}(?::\d\d)?\s*(?:am|pm)\b.*\bfor\s+the\s+goal\b|"
    r"\b(?:block|session|slot)\b[^.;:]*\bfor\s+the\s+goal(?:\s+goal)?\s*:",  # "add a study block for my X goal: ..."
    re.I,
)


INTO_KIND = {"goal": "add_goal_task", "module": "add_topic", "course": "add_topic"}
# Time booked, not a moment: a recurrence, a length or a range ("every saturday", "4 hrs", "from 6 to 8pm").
_BOOKED = re.compile(
    r"\b(?:every|each|daily|weekdays?)\b|\b\d+(?:\.\d+)?\s*(?:h|hrs?|hours?|mins?|minutes?)\b|"
    r"\bfrom\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s+(?:to|until|till)\s+\d|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)?\s*-\s*\d",
    re.I,
)
_DUE_BY = re.compile(r"\b(?:by|due|before|until|till|deadline)\b[^,;]*", re.I)  # "... by friday 5pm": a task's due date
# What is added to a goal with a clock time and a day or a recurrence is time booked for it, not a task.
# A block said as what is added: "add a 30 min block X", "put a study slot for Y".
_BLOCK_ADDED = re.compile(
    r"\b(?:add|put|make|create|schedule|book)\s+(?:me\s+)?(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:study\s+)?(?:block|slot)\b",
    re.I,
)
_TIMED_FOR_GOAL = re.compile(
    rf"\b(?:every|each|daily|weekdays?|today|tonight|tomorrow|tmrw|(?:next\s+|this\s+|on\s+)?{WD}s?)\b.*?"
    r"\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\b\d{1,2}(?::\d\d)?\s*(?:am|pm)\b.*?\b(?:every|each|daily|weekdays?|today|"
    rf"tonight|tomorrow|tmrw|(?:next\s+|this\s+|on\s+)?{WD}s?)\b|\b(?:study\s+)?(?:block|session)\b",
    re.I,
)


def _named_before(masked: str, verb: re.Match[str]) -> re.Match[str] | None:
    """The item a removal's pronoun stands for, named before it ("the ML reading thing isn't working. get rid of
    it"): the last kind named before the verb, when the verb's object is a pronoun."""
    if not re.match(r"\s+(?:it|that|this)\b", masked[verb.end() :], re.I):
        return None
    if re.search(r"\b(?:don'?t|do\s+not|never|not)\s+(?:\w+\s+)?$", masked[: verb.start()], re.I):
        return None  # "archive the X course? don't delete it tho": no removal asked
    named = list(re.finditer(r"\bthe\s+(module|topic|course|block)\b", masked[: verb.start()]))
    return named[-1] if named else None


def _added_into(clause: str, known: Known) -> str | None:
    """The addition 'add X to <goal|module|course>' makes, when X is new and the destination the learner's."""
    m = ADD_INTO.search(clause)
    if not m or _NOT_OUTLINE.search(clause):
        return None
    new, destination = m.groups()
    if re.search(r"\b(?:modules?|topics?|tasks?|goals?|course|class)\b", new, re.I):
        return None  # "add a module X to ...", "add a goal to ...": the kind word decides
    said_words = len([w for w in tokens(new) if w not in FILLER])
    for kind in ("topic", "task", "module"):
        found = mentions(kind, new, known)
        if any(
            value >= max(NAMED_CLEARLY, 0.6 * len(tokens(item.title)))
            and said_words <= len([w for w in tokens(item.title) if w not in FILLER])
            for value, item in found
        ):
            return None  # X is already one of the learner's items: a move or a mistake, not an addition
    said = re.search(r"\b(goal|module|course|class)\b", destination, re.I)
    kinds = [said.group(1).lower().replace("class", "course")] if said else list(INTO_KIND)
    best = max(  # on a tie, the item named by more of its title ("linear algebra": the course, not "Get a B+ in ...")
        (
            (value, value / max(len([w for w in tokens(item.title) if w not in FILLER]), 1), kind)
            for kind in kinds
            for value, item in mentions(kind, destination, known)[:1]
        ),
        default=(0.0, 0.0, ""),
    )
    if best[0] < (STRONG if said else NAMED_CLEARLY):
        return None
    if (
        best[2] == "goal"
        and _TIMED_FOR_GOAL.search(_DUE_BY.sub(" ", clause))
        and _BOOKED.search(clause)
        and not re.match(r"\W*['\"\u2018\u201c]", new)
    ):
        return "create_schedule_block"  # "add X every saturday 10am under my mcat goal": time for it
    return INTO_KIND[best[2]]


# A clause led by a verb that only books time: with a clock time it asks for a new block.
# Starting on a course now, said of the learner: "starting orgo now, log it", "ok im starting on lin alg rn".
_STARTING_NOW = re.compile(
    r"^\W*(?:(?:ok|okay|so|alright)\W+)*(?:i'?m\s+|im\s+)?(?:starting|beginning)\s+(?:on\s+|with\s+)?(?:my\s+|some\s+)?"
    r"(?P<what>[\w&+' -]{2,40}?)\s+(?:now|rn|right\s+now)\b",
    re.I,
)


def _outside_block_title(clause: str, known: Known) -> str:
    """The clause's words but those of the block it names most ("lin alg problem set session, 2pm": no "set")."""
    named = [tokens(item.title) for _, item in mentions("block", clause, known)[:1]]
    return " ".join(
        word
        for word in re.findall(r"[\w']+", clause)
        if not any(word_score(title_word, word.lower()) >= STRONG for title in named for title_word in title)
    )


# Words that ask for a new item, not a change of one: "add", "another", "book", "one more".
_MADE_NEW = re.compile(
    r"\b(?:add|another|new|extra|one\s+more|second|additional|create|make|book|schedule|set|put|plan|block\s+(?:off|out)|"
    r"an?\s+block|pencil|remind|reminder)\b",
    re.I,
)
# A clause that says what a block is, not where it goes: "X at 7 is the best part of my week".
_SAID_OF_IT = re.compile(r"\b(?:is|are|was|were|feels?|seems?|keeps?|looks?)\b|\?", re.I)
# What went by, said of a block: "spanish practice at 7 missed", "orgo review was at 6".
_PAST_SAID = re.compile(r"\b(?:missed|skipped|was|were|did|didn'?t|had|went|slept\s+through)\b", re.I)
# A new block asked for by its kind: "schedule a study block for tomorrow", "book me another session friday".
_NEW_BLOCK = re.compile(
    r"^\W*(?:(?:ok|so|hey|pls|please|can\s+(?:you|u)|could\s+(?:you|u))\W+)*(?:schedule|book|add|set\s+up|make|create)\s+"
    r"(?:me\s+)?(?:a|an|another|one\s+more)\s+(?:new\s+)?(?:[\w-]+\s+){0,2}?(?:study\s+)?(?:block|session|slot)\b",
    re.I,
)
_BOOKING = re.compile(
    r"^\W*(?:(?:ok|so|hey|pls|please|can\s+(?:you|u)|could\s+(?:you|u))\W+)*(?:block(?:\s+(?:off|out))?|book|reserve|"
    r"schedule(?!\s+(?:is|was|at|for|on|this|next|today|tonight|tomorrow|looks?|seems?)\b)(?![^?]*\?)|"
    r"pencil\s+in|set\s+aside|carve\s+out)\b",
    re.I,
)


# A block's new time or length said with "be": "X should only be 30 min", "could sunday's X be at noon instead?".
BE_CHANGED = re.compile(
    r"\b(?:should|could|can|will|would|must|needs?\s+to|has\s+to|have\s+to|got\s+to|gotta|ought\s+to)\s+"
    rf"(?:[^\s.?!]+\s+){{0,8}}?(?:be|start|begin)\s+(?:only\s+|just\s+)?"
    rf"(?:at\s+|on\s+|from\s+|for\s+)?(?:\d|an?\s+hour|half|noon|midnight|tonight|today|tomorrow|(?:next\s+|this\s+)?{WD})",
    re.I,
)


# "instead" after a new time, the old one dropped ("..., can we do 2pm instead of 10" reads "... 2pm instead"), not
# "instead of" what the time replaces ("do orgo at 7 instead of spanish").
_NEW_TIME_INSTEAD = re.compile(r"\binstead\b(?!\s+of\b)", re.I)
# A block said with "a": one more, not the learner's own ("a 2 hour orgo session").
_ONE_NEW = re.compile(r"\b(?:a|an)\s+(?:[\w'-]+\s+){0,4}?(?:session|block|slot)\b", re.I)
_RETIMED = re.compile(r"\b(?:start|begin|starts|begins|be)\s+(?:at|from)\b|\binstead\b", re.I)
