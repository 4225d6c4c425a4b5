"""Periodic tasks of the planning app (installed by ``manage.py setup_schedule``)."""

from maigie.jobs.schedule import Periodic

PERIODIC_TASKS = [
    Periodic(
        name="planning.dispatch_reminders",
        task="planning.dispatch_reminders",
        every_seconds=60,
        description="Send the reminders of occurrences whose reminder time has come (once each).",
    ),
    Periodic(
        name="planning.aggregate_daily_metrics",
        task="planning.aggregate_daily_metrics",
        crontab="*/15 * * * *",
        description="Roll up each user's finished local day; every quarter hour so every offset's midnight is near.",
    ),
    Periodic(
        name="planning.send_weekly_reports",
        task="planning.send_weekly_reports",
        crontab="5 * * * *",
        description="E-mail last week's report to opted-in users whose local Monday 08:00 has passed (once a week).",
    ),
]
