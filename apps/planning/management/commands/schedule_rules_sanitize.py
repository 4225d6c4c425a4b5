"""Turn schedule blocks whose stored recurrence rule is unusable into one-off blocks (see docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from apps.planning.models import ScheduleBlock
from apps.planning.recurrence import local_start, stored_rule_problem
from apps.planning.services.schedule import schedule_block_update


class Command(BaseCommand):
    help = "Drop recurrence rules that no longer pass validation (the block keeps its first occurrence)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Only list the blocks that would change.")

    def handle(self, *args: Any, dry_run: bool = False, **options: Any) -> None:
        fixed = 0
        for block in ScheduleBlock.objects.exclude(recurrence_rule="").iterator():
            try:
                problem = stored_rule_problem(
                    block.recurrence_rule, local_start(start=block.start_time, timezone=block.timezone)
                )
            except (KeyError, ValueError, OverflowError) as exc:  # an unknown zone or a time out of range
                problem = str(exc)
            if problem is None:
                continue
            self.stdout.write(f"{block.pk} {block.recurrence_rule!r}: {problem}")
            if dry_run:
                continue
            try:
                schedule_block_update(block=block, data={"recurrence_rule": ""})
            except ValidationError as exc:
                self.stderr.write(f"{block.pk} left as is (delete it or fix its times): {'; '.join(exc.messages)}")
                continue
            fixed += 1
        self.stdout.write(f"{fixed} block(s) made one-off.")
