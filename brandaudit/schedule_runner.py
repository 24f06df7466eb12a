"""Running scheduled audits: a loop that starts each due schedule as a child brandaudit
process, under its lease, and notifies on new errors (webhook and e-mail).

A child process, not a function call: Twisted's reactor cannot restart inside one process,
and a crashed audit must not take the dashboard down with it.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import subprocess
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from brandaudit.dashboard.link import DASHBOARD_URL_ENV
from brandaudit.history import HistoryStore, history_path
from brandaudit.notify import WEBHOOK_ENV, post_webhook
from brandaudit.schedule import Schedule, ScheduleStore
from brandaudit.schedule_mail import new_errors_message, send

log = logging.getLogger(__name__)

LEASE_S = 120.0  # a lease not renewed for this long is free again (its runner died)
RENEW_S = 30.0
RUN_TIMEOUT_S = 6 * 3600


def new_errors(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Errors this audit found that the previous audit of its guideline did not (all of its
    errors when it is the first)."""
    since = (document.get("history") or {}).get("since_last") or {}
    errors = [f for f in document.get("findings", []) if f.get("severity") == "error"]
    if not since.get("previous_id"):
        return errors
    new = set(since.get("new", ()))
    return [f for f in errors if f["id"] in new]


class Runner:
    def __init__(
        self,
        history: Path | str | None,
        reports_dir: Path | None = None,
        dashboard_url: str | None = None,
    ) -> None:
        self.history = history_path(history)
        self.store = ScheduleStore(HistoryStore(self.history))
        self.reports_dir = reports_dir or self.history.parent / "scheduled"
        self.dashboard_url = dashboard_url or os.environ.get(DASHBOARD_URL_ENV)
        self.holder = f"{socket.gethostname()}:{os.getpid()}"
        self._threads: dict[int, threading.Thread] = {}

    def tick(self, now: datetime | None = None) -> list[threading.Thread]:
        """Start every due schedule not already running; returns the threads started."""
        started = []
        for schedule in self.store.due(now or datetime.now(UTC)):
            running = self._threads.get(schedule.id)
            if running is not None and running.is_alive():
                continue
            if not self.store.acquire(schedule.id, self.holder, LEASE_S):
                continue  # another scheduler has it
            thread = threading.Thread(
                target=self._run_leased, args=(schedule,), daemon=True,
                name=f"schedule-{schedule.id}",
            )  # fmt: skip
            self._threads[schedule.id] = thread
            thread.start()
            started.append(thread)
        return started

    def serve(self, interval_s: float = 30.0, stop: threading.Event | None = None) -> None:
        stop = stop or threading.Event()
        while not stop.is_set():
            try:
                self.tick()
            except Exception:  # one bad tick (a locked store) must not end the scheduler
                log.exception("scheduler tick failed")
            stop.wait(interval_s)

    def _run_leased(self, schedule: Schedule) -> None:
        done = threading.Event()
        heartbeat = threading.Thread(target=self._renew, args=(schedule.id, done), daemon=True)
        heartbeat.start()
        try:
            self.run(schedule)
        except Exception:
            log.exception("scheduled audit %s failed", schedule.name)
        finally:
            done.set()
            self.store.release(schedule.id, self.holder)

    def _renew(self, schedule_id: int, done: threading.Event) -> None:
        while not done.wait(RENEW_S):
            self.store.renew(schedule_id, self.holder, LEASE_S)

    def run(self, schedule: Schedule) -> dict[str, Any] | None:
        """One run of `schedule` (the caller holds its lease); returns its report document."""
        started = datetime.now(UTC)
        out = self.reports_dir / f"schedule-{schedule.id}" / started.strftime("%Y%m%dT%H%M%SZ")
        argv = [sys.executable, "-m", "brandaudit", *schedule.command,
                "--out", str(out), "--history", str(self.history)]  # fmt: skip
        # The scheduler posts to the webhook itself, on new errors only: the child must not
        # post its every-audit summary as well.
        env = {key: value for key, value in os.environ.items() if key != WEBHOOK_ENV}
        if self.dashboard_url:
            env[DASHBOARD_URL_ENV] = self.dashboard_url
        try:
            proc = subprocess.run(argv, capture_output=True, text=True, env=env,
                                  timeout=RUN_TIMEOUT_S, check=False)  # fmt: skip
            code, stderr = proc.returncode, proc.stderr
        except subprocess.TimeoutExpired:
            code, stderr = -1, f"timed out after {RUN_TIMEOUT_S:.0f} s"
        report = out / "report.json"
        document = json.loads(report.read_text(encoding="utf-8")) if report.is_file() else None
        if document is None:
            reason = (stderr.strip().splitlines() or ["no report written"])[-1]
            self.store.finished(schedule, started, f"failed: {reason}"[:300], None)
            return None
        errors = new_errors(document)
        status = f"exit {code}, {len(errors)} new error{'s' * (len(errors) != 1)}"
        self.store.finished(schedule, started, status, document.get("audit", {}).get("id"))
        if errors:
            self.notify(schedule, document, errors, report)
        return document

    def notify(
        self, schedule: Schedule, document: dict[str, Any], errors: list[dict[str, Any]],
        report: Path,
    ) -> None:  # fmt: skip
        post_webhook(document, str(report.with_suffix(".html")))
        if schedule.email:
            audit_id = document.get("audit", {}).get("id")
            link = f"{self.dashboard_url.rstrip('/')}/audit/{audit_id}" if (
                self.dashboard_url and audit_id) else None  # fmt: skip
            send(new_errors_message(schedule.email, schedule.name, errors,
                                    str(report.with_suffix(".html")), link))  # fmt: skip


def start_in_thread(
    history: Path | str | None, reports_dir: Path | None, dashboard_url: str | None = None,
    interval_s: float = 30.0,
) -> threading.Event:  # fmt: skip
    """Run the scheduler beside the dashboard; set the returned event to stop it."""
    stop = threading.Event()
    runner = Runner(history, reports_dir, dashboard_url)
    threading.Thread(target=runner.serve, args=(interval_s, stop), daemon=True,
                     name="scheduler").start()  # fmt: skip
    return stop
