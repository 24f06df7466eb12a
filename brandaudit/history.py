"""The audit history: one SQLite file recording every audit, for diffs, trends and progress.

Each audit keeps its whole report document (so `diff last~1 last` works after the reports
folder is gone) and one row per finding (so trends and improvement rates are SQL, not a
re-read of every report). Ids are short sequential integers shown by `brandaudit history`.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import time
import zlib
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import platformdirs

from brandaudit.audit_records import AuditSummary
from brandaudit.errors import UserError
from brandaudit.report_file import read_report, validate_report
from brandaudit.reports.finding_store import FindingRows
from brandaudit.trend_chart import trend_svg
from brandaudit.trends import TrendPoint, history_section, improvement_rate, since_last, trend

__all__ = ["AuditSummary", "HistoryStore", "TrendPoint", "history_path", "history_section",
           "since_last", "trend_svg"]  # fmt: skip

ENV_VAR = "BRANDAUDIT_HISTORY"
_SUMMARY_COLUMNS = (
    "id, started, finished, guideline, seeds, errors, warnings, infos, pages, report_path, scores"
)
_REF = re.compile(r"last(?:~(\d+))?|(\d+)")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS audits (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started TEXT, finished TEXT, guideline TEXT, seeds TEXT NOT NULL,
    errors INTEGER NOT NULL, warnings INTEGER NOT NULL, infos INTEGER NOT NULL,
    pages INTEGER, report_path TEXT, scores TEXT NOT NULL,
    document BLOB NOT NULL  -- the report.json document, zlib-compressed UTF-8 JSON
);
CREATE TABLE IF NOT EXISTS findings (
    audit_id INTEGER NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
    finding_id TEXT NOT NULL, rule TEXT, severity TEXT, url TEXT, touchpoint TEXT,
    message TEXT, json TEXT NOT NULL,
    PRIMARY KEY (audit_id, finding_id)
);
CREATE INDEX IF NOT EXISTS audits_guideline ON audits(guideline, started);
"""
# Later tables, applied once each in order (PRAGMA user_version counts them), so a store
# written by an older brandaudit opens unchanged and gains them on its next use.
_MIGRATIONS = (
    "",  # 1: audits and findings (_SCHEMA)
    # 2: the workspace: triage decisions (a log; the latest per finding counts), schedules
    # and their leases (one row per running schedule: never two runs of one at once).
    """
    CREATE TABLE IF NOT EXISTS triage (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        finding_id TEXT NOT NULL, status TEXT NOT NULL, reason TEXT, assignee TEXT,
        who TEXT NOT NULL, at TEXT NOT NULL, guideline TEXT, rule TEXT, url TEXT, message TEXT
    );
    CREATE INDEX IF NOT EXISTS triage_finding ON triage(finding_id, seq);
    CREATE TABLE IF NOT EXISTS schedules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL, guideline TEXT NOT NULL, command TEXT NOT NULL, every_minutes REAL
        NOT NULL, next_run TEXT NOT NULL, email TEXT, enabled INTEGER NOT NULL DEFAULT 1,
        last_run TEXT, last_status TEXT, last_audit_id TEXT
    );
    CREATE TABLE IF NOT EXISTS schedule_leases (
        schedule_id INTEGER PRIMARY KEY, holder TEXT NOT NULL, expires REAL NOT NULL
    );
    """,
)


def history_path(option: Path | str | None = None) -> Path:
    """--history PATH, else $BRANDAUDIT_HISTORY, else history.sqlite in the user data dir."""
    if option:
        return Path(option)
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    return Path(platformdirs.user_data_dir("brandaudit")) / "history.sqlite"


