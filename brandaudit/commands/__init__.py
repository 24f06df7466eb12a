"""One module per subcommand, each with `add_parser(subparsers)` and `run(args) -> int`.

The command line lists the commands from `COMMANDS` (name, module, one-line summary) and
imports a command's module only when that command runs, so `brandaudit --version`, `--help`
and the light commands never load the crawler or the imaging stack.

Adding a command: write the module, then list it here (its `help=` must equal the summary;
tests/brandaudit/test_cli_startup.py checks it).
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import NamedTuple


class CommandEntry(NamedTuple):
    """A command's module and summary (a named tuple: `dataclasses` would pull `inspect` into
    every start-up, `--version` included)."""

    module: str
    summary: str

    def load(self) -> ModuleType:
        return importlib.import_module(self.module)


COMMANDS: dict[str, CommandEntry] = {
    "audit": CommandEntry(
        "brandaudit.commands.audit", "crawl and audit websites against a brand guideline"
    ),
    "check": CommandEntry(
        "brandaudit.commands.check",
        "re-check a saved crawl against a (changed) guideline, no network",
    ),
    "demo": CommandEntry(
        "brandaudit.commands.demo", "audit the bundled sample brand on its bundled demo site"
    ),
    "baseline": CommandEntry(
        "brandaudit.commands.baseline", "accept the findings of a report as known"
    ),
    "diff": CommandEntry(
        "brandaudit.commands.diff", "compare two audits: new, fixed and persisting findings"
    ),
    "history": CommandEntry("brandaudit.commands.history", "list past audits with their counts"),
    "rules": CommandEntry("brandaudit.commands.rules", "list the rules, or explain one"),
    "completion": CommandEntry(
        "brandaudit.commands.completion", "print a shell completion script (bash, zsh, fish)"
    ),
    "dashboard": CommandEntry(
        "brandaudit.commands.dashboard",
        "serve the dashboard (estates, trends, triage, schedules) on 127.0.0.1",
    ),
    "triage": CommandEntry(
        "brandaudit.commands.triage",
        "triage decisions: list, mark, export to / import from the policy file",
    ),
    "scheduler": CommandEntry(
        "brandaudit.commands.scheduler",
        "run scheduled audits (stored in the history store) until stopped",
    ),
    "worker": CommandEntry(
        "brandaudit.commands.worker", "crawl for audits started elsewhere with --redis"
    ),
}
