"""Short replies the offline provider gives when a message asks for nothing: thanks, greetings, farewells, luck."""

from __future__ import annotations

import re

from .abstain import LUCK as LUCK_RE
from .abstain import form
from .grounded import is_question

ACKNOWLEDGEMENT = "You're welcome! Tell me whenever you need something else."
_THANKS = re.compile(
    r"\b(?:thanks|thank\s*(?:you|u)|thankyou|thx|thnx|ty|tysm|tyvm|cheers|appreciate\s+(?:it|that|this|you)|"
    r"much\s+appreciated)\b",
    re.I,
)
MAX_WORDS = 12  # a longer message says more than thanks
GREETING = "Hi! What are we studying today?"
_GREETING = re.compile(
    r"^\W*(?:(?:hi|hii+|hey+|hello+|helo|hiya|howdy|yo|heya|sup|hallo|hola|greetings|morning|evening|afternoon|"
    r"good\s+(?:morning|afternoon|evening|day))\W*)+(?:(?:there|again|maigie|everyone|friend|buddy|bot)\W*)*$",
    re.I,
)


def is_greeting(text: str) -> bool:
    """Whether the message only greets ("hi", "hello there!", "good morning 👋")."""
    return bool(_GREETING.match(text.strip()))


def is_thanks(text: str) -> bool:
    """Whether a short message thanks the assistant without asking anything ("thanks!", "ty that helped").

    What the thanks leave must ask for nothing: "explain entropy, thanks" is a request, "thanks. what
    does my note say about SN1" a question, and both are answered.
    """
    if not _THANKS.search(text) or len(text.split()) > MAX_WORDS or text.rstrip().endswith("?"):
        return False
    rest = _THANKS.sub(" ", text).strip(" \t\n.,;:!-")
    return not rest or (form(rest) != "request" and not is_question(rest))


FAREWELL = "Talk soon! I'm here whenever you want to plan or review something."
_FAREWELL = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|k|alright|right|well|anyway|cool|great|thanks|thx|ty|"
    r"(?:that'?s|thats)\s+(?:it|all)(?:\s+for\s+(?:now|today|tonight|this\s+week|the\s+(?:day|week|night)))?)\b\W*)*"
    r"(?:(?:good\s*)?night|nite|gn|g'?night|(?:good)?bye+|bye\s+bye|cya|see\s+(?:you|ya|u)|ttyl|laters?(?=\W*$)|"
    r"catch\s+(?:you|ya|u)\s+later|talk\s+(?:to\s+(?:you|u)\s+)?(?:later|tomorrow|tmrw|soon)|gotta\s+go|g2g|"
    r"i'?m\s+off|off\s+to\s+bed|heading\s+(?:out|off|to\s+bed))\b",
    re.I,
)
LUCK = "Good luck, you've got this! If you want, I can plan study time for it."


def is_farewell(text: str) -> bool:
    """Whether the message says goodbye and asks for nothing ("good night, talk tomorrow", "ok bye!")."""
    return bool(_FAREWELL.match(text.strip())) and _asks_nothing(_FAREWELL.sub(" ", text.strip(), count=1))


def wishes_luck(text: str) -> bool:
    """Whether the message asks for luck with what lies ahead and nothing else ("2 midterms next week, wish me
    luck")."""
    return bool(LUCK_RE.search(text)) and len(text.split()) <= 2 * MAX_WORDS and _asks_nothing(LUCK_RE.sub(" ", text))


def _asks_nothing(rest: str) -> bool:
    pieces = [p for p in re.split(r"[,.;!?]+|\s+(?:and|so)\s+", rest) if p.strip(" \t\n-")]
    return all(form(p) != "request" and not is_question(p) for p in pieces)
