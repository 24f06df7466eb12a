"""`brandaudit completion SHELL`: the scripts complete commands, options and their values in
real bash, fish and zsh (installed by .ci/run)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from brandaudit.cli import build_parser
from brandaudit.completion import levels
from tests.cli_runner import brandaudit_in_process


def completion_script(shell: str, tmp_path: Path) -> Path:
    proc = brandaudit_in_process("completion", shell)
    assert proc.returncode == 0, proc.stderr
    path = tmp_path / f"brandaudit.{shell}"
    path.write_text(proc.stdout, encoding="utf-8")
    return path


def need(shell: str) -> str:
    found = shutil.which(shell)
    if found is None:  # .ci/run installs it; a developer machine may lack it
        pytest.skip(f"{shell} is not installed")
    return found


BASH_CASES = [
    ("brandaudit au", "audit"),
    ("brandaudit audit --fa", "--fail-on"),
    ("brandaudit audit --fail-on w", "warning"),
    ("brandaudit -v audit --render ", "always auto never"),
    ("brandaudit baseline ", "create"),
    ("brandaudit baseline create --o", "--out"),
    ("brandaudit check -", None),  # every check option, checked below
    ("brandaudit completion ", "bash fish zsh"),
]


def bash_complete(script: Path, line: str) -> list[str]:
    words = line.split(" ")
    program = (
        f"source {script}\n"
        f"COMP_WORDS=({' '.join(repr(w) for w in words)}); COMP_CWORD={len(words) - 1}\n"
        "_brandaudit; printf '%s\\n' \"${COMPREPLY[@]}\""
    )
    proc = subprocess.run(
        [need("bash"), "-c", program], capture_output=True, text=True, timeout=30, check=True
    )
    return sorted(proc.stdout.split())


@pytest.mark.parametrize(("line", "expected"), BASH_CASES)
def test_bash(tmp_path: Path, line: str, expected: str | None) -> None:
    got = bash_complete(completion_script("bash", tmp_path), line)
    if expected is None:
        check = next(level for level in levels(build_parser()) if level.path == ("check",))
        expected = " ".join(sorted(f for option in check.options for f in option.flags))
    assert got == sorted(expected.split())


def test_bash_offers_files_for_a_path_option(tmp_path: Path) -> None:
    (tmp_path / "guide.yaml").write_text("brand: {name: X}\n", encoding="utf-8")
    script = completion_script("bash", tmp_path)
    got = bash_complete(script, f"brandaudit audit --guideline {tmp_path}/gui")
    assert got == [f"{tmp_path}/guide.yaml"]


def test_fish(tmp_path: Path) -> None:
    script = completion_script("fish", tmp_path)

    def complete(line: str) -> list[str]:
        proc = subprocess.run(
            [need("fish"), "--no-config", "-c", f"source {script}; complete -C '{line}'"],
            capture_output=True, text=True, timeout=30, check=True,
        )  # fmt: skip
        return sorted(row.split("\t")[0] for row in proc.stdout.splitlines())

    assert "audit" in complete("brandaudit ")
    assert complete("brandaudit audit --fail-on ") == ["error", "info", "never", "warning"]
    assert complete("brandaudit baseline ") == ["create"]
    assert "--from" in complete("brandaudit baseline create --")
    assert "--guideline" not in complete("brandaudit diff --")
    assert complete("brandaudit completion ") == ["bash", "fish", "zsh"]


def test_zsh_registers_the_function(tmp_path: Path) -> None:
    script = completion_script("zsh", tmp_path)
    program = f"autoload -U compinit; compinit -u -D; source {script}; print $_comps[brandaudit]"
    proc = subprocess.run(
        [need("zsh"), "-f", "-c", program], capture_output=True, text=True, timeout=30
    )
    assert proc.returncode == 0 and proc.stdout.strip() == "_brandaudit", proc.stderr
    syntax = subprocess.run([need("zsh"), "-n", str(script)], capture_output=True, text=True)
    assert syntax.returncode == 0, syntax.stderr


def test_an_unknown_shell_is_a_usage_error() -> None:
    proc = brandaudit_in_process("completion", "powershell")
    assert proc.returncode == 2 and "invalid choice: 'powershell'" in proc.stderr
