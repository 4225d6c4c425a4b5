"""Reads of devices."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from apps.accounts.models import User
from apps.notifications.models import Device
from maigie.ownership import get_owned_or_404


def device_list(*, user: User) -> QuerySet[Device]:
    """The user's devices, newest first."""
    return Device.objects.filter(user=user).order_by("-created_at")


def device_get(*, user: User, device_id: Any) -> Device:
    """One of the user's devices; anyone else's is a 404."""
    return get_owned_or_404(Device.objects.all(), user=user, pk=device_id)
