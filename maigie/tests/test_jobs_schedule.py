"""``manage.py setup_schedule``: every declared periodic task in the beat schedule, idempotently."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from maigie.celery import app
from maigie.jobs.schedule import Periodic, declared_periodic_tasks

pytestmark = pytest.mark.django_db


def setup_schedule(*args: str) -> str:
    out = StringIO()
    call_command("setup_schedule", *args, stdout=out)
    return out.getvalue()


def test_declared_entries_come_from_the_project_and_each_apps_schedule_module():
    names = {entry.name: entry.task for entry in declared_periodic_tasks()}

    assert names["celery.backend_cleanup"] == "celery.backend_cleanup"
    assert names["Purge expired credentials"] == "maintenance.purge_expired_credentials"


def test_every_declared_task_exists_in_the_celery_app():
    app.loader.import_default_modules()
    assert {entry.task for entry in declared_periodic_tasks()} <= set(app.tasks)


def test_setup_schedule_creates_the_entries_once_and_keeps_admin_edits():
    first = setup_schedule()
    flush = PeriodicTask.objects.get(name="Purge expired credentials")
    assert flush.task == "maintenance.purge_expired_credentials"
    assert (flush.crontab.minute, flush.crontab.hour) == ("30", "3")
    assert "created: Purge expired credentials" in first

    flush.enabled = False  # edited in the admin
    flush.crontab = CrontabSchedule.objects.create(minute="0", hour="5", timezone="UTC")
    flush.save()
    count = PeriodicTask.objects.count()
    second = setup_schedule()

    assert "kept: Purge expired credentials" in second
    assert "created:" not in second
    assert PeriodicTask.objects.count() == count
    flush.refresh_from_db()
    assert (flush.enabled, flush.crontab.hour) == (False, "5")


def test_setup_schedule_reset_restores_the_declared_timing():
    setup_schedule()
    PeriodicTask.objects.filter(name="Purge expired credentials").update(enabled=False)

    assert "reset: Purge expired credentials" in setup_schedule("--reset")

    flush = PeriodicTask.objects.get(name="Purge expired credentials")
    assert (flush.enabled, flush.crontab.hour) == (True, "3")


def test_a_periodic_entry_needs_exactly_one_timing():
    with pytest.raises(ValueError, match="exactly one"):
        Periodic(name="x", task="maigie.ping")
    with pytest.raises(ValueError, match="exactly one"):
        Periodic(name="x", task="maigie.ping", crontab="* * * * *", every_seconds=60)
