"""Digests and nudges: chosen per local time zone (DST included), once per period, by preference and quiet hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from apps.accounts.models import EmailDelivery, Notification, User
from apps.accounts.tests.factories import UserFactory
from apps.notifications.models import Channel, Delivery, DeliveryStatus, DigestFrequency, NotificationSettings
from apps.notifications.services.digests import digests_send
from apps.notifications.services.nudges import nudges_send
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, StudySessionFactory, TaskFactory
from apps.review.services import card_review
from apps.review.tests.factories import CardFactory, DeckFactory
from maigie.mail import render_email


def _learner(tz: str, frequency: str = DigestFrequency.DAILY, **kwargs) -> User:
    user = UserFactory.create(timezone=tz, **kwargs)
    NotificationSettings.objects.create(user=user, digest_frequency=frequency)
    return user


def _run_digests(now, capture):
    with capture():  # the e-mail jobs are not run: what they would send is read from their records
        return digests_send(now=now)


@dataclass
class Sent:
    to: list[str]
    subject: str
    body: str


def _outbox() -> list[Sent]:
    """The queued e-mails, rendered as ``mail.send`` renders them, oldest first."""
    sent = []
    for delivery in EmailDelivery.objects.order_by("created_at"):
        subject, text, _ = render_email(template=delivery.template, context=delivery.context)
        sent.append(Sent([delivery.to], subject, text))
    return sent


@pytest.mark.django_db
def test_daily_digest_goes_out_at_seven_local_once_per_day(django_capture_on_commit_callbacks):
    tokyo = _learner("Asia/Tokyo", name="Aiko")
    new_york = _learner("America/New_York")
    # Monday 5 January 2026: a session in each learner's morning, a task and a goal for Tokyo.
    ScheduleBlockFactory.create(user=tokyo, title="Kanji", start_time=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    ScheduleBlockFactory.create(user=new_york, title="Calculus", start_time=datetime(2026, 1, 5, 23, 0, tzinfo=UTC))
    goal = GoalFactory.create(user=tokyo, title="JLPT N3", target_date=date(2026, 1, 6))
    TaskFactory.create(goal=goal, title="Grammar drill", deadline=datetime(2026, 1, 5, 10, 0, tzinfo=UTC))
    GoalFactory.create(user=tokyo, title="Today's goal", target_date=date(2026, 1, 5))

    assert _run_digests(datetime(2026, 1, 4, 21, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 0  # 06:20
    assert _run_digests(datetime(2026, 1, 4, 22, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 1  # 07:20
    assert _run_digests(datetime(2026, 1, 4, 23, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 0  # again
    assert [m.to for m in _outbox()] == [[tokyo.email]]
    message = _outbox()[0]
    assert message.subject == "Your day ahead — 2026-01-05"
    assert "Hi Aiko" in message.body
    assert "Mon 05 Jan 18:00: Kanji" in message.body  # in Tokyo's time
    assert "Mon 05 Jan 19:00: Grammar drill (JLPT N3)" in message.body
    assert "Today's goal" in message.body
    assert "JLPT N3 (0% done)" not in message.body  # tomorrow's goal waits
    assert "/api/v1/notifications/unsubscribe?token=" in message.body

    assert _run_digests(datetime(2026, 1, 5, 12, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 1  # NY 07:20
    assert _outbox()[1].to == [new_york.email]
    assert "Mon 05 Jan 18:00: Calculus" in _outbox()[1].body


@pytest.mark.django_db
def test_weekly_digest_on_monday_morning_across_the_dst_change(django_capture_on_commit_callbacks):
    learner = _learner("America/New_York", DigestFrequency.WEEKLY)
    ScheduleBlockFactory.create(user=learner, title="Stats", start_time=datetime(2026, 3, 12, 22, 0, tzinfo=UTC))

    # Monday 9 March 2026 (clocks went forward on the 8th): 07:00 EDT is 11:00 UTC.
    assert _run_digests(datetime(2026, 3, 9, 10, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 0
    assert _run_digests(datetime(2026, 3, 9, 11, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 1
    assert _run_digests(datetime(2026, 3, 10, 11, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 0
    assert _outbox()[0].subject == "Your week ahead — 2026-03-09"
    assert "Thu 12 Mar 18:00: Stats" in _outbox()[0].body


@pytest.mark.django_db
def test_no_digest_when_off_unsubscribed_empty_or_in_quiet_hours(django_capture_on_commit_callbacks):
    off = _learner("UTC", DigestFrequency.OFF)
    empty = _learner("UTC")
    unsubscribed = _learner("UTC")
    NotificationSettings.objects.filter(user=unsubscribed).update(channels={"digests": {"email": False}})
    quiet = _learner("UTC")
    NotificationSettings.objects.filter(user=quiet).update(quiet_start=time(6, 0), quiet_end=time(9, 0))
    for user in (off, unsubscribed, quiet):
        ScheduleBlockFactory.create(user=user, start_time=datetime(2026, 1, 5, 18, 0, tzinfo=UTC))

    assert _run_digests(datetime(2026, 1, 5, 7, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 1
    assert _outbox() == []
    held = Delivery.objects.get(user=quiet, channel=Channel.EMAIL)
    assert (held.status, held.not_before) == (DeliveryStatus.HELD, datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    assert not Delivery.objects.filter(user__in=[off, empty, unsubscribed]).exists()


@pytest.mark.django_db
def test_one_learners_broken_data_does_not_stop_the_others_digests(django_capture_on_commit_callbacks):
    broken = _learner("UTC")
    User.objects.filter(pk=broken.pk).update(timezone="Mars/Olympus_Mons")
    fine = _learner("UTC")
    ScheduleBlockFactory.create(user=fine, start_time=datetime(2026, 1, 5, 18, 0, tzinfo=UTC))

    assert _run_digests(datetime(2026, 1, 5, 7, 20, tzinfo=UTC), django_capture_on_commit_callbacks) == 1
    assert [m.to for m in _outbox()] == [[fine.email]]


def _studied(user: User, *days: date) -> None:
    """A 30-minute study session at noon (the learner's zone) on each of ``days``."""
    for day in days:
        noon = datetime.combine(day, time(12), ZoneInfo(user.timezone))
        StudySessionFactory.create(user=user, started_at=noon, ended_at=noon + timedelta(minutes=30))


def _joined(user: User, when: datetime) -> None:
    User.objects.filter(pk=user.pk).update(created_at=when)


@pytest.mark.django_db
def test_streak_at_risk_nudge_in_the_learners_evening_once(django_capture_on_commit_callbacks):
    paris = UserFactory.create(timezone="Europe/Paris")
    _joined(paris, datetime(2025, 12, 1, tzinfo=UTC))
    _studied(paris, date(2026, 1, 3), date(2026, 1, 4))
    tokyo = UserFactory.create(timezone="Asia/Tokyo")  # studied today: nothing at risk
    _joined(tokyo, datetime(2025, 12, 1, tzinfo=UTC))
    _studied(tokyo, date(2026, 1, 4))
    StudySessionFactory.create(
        user=tokyo,
        started_at=datetime(2026, 1, 5, 1, 0, tzinfo=UTC),
        ended_at=datetime(2026, 1, 5, 1, 30, tzinfo=UTC),
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=datetime(2026, 1, 5, 17, 40, tzinfo=UTC)) == 0  # 18:40 in Paris
        assert nudges_send(now=datetime(2026, 1, 5, 18, 40, tzinfo=UTC)) == 1  # 19:40
        assert nudges_send(now=datetime(2026, 1, 5, 19, 40, tzinfo=UTC)) == 0  # once a day

    notification = Notification.objects.get(user=paris)
    assert notification.title == "Keep your 2-day streak"
    assert notification.kind == "nudges"
    assert notification.data == {"nudge": "streak_at_risk", "streak_days": 2, "url": "/today"}


@pytest.mark.django_db
def test_inactivity_and_goal_nudges_once_per_stretch_and_goal(django_capture_on_commit_callbacks, settings):
    settings.NUDGE_INACTIVE_DAYS = 3
    learner = UserFactory.create(timezone="America/Los_Angeles")
    _joined(learner, datetime(2025, 12, 1, tzinfo=UTC))
    _studied(learner, date(2026, 1, 1))
    GoalFactory.create(user=learner, title="Essay", target_date=date(2026, 1, 7))
    GoalFactory.create(user=learner, title="Far away", target_date=date(2026, 2, 7))

    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=datetime(2026, 1, 5, 6, 0, tzinfo=UTC)) == 0  # 22:00 the day before: too late
        assert nudges_send(now=datetime(2026, 1, 5, 18, 0, tzinfo=UTC)) == 2  # 10:00
        assert nudges_send(now=datetime(2026, 1, 6, 18, 0, tzinfo=UTC)) == 0  # same stretch, same goal

    titles = sorted(Notification.objects.filter(user=learner).values_list("title", flat=True))
    assert titles == ["Essay: due in 2 day(s)", "Pick up where you left off"]


