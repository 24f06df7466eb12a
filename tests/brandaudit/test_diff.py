"""diff: new, fixed and persisting findings between two audits, as text or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from rich.console import Console

from brandaudit.diff import diff_json, diff_reports, render_text
from brandaudit.errors import UserError
from brandaudit.history import HistoryStore

SITE = "https://www.novabridge.example/"


def finding(fid: str, severity: str = "error", message: str | None = None) -> dict:
    return {"id": fid, "rule": "text.brand_name", "severity": severity, "url": SITE,
            "touchpoint": "website", "message": message or f"problem {fid}"}  # fmt: skip


def report(findings: list[dict], started: str = "2026-11-01T09:00:00Z") -> dict:
    return {"schema_version": 1, "audit": {"started": started, "guideline": "brand.yaml"},
            "findings": findings}  # fmt: skip


def write(path: Path, doc: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_diff_groups_by_id_and_keeps_the_newer_finding() -> None:
    a = report([finding("a", "warning"), finding("b"), finding("x", "info")])
    b = report([finding("a", "error"), finding("c"), finding("x", "info")])
    result = diff_reports(a, b)
    assert result.ids() == {
        "new": ["c"], "fixed": ["b"], "persisting": ["a", "x"], "unchecked": []
    }  # fmt: skip
    assert result.persisting[0]["severity"] == "error"  # B's version of a


def test_a_finding_on_a_page_b_did_not_audit_is_unchecked_not_fixed() -> None:
    other = "https://www.novabridge.example/careers"
    a = report([finding("a"), {**finding("gone"), "url": other}, {**finding("f"), "url": SITE}])
    b = {**report([finding("a")]), "pages": [{"url": SITE + "#top"}]}
    result = diff_reports(a, b)
    assert result.ids()["fixed"] == ["f"]
    assert result.ids()["unchecked"] == ["gone"]
    console = Console(record=True, width=200)
    render_text(result, "A", "B", console)
    assert "0 new, 1 fixed, 1 persisting, 1 on pages B did not audit" in console.export_text()


def test_diff_json_and_text() -> None:
    result = diff_reports(report([finding("b")]), report([finding("c", message="[bold]x[/]")]))
    doc = diff_json(result, "last~1", "last")
    assert doc["a"] == "last~1" and doc["counts"] == {
        "new": 1,
        "fixed": 1,
        "persisting": 0,
        "unchecked": 0,
    }
    assert doc["new"][0] == {**finding("c"), "message": "[bold]x[/]"}
    console = Console(record=True, width=200)
    render_text(result, "A.json", "B.json", console)
    text = console.export_text()
    assert "+ new" in text and "- fixed" in text and "problem b" in text
    assert "[bold]x[/]" in text  # messages are not read as markup
    assert "1 new, 1 fixed, 0 persisting" in text


def test_diff_rejects_a_document_that_is_not_a_report() -> None:
    with pytest.raises(UserError, match=r"A: field 'findings' is missing"):
        diff_reports({"audit": {}}, report([]))


def args(a: str, b: str, history: Path, json_out: bool = False, fail_on: str = "error"):
    return argparse.Namespace(a=a, b=b, history=history, json=json_out, fail_on=fail_on)


def test_diff_command_with_paths_ids_and_last(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from brandaudit.commands import diff as diff_command

    first = report([finding("a"), finding("b")])
    second = report([finding("a"), finding("c", "warning")], "2026-11-02T09:00:00Z")
    history = tmp_path / "history.sqlite"
    store = HistoryStore(history)
    store.record(first, None)
    store.record(second, None)
    a_path, b_path = write(tmp_path / "a.json", first), write(tmp_path / "b.json", second)

    # The new finding is a warning: fails only from --fail-on warning down.
    assert diff_command.run(args(str(a_path), str(b_path), history)) == 0
    assert "1 new, 1 fixed, 1 persisting" in capsys.readouterr().out
    assert diff_command.run(args("last~1", "last", history, True, "warning")) == 1
    out = json.loads(capsys.readouterr().out)
    assert [f["id"] for f in out["new"]] == ["c"] and [f["id"] for f in out["fixed"]] == ["b"]
    assert diff_command.run(args("1", str(b_path), history, fail_on="never")) == 0
    capsys.readouterr()
    # Reversed, nothing is new at error level... except b, which is an error.
    assert diff_command.run(args("last", "last~1", history)) == 1
    with pytest.raises(UserError, match="holds only 2 audits"):
        diff_command.run(args("last~2", "last", history))


def test_diff_and_history_through_the_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from brandaudit.cli import main

    history = str(tmp_path / "h.sqlite")
    a = write(tmp_path / "a" / "report.json", report([finding("a")]))
    b = write(tmp_path / "b" / "report.json", report([finding("a"), finding("n")]))
    assert main(["diff", str(a), str(b), "--history", history]) == 1
    assert "1 new, 0 fixed, 1 persisting" in capsys.readouterr().out
    assert main(["diff", str(b), str(a), "--json", "--history", history]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["fixed"] == 1
    assert main(["diff", "last~1", "last", "--history", history]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "has no audits recorded" in err
    assert main(["history", "--history", history]) == 0
    assert "No audits recorded" in capsys.readouterr().out
