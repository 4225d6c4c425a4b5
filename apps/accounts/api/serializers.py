"""Serializers of the accounts API."""

from typing import Any

from rest_framework import serializers

from apps.accounts.models import Notification, Tier, User
from apps.accounts.preferences import PreferencesSerializer
from maigie import fields


def password_field() -> fields.CharField:
    """A password: kept exactly as typed, rendered as a password input."""
    return fields.CharField(trim_whitespace=False, style={"input_type": "password"})


class UserSerializer(serializers.ModelSerializer[User]):
    """A user as the API shows it to themselves."""

    class Meta:
        model = User
        fields = ["id", "email", "name", "tier", "timezone", "preferences", "email_verified", "created_at"]
        read_only_fields = fields


class StaffUserSerializer(serializers.ModelSerializer[User]):
    """A user as staff see it."""

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "name",
            "tier",
            "timezone",
            "email_verified",
            "is_active",
            "is_staff",
            "last_login",
            "created_at",
        ]
        read_only_fields = fields


class TokenPairOutputSerializer(serializers.Serializer[Any]):
    access = fields.CharField()
    refresh = fields.CharField()
    user = UserSerializer()


class TokenOnlyPairSerializer(serializers.Serializer[Any]):
    access = fields.CharField()
    refresh = fields.CharField()


class LoginInputSerializer(serializers.Serializer[Any]):
    email = fields.EmailField()
    password = password_field()


class RegisterInputSerializer(serializers.Serializer[Any]):
    email = fields.EmailField()
    password = password_field()
    name = fields.CharField(max_length=150, required=False, allow_blank=True, default="")
    timezone = fields.CharField(max_length=64, required=False, default="UTC", help_text="IANA zone")


class CodeInputSerializer(serializers.Serializer[Any]):
    code = fields.CharField(max_length=12)


class RefreshInputSerializer(serializers.Serializer[Any]):
    refresh = fields.CharField()


class PasswordChangeInputSerializer(serializers.Serializer[Any]):
    current_password = password_field()
    new_password = password_field()


class EmailInputSerializer(serializers.Serializer[Any]):
    email = fields.EmailField()


class PasswordResetInputSerializer(serializers.Serializer[Any]):
    email = fields.EmailField()
    code = fields.CharField(max_length=12)
    new_password = password_field()


class GoogleInputSerializer(serializers.Serializer[Any]):
    id_token = fields.CharField()


class MeUpdateInputSerializer(serializers.Serializer[Any]):
    name = fields.CharField(max_length=150, required=False, allow_blank=True)
    timezone = fields.CharField(max_length=64, required=False, help_text="IANA zone, e.g. Europe/Paris")
    preferences = PreferencesSerializer(required=False)


class PasswordConfirmInputSerializer(serializers.Serializer[Any]):
    password = password_field()


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "data", "read_at", "created_at"]
        read_only_fields = fields


class ReadAllOutputSerializer(serializers.Serializer[Any]):
    updated = serializers.IntegerField()


class TierInputSerializer(serializers.Serializer[Any]):
    tier = serializers.ChoiceField(choices=Tier.choices)


class DayCountSerializer(serializers.Serializer[Any]):
    day = fields.DateField()
    users = serializers.IntegerField()


class PlatformStatsSerializer(serializers.Serializer[Any]):
    users_total = serializers.IntegerField()
    users_active_accounts = serializers.IntegerField()
    new_users_this_week = serializers.IntegerField()
    daily_active_users = serializers.IntegerField()
    daily_active_users_last_7_days = DayCountSerializer(many=True)
