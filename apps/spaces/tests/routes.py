"""How to create, for an owner, the object each spaces route with an id acts on (maigie/tests/routes.py)."""

from __future__ import annotations

from typing import Any

from apps.learning.tests.factories import TopicFactory
from apps.spaces import selectors, services
from apps.spaces.models import Space


def _space(user: Any) -> Space:
    """The user's space (one per user: a free plan owns one)."""
    return selectors.owned_spaces(user_id=user.pk).first() or services.space_create(user=user, name="Study group")


def _owner(user: Any, space: Space | None = None) -> Any:
    return selectors.space_membership(user=user, space_id=(space or _space(user)).pk)


def _shared_topic(user: Any) -> dict[str, Any]:
    """A space of ``user`` with one of their courses shared: its ids."""
    owner = _owner(user)
    topic = TopicFactory.create(module__course__user=user)
    services.course_share(actor=owner, course_id=topic.module.course_id)
    course_id = topic.module.course_id
    return {"space_id": owner.space_id, "course_id": course_id, "module_id": topic.module_id, "topic": topic}


def _pick(ids: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: ids[name] for name in names}


def _invitation(user: Any) -> dict[str, Any]:
    owner = _owner(user)
    invitation, _ = services.invitation_create(actor=owner, email="invitee@example.org", role="MEMBER")
    return {"space_id": owner.space_id, "invitation_id": invitation.pk}


def _invitation_token(user: Any) -> dict[str, Any]:
    """An invitation addressed to ``user`` (in someone else's space): only ``user`` may accept it."""
    from apps.accounts.tests.factories import UserFactory

    inviter = _owner(UserFactory.create())
    _, token = services.invitation_create(actor=inviter, email=user.email, role="MEMBER")
    return {"token": token}


def _join_link(user: Any) -> dict[str, Any]:
    owner = _owner(user)
    link, _ = services.join_link_create(actor=owner, role="MEMBER")
    return {"space_id": owner.space_id, "link_id": link.pk}


SPACES_OWNED: dict[str, Any] = {
    "space-detail": lambda u: {"space_id": _space(u).pk},
    "space-leave": lambda u: {"space_id": _space(u).pk},
    "space-audit": lambda u: {"space_id": _space(u).pk},
    "space-member-list": lambda u: {"space_id": _space(u).pk},
    "space-member-detail": lambda u: {"space_id": _space(u).pk, "user_id": u.pk},
    "space-invitation-list": lambda u: {"space_id": _space(u).pk},
    "space-invitation-detail": _invitation,
    "invitation-accept": _invitation_token,
    "space-join-link-list": lambda u: {"space_id": _space(u).pk},
    "space-join-link-detail": _join_link,
    "space-course-list": lambda u: {"space_id": _space(u).pk},
    "space-course-detail": lambda u: _pick(_shared_topic(u), "space_id", "course_id"),
    "space-course-progress": lambda u: _pick(_shared_topic(u), "space_id", "course_id"),
    "space-module-create": lambda u: _pick(_shared_topic(u), "space_id", "course_id"),
    "space-topic-create": lambda u: _pick(_shared_topic(u), "space_id", "module_id"),
    "space-topic-detail": lambda u: {"space_id": (ids := _shared_topic(u))["space_id"], "topic_id": ids["topic"].pk},
    "space-topic-complete": lambda u: {"space_id": (ids := _shared_topic(u))["space_id"], "topic_id": ids["topic"].pk},
}
