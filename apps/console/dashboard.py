"""The dashboard's figures: daily aggregates and a fixed number of indexed queries, whatever the data size.

Each figure carries the admin change list behind it (``url``), filtered to what it counts.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from fnmatch import fnmatch
from typing import Any
from urllib.parse import urlencode

import structlog
from celery import states
from django.apps import apps
from django.conf import settings
from django.db.models import BigIntegerField, Count, F, IntegerField, Q, Sum
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from prometheus_client import REGISTRY

import redis
from apps.console.charts import bar_chart
from apps.console.site import sees_stripe
from maigie.jobs.metrics import UNACKED_KEY, queue_depths

logger = structlog.get_logger(__name__)

WINDOW_DAYS = 30
STRIPE_LIVE = ("active", "trialing", "past_due")
FAILED_WINDOW = dt.timedelta(hours=24)


def changelist(label: str, **filters: Any) -> str:
    """The admin change list of ``app_label.model_name`` with ``filters`` as its query string ('' if absent)."""
    app_label, model_name = label.split(".")
    try:
        url = reverse(f"admin:{app_label}_{model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode(filters)}" if filters else url


def _days(today: dt.date) -> list[dt.date]:
    return [today - dt.timedelta(days=offset) for offset in range(WINDOW_DAYS - 1, -1, -1)]


def _series(days: list[dt.date], counts: dict[dt.date, Any]) -> list[tuple[dt.date, Any]]:
    return [(day, counts.get(day, 0)) for day in days]


def learners(*, today: dt.date) -> dict[str, Any]:
    """Sign-ups per day, daily active users per day, and today's DAU / WAU / MAU (two queries)."""
    User = apps.get_model(settings.AUTH_USER_MODEL)
    DailyActivity = apps.get_model("accounts", "DailyActivity")
    days = _days(today)
    since = days[0]
    signups = dict(
        User.objects.filter(created_at__gte=dt.datetime.combine(since, dt.time(), dt.UTC))
        .annotate(day=TruncDate("created_at", tzinfo=dt.UTC))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("day", "n")
    )
    activity = DailyActivity.objects.filter(day__gte=since, day__lte=today)
    daily = dict(activity.values_list("day").annotate(n=Count("pk")).order_by().values_list("day", "n"))
    active = activity.aggregate(
        wau=Count("user", distinct=True, filter=Q(day__gt=today - dt.timedelta(days=7))),
        mau=Count("user", distinct=True),
    )
    week_ago = (today - dt.timedelta(days=6)).isoformat()
    return {
        "signups": _series(days, signups),
        "signups_total": sum(signups.values()),
        "signups_url": changelist("accounts.user", created_at__date__gte=since.isoformat()),
        "dau_series": _series(days, daily),
        "dau": daily.get(today, 0),
        "wau": active["wau"],
        "mau": active["mau"],
        "dau_url": changelist("accounts.dailyactivity", day=today.isoformat()),
        "wau_url": changelist("accounts.dailyactivity", day__gte=week_ago),
        "mau_url": changelist("accounts.dailyactivity", day__gte=since.isoformat()),
    }


def assistant(*, today: dt.date) -> dict[str, Any]:
    """AI messages, tokens and estimated cost per day (usage days) and per provider (two queries)."""
    from apps.assistant.services.usage import estimated_cost  # noqa: PLC0415

    UsageDay = apps.get_model("assistant", "UsageDay")
    ChatMessage = apps.get_model("assistant", "ChatMessage")
    days = _days(today)
    rows = (
        UsageDay.objects.filter(day__gte=days[0])
        .values("day")
        .annotate(messages=Sum("messages"), tokens=Sum(F("prompt_tokens") + F("completion_tokens")), cost=Sum("cost"))
        .order_by()
    )
    per_day = {row["day"]: row for row in rows}
    since = timezone.make_aware(dt.datetime.combine(days[0], dt.time()), dt.UTC)
    providers: dict[str, dict[str, Any]] = defaultdict(lambda: {"messages": 0, "tokens": 0, "cost": Decimal(0)})
    replies = (
        ChatMessage.objects.filter(created_at__gte=since, role="assistant")
        .values("provider", "model")
        .annotate(messages=Count("pk"), prompt=Sum("prompt_tokens"), completion=Sum("completion_tokens"))
        .order_by()
    )
    for row in replies:
        figures = providers[row["provider"] or "unknown"]
        figures["messages"] += row["messages"]
        figures["tokens"] += row["prompt"] + row["completion"]
        figures["cost"] += estimated_cost(
            model=row["model"], prompt_tokens=row["prompt"], completion_tokens=row["completion"]
        )
    return {
        "messages": [(day, per_day[day]["messages"] if day in per_day else 0) for day in days],
        "tokens": [(day, per_day[day]["tokens"] if day in per_day else 0) for day in days],
        "cost": [(day, per_day[day]["cost"] if day in per_day else Decimal(0)) for day in days],
        "cost_total": sum((row["cost"] for row in per_day.values()), Decimal(0)),
        "messages_total": sum(row["messages"] for row in per_day.values()),
        "providers": sorted(providers.items()),
        "url": changelist("assistant.usageday", day__gte=days[0].isoformat()),
    }


