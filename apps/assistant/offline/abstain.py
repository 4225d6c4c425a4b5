"""Abstention: when a clause's calls may run, and when the assistant answers or asks instead.

A write is the costly mistake (a chit-chat message that creates, moves or deletes something), so a write
needs a licence; a read only needs the clause not to be chit-chat. The clause's *form* comes first:

- a **question** ("what is backprop", "is the normal distribution a bell curve?") licenses reads only;
- a **request** (an imperative verb first, "can you ...", "please", "let's", "I want to ...") licenses
  writes unless the nearest examples vote mostly for the non-action class (``CHAT_VETO``);
- a **non-action statement** (someone else's doings, a feeling or opinion, a first-person past that is
  not a study log, laughter markers) licenses nothing;
- any other **statement** ("finished backprop", "orgo tmrw 3pm") licenses a write only when the nearest
  examples agree on it with ``STATEMENT_SHARE`` of the vote and give the non-action class less than
  ``STATEMENT_CHAT``.

Then every write must name an existing item where its tool needs one: an unresolved target is a question
naming the learner's items, never a guess.
"""

from __future__ import annotations

import re

from .calls import ToolCall
from .dates import MONTH, WD
from .intent import Intent
from .world import asks_no_read

READ_ONLY = frozenset(
    {
        "list_schedule",
        "find_schedule_conflicts",
        "search_notes",
        "search_materials",
        "get_progress",
        "get_insights",
        "summarize_activity",
        "recommend_resources",
        "list_facts",
        "summarize_note",
        "get_streak",
        "get_today",
        "list_due_cards",
        "list_shared_courses",
        "list_goals",
        "list_exams",
        "quiz_me",
    }
)
CHAT_VETO = 0.4  # a request with at least this share of the vote for the non-action class writes nothing
READ_VETO = 0.6  # a statement with at least this share for the non-action class reads nothing either
STATEMENT_SHARE = 0.6  # a bare statement writes only when its intent has this share of the vote
STATEMENT_CHAT = 0.2  # and the non-action class less than this
STATEMENT_NO_CHAT = 0.05  # or, read by key words, when the non-action class is all but absent

_OPENERS = (
    r"(?:(?:ok|okay|k|yo|hey|hi|so|kindly|yeah|yea|yep|yes|sure|um+|uh+|well|oh|alright|right|ugh|hmm+|pls|please|plz|now|then|also|and|just|"
    r"quick(?:ly)?|actually|wait|first(?:ly)?|second(?:ly)?|finally|lastly|go+d\s+(?:morning|afternoon|evening)|gm|"
    r"welp|bleh|blah|lol+|lmao|haha+|omg|ngl|tbh|bruh)\b"
    r"[\s,!.]*)*"
)
_IMPERATIVE_WORDS = (
    "add create make build set schedule book put plan move push shift reschedule bump cancel skip delete remove "
    "drop rename call mark tick check complete finish archive start begin stop end pause quiz review show list tell "
    "give find search look summarize summarise recap remind remember forget note jot write tag untag reopen "
    "uncheck unmark change update clear scrap erase trash get take teach help lets let's let new do generate "
    "block track log save store keep turn swap replace hide shelve restart resume test drill flash abandon "
    "kill nuke ditch axe bin reserve carve allocate postpone delay extend untick kick clock tldr"
)
IMPERATIVES = frozenset(_IMPERATIVE_WORDS.split())
_SUBJECTS = frozenset(["i", "i'm", "im", "i've", "ive", "we", "we're"])  # who does what a statement tells
_QUESTION = re.compile(
    rf"^{_OPENERS}(?:what|whats|what's|why|who|whos|who's|how|hows|how's|is|isn't|isnt|are|aren't|does|doesn't|do|"
    r"did|was|were|which|where|wheres|where's|when|whens|when's|any|anything|should|"
    r"best\s+way|(?:any\s+)?tips?\s+(?:on|for))\b",
    re.I,
)
# What may follow a terse switch ("review time, orgo only", "timer on for orgo"); a verb makes it a remark.
TERSE_END = r"(?=\s*(?:$|[,.!:;\u2013\u2014-]|for\b|with\b|on\b|now\b|please\b|pls\b))"
_REQUEST = re.compile(
    rf"^{_OPENERS}(?:(?:can|could|would|will)\s+(?:you|u|ya)\b|(?:can|could)\s+we\s+(?:move|shift|push|bump|reschedule|cancel|skip|add|make|change)\b|(?:can|could)\s+(?:my|the)\s+[^?]*\b(?:start|begin)\s+(?:at|from)\b|(?:how|what)\s+about\b|"
    # "(can we) do 2pm instead": a time asked for, not "do i have ..."
    r"(?:(?:can|could)\s+(?:we|i)\s+)?do\s+(?:at\s+)?(?=\d)|"
    # "could i have 15 cards for X", "can i get a quiz": something asked for, not "could i have done better"
    r"(?:can|could|may)\s+i\s+(?:get|have|grab)\s+(?=(?:like|about|around|maybe|some|a|an|the|my|\d+)\b)|"
    r"i\s+(?:want|wanna|need|'d\s+like|would\s+like)\b|"
    r"i'd\s+like\b|let'?s\b|lets\b|remind\s+me\b|help\s+me\b|fyi\b|"
    # "i should probably add a X module to orgo": a hedged intention to change one of the app's items
    r"i\s+should\s+(?:probably\s+|prob\s+|prolly\s+|really\s+|def(?:initely)?\s+|just\s+)?(?:add|create|make|set\s+up|"
    r"schedule|book|put|move|rename|delete|remove|archive|tag)\s+(?:[\w'&+-]+\s+){0,4}?(?:module|topic|course|goal|task|"
    r"note|block|session|reminder|deck)s?\b|"
    # "review time, orgo only": let's review; not "review time was brutal" (a verb follows: a remark)
    rf"(?:review|revision|flash\s*cards?|cards?|quiz|study)\s+time\b{TERSE_END}|"
    # "timer on for orgo": a terse switch; not "the timer on my phone is broken"
    rf"(?:the\s+|my\s+)?(?:timer|clock|stopwatch|pomodoro)\s+(?:on|off)\b{TERSE_END}|"
    r"(?:new\s+)?(?:goal|note|task|to-?do)\s*(?::|\s-|\u2013)\s*\w|"  # "goal - X. low priority lol": an entry to make
    r"(?:you|u)\s+(?:can|could|may)\s+(?:now\s+|just\s+)?(?:forget|delete|remove|drop|cancel|mark|tick|add|move|archive)\b)|\b(?:please|pls|plz)\b|\bkeep\s+(?:that|this|it)\s+in\s+mind\b",
    re.I,
)
_SMALL_TALK = re.compile(
    rf"^{_OPENERS}(?:how\s+(?:are|r)\s+(?:you|u|ya)|how'?s\s+(?:it\s+going|your\s+day|life|things)|how\s+have\s+you\s+been|"
    r"how\s+(?:is|was)\s+your\s+day|what'?s\s+up|whats\s+up|wassup|sup|what(?:'s|\s+is)\s+your\s+name|who\s+are\s+you|"
    r"who\s+(?:made|built|created|programmed|coded|designed|wrote|owns|trained)\s+(?:you|u|this(?:\s+app|\s+bot|\s+thing)?)|"
    r"are\s+you\s+(?:a\s+)?(?:bot|robot|human|real|ai)|"
    r"(?:(?:are|r)\s+)?(?:you|u|ya)\s+(?:still\s+)?(?:there|here|awake|around)|still\s+there|anyone\s+(?:there|home)|"
    r"(?:good\s*)?night|nite|gn|g'night|(?:good)?bye+|bye\s+bye|cya|see\s+(?:you|ya|u)|ttyl|"  # farewells
    r"talk\s+(?:to\s+(?:you|u)\s+)?(?:later|tomorrow|tmrw|soon)|catch\s+(?:you|ya|u)\s+later|gotta\s+go|g2g|"
    r"i'?m\s+off|off\s+to\s+bed|heading\s+(?:out|off|to\s+bed))\b(?![^,.;!?]*\b(?:schedule|calendar|plan|progress|notes?)\b)",
    re.I,
)


