"""Requests said partly in another language ("quiero add a course", "cancela X de hoy", "ich brauche a ... block").

A learner who mixes languages often asks in their own and names things in English. The request words of a few
common languages (Spanish, Portuguese, German, French: verbs that ask, "I want/need", politeness, today and
tomorrow) are read as their English request words, so the rest of the understanding sees an English request.
Only the words that ask are replaced, at the head of a request (the message's start or after a connector), and
the day words in their own phrases ("de hoy"): a note's or a title's own words in those languages stay as said.
"""

from __future__ import annotations

import re

# Phrases first, longest first: each is a request marker of its language read as the English one.
_HEAD_PHRASES: dict[str, str] = {
    # a note verb with a pointing word: what follows is the note ("anota isso pra mim: X")
    r"(?:anota|apunta|anote|apunte|note|notiere)\s+(?:isso|isto|esto|eso|ça|cela|das)(?:\s+(?:pra|para|pour)\s+"
    r"(?:mim|m[ií]|moi))?": "take a note",
    r"(?:yo\s+)?(?:quiero|quisiera|necesito)": "i want to",
    r"(?:eu\s+)?(?:quero|queria|preciso(?:\s+de)?)": "i want to",
    r"ich\s+(?:brauche|möchte|moechte|will|hätte\s+gern(?:e)?)": "i need",
    r"(?:je\s+veux|je\s+voudrais|j'ai\s+besoin\s+d(?:e|'))": "i want to",
    r"(?:agrega|agregá|añade|añadí|adiciona|adicione|ajoute|füge)": "add",
    r"(?:crea|creá|cria|crie|crée|erstelle)": "create",
    r"(?:cancela|cancelá|cancele|annule|storniere)": "cancel",
    r"(?:borra|borrá|elimina|apaga|apague|supprime|lösche|loesche)": "delete",
    r"(?:mueve|mové|move|déplace|verschiebe)": "move",
    r"(?:anota|apunta|anote|apunte|notiere)": "note",
    r"(?:recuérdame|recuerdame|lembra-me|me\s+lembra|rappelle-moi|erinnere\s+mich)": "remind me",
    r"(?:muéstrame|muestrame|mostra|mostre|montre-moi|zeig(?:e)?\s+mir)": "show me",
}
# Politeness and the days, said anywhere: "porfa", "bitte", "de hoy", "pra amanhã".
_ANYWHERE: dict[str, str] = {
    r"por\s+favor|porfa|porfis|bitte|s'il\s+(?:te|vous)\s+pla[iî]t|stp|svp": "please",
    r"(?:de|para|pra|pro|für|fuer|d')\s*(?:hoy|hoje|heute|aujourd'hui)": "today",
    r"(?:de|para|pra|pro|für|fuer)\s+(?:mañana|manana|amanhã|amanha|morgen|demain)": "tomorrow",
}
_HEAD = re.compile(
    r"(?P<lead>^\W*|(?:[,;.!?]|\s(?:and|y|e|und|et))\s+)(?P<phrase>"
    + "|".join(f"(?:{p})" for p in _HEAD_PHRASES)
    + r")\b",
    re.I,
)
_COMPILED_HEADS = [(re.compile(rf"(?:{p})\Z", re.I), english) for p, english in _HEAD_PHRASES.items()]
_COMPILED_ANYWHERE = [(re.compile(rf"\b(?:{p})\b", re.I), english) for p, english in _ANYWHERE.items()]


def in_english(text: str) -> str:
    """``text`` with the request words of another language at a request's head read as English ones."""
    text = _HEAD.sub(lambda m: m["lead"] + _english_of(m["phrase"]), text)
    for pattern, english in _COMPILED_ANYWHERE:
        text = pattern.sub(english, text)
    return text


def _english_of(phrase: str) -> str:
    return next(english for pattern, english in _COMPILED_HEADS if pattern.match(phrase))
