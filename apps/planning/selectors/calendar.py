"""The iCalendar feed: blocks as VEVENTs (RRULE, EXDATE, overrides), open tasks with deadlines as VTODOs."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.http import Http404
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, Todo, vRecur

from apps.accounts.models import User
from apps.planning.models import CalendarFeed, GoalStatus, ScheduleBlock, Task
from apps.planning.recurrence import stored_rule_problem
from apps.planning.services.calendar import token_digest

UID_DOMAIN = "maigie.app"

logger = logging.getLogger(__name__)


def user_for_calendar_token(*, token: str) -> User:
    """The owner of a current feed token, or 404."""
    feed = CalendarFeed.objects.select_related("user").filter(token_digest=token_digest(token)).first()
    if feed is None or not feed.user.is_active:
        raise Http404
    return feed.user


def calendar_feed(*, user: User) -> bytes:
    """``user``'s schedule and open task deadlines as an RFC 5545 calendar."""
    calendar = Calendar()
    calendar.add("prodid", "-//Maigie//Study schedule//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Maigie")
    calendar.add("x-wr-timezone", user.timezone)
    stamp = timezone.now()
    for block in (
        ScheduleBlock.objects.filter(user=user).select_related("course", "topic").prefetch_related("exceptions")
    ):
        for component in block_events(block, stamp=stamp):
            calendar.add_component(component)
    tasks = (
        Task.objects.filter(goal__user=user, completed=False, deadline__isnull=False)
        .exclude(goal__status=GoalStatus.ABANDONED)
        .select_related("goal")
    )
    for task in tasks:
        calendar.add_component(task_todo(task, stamp=stamp))
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())


def block_events(block: ScheduleBlock, *, stamp: datetime) -> list[Event]:
    """The series VEVENT of ``block`` plus one override VEVENT per moved occurrence."""
    zone = ZoneInfo(block.timezone)
    exceptions = list(block.exceptions.all())
    if not block.recurrence_rule and any(e.cancelled for e in exceptions):
        return []
    if block.recurrence_rule and stored_rule_problem(block.recurrence_rule, block.start_time.astimezone(zone)):
        logger.warning("Schedule block %s left out of the calendar feed: unusable recurrence rule", block.pk)
        return []
    uid = f"block-{block.pk}@{UID_DOMAIN}"
    series = _event(
        uid, block, stamp=stamp, start=block.start_time.astimezone(zone), end=block.end_time.astimezone(zone)
    )
    if not block.recurrence_rule:
        return [series]
    series.add("rrule", vRecur.from_ical(block.recurrence_rule))
    cancelled = [e.original_start.astimezone(zone) for e in exceptions if e.cancelled]
    if cancelled:
        series.add("exdate", cancelled)
    events = [series]
    for exception in exceptions:
        if exception.new_start is not None and exception.new_end is not None and not exception.cancelled:
            moved = _event(
                uid,
                block,
                stamp=stamp,
                start=exception.new_start.astimezone(zone),
                end=exception.new_end.astimezone(zone),
            )
            moved.add("recurrence-id", exception.original_start.astimezone(zone))
            events.append(moved)
    return events


def task_todo(task: Task, *, stamp: datetime) -> Todo:
    """An open task with a deadline as a VTODO."""
    todo = Todo()
    todo.add("uid", f"task-{task.pk}@{UID_DOMAIN}")
    todo.add("dtstamp", stamp)
    todo.add("summary", task.title)
    if task.description:
        todo.add("description", task.description)
    todo.add("due", task.deadline)
    todo.add("status", "NEEDS-ACTION")
    todo.add("categories", [task.goal.title])
    return todo


def _event(uid: str, block: ScheduleBlock, *, stamp: datetime, start: datetime, end: datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", block.title)
    description = "\n\n".join(part for part in (block.description, _studies(block)) if part)
    if description:
        event.add("description", description)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("categories", [block.get_type_display()])
    if block.reminder_minutes is not None:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", block.title)
        alarm.add("trigger", -timedelta(minutes=block.reminder_minutes))
        event.add_component(alarm)
    return event


def _studies(block: ScheduleBlock) -> str:
    """What the block studies, e.g. ``Course: Linear algebra / Topic: Eigenvalues``."""
    parts = []
    if block.course is not None:
        parts.append(f"Course: {block.course.title}")
    if block.topic is not None:
        parts.append(f"Topic: {block.topic.title}")
    return " / ".join(parts)