# Removing everything, or a whole kind, at once: "clear out everything next week", "delete all my notes", "wipe my
# whole schedule"; "delete the whole orgo course" removes one item, whole.
_MASS_REMOVAL = re.compile(
    rf"^{_OPENERS}(?:clear|wipe|cancel|delete|remove|drop|scrap|nuke|erase|trash|kill|ditch|bin|empty)\s+(?:out\s+)?"
    r"(?:everything|all\b(?!\s+of\b)|(?:my|the)\s+(?:whole|entire)\b"
    r"(?!(?:\s+[\w&+'-]+){0,4}?\s+(?:course|class|module|unit|goal|note|block|series|exam|final|midterm)\b))",
    re.I,
)
MASS_REMOVAL_QUESTION = "That would remove several things at once. Which one should I remove?"


def mass_removal(text: str) -> bool:
    """Whether the message removes everything or a whole kind at once (never guessed: the learner names one)."""
    return bool(_MASS_REMOVAL.match(text.strip()))


def weighed(text: str) -> bool:
    """Whether the clause only weighs an act ("i'm thinking of dropping X"): no request of its own."""
    return bool(_WEIGHED.match(text))


def is_small_talk(text: str) -> bool:
    """Whether the message is small talk asked of the assistant ("how are you?", "who are you")."""
    return bool(_SMALL_TALK.match(text.strip().lower()))


