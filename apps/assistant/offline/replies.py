"""Short replies the offline provider gives when a message asks for nothing: thanks, greetings."""

from __future__ import annotations

import re

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
