"""Run one website crawl in a child process and report progress to the caller.

Twisted's reactor cannot be restarted inside a process, and the CLI and the tests run many
audits in one process, so every crawl gets a fresh child (`python -m crawler`: a subprocess
rather than multiprocessing's spawn, which re-imports the caller's unguarded main script).
The parent only watches the run directory grow and relays counts to `on_progress`; Scrapy
is imported in the child alone. A crawl that dies, or ends having neither fetched nor
failed anything, raises `CrawlFailed` instead of returning an empty result that would look
like a clean site.
"""

from __future__ import annotations

import contextlib
import json
import logging
import pickle
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from brandaudit.crawler.artifacts import CrawlError, CrawlMeta
from brandaudit.crawler.cache_replay import replay_unchanged
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run_progress import CrawlFailed, CrawlInterrupted, LineCounter, utc_now
from brandaudit.crawler.run_store import RunWriter
from brandaudit.crawler.settings import CRAWL_LOG

logger = logging.getLogger(__name__)

Progress = Callable[[int, int, int], None]
POLL_SECONDS = 0.5
GRACE_SECONDS = 60.0
OUTCOME = "crawl_outcome.json"
_STAT_PREFIXES = (
    "downloader/request_count", "downloader/response_count", "downloader/response_status_count/",
    "downloader/exception_count", "downloader/exception_type_count/", "log_count/ERROR",
    "log_count/WARNING", "elapsed_time_seconds", "finish_reason", "item_scraped_count",
    "retry/", "robotstxt/", "memusage/max", "response_received_count", "brandaudit/",
    "httpcache/",
)  # fmt: skip


TIME_LIMIT_REASON = "closespider_timeout"


def time_limit_error(options: CrawlOptions) -> CrawlError:
    """What a crawl cut by --time-limit reports: the audit is partial, and says so."""
    # The fragment keeps it apart from the seed page itself, which a crawl error for the same
    # URL would be dropped for (crawler/run_store.py: a page fetched later is not an error).
    return CrawlError(
        f"{options.seeds[0].split('#')[0]}#time-limit",
        "page",
        f"the audit's time limit ({options.time_limit_s:g} s) ended the crawl before it "
        "finished: pages and images not fetched by then were not audited",
        touchpoint=options.touchpoint,
    )


def run_crawl(
    options: CrawlOptions, run_dir: Path, on_progress: Progress | None = None
) -> CrawlMeta:
    """Crawl `options.seeds` into `run_dir` (see `crawler.run_store`) and return its meta."""
    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    if options.render != "never":  # a missing browser is one clear error, not one per page
        from brandaudit.crawler.render.browser import BrowserUnavailable, verify_browser

        try:
            verify_browser(launch=options.render == "always")
        except BrowserUnavailable as exc:
            if options.render != "auto":
                raise CrawlFailed(str(exc)) from None
            # `auto` renders where it can: without a browser the audit still runs, and says so.
            logger.warning(
                "no browser for --render auto (%s): pages are audited unrendered; install "
                "Debian's chromium (or run `playwright install chromium`)",
                exc,
            )
            options = replace(options, render="never")
    if options.redis_url:  # scale-out: workers on a shared Redis queue
        from brandaudit.crawler.distributed.coordinator import run_distributed_crawl

        return run_distributed_crawl(options, run_dir, on_progress)
    outcome_path = run_dir / OUTCOME
    outcome_path.unlink(missing_ok=True)
    log = run_dir / CRAWL_LOG
    started = utc_now()
    counter = LineCounter(run_dir)
    replayed = replay_unchanged(options, run_dir) if options.http_cache else None
    if replayed is not None:  # nothing the last crawl used changed (crawler/cache_replay.py)
        _say_replayed(log, replayed, outcome_path)
        if on_progress is not None:
            on_progress(*counter.counts())
    else:
        _crawl_in_child(options, run_dir, log, counter, on_progress)
    outcome = json.loads(outcome_path.read_text(encoding="utf-8"))
    outcome_path.unlink()
    if outcome.get("error"):
        raise CrawlFailed(f"crawl failed: {outcome['error']} (log: {log}){_last_errors(log)}")
    stats: dict[str, Any] = outcome["stats"]
    pages, images, errors = (stats.get(f"brandaudit/{k}", 0) for k in ("pages", "images", "errors"))
    stats.update(pages=pages, images=images, errors=errors)
    meta = CrawlMeta(options.seeds, started, utc_now(), stats)
    writer = RunWriter(run_dir)
    if stats.get("finish_reason") == TIME_LIMIT_REASON:
        writer.add_error(time_limit_error(options))
    writer.write_meta(meta)
    writer.close()
    if stats.get("finish_reason") == "shutdown":
        raise CrawlInterrupted(
            f"the crawl was stopped before it finished ({pages} pages so far); "
            f"run it again with the same job folder to resume (log: {log})"
        )
    all_pages, _, all_errors = counter.counts()  # a resumed run may find nothing left to do
    if all_pages == 0 and all_errors == 0:
        raise CrawlFailed(
            f"crawl of {', '.join(options.seeds)} produced no page and no error (log: {log})"
            f"{_last_errors(log)}"
        )
    return meta


