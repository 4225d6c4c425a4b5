"""Routes of the API and how to create the object each route with an id acts on (shared by tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from apps.accounts.models import Job, JobState, Notification
from apps.assistant.models import ActionStatus, AIActionLog, Conversation, MemoryFact
from apps.learning.tests.factories import ModuleFactory, NoteFactory, TopicFactory, UserResourceFactory
from apps.materials.tests.factories import MaterialFactory
from apps.notifications.tests.factories import FcmDeviceFactory
from apps.planning.tests.factories import GoalFactory, ScheduleBlockFactory, StudySessionFactory, TaskFactory
from apps.review.tests.factories import CardFactory, DeckFactory, ExamFactory, QuizFactory
from apps.spaces.tests.routes import SPACES_OWNED

Owned = Callable[[Any], dict[str, Any]]


def _course(user):
    return ModuleFactory.create(course__user=user).course


def _job(user, kind: str = "schedule_generation"):
    return Job.objects.create(user=user, kind=kind, state=JobState.SUCCEEDED, result={"blocks": [], "timezone": "UTC"})


def _action(user):
    return AIActionLog.objects.create(user=user, action_type="create_goal", status=ActionStatus.PROPOSED)


OWNED: dict[str, Owned] = {
    "notification-read": lambda u: {"notification_id": Notification.objects.create(user=u, kind="k", title="t").pk},
    "staff-user-detail": lambda u: {"user_id": u.pk},
    "staff-user-tier": lambda u: {"user_id": u.pk},
    "staff-user-deactivate": lambda u: {"user_id": u.pk},
    "job-detail": lambda u: {"job_id": _job(u).pk},
    "chat-conversation": lambda u: {"pk": Conversation.objects.create(user=u).pk},
    "assistant-memory-fact": lambda u: {"pk": MemoryFact.objects.create(user=u, text="I prefer mornings").pk},
    "chat-messages": lambda u: {"pk": Conversation.objects.create(user=u).pk},
    "chat-action-confirm": lambda u: {"pk": _action(u).pk},
    "chat-action-reject": lambda u: {"pk": _action(u).pk},
    "chat-action-undo": lambda u: {"pk": _action(u).pk},
    "schedule-confirm": lambda u: {"job_id": _job(u).pk},
    "note-summary": lambda u: {"note_id": NoteFactory.create(user=u).pk},
    "course-detail": lambda u: {"course_id": _course(u).pk},
    "course-archive": lambda u: {"course_id": _course(u).pk},
    "course-unarchive": lambda u: {"course_id": _course(u).pk},
    "course-reorder": lambda u: {"course_id": _course(u).pk},
    "course-module-create": lambda u: {"course_id": _course(u).pk},
    "module-detail": lambda u: {"module_id": ModuleFactory.create(course__user=u).pk},
    "module-topic-create": lambda u: {"module_id": ModuleFactory.create(course__user=u).pk},
    "topic-detail": lambda u: {"topic_id": TopicFactory.create(module__course__user=u).pk},
    "topic-complete": lambda u: {"topic_id": TopicFactory.create(module__course__user=u).pk},
    "note-detail": lambda u: {"note_id": NoteFactory.create(user=u).pk},
    "saved-resource-detail": lambda u: {"saved_id": UserResourceFactory.create(user=u).pk},
    "goal-detail": lambda u: {"goal_id": GoalFactory.create(user=u).pk},
    "goal-task-create": lambda u: {"goal_id": GoalFactory.create(user=u).pk},
    "goal-task-reorder": lambda u: {"goal_id": GoalFactory.create(user=u).pk},
    "task-detail": lambda u: {"task_id": TaskFactory.create(goal__user=u).pk},
    "session-stop": lambda u: {"session_id": StudySessionFactory.create(user=u).pk},
    "schedule-detail": lambda u: {"block_id": ScheduleBlockFactory.create(user=u).pk},
    "schedule-occurrence-complete": lambda u: {"block_id": ScheduleBlockFactory.create(user=u).pk},
    "schedule-occurrence-move": lambda u: {"block_id": ScheduleBlockFactory.create(user=u).pk},
    "schedule-occurrence-cancel": lambda u: {"block_id": ScheduleBlockFactory.create(user=u).pk},
    "device-detail": lambda u: {"device_id": FcmDeviceFactory.create(user=u).pk},
    "deck-detail": lambda u: {"deck_id": DeckFactory.create(user=u).pk},
    "deck-import": lambda u: {"deck_id": DeckFactory.create(user=u).pk},
    "deck-export": lambda u: {"deck_id": DeckFactory.create(user=u).pk},
    "card-detail": lambda u: {"card_id": CardFactory.create(deck__user=u).pk},
    "card-review": lambda u: {"card_id": CardFactory.create(deck__user=u).pk},
    "card-undo-review": lambda u: {"card_id": CardFactory.create(deck__user=u).pk},
    "quiz-detail": lambda u: {"quiz_id": QuizFactory.create(user=u).pk},
    "quiz-attempts": lambda u: {"quiz_id": QuizFactory.create(user=u).pk},
    "exam-detail": lambda u: {"exam_id": ExamFactory.create(user=u).pk},
    "exam-readiness": lambda u: {"exam_id": ExamFactory.create(user=u).pk},
    "exam-plan": lambda u: {"exam_id": ExamFactory.create(user=u).pk},
    "material-detail": lambda u: {"material_id": MaterialFactory.create(user=u).pk},
    "material-chunks": lambda u: {"material_id": MaterialFactory.create(user=u).pk},
    **SPACES_OWNED,
}
STAFF_ONLY = {"staff-user-detail", "staff-user-tier", "staff-user-deactivate"}  # a learner gets 403


def _walk(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        else:
            yield route, pattern


def api_routes(*, with_ids: bool) -> list[tuple[str, list[str]]]:
    """(route name, methods its view allows) for each /api/v1/ route, those whose path holds an id or the others."""
    routes = []
    for route, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("api/v1/") or bool(pattern.pattern.converters) != with_ids:
            continue
        view_class = getattr(pattern.callback, "view_class", None)
        methods = [m.upper() for m in getattr(view_class, "http_method_names", ["get"]) if hasattr(view_class, m)]
        routes.append((str(pattern.name), [m for m in methods if m not in ("OPTIONS", "HEAD")] or ["GET"]))
    return routes
