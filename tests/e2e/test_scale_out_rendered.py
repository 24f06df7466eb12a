"""End to end: `--render always` on Redis workers renders pages in each worker's Chromium and
reports what a single rendering process reports, text written by scripts included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from brandaudit.brand_assets import SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit

from ..crawler.distributed.conftest import redis_url  # noqa: F401 - the fixture

AUDIT = ("audit", "--guideline", SAMPLE_GUIDELINE, "--render", "always", "--no-history")
SCRIPT = """<script>
const p = document.createElement('p');
p.textContent = 'Rendered page {n}: Novabridge ships weekly.';
document.querySelector('main').appendChild(p);
const a = document.createElement('a'); a.href = '/p{next}.html'; a.textContent = 'next';
document.querySelector('main').appendChild(a);
</script>"""


def write_site(root: Path, pages: int = 4) -> None:
    root.mkdir()
    for n in range(pages):
        name = "index.html" if n == 0 else f"p{n}.html"
        script = SCRIPT.replace("{n}", str(n)).replace("{next}", str((n + 1) % pages or 1))
        head = f"<!doctype html><html lang='en'><head><title>Page {n}</title></head>"
        body = f"<body><main><h1>Page {n}</h1></main>{script}</body></html>"
        (root / name).write_text(head + body, encoding="utf-8")


def _findings(out: Path) -> list[tuple[Any, ...]]:
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return sorted((f["rule"], f["url"], f["message"]) for f in report["findings"])


def test_rendering_workers_report_what_a_single_process_reports(
    tmp_path: Path,
    redis_url: str,  # noqa: F811
) -> None:
    write_site(tmp_path / "site")
    with serve_site(tmp_path / "site") as site:
        plain = brandaudit(*AUDIT, site.base_url, "--out", tmp_path / "plain")
        workers = brandaudit(
            *AUDIT, site.base_url, "--out", tmp_path / "workers", "--redis", redis_url,
            "--workers", "2",
        )  # fmt: skip
    for proc in (plain, workers):
        assert proc.returncode in (0, 1), proc.stdout + proc.stderr
    expected = _findings(tmp_path / "plain")
    assert any("Novabridge" in f[2] for f in expected), expected  # text a script wrote
    assert _findings(tmp_path / "workers") == expected
    for out in ("plain", "workers"):  # pages 2 and 3 are linked only by a script
        report = json.loads((tmp_path / out / "report.json").read_text(encoding="utf-8"))
        assert report["coverage"]["crawled"] == 4, out
