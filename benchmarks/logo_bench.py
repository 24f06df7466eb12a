"""Logo matching on real logos: identification, false matches, redesigns, speed, cache.

Usage (from the repo root)::

    python benchmarks/logo_bench.py [--dataset ../shared/datasets/logos] [--sample 300 | --all]
                                    [--show DIR]

A guideline holds `--sample` brands' logos (approved) plus the 116 real redesigns (new logo
approved, old one deprecated). Queries are each logo as the web shows it (sizes,
recompression, backgrounds, padding, crops, GIF, ICO, banners), encoded to bytes as a crawl
stores them. Distractors are other brands' logos under the same transforms plus photo-like
images. With `--all` every brand is used: the brands are cut into guidelines of `--sample`
brands, and each guideline's distractors are the next guideline's brands, so every brand is
queried once as "ours" and once as "someone else's".

Brands whose logos render to the same shape (the same mark under two slugs, e.g. a
simple-icons icon and its gilbarbara copy) are one identity: matching one for the other is
counted apart, not as a false match. A gilbarbara brand named like a simple-icons brand, or
on the one simple-icons brand's site ("semaphore" / "semaphoreci"), is that brand's key
(logo_bench_data.same_brand_slugs).

Queries are made and fingerprinted in a process pool; every query goes through the same code
as the check (bytes → decode → fingerprint → match). Images/s is measured apart, on one core
with the pool closed. A baseline, plain imagehash pHash of the decoded image on white
against the references with a threshold chosen on the same data, is printed for comparison.
`--show DIR` writes the missed and falsely matched queries there, next to the logo.

The bench is split by concept: logo_bench_data (dataset and renders), logo_bench_transforms
(web transforms, photos, banners), logo_bench_queries (fingerprinted queries, identities),
logo_bench_scores (tallies, distributions, baseline), logo_bench_passes (timed, banners, show).
Their names stay importable from here (banner_bench uses them).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # measure one core
os.environ.setdefault("OMP_NUM_THREADS", "1")

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from logo_bench_data import (  # noqa: E402,F401
    RENDER_SIDE,
    Brand,
    coloured_svg,
    load_brands,
    render,
    si_slug,
)
from logo_bench_passes import banner_pass, show, timed_pass  # noqa: E402
from logo_bench_queries import (  # noqa: E402,F401
    MASK_SIDE,
    SAME_MARK_COLOUR,
    SAME_MARK_PIXELS,
    Query,
    Worked,
    fingerprint_bytes,
    identities,
    transform_rng,
    work_brand,
    work_photo,
)
from logo_bench_scores import Guideline, Scores, Tally, pct, percentiles  # noqa: E402,F401
from logo_bench_transforms import (  # noqa: E402,F401
    REDESIGN_TRANSFORMS,
    TRANSFORMS,
    Transform,
    banner,
    brand_rgb,
    crop_sides,
    encode,
    fit,
    gif,
    luminance,
    on,
    pad,
    photo_like,
    square,
)

from brandaudit.checks.imaging.fingerprints.hash_cache import HashCache  # noqa: E402


# ---------------------------------------------------------------- main
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=REPO.parent / "shared/datasets/logos")
    parser.add_argument("--sample", type=int, default=300, help="brands per guideline")
    parser.add_argument("--all", action="store_true", help="every brand (about 20 min)")
    parser.add_argument("--distractors", type=int, default=300, help="other brands as queries")
    parser.add_argument("--banners", type=int, default=100, help="banner queries per side")
    parser.add_argument("--photos", type=int, default=300, help="photo-like images (--all: ×10)")
    parser.add_argument("--timed", type=int, default=4000, help="queries in the timed pass")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show", type=Path, help="write missed and false queries here")
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    brands, redesigns = load_brands(args.dataset)
    by_key: dict[str, list[Brand]] = defaultdict(list)
    for brand in brands:
        by_key[brand.key].append(brand)
    keys = sorted(by_key)
    rng.shuffle(keys)
    chosen = {k: rng.choice(by_key[k]) for k in keys}
    size = min(args.sample, len(keys))
    if args.all:
        groups = [keys[i : i + size] for i in range(0, len(keys), size)]
        if len(groups) > 1 and len(groups[-1]) < size // 2:
            last = groups.pop()  # (not `groups[-2] += groups.pop()`: -2 is read before the pop)
            groups[-1] += last
        chunks = [(g, groups[(i + 1) % len(groups)]) for i, g in enumerate(groups)]
        photos = args.photos * 10
    else:
        chunks = [(keys[:size], keys[size : size + args.distractors])]
        photos = args.photos
    first_keys = set(chunks[0][0]) | set(chunks[0][1])
    needed = sorted({k for ours, theirs in chunks for k in (*ours, *theirs)}, key=keys.index)

    tasks = [(chosen[k], tuple(TRANSFORMS), args.seed, k in first_keys) for k in needed]
    tasks += [(b, REDESIGN_TRANSFORMS, args.seed, False) for pair in redesigns for b in pair]
    with multiprocessing.Pool(args.workers) as pool:
        results = pool.map(work_brand, tasks, chunksize=4)
        photo_queries = pool.map(
            work_photo, [(i, args.seed, i < 300) for i in range(photos)], chunksize=16
        )
    worked = {w.brand.name: w for w in results if w is not None}
    failed = sum(1 for w in results if w is None)
    by_key_worked = {k: worked[chosen[k].name] for k in needed if chosen[k].name in worked}
    pairs = [
        (worked[o.name], worked[n.name])
        for o, n in redesigns
        if o.name in worked and n.name in worked
    ]
    identity, merged = identities(list(worked.values()))
    print(
        f"dataset: {len(brands)} logo files, {len(keys)} brands; {len(chunks)} guideline(s) of "
        f"{size} brands + {len(pairs)} redesigns (new approved, old deprecated); "
        f"{len(by_key_worked)} brands queried, {failed} SVGs not renderable; "
        f"{photos} photo-like images; queries made in {time.perf_counter() - started:.0f} s "
        f"on {args.workers} processes"
    )
    print(
        f"same mark under two brands (renders on white within {100 * SAME_MARK_PIXELS:.1f} % "
        f"of pixels and {SAME_MARK_COLOUR:g}/255 on average): "
        f"{len(merged)} pairs merged, e.g. {', '.join('='.join(p) for p in merged[:6])}"
    )

    scores = Scores(identity)
    guides = []
    # A sampled brand that is one of the redesigned marks would make that mark approved and
    # deprecated at once: such brands stay out of the guideline (they remain distractors).
    redesigned = {identity[w.brand.name] for pair in pairs for w in pair}
    for ours, theirs in chunks:
        ours = [k for k in ours if identity.get(chosen[k].name) not in redesigned]
        guide = Guideline([by_key_worked[k] for k in ours if k in by_key_worked], pairs)
        guides.append(guide)
        for k in ours:
            if k in by_key_worked and by_key_worked[k].brand.name in guide.position:
                w = by_key_worked[k]
                for q in w.queries:
                    scores.score(guide, q, w.brand.name, w.brand.name)
        for k in theirs:
            if k in by_key_worked:
                w = by_key_worked[k]
                for q in w.queries:
                    scores.score(guide, q, None, w.brand.name)
    for i, q in enumerate(photo_queries):
        scores.score(guides[i % len(guides)], q, None, f"photo{i}")
    print(
        f"guideline index: {len(guides[0].names)} logos, {len(guides[0].index.bits)} views "
        f"(first guideline)"
    )
    transforms = [*TRANSFORMS, "photo"]
    scores.print_table(transforms)
    reasons = Counter(
        (q.transform, m.reason)
        for w in by_key_worked.values()
        for q in w.queries
        if q.fingerprint is not None
        and (m := guides[0].index.match(q.fingerprint))
        and m.logo == w.brand.name
        and m.verdict == "altered"
    )
    if reasons:
        print(
            "first guideline, identified but judged altered (transform/reason: count): "
            + ", ".join(f"{t}/{r}: {c}" for (t, r), c in sorted(reasons.items()))
        )
    scores.print_distances()
    scores.print_baseline(transforms)
    if os.environ.get("BENCH_VERBOSE"):
        for miss in scores.misses[:60]:
            print("  ", *miss)

    # Redesigns, against the first guideline.
    guide = guides[0]
    old_flagged = new_flagged = 0
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    notes = []
    for old, new in pairs:
        for w, is_old in ((old, True), (new, False)):
            for q in w.queries:
                match = guide.index.match(q.fingerprint) if q.fingerprint else None
                row = rows[q.transform]
                if is_old:
                    ok = bool(match and match.status == "deprecated" and match.logo == w.brand.name)
                    old_flagged += ok
                    row[0] += ok
                    row[1] += 1
                    if not ok:
                        notes.append(f"old {w.brand.name} {q.transform} -> {match}")
                else:
                    bad = not (match and match.logo == w.brand.name and match.verdict == "faithful")
                    new_flagged += bad
                    row[2] += bad
                    row[3] += 1
                    if bad:
                        notes.append(f"new {w.brand.name} {q.transform} -> {match}")
    n_red = len(pairs) * len(REDESIGN_TRANSFORMS)
    print(
        f"\nRedesigns ({len(pairs)} brands × {len(REDESIGN_TRANSFORMS)} transforms): "
        f"old flagged deprecated {100 * old_flagged / n_red:.1f}%, "
        f"new flagged as anything {100 * new_flagged / n_red:.1f}%"
    )
    for transform, (o, on_, nf, nn) in rows.items():
        print(f"  {transform:<10} old flagged {o}/{on_}, new flagged {nf}/{nn}")
    for note in notes[:20]:  # the few failures, named, so each can be traced
        print(f"  {note}")

    # Timed passes on one core, nothing else of ours running.
    datas = [q.data for w in by_key_worked.values() for q in w.queries if q.data is not None]
    datas += [q.data for q in photo_queries if q.data is not None]
    random.Random(args.seed).shuffle(datas)
    datas = datas[: args.timed]
    rate, cpu_rate = timed_pass(guide.index, datas, None)
    print(
        f"\nThroughput (decode + fingerprint + match against {len(guide.names)} logos, "
        f"one core): {rate:.0f} images/s wall, {cpu_rate:.0f} images per CPU second, "
        f"over {len(datas)} images"
    )
    with tempfile.TemporaryDirectory() as tmp:
        cache = HashCache(Path(tmp) / "hashes.sqlite")
        cold, _ = timed_pass(guide.index, datas[:2000], cache)
        warm, _ = timed_pass(guide.index, datas[:2000], cache)
        cache.close()
    print(
        f"Hash cache: first pass {cold:.0f} images/s, re-audit {warm:.0f} images/s "
        f"(speed-up {warm / cold:.1f}×)"
    )

    rendered = {}
    if args.banners > 0:
        for w in [*guide.worked, *(by_key_worked[k] for k in chunks[0][1] if k in by_key_worked)]:
            image = render(w.brand.svg)
            if image is not None:
                rendered[w.brand.name] = image
        try:
            banner_pass(guide, rendered, args.banners, rng)
        except Exception as exc:  # the banner search is another module's; report, go on
            print(f"\nBanners: the banner search failed: {type(exc).__name__}: {exc}")
    if args.show:
        by_name = {b.name: b for b in brands} | {b.name: b for p in redesigns for b in p}
        show(scores.misses, args.show, by_name, args.seed)
    print(f"total bench time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
