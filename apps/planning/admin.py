"""Admin for planning: staff inspect learners' plans and see platform study figures.

Writes go through the services (progress, status and events are kept there): goals, schedule
blocks and study sessions can be deleted here (by their services); everything else is read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from apps.planning.models import (
    CalendarFeed,
    DailyMetric,
    Goal,
    GoalStatus,
    OccurrenceException,
    ReminderDelivery,
    ScheduleBlock,
    StudySession,
    Task,
)
from apps.planning.services.goals import goal_delete
from apps.planning.services.schedule import schedule_block_delete
from apps.planning.services.sessions import study_session_delete
from maigie.admin_services import ReadOnlyAdminMixin, ServiceAdminMixin


class TaskInline(ReadOnlyAdminMixin, admin.TabularInline[Task, Goal]):
    model = Task
    fields = ("order", "title", "completed", "completed_at", "deadline")
    extra = 0


@admin.register(Goal)
class GoalAdmin(ServiceAdminMixin, admin.ModelAdmin[Goal]):
    list_display = ("title", "user", "course", "status", "priority", "progress", "target_date", "created_at")
    list_filter = ("status", "priority", "is_ai_generated")
    search_fields = ("title", "user__email")
    list_select_related = ("user", "course")
    inlines = (TaskInline,)

    def service_delete(self, request: HttpRequest, obj: Goal) -> None:
        goal_delete(goal=obj)


class OccurrenceExceptionInline(ReadOnlyAdminMixin, admin.TabularInline[OccurrenceException, ScheduleBlock]):
    model = OccurrenceException
    fields = ("original_start", "completed", "cancelled", "new_start", "new_end")
    extra = 0


@admin.register(ScheduleBlock)
class ScheduleBlockAdmin(ServiceAdminMixin, admin.ModelAdmin[ScheduleBlock]):
    list_display = ("title", "user", "course", "type", "start_time", "timezone", "recurrence_rule", "reminder_minutes")
    list_filter = ("type", "is_ai_generated")
    search_fields = ("title", "user__email")
    list_select_related = ("user", "course")
    inlines = (OccurrenceExceptionInline,)

    def service_delete(self, request: HttpRequest, obj: ScheduleBlock) -> None:
        schedule_block_delete(block=obj)


@admin.register(ReminderDelivery)
class ReminderDeliveryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[ReminderDelivery]):
    list_display = ("block", "occurrence_start", "created_at")
    list_select_related = ("block",)
    date_hierarchy = "created_at"


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[CalendarFeed]):
    list_display = ("user", "created_at")
    exclude = ("token_digest",)
    search_fields = ("user__email",)


@admin.register(StudySession)
class StudySessionAdmin(ServiceAdminMixin, admin.ModelAdmin[StudySession]):
    list_display = ("user", "started_at", "ended_at", "block", "course")
    list_select_related = ("user", "block", "course")
    search_fields = ("user__email",)
    date_hierarchy = "started_at"

    def service_delete(self, request: HttpRequest, obj: StudySession) -> None:
        study_session_delete(session=obj)


@admin.register(DailyMetric)
class DailyMetricAdmin(ReadOnlyAdminMixin, admin.ModelAdmin[DailyMetric]):
    """Per-user days, with platform totals of the filtered days above the list."""

    list_display = ("date", "user", "study_minutes", "sessions", "tasks_completed", "topics_completed", "notes_created")
    list_select_related = ("user",)
    search_fields = ("user__email",)
    date_hierarchy = "date"

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data and "cl" in response.context_data:
            days = response.context_data["cl"].queryset
            response.context_data["platform"] = {
                **days.aggregate(
                    study_minutes=Sum("study_minutes"),
                    sessions=Sum("sessions"),
                    tasks_completed=Sum("tasks_completed"),
                    topics_completed=Sum("topics_completed"),
                    notes_created=Sum("notes_created"),
                    learners=Count("user", distinct=True),
                ),
                "running_sessions": StudySession.objects.filter(ended_at__isnull=True).count(),
                "open_goals": Goal.objects.filter(status__in=[GoalStatus.NOT_STARTED, GoalStatus.IN_PROGRESS]).count(),
                "goals_completed_today": Goal.objects.filter(completed_at__date=timezone.now().date()).count(),
            }
        return response
