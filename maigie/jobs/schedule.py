"""Periodic tasks: each app declares its own in ``<app>/schedule.py``; one command installs them.

An app lists ``PERIODIC_TASKS = [Periodic(...)]`` in its ``schedule`` module;
``manage.py setup_schedule`` writes every declared entry into django-celery-beat's tables,
where the admin can edit, disable or re-time it. Running the command again creates only
what is missing, so admin edits survive deploys (``--reset`` restores the declared timing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask


@dataclass(frozen=True)
class Periodic:
    """One periodic task: a unique ``name`` and a crontab (``"m h dom mon dow"``, UTC) or interval."""

    name: str
    task: str
    crontab: str | None = None
    every_seconds: int | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)
    description: str = ""

    def __post_init__(self) -> None:
        if (self.crontab is None) == (self.every_seconds is None):
            raise ValueError(f"{self.name}: give exactly one of crontab and every_seconds")


# Entries of the project itself (apps add theirs in <app>/schedule.py).
CORE_PERIODIC_TASKS = [
    # Same name as the entry beat would add by itself, so it is not duplicated.
    Periodic(
        name="celery.backend_cleanup",
        task="celery.backend_cleanup",
        crontab="0 4 * * *",
        description="Delete task results older than CELERY_RESULT_EXPIRES.",
    ),
]


def declared_periodic_tasks() -> list[Periodic]:
    """The project's entries and those of every installed app that has a ``schedule`` module."""
    entries = list(CORE_PERIODIC_TASKS)
    for config in apps.get_app_configs():
        module_name = f"{config.name}.schedule"
        if find_spec(module_name) is not None:
            entries.extend(import_module(module_name).PERIODIC_TASKS)
    return entries


def _schedule_fields(entry: Periodic) -> dict[str, Any]:
    if entry.crontab is not None:
        minute, hour, day_of_month, month_of_year, day_of_week = entry.crontab.split()
        fields = {
            "minute": minute,
            "hour": hour,
            "day_of_month": day_of_month,
            "month_of_year": month_of_year,
            "day_of_week": day_of_week,
            "timezone": "UTC",
        }  # the admin may have made an identical crontab already: reuse the oldest
        crontab = CrontabSchedule.objects.filter(**fields).order_by("id").first()
        return {"crontab": crontab or CrontabSchedule.objects.create(**fields), "interval": None}
    interval, _ = IntervalSchedule.objects.get_or_create(every=entry.every_seconds, period=IntervalSchedule.SECONDS)
    return {"interval": interval, "crontab": None}


@transaction.atomic
def schedule_install(*, entries: list[Periodic], reset: bool = False) -> dict[str, list[str]]:
    """Create the missing periodic tasks (and with ``reset`` restore existing ones); names by outcome."""
    outcome: dict[str, list[str]] = {"created": [], "reset": [], "kept": []}
    for entry in entries:
        fields = {
            "task": entry.task,
            "kwargs": json.dumps(entry.kwargs),
            "description": entry.description,
            **_schedule_fields(entry),
        }
        existing = PeriodicTask.objects.filter(name=entry.name).first()
        if existing is None:
            PeriodicTask.objects.create(name=entry.name, **fields)
            outcome["created"].append(entry.name)
        elif reset:
            for name, value in fields.items():
                setattr(existing, name, value)
            existing.enabled = True
            existing.save()
            outcome["reset"].append(entry.name)
        else:
            outcome["kept"].append(entry.name)
    return outcome
