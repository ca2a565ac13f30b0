#!/usr/bin/env python
"""Django's manage.py, for developers used to it; `styring` is the same thing installed as a command."""

from styring.cli import main

if __name__ == "__main__":
    main()
