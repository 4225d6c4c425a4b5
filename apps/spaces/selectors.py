"""Reads for spaces, each through the access policy: a non-member's space is a 404 (apps/spaces/policy.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.learning import selectors as learning_selectors
from apps.learning.models import Course, Topic
from apps.learning.services import progress_percent
from apps.spaces import policy
from apps.spaces.models import AuditEntry, Invitation, JoinLink, Membership, Role, SharedCourse, Space, TopicProgress
from apps.spaces.policy import Action, roles_allowing


def owned_spaces(*, user_id: Any) -> QuerySet[Space]:
    """Spaces the user owns (oldest first), counted by the ``spaces_owned`` limit."""
    return Space.objects.filter(memberships__user_id=user_id, memberships__role=Role.OWNER).order_by("created_at", "pk")


def member_count(*, space_id: Any) -> int:
    """How many members a space has."""
    return Membership.objects.filter(space_id=space_id).count()


def space_list(*, user: User, ordering: str | None = None) -> QuerySet[Space]:
    """The spaces ``user`` belongs to, with their role and member count (one query a page)."""
    mine = Membership.objects.filter(space=OuterRef("pk"), user=user)
    return (
        Space.objects.filter(memberships__user=user)
        .annotate(
            my_role=Subquery(mine.values("role")[:1]),
            member_count=Count("memberships", distinct=True),
        )
        .order_by(ordering or "-created_at", "-pk")
    )


def space_membership(*, user: Any, space_id: Any, action: Action = Action.READ) -> Membership:
    """The caller's membership (with its space): 404 for a non-member, 403 if the role does not allow ``action``."""
    membership = policy.membership_or_404(user=user, space_id=space_id)
    policy.require(membership, action)
    return membership


def space_detail(*, membership: Membership) -> Space:
    """The member's space with their role and its member count (one query)."""
    return space_list(user=membership.user).get(pk=membership.space_id)


def member_list(*, membership: Membership, role: str | None = None) -> QuerySet[Membership]:
    """The space's members with their users (one query a page)."""
    queryset = Membership.objects.filter(space_id=membership.space_id).select_related("user")
    if role:
        queryset = queryset.filter(role=role)
    return queryset.order_by("joined_at", "pk")


def member_get(*, membership: Membership, user_id: Any) -> Membership:
    """Another member of the caller's space (404 if ``user_id`` is not a member)."""
    try:
        return Membership.objects.select_related("user").get(space_id=membership.space_id, user_id=user_id)
    except Membership.DoesNotExist as exc:
        raise Http404 from exc


def invitation_list(*, membership: Membership, pending: bool | None = None) -> QuerySet[Invitation]:
    """The space's invitations, newest first; ``pending`` keeps the usable (or the used, expired, revoked) ones."""
    queryset = Invitation.objects.filter(space_id=membership.space_id)
    if pending is not None:
        usable = Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())
        queryset = queryset.filter(usable) if pending else queryset.exclude(usable)
    return queryset.order_by("-created_at", "-pk")


def invitation_get(*, membership: Membership, pk: Any) -> Invitation:
    """One of the space's invitations (404 otherwise)."""
    try:
        return Invitation.objects.get(space_id=membership.space_id, pk=pk)
    except Invitation.DoesNotExist as exc:
        raise Http404 from exc


def join_link_list(*, membership: Membership) -> QuerySet[JoinLink]:
    """The space's join links, newest first."""
    return JoinLink.objects.filter(space_id=membership.space_id).order_by("-created_at", "-pk")


def join_link_get(*, membership: Membership, pk: Any) -> JoinLink:
    """One of the space's join links (404 otherwise)."""
    try:
        return JoinLink.objects.get(space_id=membership.space_id, pk=pk)
    except JoinLink.DoesNotExist as exc:
        raise Http404 from exc


# --- shared courses ---------------------------------------------------------------------------


def shared_course_list(*, membership: Membership) -> QuerySet[SharedCourse]:
    """The courses shared in the space, with their titles and topic counts (one query a page)."""
    return (
        SharedCourse.objects.filter(space_id=membership.space_id)
        .select_related("course")
        .annotate(topic_count=Count("course__modules__topics", distinct=True))
        .order_by("-shared_at", "-pk")
    )


def shared_course_get(*, membership: Membership, course_id: Any) -> SharedCourse:
    """The share of ``course_id`` in the caller's space with its course (404 if it is not shared there)."""
    try:
        return SharedCourse.objects.select_related("course").get(space_id=membership.space_id, course_id=course_id)
    except SharedCourse.DoesNotExist as exc:
        raise Http404 from exc


