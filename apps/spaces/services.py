"""Writes for spaces: membership, invitations, join links, shared courses, decks and materials, members' own progress.

Every service takes the acting member's :class:`Membership` and checks the action with
:mod:`apps.spaces.policy`; membership changes lock the space row, so the last-owner rule holds
under concurrent requests. Events go to every member's ``/ws/updates`` after commit; outline
edits go through the learning services.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any, TypeVar

import fsrs
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from apps.accounts.emails import normalize_email
from apps.accounts.models import User
from apps.accounts.signals import progress_made
from apps.billing import entitlements
from apps.learning import selectors as learning_selectors
from apps.learning import services as learning_services
from apps.learning.models import Course, Module, Topic
from apps.materials import selectors as materials_selectors
from apps.materials import services as materials_services
from apps.materials.models import Material
from apps.notifications.models import Kind
from apps.notifications.services.delivery import Message, notify
from apps.review import selectors as review_selectors
from apps.review import services as review_services
from apps.review.models import Card, CardState, Deck
from apps.review.scheduling import apply_fsrs, scheduler_for, to_fsrs
from apps.spaces import events, policy, selectors
from apps.spaces.models import (
    AuditAction,
    AuditEntry,
    Invitation,
    JoinLink,
    MemberCardState,
    MemberReview,
    Membership,
    Role,
    SharedCourse,
    SharedDeck,
    SharedMaterial,
    Space,
    TopicProgress,
)
from apps.spaces.policy import Action
from maigie.encoding import utc_iso
from maigie.errors import Conflict
from maigie.mail import queue_email
from maigie.realtime.publish import publish, publish_many

Shared = TypeVar("Shared", SharedCourse, SharedDeck, SharedMaterial)

INVITATION_TTL = timedelta(days=7)
SPACE_UPDATE_FIELDS = ("name", "description")


# --- helpers ---------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    """The SHA-256 (hex) stored in place of an invitation or join-link token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def invitation_url(token: str) -> str:
    """Where the invited person accepts (the web client calls ``POST /api/v1/invitations/{token}/accept``)."""
    return f"{settings.FRONTEND_URL}/invitations/{token}"


def join_link_url(token: str) -> str:
    """The shareable join link (the web client calls ``POST /api/v1/join-links/accept``)."""
    return f"{settings.FRONTEND_URL}/join/{token}"


def _audit(
    *, space_id: Any, actor: Any, action: str, target: Any = None, details: Mapping[str, Any] | None = None
) -> None:
    AuditEntry.objects.create(
        space_id=space_id,
        actor_id=getattr(actor, "pk", actor),
        action=action,
        target_user_id=getattr(target, "pk", target),
        details=dict(details or {}),
    )


def _member_ids(space_id: Any) -> list[Any]:
    return list(Membership.objects.filter(space_id=space_id).values_list("user_id", flat=True))


def _publish_members(space_id: Any, event: str, data: dict[str, Any], *, also: Iterable[Any] = ()) -> None:
    """Publish ``event`` after commit to every current member (and to ``also``): removed members get nothing more."""
    publish_many(user_ids=[*_member_ids(space_id), *also], event=event, data=data)


def _notify(space_id: Any, recipients: Iterable[Any], *, key: str, title: str, body: str, data: dict[str, Any]) -> None:
    """A spaces message to each of ``recipients`` (user ids) through ``notify``, by their preferences."""
    for recipient in User.objects.filter(pk__in=list(recipients), is_active=True):
        notify(
            user=recipient,
            message=Message(
                kind=Kind.SPACES,
                key=f"{key}:{recipient.pk}",
                title=title,
                body=body,
                url=f"/spaces/{space_id}",
                data={"space_id": str(space_id), **data},
                inbox_kind=f"spaces.{data['change']}",
            ),
        )


def _space_name(space_id: Any) -> str:
    return str(Space.objects.filter(pk=space_id).values_list("name", flat=True).first() or "")


