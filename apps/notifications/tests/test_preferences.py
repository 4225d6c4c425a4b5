"""Channel switches per kind and quiet hours in the learner's zone, across midnight and DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Channel, Kind, NotificationSettings
from apps.notifications.preferences import channels_for, quiet_hours_end, settings_of
from apps.notifications.services.preferences import email_unsubscribe, notification_settings_update


def _quiet(start: time, end: time) -> NotificationSettings:
    return NotificationSettings(quiet_start=start, quiet_end=end)


@pytest.mark.parametrize(
    ("tz", "now", "end"),
    [
        # Across midnight, outside any DST change.
        ("Europe/Paris", datetime(2026, 1, 5, 22, 30, tzinfo=UTC), datetime(2026, 1, 6, 6, 0, tzinfo=UTC)),
        ("Europe/Paris", datetime(2026, 1, 6, 5, 59, tzinfo=UTC), datetime(2026, 1, 6, 6, 0, tzinfo=UTC)),
        ("Europe/Paris", datetime(2026, 1, 6, 6, 0, tzinfo=UTC), None),  # 07:00: over
        ("Europe/Paris", datetime(2026, 1, 5, 20, 59, tzinfo=UTC), None),  # 21:59: not yet
        # The night clocks go forward (29 March 2026, 02:00 -> 03:00): 07:00 CEST is 05:00 UTC.
        ("Europe/Paris", datetime(2026, 3, 28, 22, 0, tzinfo=UTC), datetime(2026, 3, 29, 5, 0, tzinfo=UTC)),
        # The night clocks go back (25 October 2026, 03:00 -> 02:00): 07:00 CET is 06:00 UTC.
        ("Europe/Paris", datetime(2026, 10, 24, 21, 0, tzinfo=UTC), datetime(2026, 10, 25, 6, 0, tzinfo=UTC)),
        ("America/New_York", datetime(2026, 3, 8, 3, 0, tzinfo=UTC), datetime(2026, 3, 8, 11, 0, tzinfo=UTC)),
        ("Asia/Kolkata", datetime(2026, 1, 5, 17, 0, tzinfo=UTC), datetime(2026, 1, 6, 1, 30, tzinfo=UTC)),
    ],
)
def test_quiet_hours_end_in_the_learners_zone(tz, now, end):
    assert quiet_hours_end(settings=_quiet(time(22, 0), time(7, 0)), tz=tz, now=now) == end


def test_quiet_hours_within_one_day_and_ending_in_a_skipped_hour():
    lunch = _quiet(time(12, 0), time(13, 30))
    assert quiet_hours_end(settings=lunch, tz="UTC", now=datetime(2026, 1, 5, 12, 10, tzinfo=UTC)) == datetime(
        2026, 1, 5, 13, 30, tzinfo=UTC
    )
    assert quiet_hours_end(settings=lunch, tz="UTC", now=datetime(2026, 1, 5, 13, 30, tzinfo=UTC)) is None
    # 02:30 does not exist in Paris on 29 March 2026: the hold ends at the first instant after the gap's start.
    gap = _quiet(time(1, 0), time(2, 30))
    end = quiet_hours_end(settings=gap, tz="Europe/Paris", now=datetime(2026, 3, 29, 0, 30, tzinfo=UTC))
    assert end == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST
    assert quiet_hours_end(settings=NotificationSettings(), tz="UTC", now=datetime(2026, 1, 5, tzinfo=UTC)) is None


@pytest.mark.django_db
def test_channels_per_kind_follow_defaults_then_overrides(user):
    assert channels_for(user, settings_of(user), Kind.REMINDERS) == {Channel.IN_APP, Channel.PUSH}
    assert channels_for(user, settings_of(user), Kind.DIGESTS) == {Channel.EMAIL}

    notification_settings_update(user=user, data={"channels": {"reminders": {"push": False, "email": True}}})
    notification_settings_update(user=user, data={"channels": {"reminders": {"in_app": False}}})
    user.refresh_from_db()

    assert channels_for(user, settings_of(user), Kind.REMINDERS) == {Channel.EMAIL}
    assert channels_for(user, settings_of(user), Kind.NUDGES) == {Channel.IN_APP, Channel.PUSH}
    email_unsubscribe(user=user, kind=Kind.REMINDERS)
    user.refresh_from_db()
    assert channels_for(user, settings_of(user), Kind.REMINDERS) == set()


@pytest.mark.django_db
def test_the_profiles_email_reminders_preference_is_the_default_of_reminder_emails():
    wants = UserFactory.create(preferences={"email_reminders": True})
    assert Channel.EMAIL in channels_for(wants, settings_of(wants), Kind.REMINDERS)
    notification_settings_update(user=wants, data={"channels": {"reminders": {"email": False}}})
    wants.refresh_from_db()
    assert Channel.EMAIL not in channels_for(wants, settings_of(wants), Kind.REMINDERS)