@pytest.mark.django_db
def test_a_learner_who_only_reviews_cards_is_not_nudged_as_idle_and_keeps_a_streak(
    django_capture_on_commit_callbacks, settings
):
    settings.NUDGE_INACTIVE_DAYS = 3
    learner = UserFactory.create(timezone="UTC")
    _joined(learner, datetime(2025, 12, 1, tzinfo=UTC))
    card = CardFactory.create(deck=DeckFactory.create(user=learner), due=datetime(2026, 2, 1, tzinfo=UTC))
    for day in (1, 2, 3, 4):
        card_review(card=card, rating=3, now=datetime(2026, 1, day, 12, 0, tzinfo=UTC))

    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=datetime(2026, 1, 5, 10, 0, tzinfo=UTC)) == 0  # reviewed yesterday: not idle
        assert nudges_send(now=datetime(2026, 1, 5, 19, 30, tzinfo=UTC)) == 1  # evening: the 4-day streak at risk

    assert Notification.objects.get(user=learner).title == "Keep your 4-day streak"


@pytest.mark.django_db
def test_the_streak_nudge_counts_study_days_from_the_learners_day_start_hour(django_capture_on_commit_callbacks):
    night_owl = UserFactory.create(timezone="UTC", preferences={"day_start_hour": 20})
    _joined(night_owl, datetime(2025, 12, 1, tzinfo=UTC))
    card = CardFactory.create(deck=DeckFactory.create(user=night_owl), due=datetime(2026, 2, 1, tzinfo=UTC))
    for day in (4, 5):  # 10:00 belongs to the study day that began at 20:00 the evening before
        card_review(card=card, rating=3, now=datetime(2026, 1, day, 10, 0, tzinfo=UTC))

    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=datetime(2026, 1, 5, 19, 30, tzinfo=UTC)) == 0  # today's study day is done

    assert not Notification.objects.filter(user=night_owl).exists()


