"""Logo bench passes beside the scoring: timed throughput (with and without the hash cache),
logos inside banners, and `--show` pictures of the misses.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from logo_bench_data import render
from logo_bench_queries import transform_rng
from logo_bench_scores import Guideline, pct
from logo_bench_transforms import TRANSFORMS, banner, fit
from PIL import Image

from brandaudit.checks.imaging.banner_search import BannerSearch, is_banner_sized
from brandaudit.checks.imaging.fingerprints import Fingerprint, HashCache, fingerprint_image
from brandaudit.checks.imaging.matching import ReferenceIndex
from brandaudit.checks.imaging.picture import decode_image


def timed_pass(
    index: ReferenceIndex, datas: list[bytes], cache: HashCache | None
) -> tuple[float, float]:
    """Images per second of wall time and per CPU second of this process (one core), for
    bytes → decode → fingerprint → match, optionally through the cache. CPU time is not
    inflated by other work on the machine; wall time is what a user waits."""
    started, cpu = time.perf_counter(), time.process_time()
    for data in datas:
        fp = None
        digest = hashlib.sha256(data).hexdigest() if cache is not None else ""
        if cache is not None:
            hit = cache.get(digest)
            fp = hit if isinstance(hit, Fingerprint) else None
        if fp is None:
            try:
                decoded = decode_image(data)
            except Exception:
                continue
            fp = fingerprint_image(decoded.image, decoded.width, decoded.height)
            if cache is not None:
                cache.put(digest, fp)
        index.match(fp)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    return len(datas) / wall, len(datas) / max(cpu, 1e-9)


def banner_pass(guide: Guideline, rendered: dict[str, Image.Image], count: int, rng) -> None:
    """Logos placed inside banners: found where planted, nothing found on other brands'."""
    if count <= 0:
        return
    images = [rendered[w.brand.name] for w in guide.worked]
    started = time.perf_counter()
    banners = BannerSearch(images)
    built = time.perf_counter() - started

    def search(data: bytes) -> list[str]:
        decoded = decode_image(data, working_side=1600)
        whole = guide.index.match(fingerprint_image(decoded.image, decoded.width, decoded.height))
        found = [whole.logo] if whole else []
        if is_banner_sized(decoded.width, decoded.height):
            found += [guide.names[hit.index] for hit in banners.search(decoded.image)]
        return found

    ours = [w for w in guide.worked[: guide.brand_count] if w.brand.name in rendered]
    ours = rng.sample(ours, min(count, len(ours)))
    started = time.perf_counter()
    found = false = 0
    for w in ours:
        data, _ = banner(rendered[w.brand.name], rng)
        names = search(data)
        found += w.brand.name in names
        false += any(n != w.brand.name for n in names)
    aliens = [im for name, im in rendered.items() if name not in guide.position]
    aliens = rng.sample(aliens, min(count, len(aliens)))
    for image in aliens:
        data, _ = banner(image, rng)
        false += bool(search(data))
    n = len(ours) + len(aliens)
    print(
        f"\nBanners: guideline logo found in {found}/{len(ours)} "
        f"({pct(found, len(ours)).strip()}); "
        f"banners with a false match {false}/{n}; "
        f"{(time.perf_counter() - started) / max(1, n):.2f} s per banner "
        f"(index built in {built:.1f} s)"
    )


def show(misses: list[tuple[str, str, str, str]], folder: Path, by_name: dict, seed: int) -> None:
    """Write each missed / falsely matched query next to the logo it was or was taken for."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["\t".join(miss) for miss in misses]
    (folder / "misses.tsv").write_text(
        "kind\ttransform\tquery\tmatched\n" + "\n".join(lines) + "\n"
    )
    for n, (kind, transform, source, matched) in enumerate(misses[:300]):
        stem = f"{kind}-{transform}-{source.replace(':', '_')}"
        if source in by_name:
            brand = by_name[source]
            image = render(brand.svg)
            data = TRANSFORMS[transform](image, brand, transform_rng(seed, source, transform))
            decoded = decode_image(data).image
            decoded.save(folder / f"{n:03d}-{stem}.png")
        if matched in by_name:
            logo = render(by_name[matched].svg)
            fit(logo, 256).save(folder / f"{n:03d}-{stem}-as-{matched.replace(':', '_')}.png")
    print(f"wrote {min(len(misses), 300)} misses to {folder}, all {len(misses)} in misses.tsv")
