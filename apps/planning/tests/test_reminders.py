"""Reminders: due times, every occurrence of a series, exactly once under concurrent dispatch, e-mail, beat."""

import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from apps.accounts.models import Notification
from apps.accounts.tests.factories import UserFactory
from apps.planning.models import OccurrenceException, ReminderDelivery
from apps.planning.services.reminders import reminders_dispatch
from apps.planning.tasks import dispatch_reminders
from apps.planning.tests.factories import ScheduleBlockFactory
from maigie import testing
from maigie.celery import app
from maigie.encoding import utc_iso

START = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)


@pytest.fixture
def eager_celery():
    """Celery's own test mode: queued tasks run inline."""
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def at(minutes_from_start: float) -> datetime:
    return START + timedelta(minutes=minutes_from_start)


@pytest.mark.django_db
def test_single_block_is_reminded_once_when_its_time_comes(user, events, django_capture_on_commit_callbacks):
    ScheduleBlockFactory.create(user=user, title="Linear algebra", start_time=START, reminder_minutes=15)

    assert reminders_dispatch(now=at(-16)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_dispatch(now=at(-15)) == 1
    assert reminders_dispatch(now=at(-15)) == 0
    assert reminders_dispatch(now=at(-5)) == 0

    notification = Notification.objects.get(user=user)
    assert notification.kind == "schedule.reminder"
    assert notification.title == "Linear algebra at 19:00"
    assert notification.data["start"] == utc_iso(START)
    assert [e for e, _ in events.drain()] == ["notification.created", "reminder.due"]
    assert ReminderDelivery.objects.get().notification == notification


@pytest.mark.django_db
def test_reminder_uses_the_blocks_local_time(user):
    user.timezone = "America/New_York"
    user.save()
    ScheduleBlockFactory.create(user=user, title="Calculus", start_time=START, reminder_minutes=0)

    reminders_dispatch(now=START)

    assert Notification.objects.get().title == "Calculus at 14:00"


@pytest.mark.django_db
def test_recurring_block_reminds_on_every_occurrence(user):
    block = ScheduleBlockFactory.create(
        user=user, start_time=START, recurrence_rule="FREQ=DAILY;COUNT=3", reminder_minutes=10
    )

    sent = [reminders_dispatch(now=at(day * 24 * 60 - 10)) for day in range(4)]

    assert sent == [1, 1, 1, 0]
    assert sorted(ReminderDelivery.objects.filter(block=block).values_list("occurrence_start", flat=True)) == [
        START,
        START + timedelta(days=1),
        START + timedelta(days=2),
    ]
    assert Notification.objects.filter(user=user).count() == 3


@pytest.mark.django_db
def test_cancelled_completed_and_moved_occurrences(user):
    block = ScheduleBlockFactory.create(user=user, start_time=START, recurrence_rule="FREQ=DAILY", reminder_minutes=10)
    day = timedelta(days=1)
    OccurrenceException.objects.create(block=block, original_start=START, cancelled=True)
    OccurrenceException.objects.create(block=block, original_start=START + day, completed=True)
    OccurrenceException.objects.create(
        block=block,
        original_start=START + 2 * day,
        new_start=START + 2 * day - timedelta(hours=3),
        new_end=START + 2 * day,
    )

    assert reminders_dispatch(now=at(-10)) == 0
    assert reminders_dispatch(now=at(24 * 60 - 10)) == 0
    assert reminders_dispatch(now=at(2 * 24 * 60 - 10)) == 0  # moved three hours earlier
    assert reminders_dispatch(now=at(2 * 24 * 60 - 190)) == 1
    assert ReminderDelivery.objects.get().occurrence_start == START + 2 * day - timedelta(hours=3)


@pytest.mark.django_db
def test_inactive_users_are_not_reminded(user):
    user.is_active = False
    user.save()
    ScheduleBlockFactory.create(user=user, start_time=START, reminder_minutes=15)

    assert reminders_dispatch(now=at(-15)) == 0


@pytest.mark.django_db
def test_a_reminder_missed_for_longer_than_the_grace_is_dropped(user):
    ScheduleBlockFactory.create(user=user, start_time=START, reminder_minutes=30)

    assert reminders_dispatch(now=at(-14)) == 0  # due at -30, 16 minutes late
    assert not Notification.objects.exists()


@pytest.mark.django_db
def test_late_but_within_grace_is_still_sent(user):
    ScheduleBlockFactory.create(user=user, start_time=START, reminder_minutes=30)

    assert reminders_dispatch(now=at(-20)) == 1


@pytest.mark.django_db
def test_email_only_when_the_user_asks(eager_celery, django_capture_on_commit_callbacks):
    wants = UserFactory.create(preferences={"email_reminders": True}, name="Ada")
    does_not = UserFactory.create(preferences={"email_reminders": False})
    ScheduleBlockFactory.create(user=wants, title="Statistics", start_time=START, reminder_minutes=15)
    ScheduleBlockFactory.create(user=does_not, title="Statistics", start_time=START, reminder_minutes=15)

    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_dispatch(now=at(-15)) == 2

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [wants.email]
    assert message.subject == "Reminder: Statistics — Monday 05 January at 19:00"
    assert "Hi Ada" in message.body
    assert "<strong>Statistics</strong>" in message.alternatives[0][0]  # type: ignore[attr-defined]


@pytest.mark.django_db(transaction=True)
def test_concurrent_dispatchers_remind_each_occurrence_exactly_once():
    users = UserFactory.create_batch(4)
    for user in users:
        for index in range(5):
            ScheduleBlockFactory.create(
                user=user,
                start_time=START + timedelta(minutes=index),
                recurrence_rule="FREQ=DAILY",
                reminder_minutes=10 + index,
            )
    barrier = threading.Barrier(4)
    sent: list[int] = []
    errors: list[BaseException] = []

    def dispatcher():
        try:
            barrier.wait()
            sent.append(reminders_dispatch(now=at(-10)))
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=dispatcher) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(sent) == 20
    assert Notification.objects.count() == 20
    assert ReminderDelivery.objects.count() == 20
    assert reminders_dispatch(now=at(-10)) == 0


