"""Notifications fixtures: VAPID keys and a local push service."""

from __future__ import annotations

import pytest

from apps.notifications.services.vapid import vapid_keys_generate
from apps.notifications.tests.pushserver import LocalPushService


@pytest.fixture
def vapid_public_key(db):
    row, _ = vapid_keys_generate()
    return row.public_key


@pytest.fixture
def push_service(vapid_public_key):
    with LocalPushService(vapid_public_key=vapid_public_key) as service:
        yield service
