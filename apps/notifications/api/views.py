"""Notifications API: devices, the VAPID public key, preferences, unsubscribe links."""

from __future__ import annotations

from datetime import time
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.accounts.models import User
from apps.notifications.models import Device, DeviceKind, DigestFrequency, NotificationSettings
from apps.notifications.preferences import channel_matrix, settings_of
from apps.notifications.selectors import device_get, device_list
from apps.notifications.services.devices import device_delete, device_register
from apps.notifications.services.preferences import email_unsubscribe, notification_settings_update
from apps.notifications.services.vapid import vapid_config
from apps.notifications.unsubscribe import unsubscribe_read
from maigie import fields
from maigie.api import EnumChoiceField, paginated_response, query_filters, validated
from maigie.errors import NotConfigured
from maigie.preconditions import IfMatchMixin

HH_MM = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"


class DeviceOutputSerializer(serializers.ModelSerializer[Device]):
    class Meta:
        model = Device
        fields = ["id", "kind", "endpoint", "user_agent", "created_at", "last_success_at"]
        read_only_fields = fields

    endpoint = fields.CharField(read_only=True, help_text="The Web Push endpoint URL; empty for an FCM token.")


class PushKeysSerializer(serializers.Serializer[Any]):
    p256dh = fields.CharField(max_length=128, help_text="The browser's P-256 public key, base64url.")
    auth = fields.CharField(max_length=64, help_text="The 16-byte auth secret, base64url.")


class DeviceListApi(APIView):
    """List the user's push devices or register one (a Web Push subscription or an FCM token)."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "DeviceCreate"

        kind = EnumChoiceField(choices=DeviceKind.choices, default=DeviceKind.WEB_PUSH)
        endpoint = fields.URLField(max_length=2048, required=False, help_text="PushSubscription.endpoint (https).")
        keys = PushKeysSerializer(required=False, help_text="PushSubscription.toJSON().keys (Web Push).")
        token = fields.CharField(max_length=4096, required=False, help_text="FCM registration token.")
        expirationTime = fields.FloatField(  # PushSubscription.toJSON()'s own key: ms since the epoch, or null
            required=False,
            allow_null=True,
            min_value=0,
            max_value=1e16,
            help_text="PushSubscription.toJSON().expirationTime: accepted, not used.",
        )
        user_agent = fields.CharField(
            max_length=512, required=False, allow_blank=True, help_text="Default: the User-Agent header."
        )

    @extend_schema(responses={200: DeviceOutputSerializer(many=True)}, tags=["notifications"])
    def get(self, request: Request) -> Response:
        return paginated_response(request, device_list(user=current_user(request)), DeviceOutputSerializer, view=self)

    @extend_schema(request=InputSerializer, responses={201: DeviceOutputSerializer}, tags=["notifications"])
    def post(self, request: Request) -> Response:
        data = validated(self.InputSerializer, request.data)
        keys = data.pop("keys", None) or {}
        data.pop("expirationTime", None)  # a dead subscription is dropped when a send is refused (404/410)
        user_agent = data.pop("user_agent", None)
        if user_agent is None:
            user_agent = str(request.headers.get("User-Agent", ""))
        device = device_register(user=current_user(request), user_agent=user_agent, **data, **keys)
        return Response(DeviceOutputSerializer(device).data, status=status.HTTP_201_CREATED)


class DeviceDetailApi(IfMatchMixin, APIView):
    """Read or forget one push device."""

    @extend_schema(responses={200: DeviceOutputSerializer}, tags=["notifications"])
    def get(self, request: Request, device_id: str) -> Response:
        return Response(DeviceOutputSerializer(device_get(user=current_user(request), device_id=device_id)).data)

    @extend_schema(responses={204: None}, tags=["notifications"])
    def delete(self, request: Request, device_id: str) -> Response:
        device_delete(device=device_get(user=current_user(request), device_id=device_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class PublicKeyApi(APIView):
    """The VAPID public key a browser passes to ``pushManager.subscribe`` (503 when none is configured)."""

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "PushPublicKey"

        public_key = fields.CharField(help_text="base64url uncompressed P-256 point (applicationServerKey).")

    @extend_schema(responses={200: OutputSerializer}, tags=["notifications"])
    def get(self, request: Request) -> Response:
        config = vapid_config()
        if config is None:
            raise NotConfigured("Web Push is not configured on this server.")
        return Response(self.OutputSerializer({"public_key": config.public_key}).data)


class KnownKeysSerializer(serializers.Serializer[Any]):
    """Refuses keys it does not declare (a misspelt kind or channel is a 400, not silently ignored)."""

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({key: ["Unknown key."] for key in unknown})
        return super().to_internal_value(data)


class SwitchesSerializer(KnownKeysSerializer):
    in_app = fields.BooleanField(required=False, help_text="The inbox and its live WebSocket event.")
    push = fields.BooleanField(required=False, help_text="Web Push and FCM devices.")
    email = fields.BooleanField(required=False)


class ChannelsSerializer(KnownKeysSerializer):
    reminders = SwitchesSerializer(required=False)
    nudges = SwitchesSerializer(required=False)
    digests = SwitchesSerializer(required=False)
    billing = SwitchesSerializer(required=False)
    spaces = SwitchesSerializer(required=False)


class QuietHoursSerializer(serializers.Serializer[Any]):
    start = fields.RegexField(HH_MM, help_text="Local HH:MM in the user's time zone.")
    end = fields.RegexField(HH_MM, help_text="Local HH:MM; before start means the next morning.")


class PreferencesOutputSerializer(serializers.Serializer[Any]):
    channels = ChannelsSerializer()
    quiet_hours = QuietHoursSerializer(allow_null=True)
    digest_frequency = serializers.ChoiceField(choices=DigestFrequency.choices)
    timezone = fields.CharField(help_text="The user's time zone (change it on users/me).")


def _preferences(user: User, settings: NotificationSettings) -> dict[str, Any]:
    quiet = None
    if settings.quiet_start is not None and settings.quiet_end is not None:
        quiet = {"start": f"{settings.quiet_start:%H:%M}", "end": f"{settings.quiet_end:%H:%M}"}
    return {
        "channels": channel_matrix(user, settings),
        "quiet_hours": quiet,
        "digest_frequency": settings.digest_frequency,
        "timezone": user.timezone,
    }


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


class PreferencesApi(IfMatchMixin, APIView):
    """Which kinds of notification go to which channel, quiet hours and the digest's frequency."""

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "NotificationPreferencesUpdate"

        channels = ChannelsSerializer(required=False)
        quiet_hours = QuietHoursSerializer(required=False, allow_null=True, help_text="null turns them off.")
        digest_frequency = EnumChoiceField(choices=DigestFrequency.choices, required=False)

    @extend_schema(responses={200: PreferencesOutputSerializer}, tags=["notifications"])
    def get(self, request: Request) -> Response:
        user = current_user(request)
        return Response(PreferencesOutputSerializer(_preferences(user, settings_of(user))).data)

    @extend_schema(request=InputSerializer, responses={200: PreferencesOutputSerializer}, tags=["notifications"])
    def patch(self, request: Request) -> Response:
        user = current_user(request)
        data = validated(self.InputSerializer, request.data)
        if "quiet_hours" in data:
            quiet = data.pop("quiet_hours")
            data["quiet_start"] = _clock(quiet["start"]) if quiet else None
            data["quiet_end"] = _clock(quiet["end"]) if quiet else None
        settings = notification_settings_update(user=user, data=data)
        return Response(PreferencesOutputSerializer(_preferences(user, settings)).data)


