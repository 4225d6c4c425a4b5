"""Serializer fields every API serializer uses: strings only from JSON strings, bounded dates and numbers.

DRF's own fields coerce ``0`` or ``true`` into a string, a number into a UUID, ``true`` into ``1.0``,
``"yes"`` or ``1`` into ``true``, and accept any year from 1 to 9999. These refuse what a client cannot
have meant and keep dates and times in the window of :mod:`maigie.bounds` (written into the schema's
description); numbers must declare both bounds, so the schema shows ``minimum`` and ``maximum``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone
from django.utils.dateparse import date_re, datetime_re, parse_datetime
from rest_framework import serializers
from rest_framework.utils import html

from maigie.bounds import DATE_WINDOW_TEXT, WINDOW_TEXT, validate_day, validate_moment
from maigie.request_context import input_timezone

END_OF_DAY = datetime.time(23, 59)  # what a deadline given as a plain date means, in the user's time zone
NAIVE_TEXT = "A time without an offset is read in the user's time zone (a time its clocks skip is refused)."
TEXT_INPUT = "text_input"  # serializer context: the data is a query string's values (``maigie.api.query_filters``)


def from_text(field: serializers.Field) -> bool:
    """Whether ``field``'s input is text (a query string or a form body), not a JSON document."""
    root = field.root
    return bool(root.context.get(TEXT_INPUT)) or html.is_html_input(getattr(root, "initial_data", None))


class StrictString(serializers.Field):
    """Refuses any JSON value but a string (query-string values are always strings)."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class CharField(StrictString, serializers.CharField):
    default_error_messages = {"invalid": "Not a valid string."}


class EmailField(StrictString, serializers.EmailField):
    pass


class URLField(StrictString, serializers.URLField):
    pass


class RegexField(StrictString, serializers.RegexField):
    pass


class UUIDField(StrictString, serializers.UUIDField):
    default_error_messages = {"invalid": "Must be a valid UUID string."}


def _described(kwargs: dict[str, Any], window: str) -> dict[str, Any]:
    """``kwargs`` whose help text ends with the accepted window."""
    text = str(kwargs.get("help_text") or "").strip()
    kwargs["help_text"] = f"{text} {window[0].upper()}{window[1:]}.".strip()
    return kwargs


@contextmanager
def _impossible_if_well_formed(field: serializers.Field, value: Any, pattern: re.Pattern[str]) -> Iterator[None]:
    """DRF's "wrong format" error, said as "not a real date" when ``value`` has the ISO form (2026-02-30, 25:00)."""
    try:
        yield
    except serializers.ValidationError as exc:
        if not (isinstance(value, str) and pattern.match(value.strip()) and exc.get_codes() == ["invalid"]):
            raise
        field.fail("impossible", value=value.strip())


class DateTimeField(serializers.DateTimeField):
    """An ISO-8601 date and time within the accepted window; without an offset, in the user's time zone.

    Answers are always UTC (``Z``): only reading is done in the user's zone.
    """

    default_error_messages = {
        "impossible": "“{value}” is not a real date and time: check the day of the month, the hour (0-23), "
        "the minute (0-59) and the offset.",
        "skipped": "“{value}” does not exist in {zone}: the clocks skip that time that day (daylight saving). "
        "Give a time before or after the change, or an offset.",
        "out_of_range": f"Must be {WINDOW_TEXT}.",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_described(kwargs, WINDOW_TEXT + " " + NAIVE_TEXT))
        self.validators.append(validate_moment)

    def to_internal_value(self, value: Any) -> datetime.datetime:
        zone = input_timezone() or "UTC"
        with timezone.override(zone), _impossible_if_well_formed(self, value, datetime_re):
            try:
                moment: datetime.datetime = super().to_internal_value(value).astimezone(datetime.UTC)
            except OverflowError:  # a local time at the calendar's ends (9999-12-31T23:30 in New York)
                self.fail("out_of_range")
            wall_clock = parse_datetime(value.strip()) if isinstance(value, str) else None
            if wall_clock is not None and timezone.is_naive(wall_clock) and timezone.make_naive(moment) != wall_clock:
                self.fail("skipped", value=value.strip(), zone=zone)  # read back, it is another time: in a gap
        return moment

    def to_representation(self, value: Any) -> Any:
        with timezone.override(datetime.UTC):
            return super().to_representation(value)


class DeadlineField(DateTimeField):
    """A deadline: a date and time as :class:`DateTimeField`, or a plain date (``2026-12-20``) meaning the end
    of that day, 23:59 in the user's time zone, as the assistant reads "due Friday"."""

    def __init__(self, **kwargs: Any) -> None:
        text = str(kwargs.get("help_text") or "").strip()
        kwargs["help_text"] = f"{text} A plain date means 23:59 that day in the user's time zone.".strip()
        super().__init__(**kwargs)

    def to_internal_value(self, value: Any) -> datetime.datetime:
        if isinstance(value, str) and date_re.match(value.strip()):
            value = f"{value.strip()}T{END_OF_DAY.isoformat()}"
        return super().to_internal_value(value)


class DateField(serializers.DateField):
    """An ISO-8601 date within the accepted window."""

    default_error_messages = {
        "impossible": "“{value}” is not a real date: check the month (1-12) and the day of the month."
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**_described(kwargs, DATE_WINDOW_TEXT))
        self.validators.append(validate_day)

    def to_internal_value(self, value: Any) -> datetime.date:
        with _impossible_if_well_formed(self, value, date_re):
            day: datetime.date = super().to_internal_value(value)
        return day


class BooleanField(serializers.BooleanField):
    """``true`` or ``false`` in JSON; from a query string or a form, DRF's words (``true``, ``false``, ``1``, ...)."""

    default_error_messages = {"not_boolean": "Must be true or false (a JSON boolean)."}

    def to_internal_value(self, data: Any) -> bool:
        if isinstance(data, bool):
            return data
        if not from_text(self):
            self.fail("not_boolean")
        return super().to_internal_value(data)


class FileField(serializers.FileField):
    """One uploaded file: a form with two parts of this name is refused, not read as its last part."""

    default_error_messages = {"repeated": "Send one file in this field; the request has {count}."}

    def get_value(self, dictionary: Any) -> Any:
        if html.is_html_input(dictionary) and len(parts := dictionary.getlist(self.field_name)) > 1:
            return parts
        return super().get_value(dictionary)

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, list):
            self.fail("repeated", count=len(data))
        return super().to_internal_value(data)


class StrictNumber(serializers.Field):
    """Refuses booleans (DRF reads ``true`` as 1)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class IntegerField(StrictNumber, serializers.IntegerField):
    """An integer with both bounds declared."""

    def __init__(self, *, min_value: int, max_value: int, **kwargs: Any) -> None:
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class FloatField(StrictNumber, serializers.FloatField):
    """A finite number (DRF refuses NaN and the infinities) with both bounds declared."""

    def __init__(self, *, min_value: float, max_value: float, **kwargs: Any) -> None:
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)