def _lock_space(space_id: Any) -> Space:
    return Space.objects.select_for_update().get(pk=space_id)


def _plan_holder(space_id: Any) -> Any:
    """Whose plan sets the space's member cap: its longest-standing owner."""
    return (
        Membership.objects.filter(space_id=space_id, role=Role.OWNER)
        .order_by("joined_at", "pk")
        .values_list("user_id", flat=True)
        .first()
    )


def _check_member_room(space_id: Any) -> None:
    used = Membership.objects.filter(space_id=space_id).count()
    entitlements.check_count(user_id=_plan_holder(space_id), metric="members_per_space", used=used)


def _join(*, space_id: Any, user: User, role: str, actor: Any, via: str) -> Membership:
    """Add ``user`` to the (locked) space with ``role``; 409 ``already_member`` if they are in it."""
    if Membership.objects.filter(space_id=space_id, user=user).exists():
        raise Conflict("You are already a member of this space.", code="already_member")
    _check_member_room(space_id)
    membership = Membership.objects.create(space_id=space_id, user=user, role=role)
    _audit(space_id=space_id, actor=actor, action=AuditAction.JOINED, target=user, details={"role": role, "via": via})
    _publish_members(space_id, events.MEMBER_JOINED, {"space_id": str(space_id), "user_id": str(user.pk), "role": role})
    leaders = Membership.objects.filter(space_id=space_id, role__in=[Role.OWNER, Role.ADMIN]).exclude(user=user)
    name = user.name or user.email
    _notify(
        space_id,
        leaders.values_list("user_id", flat=True),
        key=f"spaces:joined:{membership.pk}",
        title=f"{name} joined {_space_name(space_id)}",
        body=f"{name} joined as {Role(role).label.lower()}.",
        data={"change": "member_joined", "user_id": str(user.pk), "role": role},
    )
    return membership


# --- spaces ----------------------------------------------------------------------------------


@transaction.atomic
def space_create(*, user: User, name: str, description: str = "") -> Space:
    """Create a space with ``user`` as its owner (402 past the plan's ``spaces_owned``)."""
    entitlements.check_room(user_id=user.pk, metric="spaces_owned")
    space = Space(name=name.strip(), description=description, created_by=user)
    space.full_clean()
    space.save()
    Membership.objects.create(space=space, user=user, role=Role.OWNER)
    _audit(space_id=space.pk, actor=user, action=AuditAction.CREATED)
    return space


@transaction.atomic
def space_update(*, actor: Membership, data: Mapping[str, Any]) -> Space:
    """Change the space's name or description (admins and owners)."""
    policy.require(actor, Action.UPDATE_SPACE)
    space = _lock_space(actor.space_id)
    unknown = set(data) - set(SPACE_UPDATE_FIELDS)
    if unknown:
        raise ValidationError({name: ["This field cannot be changed."] for name in sorted(unknown)})
    changed = [name for name, value in data.items() if getattr(space, name) != value]
    for name in changed:
        setattr(space, name, data[name].strip() if name == "name" else data[name])
    if changed:
        space.full_clean()
        space.save(update_fields=[*changed, "updated_at"])
        _audit(space_id=space.pk, actor=actor.user_id, action=AuditAction.UPDATED, details={"fields": changed})
        _publish_members(space.pk, events.SPACE_UPDATED, {"id": str(space.pk), "name": space.name})
    return space


@transaction.atomic
def space_delete(*, actor: Membership) -> None:
    """Delete the space with its memberships, invitations and shares (owners); members' courses stay."""
    policy.require(actor, Action.DELETE_SPACE)
    space = _lock_space(actor.space_id)
    members = _member_ids(space.pk)
    for user_id in members:
        publish(user_id=user_id, event=events.SPACE_DELETED, data={"id": str(space.pk)})
    space.delete()


