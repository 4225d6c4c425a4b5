"""Notifications fixtures: VAPID keys, a local push service, Celery's eager mode."""

from __future__ import annotations

import pytest

from apps.notifications.services.vapid import vapid_keys_generate
from apps.notifications.tests.pushserver import LocalPushService
from maigie.celery import app


@pytest.fixture
def vapid_public_key(db):
    row, _ = vapid_keys_generate()
    return row.public_key


@pytest.fixture
def push_service(vapid_public_key):
    with LocalPushService(vapid_public_key=vapid_public_key) as service:
        yield service


@pytest.fixture
def eager_celery():
    """Celery's own test mode: queued tasks (and their retries) run inline."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False