# What the learner has been doing, still going: "i've been staring at this for hours" (a report, no request).
_ONGOING = re.compile(
    rf"^{_OPENERS}(?:(?:man|dude|bro|god|gosh|jeez|wow|lord|honestly)\b[\s,!.]*)?i(?:'ve|ve|\s+have)\s+been\s+(?:\w+ing|stuck|up|awake|busy)\b|"
    rf"^{_OPENERS}(?:(?:i'?m|im|i\s+am)\s+)?still\s+(?:up|awake)\b",  # "still up 🙃 show me the cards due"
    re.I,
)
# What the learner is doing right now, not studying: "im running late", "i'm walking home" (a remark). Study logs,
# plans and asks ("i'm starting orgo", "i'm going to study at 5", "i'm asking you to ...") stay statements.
_DOING_NOW = re.compile(
    rf"^{_OPENERS}(?:i'?m|im|i\s+am)\s+(?:(?:just|still|so|really|literally|kinda|currently)\s+)?"
    r"(?!(?:starting|beginning|studying|doing|reviewing|working|taking|finishing|going|gonna|trying|planning|"
    r"learning|reading|revising|practi[cs]ing|preparing|prepping|cramming|wrapping|switching|moving|continuing|"
    r"resuming|picking|pausing|stopping|quitting|dropping|skipping|giving|asking|begging|telling|wondering|adding|making|writing|watching|memori[sz]ing)\b)[a-z]+ing\b"
    r"(?!\s+(?:to|for|on)\b)",  # "i'm aiming to read 30 papers", "i am looking for my notes": a wish or a search
    re.I,
)
# An exclamation or an amount marvelled at: "wow that's a lot of cards", "yikes", "so many tasks" (a remark).
_EXCLAIMED = re.compile(
    rf"^{_OPENERS}(?:wow+|whoa+|woah|damn|dang|geez|jeez|yikes|oof|ooh+|omg|gosh|holy\s+\w+)\b|"
    r"\b(?:that'?s|thats|it'?s|this\s+is)\s+(?:a\s+lot|a\s+ton|so\s+(?:much|many)|too\s+(?:much|many))\b|"
    rf"^{_OPENERS}(?:so|too|that)\s+(?:many|much)\b",
    re.I,
)
_ASKS_TOO = re.compile(r"[.?!]\s+\w|\b(?:can|could|would|will)\s+(?:we|you|u)\b|\b(?:please|pls|plz)\b", re.I)
# A vague ask with no act said ("can you sort out my history stuff"): what to change is not said, so nothing is.
_VAGUE = re.compile(
    r"\b(?:sort\s+(?:out|through)|sort\s+\w+(?:\s+\w+)?\s+out|deal\s+with|take\s+care\s+of|handle|fix\s+up|tidy\s+up|"
    r"clean\s+up|organi[sz]e|figure\s+out|look\s+into|work\s+on|do\s+something\s+(?:about|with))\b",
    re.I,
)
_VAGUE_WORDS = (
    "sort deal take handle fix tidy clean organize organise figure look work do something help get make can could "
    "would will please pls plz let lets let's"
)
_VAGUE_VERBS = frozenset(_VAGUE_WORDS.split())
# Asking for luck with what lies ahead: "exam friday, wish me luck", "fingers crossed".
LUCK = re.compile(r"\bwish\s+me\s+luck\b|\bfingers\s+crossed\b|\bpray\s+for\s+me\b", re.I)
# A plea to no one in particular: "friday night in the library. send help", "someone save me".
_PLEA = re.compile(r"\bsend\s+help\b|\bsome(?:one|body)\s+(?:help|save)\s+me\b|\bkill\s+me\s+now\b", re.I)
_OTHERS = re.compile(
    rf"^{_OPENERS}(?:my\s+(?:friends?|prof\w*|teachers?|tutors?|roommates?|mom|mum|dad|sister|brother|classmates?|"
    r"partner|bf|gf|boss|cat|dog)|we|they|he|she|someone|everyone|everybody|people|the\s+(?:prof\w*|teacher|class))\b"
    # "the TA went over X", "a classmate of mine dropped X", "prof said ...": someone named by role, then what they did
    r"|^(?:\W*(?:my|our|the|a|one\s+of\s+my)\s+)?(?:tas?|prof\w*|lecturers?|instructors?|teachers?|tutors?|classmates?|"
    r"study\s+group|group|lab\s+partner|friends?|roommates?)(?:\s+of\s+mine)?\s+(?:\w+\s+)?"
    r"(?:said|told|says|tells|went|gave|made|took|got|wants?|thinks?|\w+ed)\b",
    re.I,
)
_FEELING = re.compile(
    rf"^{_OPENERS}(?:i\s+|i'm\s+|im\s+|i\s+am\s+|i\s+was\s+)?"
    r"(?:(?:really|honestly|kinda|so+|totally|just|very|super|pretty|extremely|lowkey|a\s+(?:bit|little))\s+)?"
    r"(?:love|loving|hate|like|enjoy|enjoying|miss|wish|hope|feel|feeling|felt|think|thought|guess|keep|kept|should|"
    r"might|may|could|"
    r"stressed|tired|exhausted|nervous|worried|bored|happy|sad|excited|confused|lost)\b|"
    # "honestly just needed to say that i'm proud of myself": a feeling told, nothing asked
    rf"^{_OPENERS}(?:(?:honestly|tbh|ngl)\s+)?(?:i\s+)?(?:just\s+)?(?:needed|wanted)\s+to\s+(?:say|tell\s+(?:you|u|someone))"
    r"\s+(?:that\s+)?(?:(?:i'?m|im|i\s+am|i\s+feel)\s+(?:so\s+|really\s+|very\s+)?(?:proud|grateful|thankful|glad|happy|"
    r"relieved|excited|lucky)\b|(?:you|u)\s+(?:are|'re|r|rock|helped)\b|thanks?\b|thank\s+you\b|i\s+love\b)",
    re.I,
)
# An act weighed, not asked for: "i'm thinking of dropping X", "considering quitting X".
_WEIGHING = (
    r"(?:i'?m\s+|im\s+|i\s+am\s+)?(?:(?:honestly|lowkey|kinda|kind\s+of|really|seriously)\s+)?"
    r"(?:debating|considering|thinking\s+(?:about|of)|wondering|deciding|tempted|torn)\b"
)
_WEIGHED = re.compile(rf"^{_OPENERS}{_WEIGHING}", re.I)
# A condition, a wish or a world that is not the case: "if the exam ends up in may i'd start in april", "in a
# perfect world id study 4 hours a day", "part of me wants to quit X" (not "if you can, add X").
_HYPOTHETICAL = re.compile(
    rf"^{_OPENERS}(?:(?:if|unless)\b(?!\s+(?:you|u|ur|you'?re|ya|possible|not|it'?s|that'?s)\b)|"
    r"what\s+if|suppose|imagine|in\s+an?\s+(?:perfect|ideal)\s+world|part\s+of\s+me|"
    r"(?:one|1)\s+day(?=\s+i\b|\s+i'll\b|\s+ill\b)|some\s*day|" + _WEIGHING + r")\b",
    re.I,
)
_MARKERS = re.compile(
    r"\b(?:lol|ugh+|meh|bleh|blah|welp|yikes|oof|sigh|"
    r"lmao|lmfao|rofl|haha+|hehe+|omg|ngl|tbh|jk|smh|rip|bruh|fml)\b|[:;]-?[()D]",
    re.I,
)
# Tone words trailing a statement ("giving up on X tbh. officially"): not a remark of their own (laughter is).
_TRAILING_MARKERS = re.compile(r"(?:[\s,.!]+(?:tbh|ngl|officially|honestly|fr))+\W*$", re.I)
# An appraisal or thanks, not a request: "thx, that schedule looks good", "thanks so much".
_APPRAISAL = re.compile(
    r"\b(?:looks?|looking|seems?|sounds?|feels?)\s+(?:\w+\s+)?(?:good|great|fine|ok|okay|perfect|nice|awesome|amazing|"
    r"bad|terrible|weird|off|right|wrong|better|worse|helpful|useful|solid|clean)\b|^\W*(?:thanks|thank\s+you|thx|ty|cheers)\W*$|"
    # thanks for a thing done, and a thing said to have helped: "thanks for yesterday", "the quiz actually helped a lot"
    r"^\W*(?:thanks|thank\s+(?:you|u)|thx|ty|tysm|cheers)(?:\s+(?:so\s+much|a\s+lot|a\s+ton))?\s+for\b|"
    r"\b(?:really\s+|actually\s+|honestly\s+|totally\s+)?(?:helped|helps)(?:\s+(?:a\s+lot|a\s+ton|so\s+much|me))?\W*$|"
    r"\b(?:is|are|was|were|'s)\s+(?:(?:so|way|just|kinda|really)\s+)?(?:so|too)\s+(?:early|late|long|short|much|hard|"
    r"easy|boring|packed|full|busy|early|soon)\b|"
    # a time or a choice accepted: "7pm works", "that works for me"
    r"(?:^\W*|(?<=\d)\s*|(?<=[ap]m)\s*|\b(?:that|this|it|either|both)\s+)works(?:\s+(?:for\s+me|best|great|fine|better|"
    r"perfectly))?\W*$|"
    # praise of the assistant, thanked or not: "thank u!! u literally saved my grade", "you rock"
    r"^\W*(?:(?:thanks|thank\s+(?:you|u)|thx|ty|tysm|cheers)\b(?:\s+(?:so\s+much|a\s+lot|a\s+ton))?[\s!.,]*)?"
    r"(?:you|u)\s+(?:(?:literally|really|actually|totally|honestly|just)\s+)*(?:saved|rock|helped|are\s+the\s+best|"
    r"r\s+the\s+best|'re\s+the\s+best|made\s+my\s+day)\b",
    re.I,
)
# A denial or a shrug: "can't make it", "no clue why X is so early", "i wonder why ...".
_NEGATED = re.compile(
    rf"^{_OPENERS}(?:no\s+need\b|(?:no\W+)?(?:i\s+)?(?:can'?t|cannot|won'?t|don'?t|didn'?t|not|no\s+time|never|no\s+(?:clue|idea)|dunno|idk|"
    r"wonder))\b",
    re.I,
)
_REPORT = re.compile(r"\b(?:got|was|were|has\s+been|have\s+been|gets|get)\s+\w+ed\b|\bapparently\b", re.I)
# "X and Y are both done", "<the goal> is done" (X a topic, task or goal of the learner's; a goal named before as
# "the <the goal> goal"): a log said with a copula, not a report.
_SAID_DONE = re.compile(
    r"^\W*(?:the\s+)+(?:topic|task|goal)\b[^.!?]{0,60}?\s+(?:is|are|'s)\s+"
    r"(?:(?:both|all|now|finally|officially|totally|fully)\s+)*(?:done|finished|complete|completed)\W*$",
    re.I,
)
# A verdict after a heading ("world history: so boring", "krebs cycle note: i hate it"): a remark on the item, no
# module, topic or note in it.
_VERDICT_AFTER_HEADING = re.compile(
    r"^(?!\W*(?:(?:please|pls)\s+)?(?:add|create|make|new|jot|write|save|put|note\s*:))[^:]{1,60}:\s*(?:(?:so+|too|literally|honestly|really|rly|kinda|such|the|a|an|actually|lowkey|just|absolute|"
    r"actual|total|complete|utter)\s+)*(?:worst|best|boring|hard|easy|fun|annoying|confusing|painful|awful|terrible|"
    r"great|amazing|impossible|brutal|rough|tough|hell|nightmare|mess|pain|torture|useless|pointless|overrated|"
    r"(?:killing|destroying|ruining)\s+me|ugh+|meh|yikes|oof)(?:\s+(?:ever|tbh|ngl|lol|fr|honestly|rn|omg|so\s+far))*\W*$"
    r"|^(?!\W*(?:(?:please|pls)\s+)?(?:add|create|make|new|jot|write|save|put|note\s*:))[^:]{1,60}:\s*(?:i\s+|i'?m\s+|im\s+)?(?:(?:really|honestly|kinda|so|totally|just|lowkey)\s+)?"
    r"(?:hate|love|loving|dread|dreading|despise|like|enjoy|enjoying|miss)\s+(?:it|this|that|them)\W*$",
    re.I,
)
# A subject said to be something, whenever it is ("spanish tmrw at 5 is gonna be rough", "the orgo block tomorrow
# looks brutal"): a remark; "orgo is at 3 tomorrow", "my exam is friday" tell a place in the week instead.
_REMARKED = re.compile(
    r"^\W*(?:[\w'-]+\s+){1,7}?(?:looks?|looking|seems?|is|isn'?t|are|aren'?t|was|were|feels?|sounds?)\s+"
    rf"(?!(?:at|on|from|in|due|until|till|by|for|to|every|each|the\s+\d|this|next|tomorrow|tmrw|today|tonight|{WD}|{MONTH})\b|\d)\w",
    re.I,
)
_COPULA = re.compile(r"\b(?:is|are|was|were|isn't|aren't|wasn't|weren't)\b", re.I)
_WHEN = re.compile(
    r"\d|\b(?:today|tonight|tomorrow|tmrw|next|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|"
    r"jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*|due|deadline)\b",
    re.I,
)
# When something of the learner's day happens, told rather than asked: "class starts at 10 tomorrow".
_HAPPENS_AT = re.compile(
    rf"^(?!.*\b(?:from\s+now\s+on|now|change|move|update|pls|please|instead|can|could)\b)"
    rf"{_OPENERS}(?:(?:my|the|our|this|that)\s+)?[\w'&-]+(?:\s+[\w'&-]+){{0,3}}?\s+(?:starts|begins|ends|finishes|"
    r"opens|closes|is\s+over)\s+(?:at|around|by|from|till|until)\b",
    re.I,
)
# What the learner has or faces, said of themselves: "i have 3 exams next week", "i've got a quiz friday".
_HAVE = re.compile(rf"^{_OPENERS}(?:i|we)(?:\s+have(?:\s+got)?|'ve\s+got|\s+got)\b(?!\s+to\b)", re.I)
# An apology or who the learner is: "sorry my english is not so good", "i'm from brazil", "i am a nursing student".
_ABOUT_ME = re.compile(
    rf"^{_OPENERS}(?:sorry|sry|soz|apologies|my\s+bad|excuse\s+(?:me|my)|(?:i\s+am|i'm|im)\s+(?:from|an?)\b)", re.I
)
_PAST = re.compile(  # "i went ...", "today i spoke spanish with a real person"
    rf"^{_OPENERS}(?:(?:today|yesterday|this\s+(?:morning|afternoon|evening|week)|tonight|earlier|"
    rf"last\s+(?:night|week|weekend|month|{WD})|(?:on\s+)?{WD}|(?:\w+\s+){{1,3}}ago)"
    r"[\s,]+)?i\s+(?:just\s+|already\s+|finally\s+|almost\s+|nearly\s+)?(\w+ed|did|had|got|went|made|set|put|took|spent|saw|wrote|woke|"
    r"slept|ate|came|left|forgot|began|fell|ran|sat|felt|bought|met|lost|won|drove|found|heard|knew|thought|spoke|told|"
    r"understood|taught)\b",
    re.I,
)
# A past said with no subject ("just aced my stats quiz!!"): a remark, unless a study log or a verb that also asks.
_BARE_PAST = re.compile(
    rf"^{_OPENERS}(?:already\s+|finally\s+|totally\s+)?([a-z]{{2,}}ed|slept|woke|went|ate|spent|saw|met|came|left|ran|felt|"
    r"forgot|fell)\b(?!\s+(?:to|that|up|through|off|with|out)\b)",
    re.I,
)  # "wrapped up X", "worked through X": a completion said with its particle is a log
# Something the learner did, told with what it was done to: "finally finished my essay", "just got a 92 on my quiz".
_TOLD_DONE = re.compile(
    rf"^{_OPENERS}(?:i\s+)?(?:just\s+|already\s+|finally\s+)*(?!(?:need|feed|speed)\b)(?:[a-z]{{2,}}ed|got|did|had|made|"
    r"wrote|took|sat|aced|passed|failed|bombed)\s+(?:(?:my|our|the|a|an|this|that)\b|\d)",
    re.I,
)
_YOU_MAY = re.compile(r"\b(?:you|u)\s+(?:can|could|may)\b", re.I)  # "..., you can mark X done": asks after all
_NOT_PAST = frozenset({"need", "feed", "speed", "embed", "seed", "sched", "shed"})
# Part of something done, not all of it: "the first half of", "most of", "3 of 10 questions", "60%".
_PARTLY = re.compile(
    r"\b(?:(?:first|second|last|other)\s+half|half\s+(?:of|way|done)|halfway|part\s+of|some\s+of|most\s+of|bits?\s+of)\b",
    re.I,
)
STUDY_LOG = frozenset({"finished", "completed", "covered", "learned", "learnt", "studied", "reviewed", "mastered"})
LOG_TOOLS = frozenset({"complete_topic", "complete_goal_task"})


