"""``manage.py setup_schedule``: install every declared periodic task into the beat schedule."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from maigie.jobs.schedule import declared_periodic_tasks, schedule_install


class Command(BaseCommand):
    help = "Create the periodic tasks apps declare in <app>/schedule.py (idempotent; admin edits are kept)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--reset", action="store_true", help="Restore the declared timing of existing entries.")

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        outcome = schedule_install(entries=declared_periodic_tasks(), reset=reset)
        for state, names in outcome.items():
            for name in names:
                self.stdout.write(f"{state}: {name}")