@transaction.atomic
def space_staff_update(*, space: Space, data: Mapping[str, Any]) -> Space:
    """Support staff rename a space (the admin); audited without a member actor."""
    space = _lock_space(space.pk)
    changed = [name for name in SPACE_UPDATE_FIELDS if name in data and getattr(space, name) != data[name]]
    for name in changed:
        setattr(space, name, data[name])
    if changed:
        space.full_clean()
        space.save(update_fields=[*changed, "updated_at"])
        _audit(space_id=space.pk, actor=None, action=AuditAction.UPDATED, details={"fields": changed, "by": "staff"})
        _publish_members(space.pk, events.SPACE_UPDATED, {"id": str(space.pk), "name": space.name})
    return space


@transaction.atomic
def space_staff_delete(*, space: Space) -> None:
    """Support staff delete a space (the admin); members are told, their courses stay."""
    space = _lock_space(space.pk)
    for user_id in _member_ids(space.pk):
        publish(user_id=user_id, event=events.SPACE_DELETED, data={"id": str(space.pk)})
    space.delete()


# --- members ---------------------------------------------------------------------------------


@transaction.atomic
def member_role_change(*, actor: Membership, target: Membership, role: str) -> Membership:
    """Give ``target`` another role, as the policy allows (403 / 409 ``last_owner``)."""
    _lock_space(actor.space_id)
    target.refresh_from_db(fields=["role"])
    if actor.pk == target.pk:
        actor = target
    policy.check_role_change(actor=actor, target=target, role=role)
    if target.role != role:
        previous = target.role
        target.role = role
        target.save(update_fields=["role", "updated_at"])
        _audit(
            space_id=target.space_id,
            actor=actor.user_id,
            action=AuditAction.ROLE_CHANGED,
            target=target.user_id,
            details={"from": previous, "to": role},
        )
        _publish_members(
            target.space_id,
            events.MEMBER_UPDATED,
            {"space_id": str(target.space_id), "user_id": str(target.user_id), "role": role},
        )
        if target.user_id != actor.user_id:
            _notify(
                target.space_id,
                [target.user_id],
                key=f"spaces:role:{target.pk}:{role}:{timezone.now().isoformat()}",
                title=f"You are now {Role(role).label.lower()} of {_space_name(target.space_id)}",
                body=f"Your role changed from {Role(previous).label.lower()} to {Role(role).label.lower()}.",
                data={"change": "role_changed", "role": role, "previous_role": previous},
            )
    return target


def _remove(*, actor: Membership, target: Membership, action: str) -> None:
    space_id, user_id = target.space_id, target.user_id
    target.delete()
    _audit(space_id=space_id, actor=actor.user_id, action=action, target=user_id)
    _publish_members(
        space_id,
        events.MEMBER_REMOVED,
        {"space_id": str(space_id), "user_id": str(user_id)},
        also=[user_id],
    )


@transaction.atomic
def member_remove(*, actor: Membership, target: Membership) -> None:
    """Remove ``target`` from the space: their access ends with this commit (403 / 409 ``last_owner``)."""
    _lock_space(actor.space_id)
    target.refresh_from_db(fields=["role"])
    policy.check_removal(actor=actor, target=target)
    _remove(actor=actor, target=target, action=AuditAction.LEFT if actor.pk == target.pk else AuditAction.REMOVED)


@transaction.atomic
def space_leave(*, membership: Membership) -> None:
    """Leave the space (409 ``last_owner`` for its only owner)."""
    member_remove(actor=membership, target=membership)


# --- invitations and join links ----------------------------------------------------------------


