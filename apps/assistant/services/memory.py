"""The learner's remembered facts: remember, forget, restore (an undo); capped by the plan."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.accounts.models import User
from apps.assistant import events
from apps.assistant.models import MemoryFact
from apps.billing import entitlements
from maigie.errors import Conflict
from maigie.realtime.publish import publish

MEMORY_FACTS = "memory_facts"
MAX_FACT_LENGTH = 300


def _payload(fact: MemoryFact) -> dict[str, Any]:
    return {"id": str(fact.pk), "text": fact.text}


@transaction.atomic
def fact_remember(*, user: User, text: str) -> MemoryFact:
    """Keep ``text`` about the learner (the same text twice is kept once); 402 past the plan's cap."""
    text = " ".join(text.split())
    if not text or len(text) > MAX_FACT_LENGTH:
        raise ValidationError({"fact": [f"A fact is 1 to {MAX_FACT_LENGTH} characters."]})
    existing = MemoryFact.objects.filter(user=user, text__iexact=text).first()
    if existing is not None:
        return existing
    entitlements.check_count(user_id=user.pk, metric=MEMORY_FACTS, used=MemoryFact.objects.filter(user=user).count())
    fact = MemoryFact.objects.create(user=user, text=text)
    publish(user_id=user.pk, event=events.MEMORY_FACT_CREATED, data=_payload(fact))
    return fact


@transaction.atomic
def fact_forget(*, fact: MemoryFact) -> None:
    """Delete a remembered fact."""
    user_id, payload = fact.user_id, _payload(fact)
    fact.delete()
    publish(user_id=user_id, event=events.MEMORY_FACT_DELETED, data=payload)


@transaction.atomic
def fact_restore(*, user: User, snapshot: Mapping[str, Any]) -> MemoryFact:
    """Re-create a forgotten fact with its id and date (409 while it exists)."""
    if MemoryFact.objects.filter(pk=snapshot["id"]).exists():
        raise Conflict("This fact exists again.", code="undo_conflict")
    fact = MemoryFact.objects.create(id=uuid.UUID(str(snapshot["id"])), user=user, text=snapshot["text"])
    MemoryFact.objects.filter(pk=fact.pk).update(created_at=datetime.datetime.fromisoformat(snapshot["created_at"]))
    publish(user_id=user.pk, event=events.MEMORY_FACT_CREATED, data=_payload(fact))
    return fact
