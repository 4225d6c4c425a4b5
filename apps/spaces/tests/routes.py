"""How to create, for an owner, the object each spaces route with an id acts on (maigie/tests/routes.py)."""

from __future__ import annotations

from typing import Any

from apps.learning.tests.factories import TopicFactory
from apps.materials.tests.factories import MaterialFactory
from apps.review.tests.factories import CardFactory
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


def _shared_deck(user: Any) -> dict[str, Any]:
    """A space of ``user`` with one of their decks (one card) shared: its ids."""
    owner = _owner(user)
    card = CardFactory.create(deck__user=user)
    services.deck_share(actor=owner, deck_id=card.deck_id)
    return {"space_id": owner.space_id, "deck_id": card.deck_id, "card_id": card.pk}


def _shared_material(user: Any) -> dict[str, Any]:
    """A space of ``user`` with one of their materials shared: its ids."""
    owner = _owner(user)
    material = MaterialFactory.create(user=user)
    services.material_share(actor=owner, material_id=material.pk)
    return {"space_id": owner.space_id, "material_id": material.pk}


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
    "space-deck-list": lambda u: {"space_id": _space(u).pk},
    "space-deck-detail": lambda u: _pick(_shared_deck(u), "space_id", "deck_id"),
    "space-deck-cards": lambda u: _pick(_shared_deck(u), "space_id", "deck_id"),
    "space-deck-due": lambda u: _pick(_shared_deck(u), "space_id", "deck_id"),
    "space-deck-progress": lambda u: _pick(_shared_deck(u), "space_id", "deck_id"),
    "space-card-detail": lambda u: _pick(_shared_deck(u), "space_id", "card_id"),
    "space-card-review": lambda u: _pick(_shared_deck(u), "space_id", "card_id"),
    "space-material-list": lambda u: {"space_id": _space(u).pk},
    "space-material-detail": _shared_material,
    "space-material-chunks": _shared_material,
}
