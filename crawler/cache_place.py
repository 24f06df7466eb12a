"""Where an estate's re-audit caches live: outside the report folder, one file per estate.

The same switch as the image fingerprint cache: `$BRANDAUDIT_CACHE` names its hashes.sqlite
(the re-audit caches go beside it) or is "off"; by default the user cache folder. An estate is
the set of seed sites (host:port), so two brands audited on one machine never share entries.
Scrapy-free, so the command line can decide without loading the crawler.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs

ENV = "BRANDAUDIT_CACHE"
MAX_MB_ENV = "BRANDAUDIT_HTTP_CACHE_MB"
DEFAULT_MAX_BYTES = 2 * 1024**3  # per estate; the 1,500-page benchmark site takes ~30 MB


def cache_folder() -> Path | None:
    """The folder of brandaudit's caches, or None when $BRANDAUDIT_CACHE is "off"."""
    value = os.environ.get(ENV, "").strip()
    if value.lower() == "off":
        return None
    if value:
        return Path(value).expanduser().parent
    return Path(platformdirs.user_cache_dir("brandaudit"))


def estate_name(seeds: tuple[str, ...]) -> str:
    """`<first host>-<hash of every seed site>`: readable, and distinct per estate."""
    sites = sorted({urlsplit(seed).netloc.lower() for seed in seeds})
    digest = hashlib.sha256("\n".join(sites).encode()).hexdigest()[:16]
    host = "".join(c if c.isalnum() or c in ".-" else "_" for c in sites[0])[:60]
    return f"{host}-{digest}"


def estate_http_cache(seeds: tuple[str, ...]) -> Path | None:
    folder = cache_folder()
    return None if folder is None else folder / "http" / f"{estate_name(seeds)}.sqlite"


def max_http_cache_bytes() -> int:
    """$BRANDAUDIT_HTTP_CACHE_MB bounds each estate's HTTP cache (default 2 GiB)."""
    value = os.environ.get(MAX_MB_ENV, "").strip()
    return int(float(value) * 1024**2) if value else DEFAULT_MAX_BYTES