# A question asked after a statement, without a question mark: "i have 2 free hours rn what should i work on".
_ASKED_AFTER = re.compile(
    r"\b(?:what|which|where)\s+(?:should|shall|can|could|do)\s+i\s+(?:do|work|study|start|focus)\b"
)
# Whether the learner must do something, asked: "..., do i need to delete it", "should i even move it to 8".
_NEED_ASKED = re.compile(
    r"(?:^\W*|[,;:.]\s*)(?:(?:so|but|and|ok|hmm)\s+)?(?:do|should|must)\s+i\s+(?:really\s+|even\s+|still\s+)?"
    r"(?:need\s+to|have\s+to)\b",
    re.I,
)


# What someone else told the learner to do: "a classmate told me to drop stats and take it in summer".
_REPORTED_ASK = re.compile(r"\b(?:told|asked|said|says|tells|suggested|wants|wanted|advised)\s+(?:me|us)\s+to\b", re.I)
# A question mark closing the message, or only a shrug after it ("maybe i should drop lin alg? idk").
_ENDS_ASKING = re.compile(
    r"\?\W*(?:(?:idk|dunno|hmm+|lol|tho|though|maybe|or\s+not|right|yeah|haha+)\W*)*$|\bor\s+(?:nah|nope|not)\W*$", re.I
)


