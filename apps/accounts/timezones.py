"""IANA time zone validation."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from django.core.exceptions import ValidationError


@lru_cache(maxsize=1)
def available_timezones() -> frozenset[str]:
    """Every IANA zone name, as listed by the ``tzdata`` package: the same set on every host.

    ``zoneinfo.available_timezones()`` also lists the host's zoneinfo files, e.g. ``localtime`` (the
    server's own zone, absent on other hosts: a learner stored with it would break there).
    """
    return frozenset(resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8").split())


def validate_timezone(value: str) -> None:
    """Refuse anything that is not an IANA zone name such as ``Europe/Paris``."""
    if value not in available_timezones():
        raise ValidationError("%(value)s is not an IANA time zone.", code="invalid_timezone", params={"value": value})
