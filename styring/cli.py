"""The `styring` command: Django's management commands with Styring's settings (`styring serve`, `styring demo`,
`styring worker`, `styring verify-audit`, … and every Django command such as `styring migrate`)."""

from __future__ import annotations

import os
import sys

# Command names with hyphens, as documented, mapped to Django command modules (which cannot contain hyphens).
ALIASES = {
    "sync-catalog": "sync_catalog",
    "verify-audit": "verify_audit",
}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "styring.settings")
    if len(argv) > 1 and argv[1] in ALIASES:
        argv[1] = ALIASES[argv[1]]
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":  # pragma: no cover
    main()
