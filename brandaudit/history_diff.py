"""Since-last and improvement rate as queries, for an audit whose findings are on disk.

A re-audit compares itself with the previous audit. Done in Python (`diff.diff_reports`)
that loads both audits' findings as dicts: 600,000 findings a side at 100,000 pages, GBs.
Here the previous audit's findings stay in the history file and this audit's in its findings
file (reports/finding_store.py): SQLite joins the two by finding id, and only the findings
that went away are read, one at a time. The answer is the same as the Python diff's, in the
same order (tests/brandaudit/test_history_diff.py); the id lists of new and persisting
findings are read from the findings file when the report is written (`IdList`).
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, overload
from urllib.parse import urldefrag

from brandaudit.coverage_change import coverage_change
from brandaudit.report_file import was_checked
from brandaudit.reports.finding_store import FindingRows

CHUNK = 1000
_BRIEF = ("id", "rule", "severity", "url", "message")


class IdList(Sequence[str]):
    """Finding ids of one kind ("new", "persisting") kept in the findings file, in order."""

    def __init__(self, db: sqlite3.Connection, kind: str) -> None:
        self.db = db
        self.kind = kind

    def __len__(self) -> int:
        sql = "SELECT COUNT(*) FROM since_ids WHERE kind = ?"
        return self.db.execute(sql, (self.kind,)).fetchone()[0]

    def __iter__(self) -> Iterator[str]:
        last = 0
        while True:
            chunk = self.db.execute(
                "SELECT n, id FROM since_ids WHERE kind = ? AND n > ? ORDER BY n LIMIT ?",
                (self.kind, last, CHUNK),
            ).fetchall()
            if not chunk:
                return
            yield from (fid for _n, fid in chunk)
            last = chunk[-1][0]

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return list(self)[index]
        size = len(self)
        position = index + size if index < 0 else index
        if not 0 <= position < size:
            raise IndexError(index)
        sql = "SELECT id FROM since_ids WHERE kind = ? AND n = ?"
        return self.db.execute(sql, (self.kind, position + 1)).fetchone()[0]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"IdList({self.kind!r}, {len(self)} ids)"


@contextmanager
def _joined(history: Path, rows: FindingRows, audit_id: str) -> Iterator[sqlite3.Connection]:
    """The findings file's connection with the history attached and two temporary tables:
    `cur_ids` (this audit's ids in report order) and `prev_ids` (the earlier audit's)."""
    db = rows.db
    db.execute("ATTACH DATABASE ? AS h", (str(history),))
    try:
        db.execute("DROP TABLE IF EXISTS temp.cur_ids")
        db.execute("DROP TABLE IF EXISTS temp.prev_ids")
        db.execute(
            "CREATE TEMP TABLE cur_ids AS SELECT pos, json_extract(data, '$.id') AS id"
            " FROM main.findings"
        )
        db.execute("CREATE INDEX temp.cur_ids_id ON cur_ids (id)")
        db.execute(
            "CREATE TEMP TABLE prev_ids AS SELECT rowid AS n, finding_id AS id FROM h.findings"
            " WHERE audit_id = ?",
            (int(audit_id),),
        )
        db.execute("CREATE INDEX temp.prev_ids_id ON prev_ids (id)")
        yield db
    finally:
        db.execute("DROP TABLE IF EXISTS temp.cur_ids")
        db.execute("DROP TABLE IF EXISTS temp.prev_ids")
        db.execute("DETACH DATABASE h")


def _audited(report_doc: dict[str, Any], rows: FindingRows) -> set[str] | None:
    """`report_file.audited_urls` with the findings' URLs asked of the findings file."""
    pages = report_doc.get("pages")
    if not isinstance(pages, Sequence) or isinstance(pages, str) or not pages:
        return None
    urls = {urldefrag(str(p.get("url", ""))).url for p in pages if isinstance(p, dict)}
    found = rows.db.execute("SELECT DISTINCT url FROM findings")
    return urls | {urldefrag(str(url or "")).url for (url,) in found}


def _gone(db: sqlite3.Connection, audit_id: str) -> Iterator[dict[str, Any]]:
    """The earlier audit's findings whose id this audit no longer has, in its order."""
    last = 0
    while True:
        chunk = db.execute(
            "SELECT rowid, json FROM h.findings WHERE audit_id = ? AND rowid > ?"
            " AND finding_id NOT IN (SELECT id FROM temp.cur_ids) ORDER BY rowid LIMIT ?",
            (int(audit_id), last, CHUNK),
        ).fetchall()
        if not chunk:
            return
        yield from (json.loads(data) for _rowid, data in chunk)
        last = chunk[-1][0]


def _stored_coverage(db: sqlite3.Connection, audit_id: str) -> Any:
    (blob,) = db.execute("SELECT document FROM h.audits WHERE id = ?", (int(audit_id),)).fetchone()
    return json.loads(zlib.decompress(blob).decode("utf-8")).get("coverage")


def since_previous(
    history: Path, audit_id: str, report_doc: dict[str, Any]
) -> dict[str, Any] | None:
    """trends.since_last's lists for `report_doc` against recorded audit `audit_id`; None
    when this audit's findings are not on disk (then the Python diff answers)."""
    rows = report_doc.get("findings")
    if not isinstance(rows, FindingRows):
        return None
    audited = _audited(report_doc, rows)
    with _joined(history, rows, audit_id) as db:
        db.execute("DROP TABLE IF EXISTS since_ids")
        db.execute("CREATE TABLE since_ids (kind TEXT, n INTEGER, id TEXT, PRIMARY KEY (kind, n))")
        for kind, test in (("new", "NOT IN"), ("persisting", "IN")):
            db.execute(
                f"INSERT INTO since_ids SELECT ?, ROW_NUMBER() OVER (ORDER BY pos), id"
                f" FROM temp.cur_ids WHERE id {test} (SELECT id FROM temp.prev_ids) ORDER BY pos",
                (kind,),
            )
        fixed: list[str] = []
        unchecked: list[str] = []
        briefs: list[dict[str, Any]] = []
        for finding in _gone(db, audit_id):
            if was_checked(finding, audited):
                fixed.append(finding["id"])
                briefs.append({k: finding[k] for k in _BRIEF if k in finding})
            else:
                unchecked.append(finding["id"])
        coverage = coverage_change({"coverage": _stored_coverage(db, audit_id)}, report_doc)
    return {
        "new": IdList(rows.db, "new"),
        "fixed": fixed,
        "persisting": IdList(rows.db, "persisting"),
        "unchecked": unchecked,
        "fixed_findings": briefs,
        "coverage_shrank": coverage,
    }


def improvement_since(history: Path, start_id: str, report_doc: dict[str, Any]) -> float | None:
    """trends.improvement_rate from recorded audit `start_id` to `report_doc` (every
    touchpoint): the share of the start's findings, on pages checked again, that are gone."""
    rows = report_doc.get("findings")
    assert isinstance(rows, FindingRows)
    audited = _audited(report_doc, rows)
    with _joined(history, rows, start_id) as db:
        still = db.execute(
            "SELECT COUNT(*) FROM temp.prev_ids WHERE id IN (SELECT id FROM temp.cur_ids)"
        ).fetchone()[0]
        fixed = sum(1 for finding in _gone(db, start_id) if was_checked(finding, audited))
    comparable = still + fixed
    return round(fixed / comparable, 3) if comparable else None
