"""Shared task infrastructure: the base class every Maigie task derives from.

Every task is acknowledged late (after it finished), rejected back to the queue when its
worker dies, and retried only for transient errors, with exponential backoff and jitter.
"""

from __future__ import annotations

import random
import smtplib
from typing import Any

import redis
from celery import Task
from django.conf import settings
from django.db import InterfaceError, OperationalError


class TransientError(Exception):
    """A failure worth retrying later (a 4xx SMTP reply, a rate limit, a busy upstream)."""


TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    TransientError,
    ConnectionError,
    TimeoutError,
    OperationalError,
    InterfaceError,
    redis.ConnectionError,
    redis.TimeoutError,
    smtplib.SMTPServerDisconnected,
    smtplib.SMTPConnectError,
)


def backoff_delay(retries: int, *, base: float | None = None, cap: float | None = None) -> float:
    """Seconds before retry number ``retries + 1``: exponential, capped, with "equal jitter".

    The delay is drawn from ``[d/2, d]`` with ``d = min(cap, base * 2**retries)``, so retries of
    many tasks spread out while each delay stays at least as long as the previous one.
    """
    base = float(settings.JOBS_RETRY_BACKOFF_BASE if base is None else base)
    cap = float(settings.JOBS_RETRY_BACKOFF_MAX if cap is None else cap)
    ceiling = min(cap, base * 2.0**retries)
    return ceiling / 2 + random.uniform(0, ceiling / 2)  # noqa: S311  (jitter, not crypto)


class BaseTask(Task):
    """acks_late, reject on worker loss, retries with backoff + jitter for transient errors only."""

    acks_late = True
    reject_on_worker_lost = True
    autoretry_for = TRANSIENT_ERRORS
    retry_backoff = False  # the delay comes from retry() below, with equal jitter

    @property
    def max_retries(self) -> int:  # type: ignore[override]
        return int(settings.JOBS_MAX_RETRIES)

    def retry(
        self,
        args: Any = None,
        kwargs: Any = None,
        exc: Any = None,
        throw: bool = True,
        eta: Any = None,
        countdown: Any = None,
        max_retries: int | None = None,
        **options: Any,
    ) -> Any:
        """Retry later; without an explicit ``countdown``/``eta`` the delay grows with each attempt."""
        if countdown is None and eta is None:
            countdown = backoff_delay(self.request.retries)
        if countdown is not None and self.request.retries < (self.max_retries if max_retries is None else max_retries):
            self.before_retry(delay=float(countdown))
        return super().retry(args, kwargs, exc, throw, eta, countdown, max_retries, **options)

    def before_retry(self, *, delay: float) -> None:
        """Called when a retry is scheduled ``delay`` seconds from now (e.g. to tell the learner)."""
