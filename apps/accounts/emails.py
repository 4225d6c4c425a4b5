"""E-mail addresses: one canonical form for every way in (sign-up, login, password reset,
Google sign-in, staff API, admin), so look-alike spellings cannot open a second account.

The rules (docs/authentication.md): Unicode NFKC; no invisible or control characters (categories
Cf, Cc...: soft hyphen, zero-width joiners, bidi marks); the domain mapped and checked by IDNA 2008
with UTS #46 and kept in its Unicode form; no label (nor the local part) mixing scripts beyond
UTS #39's "highly restrictive" sets; no dotless or dotted capital i; lower-cased.
"""

from __future__ import annotations

import unicodedata

import idna
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

MAX_LENGTH = 254
LOOKALIKE_I = {"\u0131", "\u0130"}  # dotless i, capital I with dot: read as "i"
# Scripts that may share a label (UTS #39 highly restrictive): Japanese, Chinese, Korean with Latin.
SCRIPT_MIXES = (
    frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "HAN", "BOPOMOFO"}),
    frozenset({"LATIN", "HAN", "HANGUL"}),
)


def _refuse(message: str) -> ValidationError:
    return ValidationError({"email": [message]})


def _script(char: str) -> str | None:
    """The script of a letter, from its Unicode name (``CYRILLIC SMALL LETTER A``); None for others."""
    if not unicodedata.category(char).startswith("L"):
        return None
    word = unicodedata.name(char, "").split(" ")[0]
    if word == "CJK":
        return "HAN"
    return None if word in {"", "MODIFIER"} or "-" in word else word


def _single_script(label: str) -> bool:
    scripts = {script for script in map(_script, label) if script is not None}
    return len(scripts) <= 1 or any(scripts <= allowed for allowed in SCRIPT_MIXES)


def normalize_email(email: str) -> str:
    """The canonical form of ``email``; raises ``ValidationError({"email": [...]})`` if it is refused."""
    value = unicodedata.normalize("NFKC", email).strip()
    if any(unicodedata.category(char).startswith("C") for char in value):
        raise _refuse("E-mail addresses may not contain invisible or control characters.")
    if LOOKALIKE_I & set(value):
        raise _refuse("E-mail addresses may not contain a dotless i or a dotted capital I (U+0131, U+0130).")
    local, at, domain = value.rpartition("@")
    if not at or not local or not domain or domain.endswith("."):
        raise _refuse("Enter a valid e-mail address.")
    try:
        domain = idna.decode(idna.encode(domain, uts46=True))
    except (idna.IDNAError, UnicodeError) as exc:
        raise _refuse("The e-mail address's domain is not a valid internationalised domain name.") from exc
    local = local.lower()
    if not all(_single_script(part) for part in (local, *domain.split("."))):
        raise _refuse("E-mail addresses may not mix writing systems (e.g. Latin and Cyrillic) in one part.")
    address = f"{local}@{domain}"
    if len(address) > MAX_LENGTH:
        raise _refuse(f"E-mail addresses have at most {MAX_LENGTH} characters.")
    try:
        validate_email(address)
    except ValidationError as exc:
        raise _refuse("Enter a valid e-mail address.") from exc
    return address
