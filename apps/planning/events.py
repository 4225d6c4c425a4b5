"""The realtime events planning publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from apps.planning.models import GoalStatus
from maigie.realtime.registry import Payload, UtcTime, declare


class Deleted(Payload):
    id: UUID


class GoalData(Payload):
    id: UUID
    title: str
    status: GoalStatus
    progress: float
    course_id: UUID | None
    completed_at: UtcTime | None


class TaskData(Payload):
    id: UUID
    goal_id: UUID
    title: str
    completed: bool


class TaskDeletedData(Payload):
    id: UUID
    goal_id: UUID


class TasksReorderedData(Payload):
    goal_id: UUID
    task_ids: list[UUID]


class BlockData(Payload):
    id: UUID
    title: str
    start_time: UtcTime
    end_time: UtcTime
    recurrence_rule: str
    goal_id: UUID | None
    course_id: UUID | None
    topic_id: UUID | None


class OccurrenceUpdatedData(Payload):
    """One occurrence of a block changed; ``occurrence_start`` is its original start."""

    block_id: UUID
    occurrence_start: UtcTime
    change: Literal["completed", "reopened", "moved", "cancelled", "restored"]


class ReminderDueData(Payload):
    block_id: UUID
    occurrence_start: UtcTime
    start: UtcTime
    end: UtcTime
    title: str


class SessionData(Payload):
    id: UUID
    block_id: UUID | None
    course_id: UUID | None
    topic_id: UUID | None
    started_at: UtcTime
    ended_at: UtcTime | None


GOAL_CREATED = declare("goal.created", GoalData)
GOAL_UPDATED = declare("goal.updated", GoalData)
GOAL_DELETED = declare("goal.deleted", Deleted)
TASK_CREATED = declare("task.created", TaskData)
TASK_UPDATED = declare("task.updated", TaskData)
TASK_COMPLETED = declare("task.completed", TaskData)
TASK_REOPENED = declare("task.reopened", TaskData)
TASK_DELETED = declare("task.deleted", TaskDeletedData)
TASKS_REORDERED = declare("tasks.reordered", TasksReorderedData)
SCHEDULE_CREATED = declare("schedule.created", BlockData)
SCHEDULE_UPDATED = declare("schedule.updated", BlockData)
SCHEDULE_DELETED = declare("schedule.deleted", Deleted)
SCHEDULE_OCCURRENCE_UPDATED = declare("schedule.occurrence_updated", OccurrenceUpdatedData)
REMINDER_DUE = declare("reminder.due", ReminderDueData)
SESSION_STARTED = declare("session.started", SessionData)
SESSION_STOPPED = declare("session.stopped", SessionData)
SESSION_REOPENED = declare("session.reopened", SessionData)
SESSION_DELETED = declare("session.deleted", Deleted)
