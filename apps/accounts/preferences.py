"""The documented schema of ``User.preferences`` (see docs/authentication.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from rest_framework import serializers

from maigie import fields


class PreferencesSerializer(serializers.Serializer[Any]):
    """Every key a client may store in a user's preferences; all optional, unknown keys refused."""

    theme = serializers.ChoiceField(choices=["light", "dark", "system"], required=False)
    language = fields.RegexField(r"^[a-z]{2}(-[A-Z]{2})?$", required=False, help_text="BCP 47, e.g. en or pt-BR")
    week_start = serializers.ChoiceField(choices=["monday", "sunday"], required=False)
    daily_study_minutes = fields.IntegerField(min_value=0, max_value=1440, required=False)
    reminder_minutes_before = fields.IntegerField(min_value=0, max_value=1440, required=False)
    email_notifications = fields.BooleanField(required=False)
    email_reminders = fields.BooleanField(required=False, help_text="E-mail each schedule reminder too")
    email_weekly_report = fields.BooleanField(required=False, help_text="E-mail a progress report on Mondays")
    push_notifications = fields.BooleanField(required=False)
    desired_retention = fields.FloatField(
        min_value=0.7, max_value=0.99, required=False, help_text="Share of cards to recall when due (FSRS; 0.9)"
    )
    day_start_hour = fields.IntegerField(
        min_value=0, max_value=23, required=False, help_text="Local hour a study day starts (default 4)"
    )

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({key: ["Unknown preference."] for key in unknown})
        return super().to_internal_value(data)


def validate_preferences(value: Any) -> dict[str, Any]:
    """``value`` checked against the schema, or a Django ``ValidationError`` keyed ``preferences``."""
    serializer = PreferencesSerializer(data=value)
    if not serializer.is_valid():
        raise ValidationError(
            {
                "preferences": [
                    f"{key}: {' '.join(map(str, msgs)) if isinstance(msgs, list) else msgs}"
                    for key, msgs in serializer.errors.items()
                ]
            }
        )
    return dict(serializer.validated_data)
