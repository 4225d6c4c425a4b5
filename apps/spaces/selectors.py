"""Reads for spaces, each through the access policy: a non-member's space is a 404 (apps/spaces/policy.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from apps.accounts.models import User
from apps.learning import selectors as learning_selectors
from apps.learning.models import Course, Topic
from apps.learning.services import progress_percent
from apps.materials.models import Material, MaterialChunk
from apps.materials.selectors import material_chunks
from apps.review.models import Card, CardState, ReviewLog
from apps.spaces import policy
from apps.spaces.models import (
    AuditEntry,
    Invitation,
    JoinLink,
    MemberReview,
    Membership,
    Role,
    SharedCourse,
    SharedDeck,
    SharedMaterial,
    Space,
    TopicProgress,
)
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


# --- shared decks ------------------------------------------------------------------------------


def shared_deck_list(*, membership: Membership) -> QuerySet[SharedDeck]:
    """The decks shared in the space, with their titles and card counts (one query a page)."""
    return (
        SharedDeck.objects.filter(space_id=membership.space_id)
        .select_related("deck")
        .annotate(card_count=Count("deck__cards", filter=Q(deck__cards__suspended=False)))
        .order_by("-shared_at", "-pk")
    )


def shared_deck_get(*, membership: Membership, deck_id: Any) -> SharedDeck:
    """The share of ``deck_id`` in the caller's space, with its deck and card count (404 if not shared there)."""
    try:
        return shared_deck_list(membership=membership).get(deck_id=deck_id)
    except SharedDeck.DoesNotExist as exc:
        raise Http404 from exc


def _own_state(cards: QuerySet[Card], *, user: Any, owner_id: Any) -> QuerySet[Any]:
    """``cards`` with ``my_*`` annotations: the caller's own FSRS state (the owner's is the card's, a member's
    :class:`MemberCardState`, new and due since the card was made when they never reviewed it)."""
    if user.pk == owner_id:
        return cards.annotate(
            my_state=F("state"),
            my_due=F("due"),
            my_stability=F("stability"),
            my_difficulty=F("difficulty"),
            my_last_review=F("last_review"),
            my_reps=F("reps"),
            my_lapses=F("lapses"),
        )
    cards = cards.annotate(mine=FilteredRelation("member_states", condition=Q(member_states__user=user)))
    return cards.annotate(
        my_state=Coalesce(F("mine__state"), Value(CardState.NEW.value)),
        my_due=Coalesce(F("mine__due"), F("created_at")),
        my_stability=F("mine__stability"),
        my_difficulty=F("mine__difficulty"),
        my_last_review=F("mine__last_review"),
        my_reps=Coalesce(F("mine__reps"), Value(0), output_field=IntegerField()),
        my_lapses=Coalesce(F("mine__lapses"), Value(0), output_field=IntegerField()),
    )


def shared_cards(*, membership: Membership, deck: Any) -> QuerySet[Any]:
    """The shared deck's cards with the caller's own state (``my_*``), oldest first (one query a page)."""
    cards = Card.objects.filter(deck_id=deck.pk).defer("fingerprint")
    return _own_state(cards, user=membership.user, owner_id=deck.user_id).order_by("created_at", "pk")


