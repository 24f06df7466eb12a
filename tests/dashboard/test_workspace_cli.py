"""The workspace's commands as a user runs them: triage mark/export, scheduler --once."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

from brandaudit.schedule import ScheduleStore, build_command
from tests.cli_runner import assert_one_line_error, brandaudit
from tests.dashboard.workspace import saved_crawl, write_guideline


def test_triage_mark_needs_a_reason_and_export_writes_the_policy(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    proc = brandaudit("triage", "--history", history, "mark", "abc", "--status", "false_alarm")
    assert_one_line_error(proc, "false alarm needs a reason")
    proc = brandaudit("triage", "--history", history, "mark", "abc", "--status",
                      "false_alarm", "--reason", "a quotation", "--who", "Ede")  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "brandaudit.yaml"
    proc = brandaudit("triage", "--history", history, "export", "--out", out)
    assert proc.returncode == 0 and "1 triage decision written" in proc.stdout
    assert "id: abc" in out.read_text() and "reason: a quotation" in out.read_text()


class _Webhook(BaseHTTPRequestHandler):
    posts: ClassVar[list[dict]] = []

    def do_POST(self) -> None:
        length = int(self.headers["Content-Length"])
        self.posts.append(json.loads(self.rfile.read(length)))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_schedule_added_earlier_is_run_by_a_new_scheduler_process(tmp_path: Path) -> None:
    guideline = write_guideline(tmp_path)
    crawl = saved_crawl(tmp_path / "site", 2)
    history = tmp_path / "h.sqlite"
    ScheduleStore(history).add("nightly", str(guideline),
                               build_command("check", str(guideline), str(crawl)), 60)  # fmt: skip
    webhook = HTTPServer(("127.0.0.1", 0), _Webhook)
    threading.Thread(target=webhook.serve_forever, daemon=True).start()
    env = {**os.environ, "BRANDAUDIT_WEBHOOK": f"http://127.0.0.1:{webhook.server_port}/"}
    try:
        proc = brandaudit("scheduler", "--history", history, "--reports-dir", tmp_path / "out",
                          "--once", env=env)  # fmt: skip
    finally:
        webhook.shutdown()
    assert proc.returncode == 0, proc.stderr
    (post,) = _Webhook.posts  # the new errors reached the webhook once
    assert post["summary"]["findings"]["error"] == 2
    (schedule,) = ScheduleStore(history).list()
    assert schedule.last_status == "exit 1, 2 new errors"  # the first audit: all are new
    (report,) = (tmp_path / "out").glob("schedule-1/*/report.json")
    assert json.loads(report.read_text())["audit"]["id"] == schedule.last_audit_id
    again = brandaudit("scheduler", "--history", history, "--once")  # not due for an hour
    assert again.returncode == 0 and ScheduleStore(history).list()[0].last_run == schedule.last_run
