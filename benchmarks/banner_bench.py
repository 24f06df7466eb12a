"""Logos inside larger pictures: identified with their region, false matches, time per banner.

Usage (from the repo root)::

    python benchmarks/banner_bench.py [--dataset ../shared/datasets/logos] [--sample 300 | --all]

The guideline holds the sampled brands' logos (with `--all`: every brand but `--holdout`
brands kept back as distractors) plus the 116 redesigns (new approved, old deprecated), as in
logo_bench.py, whose dataset loading and transforms are imported, not copied. Banners:

- `bench`: logo_bench's own `banner()` (1200×400, soft photo, text bars, logo 160–300 px wide,
  on a plate half the time);
- `varied`: 1200×400 to 1280×720, light or dark photo-like backgrounds (smooth noise,
  gradients, blurred shapes), a headline, the logo 5–30 % of the banner height, on a solid
  plate or directly on the photo (reversed to white or black where it would vanish), saved as
  JPEG q70–90, WebP or PNG.

Positives carry a guideline logo; negatives another brand's logo or none. A banner is
identified when a hit names its logo with a region overlapping the planted box; it has a
false match when any hit names another logo. Each banner goes through the check's path:
bytes → decode at 1600 px → whole-image match → BannerSearch.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # measure one core
os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
import logo_bench as lb

from brandaudit.checks.imaging.banner_search import BannerSearch
from brandaudit.checks.imaging.fingerprints import Fingerprint, fingerprint_image
from brandaudit.checks.imaging.image_matches import searches_inside, working_copy
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.picture import decode_image
from brandaudit.checks.imaging.references import fingerprint_reference

Box = tuple[int, int, int, int]
VERBOSE = bool(os.environ.get("BENCH_VERBOSE"))  # hits say how they were found
SIZES = [(1200, 400), (1500, 500), (1200, 630), (1280, 720)]


def background(size: tuple[int, int], dark: bool, rng: random.Random) -> Image.Image:
    """A light or dark photo-like picture: smooth noise, a gradient or blurred shapes."""
    w, h = size
    gen = np.random.default_rng(rng.randrange(1 << 30))
    low, high = (10, 110) if dark else (140, 250)
    kind = rng.choice(["noise", "gradient", "shapes"])
    if kind == "noise":
        cells = gen.random((rng.randrange(3, 9), rng.randrange(6, 18), 3)) * (high - low) + low
        return Image.fromarray(cells.astype(np.uint8)).resize(size, Image.Resampling.BICUBIC)
    if kind == "gradient":
        y = np.linspace(0, 1, h)[:, None, None]
        top, bottom = gen.uniform(low, high, 3), gen.uniform(low, high, 3)
        arr = top * (1 - y) + bottom * y + gen.normal(0, 4, (h, w, 3))
        return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    img = Image.new("RGB", size, tuple(gen.integers(low, high, 3).tolist()))
    draw = ImageDraw.Draw(img)
    for _ in range(14):
        x0, y0 = rng.randrange(w), rng.randrange(h)
        box = (x0, y0, x0 + rng.randrange(30, w // 2), y0 + rng.randrange(30, h))
        draw.ellipse(box, fill=tuple(gen.integers(low, high, 3).tolist()))
    return img.filter(ImageFilter.GaussianBlur(rng.choice([4, 8, 16])))


def varied_banner(logo: Image.Image | None, rng: random.Random) -> tuple[bytes, Box | None, str]:
    """A banner with the logo at 5–30 % of its height, on a plate or directly on the photo."""
    size = rng.choice(SIZES)
    dark = rng.random() < 0.5
    img = background(size, dark, rng).convert("RGBA")
    draw = ImageDraw.Draw(img)
    ink = (250, 250, 250, 255) if dark else (20, 20, 20, 255)
    font = ImageFont.load_default(size=round(size[1] * rng.uniform(0.06, 0.1)))
    headline = rng.choice(["Build faster together", "Spring sale: 30% off", "Join us live"])
    draw.text((round(size[0] * 0.55), round(size[1] * 0.4)), headline, fill=ink, font=font)
    share = rng.uniform(0.05, 0.30)
    label = f"{'dark' if dark else 'light'}/"
    region = None
    if logo is not None:
        height = max(8, round(share * size[1]))
        mark = logo.resize(
            (max(1, round(logo.width * height / logo.height)), height), Image.Resampling.LANCZOS
        )
        if mark.width > 0.45 * size[0]:
            mark = _fit(mark, round(0.45 * size[0]))
        if rng.random() < 0.4:
            plate_colour = (30, 30, 30, 255) if _ink_luminance(mark) > 0.6 else (255, 255, 255, 255)
            mark = lb.pad(mark, rng.uniform(0.08, 0.25), plate_colour)
            label += "plate"
        else:
            behind = np.asarray(img.convert("RGB")).reshape(-1, 3).mean(axis=0)
            mark = _visible(mark, tuple(int(c) for c in behind))
            label += "photo"
        x = rng.randrange(10, max(11, size[0] // 2 - mark.width))
        y = rng.randrange(10, max(11, size[1] - 10 - mark.height))
        img.alpha_composite(mark, (x, y))
        region = (x, y, mark.width, mark.height)
        label += "/small" if share < 0.12 else "/large"
    fmt = rng.choice(["JPEG", "JPEG", "WEBP", "PNG"])
    options = {"quality": rng.randrange(70, 91)} if fmt != "PNG" else {}
    label += f"/{fmt.lower()}"
    return lb.encode(img.convert("RGB"), fmt, **options), region, label


def _ink_luminance(mark: Image.Image) -> float:
    rgba = np.asarray(mark, dtype=np.float32)
    alpha = rgba[..., 3] / 255
    return lb.luminance(
        (rgba[..., :3] * alpha[..., None]).sum(axis=(0, 1)) / max(1e-6, alpha.sum())
    )


def _visible(mark: Image.Image, behind: tuple[int, ...]) -> Image.Image:
    """A logo that would vanish on this photo is shown reversed, as designers do."""
    if abs(_ink_luminance(mark) - lb.luminance(behind)) >= 0.25:
        return mark
    ink = (255, 255, 255) if lb.luminance(behind) < 0.5 else (0, 0, 0)
    reversed_ = Image.new("RGBA", mark.size, (*ink, 0))
    reversed_.putalpha(mark.getchannel("A"))
    return reversed_


def search_banner(
    data: bytes, index: ReferenceIndex, search: BannerSearch, names: list[str]
) -> list[tuple[str, Box]]:
    """What the check does with a picture (image_matches.py): decode once, match the whole
    picture; a banner-sized one not faithfully a logo is searched inside too."""
    decoded = decode_image(data, working_side=1600)
    whole = index.match(
        fingerprint_image(working_copy(decoded.image), decoded.width, decoded.height)
    )
    found = []
    if whole is not None:
        label = f"{whole.logo} whole {whole.distance}"  # the whole picture matched a logo
        found = [(label, (0, 0, decoded.width, decoded.height))]
    if not searches_inside(whole, decoded.width, decoded.height):
        return found
    scale = decoded.width / decoded.image.width
    inside = [
        (
            names[hit.index] if not VERBOSE else f"{names[hit.index]} {hit.distance}/{hit.inliers}",
            tuple(round(v * scale) for v in hit.region),
        )
        for hit in search.search(decoded.image)
    ]
    if whole is not None and any(name.split()[0] == whole.logo for name, _ in inside):
        return found  # the file is that logo (altered): the whole-picture verdict stands
    return inside or found


MASK_SIDE = 64  # as logo_bench: marks rendering alike on white are one identity
SAME_MARK_PIXELS = 0.015
SAME_MARK_ASPECT = 0.05
SAME_MARK_COLOUR = 6.0


def _thumb(image: Image.Image) -> np.ndarray:
    small = image.resize((MASK_SIDE, MASK_SIDE), Image.Resampling.BOX)
    plate = Image.new("RGBA", small.size, (255, 255, 255, 255))
    plate.alpha_composite(small)
    return np.asarray(plate.convert("RGB")).astype(np.int16)


def same_marks(
    others: list[str], guideline: list[str], rendered: dict[str, Image.Image]
) -> dict[str, set[str]]:
    """Guideline logos that render like each held-out brand's (one mark under two slugs):
    finding them on that brand's banner is right, not a false match."""
    thumbs = {n: _thumb(rendered[n]) for n in {*others, *guideline}}
    masks = np.stack([(thumbs[n].min(axis=2) < 180).ravel() for n in guideline])
    aspects = np.log([rendered[n].width / rendered[n].height for n in guideline])
    same: dict[str, set[str]] = {}
    for name in others:
        mask = (thumbs[name].min(axis=2) < 180).ravel()
        aspect = np.log(rendered[name].width / rendered[name].height)
        near = ((masks != mask).mean(axis=1) <= SAME_MARK_PIXELS) & (
            np.abs(aspects - aspect) < SAME_MARK_ASPECT
        )
        same[name] = {
            guideline[i]
            for i in np.flatnonzero(near)
            if np.abs(thumbs[guideline[i]] - thumbs[name]).mean() <= SAME_MARK_COLOUR
        }
    return same


