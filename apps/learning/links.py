"""The one rule for linking an object (note, goal, block, session) to a learner's course and topic.

A course someone else shared with the learner (a study space) can be linked too where the caller
asks for it (``shared=True``: the learner's own notes on a shared course). Learning does not know
about spaces: the spaces app registers who may study which foreign course
(:func:`register_shared_study`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404

from apps.accounts.models import User
from apps.learning.models import Course, Topic
from apps.learning.selectors import course_get, topic_get

NO_SUCH_COURSE = "No such course."
NO_SUCH_TOPIC = "No such topic."
TOPIC_NOT_IN_COURSE = "The topic is not in this course."

SharedCourseLookup = Callable[[User, Any], Course | None]
SharedTopicLookup = Callable[[User, Any], Topic | None]
_shared_courses: list[SharedCourseLookup] = []
_shared_topics: list[SharedTopicLookup] = []


def register_shared_study(*, course: SharedCourseLookup, topic: SharedTopicLookup) -> None:
    """Let ``user`` link to other learners' courses and topics the lookups return (``None``: not allowed)."""
    _shared_courses.append(course)
    _shared_topics.append(topic)


def _own_or_shared(own: Callable[[], Any], lookups: list[Callable[[User, Any], Any]], user: User, pk: Any) -> Any:
    try:
        return own()
    except Http404:
        found = next((obj for lookup in lookups if (obj := lookup(user, pk)) is not None), None)
        if found is None:
            raise
        return found


def learning_links(
    *, user: User, course_id: Any = None, topic_id: Any = None, shared: bool = False
) -> tuple[Course | None, Topic | None]:
    """``user``'s course and topic named by id; a topic implies its course, and if both are named they agree.

    With ``shared``, a course or topic shared with ``user`` (see :func:`register_shared_study`) is
    accepted too. Refused with a ``ValidationError`` on ``course_id`` / ``topic_id`` (both when both
    are wrong).
    """
    errors: dict[str, list[str]] = {}
    course = topic = None
    course_lookups = _shared_courses if shared else []
    topic_lookups = _shared_topics if shared else []
    if course_id is not None:
        try:
            course = _own_or_shared(lambda: course_get(user=user, pk=course_id), course_lookups, user, course_id)
        except Http404:
            errors["course_id"] = [NO_SUCH_COURSE]
    if topic_id is not None:
        try:
            topic = _own_or_shared(lambda: topic_get(user=user, pk=topic_id), topic_lookups, user, topic_id)
        except Http404:
            errors["topic_id"] = [NO_SUCH_TOPIC]
    if errors:
        raise ValidationError(errors)
    if topic is not None:
        if course is not None and topic.module.course_id != course.pk:
            raise ValidationError({"topic_id": [TOPIC_NOT_IN_COURSE]})
        course = topic.module.course
    return course, topic
