"""Password hashing: Argon2id with OWASP's parameters, a bounded number of hashes at a time per process.

Each Argon2 hash holds ``memory_cost`` KiB while it runs, and anyone can make the server hash (a
login attempt with any e-mail hashes once). So at most ``PASSWORD_HASHING_CONCURRENCY`` hashes run
at once in a process; a request that cannot get a slot within ``PASSWORD_HASHING_WAIT`` seconds is
answered 503 with ``Retry-After``. Hashes made with other parameters are rehashed at the next login.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher
from rest_framework import exceptions, status


class PasswordHashingBusy(exceptions.APIException):
    """Every hashing slot of this process stayed busy: try again shortly (503)."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The server is busy; try again in a moment."
    default_code = "busy"
    wait = 1  # seconds, sent as Retry-After


@lru_cache(maxsize=4)
def _slots(limit: int) -> threading.BoundedSemaphore:
    return threading.BoundedSemaphore(limit)


@contextmanager
def hashing_slot() -> Iterator[None]:
    """Hold one of the process's password-hashing slots, or raise :class:`PasswordHashingBusy`."""
    slots = _slots(settings.PASSWORD_HASHING_CONCURRENCY)
    if not slots.acquire(timeout=settings.PASSWORD_HASHING_WAIT):
        raise PasswordHashingBusy
    try:
        yield
    finally:
        slots.release()


class BoundedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet), bounded concurrency.

    Keeps Django's ``argon2`` algorithm name, so existing hashes verify and are upgraded on login.
    """

    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password: str, salt: str) -> str:
        with hashing_slot():
            return str(super().encode(password, salt))

    def verify(self, password: str, encoded: str) -> bool:
        with hashing_slot():
            return bool(super().verify(password, encoded))
