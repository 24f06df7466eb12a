"""How every cache opens its SQLite file (image fingerprints, HTTP answers, parsed pages,
reused findings): folder and tables made on first use, and a file that cannot be used is
said once in the log and the audit goes on without it. A cache never stops an audit."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path

log = logging.getLogger(__name__)


def open_cache(
    path: Path,
    tables: Sequence[str],
    *,
    name: str,
    without: str,
    pragmas: Sequence[str] = ("synchronous = NORMAL",),
    timeout_s: float = 10,
    any_thread: bool = False,
) -> sqlite3.Connection | None:
    """The connection with `tables` ("name (columns)") created, or None when unusable
    (logged as "<name> <path> unusable, <without>")."""
    db = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, timeout=timeout_s, check_same_thread=not any_thread)
        for pragma in pragmas:
            db.execute(f"PRAGMA {pragma}")
        for table in tables:
            db.execute(f"CREATE TABLE IF NOT EXISTS {table}")
        db.commit()
        return db
    except (OSError, sqlite3.Error) as exc:
        log.warning("%s %s unusable, %s: %s", name, path, without, exc)
        if db is not None:
            db.close()
        return None
