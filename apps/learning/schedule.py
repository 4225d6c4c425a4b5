"""Periodic tasks of the learning app (installed by ``manage.py setup_schedule``)."""

from maigie.jobs.schedule import Periodic

PERIODIC_TASKS = [
    Periodic(
        name="ai.sweep_embeddings",
        task="ai.sweep_embeddings",
        crontab="*/30 * * * *",
        description="Embed notes and topics without an up-to-date vector (what the after-commit jobs missed).",
    ),
]