@pytest.mark.django_db
def test_nudges_follow_preferences_and_quiet_hours(push_service, django_capture_on_commit_callbacks, settings):
    from apps.notifications.services.devices import device_register

    settings.NUDGE_INACTIVE_DAYS = 3
    silent = UserFactory.create()
    _joined(silent, datetime(2025, 12, 1, tzinfo=UTC))
    NotificationSettings.objects.create(
        user=silent, channels={"nudges": {"in_app": False, "push": False, "email": False}}
    )
    quiet = UserFactory.create()
    _joined(quiet, datetime(2025, 12, 1, tzinfo=UTC))
    NotificationSettings.objects.create(user=quiet, quiet_start=time(9, 0), quiet_end=time(12, 0))
    subscription = push_service.subscribe("phone")
    device_register(user=quiet, endpoint=subscription["endpoint"], **subscription["keys"])

    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=datetime(2026, 1, 5, 10, 0, tzinfo=UTC)) == 1

    assert not Notification.objects.filter(user=silent).exists()
    assert Notification.objects.filter(user=quiet).count() == 1  # the inbox is silent: not held
    push = Delivery.objects.get(user=quiet, channel=Channel.PUSH)
    assert (push.status, push.not_before) == (DeliveryStatus.HELD, datetime(2026, 1, 5, 12, 0, tzinfo=UTC))
    assert push_service.received == []


@pytest.mark.django_db
def test_the_beat_schedule_declares_the_notification_jobs():
    call_command("setup_schedule")
    tasks = dict(PeriodicTask.objects.filter(name__startswith="notifications.").values_list("name", "task"))
    assert tasks == {
        "notifications.release_held": "notifications.release_held",
        "notifications.send_digests": "notifications.send_digests",
        "notifications.send_nudges": "notifications.send_nudges",
        "notifications.purge_deliveries": "notifications.purge_deliveries",
    }


