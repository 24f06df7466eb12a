"""A digest of brandaudit's version and a package's source, for caches keyed by code."""

from __future__ import annotations

import hashlib
from pathlib import Path

from brandaudit import __version__


def package_source_digest(root: Path) -> str:
    """brandaudit's version and every source file under `root` (names and bytes): any edit
    to that code, or a new release, gives another digest."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()
