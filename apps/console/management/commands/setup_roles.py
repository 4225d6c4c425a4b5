"""``manage.py setup_roles``: create or update the staff groups (apps/console/roles.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from apps.console.roles import roles_ensure


class Command(BaseCommand):
    help = "Create or update the staff role groups (Support, Billing, Operator) with their permissions."

    def handle(self, *args: Any, **options: Any) -> None:
        for role, count in roles_ensure().items():
            self.stdout.write(f"{role}: {count} permissions")