def shared_due_cards(*, membership: Membership, deck: Any, now: datetime.datetime) -> QuerySet[Any]:
    """The shared deck's cards due for the caller now, by their own state, in the review app's study order.

    Cards the owner suspended are left out for everyone; the owner's buried cards only for the owner.
    """
    cards: QuerySet[Any] = shared_cards(membership=membership, deck=deck).filter(suspended=False, my_due__lte=now)
    if membership.user_id == deck.user_id:
        cards = cards.filter(Q(buried_until__isnull=True) | Q(buried_until__lte=now))
    group = Case(
        When(my_state__in=[CardState.LEARNING, CardState.RELEARNING], then=Value(0)),
        When(my_state=CardState.REVIEW, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    ordered: QuerySet[Any] = cards.annotate(study_group=group).order_by("study_group", "my_due", "created_at", "pk")
    return ordered


def shared_card_get(*, membership: Membership, card_id: Any, for_update: bool = False) -> Card:
    """A card of a deck shared in the caller's space, with its deck (404 otherwise); locked with ``for_update``."""
    queryset = Card.objects.select_for_update() if for_update else Card.objects.all()
    card = queryset.select_related("deck").filter(pk=card_id).first()
    if card is None or not SharedDeck.objects.filter(space_id=membership.space_id, deck_id=card.deck_id).exists():
        raise Http404
    return card


def shared_card_out(*, membership: Membership, card: Card) -> Card:
    """``card`` read again with the caller's own state (after a review or an edit)."""
    found: Card = shared_cards(membership=membership, deck=card.deck).get(pk=card.pk)
    return found


@dataclass(frozen=True)
class MemberDeckProgress:
    """One row of a shared deck's table: how much a member has reviewed it."""

    user_id: Any
    name: str
    email: str
    role: str
    reviews: int
    cards_studied: int
    total_cards: int


def deck_progress_table(*, deck: Any, page: list[Membership]) -> list[MemberDeckProgress]:
    """Each member of ``page`` with their reviews of the shared deck (three queries whatever the page size)."""
    total = Card.objects.filter(deck_id=deck.pk).count()
    users = [m.user_id for m in page]
    counts: dict[Any, tuple[int, int]] = {
        row["user_id"]: (row["reviews"], row["cards"])
        for row in MemberReview.objects.filter(user_id__in=users, card__deck_id=deck.pk)
        .values("user_id")
        .annotate(reviews=Count("pk"), cards=Count("card_id", distinct=True))
    }
    if deck.user_id in users:
        own = ReviewLog.objects.filter(card__deck_id=deck.pk, user_id=deck.user_id).aggregate(
            reviews=Count("pk"), cards=Count("card_id", distinct=True)
        )
        counts[deck.user_id] = (own["reviews"], own["cards"])
    return [
        MemberDeckProgress(
            user_id=m.user_id,
            name=m.user.name,
            email=m.user.email,
            role=m.role,
            reviews=counts.get(m.user_id, (0, 0))[0],
            cards_studied=counts.get(m.user_id, (0, 0))[1],
            total_cards=total,
        )
        for m in page
    ]


# --- shared materials --------------------------------------------------------------------------


def shared_material_list(*, membership: Membership) -> QuerySet[SharedMaterial]:
    """The materials shared in the space, with their metadata (one query a page)."""
    return (
        SharedMaterial.objects.filter(space_id=membership.space_id)
        .select_related("material")
        .defer("material__error")
        .order_by("-shared_at", "-pk")
    )


def shared_material_get(*, membership: Membership, material_id: Any) -> SharedMaterial:
    """The share of ``material_id`` in the caller's space with its material (404 if not shared there)."""
    try:
        return SharedMaterial.objects.select_related("material").get(
            space_id=membership.space_id, material_id=material_id
        )
    except SharedMaterial.DoesNotExist as exc:
        raise Http404 from exc


def shared_material_chunks(*, material: Material) -> QuerySet[MaterialChunk]:
    """A shared material's passages in reading order."""
    return material_chunks(material=material)


def shared_deck_reviews(user_id: Any) -> tuple[QuerySet[MemberReview], str]:
    """A member's reviews of shared decks' cards: study days for their streak."""
    return MemberReview.objects.filter(user_id=user_id), "reviewed_at"


def shared_topics_done(user_id: Any) -> tuple[QuerySet[TopicProgress], str]:
    """A member's completions of shared courses' topics: study days for their streak."""
    return TopicProgress.objects.filter(user_id=user_id), "completed_at"


def readable_material_ids(user: Any) -> QuerySet[Any]:
    """Ids of the materials shared in the user's spaces (any role reads them): for search and the assistant."""
    return SharedMaterial.objects.filter(space__memberships__user=user).values("material_id")


def audit_list(*, membership: Membership) -> QuerySet[AuditEntry]:
    """The space's audit entries, newest first."""
    return AuditEntry.objects.filter(space_id=membership.space_id).order_by("-created_at", "-pk")
