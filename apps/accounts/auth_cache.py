"""Per-process cache of the users that authenticated requests name (see apps.accounts.authentication)."""

from __future__ import annotations

import copy
import threading
import time
import uuid
from typing import Any

from django.conf import settings
from django.db.models.signals import post_delete, post_save

from apps.accounts.models import User

_users: dict[uuid.UUID, tuple[float, User]] = {}
_users_lock = threading.Lock()
_MAX_CACHED_USERS = 10_000


def user_cache_forget(user_id: Any) -> None:
    """Drop ``user_id`` from this process's authentication cache (the next request reads the database)."""
    with _users_lock:
        _users.pop(user_id if isinstance(user_id, uuid.UUID) else uuid.UUID(str(user_id)), None)


def _user_changed(sender: type[User], instance: User, **kwargs: Any) -> None:
    user_cache_forget(instance.pk)


post_save.connect(_user_changed, sender=User, dispatch_uid="accounts.auth_cache.saved")
post_delete.connect(_user_changed, sender=User, dispatch_uid="accounts.auth_cache.deleted")


def cached_user(user_id: uuid.UUID, version: Any) -> User | None:
    """A copy of the cached user if still fresh, active and on ``version``; else None."""
    lifetime = settings.AUTH_USER_CACHE_SECONDS
    if lifetime <= 0:
        return None
    with _users_lock:
        entry = _users.get(user_id)
    if entry is None or time.monotonic() - entry[0] > lifetime:
        return None
    user = entry[1]
    if not user.is_active or user.token_version != version:
        return None
    return copy.copy(user)


def cache_user(user: User) -> None:
    """Remember ``user`` (active, just read from the database) for this process."""
    if settings.AUTH_USER_CACHE_SECONDS <= 0:
        return
    with _users_lock:
        if len(_users) >= _MAX_CACHED_USERS:
            _users.clear()
        _users[user.pk] = (time.monotonic(), copy.copy(user))
