"""Run the brandaudit command line as a user does: its exit status and its output.

`brandaudit(...)` starts a child process (what a user runs: a fresh interpreter, real
stdout/stderr). `brandaudit_in_process(...)` calls the same `main()` inside the test
process with stdout, stderr, logging and the environment captured and restored: the same
parser, checks and messages without paying an interpreter start and the imports each time.
Use it wherever the behaviour under test does not depend on being a separate process.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path


def brandaudit(
    *args: str | Path, env: Mapping[str, str] | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """`python -m brandaudit ARGS`, never raising on a non-zero exit status."""
    return subprocess.run(
        [sys.executable, "-P", "-m", "brandaudit", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=None if env is None else dict(env),
        check=False,
    )


def brandaudit_in_process(
    *args: str | Path, env: Mapping[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`brandaudit ARGS` through `brandaudit.cli.main` in this process (see the docstring)."""
    from brandaudit.cli import main

    argv = [str(arg) for arg in args]
    out, err = io.StringIO(), io.StringIO()
    with (
        _environment(env),
        _own_logging(),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: --help, --version, usage errors
            code = exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    return subprocess.CompletedProcess(["brandaudit", *argv], code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _environment(env: Mapping[str, str] | None) -> Iterator[None]:
    """The child process's environment: `env` replaces os.environ for the call."""
    if env is None:
        yield
        return
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextlib.contextmanager
def _own_logging() -> Iterator[None]:
    """An empty root logger, so `main`'s logging.basicConfig writes to the captured stderr
    as in a fresh process; the test runner's handlers and level come back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    root.handlers.clear()
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *fragments: str) -> None:
    """Exit status 2 with one stderr line (no traceback) that contains every fragment."""
    assert proc.returncode == 2, proc.stdout + proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for fragment in fragments:
        assert fragment in lines[0]
