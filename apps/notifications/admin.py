"""Admin for notifications: staff see devices and deliveries; devices are removed through their service."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from apps.notifications.models import Delivery, Device, NotificationSettings, VapidKey
from apps.notifications.services.devices import device_delete
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin


@admin.register(Device)
class DeviceAdmin(ServiceAdminMixin, admin.ModelAdmin[Device]):
    list_display = ("user", "kind", "user_agent", "created_at", "last_success_at")
    list_filter = ("kind",)
    search_fields = ("user__email", "endpoint")
    list_select_related = ("user",)
    exclude = ("p256dh", "auth", "token")

    def service_delete(self, request: HttpRequest, obj: Device) -> None:
        device_delete(device=obj)


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Delivery]):
    list_display = ("key", "channel", "user", "status", "attempts", "not_before", "sent_at", "created_at")
    list_filter = ("channel", "status", "kind")
    search_fields = ("key", "user__email")
    list_select_related = ("user",)


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[NotificationSettings]):
    list_display = ("user", "digest_frequency", "quiet_start", "quiet_end", "updated_at")
    list_select_related = ("user",)


@admin.register(VapidKey)
class VapidKeyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[VapidKey]):
    list_display = ("public_key", "created_at")
    exclude = ("private_key",)
