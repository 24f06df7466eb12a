"""End to end: the demo site audited through the CLI on Redis gives the single-process report.

`audit --redis URL --workers 2` (local workers) and `audit --redis URL --workers 0` joined by
a separate `brandaudit worker --redis URL --once` process (what another machine runs) must
both report exactly the findings of a plain audit.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit

from ..crawler.distributed.conftest import redis_url  # noqa: F401 - the fixture

AUDIT = ("audit", "--guideline", SAMPLE_GUIDELINE, "--render", "never", "--no-history")


def _findings(out: Path) -> list[tuple[Any, ...]]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return sorted((f["id"], f["rule"], f["url"], f["message"]) for f in report["findings"])


def test_audit_on_redis_reports_what_a_single_process_reports(
    tmp_path: Path,
    redis_url: str,  # noqa: F811
) -> None:
    with serve_site(DEMO_SITE_DIR) as site:
        plain = brandaudit(*AUDIT, site.base_url, "--out", tmp_path / "plain")
        local = brandaudit(
            *AUDIT, site.base_url, "--out", tmp_path / "local", "--redis", redis_url,
            "--workers", "2",
        )  # fmt: skip
        remote_worker = subprocess.Popen(
            [sys.executable, "-m", "brandaudit", "worker", "--redis", redis_url, "--once"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        remote = brandaudit(
            *AUDIT, site.base_url, "--out", tmp_path / "remote", "--redis", redis_url,
            "--workers", "0",
        )  # fmt: skip
        worker_output = remote_worker.communicate(timeout=120)[0].decode()
    for proc in (plain, local, remote):
        assert proc.returncode == 1, proc.stdout + proc.stderr  # the demo site has errors
    expected = _findings(tmp_path / "plain")
    assert len(expected) > 10
    assert _findings(tmp_path / "local") == expected
    assert _findings(tmp_path / "remote") == expected
    assert remote_worker.returncode == 0, worker_output


def test_workers_without_redis_is_a_usage_error(tmp_path: Path) -> None:
    proc = brandaudit(*AUDIT, "http://127.0.0.1:9/", "--out", tmp_path, "--workers", "3")
    assert proc.returncode == 2 and "--workers: only with --redis" in proc.stderr


def test_an_unreachable_redis_is_one_clear_error(tmp_path: Path) -> None:
    proc = brandaudit(
        *AUDIT, "http://127.0.0.1:9/", "--out", tmp_path, "--redis", "redis://127.0.0.1:9/0"
    )
    assert proc.returncode == 2, proc.stderr
    assert "cannot reach redis://127.0.0.1:9/0" in proc.stderr and "Traceback" not in proc.stderr