@transaction.atomic
def invitation_create(*, actor: Membership, email: str, role: str) -> tuple[Invitation, str]:
    """Invite ``email`` with ``role`` (not above the actor's); e-mails the link after commit. Answers the token once."""
    policy.require(actor, Action.INVITE)
    policy.require_grant(actor, role)
    if role == Role.OWNER:
        raise ValidationError({"role": ["Invite as admin, member or viewer; make an owner from the members list."]})
    email = normalize_email(email)
    space = _lock_space(actor.space_id)
    if Membership.objects.filter(space=space, user__email=email).exists():
        raise Conflict("This person is already a member of the space.", code="already_member")
    _check_member_room(space.pk)
    token, digest = _new_token()
    invitation = Invitation.objects.create(
        space=space,
        email=email,
        role=role,
        token_hash=digest,
        invited_by_id=actor.user_id,
        expires_at=timezone.now() + INVITATION_TTL,
    )
    inviter = User.objects.only("name", "email").get(pk=actor.user_id)
    queue_email(
        to=email,
        template="space_invitation",
        context={
            "space": space.name,
            "inviter": inviter.name or inviter.email,
            "role": role.lower(),
            "url": invitation_url(token),
            "expires_in_days": INVITATION_TTL.days,
        },
        idempotency_key=f"space-invitation:{invitation.pk}",
    )
    _audit(space_id=space.pk, actor=actor.user_id, action=AuditAction.INVITED, details={"email": email, "role": role})
    return invitation, token


@transaction.atomic
def invitation_revoke(*, actor: Membership, invitation: Invitation) -> Invitation:
    """Revoke a pending invitation (idempotent; a used one is kept as it is)."""
    policy.require(actor, Action.INVITE)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.revoked_at is None and invitation.accepted_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        _audit(
            space_id=invitation.space_id,
            actor=actor.user_id,
            action=AuditAction.INVITATION_REVOKED,
            details={"email": invitation.email},
        )
    return invitation


@transaction.atomic
def invitation_accept(*, user: User, token: str) -> Membership:
    """Join through an invitation sent to ``user``'s e-mail: 404 for anyone else; 409 used, revoked or expired."""
    invitation = Invitation.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.email != user.email:
        raise Http404
    if invitation.accepted_at is not None:
        raise Conflict("This invitation has already been used.", code="invitation_used")
    if invitation.revoked_at is not None:
        raise Conflict("This invitation was revoked.", code="invitation_revoked")
    if invitation.expires_at <= timezone.now():
        raise Conflict("This invitation has expired; ask for a new one.", code="invitation_expired")
    _lock_space(invitation.space_id)
    membership = _join(
        space_id=invitation.space_id, user=user, role=invitation.role, actor=invitation.invited_by_id, via="invitation"
    )
    invitation.accepted_at, invitation.accepted_by = timezone.now(), user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def join_link_create(*, actor: Membership, role: str, expires_in_days: int = 7) -> tuple[JoinLink, str]:
    """A shareable link to join with ``role`` (member or viewer, not above the actor's) for ``expires_in_days``."""
    policy.require(actor, Action.INVITE)
    policy.require_grant(actor, role)
    if role not in (Role.MEMBER, Role.VIEWER):
        raise ValidationError({"role": ["A join link gives the member or viewer role."]})
    token, digest = _new_token()
    link = JoinLink.objects.create(
        space_id=actor.space_id,
        role=role,
        token_hash=digest,
        created_by_id=actor.user_id,
        expires_at=timezone.now() + timedelta(days=expires_in_days),
    )
    _audit(space_id=actor.space_id, actor=actor.user_id, action=AuditAction.LINK_CREATED, details={"role": role})
    return link, token


