"""Start-up stays light: `--version`, `--help` and completion load neither the crawler nor
the imaging stack (the command modules are imported only when their command runs).

A behaviour test, not a timing test: `python -X importtime` lists every module a fresh
interpreter imported, and the heavy ones must not be among them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from brandaudit import __version__
from brandaudit.commands import COMMANDS

HEAVY = ("scrapy", "playwright", "twisted", "cv2", "PIL", "numpy", "imagehash", "cairosvg")


def imported_modules(*args: str) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run `python -P -X importtime -m brandaudit ARGS` (the installed package, not a folder
    in the cwd); the top-level names it imported."""
    proc = subprocess.run(
        [sys.executable, "-P", "-X", "importtime", "-m", "brandaudit", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    names = {
        line.split("|")[-1].strip().split(".")[0]
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "brandaudit" in names, proc.stderr[-500:]  # the parsing itself works
    return proc, names


@pytest.mark.parametrize(
    "args",
    [("--version",), ("--help",), ("history", "--help"), ("completion", "bash")],
    ids=["version", "help", "command-help", "completion"],
)
def test_light_commands_import_no_heavy_module(args: tuple[str, ...]) -> None:
    proc, names = imported_modules(*args)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert not names & set(HEAVY), sorted(names & set(HEAVY))
    if args == ("--version",):
        assert proc.stdout.strip() == f"brandaudit {__version__}"


def test_the_check_can_fail() -> None:
    """The same measurement sees the heavy stack when a command does load it."""
    _, names = imported_modules("audit", "--guideline", "/nonexistent/brand.yaml")
    assert {"PIL", "numpy", "cv2"} <= names


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_each_command_summary_is_its_parser_help(name: str) -> None:
    """The summary `--help` lists without importing a command is the one the command declares."""
    from brandaudit.cli import build_parser

    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    helps = {action.dest: action.help for action in subparsers._choices_actions}
    assert helps[name] == COMMANDS[name].summary