def billing(*, today: dt.date, stripe: bool) -> dict[str, Any]:
    """Subscriptions by kind (one query); MRR and 30-day churn from dj-stripe's mirror (two queries)."""
    Subscription = apps.get_model("billing", "Subscription")
    counts = Subscription.objects.aggregate(
        paid=Count("pk", filter=Q(status__in=["ACTIVE", "PAST_DUE"], complimentary=False)),
        complimentary=Count("pk", filter=Q(status__in=["ACTIVE", "PAST_DUE"], complimentary=True)),
        past_due=Count("pk", filter=Q(status="PAST_DUE")),
    )
    figures: dict[str, Any] = {
        **counts,
        "paid_url": changelist("billing.subscription", status__exact="ACTIVE", complimentary__exact=0),
        "complimentary_url": changelist("billing.subscription", complimentary__exact=1),
        "past_due_url": changelist("billing.subscription", status__exact="PAST_DUE"),
    }
    if not stripe:
        return figures
    Item = apps.get_model("djstripe", "SubscriptionItem")
    StripeSubscription = apps.get_model("djstripe", "Subscription")
    amount = Cast(KT("stripe_data__price__unit_amount"), IntegerField()) * Coalesce(
        Cast(KT("stripe_data__quantity"), IntegerField()), 1
    )
    per_interval = dict(
        Item.objects.filter(subscription__stripe_data__status__in=STRIPE_LIVE)
        .annotate(interval=KT("stripe_data__price__recurring__interval"))
        .values_list("interval")
        .annotate(cents=Sum(amount))
        .order_by()
        .values_list("interval", "cents")
    )
    monthly_cents = (per_interval.get("month") or 0) + (per_interval.get("year") or 0) / 12
    month_ago = int((timezone.now() - dt.timedelta(days=WINDOW_DAYS)).timestamp())
    ended = Cast(KT("stripe_data__ended_at"), BigIntegerField())
    churn = StripeSubscription.objects.annotate(status=KT("stripe_data__status"), ended=ended).aggregate(
        live=Count("pk", filter=Q(status__in=STRIPE_LIVE)),
        churned=Count("pk", filter=Q(ended__gte=month_ago)),
    )
    base = churn["live"] + churn["churned"]
    return {
        **figures,
        "mrr": Decimal(monthly_cents / 100).quantize(Decimal("0.01")),
        "churned": churn["churned"],
        "churn_rate": round(100 * churn["churned"] / base, 1) if base else 0.0,
        "stripe_url": changelist("djstripe.subscription"),
    }


def _queue_of(task_name: str) -> str:
    for pattern, route in settings.CELERY_TASK_ROUTES.items():
        if fnmatch(task_name, pattern):
            return str(route["queue"])
    return str(settings.CELERY_TASK_DEFAULT_QUEUE)


def jobs() -> dict[str, Any]:
    """Per queue: messages waiting (Redis) and tasks failed in the last 24 hours (one query)."""
    TaskResult = apps.get_model("django_celery_results", "TaskResult")
    failed_rows = (
        TaskResult.objects.filter(status=states.FAILURE, date_done__gte=timezone.now() - FAILED_WINDOW)
        .values_list("task_name")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("task_name", "n")
    )
    failed: dict[str, int] = defaultdict(int)
    for task_name, count in failed_rows:
        failed[_queue_of(task_name or "")] += count
    try:
        depths = queue_depths()
    except redis.RedisError as error:
        logger.warning("dashboard_queue_depths_failed", error=str(error))
        depths = {}
    unacked = depths.pop(UNACKED_KEY, None)
    return {
        "queues": [
            {
                "name": name,
                "queued": depths.get(name),
                "failed": failed.get(name, 0),
            }
            for name in settings.JOBS_QUEUES
        ],
        "unacked": unacked,
        "failed_total": sum(failed.values()),
        "failed_url": changelist("django_celery_results.taskresult", status__exact=states.FAILURE),
    }


def http_errors() -> dict[str, Any]:
    """Responses by status class since the process started (django-prometheus' counters; no query)."""
    by_class: dict[str, float] = defaultdict(float)
    for metric in REGISTRY.collect():
        if metric.name != "django_http_responses_total_by_status":
            continue
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                by_class[f"{sample.labels.get('status', '?')[:1]}xx"] += sample.value
    total = sum(by_class.values())
    errors = by_class.get("5xx", 0.0)
    return {
        "total": int(total),
        "errors": int(errors),
        "rate": round(100 * errors / total, 2) if total else 0.0,
    }


def dashboard(*, request: HttpRequest, today: dt.date | None = None) -> dict[str, Any]:
    """Every figure of the index page, with its charts."""
    today = today or timezone.now().date()
    people = learners(today=today)
    usage = assistant(today=today)
    return {
        "today": today,
        "learners": people,
        "assistant": usage,
        "billing": billing(today=today, stripe=sees_stripe(request)),
        "jobs": jobs(),
        "http": http_errors(),
        "charts": {
            "signups": bar_chart(people["signups"], label="sign-ups"),
            "dau": bar_chart(people["dau_series"], label="active users"),
            "messages": bar_chart(usage["messages"], label="AI messages"),
            "tokens": bar_chart(usage["tokens"], label="tokens"),
            "cost": bar_chart(usage["cost"], label="USD"),
        },
    }