def _asked_throughout(text: str) -> bool:
    """Whether every sentence of ``text`` asks ("november already?? where did the year go")."""
    sentences = re.split(r"(?<=[.!?])\s+", text)
    return len(sentences) > 1 and all(s.rstrip().endswith("?") or _QUESTION.match(s) for s in sentences)


def form(clause: str) -> str:
    """The clause's form: 'request', 'question', 'other' (a non-action statement) or 'statement'."""
    text = clause.strip().lower()
    head = re.findall(r"[a-z']+", re.sub(rf"^{_OPENERS}", "", text, flags=re.I))
    parts = re.split(r"[,;]\s*|[.!?]+\s+|\s+(?:and|so)\s+|\s+(?:lol|lmao|haha+|omg|ngl|tbh)\s+", text)[
        1:
    ]  # "... lol tick it off"
    later = [
        re.findall(
            r"[a-z']+",
            re.sub(
                rf"^{_OPENERS}(?:(?:you|u)\s+(?:can|could)\s+(?:now\s+|just\s+)?|(?:can|could|would|will)\s+(?:you|u|ya)\s+"
                r"(?:please\s+|pls\s+|just\s+)?)?",
                "",
                part,
            ),
        )
        for part in parts
    ]  # "..., you can check it off", "..., could you summarise it": a request after a statement
    if _VERDICT_AFTER_HEADING.match(text):
        return "other"
    if _NEED_ASKED.search(text):
        return "question"  # "the krebs note, do i need to delete it": asked, not asked for
    if _REQUEST.search(text) or (head and _imperative(head) and not _QUESTION.match(text)):
        return "request"
    asked_later = any(
        words and words[0] in IMPERATIVES and not part.rstrip().endswith("?")
        for part, words in zip(parts, later, strict=True)
    )  # "..., tick it off" (not "..., do they go too?")
    reported = _REPORTED_ASK.search(text)
    reported_on = reported and not re.search(r"[,.;!?]|\bso\b", text[reported.end() :])  # "told me to X and Y"
    if asked_later and not (_OTHERS.match(text) and reported_on):
        return "request"  # "i didn't finish X, unmark that"
    if _SMALL_TALK.match(text):
        return "other"  # "how are you today?": asked of the assistant, it asks for nothing
    if _QUESTION.match(text) or _ENDS_ASKING.search(text) or _ASKED_AFTER.search(text) or _asked_throughout(text):
        return "question"
    if _OTHERS.match(text) or _FEELING.match(text) or _HYPOTHETICAL.match(text):
        return "other"
    if _MARKERS.search(_TRAILING_MARKERS.sub("", text)):
        return "other"
    if _NEGATED.match(text) or _HAPPENS_AT.match(text):
        return "other"
    if _APPRAISAL.search(text) or _REMARKED.match(text):
        return "other"
    if _REPORT.search(text) or (_COPULA.search(text) and not _WHEN.search(text)):
        return "other"  # "the exam got pushed back", "the review sessions are useless" (a report, not a request)
    if _HAVE.match(text) or _ABOUT_ME.match(text) or LUCK.search(text) or _PLEA.search(text):
        return "other"
    if (_ONGOING.match(text) or _DOING_NOW.match(text) or _EXCLAIMED.search(text)) and not _ASKS_TOO.search(text):
        return "other"
    past = _PAST.match(text) or (None if _ASKS_TOO.search(text) or _YOU_MAY.search(text) else _BARE_PAST.match(text))
    if past and past.group(1) not in STUDY_LOG | _NOT_PAST:
        return "other"
    return "statement"


