"""What the assistant knows and may do in the learner's spaces: shared courses, within their role.

Registered from :class:`apps.spaces.apps.SpacesConfig` (a context section and two tools); the
role rules are the policy module's, so the assistant can do no more than the API allows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from pydantic import Field

from apps.accounts.models import User
from apps.assistant.context import add_context_section
from apps.assistant.tools import changes
from apps.assistant.tools.learning import find_by_title
from apps.assistant.tools.registry import Arguments, Change, Tool, ToolOutcome, register
from apps.learning.models import Course, Topic
from apps.spaces import policy, selectors, services
from apps.spaces.models import Membership, SharedCourse, TopicProgress

MAX_ITEMS = 8


def _shares(user: User) -> list[SharedCourse]:
    return list(
        SharedCourse.objects.filter(space__memberships__user=user)
        .exclude(course__user=user)
        .select_related("course", "space")
        .order_by("-shared_at")[:MAX_ITEMS]
    )


def _membership(user: User, space_id: Any) -> Membership:
    return Membership.objects.select_related("space", "user").get(user=user, space_id=space_id)


def shared_courses(user: User) -> list[str]:
    """Courses others shared with the learner, with the space, the learner's role and own progress."""
    lines = []
    for share in _shares(user):
        membership = _membership(user, share.space_id)
        progress = selectors.shared_course_outline(membership=membership, course_id=share.course_id).progress
        lines.append(
            f"Shared course “{share.course.title}” in space “{share.space.name}” "
            f"(your role: {membership.role.lower()}, {progress:.0f}% done by you)"
        )
    return lines


class ListSharedCourses(Arguments):
    """List the courses shared with the learner in their study spaces, with their role and own progress."""


def list_shared_courses(user: User, arguments: ListSharedCourses) -> ToolOutcome:
    rows = []
    for share in _shares(user):
        membership = _membership(user, share.space_id)
        outline = selectors.shared_course_outline(membership=membership, course_id=share.course_id)
        rows.append(
            {"space": share.space.name, "course": share.course.title, "role": membership.role,
             "progress": outline.progress}
        )  # fmt: skip
    summary = "; ".join(f"{r['course']} ({r['space']}, {r['progress']:.0f}%)" for r in rows) or "No shared courses."
    return ToolOutcome(result={"courses": rows, "summary": summary})


class CompleteSharedTopic(Arguments):
    """Mark a topic of a course shared in a study space done (or not done) for the learner only."""

    topic: str = Field(description="The topic's title or id")
    course: str | None = Field(default=None, description="The shared course it is in, when the title is ambiguous")
    completed: bool = True


def _shared_topic(user: User, arguments: CompleteSharedTopic) -> tuple[Topic, Membership]:
    topics = Topic.objects.filter(module__course__space_shares__space__memberships__user=user)
    if arguments.course:
        shared = Course.objects.filter(space_shares__space__memberships__user=user).distinct()
        topics = topics.filter(module__course=find_by_title(shared, arguments.course, field="title", kind="course"))
    topic: Topic = find_by_title(
        topics.select_related("module__course").distinct(), arguments.topic, field="title", kind="topic"
    )
    memberships = Membership.objects.select_related("space", "user").filter(
        user=user, space__shared_courses__course_id=topic.module.course_id
    )
    return topic, max(memberships, key=lambda m: policy.rank(m.role))


def complete_shared_topic(user: User, arguments: CompleteSharedTopic) -> ToolOutcome:
    topic, membership = _shared_topic(user, arguments)
    own = topic.module.course.user_id == user.pk
    row_before = None if own else TopicProgress.objects.filter(user=user, topic=topic).first()
    was_done = topic.completed if own else row_before is not None
    try:
        progress = services.shared_topic_complete(actor=membership, topic=topic, completed=arguments.completed)
    except PermissionDenied as exc:
        raise ValidationError({"topic": [str(exc)]}) from exc
    undo = {"space_id": str(membership.space_id), "topic_id": str(topic.pk), "was_done": was_done}
    row_after = None if own else TopicProgress.objects.filter(user=user, topic=topic).first()
    if row_after is not None:
        change = changes.change(row_after, "created", before=undo)
    elif row_before is not None:
        change = Change(model="spaces.topicprogress", pk=str(row_before.pk), op="deleted", before=undo)
    else:
        change = changes.change(Topic.objects.get(pk=topic.pk), "updated", before=undo)
    return ToolOutcome(
        result={
            "topic_id": str(topic.pk),
            "course_progress": progress,
            "summary": f"Marked “{topic.title}” {'done' if arguments.completed else 'not done'}; "
            f"you are {progress:.0f}% through “{topic.module.course.title}”.",
        },
        changes=(change,),
    )


def undo_complete_shared_topic(user: User, recorded: list[Change]) -> None:
    undo = recorded[0].before
    topic = Topic.objects.select_related("module__course").get(pk=undo["topic_id"])
    services.shared_topic_complete(
        actor=_membership(user, undo["space_id"]), topic=topic, completed=bool(undo["was_done"])
    )


def register_assistant() -> None:
    """Give the assistant the learner's shared courses as context and the tools to study them."""
    add_context_section(shared_courses)
    register(Tool("list_shared_courses", ListSharedCourses.__doc__ or "", ListSharedCourses, list_shared_courses))
    register(
        Tool("complete_shared_topic", CompleteSharedTopic.__doc__ or "", CompleteSharedTopic, complete_shared_topic,
             undo_complete_shared_topic)
    )  # fmt: skip
