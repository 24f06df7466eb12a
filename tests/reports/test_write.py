"""write_reports: which files, unknown formats, and byte-for-byte determinism."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from brandaudit.checks.finding import Finding, Severity
from brandaudit.crawler.run_store import load_run
from brandaudit.reports.model import AuditInfo, build_report, finding_to_dict
from brandaudit.reports.write import write_reports

from .conftest import build_example

ALL = ["junit", "sarif", "md", "csv"]
NAMES = {
    "json": "report.json",
    "html": "report.html",
    "junit": "report.junit.xml",
    "sarif": "report.sarif",
    "md": "report.md",
    "csv": "report.csv",
}


def test_json_and_html_are_always_written(example, tmp_path):
    written = write_reports(example.document, tmp_path / "out")
    assert set(written) == {"json", "html"}
    assert json.loads(written["json"].read_text("utf-8")) == example.document


def test_every_format_is_written_where_the_contract_says(example, tmp_path):
    written = write_reports(
        example.document, tmp_path, ALL, result=example.result, guideline=example.guideline
    )
    assert {name: path.name for name, path in written.items()} == NAMES
    assert written["csv"].read_bytes().startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in written["csv"].read_bytes()


def test_unknown_format_is_named_and_nothing_is_written(example, tmp_path):
    with pytest.raises(ValueError, match="'pdf'"):
        write_reports(example.document, tmp_path / "out", ["md", "pdf"])
    assert not (tmp_path / "out").exists()


def test_same_input_gives_identical_bytes(tmp_path, sample_guideline):
    outputs = []
    for attempt in ("a", "b"):
        example = build_example(tmp_path / attempt / "run", sample_guideline)
        out = tmp_path / attempt / "out"
        write_reports(
            example.document, out, ALL, result=example.result, guideline=example.guideline
        )
        outputs.append({name: (out / name).read_bytes() for name in NAMES.values()})
    assert outputs[0] == outputs[1]
    assert b"data:image/png;base64," in outputs[0]["report.html"]


def test_report_opens_from_disk_next_to_its_screenshots(example, tmp_path: Path):
    written = write_reports(example.document, tmp_path, result=example.result)
    assert '<img src="shots/about-nav.png"' in written["html"].read_text("utf-8")


def test_an_empty_audit_renders_in_every_format(tmp_path, sample_guideline):
    (tmp_path / "run").mkdir()
    info = AuditInfo("2026-11-23T09:00:00Z", "2026-11-23T09:00:01Z", "brand.yaml", ())
    document = build_report(info, load_run(tmp_path / "run"), [], [])
    assert document["summary"]["touchpoints"] == []
    written = write_reports(document, tmp_path / "out", ALL)
    assert "No findings" in written["html"].read_text("utf-8")
    assert "0 findings" in written["md"].read_text("utf-8")


def test_a_finding_about_the_audit_itself_renders_everywhere(example, tmp_path):
    document = copy.deepcopy(example.document)
    crashed = Finding(
        rule="check.failed",
        severity=Severity.ERROR,
        url="",
        touchpoint="audit",
        message="The check 'logos' failed: ValueError: boom",
        evidence={"check": "logos", "exception": "ValueError"},
        id="abc",
    )
    document["findings"].append(finding_to_dict(crashed))
    written = write_reports(document, tmp_path, ALL)
    assert "(the audit itself)" in written["html"].read_text("utf-8")
    sarif_log = json.loads(written["sarif"].read_text("utf-8"))
    assert "locations" not in sarif_log["runs"][0]["results"][-1]