def _prepare(svg: bytes) -> tuple[Image.Image, Image.Image, Fingerprint] | None:
    """A brand's render, its guideline-sized copy and that copy's reference fingerprint."""
    image = lb.render(svg)
    if image is None:
        return None
    fitted = _fit(image, 512)
    return image, fitted, fingerprint_reference(fitted, *fitted.size)


def _fit(image: Image.Image, side: int) -> Image.Image:
    """As logo_bench's fit, without its memo keyed by id(): ids of freed images are reused."""
    scale = side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def overlaps(a: Box, b: Box) -> float:
    ix = max(0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    return inter / (a[2] * a[3] + b[2] * b[3] - inter)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=lb.REPO.parent / "shared/datasets/logos")
    parser.add_argument("--sample", type=int, default=300, help="brands in the guideline")
    parser.add_argument("--all", action="store_true", help="every brand but the held-out ones")
    parser.add_argument("--holdout", type=int, default=200, help="distractor brands with --all")
    parser.add_argument("--banners", type=int, default=200, help="banners per kind and side")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="for setup")
    parser.add_argument("--show", type=Path, help="write missed and falsely matched banners here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    started = time.perf_counter()

    brands, redesigns = lb.load_brands(args.dataset)
    by_key: dict[str, list[lb.Brand]] = defaultdict(list)
    for brand in brands:
        by_key[brand.key].append(brand)
    keys = sorted(by_key)
    rng.shuffle(keys)
    n = len(keys) - args.holdout if args.all else min(args.sample, len(keys) - args.holdout)
    refs = [rng.choice(by_key[k]) for k in keys[:n]]
    others = [rng.choice(by_key[k]) for k in keys[n:]][: args.holdout]
    guideline = [(b, "approved") for b in refs]
    for old, new in redesigns:
        guideline += [(new, "approved"), (old, "deprecated")]

    # Rendering and reference fingerprints use every core (setup, not the timed search).
    wanted = {b.name: b.svg for b in [b for b, _ in guideline] + others}
    with multiprocessing.Pool(args.workers) as pool:
        prepared = dict(
            zip(wanted, pool.map(_prepare, list(wanted.values()), chunksize=8), strict=True)
        )
    rendered = {name: p[0] for name, p in prepared.items() if p is not None}
    guideline = [(b, s) for b, s in guideline if b.name in rendered]
    others = [b for b in others if b.name in rendered]
    t0 = time.perf_counter()
    images = [prepared[b.name][1] for b, _ in guideline]  # type: ignore[index]
    logos = [
        ReferenceLogo(b.name, s, prepared[b.name][2])  # type: ignore[arg-type,index]
        for b, s in guideline
    ]
    index = ReferenceIndex(logos)
    search = BannerSearch(images, index)
    names = [b.name for b, _ in guideline]  # BannerHit.index is a position in `images`
    if len(index.references) != len(images):
        print(f"note: {len(images) - len(index.references)} blank logos left out of the index")
    print(
        f"guideline: {len(guideline)} logos ({len(refs)} brands + redesigns), "
        f"{len(others)} held-out distractor brands; render + fingerprints {t0 - started:.0f} s "
        f"({args.workers} processes), index + SIFT built in {time.perf_counter() - t0:.0f} s"
    )

    positives = [b for b, _ in guideline]
    same = same_marks([b.name for b in others], names, rendered)
    # found, IoU >= 0.5, false match by the inside search, by the whole-picture matcher, n
    rows: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    false_hits: list[str] = []
    elapsed = cpu = 0.0
    count = 0
    for kind in ("bench", "varied"):
        for side in ("guideline logo", "other logo", "no logo"):
            pool = positives if side == "guideline logo" else others
            for _ in range(args.banners):
                brand = rng.choice(pool)
                logo = None if side == "no logo" else rendered[brand.name]
                if kind == "bench":
                    data, region = lb.banner(logo, rng)
                    label = ""
                else:
                    data, region, label = varied_banner(logo, rng)
                t, c = time.perf_counter(), time.process_time()
                hits = search_banner(data, index, search, names)
                elapsed += time.perf_counter() - t
                cpu += time.process_time() - c
                count += 1
                expected = brand.name if side == "guideline logo" else None
                allowed = {expected} if expected else same.get(brand.name, set())
                good = [box for name, box in hits if name.split()[0] == expected and region]
                found = any(overlaps(box, region) > 0 for box in good)
                strict = any(overlaps(box, region) >= 0.5 for box in good)
                wrong = [name for name, _ in hits if name.split()[0] not in allowed]
                by_whole = any(" whole " in f" {n} " for n in wrong)
                parts = [part for part in label.split("/") if part]
                keys = [f"{kind} {side}"] + [f"{kind} {side}: {part}" for part in parts]
                for key in keys:
                    row = rows[key]
                    row[0] += found
                    row[1] += strict
                    row[2] += bool(wrong) and not by_whole
                    row[3] += by_whole
                    row[4] += 1
                if wrong:
                    false_hits.append(f"{kind}/{side} {label}: {brand.name} -> {wrong}")
                if args.show and (wrong or (expected and not found)):
                    show(args.show, count, data, region, hits, rendered.get(brand.name))
    print(
        f"\n{'banners':<40} {'identified':>10} {'IoU>=0.5':>9} {'false: search':>13} "
        f"{'false: whole':>12} {'n':>5}"
    )
    for key in sorted(rows):
        found, strict, false, whole, total = rows[key]
        positive = "guideline logo" in key
        ident = f"{100 * found / total:9.1f}%" if positive else "         -"
        iou = f"{100 * strict / total:8.1f}%" if positive else "        -"
        print(
            f"{key:<40} {ident:>10} {iou:>9} {100 * false / total:12.2f}% "
            f"{100 * whole / total:11.2f}% {total:>5}"
        )
    pos = [rows[f"{k} guideline logo"] for k in ("bench", "varied")]
    sides = ("guideline logo", "other logo", "no logo")
    tops = [rows[f"{k} {s}"] for k in ("bench", "varied") for s in sides]
    identified, positives_n = sum(r[0] for r in pos), sum(r[4] for r in pos)
    search_false, whole_false = sum(r[2] for r in tops), sum(r[3] for r in tops)
    print(
        f"\nall: identified {identified}/{positives_n} "
        f"({100 * identified / max(1, positives_n):.1f}%)"
        f"; banners with a false match from the inside search {search_false}/{count} "
        f"({100 * search_false / count:.2f}%), from the whole-picture matcher {whole_false}/{count}"
        f" ({100 * whole_false / count:.2f}%); per banner {cpu / count:.3f} CPU s "
        f"({elapsed / count:.3f} s wall), one thread"
    )
    if VERBOSE:
        print("\n".join(false_hits[:40]))
    print(f"total bench time {time.perf_counter() - started:.0f} s")
    return 0


def show(
    folder: Path,
    number: int,
    data: bytes,
    region: Box | None,
    hits: list[tuple[str, Box]],
    logo: Image.Image | None,
) -> None:
    """Write a missed or falsely matched banner with the planted box (red) and the hits
    (green), beside the logo that was planted."""
    folder.mkdir(parents=True, exist_ok=True)
    picture = Image.open(io.BytesIO(data)).convert("RGB")
    draw = ImageDraw.Draw(picture)
    for box, colour in [(region, "red")] + [(box, "lime") for _, box in hits]:
        if box:
            draw.rectangle((box[0], box[1], box[0] + box[2], box[1] + box[3]), outline=colour)
    stem = f"{number:04d}-" + ("-".join(n.split()[0] for n, _ in hits) or "none").replace(":", "_")
    picture.save(folder / f"{stem}.jpg", quality=85)
    if logo is not None:
        logo.save(folder / f"{number:04d}-planted.png")


if __name__ == "__main__":
    raise SystemExit(main())
