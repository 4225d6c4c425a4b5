"""Devices, VAPID keys, notification settings and per-channel deliveries."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class Kind(models.TextChoices):
    """What a notification is about; each has its own channel switches."""

    REMINDERS = "REMINDERS", "Reminders"
    NUDGES = "NUDGES", "Nudges"
    DIGESTS = "DIGESTS", "Digests"
    BILLING = "BILLING", "Billing"
    SPACES = "SPACES", "Spaces"


class Channel(models.TextChoices):
    """Where a notification goes. IN_APP is the inbox and its live WebSocket event."""

    IN_APP = "IN_APP", "In-app inbox and WebSocket"
    PUSH = "PUSH", "Push (Web Push, FCM)"
    EMAIL = "EMAIL", "E-mail"


class DeviceKind(models.TextChoices):
    WEB_PUSH = "WEB_PUSH", "Web Push subscription"
    FCM = "FCM", "Firebase Cloud Messaging token"


class DigestFrequency(models.TextChoices):
    OFF = "OFF", "Off"
    DAILY = "DAILY", "Daily"
    WEEKLY = "WEEKLY", "Weekly"


class DeliveryStatus(models.TextChoices):
    PENDING = "PENDING", "Pending"  # waits for its job
    HELD = "HELD", "Held for quiet hours"  # released at not_before
    SENDING = "SENDING", "Claimed by a worker"  # sent again once the claim lease ends (worker died)
    SENT = "SENT", "Sent"
    SKIPPED = "SKIPPED", "Skipped"  # not configured, expired, device gone
    FAILED = "FAILED", "Failed"


class Device(models.Model):
    """A browser's Web Push subscription or a phone's FCM registration token."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="devices")
    kind = models.CharField(max_length=16, choices=DeviceKind.choices)
    endpoint = models.URLField(max_length=2048, blank=True)
    p256dh = models.CharField(max_length=128, blank=True)
    auth = models.CharField(max_length=64, blank=True)
    token = models.CharField(max_length=4096, blank=True)
    user_agent = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_success_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["endpoint"], condition=models.Q(kind="WEB_PUSH"), name="notifications_one_device_per_endpoint"
            ),
            models.UniqueConstraint(
                fields=["token"], condition=models.Q(kind="FCM"), name="notifications_one_device_per_token"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} of {self.user_id}"


class VapidKey(models.Model):
    """The server's VAPID key pair when it is not given by the environment (``manage.py vapid_keys``)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    private_key = models.TextField()  # base64url raw P-256 scalar
    public_key = models.CharField(max_length=128)  # base64url uncompressed point, what browsers take
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"VAPID key {self.public_key[:12]}…"


class NotificationSettings(models.Model):
    """A learner's channel switches per kind, quiet hours and digest frequency (defaults until saved)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="notification_settings"
    )
    channels = models.JSONField(default=dict, blank=True)  # {"reminders": {"push": false}}: overrides only
    quiet_start = models.TimeField(null=True, blank=True)
    quiet_end = models.TimeField(null=True, blank=True)
    digest_frequency = models.CharField(max_length=8, choices=DigestFrequency.choices, default=DigestFrequency.WEEKLY)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"notification settings of {self.user_id}"


class Delivery(models.Model):
    """One notification on one channel (and push device): the unique key makes one row per reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries")
    key = models.CharField(max_length=255)  # the notification's reason, e.g. reminder:<block>:<start>
    kind = models.CharField(max_length=16, choices=Kind.choices)
    channel = models.CharField(max_length=16, choices=Channel.choices)
    target = models.CharField(max_length=64, blank=True)  # the device id for PUSH
    device = models.ForeignKey(Device, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries")
    payload = models.JSONField(default=dict)
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    not_before = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name_plural = "deliveries"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["key", "channel", "target"], name="notifications_delivery_once"),
        ]
        indexes = [models.Index(fields=["status", "not_before"], name="notifications_held_idx")]

    def __str__(self) -> str:
        return f"{self.key} {self.channel} {self.target}".strip()