def _shared_in(membership: Membership, course_id: Any) -> None:
    if not SharedCourse.objects.filter(space_id=membership.space_id, course_id=course_id).exists():
        raise Http404


def shared_topic_get(*, membership: Membership, topic_id: Any) -> Topic:
    """A topic of a course shared in the caller's space, with its module and course (404 otherwise)."""
    topic = learning_selectors.topic_with_course(pk=topic_id)
    _shared_in(membership, topic.module.course_id)
    return topic


def shared_module_get(*, membership: Membership, module_id: Any) -> Any:
    """A module of a course shared in the caller's space, with its course (404 otherwise)."""
    module = learning_selectors.module_with_course(pk=module_id)
    _shared_in(membership, module.course_id)
    return module


def _studied_courses(user: User) -> QuerySet[Course]:
    return Course.objects.filter(
        space_shares__space__memberships__user=user,
        space_shares__space__memberships__role__in=roles_allowing(Action.STUDY),
    )


def studied_course(user: User, course_id: Any) -> Course | None:
    """A course shared in a space where ``user`` may study (``None`` otherwise): links for their own notes."""
    try:
        return _studied_courses(user).filter(pk=course_id).first()
    except (ValidationError, ValueError):
        return None


def studied_topic(user: User, topic_id: Any) -> Topic | None:
    """A topic of a course :func:`studied_course` allows, with its module and course (``None`` otherwise)."""
    try:
        topic = Topic.objects.select_related("module__course").filter(pk=topic_id).first()
    except (ValidationError, ValueError):
        return None
    if topic is None or not _studied_courses(user).filter(pk=topic.module.course_id).exists():
        return None
    return topic


def completed_topic_ids(*, user: Any, course: Course) -> set[Any]:
    """The topics of ``course`` that ``user`` has done: the owner's own flags, anyone else's ``TopicProgress``."""
    if course.user_id == user.pk:
        return set(Topic.objects.filter(module__course=course, completed=True).values_list("pk", flat=True))
    return set(TopicProgress.objects.filter(user=user, topic__module__course=course).values_list("topic_id", flat=True))


@dataclass(frozen=True)
class SharedOutline:
    """A shared course's outline as one member sees it: their own completed topics and progress."""

    course: Course
    completed: frozenset[Any]
    progress: float


def shared_course_outline(*, membership: Membership, course_id: Any) -> SharedOutline:
    """The shared course with its outline and the caller's own progress (five queries)."""
    _shared_in(membership, course_id)
    course = learning_selectors.course_outline(pk=course_id)
    done = completed_topic_ids(user=membership.user, course=course)
    topics = [
        (topic.pk in done, topic.estimated_hours) for module in course.modules.all() for topic in module.topics.all()
    ]
    return SharedOutline(
        course=course, completed=frozenset(done), progress=progress_percent([(d, h) for d, h in topics])
    )


@dataclass(frozen=True)
class MemberProgress:
    """One row of a shared course's progress table."""

    user_id: Any
    name: str
    email: str
    role: str
    completed_topics: int
    total_topics: int
    progress: float


def progress_table(*, membership: Membership, course_id: Any, page: list[Membership]) -> list[MemberProgress]:
    """Each member of ``page`` with their progress on the shared course (three queries whatever the page size)."""
    topics = list(Topic.objects.filter(module__course_id=course_id).values_list("pk", "estimated_hours", "completed"))
    owner_id = SharedCourse.objects.filter(space_id=membership.space_id, course_id=course_id).values_list(
        "course__user_id", flat=True
    )[:1]
    owner = next(iter(owner_id), None)
    done: dict[Any, set[Any]] = {m.user_id: set() for m in page}
    for user_id, topic_id in TopicProgress.objects.filter(
        user_id__in=list(done), topic__module__course_id=course_id
    ).values_list("user_id", "topic_id"):
        done[user_id].add(topic_id)
    if owner in done:
        done[owner] = {pk for pk, _, completed in topics if completed}
    rows = []
    for member in page:
        mine = done[member.user_id]
        rows.append(
            MemberProgress(
                user_id=member.user_id,
                name=member.user.name,
                email=member.user.email,
                role=member.role,
                completed_topics=len(mine),
                total_topics=len(topics),
                progress=progress_percent([(pk in mine, hours) for pk, hours, _ in topics]),
            )
        )
    return rows


def audit_list(*, membership: Membership) -> QuerySet[AuditEntry]:
    """The space's audit entries, newest first."""
    return AuditEntry.objects.filter(space_id=membership.space_id).order_by("-created_at", "-pk")
