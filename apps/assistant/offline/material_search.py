"""A search of the learner's uploaded material: "what do my slides say about X", "find X in my pdfs".

A message that names the learner's own uploads (slides, PDFs, handouts, readings, the textbook, lecture
recordings, "my materials") and asks to search them or what they say is one ``search_materials`` call
with the subject asked about. Notes are not material: "what do my notes say" stays a note search.
A message that makes something from the material ("make flashcards from my slides") or plans its study at a
time ("go through the lecture videos every morning at 7") is no search.
"""

from __future__ import annotations

import re

from .calls import ToolCall

_MATERIAL = (
    r"(?:my|the|our)\s+(?:(?:uploaded|lecture|class|course|week\s*\d+|\w+)\s+){0,2}"
    r"(?:slides?|slide\s*decks?|decks?|pdfs?|uploads?|materials?|handouts?|readings?|textbooks?|"
    r"recordings?|lecture\s+videos?|powerpoints?|ppts?|documents?|docs|files)"
)
_SEARCHES = re.compile(r"\b(?:search|look\s+(?:up|for|through|in)|find|check|dig\s+through|scan|grep)\b", re.I)
_ASKS_WHAT = re.compile(
    rf"\bwhere\s+in\s+{_MATERIAL}\s+(?:is|are|do|does)\b|"
    rf"\b(?:what|how|where|which\s+\w+)\b.*\b{_MATERIAL}\s+(?:say|said|says|mention|cover|covers|explain|explains|"
    r"have|has|tell\s+me)\b|\b(?:does|do|did)\s+" + _MATERIAL + r"\s+(?:say|mention|cover|explain|talk)\b",
    re.I,
)
_NAMES_MATERIAL = re.compile(rf"\b{_MATERIAL}\b", re.I)
# Making or changing something (from) the material, or any other request beside it, is no search.
_MAKES = re.compile(
    r"\b(?:flash\s*cards?|quiz|make|create|generate|summari[sz]e|upload|delete|remove|rename|tag|add|remind|note|"
    r"task|goal|schedule|book|put|set|save|remember|also)\b",
    re.I,
)
# A time plans study of the material ("go through the lecture videos every morning at 7"), it does not search it.
_WHEN = re.compile(
    r"\b(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)|at\s+\d|\d{1,2}:\d{2}|every|each|daily|weekly|tonight|tomorrow|tmrw|"
    r"today|morning|evening|afternoon|weekend|(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?s?|"
    r"next\s+week|this\s+week|mins?|minutes?|hours?|hrs?)\b",
    re.I,
)
_SUBJECT_AFTER = re.compile(
    r"\b(?:about|on|for|regarding|re|mentions?|mentioning|covers?|explains?|where\s+(?:is|are))\s+"
    r"(?:(?:anything|something|stuff|everything|info|information)\s+(?:on|about|regarding)\s+)?(?P<subject>.+)$",
    re.I,
)
_VERB_LEAD = re.compile(
    r"^\W*(?:(?:can|could|would)\s+you\s+|(?:please|pls|plz)\s+|hey\s+|ok\s+|so\s+)*"
    r"(?:search|look\s+(?:up|for|through|in)|find|check|dig\s+through|scan|grep)\s+(?:me\s+)?",
    re.I,
)
_PLACE = re.compile(rf"\s*\b(?:in|from|inside|within|across|through)?\s*{_MATERIAL}\b\s*", re.I)
_ENDS = re.compile(r"[\s?.!,]+$|^\W+|\s+(?:please|pls|plz|thanks|thx)\W*$", re.I)


def material_search(text: str) -> list[ToolCall]:
    """``search_materials`` for a message that searches the learner's uploads or asks what they say; else none."""
    if not _NAMES_MATERIAL.search(text) or _MAKES.search(text) or _WHEN.search(text):
        return []
    if not (_SEARCHES.search(text) or _ASKS_WHAT.search(text)):
        return []
    subject = _subject(text)
    return [ToolCall("search_materials", {"query": subject})] if subject else []


def _subject(text: str) -> str:
    """What the message looks for: after "about/for/on", else the message without the verb and the place."""
    after = _SUBJECT_AFTER.search(_PLACE.sub(" ", text).strip())
    subject = after["subject"] if after else _PLACE.sub(" ", _VERB_LEAD.sub("", text))
    subject = _ENDS.sub("", _ENDS.sub("", subject.strip()))
    return subject if re.search(r"[^\W\d_]{2,}", subject) else ""
