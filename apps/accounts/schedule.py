"""Periodic tasks of the accounts app (installed by ``manage.py setup_schedule``)."""

from maigie.jobs.schedule import Periodic

PERIODIC_TASKS = [
    Periodic(
        name="Flush expired JWT tokens",
        task="maintenance.flush_expired_tokens",
        crontab="30 3 * * *",
        description="Delete outstanding and blacklisted refresh tokens that have expired.",
    ),
]
