"""Goals and tasks API: one class per action."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.planning.models import Goal, GoalStatus, Priority, Task
from apps.planning.selectors.goals import GOAL_ORDERINGS, goal_get, goal_list, task_get
from apps.planning.services.goals import (
    goal_create,
    goal_delete,
    goal_update,
    task_create,
    task_delete,
    task_reorder,
    task_update,
)
from maigie import cache, fields
from maigie.api import EnumChoiceField, cached_page, query_filters, validated
from maigie.openapi import UNSAFE_METHODS
from maigie.preconditions import IfMatchMixin


class TaskOutputSerializer(serializers.ModelSerializer[Task]):
    class Meta:
        model = Task
        fields = [
            "id",
            "goal_id",
            "title",
            "description",
            "completed",
            "completed_at",
            "order",
            "deadline",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class GoalOutputSerializer(serializers.ModelSerializer[Goal]):
    tasks = TaskOutputSerializer(many=True, read_only=True)

    class Meta:
        model = Goal
        fields = [
            "id",
            "title",
            "description",
            "target_date",
            "priority",
            "status",
            "progress",
            "course_id",
            "is_ai_generated",
            "completed_at",
            "created_at",
            "updated_at",
            "tasks",
        ]
        read_only_fields = fields


class TaskInputSerializer(serializers.Serializer[Any]):
    title = fields.CharField(max_length=200)
    description = fields.CharField(required=False, allow_blank=True)
    completed = fields.BooleanField(required=False)
    deadline = fields.DeadlineField(required=False, allow_null=True)


class TaskPatchSerializer(TaskInputSerializer):
    title = fields.CharField(max_length=200, required=False)


class GoalListApi(APIView):
    """List the user's goals (filter by status/priority, order by ``ordering``) or create one."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    class FilterSerializer(serializers.Serializer[Any]):
        status = EnumChoiceField(choices=GoalStatus.choices, required=False)
        priority = EnumChoiceField(choices=Priority.choices, required=False)
        course = fields.UUIDField(required=False, help_text="Only goals of this course.")
        ordering = EnumChoiceField(choices=sorted(GOAL_ORDERINGS), required=False)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "GoalCreate"

        title = fields.CharField(max_length=200)
        description = fields.CharField(required=False, allow_blank=True)
        target_date = fields.DateField(required=False, allow_null=True)
        priority = EnumChoiceField(choices=Priority.choices, required=False)
        course_id = fields.UUIDField(required=False, allow_null=True)
        tasks = TaskInputSerializer(many=True, required=False)

    @extend_schema(parameters=[FilterSerializer], responses={200: GoalOutputSerializer(many=True)}, tags=["goals"])
    def get(self, request: Request) -> Response:
        user = current_user(request)
        filters = query_filters(self.FilterSerializer, request)
        return cached_page(
            request, cache.GOAL_LIST, lambda: goal_list(user=user, **filters), GoalOutputSerializer, user_id=user.pk,
            view=self,
        )  # fmt: skip

    @extend_schema(request=InputSerializer, responses={201: GoalOutputSerializer}, tags=["goals"])
    def post(self, request: Request) -> Response:
        user = current_user(request)
        goal = goal_create(user=user, **validated(self.InputSerializer, request.data))
        goal = goal_get(user=user, goal_id=goal.pk)
        return Response(GoalOutputSerializer(goal).data, status=status.HTTP_201_CREATED)


class GoalDetailApi(IfMatchMixin, APIView):
    """Read, change or delete one goal."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "GoalUpdate"

        title = fields.CharField(max_length=200, required=False)
        description = fields.CharField(required=False, allow_blank=True)
        target_date = fields.DateField(required=False, allow_null=True)
        priority = EnumChoiceField(choices=Priority.choices, required=False)
        status = EnumChoiceField(choices=GoalStatus.choices, required=False)
        course_id = fields.UUIDField(required=False, allow_null=True)

    @extend_schema(responses={200: GoalOutputSerializer}, tags=["goals"])
    def get(self, request: Request, goal_id: str) -> Response:
        return Response(GoalOutputSerializer(goal_get(user=current_user(request), goal_id=goal_id)).data)

    @extend_schema(request=InputSerializer, responses={200: GoalOutputSerializer}, tags=["goals"])
    def patch(self, request: Request, goal_id: str) -> Response:
        goal = goal_get(user=current_user(request), goal_id=goal_id)
        goal_update(goal=goal, data=validated(self.InputSerializer, request.data))
        return Response(GoalOutputSerializer(goal_get(user=current_user(request), goal_id=goal_id)).data)

    @extend_schema(responses={204: None}, tags=["goals"])
    def delete(self, request: Request, goal_id: str) -> Response:
        goal_delete(goal=goal_get(user=current_user(request), goal_id=goal_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class TaskCreateApi(APIView):
    """Append a task to a goal."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=TaskInputSerializer, responses={201: TaskOutputSerializer}, tags=["goals"])
    def post(self, request: Request, goal_id: str) -> Response:
        goal = goal_get(user=current_user(request), goal_id=goal_id)
        task = task_create(goal=goal, **validated(TaskInputSerializer, request.data))
        return Response(TaskOutputSerializer(task).data, status=status.HTTP_201_CREATED)


class TaskReorderApi(APIView):
    """Set the order of a goal's tasks."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    class InputSerializer(serializers.Serializer[Any]):
        class Meta:
            ref_name = "TaskReorder"

        task_ids = serializers.ListField(child=fields.UUIDField())

    @extend_schema(request=InputSerializer, responses={200: TaskOutputSerializer(many=True)}, tags=["goals"])
    def post(self, request: Request, goal_id: str) -> Response:
        goal = goal_get(user=current_user(request), goal_id=goal_id)
        tasks = task_reorder(goal=goal, task_ids=validated(self.InputSerializer, request.data)["task_ids"])
        return Response(TaskOutputSerializer(tasks, many=True).data)


class TaskDetailApi(APIView):
    """Change or delete one task."""

    plan_limited_methods = UNSAFE_METHODS  # 402 plan_limit / quota_exceeded (maigie.openapi)

    @extend_schema(request=TaskPatchSerializer, responses={200: TaskOutputSerializer}, tags=["goals"])
    def patch(self, request: Request, task_id: str) -> Response:
        task = task_get(user=current_user(request), task_id=task_id)
        task = task_update(task=task, data=validated(TaskPatchSerializer, request.data))
        return Response(TaskOutputSerializer(task).data)

    @extend_schema(responses={204: None}, tags=["goals"])
    def delete(self, request: Request, task_id: str) -> Response:
        task_delete(task=task_get(user=current_user(request), task_id=task_id))
        return Response(status=status.HTTP_204_NO_CONTENT)
