"""The gate: policy, then baseline, then exit code; it writes what it decided into the report."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from brandaudit.baseline import create_baseline, write_baseline
from brandaudit.diff import diff_reports
from brandaudit.errors import UserError
from brandaudit.gate import gate
from brandaudit.policy import Policy

SITE = "https://www.novabridge.example/"


def finding(fid: str, rule: str = "text.brand_name", severity: str = "error",
            selector: str | None = None) -> dict:  # fmt: skip
    return {"id": fid, "rule": rule, "severity": severity, "url": SITE,
            "message": f"{rule} {fid}", "location": {"selector": selector}}  # fmt: skip


def report(findings: list[dict]) -> dict:
    return {"schema_version": 1, "audit": {"started": "2026-11-20T09:00:00Z"},
            "summary": {"pages": 3, "findings": {}}, "findings": findings}  # fmt: skip


@pytest.fixture
def audits(tmp_path: Path) -> tuple[dict, dict, Path]:
    """Audit 1 has problems a and b; between the audits b was fixed and c introduced."""
    first = report([finding("a"), finding("b")])
    second = report([finding("a"), finding("c")])
    path = tmp_path / "baseline.json"
    write_baseline(create_baseline(first), path)
    return first, second, path


def test_one_fixed_one_introduced_gives_one_new_one_fixed(audits: tuple[dict, dict, Path]) -> None:
    first, second, baseline = audits
    diff = diff_reports(first, second)
    assert [f["id"] for f in diff.new] == ["c"]
    assert [f["id"] for f in diff.fixed] == ["b"]
    assert [f["id"] for f in diff.persisting] == ["a"]

    result = gate(copy.deepcopy(second), fail_on="error", baseline_path=baseline, policy=Policy())
    assert result.exit_code == 1
    assert [f["id"] for f in result.failing] == ["c"]
    assert result.comparison is not None
    assert result.comparison.new_ids == ("c",)
    assert result.comparison.fixed_ids == ("b",)


def test_with_a_baseline_only_new_findings_fail(audits: tuple[dict, dict, Path]) -> None:
    first, _, baseline = audits
    doc = copy.deepcopy(first)
    result = gate(doc, fail_on="info", baseline_path=baseline, policy=Policy())
    assert result.exit_code == 0  # two errors, both accepted
    assert doc["comparison"] == {
        "baseline": str(baseline), "new": [], "fixed": [], "persisting": ["a", "b"],
        "fixed_findings": [], "unchecked": [],
    }  # fmt: skip
    # Without the baseline the same report fails.
    assert gate(copy.deepcopy(first), fail_on="error", baseline_path=None,
                policy=Policy()).exit_code == 1  # fmt: skip


def test_new_finding_below_fail_on_passes(audits: tuple[dict, dict, Path]) -> None:
    _, _, baseline = audits
    doc = report([finding("a"), finding("d", "text.term", "warning")])
    assert gate(doc, fail_on="error", baseline_path=baseline, policy=Policy()).exit_code == 0
    doc = report([finding("a"), finding("d", "text.term", "warning")])
    assert gate(doc, fail_on="warning", baseline_path=baseline, policy=Policy()).exit_code == 1


def test_policy_applies_before_the_exit_code_and_is_recorded() -> None:
    doc = report([
        finding("a", "text.brand_name", "error"),
        finding("b", "text.term", "warning"),
        finding("c", "text.term", "warning", selector="body > div#cookie-banner > p"),
    ])  # fmt: skip
    policy = Policy.model_validate(
        {"rules": {"text.brand_name": "warning", "text.term": "info"},
         "ignore": {"selectors": ["#cookie-banner"]}}
    )  # fmt: skip
    result = gate(doc, fail_on="error", baseline_path=None, policy=policy)
    assert result.exit_code == 0
    assert result.comparison is None and "comparison" not in doc
    assert [f["id"] for f in doc["findings"]] == ["a", "b"]
    assert doc["findings"][0]["default_severity"] == "error"
    assert doc["summary"]["findings"] == {"error": 0, "warning": 1, "info": 1}
    assert doc["policy"] == {"file": None, "fail_on": "error", "suppressed": 1, "overridden": 2}
    assert gate(report([finding("a")]), fail_on="warning", baseline_path=None,
                policy=policy).exit_code == 1  # fmt: skip


def test_a_baseline_finding_switched_off_is_not_reported_fixed(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    write_baseline(create_baseline(report([finding("a"), finding("t", "text.term")])), baseline)
    doc = report([finding("a"), finding("t", "text.term"), finding("n", "text.term")])
    policy = Policy(rules={"text.term": "off"})
    result = gate(doc, fail_on="info", baseline_path=baseline, policy=policy)
    assert result.exit_code == 0
    assert doc["comparison"]["new"] == [] and doc["comparison"]["fixed"] == []
    assert doc["comparison"]["persisting"] == ["a"]


def test_without_fail_on_the_policy_decides() -> None:
    warning = [finding("w", "text.term", "warning")]
    lenient, strict = Policy(), Policy(fail_on="warning")
    assert gate(report(warning), fail_on=None, baseline_path=None, policy=lenient).exit_code == 0
    doc = report(warning)
    assert gate(doc, fail_on=None, baseline_path=None, policy=strict).exit_code == 1
    assert doc["policy"]["fail_on"] == "warning"
    assert gate(report(warning), fail_on="error", baseline_path=None, policy=strict).exit_code == 0


def test_gate_errors_name_the_option_or_file(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="--fail-on"):
        gate(report([]), fail_on="fatal", baseline_path=None, policy=Policy())
    with pytest.raises(UserError, match=r"missing\.json: baseline not found"):
        gate(report([]), fail_on="error", baseline_path=tmp_path / "missing.json",
             policy=Policy())  # fmt: skip
