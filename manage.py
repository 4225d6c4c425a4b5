#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maigie.settings.local")
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    from maigie.embedded import ensure_services  # noqa: PLC0415

    ensure_services()

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