@pytest.mark.django_db(transaction=True)
def test_dispatcher_runs_in_the_real_worker(celery_worker_process):
    user = UserFactory.create()
    soon = datetime.now(UTC).replace(second=0, microsecond=0) + timedelta(minutes=5)
    ScheduleBlockFactory.create(user=user, start_time=soon, reminder_minutes=5)

    first = dispatch_reminders.delay().get(timeout=30)
    second = dispatch_reminders.delay().get(timeout=30)

    assert (first, second) == (1, 0)
    assert Notification.objects.filter(user=user, kind="schedule.reminder").count() == 1


@pytest.mark.django_db(transaction=True)
def test_real_beat_sends_the_dispatcher_to_the_worker(celery_worker_process):
    user = UserFactory.create()
    soon = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)
    ScheduleBlockFactory.create(user=user, start_time=soon, reminder_minutes=5)
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.update_or_create(  # the entry setup_schedule installs, due at once
        name="planning.dispatch_reminders",
        defaults={
            "task": "planning.dispatch_reminders",
            "interval": every_minute,
            "last_run_at": datetime.now(UTC) - timedelta(minutes=5),  # due as soon as beat starts
        },
    )
    env = testing.subprocess_env()
    with testing.log_path("beat").open("ab") as log:
        beat = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "maigie", "beat", "-l", "INFO", "--max-interval", "2"],
            cwd=testing.PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not Notification.objects.filter(user=user).exists():
            time.sleep(1)
    finally:
        testing.stop_process(beat)

    assert Notification.objects.filter(user=user, kind="schedule.reminder").count() == 1


@pytest.mark.django_db
def test_dispatcher_is_in_the_beat_schedule():
    call_command("setup_schedule")
    task = PeriodicTask.objects.get(name="planning.dispatch_reminders")

    assert task.enabled
    assert task.task == "planning.dispatch_reminders"
    assert (task.interval.every, task.interval.period) == (60, "seconds")
