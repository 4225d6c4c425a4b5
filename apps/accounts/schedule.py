"""Periodic tasks of the accounts app (installed by ``manage.py setup_schedule``)."""

from maigie.jobs.schedule import Periodic

PERIODIC_TASKS = [
    Periodic(
        name="Purge expired credentials",
        task="maintenance.purge_expired_credentials",
        crontab="30 3 * * *",
        description="Delete expired or used one-time codes, expired refresh tokens and dead sessions.",
    ),
]
