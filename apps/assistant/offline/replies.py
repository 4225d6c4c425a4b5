"""Short replies the offline provider gives when a message asks for nothing: thanks get an acknowledgement."""

from __future__ import annotations

import re

ACKNOWLEDGEMENT = "You're welcome! Tell me whenever you need something else."
_THANKS = re.compile(
    r"\b(?:thanks|thank\s*(?:you|u)|thankyou|thx|thnx|ty|tysm|tyvm|cheers|appreciate\s+(?:it|that|this|you)|"
    r"much\s+appreciated)\b",
    re.I,
)
MAX_WORDS = 12  # a longer message says more than thanks


def is_thanks(text: str) -> bool:
    """Whether a short message thanks the assistant without asking anything ("thanks!", "ty that helped")."""
    return bool(_THANKS.search(text)) and len(text.split()) <= MAX_WORDS and not text.rstrip().endswith("?")
