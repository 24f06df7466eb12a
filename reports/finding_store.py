"""Findings on disk: an audit's findings live in one SQLite file beside its reports.

A 100,000-page audit finds about 600,000 problems; as Python objects that is several GB.
Checks append their findings to a `FindingSpool` as they produce them; the site-wide steps
(template-repeat folding, document places, sorting and ids) are queries over it; the result
is a `FindingRows`: the report's findings, in report order, as one JSON row each. Every
report writer iterates it, a chunk of rows at a time, so memory does not grow with the site.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from brandaudit.checks.finding import Finding, Location, Severity, fingerprint

STORE_FILE = "findings.sqlite"
CHUNK = 1000  # rows read per query: a generator holds no cursor across yields
_SORT = "url, neg_rank, rule, selector, start, message, seq"


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    db.execute("PRAGMA journal_mode=OFF")  # a scratch file: rebuilt by the next audit
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-16000")  # 16 MB of pages, whatever the site's size
    db.execute("PRAGMA temp_store=FILE")  # large sorts spill to disk, not to memory
    return db


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _pack(finding: Finding) -> bytes:
    """A finding's fields as a pickled tuple: a third of pickling the dataclass (0.15 ->
    0.06 CPU s for 8,557 findings), and built back with its final id without a `replace`."""
    at = finding.location
    location = (at.selector, at.snippet, at.start, at.end, at.source, at.page, at.box)
    return pickle.dumps(
        (finding.rule, finding.severity.value, finding.url, finding.message, finding.touchpoint,
         location, finding.evidence, finding.suggestion, finding.identity, finding.id),
        protocol=pickle.HIGHEST_PROTOCOL,
    )  # fmt: skip


def _unpack(data: bytes, new_id: str | None = None) -> Finding:
    rule, severity, url, message, touchpoint, at, evidence, suggestion, identity, id_ = (
        pickle.loads(data)
    )
    return Finding(rule, Severity(severity), url, message, touchpoint, Location(*at), evidence,
                   suggestion, identity, id_ if new_id is None else new_id)  # fmt: skip


class SpoolRows:
    """A finding as the spool keeps it: its sort columns, identity, fold key and the pickled
    finding. Also the findings cache's format (checks/reuse.py), so a re-audit copies an
    unchanged page's rows into the spool without building its findings again. The finding
    is kept as its fields' pickled tuple (`_pack`)."""

    def __init__(self) -> None:
        from brandaudit.checks.registry import fold_places

        self.fold_keys = fold_places()  # rule -> grouping key of its template-repeat fold
        self.version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # the layout

    def row(self, finding: Finding) -> tuple[Any, ...]:
        place = self.fold_keys.get(finding.rule)
        key = None
        if place is not None:
            key = hashlib.sha1(repr(place(finding)).encode("utf-8")).hexdigest()
        sort = finding.sort_key()
        base = fingerprint(finding.rule, finding.url, finding.identity or finding.message)
        data = _pack(finding)
        return (sort[0], sort[1], sort[2], sort[3], sort[4], sort[5], base, key, data)

    def finding(self, row: Sequence[Any]) -> Finding:
        return _unpack(row[-1])


