"""What a crawl run and its distributed coordinator share: how a crawl fails, and how its
progress is counted from the run folder (apart from crawler.run, so the coordinator that
crawler.run dispatches to does not import it back)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from brandaudit.crawler.run_store import ERRORS, IMAGES, PAGES


class CrawlFailed(RuntimeError):
    """The crawl as a whole could not run; the message says why and where the log is."""


class CrawlInterrupted(CrawlFailed):
    """The crawl was stopped (Ctrl-C, SIGTERM) part way; its run folder holds what it got."""


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


class LineCounter:
    """Counts records in the run's JSONL files, reading only what was appended since last time."""

    def __init__(self, run_dir: Path) -> None:
        self.paths = [run_dir / PAGES, run_dir / IMAGES, run_dir / ERRORS]
        self.offsets = [0, 0, 0]
        self.lines = [0, 0, 0]

    def counts(self) -> tuple[int, int, int]:
        for index, path in enumerate(self.paths):
            if not path.exists():
                continue
            with open(path, "rb") as handle:
                handle.seek(self.offsets[index])
                chunk = handle.read()
            complete = chunk.rfind(b"\n") + 1  # a half-written last line counts next time
            self.lines[index] += chunk.count(b"\n", 0, complete)
            self.offsets[index] += complete
        return self.lines[0], self.lines[1], self.lines[2]
