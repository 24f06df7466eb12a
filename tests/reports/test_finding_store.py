"""Findings on disk (reports/finding_store.py) give the same report as findings in memory:
the same order and ids, the same template-repeat folds, the same bytes in every format."""

from __future__ import annotations

import json
from pathlib import Path

from brandaudit.checks.finding import Finding, Location, Severity, finalise
from brandaudit.checks.registry import fold_across_pages
from brandaudit.checks.spool_folds import fold_in_spool
from brandaudit.reports import csv_report, junit, markdown, sarif
from brandaudit.reports.finding_store import FindingRows, FindingSpool, rewrite
from brandaudit.reports.model import finding_to_dict
from brandaudit.reports.write import json_chunks

SITE = "http://127.0.0.1:1/"


def _finding(
    page: int, found: str, selector: str = "main > p", start: int = 0, after: str = "helps teams"
) -> Finding:
    return Finding(
        rule="text.brand_name",
        severity=Severity.ERROR,
        url=f"{SITE}p{page}",
        message=f"Brand name misspelled as '{found}'.",
        location=Location(selector=selector, snippet=f"{found} {after}", start=start),
        evidence={"found": found, "expected": "NovaBridge", "score": 90.0},
        identity=found,
    )


def _findings() -> list[Finding]:
    """A footer repeated on 5 pages (a template), page text on 3, the same problem twice on
    one page (ids -2), and an info finding of another rule."""
    found = [_finding(n, "Nova Bridge", "footer > p") for n in range(5)]
    found += [_finding(n, "Novabridge", start=n, after=f"on page {n}") for n in (7, 8, 9)]
    found += [_finding(3, "NovaBrige", start=40), _finding(3, "NovaBrige", start=10)]
    found.append(
        Finding(
            rule="text.term",
            severity=Severity.INFO,
            url=f"{SITE}p2",
            message="Term.",
            evidence={"found": "e-mail", "pages": ("a", "b")},
        )
    )
    return found


def test_the_spool_folds_sorts_and_numbers_as_the_in_memory_steps(tmp_path: Path) -> None:
    expected = [finding_to_dict(f) for f in finalise(fold_across_pages(_findings()))]
    spool = FindingSpool(tmp_path / "spool.sqlite")
    spool.add(iter(_findings()))
    fold_in_spool(spool)
    rows = spool.finalise(tmp_path / "rows.sqlite", finding_to_dict)
    spool.close()
    assert list(rows) == expected
    assert rows == expected and len(rows) == len(expected) == 7
    ids = [f["id"] for f in rows]
    assert len([i for i in ids if i.endswith("-2")]) == 1  # the same problem twice on p3
    folded = [f for f in rows if "page_count" in f["evidence"]]
    assert [f["evidence"]["page_count"] for f in folded] == [5]
    assert rows[-1] == expected[-1] and rows[1:3] == expected[1:3]
    assert not (tmp_path / "spool.sqlite").exists()


def test_every_format_writes_the_same_bytes_from_rows_on_disk(tmp_path: Path) -> None:
    findings = [finding_to_dict(f) for f in finalise(_findings())]
    document = {
        "schema_version": 1,
        "tool": {"name": "brandaudit", "version": "0"},
        "audit": {"started": "2026-12-07T00:00:00Z", "guideline": "brand.yaml", "seeds": [SITE]},
        "summary": {"pages": 3, "images": 0, "findings": {"error": 9, "warning": 0, "info": 1},
                    "touchpoints": []},
        "pages": [{"url": f"{SITE}p{n}", "title": "ünïcode"} for n in range(3)],
        "findings": findings,
        "empty": [],
        "nested": {"list": [{"a": [1, 2.5, None]}, []], "empty": {}},
    }  # fmt: skip
    on_disk = {**document, "findings": FindingRows.of(tmp_path / "rows.sqlite", findings)}
    assert (
        "".join(json_chunks(on_disk)) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    )
    assert "".join(sarif.chunks(on_disk)) == sarif.render(document)
    assert junit.render(on_disk) == junit.render(document)
    assert "".join(csv_report.chunks(on_disk, rows_per_chunk=3)) == csv_report.render(document)
    assert markdown.render(on_disk) == markdown.render(document)
    empty = {**document, "findings": FindingRows.of(tmp_path / "none.sqlite", [])}
    assert json.loads("".join(json_chunks(empty)))["findings"] == []


def test_rewrite_changes_and_drops_rows_in_place(tmp_path: Path) -> None:
    findings = [finding_to_dict(f) for f in finalise(_findings())]
    rows = FindingRows.of(tmp_path / "rows.sqlite", findings)

    def change(finding: dict) -> dict | None:
        if finding["severity"] == "info":
            return None
        if finding["url"].endswith("p0"):
            return {**finding, "severity": "warning"}
        return finding

    expected = rewrite(findings, change)
    assert rewrite(rows, change) is rows
    assert list(rows) == expected and len(rows) == len(findings) - 1
    assert dict(rows.page_counts())[f"{SITE}p0"] == {"warning": 1}
    assert list(rows.on_pages([f"{SITE}p3"])) == [f for f in expected if f["url"] == f"{SITE}p3"]


def test_columns_are_the_rows_fields_in_order_and_follow_rewrites(tmp_path: Path) -> None:
    findings = [finding_to_dict(f) for f in finalise(_findings())]
    rows = FindingRows.of(tmp_path / "rows.sqlite", findings)
    names = ("touchpoint", "url", "severity", "rule", "id")
    assert list(rows.columns(*names)) == [{k: f[k] for k in names} for f in findings]
    assert rows.severity_counts() == {"error": 10, "info": 1}

    def demote(row):
        return (
            {**row, "severity": "info", "touchpoint": "audit"}
            if row["id"] == findings[0]["id"]
            else row
        )

    rows.rewrite(demote)
    first = next(rows.columns("severity", "touchpoint"))
    assert (
        first
        == {"severity": "info", "touchpoint": "audit"}
        == {k: rows[0][k] for k in ("severity", "touchpoint")}
    )
    assert rows.severity_counts() == {"error": 9, "info": 2}
    try:
        rows.columns("evidence")
        raise AssertionError("a field that is no column was read")
    except ValueError:
        pass


def test_the_spool_keeps_every_field_of_a_finding() -> None:
    """The spool packs a finding's fields by hand: a field added to Finding or Location must
    be added there too (this fails until it is)."""
    import dataclasses

    from brandaudit.reports.finding_store import _pack, _unpack

    location = Location("p", "snip", 1, 4, "alt", 2, (1, 2, 3, 4))
    full = Finding("r", Severity.WARNING, "u", "m", "social", location,
                   {"found": ("a", 1), "n": 0.5}, "fix", "ident", "id-1")  # fmt: skip
    set_fields = {f.name for f in dataclasses.fields(Finding) if getattr(full, f.name)}
    assert set_fields == {f.name for f in dataclasses.fields(Finding)}
    assert all(getattr(location, f.name) for f in dataclasses.fields(Location))
    assert _unpack(_pack(full)) == full
    assert _unpack(_pack(full), "id-2") == dataclasses.replace(full, id="id-2")