class FindingSpool:
    """Findings (as `Finding` objects) of one audit, before they are sorted and given ids."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.unlink(missing_ok=True)  # an earlier audit's findings into the same folder
        self.db = _connect(path)
        self.db.execute(
            "CREATE TABLE spool (seq INTEGER PRIMARY KEY, url TEXT, neg_rank INT, rule TEXT,"
            " selector TEXT, start INT, message TEXT, base TEXT, fold_key TEXT, data BLOB)"
        )
        self.db.execute("CREATE INDEX spool_url ON spool (url)")
        self.rows = SpoolRows()

    def add(self, findings: Iterable[Finding]) -> int:
        """Append findings (consumed as they come); returns how many."""
        return self.add_rows(self.rows.row(finding) for finding in findings)

    def add_rows(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Append findings already in their `SpoolRows` form; returns how many."""
        rows = iter(rows)
        count = 0
        self.db.execute("BEGIN")
        while True:
            chunk = [row for _, row in zip(range(CHUNK), rows, strict=False)]
            if not chunk:
                break
            self.db.executemany("INSERT INTO spool VALUES (NULL,?,?,?,?,?,?,?,?,?)", chunk)
            count += len(chunk)
        self.db.execute("COMMIT")
        return count

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM spool").fetchone()[0]

    def drop_pages(self, urls: Iterable[str]) -> None:
        """Forget the findings of these pages (checked on a record the crawl later replaced)."""
        self.db.execute("BEGIN")
        self.db.executemany("DELETE FROM spool WHERE url = ?", ((url,) for url in urls))
        self.db.execute("COMMIT")

    def take(self, where: str, params: Sequence[Any] = ()) -> list[Finding]:
        """Remove and return the findings matching `where` (a small set: one group)."""
        rows = self.db.execute(f"SELECT data FROM spool WHERE {where} ORDER BY seq", params)
        found = [_unpack(data) for (data,) in rows.fetchall()]
        self.db.execute(f"DELETE FROM spool WHERE {where}", params)
        return found

    def fold_groups(self, rule: str, min_pages: int) -> Iterator[tuple[str, list[str]]]:
        """(fold key, its pages sorted) of every group of `rule` seen on `min_pages` pages."""
        keys = self.db.execute(
            "SELECT fold_key FROM spool WHERE rule = ? AND fold_key IS NOT NULL"
            " GROUP BY fold_key HAVING COUNT(DISTINCT url) >= ?",
            (rule, min_pages),
        ).fetchall()
        for (key,) in keys:
            urls = self.db.execute(
                "SELECT DISTINCT url FROM spool WHERE fold_key = ? ORDER BY url", (key,)
            ).fetchall()
            yield key, [url for (url,) in urls]

    def first_of_group(self, key: str) -> Finding:
        """The group's finding on its first page, earliest in that page's text."""
        (data,) = self.db.execute(
            "SELECT data FROM spool WHERE fold_key = ? ORDER BY url, COALESCE(start, 0), seq"
            " LIMIT 1",
            (key,),
        ).fetchone()
        return _unpack(data)

    def delete_group(self, key: str) -> None:
        self.db.execute("DELETE FROM spool WHERE fold_key = ?", (key,))

    def finalise(self, path: Path, to_dict: Callable[[Finding], dict[str, Any]]) -> FindingRows:
        """Sort (`Finding.sort_key`, stable) and give ids as `finding.finalise` does (the same
        problem twice on a page gets `-2`, `-3` in that order): the report's rows at `path`."""
        rows = FindingRows.create(path)
        ordered = self.db.execute(
            f"SELECT data, base, ROW_NUMBER() OVER (PARTITION BY base ORDER BY {_SORT})"
            f" FROM spool ORDER BY {_SORT}"
        )

        def report_rows() -> Iterator[dict[str, Any]]:
            for data, base, number in ordered:
                yield to_dict(_unpack(data, base if number == 1 else f"{base}-{number}"))

        rows.extend(report_rows())
        return rows

    def close(self) -> None:
        self.db.close()
        self.path.unlink(missing_ok=True)


