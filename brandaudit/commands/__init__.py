"""One module per subcommand, each with `add_parser(subparsers)` and `run(args) -> int`.

Adding a command: write the module, then list it here.
"""

from __future__ import annotations

import importlib
from types import ModuleType

_NAMES = ("audit", "check", "demo", "baseline", "diff", "history")


def _load() -> dict[str, ModuleType]:
    commands = {}
    for name in _NAMES:
        try:
            commands[name] = importlib.import_module(f"brandaudit.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"brandaudit.commands.{name}":
                raise
    return commands


COMMANDS: dict[str, ModuleType] = _load()
