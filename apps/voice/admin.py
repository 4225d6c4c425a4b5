"""Admin for voice usage: each learner's seconds and clips per month, read-only (written by apps.voice.quotas)."""

from __future__ import annotations

import math

from django.contrib import admin

from apps.voice.models import VoiceUsageMonth
from maigie.admin_services import ReadOnlyAdminMixin


@admin.register(VoiceUsageMonth)
class VoiceUsageMonthAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[VoiceUsageMonth]):
    list_display = ("month", "user", "minutes", "seconds", "clips")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    date_hierarchy = "month"
    ordering = ("-month", "-seconds")

    @admin.display(description="minutes (rounded up)", ordering="seconds")
    def minutes(self, usage: VoiceUsageMonth) -> int:
        return math.ceil(usage.seconds / 60)
