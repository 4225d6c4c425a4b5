"""Who may do what in a space: the one place the role rules live (docs/spaces.md).

Selectors resolve the caller's membership with :func:`membership_or_404` (a non-member, or an
anonymous caller, gets the same 404 as a space that does not exist) and services check the action
with :func:`require` (a member whose role is too low gets 403). The member-management rules
(nobody raises their own role, the last owner stays) are here too.
"""

from __future__ import annotations

import enum
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404

from apps.spaces.models import Membership, Role
from maigie.errors import Conflict

RANK = {Role.VIEWER: 1, Role.MEMBER: 2, Role.ADMIN: 3, Role.OWNER: 4}


class Action(enum.StrEnum):
    """What a member asks to do; :data:`MINIMUM_ROLE` says which role it needs."""

    READ = "read"  # the space, its members, its shared courses, decks and materials (with one's own progress)
    STUDY = "study"  # mark topics of shared courses done, link one's own notes and cards, review shared decks
    SHARE_COURSE = "share_course"  # share one of one's own courses
    SHARE_DECK = "share_deck"  # share one of one's own decks
    SHARE_MATERIAL = "share_material"  # share one of one's own materials
    UPDATE_SPACE = "update_space"
    INVITE = "invite"  # invitations and join links
    MANAGE_MEMBERS = "manage_members"  # change roles, remove members
    EDIT_OUTLINE = "edit_outline"  # modules and topics of shared courses
    EDIT_SHARED = "edit_shared"  # cards of shared decks, titles of shared materials
    UNSHARE = "unshare"  # any shared course, deck or material (the sharer may always unshare their own)
    VIEW_PROGRESS = "view_progress"  # the members' progress table
    DELETE_SPACE = "delete_space"


MINIMUM_ROLE: dict[Action, Role] = {
    Action.READ: Role.VIEWER,
    Action.STUDY: Role.MEMBER,
    Action.SHARE_COURSE: Role.MEMBER,
    Action.SHARE_DECK: Role.ADMIN,
    Action.SHARE_MATERIAL: Role.ADMIN,
    Action.UPDATE_SPACE: Role.ADMIN,
    Action.INVITE: Role.ADMIN,
    Action.MANAGE_MEMBERS: Role.ADMIN,
    Action.EDIT_OUTLINE: Role.ADMIN,
    Action.EDIT_SHARED: Role.ADMIN,
    Action.UNSHARE: Role.ADMIN,
    Action.VIEW_PROGRESS: Role.ADMIN,
    Action.DELETE_SPACE: Role.OWNER,
}


def rank(role: str) -> int:
    """The role's place in the order viewer < member < admin < owner."""
    return RANK[Role(role)]


def allows(role: str, action: Action) -> bool:
    """Whether ``role`` may do ``action``."""
    return rank(role) >= RANK[MINIMUM_ROLE[action]]


def roles_allowing(action: Action) -> list[Role]:
    """Every role that may do ``action``."""
    return [role for role in RANK if allows(role, action)]


def membership_or_404(*, user: Any, space_id: Any) -> Membership:
    """The caller's membership (with its space) in ``space_id``; 404 for a non-member or an anonymous caller."""
    if user is None or not user.is_authenticated:
        raise Http404
    try:
        return Membership.objects.select_related("space").get(space_id=space_id, user=user)
    except (ObjectDoesNotExist, ValidationError, ValueError) as exc:
        raise Http404 from exc


def require(membership: Membership, action: Action) -> None:
    """Refuse (403) ``action`` to a member whose role does not allow it."""
    if not allows(membership.role, action):
        raise PermissionDenied(f"Your role in this space ({membership.role.lower()}) does not allow this.")


def require_grant(actor: Membership, role: str) -> None:
    """Refuse (403) handing out ``role`` (by invitation, link or role change) above the actor's own."""
    if rank(role) > rank(actor.role):
        raise PermissionDenied("You cannot give a role above your own.")


def _owner_count(space_id: Any) -> int:
    return Membership.objects.filter(space_id=space_id, role=Role.OWNER).count()


def _keep_an_owner(target: Membership) -> None:
    if target.role == Role.OWNER and _owner_count(target.space_id) <= 1:
        raise Conflict("A space keeps at least one owner: make someone else owner first.", code="last_owner")


def check_role_change(*, actor: Membership, target: Membership, role: str) -> None:
    """Refuse a role change the rules forbid: 403 for the role rules, 409 ``last_owner``.

    Anyone may lower their own role (not the last owner); nobody raises it. Otherwise the actor
    needs ``manage_members``, must outrank the target (owners manage owners too) and cannot give a
    role above their own.
    """
    if actor.pk == target.pk:
        if rank(role) > rank(actor.role):
            raise PermissionDenied("You cannot raise your own role.")
    else:
        require(actor, Action.MANAGE_MEMBERS)
        _require_outranks(actor, target)
        require_grant(actor, role)
    if role != Role.OWNER:
        _keep_an_owner(target)


def check_removal(*, actor: Membership, target: Membership) -> None:
    """Refuse removing ``target``: 403 unless the actor may manage them (or it is themselves), 409 ``last_owner``."""
    if actor.pk != target.pk:
        require(actor, Action.MANAGE_MEMBERS)
        _require_outranks(actor, target)
    _keep_an_owner(target)


def _require_outranks(actor: Membership, target: Membership) -> None:
    if actor.role != Role.OWNER and rank(actor.role) <= rank(target.role):
        raise PermissionDenied("Only an owner can change an admin or an owner.")


def check_unshare(*, actor: Membership, shared_by_id: Any) -> None:
    """The member who shared a course, deck or material may unshare it; otherwise ``unshare`` is needed."""
    if actor.user_id != shared_by_id:
        require(actor, Action.UNSHARE)
