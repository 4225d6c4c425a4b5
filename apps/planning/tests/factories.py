"""Factories for planning models."""

from datetime import UTC, datetime, timedelta

import factory

from apps.accounts.tests.factories import UserFactory
from apps.planning.models import Goal, ScheduleBlock, StudySession, Task


class GoalFactory(factory.django.DjangoModelFactory[Goal]):
    class Meta:
        model = Goal

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Goal {n}")


class TaskFactory(factory.django.DjangoModelFactory[Task]):
    class Meta:
        model = Task

    goal = factory.SubFactory(GoalFactory)
    title = factory.Sequence(lambda n: f"Task {n}")
    order = factory.Sequence(lambda n: n)


class ScheduleBlockFactory(factory.django.DjangoModelFactory[ScheduleBlock]):
    class Meta:
        model = ScheduleBlock

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Block {n}")
    start_time = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)
    end_time = factory.LazyAttribute(lambda o: o.start_time + timedelta(minutes=45))
    timezone = factory.LazyAttribute(lambda o: o.user.timezone)


class StudySessionFactory(factory.django.DjangoModelFactory[StudySession]):
    class Meta:
        model = StudySession

    user = factory.SubFactory(UserFactory)
    started_at = datetime(2026, 1, 5, 19, 0, tzinfo=UTC)
