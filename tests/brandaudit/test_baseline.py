"""Baselines accept known findings by stable id; moving page content keeps ids."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from brandaudit.baseline import compare, create_baseline, load_baseline, write_baseline
from brandaudit.checks.finding import Finding, Location, Severity, finalise
from brandaudit.errors import UserError
from brandaudit.history import HistoryStore
from brandaudit.reports.model import finding_to_dict

PAGE = "https://www.novabridge.example/about"


def report(findings: list[dict]) -> dict:
    return {"schema_version": 1, "audit": {"started": "2026-11-20T09:00:00Z",
            "guideline": "brand.yaml", "seeds": [PAGE]}, "findings": findings}  # fmt: skip


def finding(fid: str, rule: str = "text.brand_name", severity: str = "error") -> dict:
    return {"id": fid, "rule": rule, "severity": severity, "url": PAGE,
            "message": f"{rule} {fid}", "evidence": {"found": fid}, "location": {}}  # fmt: skip


def brand_name(selector: str, context: str = "helps teams ship") -> Finding:
    """A misspelt brand name as the text check reports it: identity, never position."""
    return Finding(
        rule="text.brand_name",
        severity=Severity.ERROR,
        url=PAGE,
        message="Brand name written as 'Nova Bridge'; the guideline spells it 'NovaBridge'.",
        location=Location(selector=selector, snippet=f"Nova Bridge {context}", start=0, end=11),
        evidence={"found": "Nova Bridge", "expected": "NovaBridge", "score": 95.0},
        identity=f"Nova Bridge|NovaBridge|{context}",
    )


def test_moving_a_paragraph_keeps_the_id_so_the_finding_is_not_new() -> None:
    before = finalise([brand_name("main > p:nth-of-type(2)")])
    # The page gained an unrelated paragraph above, so the problem moved down one paragraph,
    # and another unrelated problem appeared elsewhere on the page.
    unrelated = Finding(
        rule="text.term", severity=Severity.WARNING, url=PAGE, message="Use 'sign in'.",
        location=Location(selector="main > p:nth-of-type(1)"), identity="log in|sign in|to",
    )  # fmt: skip
    after = finalise([brand_name("main > div.intro > p:nth-of-type(3)"), unrelated])
    baseline = create_baseline(report([finding_to_dict(f) for f in before]))
    comparison = compare(report([finding_to_dict(f) for f in after]), baseline)

    moved = next(f for f in after if f.rule == "text.brand_name")
    assert moved.location.selector != before[0].location.selector
    assert moved.id == before[0].id
    assert comparison.persisting_ids == (before[0].id,)
    assert comparison.new_ids == (next(f.id for f in after if f.rule == "text.term"),)
    assert comparison.fixed == ()


def test_a_changed_context_is_a_different_problem() -> None:
    old = finalise([brand_name("main > p", context="helps teams ship")])
    new = finalise([brand_name("main > p", context="powers your data")])
    comparison = compare(report([finding_to_dict(f) for f in new]),
                         create_baseline(report([finding_to_dict(f) for f in old])))  # fmt: skip
    assert comparison.new_ids == (new[0].id,)
    assert comparison.fixed_ids == (old[0].id,)


def test_baseline_keeps_what_humans_need_and_round_trips(tmp_path: Path) -> None:
    doc = report([finding("b"), finding("a", "text.term", "warning")])
    baseline = create_baseline(doc)
    assert baseline["baseline_version"] == 1
    assert list(baseline["findings"]) == ["a", "b"]
    assert baseline["findings"]["a"] == {
        "rule": "text.term", "severity": "warning", "url": PAGE,
        "message": "text.term a", "evidence": {"found": "a"},
    }  # fmt: skip
    assert baseline["audit"]["started"] == "2026-11-20T09:00:00Z"
    path = tmp_path / "ci" / "baseline.json"
    write_baseline(baseline, path)
    assert load_baseline(path) == baseline


def test_compare_new_persisting_fixed() -> None:
    baseline = create_baseline(report([finding("a"), finding("b")]))
    comparison = compare(report([finding("b"), finding("c")]), baseline)
    assert comparison.new_ids == ("c",)
    assert comparison.persisting_ids == ("b",)
    assert comparison.fixed_ids == ("a",)
    assert comparison.fixed[0]["message"] == "text.brand_name a"


def test_baseline_findings_on_pages_not_audited_are_unchecked() -> None:
    baseline = create_baseline(report([finding("a"), {**finding("b"), "url": PAGE + "/team"}]))
    doc = {**report([]), "pages": [{"url": PAGE}]}
    comparison = compare(doc, baseline)
    assert comparison.fixed_ids == ("a",)
    assert [entry["id"] for entry in comparison.unchecked] == ["b"]


def test_a_report_json_is_accepted_as_baseline(tmp_path: Path) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report([finding("a")])), encoding="utf-8")
    assert set(load_baseline(path)["findings"]) == {"a"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "baseline not found"),
        ("{not json", r"baseline\.json:1: invalid JSON"),
        ('{"findings": {}}', "field 'baseline_version' must be 1"),
        ('{"baseline_version": 1, "findings": []}', "field 'findings' must map"),
        ('{"schema_version": 1, "findings": [{"rule": "x"}]}', r"findings\[0\]\.id is missing"),
    ],
)
def test_bad_baseline_file_is_named(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        load_baseline(path)


def test_baseline_create_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from brandaudit.commands import baseline as baseline_command

    run_dir = tmp_path / "reports" / "run1"
    run_dir.mkdir(parents=True)
    (run_dir / "report.json").write_text(json.dumps(report([finding("a"), finding("b")])))
    out, history = tmp_path / "baseline.json", tmp_path / "history.sqlite"
    args = argparse.Namespace(from_report=run_dir / "report.json", out=out, history=history)
    assert baseline_command.run(args) == 0
    assert set(json.loads(out.read_text())["findings"]) == {"a", "b"}
    assert "2 accepted findings" in capsys.readouterr().out
    # A report folder works too, and so does an audit of the history.
    folder = argparse.Namespace(from_report=run_dir, out=out, history=history)
    assert baseline_command.run(folder) == 0
    HistoryStore(history).record(report([finding("h")]), None)
    assert (
        baseline_command.run(argparse.Namespace(from_report="last", out=out, history=history)) == 0
    )
    assert set(json.loads(out.read_text())["findings"]) == {"h"}
    missing = argparse.Namespace(from_report=tmp_path / "nope.json", out=out, history=history)
    with pytest.raises(UserError, match=r"nope\.json: report not found"):
        baseline_command.run(missing)


def test_baseline_create_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from brandaudit.cli import main

    (tmp_path / "report.json").write_text(json.dumps(report([finding("a")])))
    out = tmp_path / "b.json"
    assert main(["baseline", "create", "--from", str(tmp_path / "report.json"),
                 "--out", str(out)]) == 0  # fmt: skip
    assert json.loads(out.read_text())["findings"]["a"]["rule"] == "text.brand_name"
    assert main(["baseline", "create", "--from", str(tmp_path / "x.json"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "x.json: report not found" in err