class UnsubscribeApi(APIView):
    """One-click unsubscribe from an e-mail's link (GET) or its ``List-Unsubscribe-Post`` (POST)."""

    authentication_classes = ()
    permission_classes = (AllowAny,)
    parser_classes = (JSONParser, FormParser)

    class FilterSerializer(serializers.Serializer[Any]):
        token = fields.CharField(max_length=1024, help_text="The signed token of the e-mail's link.")

    class OutputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "Unsubscribed"

        kind = fields.CharField(help_text="The kind whose e-mails are now off, e.g. DIGESTS.")
        email = fields.BooleanField(help_text="Always false: e-mails of this kind are off.")

    def _unsubscribe(self, request: Request) -> Response:
        token = query_filters(self.FilterSerializer, request)["token"]
        found = unsubscribe_read(token)
        user = User.objects.filter(pk=found[0], is_active=True).first() if found else None
        if found is None or user is None:
            raise serializers.ValidationError({"token": ["This unsubscribe link is not valid."]})
        email_unsubscribe(user=user, kind=found[1])
        return Response(self.OutputSerializer({"kind": found[1].value, "email": False}).data)

    @extend_schema(parameters=[FilterSerializer], responses={200: OutputSerializer}, tags=["notifications"])
    def get(self, request: Request) -> Response:
        return self._unsubscribe(request)

    @extend_schema(
        parameters=[FilterSerializer], request=None, responses={200: OutputSerializer}, tags=["notifications"]
    )
    def post(self, request: Request) -> Response:
        return self._unsubscribe(request)
