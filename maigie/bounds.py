"""The window of dates and times Maigie accepts, as Django validators (API fields, services, models)."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import ValidationError

EARLIEST_DATETIME = datetime(1970, 1, 1, tzinfo=UTC)
LATEST_DATETIME = datetime(2200, 1, 1, tzinfo=UTC)  # exclusive
EARLIEST_DATE = EARLIEST_DATETIME.date()
LATEST_DATE = (LATEST_DATETIME - timedelta(days=1)).date()  # inclusive: 2199-12-31
WINDOW_TEXT = "between 1970-01-01T00:00:00Z and 2199-12-31T23:59:59Z"
DATE_WINDOW_TEXT = "between 1970-01-01 and 2199-12-31"


def validate_moment(value: datetime) -> None:
    """Refuse an aware datetime outside [:data:`EARLIEST_DATETIME`, :data:`LATEST_DATETIME`)."""
    if not EARLIEST_DATETIME <= value < LATEST_DATETIME:
        raise ValidationError(f"Must be {WINDOW_TEXT}.", code="out_of_range")


def validate_day(value: date) -> None:
    """Refuse a date outside [:data:`EARLIEST_DATE`, :data:`LATEST_DATE`]."""
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise ValidationError(f"Must be {DATE_WINDOW_TEXT}.", code="out_of_range")


def validate_finite(value: float) -> None:
    """Refuse NaN and the infinities."""
    if not math.isfinite(value):
        raise ValidationError("Must be a finite number.", code="invalid")
