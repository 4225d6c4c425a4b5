"""The realtime events spaces publish to every member's ``/ws/updates`` (docs/spaces.md): names and payloads."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from apps.review.models import CardState
from maigie.realtime.registry import Payload, UtcTime, declare


class SpaceData(Payload):
    id: UUID
    name: str


class SpaceDeleted(Payload):
    id: UUID


class MemberData(Payload):
    space_id: UUID
    user_id: UUID
    role: str


class MemberRemovedData(Payload):
    """Sent to the remaining members and to the removed one (whose client drops the space)."""

    space_id: UUID
    user_id: UUID


class SharedCourseData(Payload):
    space_id: UUID
    course_id: UUID


class OutlineChangedData(Payload):
    space_id: UUID
    course_id: UUID


class ProgressData(Payload):
    """The member's own progress on a shared course (sent to that member only)."""

    space_id: UUID
    course_id: UUID
    topic_id: UUID
    completed: bool
    progress: float


class SharedDeckData(Payload):
    space_id: UUID
    deck_id: UUID


class DeckChangedData(Payload):
    """A leader added, changed or deleted a card of a shared deck."""

    space_id: UUID
    deck_id: UUID
    card_id: UUID
    change: Literal["created", "updated", "deleted"]


class SharedMaterialData(Payload):
    space_id: UUID
    material_id: UUID


class CardReviewedData(Payload):
    """The member's own new state of a shared card (sent to that member only)."""

    space_id: UUID
    deck_id: UUID
    card_id: UUID
    rating: int
    state: CardState
    due: UtcTime


SPACE_UPDATED = declare("space.updated", SpaceData)
SPACE_DELETED = declare("space.deleted", SpaceDeleted)
MEMBER_JOINED = declare("space.member_joined", MemberData)
MEMBER_UPDATED = declare("space.member_updated", MemberData)
MEMBER_REMOVED = declare("space.member_removed", MemberRemovedData)
COURSE_SHARED = declare("space.course_shared", SharedCourseData)
COURSE_UNSHARED = declare("space.course_unshared", SharedCourseData)
OUTLINE_CHANGED = declare("space.outline_changed", OutlineChangedData)
PROGRESS_CHANGED = declare("space.progress_changed", ProgressData)
DECK_SHARED = declare("space.deck_shared", SharedDeckData)
DECK_UNSHARED = declare("space.deck_unshared", SharedDeckData)
DECK_CHANGED = declare("space.deck_changed", DeckChangedData)
CARD_REVIEWED = declare("space.card_reviewed", CardReviewedData)
MATERIAL_SHARED = declare("space.material_shared", SharedMaterialData)
MATERIAL_UNSHARED = declare("space.material_unshared", SharedMaterialData)
MATERIAL_UPDATED = declare("space.material_updated", SharedMaterialData)
