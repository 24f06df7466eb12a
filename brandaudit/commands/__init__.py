"""One module per subcommand, each with `add_parser(subparsers)` and `run(args) -> int`.

Adding a command: write the module, then list it here.
"""

from __future__ import annotations

from types import ModuleType

from brandaudit.commands import audit, baseline, check, demo, diff, history, rules, worker

COMMANDS: dict[str, ModuleType] = {
    "audit": audit,
    "check": check,
    "demo": demo,
    "baseline": baseline,
    "diff": diff,
    "history": history,
    "rules": rules,
    "worker": worker,
}
