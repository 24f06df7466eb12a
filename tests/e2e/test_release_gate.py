"""End to end, the CI user's story: two audits of one site between which one problem is
fixed and one introduced give exactly one new and one fixed finding in `diff`, in the
baseline gate's exit status, in the Markdown summary and in the HTML report."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from brandaudit.brand_assets import DEMO_SITE_DIR, SAMPLE_GUIDELINE
from brandaudit.site_server import serve_site
from tests.cli_runner import brandaudit_in_process


def test_one_fixed_one_new_everywhere(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(DEMO_SITE_DIR, site)
    env = {**os.environ, "BRANDAUDIT_HISTORY": str(tmp_path / "history.sqlite")}
    about = site / "about.html"
    with serve_site(site) as server:
        audit = ("audit", "--guideline", SAMPLE_GUIDELINE, server.base_url, "--render", "never")
        first = brandaudit_in_process(
            *audit, "--out", tmp_path / "r1", "--fail-on", "never", env=env
        )
        assert first.returncode == 0, first.stderr
        baseline = brandaudit_in_process("baseline", "create", "--from",
                                         tmp_path / "r1" / "report.json",
                                         "--out", tmp_path / "baseline.json", env=env)  # fmt: skip
        assert baseline.returncode == 0, baseline.stderr
        # The release fixes the split brand name and adds a paragraph with a wrong term.
        original = html = about.read_text(encoding="utf-8")
        html = html.replace("Nova Bridge helps", "NovaBridge helps")
        html = html.replace("<h1>About us</h1>", "<h1>About us</h1>\n  <p>Login to read more.</p>")
        about.write_text(html, encoding="utf-8")
        second = brandaudit_in_process(*audit, "--out", tmp_path / "r2", "--baseline",
                            tmp_path / "baseline.json", "--format", "md", "--fail-on", "warning",
                            env=env)  # fmt: skip
        about.write_text(original, encoding="utf-8")
        unchanged = brandaudit_in_process(*audit, "--out", tmp_path / "r3", "--baseline",
                               tmp_path / "baseline.json", "--fail-on", "warning", "--no-history",
                               env=env)  # fmt: skip
    assert unchanged.returncode == 0, unchanged.stdout  # nothing new: the gate passes
    # Many warnings were already there (in the baseline); only the new one fails the gate.
    assert second.returncode == 1, second.stderr
    report = json.loads((tmp_path / "r2" / "report.json").read_text(encoding="utf-8"))
    comparison = report["comparison"]
    assert len(comparison["new"]) == 1 and len(comparison["fixed"]) == 1
    [new] = [f for f in report["findings"] if f["id"] in comparison["new"]]
    assert (new["rule"], new["evidence"]["found"]) == ("text.term", "Login")
    assert "1 new" in second.stdout and "1 fixed" in second.stdout

    diff = brandaudit_in_process("diff", "last~1", "last", "--json", "--fail-on", "warning",
                                 env=env)  # fmt: skip
    assert diff.returncode == 1, diff.stderr
    changes = json.loads(diff.stdout)
    assert [f["rule"] for f in changes["new"]] == ["text.term"]
    assert [f["rule"] for f in changes["fixed"]] == ["text.brand_name"]

    history = brandaudit_in_process("history", "--json", env=env)
    assert history.returncode == 0, history.stderr
    listed = json.loads(history.stdout)
    assert len(listed) == 2  # the two recorded audits (the third ran with --no-history)
    assert "error" in json.dumps(listed[0])

    markdown = (tmp_path / "r2" / "report.md").read_text(encoding="utf-8")
    assert "**1 new**, **1 fixed**" in markdown
    html_report = (tmp_path / "r2" / "report.html").read_text(encoding="utf-8")
    assert "<strong>1 new</strong>, <strong>1 fixed</strong>" in html_report
