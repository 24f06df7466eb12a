"""`python -m brandaudit` is the `brandaudit` command."""

from brandaudit.cli import main

raise SystemExit(main())
