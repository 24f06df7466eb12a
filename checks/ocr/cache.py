"""OCR results in the hash cache's `ocr` table (checks/imaging/fingerprints/hash_cache.py):
one SQLite file, one connection, one "unusable, continuing without it" path and one
`$BRANDAUDIT_CACHE` switch for fingerprints, logos inside banners and text read in pictures.

Keyed by the picture's SHA-256 and a version naming the engines, their languages and the
preparation (checks/ocr/read.py): a re-audit reads no picture twice, and a new engine or
language set reads again.
"""

from __future__ import annotations

from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache
from brandaudit.checks.ocr.engine import Word


def cached_words(cache: HashCache | None, sha256: str, version: str) -> list[Word] | None:
    rows = cache.get_ocr(sha256, version) if cache is not None else None
    if rows is None:
        return None
    try:
        return [Word(str(r[0]), tuple(int(v) for v in r[1]), float(r[2]), int(r[3])) for r in rows]  # type: ignore[arg-type]
    except (IndexError, TypeError, ValueError):
        return None  # written by an older layout: read the picture again


def store_words(cache: HashCache | None, sha256: str, version: str, words: list[Word]) -> None:
    if cache is not None:
        cache.put_ocr(sha256, version, [[w.text, list(w.box), w.confidence, w.line] for w in words])
