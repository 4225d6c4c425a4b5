"""Links from planning objects to the learner's courses and topics (the rule itself: :mod:`apps.learning.links`)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from apps.accounts.models import User
from apps.learning.links import learning_links
from apps.learning.models import Course, Topic


def surviving_links(*, user: User, course_id: Any, topic_id: Any) -> tuple[Course | None, Topic | None]:
    """Like :func:`learning_links`, but what no longer exists (or is not ``user``'s) is dropped, not refused.

    A missing topic keeps its course; a missing course takes its topic with it.
    """
    for course_ref, topic_ref in ((course_id, topic_id), (course_id, None)):
        try:
            return learning_links(user=user, course_id=course_ref, topic_id=topic_ref)
        except ValidationError:
            continue
    return None, None


def links_apply(obj: Any, *, user: User, changes: dict[str, Any]) -> None:
    """Move ``course_id``/``topic_id`` out of ``changes`` onto ``obj`` (a schedule block).

    A new topic brings its course; a new course keeps the current topic only if the topic is in it;
    clearing the course clears the topic; clearing the topic keeps the course.
    """
    has_course, has_topic = "course_id" in changes, "topic_id" in changes
    if not (has_course or has_topic):
        return
    course_id, topic_id = changes.pop("course_id", None), changes.pop("topic_id", None)
    if has_topic and not has_course and topic_id is None:
        obj.topic = None
        return
    if has_course and not has_topic:
        course, _ = learning_links(user=user, course_id=course_id)
        current = obj.topic
        obj.course = course
        obj.topic = (
            current if course is not None and current is not None and current.module.course_id == course.pk else None
        )
        return
    obj.course, obj.topic = learning_links(user=user, course_id=course_id, topic_id=topic_id)


def link_ids(obj: Any) -> dict[str, str | None]:
    """``course_id`` and ``topic_id`` of ``obj`` for realtime payloads."""
    return {
        "course_id": str(obj.course_id) if obj.course_id else None,
        "topic_id": str(obj.topic_id) if obj.topic_id else None,
    }
