"""The one rule for linking an object (note, goal, block, session) to a learner's course and topic."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from apps.accounts.models import User
from apps.learning.models import Course, Topic
from apps.learning.selectors import course_get, topic_get

NO_SUCH_COURSE = "No such course."
NO_SUCH_TOPIC = "No such topic."
TOPIC_NOT_IN_COURSE = "The topic is not in this course."


def learning_links(*, user: User, course_id: Any = None, topic_id: Any = None) -> tuple[Course | None, Topic | None]:
    """``user``'s course and topic named by id; a topic implies its course, and if both are named they agree.

    Refused with a ``ValidationError`` on ``course_id`` / ``topic_id`` (both when both are wrong).
    """
    errors: dict[str, list[str]] = {}
    course = topic = None
    if course_id is not None:
        try:
            course = course_get(user=user, pk=course_id)
        except Http404:
            errors["course_id"] = [NO_SUCH_COURSE]
    if topic_id is not None:
        try:
            topic = topic_get(user=user, pk=topic_id)
        except Http404:
            errors["topic_id"] = [NO_SUCH_TOPIC]
    if errors:
        raise ValidationError(errors)
    if topic is not None:
        if course is not None and topic.module.course_id != course.pk:
            raise ValidationError({"topic_id": [TOPIC_NOT_IN_COURSE]})
        course = topic.module.course
    return course, topic