class FindingRows(Sequence[dict[str, Any]]):
    """The report's findings, in report order, one JSON row each, read a chunk at a time.

    A read-only sequence of dicts to every renderer (`len`, iteration, indexing, `==` a
    list); `rewrite` changes or drops rows in place (the policy, triage, screenshots)."""

    def __init__(self, path: Path, db: sqlite3.Connection) -> None:
        self.path = path
        self.db = db

    @classmethod
    def create(cls, path: Path) -> FindingRows:
        path.unlink(missing_ok=True)
        db = _connect(path)
        db.execute(
            "CREATE TABLE findings (pos INTEGER PRIMARY KEY, url TEXT, rule TEXT, severity TEXT,"
            " id TEXT, touchpoint TEXT, data TEXT)"
        )
        return cls(path, db)

    @classmethod
    def of(cls, path: Path, findings: Iterable[dict[str, Any]]) -> FindingRows:
        rows = cls.create(path)
        rows.extend(findings)
        return rows

    def extend(self, findings: Iterable[dict[str, Any]]) -> None:
        values = ((*_columns(f), _dumps(f)) for f in findings)
        self.db.execute("BEGIN")
        self.db.executemany("INSERT INTO findings VALUES (NULL, ?, ?, ?, ?, ?, ?)", values)
        self.db.execute("COMMIT")

    def columns(self, *names: str) -> Iterator[dict[str, Any]]:
        """Each finding's fields of COLUMNS only, in report order, from the table's columns:
        site-wide passes that read nothing else (severity counts, touchpoint scores, the
        matrix) parse no JSON row (~0.12 CPU s a pass over 8,557 findings)."""
        if not set(names) <= set(COLUMNS):
            raise ValueError(f"not a column of the findings table: {names}")
        return (dict(zip(names, row, strict=True)) for row in self._column_rows(names))

    def _column_rows(self, names: tuple[str, ...]) -> Iterator[tuple]:
        last, query = -1, f"SELECT pos, {', '.join(names)} FROM findings WHERE pos > ?"
        while chunk := self.db.execute(f"{query} ORDER BY pos LIMIT ?", (last, CHUNK)).fetchall():
            for row in chunk:
                yield row[1:]
            last = chunk[-1][0]

    def texts(self, *names: str) -> Iterator[tuple[Any, ...]]:
        """(the named fields..., the row's JSON text) in report order, parsed by no Python:
        fields of COLUMNS from their columns, other top-level fields by SQLite's
        json_extract. For a store that keeps the rows as they are (the history)."""
        if not all(name.isidentifier() for name in names):
            raise ValueError(f"not a field name: {names}")
        fields = [n if n in COLUMNS else f"json_extract(data, '$.{n}')" for n in names]
        last, query = -1, f"SELECT pos, {', '.join(fields)}, data FROM findings WHERE pos > ?"
        while chunk := self.db.execute(f"{query} ORDER BY pos LIMIT ?", (last, CHUNK)).fetchall():
            for row in chunk:
                yield row[1:]
            last = chunk[-1][0]

    def severity_counts(self) -> dict[str, int]:
        """Findings per severity."""
        rows = self.db.execute("SELECT severity, COUNT(*) FROM findings GROUP BY severity")
        return dict(rows.fetchall())

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM findings").fetchone()[0]

    def __bool__(self) -> bool:
        return self.db.execute("SELECT 1 FROM findings LIMIT 1").fetchone() is not None

    def _chunks(self, where: str = "", params: tuple[Any, ...] = ()) -> Iterator[list[tuple]]:
        last = -1
        while True:
            chunk = self.db.execute(
                f"SELECT pos, data FROM findings WHERE pos > ? {where} ORDER BY pos LIMIT ?",
                (last, *params, CHUNK),
            ).fetchall()
            if not chunk:
                return
            yield chunk
            last = chunk[-1][0]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for chunk in self._chunks():
            for _pos, data in chunk:
                yield json.loads(data)

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        size = len(self)
        if index < 0:
            index += size
        if not 0 <= index < size:
            raise IndexError(index)
        (data,) = self.db.execute(
            "SELECT data FROM findings ORDER BY pos LIMIT 1 OFFSET ?", (index,)
        ).fetchone()
        return json.loads(data)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FindingRows | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"FindingRows({self.path}, {len(self)} findings)"

    def on_pages(self, urls: Iterable[str]) -> Iterator[dict[str, Any]]:
        """The findings of these pages, in report order (by an index on url, made at the
        first call: without it each batch scanned every row; 35 report parts 0.25 -> 0.13 s)."""
        self.db.execute("CREATE INDEX IF NOT EXISTS findings_url ON findings (url, pos)")
        wanted = list(dict.fromkeys(urls))
        for start in range(0, len(wanted), 500):
            batch = wanted[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self.db.execute(
                f"SELECT data FROM findings WHERE url IN ({marks}) ORDER BY pos", batch
            )
            for (data,) in rows:
                yield json.loads(data)

    def of_rule(self, rule: str) -> Iterator[dict[str, Any]]:
        """The findings of one rule, in report order."""
        for chunk in self._chunks("AND rule = ?", (rule,)):
            for _pos, data in chunk:
                yield json.loads(data)

    def rule_counts(self) -> dict[str, tuple[int, int]]:
        """Rule id -> (findings, findings that are not info)."""
        rows = self.db.execute(
            "SELECT rule, COUNT(*), SUM(severity != 'info') FROM findings GROUP BY rule"
        )
        return {rule: (total, failures) for rule, total, failures in rows}

    def rule_samples(self) -> list[dict[str, Any]]:
        """The first finding of each rule."""
        rows = self.db.execute(
            "SELECT data FROM findings WHERE pos IN (SELECT MIN(pos) FROM findings GROUP BY rule)"
        )
        return [json.loads(data) for (data,) in rows]

    def page_counts(self) -> Iterator[tuple[str, dict[str, int]]]:
        """(page url, findings per severity), pages in order of their first finding."""
        rows = self.db.execute(
            "SELECT url, MIN(pos) AS first, SUM(severity = 'error'), SUM(severity = 'warning'),"
            " SUM(severity = 'info'), COUNT(*) FROM findings GROUP BY url ORDER BY first"
        )
        for url, _first, errors, warnings, infos, total in rows:
            counts = {"error": errors, "warning": warnings, "info": infos}
            other = total - errors - warnings - infos
            if other:
                counts["other"] = other
            yield url, {k: v for k, v in counts.items() if v}

    def rewrite(self, change: Callable[[dict[str, Any]], dict[str, Any] | None]) -> FindingRows:
        """Apply `change` to every row: a new dict replaces it, None drops it, the same
        object leaves it as it is. Returns self (the same rows, changed)."""
        for chunk in self._chunks():
            dropped, changed = [], []
            for pos, data in chunk:
                finding = json.loads(data)
                result = change(finding)
                if result is None:
                    dropped.append((pos,))
                elif result is not finding or _dumps(result) != data:
                    changed.append((*_columns(result), _dumps(result), pos))
            self.db.execute("BEGIN")
            self.db.executemany("DELETE FROM findings WHERE pos = ?", dropped)
            self.db.executemany(
                "UPDATE findings SET url = ?, rule = ?, severity = ?, id = ?, touchpoint = ?,"
                " data = ? WHERE pos = ?",
                changed,
            )
            self.db.execute("COMMIT")
        return self


COLUMNS = ("url", "rule", "severity", "id", "touchpoint")  # a row's fields kept as columns


def _columns(finding: dict[str, Any]) -> tuple[Any, ...]:
    return (finding["url"], finding["rule"], finding["severity"], finding.get("id"),
            finding.get("touchpoint"))  # fmt: skip


def finding_columns(findings: Iterable[dict[str, Any]], *names: str) -> Iterable[dict[str, Any]]:
    """`findings` to a pass that reads only `names` (of COLUMNS): the rows' columns when
    they are on disk, the findings themselves otherwise."""
    return findings.columns(*names) if isinstance(findings, FindingRows) else findings


def rewrite(
    findings: Sequence[dict[str, Any]], change: Callable[[dict[str, Any]], dict[str, Any] | None]
) -> Sequence[dict[str, Any]]:
    """`FindingRows.rewrite` on disk-backed findings; a new list for findings in memory."""
    if isinstance(findings, FindingRows):
        return findings.rewrite(change)
    return [result for finding in findings if (result := change(finding)) is not None]
