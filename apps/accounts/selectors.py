"""Reads of the accounts app."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.accounts.models import DailyActivity, Notification, User
from maigie.ownership import owned_by


def notification_list(*, user: User, unread: bool | None = None) -> QuerySet[Notification]:
    """``user``'s notifications, newest first; ``unread`` filters on read state."""
    queryset = owned_by(Notification.objects.all(), user=user)
    if unread is not None:
        queryset = queryset.filter(read_at__isnull=unread)
    return queryset.order_by("-created_at")


USER_ORDERINGS = {"created_at", "-created_at", "email", "-email", "last_login", "-last_login"}


def staff_user_list(
    *, search: str = "", tier: str = "", is_active: bool | None = None, ordering: str = "-created_at"
) -> QuerySet[User]:
    """Users for staff: ``search`` matches e-mail or name; filters by tier and active state."""
    queryset = User.objects.all()
    if search:
        queryset = queryset.filter(Q(email__icontains=search) | Q(name__icontains=search))
    if tier:
        queryset = queryset.filter(tier=tier)
    if is_active is not None:
        queryset = queryset.filter(is_active=is_active)
    return queryset.order_by(ordering if ordering in USER_ORDERINGS else "-created_at", "id")


def platform_stats() -> dict[str, Any]:
    """Users total, new in the last 7 days, and daily active users (today and the last 7 days)."""
    now = timezone.now()
    today = now.date()
    week = [today - timedelta(days=offset) for offset in range(6, -1, -1)]
    active = dict.fromkeys(week, 0)
    for row in DailyActivity.objects.filter(day__gte=week[0]).values("day").annotate(users=Count("id")):
        active[row["day"]] = row["users"]
    return {
        "users_total": User.objects.count(),
        "users_active_accounts": User.objects.filter(is_active=True).count(),
        "new_users_this_week": User.objects.filter(created_at__gte=now - timedelta(days=7)).count(),
        "daily_active_users": active[today],
        "daily_active_users_last_7_days": [{"day": day.isoformat(), "users": active[day]} for day in week],
    }