# A verb that says what its subject is: after "schedule", "book", "plan" it makes them nouns ("schedule looks packed").
LINKING_VERB = r"(?:looks?|looking|seems?|is|isn'?t|was|gets?|got|feels?|sounds?)"


# Words after a verb that start its object, never a noun compound's second word ("show what is due").
_OBJECT_STARTS = (
    "me us him her them it this that these those what which who how when where why whether if the a an my your our "
    "his their all everything anything something there"
)
_NO_COMPOUND = frozenset(_OBJECT_STARTS.split())
# Verbs whose object may be a clause ("remember stats is friday", "note orgo is hard"): no noun compound.
_CLAUSE_VERB_WORDS = "remember forget note jot write check tell"
_CLAUSE_VERBS = frozenset(_CLAUSE_VERB_WORDS.split())


def _imperative(words: list[str]) -> bool:
    """Whether the words open with a verb of command: not a noun said to be something ("schedule looks packed"), nor a
    noun compound said to be something ("test day is getting close", "review session was fun")."""
    if words[0] not in IMPERATIVES or (len(words) > 1 and re.fullmatch(LINKING_VERB, words[1])):
        return False
    if words[0] == "tldr" and words[1:2] and words[1] in _SUBJECTS:
        return False  # "tldr i hate stats": the learner's own summary, none asked for
    return not (
        len(words) > 2
        and words[0] not in _CLAUSE_VERBS
        and words[1] not in _NO_COMPOUND
        and re.fullmatch(LINKING_VERB, words[2])
    )


