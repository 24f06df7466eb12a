"""OCR results by the picture's SHA-256, beside the image fingerprints.

The same mechanism and file as `checks.imaging.fingerprints.hash_cache` (`$BRANDAUDIT_CACHE`, "off"
disables it; unusable caches are skipped, never fatal), in its own table keyed by content hash
and a version naming the engine, its languages and this module's preparation: a re-audit
reads no picture twice, and a new engine or language set reads again.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path

from brandaudit.checks.imaging.fingerprints.hash_cache import default_cache_path
from brandaudit.checks.ocr.engine import Word

log = logging.getLogger(__name__)


class OcrCache:
    def __init__(self, path: Path | str | None = "default") -> None:
        self.path = default_cache_path() if path == "default" else (Path(path) if path else None)
        self._db: sqlite3.Connection | None = None
        if self.path is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=5)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS ocr (sha256 TEXT, version TEXT, words TEXT,"
                " PRIMARY KEY (sha256, version))"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            log.warning("OCR cache %s unusable, continuing without it: %s", self.path, exc)
            self._db = None

    def get(self, sha256: str, version: str) -> list[Word] | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT words FROM ocr WHERE sha256 = ? AND version = ?", (sha256, version)
            ).fetchone()
        except sqlite3.Error:
            return None
        if row is None:
            return None
        return [Word(w[0], tuple(w[1]), w[2], w[3]) for w in json.loads(row[0])]  # type: ignore[arg-type]

    def put(self, sha256: str, version: str, words: list[Word]) -> None:
        if self._db is None:
            return
        data = json.dumps([[w.text, list(w.box), w.confidence, w.line] for w in words])
        try:
            self._db.execute("INSERT OR REPLACE INTO ocr VALUES (?, ?, ?)", (sha256, version, data))
            self._db.commit()
        except sqlite3.Error as exc:
            log.warning("OCR cache write failed: %s", exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
