"""Who gets what where: default channel switches per kind, and quiet hours in the learner's zone."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from apps.accounts.models import User
from apps.notifications.models import Channel, Kind, NotificationSettings

# JSON keys of the preferences: the lower-case names of Kind and Channel.
KIND_KEYS = {kind: kind.value.lower() for kind in Kind}
CHANNEL_KEYS = {channel: channel.value.lower() for channel in Channel}

DEFAULT_CHANNELS: dict[str, dict[str, bool]] = {
    "reminders": {"in_app": True, "push": True, "email": False},
    "nudges": {"in_app": True, "push": True, "email": False},
    "digests": {"in_app": False, "push": False, "email": True},
    "billing": {"in_app": True, "push": False, "email": True},
    "spaces": {"in_app": True, "push": True, "email": False},
}


def settings_of(user: User) -> NotificationSettings:
    """The user's saved settings, or the defaults (unsaved) when they never changed any."""
    try:
        return user.notification_settings
    except NotificationSettings.DoesNotExist:
        return NotificationSettings(user=user)


def channel_matrix(user: User, settings: NotificationSettings) -> dict[str, dict[str, bool]]:
    """Every kind's channel switches: the defaults, then the saved overrides."""
    matrix = {kind: dict(switches) for kind, switches in DEFAULT_CHANNELS.items()}
    # The older profile preference ``email_reminders`` stays the default of reminders by e-mail.
    matrix["reminders"]["email"] = user.preferences.get("email_reminders") is True
    for kind, switches in (settings.channels or {}).items():
        if kind in matrix and isinstance(switches, dict):
            matrix[kind].update({k: v for k, v in switches.items() if k in matrix[kind] and isinstance(v, bool)})
    return matrix


def channels_for(user: User, settings: NotificationSettings, kind: Kind) -> set[Channel]:
    """The channels ``kind`` goes to for ``user``."""
    switches = channel_matrix(user, settings)[KIND_KEYS[kind]]
    return {channel for channel, key in CHANNEL_KEYS.items() if switches.get(key)}


def in_quiet_hours(start: time, end: time, moment: time) -> bool:
    """Whether the local ``moment`` falls in [start, end) (which may wrap past midnight)."""
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def quiet_hours_end(*, settings: NotificationSettings, tz: str, now: datetime) -> datetime | None:
    """When the quiet hours around ``now`` end (aware), or None if ``now`` is outside them."""
    start, end = settings.quiet_start, settings.quiet_end
    if start is None or end is None or start == end:
        return None
    zone = ZoneInfo(tz)
    local = now.astimezone(zone)
    if not in_quiet_hours(start, end, local.time()):
        return None
    day = local.date() if local.time() < end else local.date() + timedelta(days=1)
    # A wall time skipped by a DST change is read with the offset before it (fold=0), i.e. the next real instant.
    return datetime.combine(day, end, tzinfo=zone).astimezone(ZoneInfo("UTC"))
