"""The realtime events review publishes (docs/websockets.md): names and payloads."""

from __future__ import annotations

import datetime
from typing import Literal
from uuid import UUID

from apps.review.models import AchievementCode, CardState
from maigie.realtime.registry import Payload, UtcTime, declare


class DeckChangedData(Payload):
    """A deck was created, changed or deleted, or its cards were added, changed or removed."""

    id: UUID
    change: Literal["created", "updated", "deleted", "cards"]
    title: str
    card_count: int | None


class CardReviewedData(Payload):
    """A card was reviewed (or its last review undone): its new schedule."""

    id: UUID
    deck_id: UUID
    rating: int | None
    undone: bool
    state: CardState
    due: UtcTime
    stability: float | None
    difficulty: float | None
    last_review: UtcTime | None


class ExamChangedData(Payload):
    """An exam was created, changed or deleted."""

    id: UUID
    change: Literal["created", "updated", "deleted"]
    title: str
    date: datetime.date


DECK_CHANGED = declare("deck.changed", DeckChangedData)
CARD_REVIEWED = declare("card.reviewed", CardReviewedData)
EXAM_CHANGED = declare("exam.changed", ExamChangedData)


class AchievementEarnedData(Payload):
    """The learner earned an achievement (once per achievement)."""

    code: AchievementCode
    title: str
    description: str
    earned_at: UtcTime


ACHIEVEMENT_EARNED = declare("achievement.earned", AchievementEarnedData)
