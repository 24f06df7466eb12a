"""Reference fingerprints kept in the hash cache, so another process (the crawl child, the
next audit, a test's next CLI run) reads them instead of building them again.

A reference fingerprint (some 20 extra views per logo) costs ~0.1-0.25 CPU s to build; the 48
plain shapes every process compares pictures with cost ~5-10 CPU s together, which profiling
found in every process of an audit (22.9 of 55.9 CPU s of the demo's check stage).
The key is the SHA-256 of a purpose tag, the fingerprint code's version and the picture's
bytes: a changed file, or changed code under checks/imaging/{fingerprints,picture,references}
(any edit, not only a bumped ALGORITHM_VERSION), never reads an old entry.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from PIL import Image

from brandaudit.checks.imaging.fingerprints import Fingerprint, HashCache
from brandaudit.checks.imaging.fingerprints.hashes import ALGORITHM_VERSION
from brandaudit.checks.imaging.references.reference_fingerprint import fingerprint_reference

IMAGING = Path(__file__).resolve().parents[1]
_CODE = ("fingerprints", "picture", "references")  # packages whose code makes a reference


def source_digest(imaging: Path) -> str:
    """ALGORITHM_VERSION plus a digest of the source under `imaging` that builds reference
    fingerprints (its fingerprints/, picture/ and references/ packages)."""
    digest = hashlib.sha256(ALGORITHM_VERSION.encode())
    for package in _CODE:
        for source in sorted((imaging / package).glob("*.py")):
            digest.update(f"{package}/{source.name}".encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()[:16]


@cache
def code_version() -> str:
    """The version of this installation's reference fingerprint code (source_digest)."""
    return source_digest(IMAGING)


def reference_key(tag: bytes, data: bytes) -> str:
    """The cache key of a reference fingerprint built from `data` (file bytes, or pixels)."""
    return hashlib.sha256(tag + b"\0" + code_version().encode() + b"\0" + data).hexdigest()


def cached_reference(
    cache_: HashCache, key: str, image: Image.Image, width: int, height: int
) -> Fingerprint:
    """The reference fingerprint stored under `key`, built and stored when missing."""
    fingerprint = cache_.get(key)
    if not isinstance(fingerprint, Fingerprint):
        fingerprint = fingerprint_reference(image, width, height)
        cache_.put(key, fingerprint)
    return fingerprint
