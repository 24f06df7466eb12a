"""GitHub annotations and the webhook, through the command line against local servers."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.notify import github_annotations
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit_in_process


class _Inbox(BaseHTTPRequestHandler):
    received: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        _Inbox.received.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_annotations_and_webhook_after_an_audit(tmp_path: Path) -> None:
    inbox = HTTPServer(("127.0.0.1", 0), _Inbox)
    threading.Thread(target=inbox.serve_forever, daemon=True).start()
    env = {
        **os.environ,
        "GITHUB_ACTIONS": "true",
        "BRANDAUDIT_WEBHOOK": f"http://127.0.0.1:{inbox.server_address[1]}/hook",
    }
    try:
        with serve_site(DEMO_SITE_DIR) as site:
            proc = brandaudit_in_process(
                "audit", "--guideline", SAMPLE_GUIDELINE, site.url("about.html"), "--max-pages",
                "1", "--out", tmp_path / "out", "--render", "never", "--no-history", env=env,
            )  # fmt: skip
    finally:
        inbox.shutdown()
    assert proc.returncode == 1, proc.stderr
    annotations = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    assert any(
        line.startswith("::error title=text.brand_name on http%3A//127.0.0.1")
        and "Nova Bridge" in line
        for line in annotations
    ), annotations
    [payload] = [json.loads(body) for body in _Inbox.received]
    assert "errors" in payload["text"] and "report.html" in payload["text"]
    assert payload["summary"]["findings"]["error"] >= 1


def test_annotations_escape_newlines_and_list_only_new_findings() -> None:
    document = {
        "findings": [
            {
                "id": "a",
                "rule": "text.term",
                "severity": "warning",
                "url": "https://x.example/",
                "message": "Line one\nline two: 100%",
                "suggestion": "",
            },
            {
                "id": "b",
                "rule": "text.term",
                "severity": "error",
                "url": "https://x.example/",
                "message": "Old",
                "suggestion": "",
            },
        ],
        "comparison": {"new": ["a"]},
    }
    [line] = github_annotations(document)
    assert line == (
        "::warning title=text.term on https%3A//x.example/::Line one%0Aline two: 100%25"
    )
