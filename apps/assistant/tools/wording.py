"""A failed tool call in words for the learner: the call as a phrase and the reason, without field names."""

from __future__ import annotations

import re

# ``field: message`` (a service's validation error) or ``field.0.sub: message`` (a refused argument).
_FIELD = re.compile(r"^(?P<field>[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)*): (?P<message>.+)$", re.DOTALL)
_PRONOUNS = {"me": "you", "my": "your"}


def call_in_words(name: str) -> str:
    """``create_schedule_block`` as "create the schedule block", ``quiz_me`` as "quiz you"."""
    words = [_PRONOUNS.get(word, word) for word in name.split("_")]
    if len(words) > 1 and words[1] not in _PRONOUNS.values():
        words.insert(1, "the")
    return " ".join(words)


def _reason(part: str) -> str:
    """One reason of an error: a field's name is dropped, or, for a bound the argument broke, put in words."""
    match = _FIELD.match(part.strip())
    if match is None:
        return part.strip()
    message = match["message"].strip().removeprefix("Value error, ")
    if message.startswith("Input "):  # "duration_minutes: Input should be less than or equal to 1440"
        field = match["field"].split(".")[0].replace("_", " ")
        return f"{field.capitalize()} {message.removeprefix('Input ')}"
    return message


def failure_reply(*, tool_name: str, error: str) -> str:
    """'I could not create the schedule block: Duration minutes should be at most … .', one final stop."""
    reasons = [_reason(part).rstrip(". ") for part in error.split("; ") if part.strip()]
    if not reasons:
        return f"I could not {call_in_words(tool_name)}."
    text = "; ".join(reasons)
    return f"I could not {call_in_words(tool_name)}: {text}{'' if text.endswith(('?', '!')) else '.'}"
