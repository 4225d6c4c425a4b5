"""Serializers of the accounts API."""

from typing import Any

from rest_framework import serializers

from apps.accounts.models import User


class UserSerializer(serializers.ModelSerializer[User]):
    """A user as the API shows it to themselves."""

    class Meta:
        model = User
        fields = ["id", "email", "name", "tier", "timezone", "preferences", "email_verified", "created_at"]
        read_only_fields = fields


class LoginInputSerializer(serializers.Serializer[Any]):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False, style={"input_type": "password"})


class TokenPairOutputSerializer(serializers.Serializer[Any]):
    access = serializers.CharField()
    refresh = serializers.CharField()
    user = UserSerializer()
