"""Helpers for the workspace tests: saved crawls with planted brand-name errors, a guideline,
the dashboard as a child process, and a local SMTP server."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from aiosmtpd.controller import Controller

from brandaudit.crawler.artifacts import CrawlMeta, PageArtifact, TextBlock
from brandaudit.crawler.run_store import RunWriter

SITE = "https://www.novabridge.example/"
# One misspelling of the brand per page; later crawls have fewer of them (fixes).
MISSPELLINGS = ("Nova Bridge", "Novabridge", "NovaBrige")
GUIDELINE = "version: 1\nbrand:\n  name: NovaBridge\ntouchpoints:\n  websites: []\n"


def write_guideline(folder: Path) -> Path:
    path = folder / "brand.yaml"
    path.write_text(GUIDELINE, encoding="utf-8")
    return path


def saved_crawl(folder: Path, misspelled: int) -> Path:
    """A saved crawl (as `audit` leaves it) of a home page and three news pages, the first
    `misspelled` of which misspell the brand (the others spell it right: fixed)."""
    run_dir = folder / "crawl"
    run_dir.mkdir(parents=True)
    writer = RunWriter(run_dir)
    writer.write_meta(CrawlMeta(seeds=(SITE,), started="2026-12-01T09:00:00Z"))
    pages = [("", "NovaBridge builds bridges that carry ideas.")]
    pages += [(f"news/{i}", f"Read how {name if i < misspelled else 'NovaBridge'} helps.")
              for i, name in enumerate(MISSPELLINGS)]  # fmt: skip
    for path, text in pages:
        writer.add_page(
            PageArtifact(url=SITE + path, status=200, title="NovaBridge",
                         text_blocks=(TextBlock(text=text, selector="main > p"),))
        )  # fmt: skip
    writer.close()
    return folder


@contextmanager
def dashboard(history: Path, *extra: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """`brandaudit dashboard` on a free port; yields its address (with the token if any)."""
    proc = subprocess.Popen(
        [sys.executable, "-P", "-m", "brandaudit", "dashboard", "--history", str(history),
         "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "brandaudit dashboard on " in line, line + (
            proc.stderr.read() if proc.stderr else ""
        )
        yield line.split(" on ", 1)[1].split()[0]
    finally:
        proc.terminate()
        proc.wait(timeout=20)


class _Inbox:
    def __init__(self) -> None:
        self.messages: queue.Queue[tuple[list[str], str]] = queue.Queue()

    async def handle_DATA(self, server, session, envelope):
        self.messages.put((list(envelope.rcpt_tos), envelope.content.decode("utf-8", "replace")))
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[int, queue.Queue[tuple[list[str], str]]]]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd); yields its port and the received mail."""
    inbox = _Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox.messages
    finally:
        controller.stop()
