#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
    except KeyboardInterrupt:
        # Ctrl-C stops a command (`make run` among them) without a traceback, wherever it
        # lands: in a page being served, a migration, or the embedded database starting.
        sys.exit(130)


if __name__ == "__main__":
    main()