REMOVAL = re.compile(
    r"\b(?:delete|remove|drop|get\s+rid\s+of|erase|trash|take\s+out|scrap|kill|nuke|ditch|axe|bin)\b|"
    r"\btake\b(?=\s+(?!(?:\d|a\b|an\b|half\b|some\b|my\s+mind\b))(?:[\w'-]+\s+){1,6}?off\s+(?:of\s+)?(?:my|the)\s+"
    r"(?:topics?|outline|modules?|course)\b)",  # "take X off my topics"
    re.I,
)
SESSION_STARTED = re.compile(
    r"\b(?:start|starting|begin|beginning|resume|kick\s+off)\b|\b(?:turn|switch|put)\s+(?:\w+\s+)?on\b|\b(?:timer|clock)\s+on\b",
    re.I,
)


# A call the word vectors guessed needs the words of its act: a removal its verb ("the midterm only covers X and Y"
# removes nothing), a timer a start or a "now" ("perfect excuse to stay in and study" starts none), a conflict check
# a clash ("in the middle of orgo review rn, quiz me" asks for none).
_REMOVED = re.compile(
    rf"{REMOVAL.pattern}|\btake\b.*\b(?:out|off)\b|"
    r"\b(?:cancel\w*|called\s+off|off\s+(?:my|the)\b|gone|get\s+rid|cut|toss|bin|clear|dropp\w*|wipe|purge)\b",
    re.I,
)
_STUDYING_NOW = re.compile(
    rf"{SESSION_STARTED.pattern}|"
    r"\b(?:let'?s|lets|time\s+to|gonna|going\s+to|about\s+to)\s+(?:\w+\s+)?(?:study|work\s+on|do|hit|get\s+going)\b|"
    r"(?:^|[,.!:;]\s*|\b(?:i'?m|im|am|now)\s+)(?:now\s+)?studying\b|"
    r"\b(?:session|timer|timing|time\s+me|clock|stop\s*watch|track\w*|log\w*|pomodoro|focus)\b|"
    r"\b(?:on|doing|working\s+on)\s+.+\b(?:now|rn)\b",  # "on eigenvalues now"
    re.I,
)
# Blocks that overlap, asked in other words than the cue words: "anything double-booked", "do two sessions collide".
CLASHING = re.compile(r"\b(?:clash\w*|overlap\w*|conflict\w*|double[-\s]?book\w*|collid\w*)\b", re.I)
_CLASH_SAID = re.compile(rf"{CLASHING.pattern}|same\s+time|at\s+once|on\s+top\s+of\s+each|fit\s+in|squeeze", re.I)
_ACT_SAID = {
    **dict.fromkeys(("remove_topic", "remove_module", "delete_course", "delete_note", "delete_exam"), _REMOVED),
    "start_study_session": _STUDYING_NOW,
    "find_schedule_conflicts": _CLASH_SAID,
}


def licensed(
    calls: list[ToolCall], clause: str, raw: Intent, *, keyed: bool = False, masked: str = "", asked: bool = False
) -> list[ToolCall]:
    """The calls the clause licenses.

    ``raw`` is the classifier's vote on the masked clause; ``keyed``: key words (a cue, or a removal or
    addition verb with the kind of item it acts on) named the intent, which a request's form then confirms;
    ``masked``: the clause with the learner's titles masked, whose form a title's words cannot change;
    ``asked``: the clause asks for a change of a named item whatever its form ("could X be at noon instead?").
    """
    shape = "request" if asked else form(clause)
    if shape == "statement" and masked and form(masked) == "other":
        shape = "other"  # "lecture 6 notes are sooo long": a title's number is no date, the remark stays a remark
    said_done = shape == "other" and bool(_SAID_DONE.match(masked))  # "X is done": the learner's topic said done
    if said_done:
        shape = "statement"
    out = []
    for call in calls:
        if call.name not in READ_ONLY and vague(clause):
            continue
        if (act := _ACT_SAID.get(call.name)) is not None and not act.search(clause):
            continue
        if call.name in READ_ONLY:
            if shape == "other" or (shape == "statement" and raw.chat >= READ_VETO and not keyed):
                continue
            if shape == "statement" and _TOLD_DONE.match(clause):
                continue  # "finally finished my lab report 🎉": told, nothing asked to be read
            if asks_no_read(clause):
                continue  # "when did the berlin wall fall": the learner's items do not answer it
            if call.name == "list_schedule" and _CHANGE_ASKED.match(clause):
                continue  # "change the date to friday", "move my exam to next week": a change, never a listing
        elif call.name in LOG_TOOLS and not _DOING_TOLD.search(clause):
            continue  # "move gradient descent into optimization": nothing said done
        elif call.name in LOG_TOOLS and _PARTLY.search(clause):
            continue  # "finished the first half of practice test 1": not the whole of it
        elif said_done and (call.name in LOG_TOOLS or call.arguments.get("status") == "COMPLETED"):
            pass  # "the lin alg goal is done": the goal completed
        elif not (keyed and shape == "request") and not _write_licensed(call, shape, clause, raw):
            continue
        elif call.name == "create_note" and _remark_on_notes(shape, masked, clause):
            continue  # "lecture 5 notes are the same as lecture 6": a remark about notes, no note asked for
        out.append(call)
    return out


def vague(clause: str) -> bool:
    """Whether the clause asks for something without saying what ("sort out my history stuff", "deal with orgo")."""
    if not _VAGUE.search(clause):
        return False
    rest = re.findall(r"[a-z']+", _VAGUE.sub(" ", clause.lower()))
    return not any(word in IMPERATIVES and word not in _VAGUE_VERBS for word in rest)


# What asks for a note when no request is made: "note: ...", "note to self - ...", "jot this", "save this".
_NOTE_CUE = re.compile(
    r"^\W*(?:quick\s+)?notes?\b[^:]{0,40}:|^\W*(?:quick\s+)?note\b|\bnotes?\s*(?:to\s+self)?\s*[:\u2013\u2014-]|\b(?:jot|write|save|keep|memo|put|take)\b|"
    r"\b(?:make|create|add|new|start|need|want)\s+(?:a\s+|me\s+a\s+|an?\s+other\s+)?(?:new\s+|quick\s+)?note\b",
    re.I,
)


