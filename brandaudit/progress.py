"""A live progress line on a terminal (rich); silent when output is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

from brandaudit.pipeline import ProgressCallback


@contextmanager
def crawl_progress(enabled: bool | None = None) -> Iterator[ProgressCallback | None]:
    """Yield a callback taking (pages, images, errors) counts, or None when not on a TTY
    (rich is imported only then: an audit in CI or a script needs none of it)."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    with Progress(
        SpinnerColumn(),
        TextColumn(
            "[bold]Crawling[/] {task.fields[pages]} pages, {task.fields[images]} images,"
            " {task.fields[errors]} errors"
        ),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("crawl", total=None, pages=0, images=0, errors=0)

        def update(pages: int, images: int, errors: int) -> None:
            progress.update(task, pages=pages, images=images, errors=errors)

        yield update
