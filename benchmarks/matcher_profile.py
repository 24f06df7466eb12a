"""Where the logo matcher's CPU time goes: decode → normalise → hash → colours → match, per stage.

Usage (from the repo root, timed figures under the shared lock, on one core)::

    flock /tmp/bench.lock taskset -c 0 python benchmarks/matcher_profile.py \
        [--dataset ../shared/datasets/logos] [--references 300] [--queries 120] [--cprofile]
        [--save-fingerprints FILE | --compare FILE]

The queries are made exactly as `logo_bench.py` makes them (same transforms, same seeds),
for `--queries` brands plus photo-like images; the guideline holds `--references` brands plus
the 116 redesigns (about 531 logos at 300). Only the per-query pipeline is timed, with
time.process_time, so other work on the machine does not inflate it. `--save-fingerprints`
and `--compare` check that a faster implementation gives the same fingerprints bit for bit.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing
import os
import pickle
import pstats
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # measure one core
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import logo_bench as bench

from brandaudit.checks.imaging.fingerprints import Fingerprint, fingerprint_image
from brandaudit.checks.imaging.fingerprints.colours import signature
from brandaudit.checks.imaging.fingerprints.hashes import pack_views
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.picture import decode_image, prepare
from brandaudit.checks.imaging.references import fingerprint_reference

STAGES = ("decode", "normalise", "hash", "colours", "match")


def _reference_png(brand: bench.Brand) -> bytes | None:
    """The guideline logo as logo_bench indexes it (rendered, 512 px), as PNG bytes."""
    image = bench.render(brand.svg)
    if image is None:
        return None
    scale = 512 / max(image.size)  # as logo_bench's fit(image, 512), without its memo
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return bench.encode(image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0), "PNG")


def make_inputs(args: argparse.Namespace) -> tuple[list[bytes], list[tuple[str, str, bytes]]]:
    """Query bytes, and (name, status, PNG) of each guideline logo, made in a pool as
    logo_bench makes them; kept in `--inputs` so later runs (and the timed ones) skip this."""
    if args.inputs and args.inputs.exists():
        return pickle.loads(args.inputs.read_bytes())
    rng = random.Random(args.seed)
    brands, redesigns = bench.load_brands(args.dataset)
    by_key: dict[str, list[bench.Brand]] = {}
    for brand in brands:
        by_key.setdefault(brand.key, []).append(brand)
    keys = sorted(by_key)
    rng.shuffle(keys)
    chosen = {k: rng.choice(by_key[k]) for k in keys}
    ours = keys[: args.references]
    tasks = [(chosen[k], tuple(bench.TRANSFORMS), args.seed, True) for k in ours[: args.queries]]
    entries = [(chosen[k], "approved") for k in ours]
    for old, new in redesigns:
        entries += [(new, "approved"), (old, "deprecated")]
    with multiprocessing.Pool(args.workers) as pool:
        worked = pool.map(bench.work_brand, tasks, chunksize=4)
        photos = pool.map(bench.work_photo, [(i, args.seed, True) for i in range(args.photos)])
        pngs = pool.map(_reference_png, [b for b, _ in entries], chunksize=8)
    datas = [q.data for w in worked if w is not None for q in w.queries if q.data is not None]
    datas += [q.data for q in photos if q.data is not None]
    random.Random(args.seed).shuffle(datas)
    logos = [(b.name, s, png) for (b, s), png in zip(entries, pngs, strict=True) if png]
    if args.inputs:
        args.inputs.write_bytes(pickle.dumps((datas, logos)))
    return datas, logos


def reference_fingerprints(logos: list[tuple[str, str, bytes]]) -> list[ReferenceLogo]:
    references = []
    for name, status, png in logos:
        image = Image.open(io.BytesIO(png)).convert("RGBA")
        fp = fingerprint_reference(image, image.width, image.height)
        references.append(ReferenceLogo(name, status, fp))  # type: ignore[arg-type]
    return references


def staged_pass(datas: list[bytes], index: ReferenceIndex) -> tuple[dict[str, float], list]:
    """CPU seconds per stage over all queries, and each query's fingerprint (None: undecodable)."""
    spent = dict.fromkeys(STAGES, 0.0)
    clock = time.process_time
    fingerprints: list[Fingerprint | None] = []
    for data in datas:
        t0 = clock()
        try:
            decoded = decode_image(data)
        except Exception:
            spent["decode"] += clock() - t0
            fingerprints.append(None)
            continue
        t1 = clock()
        prepared = prepare(decoded.image)
        t2 = clock()
        bits = pack_views(prepared.views)
        t3 = clock()
        colours = signature(prepared.colours)
        t4 = clock()
        fp = Fingerprint(
            bits=bits,
            aspects=np.asarray([v.aspect for v in prepared.views], dtype=np.float64),
            colours=colours,
            sides=np.asarray([max(v.distance.shape) for v in prepared.views], dtype=np.int32),
            width=decoded.width,
            height=decoded.height,
            cropped=np.asarray([v.cropped for v in prepared.views], dtype=bool),
        )
        index.match(fp)
        t5 = clock()
        for stage, a, b in zip(STAGES, (t0, t1, t2, t3, t4), (t1, t2, t3, t4, t5), strict=True):
            spent[stage] += b - a
        fingerprints.append(fp)
    return spent, fingerprints


