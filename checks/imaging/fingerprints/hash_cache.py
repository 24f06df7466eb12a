"""On-disk cache of image fingerprints keyed by content hash, so a re-audit decodes nothing twice.

SQLite, keyed by the image bytes' SHA-256 plus the hashing algorithm version (a new algorithm
never reads old entries). Undecodable images are cached too, with their reason. The path is
`platformdirs.user_cache_dir("brandaudit")/hashes.sqlite`, or `$BRANDAUDIT_CACHE` (a path, or
"off" to disable). A cache that cannot be opened or written is skipped, never fatal.
Writes are committed in batches (and on close): a commit per image costs a disk sync each,
which made the first audit of 2,000 images 4× slower than not caching at all.
Logos found inside banners are cached beside the fingerprints, keyed by the picture's SHA-256
and a version of the guideline's logo set (`inside` table): searching a banner costs ~0.25 s,
and a changed logo set must search again. Text read in pictures (checks/ocr) is cached in an
`ocr` table the same way, keyed by SHA-256 and a version naming the OCR engines and languages.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from pathlib import Path

import platformdirs

from brandaudit.cache_db import open_cache
from brandaudit.checks.imaging.fingerprints.fingerprint import Fingerprint
from brandaudit.checks.imaging.fingerprints.hashes import ALGORITHM_VERSION

log = logging.getLogger(__name__)
ENV = "BRANDAUDIT_CACHE"
# Every put commits at once: the cache is shared by several connections (the checks of one
# audit, its crawl child, other audits), and a write left uncommitted holds SQLite's write
# lock, so a second writer waited out its timeout ("database is locked") and lost its entry.
# In WAL mode with synchronous=NORMAL a commit costs no fsync.

Entry = Fingerprint | str  # a fingerprint, or the reason the image could not be decoded


def default_cache_path() -> Path | None:
    """Where the cache lives, or None when $BRANDAUDIT_CACHE is "off"."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser()
    return Path(platformdirs.user_cache_dir("brandaudit")) / "hashes.sqlite"


class HashCache:
    """Fingerprints by (sha256, algorithm version); a no-op when disabled or unusable."""

    def __init__(self, path: Path | str | None = "default") -> None:
        self.path = default_cache_path() if path == "default" else (Path(path) if path else None)
        self._db: sqlite3.Connection | None = None
        if self.path is not None:
            self._db = open_cache(
                self.path,
                ["fingerprints (sha256 TEXT, version TEXT, data BLOB, error TEXT,"
                 " PRIMARY KEY (sha256, version))",
                 "inside (sha256 TEXT, logo_set TEXT, hits TEXT, PRIMARY KEY (sha256, logo_set))",
                 "ocr (sha256 TEXT, version TEXT, words TEXT, PRIMARY KEY (sha256, version))"],
                name="hash cache",
                without="continuing without it",
                pragmas=("journal_mode = WAL", "synchronous = NORMAL"),
                timeout_s=5,
            )  # fmt: skip

    @property
    def enabled(self) -> bool:
        return self._db is not None

    def get(self, sha256: str) -> Entry | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(
                "SELECT data, error FROM fingerprints WHERE sha256 = ? AND version = ?",
                (sha256, ALGORITHM_VERSION),
            ).fetchone()
            if row is None:
                return None
            return row[1] if row[1] is not None else Fingerprint.from_bytes(row[0])
        except (sqlite3.Error, ValueError, KeyError, OSError) as exc:
            log.warning("hash cache read failed for %s: %s", sha256, exc)
            return None

    def put(self, sha256: str, entry: Entry) -> None:
        if self._db is None:
            return
        data, error = (None, entry) if isinstance(entry, str) else (entry.to_bytes(), None)
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?, ?)",
                (sha256, ALGORITHM_VERSION, data, error),
            )
            self._db.commit()
        except sqlite3.Error as exc:
            log.warning("hash cache write failed for %s: %s", sha256, exc)

    def get_inside(self, sha256: str, logo_set: str) -> list[dict] | None:
        """Logos found inside this picture for this logo set (JSON rows), None if never searched."""
        return self._get_json(
            "SELECT hits FROM inside WHERE sha256 = ? AND logo_set = ?", sha256, logo_set
        )

    def put_inside(self, sha256: str, logo_set: str, hits: list[dict]) -> None:
        self._put_json("INSERT OR REPLACE INTO inside VALUES (?, ?, ?)", sha256, logo_set, hits)

    def get_ocr(self, sha256: str, version: str) -> list | None:
        """Words read in this picture by this OCR version (JSON rows), None if never read."""
        return self._get_json(
            "SELECT words FROM ocr WHERE sha256 = ? AND version = ?", sha256, version
        )

    def put_ocr(self, sha256: str, version: str, words: list) -> None:
        self._put_json("INSERT OR REPLACE INTO ocr VALUES (?, ?, ?)", sha256, version, words)

    def _get_json(self, query: str, sha256: str, key: str) -> list | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute(query, (sha256, key)).fetchone()
            return None if row is None else list(json.loads(row[0]))
        except (sqlite3.Error, ValueError, TypeError) as exc:
            log.warning("hash cache read failed for %s: %s", sha256, exc)
            return None

    def _put_json(self, query: str, sha256: str, key: str, rows: list) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(query, (sha256, key, json.dumps(rows)))
            self._db.commit()
        except (sqlite3.Error, TypeError, ValueError) as exc:
            log.warning("hash cache write failed for %s: %s", sha256, exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
