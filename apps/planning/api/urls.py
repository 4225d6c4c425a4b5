"""URL routes of the planning API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.planning.api import goals, schedule, sessions

urlpatterns: list[URLPattern | URLResolver] = [
    path("goals/", goals.GoalListApi.as_view(), name="goal-list"),
    path("goals/<uuid:goal_id>/", goals.GoalDetailApi.as_view(), name="goal-detail"),
    path("goals/<uuid:goal_id>/tasks/", goals.TaskCreateApi.as_view(), name="goal-task-create"),
    path("goals/<uuid:goal_id>/tasks/reorder", goals.TaskReorderApi.as_view(), name="goal-task-reorder"),
    path("tasks/<uuid:task_id>/", goals.TaskDetailApi.as_view(), name="task-detail"),
    path("sessions/", sessions.SessionListApi.as_view(), name="session-list"),
    path("sessions/start", sessions.SessionStartApi.as_view(), name="session-start"),
    path("sessions/<uuid:session_id>/stop", sessions.SessionStopApi.as_view(), name="session-stop"),
    path("analytics/summary", sessions.AnalyticsSummaryApi.as_view(), name="analytics-summary"),
    path("analytics/timeseries", sessions.AnalyticsTimeseriesApi.as_view(), name="analytics-timeseries"),
    path("schedule/", schedule.ScheduleListApi.as_view(), name="schedule-list"),
    path("schedule/calendar-token", schedule.CalendarTokenApi.as_view(), name="schedule-calendar-token"),
    path("schedule/calendar.ics", schedule.CalendarFeedApi.as_view(), name="schedule-calendar-feed"),
    path("schedule/occurrences/", schedule.OccurrenceListApi.as_view(), name="schedule-occurrences"),
    path("schedule/<uuid:block_id>/", schedule.ScheduleDetailApi.as_view(), name="schedule-detail"),
    path(
        "schedule/<uuid:block_id>/occurrences/complete",
        schedule.OccurrenceCompleteApi.as_view(),
        name="schedule-occurrence-complete",
    ),
    path(
        "schedule/<uuid:block_id>/occurrences/move",
        schedule.OccurrenceMoveApi.as_view(),
        name="schedule-occurrence-move",
    ),
    path(
        "schedule/<uuid:block_id>/occurrences/cancel",
        schedule.OccurrenceCancelApi.as_view(),
        name="schedule-occurrence-cancel",
    ),
]
