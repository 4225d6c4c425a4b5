"""The nightly roll-up of each user's local day into ``DailyMetric``."""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q

from apps.accounts.models import User
from apps.learning.selectors import learning_active_users
from apps.planning.models import DailyMetric, StudySession, Task
from apps.planning.selectors.analytics import day_figures, local_today

ACTIVITY_LOOKBACK = timedelta(days=3)

logger = logging.getLogger(__name__)


@transaction.atomic
def daily_metric_store(*, user: User, day: date, now: datetime) -> DailyMetric:
    """Compute and store (or refresh) ``user``'s figures for local ``day``."""
    metric, _ = DailyMetric.objects.update_or_create(
        user=user, date=day, defaults=day_figures(user=user, day=day, now=now)
    )
    return metric


def daily_metrics_aggregate(*, now: datetime) -> int:
    """Store yesterday's figures for each recently active user whose local midnight has passed; answers how many."""
    since = now - ACTIVITY_LOOKBACK
    session_users = StudySession.objects.filter(Q(ended_at__isnull=True) | Q(ended_at__gte=since)).values("user_id")
    task_users = Task.objects.filter(completed_at__gte=since).values("goal__user_id")
    learners = learning_active_users(since=since).values("pk")
    users = User.objects.filter(Q(pk__in=session_users) | Q(pk__in=task_users) | Q(pk__in=learners), is_active=True)
    done = set(DailyMetric.objects.filter(date__gte=(now - timedelta(days=2)).date()).values_list("user_id", "date"))
    stored = 0
    for user in users.iterator():
        try:
            yesterday = local_today(user=user, now=now) - timedelta(days=1)
            if (user.pk, yesterday) not in done:
                daily_metric_store(user=user, day=yesterday, now=now)
                stored += 1
        except Exception:  # one user's data must not stop the others' roll-up
            logger.exception("Daily metrics of user %s could not be stored", user.pk)
    return stored
