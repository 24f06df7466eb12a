"""The size bound of the re-audit caches: least recently used entries go first."""

from __future__ import annotations

import sqlite3

TABLES = ("answers", "extracted")  # crawler/http_cache.py, crawler/extract_cache.py


def evict_to(db: sqlite3.Connection, max_bytes: int) -> int:
    """Drop the least recently used answers and parsed pages (crawler/extract_cache.py)
    until they total at most `max_bytes`."""
    tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    union = " UNION ALL ".join(
        f"SELECT '{table}', key, size, used FROM {table}" for table in TABLES if table in tables
    )
    kept, doomed = 0, []
    for table, key, size, _ in db.execute(f"{union} ORDER BY used DESC"):
        kept += size
        if kept > max_bytes:
            doomed.append((table, key))
    for table in TABLES:
        keys = [(key,) for name, key in doomed if name == table]
        if keys:
            db.executemany(f"DELETE FROM {table} WHERE key = ?", keys)
    if doomed:
        db.commit()
        db.execute("PRAGMA incremental_vacuum")
    return len(doomed)
