"""A forked process never uses the PostgreSQL connections its parent's pool holds.

Django keeps one psycopg pool per process (``DatabaseWrapper._connection_pools``). A child forked
after the parent used it (a Celery prefork child, any ``os.fork``) would otherwise be handed the
parent's sockets. After a fork the child sets the inherited pools and connection aside, never
closing them (closing sends a terminate message on the socket the parent still uses), and opens
its own on its first query.
"""

from __future__ import annotations

from typing import Any

_inherited: list[Any] = []  # kept referenced so no finaliser closes the parent's connections


def forget_inherited_pools() -> None:
    """In a freshly forked child: start with no pool and no open connection."""
    from django.db import connections  # noqa: PLC0415  (runs after the fork, settings loaded)
    from django.db.backends.postgresql.base import DatabaseWrapper  # noqa: PLC0415

    pools: dict[str, Any] = getattr(DatabaseWrapper, "_connection_pools")  # noqa: B009  (not in the stubs)
    _inherited.append(dict(pools))
    pools.clear()
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            _inherited.append(connection.connection)
            connection.connection = None
