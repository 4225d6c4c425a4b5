"""Writes of the assistant's usage counters (``UsageDay``): atomic increments, never read-modify-write."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F

from apps.accounts.models import User
from apps.assistant.models import UsageDay
from maigie.metrics import AI_COST, AI_TOKENS

PER_MILLION = Decimal(1_000_000)


def estimated_cost(*, model: str, prompt_tokens: int, completion_tokens: int) -> Decimal:
    """USD for the tokens at ``settings.ASSISTANT_MODEL_PRICES``; unpriced models (offline) cost 0."""
    prices = settings.ASSISTANT_MODEL_PRICES.get(model)
    if prices is None:
        return Decimal(0)
    prompt_price, completion_price = (Decimal(price) for price in prices)
    return (prompt_tokens * prompt_price + completion_tokens * completion_price) / PER_MILLION


def _day_row(*, user: User, day: datetime.date) -> UsageDay:
    row, _ = UsageDay.objects.get_or_create(user=user, day=day)
    return row


def _day_update(*, user: User, day: datetime.date, limit: int | None = None, **changes: Any) -> int:
    """Apply ``changes`` to the learner's ``day`` row (created if missing); the rows updated (0 or 1).

    The row usually exists (the message was counted on it first): one ``UPDATE``, and the row is
    read and created only when that updated nothing.
    """
    rows = UsageDay.objects.filter(user=user, day=day)
    if limit is not None:
        rows = rows.filter(messages__lt=limit)  # checked and incremented in one UPDATE: exact under concurrency
    updated = rows.update(**changes)
    if not updated:
        rows = rows.filter(pk=_day_row(user=user, day=day).pk)
        updated = rows.update(**changes)
    return updated


@transaction.atomic(savepoint=False)  # part of the chat turn's transaction: no savepoint round trips
def usage_message_reserve(*, user: User, day: datetime.date, limit: int | None) -> bool:
    """Count one message on ``day`` if fewer than ``limit`` were counted; ``False`` (nothing changed) if not."""
    return _day_update(user=user, day=day, limit=limit, messages=F("messages") + 1) == 1


@transaction.atomic(savepoint=False)  # part of the chat turn's transaction: no savepoint round trips
def usage_reply_record(
    *, user: User, day: datetime.date, model: str, prompt_tokens: int, completion_tokens: int
) -> None:
    """Add a reply's tokens and estimated cost to the learner's ``day``."""
    cost = estimated_cost(model=model, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
    _day_update(
        user=user,
        day=day,
        prompt_tokens=F("prompt_tokens") + prompt_tokens,
        completion_tokens=F("completion_tokens") + completion_tokens,
        cost=F("cost") + cost,
    )

    def count() -> None:
        AI_TOKENS.labels(model=model, kind="prompt").inc(prompt_tokens)
        AI_TOKENS.labels(model=model, kind="completion").inc(completion_tokens)
        AI_COST.labels(model=model).inc(float(cost))

    transaction.on_commit(count)


@transaction.atomic
def usage_generation_record(*, user: User, day: datetime.date) -> None:
    """Count one AI generation on ``day``."""
    _day_update(user=user, day=day, generations=F("generations") + 1)


def usage_generation_refund(*, user: User, day: datetime.date) -> None:
    """Give back one AI generation counted on ``day`` (never below zero)."""
    UsageDay.objects.filter(user=user, day=day, generations__gt=0).update(generations=F("generations") - 1)
