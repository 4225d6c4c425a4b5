"""Periodic tasks of the notifications app (installed by ``manage.py setup_schedule``)."""

from maigie.jobs.schedule import Periodic

PERIODIC_TASKS = [
    Periodic(
        name="notifications.release_held",
        task="notifications.release_held",
        every_seconds=60,
        description="Send push and e-mail held by quiet hours once they end (expired reminders are dropped).",
    ),
    Periodic(
        name="notifications.send_digests",
        task="notifications.send_digests",
        crontab="20 * * * *",
        description="Daily/weekly digest e-mail of users whose local morning has come (once per period).",
    ),
    Periodic(
        name="notifications.send_nudges",
        task="notifications.send_nudges",
        crontab="40 * * * *",
        description="Nudges: streak at risk, no study for N days, goal due soon, cards piling up (once per period).",
    ),
    Periodic(
        name="notifications.purge_deliveries",
        task="notifications.purge_deliveries",
        crontab="50 3 * * *",
        description="Delete finished delivery rows older than NOTIFICATIONS_DELIVERY_RETENTION_DAYS.",
    ),
]
