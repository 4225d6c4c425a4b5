"""URL routes of the planning API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.planning.api import goals

urlpatterns: list[URLPattern | URLResolver] = [
    path("goals/", goals.GoalListApi.as_view(), name="goal-list"),
    path("goals/<uuid:goal_id>/", goals.GoalDetailApi.as_view(), name="goal-detail"),
    path("goals/<uuid:goal_id>/tasks/", goals.TaskCreateApi.as_view(), name="goal-task-create"),
    path("goals/<uuid:goal_id>/tasks/reorder", goals.TaskReorderApi.as_view(), name="goal-task-reorder"),
    path("tasks/<uuid:task_id>/", goals.TaskDetailApi.as_view(), name="task-detail"),
]