def whole_pass(datas: list[bytes], index: ReferenceIndex) -> float:
    """Images per CPU second through the public calls, as logo_bench's timed pass does."""
    started = time.process_time()
    for data in datas:
        try:
            decoded = decode_image(data)
        except Exception:
            continue
        index.match(fingerprint_image(decoded.image, decoded.width, decoded.height))
    return len(datas) / max(time.process_time() - started, 1e-9)


def compare(mine: list, saved: list) -> str:
    """How many fingerprints differ from the saved ones, and in what."""
    if len(mine) != len(saved):
        return f"different query counts ({len(mine)} vs {len(saved)})"
    fields = ("bits", "aspects", "colours", "sides")
    differ = {f: 0 for f in fields}
    worst_bits = 0
    for a, b in zip(mine, saved, strict=True):
        if (a is None) != (b is None):
            differ["bits"] += 1
            continue
        if a is None:
            continue
        for f in fields:
            x, y = getattr(a, f), getattr(b, f)
            if x.shape != y.shape or not np.array_equal(x, y):
                differ[f] += 1
        if a.bits.shape == b.bits.shape:
            flipped = np.unpackbits(a.bits ^ b.bits, axis=1).sum(axis=1)
            worst_bits = max(worst_bits, int(flipped.max(initial=0)))
    return (
        f"{len(mine)} fingerprints compared; differing: "
        + ", ".join(f"{f} {n}" for f, n in differ.items())
        + f"; most bits flipped in one view: {worst_bits}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=bench.REPO.parent / "shared/datasets/logos")
    parser.add_argument("--references", type=int, default=300, help="brands in the guideline")
    parser.add_argument("--queries", type=int, default=120, help="brands queried (×16 transforms)")
    parser.add_argument("--photos", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cprofile", action="store_true", help="print the top functions too")
    parser.add_argument("--save-fingerprints", type=Path)
    parser.add_argument("--compare", type=Path, help="fingerprints saved by an earlier run")
    parser.add_argument("--inputs", type=Path, help="queries and logos kept here between runs")
    args = parser.parse_args()

    started = time.perf_counter()
    datas, logos = make_inputs(args)
    print(f"inputs ready in {time.perf_counter() - started:.0f} s")
    references = reference_fingerprints(logos)
    index = ReferenceIndex([r for r in references if not r.fingerprint.blank])
    print(
        f"{len(datas)} queries, guideline of {len(index.references)} logos "
        f"({len(index.bits)} views); inputs made in {time.perf_counter() - started:.0f} s"
    )
    whole_pass(datas[:200], index)  # warm-up: imports, allocator, caches
    spent, fingerprints = staged_pass(datas, index)
    total = sum(spent.values())
    print(f"\n{'stage':<10} {'CPU s':>7} {'ms/image':>9} {'share':>6}")
    for stage in STAGES:
        print(
            f"{stage:<10} {spent[stage]:7.2f} {1000 * spent[stage] / len(datas):9.3f} "
            f"{100 * spent[stage] / total:5.1f}%"
        )
    print(f"{'total':<10} {total:7.2f} {1000 * total / len(datas):9.3f}")
    rate = whole_pass(datas, index)
    print(f"\nwhole pipeline: {rate:.0f} images per CPU second ({len(datas)} images, one process)")
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        whole_pass(datas, index)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if args.save_fingerprints:
        saved = [r.fingerprint for r in references] + fingerprints
        args.save_fingerprints.write_bytes(pickle.dumps(saved))
    if args.compare:
        mine = [r.fingerprint for r in references] + fingerprints
        print(compare(mine, pickle.loads(args.compare.read_bytes())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