def _use_wal(conn: sqlite3.Connection, patience_s: float = 30.0) -> None:
    """Put the store in WAL mode (it persists in the file), however many audits start at once.

    Switching a new file to WAL takes a lock that SQLite's busy timeout does not wait for, so
    two audits creating the history together made one fail with "database is locked". The
    switch is only needed once: when another connection is making it, wait and look again.
    """
    deadline = time.monotonic() + patience_s
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
                return
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class HistoryStore:
    """The history file at `path`; created with its schema on the first `record`."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = history_path(path)

    @contextmanager
    def _connect(self, write: bool = False) -> Iterator[sqlite3.Connection | None]:
        if not write and not self.path.is_file():
            yield None  # reading a history that was never written: empty, not created
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30)) as conn:
                conn.row_factory = sqlite3.Row
                _use_wal(conn)
                conn.execute("PRAGMA foreign_keys=ON")
                conn.executescript(_SCHEMA)
                _migrate(conn)
                with conn:
                    yield conn
        except sqlite3.DatabaseError as exc:
            raise UserError(f"{self.path}: cannot use the history database: {exc}") from None
        except OSError as exc:
            raise UserError(f"{self.path}: cannot open the history: {exc}") from None

    def connect(self, write: bool = False) -> Any:
        """A connection to the store (None when reading one never written), for the
        workspace's tables (triage, schedules) kept in the same file."""
        return self._connect(write=write)

    def record(self, report_doc: dict[str, Any], report_path: Path | str | None) -> str:
        """Store one audit and its findings; returns the new audit id."""
        validate_report(report_doc, "report")
        audit = report_doc.get("audit", {})
        summary = report_doc.get("summary", {})
        counts = _counts(report_doc)
        # The findings go to their own table (one row each, streamed); the stored document
        # keeps their place as null and `load` puts them back, so no step holds them all.
        stored = {
            key: (None if key == "findings" else value)
            for key, value in report_doc.items()
            if key != "history"
        }
        scores = [
            {key: tp.get(key) for key in ("kind", "url", "score")}
            for tp in summary.get("touchpoints", [])
        ]
        with self._connect(write=True) as conn:
            assert conn is not None
            cursor = conn.execute(
                "INSERT INTO audits (started, finished, guideline, seeds, errors, warnings,"
                " infos, pages, report_path, scores, document)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    audit.get("started"),
                    audit.get("finished"),
                    audit.get("guideline"),
                    json.dumps(audit.get("seeds", [])),
                    counts["error"],
                    counts["warning"],
                    counts["info"],
                    summary.get("pages"),
                    str(report_path) if report_path is not None else None,
                    json.dumps(scores),
                    zlib.compress(json.dumps(stored, ensure_ascii=False).encode("utf-8")),
                ),
            )
            audit_id = cursor.lastrowid
            found = report_doc["findings"]
            conn.executemany(
                "INSERT OR IGNORE INTO findings VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (  # rows on disk go as their JSON text: decoding and re-encoding 8,557
                    (audit_id, *row)  # findings was 0.4 CPU s, for the same data
                    for row in found.texts("id", "rule", "severity", "url", "touchpoint", "message")
                )
                if isinstance(found, FindingRows)
                else (
                    (audit_id, f["id"], f.get("rule"), f.get("severity"), f.get("url"),
                     f.get("touchpoint"), f.get("message"), json.dumps(f, ensure_ascii=False))
                    for f in found
                ),
            )  # fmt: skip
        return str(audit_id)

    def list(self, limit: int | None = None, guideline: str | None = None) -> list[AuditSummary]:
        """Recorded audits, newest first."""
        sql, params = f"SELECT {_SUMMARY_COLUMNS} FROM audits", []
        if guideline is not None:
            sql, params = sql + " WHERE guideline = ?", [guideline]
        sql += " ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
        with self._connect() as conn:
            rows = conn.execute(sql, params).fetchall() if conn else []
        return [_summary(row) for row in rows]

    def resolve(self, ref: str) -> str:
        """The audit id that `ref` (an id, `last` or `last~N`) names in this history."""
        match = _REF.fullmatch(ref.strip())
        if not match:
            raise UserError(
                f"{ref}: report not found (give a report.json path, an audit id from "
                "'brandaudit history', last or last~N)"
            )
        audits = self.list()
        if not audits:
            raise UserError(f"'{ref}': the history {self.path} has no audits recorded")
        if match.group(2) is not None:
            if any(a.id == str(int(match.group(2))) for a in audits):
                return str(int(match.group(2)))
            raise UserError(f"'{ref}': no audit with that id in {self.path}")
        back = int(match.group(1) or 0)
        if back >= len(audits):
            held = f"{len(audits)} audit{'s' * (len(audits) != 1)}"
            raise UserError(f"'{ref}': the history {self.path} holds only {held}")
        return audits[back].id

    def load(self, ref: str | Path, *, findings: bool = True) -> dict[str, Any]:
        """A report document by path (always works, even without a history) or by reference.
        `findings=False`: a recorded audit without its findings (an empty list), for readers
        of its other fields (ratings): at 100,000 pages the findings are GBs as dicts."""
        if Path(ref).exists():
            return read_report(ref)
        audit_id = self.resolve(str(ref))
        with self._connect() as conn:
            assert conn is not None
            row = conn.execute("SELECT document FROM audits WHERE id = ?", (audit_id,)).fetchone()
            document = json.loads(zlib.decompress(row["document"]).decode("utf-8"))
            if document.get("findings") is None and not findings:
                document["findings"] = []
            elif document.get("findings") is None:  # recorded since findings have their table
                rows = conn.execute(
                    "SELECT json FROM findings WHERE audit_id = ? ORDER BY rowid",
                    (int(audit_id),),
                )
                document["findings"] = [json.loads(data) for (data,) in rows]
        return document

    def trend(
        self, touchpoint: str | None = None, limit: int = 30, guideline: str | None = None
    ) -> list[TrendPoint]:
        """Counts per severity (and mean score) of the last `limit` audits, oldest first."""
        return trend(self, touchpoint, limit, guideline)

    def improvement_rate(
        self, window_days: float = 30, touchpoint: str | None = None, **kwargs: Any
    ) -> float | None:
        """Share of findings at the window's start fixed by its end (see trends)."""
        return improvement_rate(self, window_days, touchpoint, **kwargs)

    def attach_history(self, report_doc: dict[str, Any], window_days: float = 30) -> None:
        """Set report_doc["history"] (since last audit, trend chart, improvement rate)."""
        report_doc["history"] = history_section(self, report_doc, window_days)

    def severity_counts(self, audit_id: str, touchpoint: str) -> dict[str, int]:
        sql = (
            "SELECT severity, COUNT(*) FROM findings WHERE audit_id = ?"
            " AND (touchpoint = ? OR url LIKE ? ESCAPE '\\') GROUP BY severity"
        )
        params = (int(audit_id), touchpoint, _like_prefix(touchpoint))
        with self._connect() as conn:
            found = dict(conn.execute(sql, params).fetchall()) if conn else {}
        return {level: found.get(level, 0) for level in ("error", "warning", "info")}


def _migrate(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(_MIGRATIONS, start=1):
        if number > version:
            conn.executescript(script)
            conn.execute(f"PRAGMA user_version = {number}")


def _like_prefix(prefix: str) -> str:
    return re.sub(r"([%_\\])", r"\\\1", prefix) + "%"


def _counts(report_doc: dict[str, Any]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    if isinstance(report_doc["findings"], FindingRows):  # counted by SQL, no row parsed
        found = report_doc["findings"].severity_counts()
        return {severity: found.get(severity, 0) for severity in counts}
    for finding in report_doc["findings"]:
        if finding.get("severity") in counts:
            counts[finding["severity"]] += 1
    return counts


def _summary(row: sqlite3.Row) -> AuditSummary:
    return AuditSummary(
        id=str(row["id"]),
        started=row["started"],
        finished=row["finished"],
        guideline=row["guideline"],
        seeds=json.loads(row["seeds"]),
        counts={"error": row["errors"], "warning": row["warnings"], "info": row["infos"]},
        pages=row["pages"],
        report_path=row["report_path"],
        scores=json.loads(row["scores"]),
    )
