"""IANA time zone validation."""

from __future__ import annotations

import zoneinfo
from functools import lru_cache

from django.core.exceptions import ValidationError


@lru_cache(maxsize=1)
def available_timezones() -> frozenset[str]:
    """Every IANA zone name this Python knows."""
    return frozenset(zoneinfo.available_timezones())


def validate_timezone(value: str) -> None:
    """Refuse anything that is not an IANA zone name such as ``Europe/Paris``."""
    if value not in available_timezones():
        raise ValidationError("%(value)s is not an IANA time zone.", code="invalid_timezone", params={"value": value})