@pytest.mark.django_db
def test_cards_piling_up_nudge_over_the_threshold_once_per_local_day(django_capture_on_commit_callbacks, settings):
    settings.NUDGE_DUE_CARDS = 3
    settings.NUDGE_INACTIVE_DAYS = 10_000  # only the cards nudge is looked at here
    auckland = UserFactory.create(timezone="Pacific/Auckland")
    chicago = UserFactory.create(timezone="America/Chicago")
    for user in (auckland, chicago):
        _joined(user, datetime(2025, 12, 1, tzinfo=UTC))
        deck = DeckFactory.create(user=user)
        for _ in range(3 if user is auckland else 2):  # Chicago stays under the threshold
            CardFactory.create(deck=deck, due=datetime(2026, 1, 1, tzinfo=UTC))
        CardFactory.create(deck=deck, due=datetime(2026, 2, 1, tzinfo=UTC))  # not due yet
        CardFactory.create(deck=deck, due=datetime(2026, 1, 1, tzinfo=UTC), suspended=True)

    # 22:00 UTC on 4 January: 11:00 on the 5th in Auckland, 16:00 on the 4th in Chicago.
    first = datetime(2026, 1, 4, 22, 0, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=first) == 1
        assert nudges_send(now=first + timedelta(hours=5)) == 0  # 16:00 the same Auckland day
        assert nudges_send(now=first + timedelta(days=1)) == 1  # the next Auckland day: once a day

    notification = Notification.objects.filter(user=auckland).latest("created_at")
    assert notification.title == "3 cards are waiting"
    assert notification.data == {"nudge": "cards_piling_up", "due_cards": 3, "url": "/review"}
    assert not Notification.objects.filter(user=chicago).exists()
    keys = set(Delivery.objects.filter(user=auckland, channel=Channel.IN_APP).values_list("key", flat=True))
    assert keys == {f"nudge:cards:{auckland.pk}:2026-01-05", f"nudge:cards:{auckland.pk}:2026-01-06"}


@pytest.mark.django_db
def test_finished_deliveries_past_the_retention_are_purged(settings):
    from apps.notifications.services.delivery import deliveries_purge

    settings.NOTIFICATIONS_DELIVERY_RETENTION_DAYS = 90
    user = UserFactory.create()
    now = datetime(2026, 6, 1, tzinfo=UTC)
    rows = {}
    for name, status, age in [
        ("old-sent", DeliveryStatus.SENT, 91),
        ("old-failed", DeliveryStatus.FAILED, 200),
        ("old-held", DeliveryStatus.HELD, 200),  # still waiting: kept
        ("recent", DeliveryStatus.SENT, 89),
        ("two-months", DeliveryStatus.SKIPPED, 60),
    ]:
        rows[name] = Delivery.objects.create(user=user, key=name, kind="NUDGES", channel=Channel.EMAIL, status=status)
        Delivery.objects.filter(pk=rows[name].pk).update(created_at=now - timedelta(days=age))

    assert deliveries_purge(now=now) == 2
    assert set(Delivery.objects.values_list("key", flat=True)) == {"old-held", "recent", "two-months"}

    settings.NOTIFICATIONS_DELIVERY_RETENTION_DAYS = 1  # below the nudges' look-back: 62 days are kept
    assert deliveries_purge(now=now) == 1
    assert set(Delivery.objects.values_list("key", flat=True)) == {"old-held", "two-months"}


@pytest.mark.django_db
def test_an_approaching_exam_is_nudged_once_per_stage_with_readiness(django_capture_on_commit_callbacks, settings):
    from apps.review.tests.factories import ExamFactory

    settings.NUDGE_INACTIVE_DAYS = 10_000  # only the exam nudge is looked at here
    learner = UserFactory.create(timezone="Europe/Paris")
    _joined(learner, datetime(2025, 12, 1, tzinfo=UTC))
    exam = ExamFactory.create(user=learner, title="Linear algebra final", date=date(2026, 1, 8))
    ExamFactory.create(user=learner, date=date(2026, 1, 20))  # too far away
    ExamFactory.create(user=learner, date=date(2026, 1, 4))  # already past

    monday = datetime(2026, 1, 5, 10, 0, tzinfo=UTC)  # 11:00 in Paris, three days before
    with django_capture_on_commit_callbacks(execute=True):
        assert nudges_send(now=monday) == 1
        assert nudges_send(now=monday + timedelta(hours=3)) == 0
        assert nudges_send(now=monday + timedelta(days=1)) == 0  # two days before: still the 3-day stage
        assert nudges_send(now=monday + timedelta(days=2)) == 1  # the day before

    titles = list(Notification.objects.filter(user=learner).order_by("created_at").values_list("title", flat=True))
    assert titles == ["Linear algebra final: in 3 days", "Linear algebra final: tomorrow"]
    latest = Notification.objects.filter(user=learner).latest("created_at")
    assert latest.data == {
        "nudge": "exam_approaching",
        "exam_id": str(exam.pk),
        "days": 1,
        "readiness": 0,
        "url": f"/exams/{exam.pk}",
    }