@transaction.atomic
def join_link_revoke(*, actor: Membership, link: JoinLink) -> JoinLink:
    """Revoke a join link (idempotent)."""
    policy.require(actor, Action.INVITE)
    link = JoinLink.objects.select_for_update().get(pk=link.pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        _audit(space_id=link.space_id, actor=actor.user_id, action=AuditAction.LINK_REVOKED)
    return link


@transaction.atomic
def join_link_accept(*, user: User, token: str) -> Membership:
    """Join with a link's role; an unknown, revoked or expired link is a 404, a member already in it a 409."""
    link = JoinLink.objects.select_for_update().filter(token_hash=token_hash(token)).first()
    if link is None or link.revoked_at is not None or link.expires_at <= timezone.now():
        raise Http404
    _lock_space(link.space_id)
    membership = _join(space_id=link.space_id, user=user, role=link.role, actor=link.created_by_id, via="join_link")
    JoinLink.objects.filter(pk=link.pk).update(uses=link.uses + 1)
    return membership


# --- shared courses --------------------------------------------------------------------------


@transaction.atomic
def course_share(*, actor: Membership, course_id: Any) -> SharedCourse:
    """Share one of the actor's own courses into the space (another's course is a 404, a repeat a 409)."""
    policy.require(actor, Action.SHARE_COURSE)
    course = learning_selectors.course_get(user=actor.user, pk=course_id)
    return _share(actor, SharedCourse, "course", course, audit=AuditAction.COURSE_SHARED, event=events.COURSE_SHARED)


@transaction.atomic
def course_unshare(*, actor: Membership, shared: SharedCourse) -> None:
    """Stop sharing a course: members lose access at once (their progress rows are kept for a re-share)."""
    _unshare(actor, shared, "course", audit=AuditAction.COURSE_UNSHARED, event=events.COURSE_UNSHARED)


def _share(actor: Membership, model: type[Shared], kind: str, obj: Any, *, audit: str, event: str) -> Shared:
    """Share ``obj`` (a course, deck or material) into the actor's space: audited, announced to the members."""
    try:
        with transaction.atomic():
            shared = model.objects.create(space_id=actor.space_id, shared_by_id=actor.user_id, **{kind: obj})
    except IntegrityError as exc:
        raise Conflict(f"This {kind} is already shared in the space.", code="already_shared") from exc
    _audit(
        space_id=actor.space_id,
        actor=actor.user_id,
        action=audit,
        details={f"{kind}_id": str(obj.pk), "title": obj.title},
    )
    _publish_members(actor.space_id, event, {"space_id": str(actor.space_id), f"{kind}_id": str(obj.pk)})
    return shared


def _unshare(actor: Membership, shared: Shared, kind: str, *, audit: str, event: str) -> None:
    """Delete a share the actor may remove: audited, announced to the members."""
    policy.check_unshare(actor=actor, shared_by_id=shared.shared_by_id)
    object_id = str(getattr(shared, f"{kind}_id"))
    shared.delete()
    _audit(space_id=actor.space_id, actor=actor.user_id, action=audit, details={f"{kind}_id": object_id})
    _publish_members(actor.space_id, event, {"space_id": str(actor.space_id), f"{kind}_id": object_id})


def _outline_changed(actor: Membership, course_id: Any) -> None:
    """Tell the members live, and by ``notify`` at most once a (UTC) day per course and member."""
    _publish_members(
        actor.space_id, events.OUTLINE_CHANGED, {"space_id": str(actor.space_id), "course_id": str(course_id)}
    )
    title = Course.objects.filter(pk=course_id).values_list("title", flat=True).first() or ""
    _notify(
        actor.space_id,
        Membership.objects.filter(space_id=actor.space_id).exclude(pk=actor.pk).values_list("user_id", flat=True),
        key=f"spaces:outline:{course_id}:{timezone.now().date().isoformat()}",
        title=f"{title} changed in {_space_name(actor.space_id)}",
        body="Its leaders changed the outline: new or edited modules and topics.",
        data={"change": "outline_changed", "course_id": str(course_id)},
    )


@transaction.atomic
def shared_module_create(*, actor: Membership, course: Course, **fields: Any) -> Module:
    """Add a module to a shared course (admins and owners), through the learning services."""
    policy.require(actor, Action.EDIT_OUTLINE)
    module = learning_services.module_create(course=course, **fields)
    _outline_changed(actor, course.pk)
    return module


@transaction.atomic
def shared_topic_create(*, actor: Membership, module: Module, **fields: Any) -> Topic:
    """Add a topic to a module of a shared course (admins and owners)."""
    policy.require(actor, Action.EDIT_OUTLINE)
    topic = learning_services.topic_create(module=module, **fields)
    _outline_changed(actor, module.course_id)
    return topic


@transaction.atomic
def shared_topic_update(*, actor: Membership, topic: Topic, data: Mapping[str, Any]) -> Topic:
    """Change a topic of a shared course (admins and owners)."""
    policy.require(actor, Action.EDIT_OUTLINE)
    topic = learning_services.topic_update(topic=topic, data=data)
    _outline_changed(actor, topic.module.course_id)
    return topic


@transaction.atomic
def shared_topic_delete(*, actor: Membership, topic: Topic) -> None:
    """Delete a topic of a shared course (admins and owners)."""
    policy.require(actor, Action.EDIT_OUTLINE)
    course = learning_services.topic_delete(topic=topic)
    _outline_changed(actor, course.pk)


@transaction.atomic
def shared_topic_complete(*, actor: Membership, topic: Topic, completed: bool = True) -> float:
    """Mark a topic of a shared course done or not for the actor only; answers their progress on the course.

    The course's owner completes their own topic (learning's ``topic_complete``); every other
    member keeps a :class:`TopicProgress` row of their own.
    """
    policy.require(actor, Action.STUDY)
    course = topic.module.course
    if course.user_id == actor.user_id:
        learning_services.topic_complete(topic=topic, completed=completed)
    elif completed:
        _, created = TopicProgress.objects.get_or_create(
            user_id=actor.user_id, topic=topic, defaults={"completed_at": timezone.now()}
        )
        if created:
            progress_made.send(sender=TopicProgress, user=actor.user, now=timezone.now(), metrics=("streak",))
    else:
        TopicProgress.objects.filter(user_id=actor.user_id, topic=topic).delete()
    progress = selectors.shared_course_outline(membership=actor, course_id=course.pk).progress
    publish(
        user_id=actor.user_id,
        event=events.PROGRESS_CHANGED,
        data={
            "space_id": str(actor.space_id),
            "course_id": str(course.pk),
            "topic_id": str(topic.pk),
            "completed": completed,
            "progress": progress,
        },
    )
    return progress


# --- shared decks ----------------------------------------------------------------------------


@transaction.atomic
def deck_share(*, actor: Membership, deck_id: Any) -> SharedDeck:
    """Share one of the actor's own decks (admins and owners; another's deck is a 404, a repeat a 409)."""
    policy.require(actor, Action.SHARE_DECK)
    deck = review_selectors.deck_get(user=actor.user, deck_id=deck_id)
    return _share(actor, SharedDeck, "deck", deck, audit=AuditAction.DECK_SHARED, event=events.DECK_SHARED)


@transaction.atomic
def deck_unshare(*, actor: Membership, shared: SharedDeck) -> None:
    """Stop sharing a deck: members lose access at once (their own card states are kept for a re-share)."""
    _unshare(actor, shared, "deck", audit=AuditAction.DECK_UNSHARED, event=events.DECK_UNSHARED)


def _deck_changed(actor: Membership, card: Card, change: str) -> None:
    data = {"space_id": str(actor.space_id), "deck_id": str(card.deck_id), "card_id": str(card.pk), "change": change}
    _publish_members(actor.space_id, events.DECK_CHANGED, data)


@transaction.atomic
def shared_card_create(*, actor: Membership, deck: Deck, **spec: Any) -> Card:
    """Add a card to a shared deck (admins and owners), through the review services: the owner's plan counts it."""
    policy.require(actor, Action.EDIT_SHARED)
    card = review_services.card_create(deck=deck, **spec)
    _deck_changed(actor, card, "created")
    return card


@transaction.atomic
def shared_card_update(*, actor: Membership, card: Card, data: Mapping[str, Any]) -> Card:
    """Change a shared deck's card text or tags (admins and owners); everyone's scheduling state stays."""
    policy.require(actor, Action.EDIT_SHARED)
    card = review_services.card_update(card=card, data=data)
    _deck_changed(actor, card, "updated")
    return card


@transaction.atomic
def shared_card_delete(*, actor: Membership, card: Card) -> None:
    """Delete a card of a shared deck (admins and owners), with everyone's states and reviews of it."""
    policy.require(actor, Action.EDIT_SHARED)
    _deck_changed(actor, card, "deleted")
    review_services.card_delete(card=card)


@transaction.atomic
def shared_card_review(
    *, actor: Membership, card: Card, rating: int, duration_ms: int | None = None, now: datetime.datetime | None = None
) -> None:
    """Rate a shared card for the actor only (members and up): FSRS with the actor's own parameters and state.

    The deck's owner reviews their own card (the review app's ``card_review``); every other member
    keeps a :class:`MemberCardState` (created on the first review) and a :class:`MemberReview` log.
    ``card`` should be locked; the member's state row is locked too, so concurrent reviews queue.
    """
    policy.require(actor, Action.STUDY)
    now = now or timezone.now()
    if card.user_id == actor.user_id:
        card = review_services.card_review(card=card, rating=rating, duration_ms=duration_ms, now=now)
        state: Card | MemberCardState = card
    else:
        if card.suspended:
            raise Conflict("This card is suspended; unsuspend it to review.", code="card_suspended")
        state, _ = MemberCardState.objects.select_for_update().get_or_create(
            user_id=actor.user_id, card=card, defaults={"due": card.created_at, "state": CardState.NEW}
        )
        before = state.state
        scheduled, _ = scheduler_for(actor.user).review_card(to_fsrs(state), fsrs.Rating(rating), review_datetime=now)
        if before == CardState.REVIEW and rating == fsrs.Rating.Again:
            state.lapses += 1
        apply_fsrs(state, scheduled)
        state.reps += 1
        state.save()
        MemberReview.objects.create(
            user_id=actor.user_id,
            card=card,
            rating=rating,
            reviewed_at=now,
            duration_ms=duration_ms,
            state_before=before,
            state_after=state.state,
            due_after=state.due,
        )
        progress_made.send(sender=MemberReview, user=actor.user, now=now, metrics=("streak",))
    publish(
        user_id=actor.user_id,
        event=events.CARD_REVIEWED,
        data={
            "space_id": str(actor.space_id),
            "deck_id": str(card.deck_id),
            "card_id": str(card.pk),
            "rating": rating,
            "state": state.state,
            "due": utc_iso(state.due),
        },
    )


# --- shared materials --------------------------------------------------------------------------


@transaction.atomic
def material_share(*, actor: Membership, material_id: Any) -> SharedMaterial:
    """Share one of the actor's own materials (admins and owners; another's is a 404, a repeat a 409)."""
    policy.require(actor, Action.SHARE_MATERIAL)
    material = materials_selectors.material_get(user=actor.user, pk=material_id)
    return _share(
        actor, SharedMaterial, "material", material, audit=AuditAction.MATERIAL_SHARED, event=events.MATERIAL_SHARED
    )


@transaction.atomic
def material_unshare(*, actor: Membership, shared: SharedMaterial) -> None:
    """Stop sharing a material: members lose access to it, in search and the assistant too, at once."""
    _unshare(actor, shared, "material", audit=AuditAction.MATERIAL_UNSHARED, event=events.MATERIAL_UNSHARED)


@transaction.atomic
def shared_material_update(*, actor: Membership, material: Material, title: str) -> Material:
    """Rename a shared material (admins and owners), through the materials service (its owner is told too)."""
    policy.require(actor, Action.EDIT_SHARED)
    material = materials_services.material_update(material=material, title=title)
    _publish_members(
        actor.space_id, events.MATERIAL_UPDATED, {"space_id": str(actor.space_id), "material_id": str(material.pk)}
    )
    return material
