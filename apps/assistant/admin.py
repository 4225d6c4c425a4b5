"""Admin: assistant usage per learner and per day with estimated cost, totals of the filtered rows."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from apps.assistant.models import MemoryFact, UsageDay
from apps.assistant.services.memory import fact_forget
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin


@admin.register(UsageDay)
class UsageDayAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[UsageDay]):
    """Read-only: the counters are written by the chat service and the generation jobs."""

    list_display = ("day", "user", "messages", "prompt_tokens", "completion_tokens", "generations", "cost")
    list_select_related = ("user",)
    list_filter = ("day",)
    search_fields = ("user__email",)
    date_hierarchy = "day"
    ordering = ("-day", "-cost")

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data and "cl" in response.context_data:
            response.context_data["usage_totals"] = response.context_data["cl"].queryset.aggregate(
                messages=Sum("messages"),
                prompt_tokens=Sum("prompt_tokens"),
                completion_tokens=Sum("completion_tokens"),
                generations=Sum("generations"),
                cost=Sum("cost"),
                learners=Count("user", distinct=True),
            )
        return response


@admin.register(MemoryFact)
class MemoryFactAdmin(ServiceAdminMixin, admin.ModelAdmin[MemoryFact]):
    """The facts learners asked the assistant to remember (support may delete one)."""

    list_display = ("text", "user", "created_at")
    list_select_related = ("user",)
    search_fields = ("user__email", "text")
    ordering = ("-created_at",)

    def service_delete(self, request: HttpRequest, obj: MemoryFact) -> None:
        fact_forget(fact=obj)
