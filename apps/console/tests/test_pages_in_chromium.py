"""The console's pages rendered by headless Chromium: figures read from the page, screenshots taken.

Skipped when no Chromium is installed (``apt-get install -y chromium``). With
``MAIGIE_SCREENSHOTS_DIR=docs/screenshots`` the screenshots are written there (docs/operations.md
shows them); otherwise into the test's temporary directory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client

from apps.accounts.tests.factories import UserFactory
from apps.console.tests.chromium import Browser, executable
from apps.console.tests.test_console import _seed

BINARY = executable()
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(BINARY is None, reason="Chromium is not installed (apt-get install -y chromium)"),
]

PAGES = {
    "dashboard": "/admin/",
    "users": "/admin/accounts/user/",
    "jobs": "/admin/accounts/job/",
    "failed-jobs": "/admin/console/jobs/failed/",
    "subscriptions": "/admin/billing/subscription/",
}


@pytest.fixture
def browser() -> Iterator[Browser]:
    assert BINARY is not None
    chromium = Browser(BINARY)
    try:
        yield chromium
    finally:
        chromium.close()


def test_console_pages_render_with_the_seeded_figures(live_server, browser, tmp_path, settings: Any):
    settings.READ_CACHE_ENABLED = True  # the dashboard as production serves it
    _seed(3)  # 3 learners active today, 9 AI messages ($0.75), 3 failed e-mails, 1 complimentary grant
    staff = UserFactory.create(is_staff=True, is_superuser=True, email="ops@example.org")
    client = Client()
    client.force_login(staff)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
    browser.call("Network.setCookie", name=django_settings.SESSION_COOKIE_NAME, value=cookie, url=live_server.url)
    folder = Path(os.environ.get("MAIGIE_SCREENSHOTS_DIR") or tmp_path)

    shots = {}
    texts = {}
    for name, path in PAGES.items():
        browser.open(live_server.url + path)
        texts[name] = " ".join(browser.text("#content").split())  # words as rendered, one space apart
        shots[name] = browser.screenshot(folder / f"console-{name}.png")

    assert all(shot.startswith(b"\x89PNG") and len(shot) > 10_000 for shot in shots.values())
    assert browser.text("#figure-signups .figure") == ""  # the last page is not the dashboard
    dashboard = texts["dashboard"]
    assert "Sign-ups, last 30 days 5 Active" in dashboard  # 3 learners, the granted learner, the staff member
    assert "DAU 3 · WAU 3 · MAU 3" in dashboard
    assert "9 messages · $0.75" in dashboard
    assert "offline 3 45 " in dashboard  # replies and tokens per provider
    assert "Complimentary 1" in dashboard
    # waiting (the grant's "plan changed" e-mail is queued, no worker runs here), failed in 24 h
    assert re.search(r"email [01] 3 ", dashboard), dashboard
    assert "5 users" in texts["users"]
    assert "ops@example.org" in texts["users"]
    assert "0 jobs" in texts["jobs"]
    assert texts["failed-jobs"].count("mail.send") == 3
    assert "1 subscription" in texts["subscriptions"]
