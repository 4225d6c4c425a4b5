"""Planning models: goals and tasks, schedule blocks, reminders, calendar feed, study analytics."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q


class Priority(models.TextChoices):
    LOW = "LOW", "Low"
    MEDIUM = "MEDIUM", "Medium"
    HIGH = "HIGH", "High"


class GoalStatus(models.TextChoices):
    NOT_STARTED = "NOT_STARTED", "Not started"
    IN_PROGRESS = "IN_PROGRESS", "In progress"
    COMPLETED = "COMPLETED", "Completed"
    ABANDONED = "ABANDONED", "Abandoned"


class Goal(models.Model):
    """Something a learner wants to reach, broken into ordered tasks."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    target_date = models.DateField(null=True, blank=True)
    priority = models.CharField(max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=GoalStatus.choices, default=GoalStatus.NOT_STARTED)
    progress = models.FloatField(default=0.0)  # percent of tasks completed, 0-100
    course = models.ForeignKey(
        "learning.Course", on_delete=models.SET_NULL, null=True, blank=True, related_name="goals"
    )
    is_ai_generated = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "status"]),
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["user", "course"]),
        ]

    def __str__(self) -> str:
        return self.title


class Task(models.Model):
    """One step of a goal."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    completed = models.BooleanField(default=False)
    completed_at = models.DateTimeField(null=True, blank=True)
    order = models.PositiveIntegerField(default=0)
    deadline = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["order", "created_at"]
        indexes = [models.Index(fields=["goal", "order"]), models.Index(fields=["completed_at"])]

    def __str__(self) -> str:
        return self.title


class BlockType(models.TextChoices):
    STUDY = "STUDY", "Study"
    REVIEW = "REVIEW", "Review"
    PRACTICE = "PRACTICE", "Practice"
    EXAM = "EXAM", "Exam"
    BREAK = "BREAK", "Break"
    OTHER = "OTHER", "Other"


class ScheduleBlock(models.Model):
    """A study block, once or recurring (RFC 5545 RRULE expanded in ``timezone``)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="schedule_blocks")
    goal = models.ForeignKey(Goal, on_delete=models.SET_NULL, null=True, blank=True, related_name="schedule_blocks")
    course = models.ForeignKey(
        "learning.Course", on_delete=models.SET_NULL, null=True, blank=True, related_name="schedule_blocks"
    )
    topic = models.ForeignKey(  # when set, ``course`` is the topic's course
        "learning.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="schedule_blocks"
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    type = models.CharField(max_length=20, choices=BlockType.choices, default=BlockType.STUDY)
    start_time = models.DateTimeField()  # first occurrence; its wall time in `timezone` is the series' time
    end_time = models.DateTimeField()
    timezone = models.CharField(max_length=64)  # IANA zone the series is expanded in
    recurrence_rule = models.CharField(max_length=500, blank=True)
    reminder_minutes = models.PositiveIntegerField(null=True, blank=True)
    completed = models.BooleanField(default=False)
    is_ai_generated = models.BooleanField(default=False)
    series_end = models.DateTimeField(
        null=True, blank=True, editable=False
    )  # end of the last occurrence (bound); null: open
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["start_time"]
        indexes = [
            models.Index(fields=["user", "start_time"]),
            models.Index(fields=["reminder_minutes"]),
            models.Index(fields=["user", "course"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="planning_block_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class OccurrenceException(models.Model):
    """A change to one occurrence of a block: completed, moved or cancelled."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    block = models.ForeignKey(ScheduleBlock, on_delete=models.CASCADE, related_name="exceptions")
    original_start = models.DateTimeField()
    completed = models.BooleanField(default=False)
    cancelled = models.BooleanField(default=False)
    new_start = models.DateTimeField(null=True, blank=True)
    new_end = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["original_start"]
        constraints = [
            models.UniqueConstraint(fields=["block", "original_start"], name="planning_exception_unique_occurrence"),
        ]

    def __str__(self) -> str:
        return f"{self.block_id} @ {self.original_start.isoformat()}"


class ReminderDelivery(models.Model):
    """Proof that the reminder of one occurrence went out; the unique key makes it exactly once."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    block = models.ForeignKey(ScheduleBlock, on_delete=models.CASCADE, related_name="reminder_deliveries")
    occurrence_start = models.DateTimeField()
    notification = models.ForeignKey(
        "accounts.Notification", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "reminder deliveries"
        constraints = [
            models.UniqueConstraint(fields=["block", "occurrence_start"], name="planning_reminder_once_per_occurrence"),
        ]

    def __str__(self) -> str:
        return f"{self.block_id} @ {self.occurrence_start.isoformat()}"


class CalendarFeed(models.Model):
    """A user's secret calendar-feed token, stored as its SHA-256 digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="calendar_feed"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"calendar feed of {self.user_id}"


class StudySession(models.Model):
    """A timed stretch of study; at most one runs per user."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="study_sessions")
    block = models.ForeignKey(
        ScheduleBlock, on_delete=models.SET_NULL, null=True, blank=True, related_name="study_sessions"
    )
    course = models.ForeignKey(
        "learning.Course", on_delete=models.SET_NULL, null=True, blank=True, related_name="study_sessions"
    )
    topic = models.ForeignKey(  # when set, ``course`` is the topic's course
        "learning.Topic", on_delete=models.SET_NULL, null=True, blank=True, related_name="study_sessions"
    )
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["user", "-started_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user"], condition=Q(ended_at__isnull=True), name="planning_one_running_session_per_user"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} from {self.started_at.isoformat()}"


class DailyMetric(models.Model):
    """One user's study figures for one local calendar day."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="daily_metrics")
    date = models.DateField()
    study_minutes = models.PositiveIntegerField(default=0)
    sessions = models.PositiveIntegerField(default=0)
    tasks_completed = models.PositiveIntegerField(default=0)
    topics_completed = models.PositiveIntegerField(default=0)
    notes_created = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date"]
        indexes = [models.Index(fields=["date"])]
        constraints = [models.UniqueConstraint(fields=["user", "date"], name="planning_daily_metric_unique_day")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.date}"
