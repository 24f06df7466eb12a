"""What decoding QR codes in site images costs, and what it finds, on real sites' images.

    python benchmarks/qr_links_bench.py DIR [DIR ...]

Every image file under the folders (png, jpg, gif, webp) goes through
`crawler.touchpoints.qr_links.decode_qr_urls`, as `record_qr_links` does once per distinct
image of a crawl. Prints images, codes found (and which are profile or short links), CPU
seconds and milliseconds per image.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from brandaudit.crawler.touchpoints.discover import is_profile_link
from brandaudit.crawler.touchpoints.qr_links import decode_qr_urls

SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def main(folders: list[str]) -> None:
    files = sorted(p for f in folders for p in Path(f).rglob("*") if p.suffix.lower() in SUFFIXES)
    found: dict[str, list[str]] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    for path in files:
        urls = decode_qr_urls(path.read_bytes())
        if urls:
            found[str(path)] = urls
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = sum(p.stat().st_size for p in files) / 1e6
    print(f"images: {len(files)} ({size:.1f} MB); with a QR URL: {len(found)}")
    for path, urls in found.items():
        kinds = ["profile/short link" if is_profile_link(u) else "other" for u in urls]
        print(f"  {path}: {list(zip(urls, kinds, strict=True))}")
    per = 1000 * cpu / max(1, len(files))
    print(f"CPU {cpu:.2f} s, wall {wall:.2f} s, {per:.1f} ms CPU per image")


if __name__ == "__main__":
    main(sys.argv[1:] or ["brand_assets/demo_site/img"])
