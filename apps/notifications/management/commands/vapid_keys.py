"""``manage.py vapid_keys``: generate the Web Push VAPID key pair once (kept in the database)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from apps.notifications.services.vapid import vapid_keys_generate


class Command(BaseCommand):
    help = "Generate the VAPID key pair for Web Push unless one exists; print the public key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--replace", action="store_true", help="Make a new pair (every browser must subscribe again)."
        )

    def handle(self, *args: Any, replace: bool = False, **options: Any) -> None:
        row, created = vapid_keys_generate(replace=replace)
        self.stdout.write(f"{'Generated' if created else 'Kept'} VAPID key pair. Public key:\n{row.public_key}")