def _crawl_in_child(
    options: CrawlOptions, run_dir: Path, log: Path, counter: LineCounter,
    on_progress: Progress | None,
) -> None:  # fmt: skip
    """The crawl in a fresh `python -m brandaudit.crawler` process (see the module doc)."""
    outcome_path = run_dir / OUTCOME
    with open(log, "ab") as log_handle:
        # Options travel on stdin, so staging headers never touch the disk or a command line.
        child = subprocess.Popen(
            [sys.executable, "-P", "-m", "brandaudit.crawler", str(run_dir)],
            stdin=subprocess.PIPE,
            stdout=log_handle,
            stderr=log_handle,
        )
        try:
            assert child.stdin is not None
            with contextlib.suppress(BrokenPipeError):  # a child that died at once: see below
                child.stdin.write(pickle.dumps(options))
                child.stdin.close()
            while True:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(POLL_SECONDS)
                if on_progress is not None:
                    on_progress(*counter.counts())
                if child.returncode is not None:
                    break
        except BaseException as exc:
            _stop_gracefully(child, already_signalled=isinstance(exc, KeyboardInterrupt))
            raise
    if child.returncode != 0 or not outcome_path.exists():
        raise CrawlFailed(
            f"crawl failed: the crawl process exited with code {child.returncode} (log: {log})"
            f"{_last_errors(log)}"
        )


def _say_replayed(log: Path, stats: dict[str, Any], outcome_path: Path) -> None:
    """Leave a replayed crawl's outcome as the child would, and say it in the crawl log."""
    asked = stats.get("downloader/request_count", 0)
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(f"{utc_now()} [brandaudit] every answer of the last crawl unchanged "
                     f"({asked} requests): its pages, images and errors replayed\n")  # fmt: skip
    outcome_path.write_text(json.dumps({"stats": stats}), encoding="utf-8")


def crawl_in_this_process(run_dir: Path) -> int:
    """Child process entry (`python -m crawler RUN_DIR`, options pickled on stdin).

    Runs Scrapy once and leaves {"stats": ...} or {"error": ...} in the run directory.
    """
    outcome: dict[str, Any]
    try:
        from scrapy.crawler import CrawlerProcess

        from brandaudit.crawler.settings import scrapy_settings
        from brandaudit.crawler.spider import SiteSpider

        options = pickle.loads(sys.stdin.buffer.read())
        why_not_recorded = _why_not_recorded(options)  # (before the crawl makes its JOBDIR)
        process = CrawlerProcess(scrapy_settings(options, run_dir))
        crawler = process.create_crawler(SiteSpider)
        process.crawl(crawler, options=options)
        process.start()
        outcome = {"stats": _stats_subset(crawler.stats.get_stats() if crawler.stats else {})}
        exchanges = getattr(crawler, "ba_exchanges", None)  # crawler/http_cache.py
        if exchanges is not None:  # the next audit may replay it (crawler/cache_record.py)
            from brandaudit.crawler.cache_record import save_record

            save_record(options, run_dir, exchanges, outcome["stats"], why_not_recorded)
    except Exception as exc:
        traceback.print_exc()
        outcome = {"error": f"{type(exc).__name__}: {exc}"}
    (run_dir / OUTCOME).write_text(json.dumps(outcome, default=str), encoding="utf-8")
    return 1 if "error" in outcome else 0


def _why_not_recorded(options: CrawlOptions) -> str | None:
    if options.http_cache is None:
        return "no HTTP cache"
    from brandaudit.crawler.cache_record import why_not_recorded

    return why_not_recorded(options)


def _stop_gracefully(child: subprocess.Popen[bytes], already_signalled: bool) -> None:
    """Let Scrapy close cleanly (it saves JOBDIR state for --resume); a second signal would
    force it down, so a Ctrl-C the child received with its process group is not repeated."""
    if child.poll() is not None:
        return
    if not already_signalled:
        child.send_signal(signal.SIGINT)
    try:
        child.wait(GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _stats_subset(stats: dict[str, Any]) -> dict[str, Any]:
    subset: dict[str, Any] = {}
    for key, value in stats.items():
        if key.startswith(_STAT_PREFIXES):
            subset[key] = value.isoformat() if isinstance(value, datetime) else value
    return subset


def _last_errors(log: Path, limit: int = 3) -> str:
    """The last ERROR lines of the crawl log, so the exception message alone explains it."""
    if not log.exists():
        return ""
    lines = [line for line in log.read_text(errors="replace").splitlines() if " ERROR: " in line]
    return "".join(f"\n  {line[:300]}" for line in lines[-limit:])