# A clause asking to change something: its day is where it goes, not a day to list.
# "switch to next week" changes the view: a listing.
_CHANGE_ASKED = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|also|pls|please|can\s+(?:you|u)|could\s+(?:you|u))\W+)*"
    r"(?:(?:move|change|push|reschedule|shift|bump|postpone|switch)\s+(?!(?:to|over)\b)\w|"
    r"(?:put|add|save|stick|place)\s+(?:(?:it|that|this)\s+)?(?:in|into|on|to)\s+(?:my\s+|the\s+)?"
    r"(?:schedule|calendar|calender|agenda|planner)\b)",  # "put in my schedule": filed, not listed
    re.I,
)


_NOTES_OPEN = re.compile(
    r"^\W*(?:quick\s+)?notes?\s+(?:from|on|for|of)\b[^:]{0,40}:", re.I
)  # "notes from today's lecture:"


def _remark_on_notes(shape: str, masked: str, clause: str) -> bool:
    """Whether a statement names notes without asking for one (the learner's titles masked as "the note")."""
    return (
        shape == "statement" and not _NOTE_CUE.search(masked.replace("the note", "")) and not _NOTES_OPEN.match(clause)
    )


_NOT_PLACED = re.compile(r"\b(?:not|never|n'?t)\s+(?:be\s+)?(?:at|on|in)\b|\b(?:not|never)\s+be\b|n'?t\s+be\b", re.I)
_SAYS_NOT = re.compile(r"\b(?:not|never|no|(?:do|does|did|wo|ca|is|are|was|should|could|would)n'?t)\b", re.I)


# A statement about the learner, said first: "im dropping X", "i've quit the cafe".
# A doing told, which a statement marking an item done needs: "finished backprop", "redid pset 3", "X ✅"; a name
# alone ("the amino acids review", "redo pset 3") tells nothing done.
_DOING_TOLD = re.compile(
    r"\b(?:done|finish\w*|finsh\w*|complete|completed|through|nailed|aced|crushed|wrapped|knocked|ticked|checked|crossed|"
    r"marked|mastered|did|redid|got|went|read|reread|wrote|rewrote|learnt|understood|sat|took|finally|"
    r"register|log|record|count|mark|tick|check|cross|knock|wrap|close|"  # asked to be marked: "register X"
    r"\w{2,}(?<!e)ed)\b|[\u2705\u2714\u2611]",
    re.I,
)
# A time told as when something happened, not when a block is to be: "woke up at 5am", "got home at 9".
_HAPPENED_AT = re.compile(
    r"\b(?:woke|slept|got|went|came|left|arrived|stayed|crashed|fell\s+asleep|was|were)\b(?:\s+[\w']+){0,3}?\s+"
    r"(?:at|around|until|till|til)\s+\d|"
    r"^\W*(?:(?:i'?m|im|i\s+am|been|still)\s+)?(?:up|awake)\s+(?:since\s+|at\s+|till\s+|until\s+)\d",  # "up at 6am"
    re.I,
)
# Lateness told: "im gonna be late for orgo review", "running late to spanish".
_LATE_SAID = re.compile(
    r"\b(?:be|am|i'?m|im|running|run|was|were|be\s+a\s+bit)\s+(?:(?:so|really|a\s+bit|kinda)\s+)?late\b", re.I
)
_FIRST_PERSON_START = re.compile(r"^\W*(?:i|i'm|im|i\s+am|i've|ive|i'll|we|we're|were)\b", re.I)
# What makes a statement a goal: the word, a wish, or a deadline ("read 20 books this year", "fluent by june").
_GOAL_SAID = re.compile(
    r"\b(?:goals?|aim\w*|target|resolution|want|wanna|need|plan(?:ning)?\s+to|hop(?:e|ing)\s+to|trying\s+to|"
    r"gonna|going\s+to|by|before|until|this\s+(?:year|semester|term|month|summer)|in\s+\d+\s+(?:weeks?|months?))\b",
    re.I,
)


def _write_licensed(call: ToolCall, shape: str, clause: str, raw: Intent) -> bool:
    if shape in ("question", "other"):
        return False
    if shape == "request":
        return not (raw.name == "chat" and raw.chat >= CHAT_VETO)
    if _PAST.match(clause.strip().lower()):
        return call.name in LOG_TOOLS
    if call.name.startswith(("create_", "add_")) and _SAYS_NOT.search(clause):
        return False  # "surely not fridays at 6": a statement that something is not, asks for nothing new
    if call.name.startswith(("delete_", "remove_")) and _FIRST_PERSON_START.match(clause):
        return False  # "im dropping world history": told of the learner, never a removal proposed from it
    if call.name == "create_schedule_block" and (_HAPPENED_AT.search(clause) or _LATE_SAID.search(clause)):
        return False  # "the clocks changing messed me up, woke up at 5am": told of a time, no block asked for
    if call.name == "create_goal" and not _GOAL_SAID.search(clause):
        return False  # "running late": no goal, wish or deadline said
    if call.name.startswith("move_") and _NOT_PLACED.search(clause):
        return False  # "X shouldnt be at 6 tho": where it should not be says nothing of where it goes
    agree = raw.name == call.name and raw.share >= STATEMENT_SHARE
    return raw.chat < STATEMENT_CHAT and (agree or raw.chat < STATEMENT_NO_CHAT)
