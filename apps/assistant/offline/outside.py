"""A request no tool does, said beside one the app does: "the ML final is sept 10, add it pls. also can u email my
TA about office hrs". The outside request (write to, call or tell a person) is dropped so the rest is read; alone, it
asks for nothing the app can do and is read as it is."""

from __future__ import annotations

import re

_PERSON = (
    r"(?:ta|tutor|prof\w*|teacher|lecturer|instructor|mom|mum|dad|mother|father|parents?|friends?|sister|brother|"
    r"roommate|boss|advisor|adviser|classmates?|study\s+group|lab\s+partner|bf|gf|boyfriend|girlfriend|partner)"
)
# "... also can u email my TA about office hrs", "..., and text my mom that i'm studying".
_OUTSIDE = re.compile(
    r"(?:[.;!?]+\s+|\s*,\s*|\s+(?=(?:and|also|plus)\s))(?:(?:and|also|plus|oh|then|pls|please)\W+)*"
    r"(?:(?:can|could|would|will)\s+(?:you|u|ya)\s+(?:also\s+|please\s+|pls\s+)?)?"
    rf"(?:email|e-mail|text|message|msg|dm|call|phone|ring|tell|ask|ping)\s+(?:my|the|our)\s+{_PERSON}\b[^.;!?]*[.;!?]*",
    re.I,
)


def without_outside_request(text: str) -> str:
    """``text`` without a request to write to, call or tell a person, said after a request of its own."""
    rest = _OUTSIDE.sub("", text).strip()
    return rest if rest and rest != text.strip() else text
