"""CI runs what the README tells a developer to run: the same install and the same pytest
options (parallel workers included), so a green CI means the README's command is green."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_test_command() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in text.splitlines() if re.search(r"-m pytest\b", line)]
    assert len(commands) == 1, commands
    return commands[0].strip()


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    command = _readme_test_command()
    lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert command in lines, f".ci/run does not run the README's test command: {command}"


def test_the_parallel_runner_is_a_pinned_test_dependency() -> None:
    command = _readme_test_command()
    if " -n " not in f" {command} ":
        return
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r'"pytest-xdist>=[\d.]+,<\d+"', pyproject)
    assert re.search(r"^pytest-xdist==", lock, re.M)
