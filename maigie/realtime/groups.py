"""Channel-layer group names."""

from __future__ import annotations

from typing import Any


def user_group(user_id: Any) -> str:
    """The group every connection of one user joins."""
    return f"user.{user_id}"
