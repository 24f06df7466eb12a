"""Start-up cost of the command line: what a user waits for before anything happens.

Runs each command line N times in a fresh interpreter and prints the CPU seconds (user +
sys of the child) and wall seconds per run, and how many modules the interpreter imported
(`-X importtime`). Prints figures; asserts nothing (tests/brandaudit/test_cli_startup.py
holds the behaviour: no heavy module at start-up).

    flock /tmp/bench.lock python benchmarks/cli_startup.py [--runs 10] [--python PATH]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

# Run outside any checkout: `python -m` would import a `brandaudit/` folder in the cwd first.
NEUTRAL_DIR = tempfile.gettempdir()
COMMAND_LINES = (
    ("--version",),
    ("--help",),
    ("audit", "--help"),
    ("history", "--help"),
    ("completion", "bash"),
)


def measure(python: str, args: tuple[str, ...], runs: int) -> tuple[float, float, int] | None:
    """Mean CPU and wall seconds per run and the number of modules imported (None when this
    brandaudit does not have the command)."""
    cpu = wall = 0.0
    for _ in range(runs):
        before = os.times()
        start = time.perf_counter()
        done = subprocess.run(
            [python, "-m", "brandaudit", *args], capture_output=True, check=False, cwd=NEUTRAL_DIR
        )
        if done.returncode != 0:
            return None
        wall += time.perf_counter() - start
        after = os.times()
        cpu += (after.children_user - before.children_user) + (
            after.children_system - before.children_system
        )
    trace = subprocess.run(
        [python, "-X", "importtime", "-m", "brandaudit", *args],
        capture_output=True,
        text=True,
        cwd=NEUTRAL_DIR,
    )
    modules = sum(line.startswith("import time:") for line in trace.stderr.splitlines()) - 1
    return cpu / runs, wall / runs, modules


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--python", default=sys.executable, help="the venv's python to time")
    options = parser.parse_args()
    print(f"{'command line':<28} {'CPU s/run':>9} {'wall s/run':>10} {'modules':>8}")
    for args in COMMAND_LINES:
        label = "brandaudit " + " ".join(args)
        figures = measure(options.python, args, options.runs)
        if figures is None:
            print(f"{label:<28} {'(no such command here)':>29}")
            continue
        cpu, wall, modules = figures
        print(f"{label:<28} {cpu:>9.3f} {wall:>10.3f} {modules:>8}")


if __name__ == "__main__":
    main()
