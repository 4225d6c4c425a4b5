"""Admin of the daily activity rows behind DAU/WAU/MAU (read-only; the dashboard links to it)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import admin

from maigie.admin_services import ReadOnlyAdminMixin

DailyActivity = apps.get_model("accounts", "DailyActivity")


class DailyActivityAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[Any]):
    """One row per learner and UTC day with an authenticated request; written by the activity service."""

    list_display = ("day", "user")
    list_filter = (("day", admin.DateFieldListFilter),)
    date_hierarchy = "day"
    search_fields = ("user__email",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)


admin.site.register(DailyActivity, DailyActivityAdmin)
