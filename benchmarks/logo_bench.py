"""Logo matching on real logos: identification, false matches, redesigns, speed, cache.

Usage (from the repo root)::

    python benchmarks/logo_bench.py [--dataset ../shared/datasets/logos] [--sample 300 | --all]

For each sampled brand its logo is the approved guideline logo; queries are that logo as the
web shows it (sizes, recompression, backgrounds, padding, crops, GIF, ICO, banners).
Distractors are other brands' logos under the same transforms plus photo-like images. The
116 real redesigns add their new logo (approved) and old one (deprecated) to the guideline.
Every query goes through the same code as the check: bytes → decode → fingerprint → match.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # measure one core
os.environ.setdefault("OMP_NUM_THREADS", "1")

import cairosvg
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checks.imaging.banner import BannerSearch, is_banner_sized  # noqa: E402
from checks.imaging.decode import decode_image  # noqa: E402
from checks.imaging.fingerprint import fingerprint_image, fingerprint_reference  # noqa: E402
from checks.imaging.hash_cache import HashCache  # noqa: E402
from checks.imaging.matcher import LogoMatch, ReferenceIndex, ReferenceLogo  # noqa: E402

RENDER_SIDE = 1024
Transform = Callable[[Image.Image, "Brand", random.Random], bytes]


@dataclass(frozen=True)
class Brand:
    key: str  # brand identity: two files with one key are the same brand
    name: str  # logo name in the guideline
    svg: bytes
    hex: str | None


# ---------------------------------------------------------------- dataset
def si_slug(title: str) -> str:
    table = {"+": "plus", ".": "dot", "&": "and", "đ": "d", "ħ": "h", "ı": "i", "ĸ": "k"}
    table |= {"ŀ": "l", "ł": "l", "ß": "ss", "ŧ": "t", "ø": "o"}
    text = "".join(table.get(c, c) for c in title.lower())
    return re.sub(r"[^a-z0-9]", "", unicodedata.normalize("NFD", text))


def coloured_svg(svg: bytes, hex_: str | None) -> bytes:
    """simple-icons paths have no fill (black): show them in the brand's own colour."""
    if not hex_:
        return svg
    return re.sub(rb"<svg\b", f'<svg fill="#{hex_}"'.encode(), svg, count=1)


def load_brands(root: Path) -> tuple[list[Brand], list[tuple[Brand, Brand]]]:
    meta = json.loads((root / "simple-icons/simple-icons.json").read_text())
    hexes = {m.get("slug") or si_slug(m["title"]): m["hex"] for m in meta}
    redesign_slugs = {
        r["slug"] for r in json.loads((root / "redesigns/redesigns.json").read_text())
    }
    brands: list[Brand] = []
    for path in sorted((root / "simple-icons/icons").glob("*.svg")):
        if path.stem in redesign_slugs:
            continue
        hex_ = hexes.get(path.stem)
        brands.append(
            Brand(path.stem, f"si:{path.stem}", coloured_svg(path.read_bytes(), hex_), hex_)
        )
    for entry in json.loads((root / "gilbarbara/logos.json").read_text()):
        key = re.sub(r"[^a-z0-9]", "", entry["shortname"].lower())
        if key in redesign_slugs:
            continue
        for file in entry["files"]:
            path = root / "gilbarbara/logos" / file
            if path.exists():
                brands.append(Brand(key, f"gb:{path.stem}", path.read_bytes(), hexes.get(key)))
    redesigns = []
    for slug in sorted(redesign_slugs):
        folder = root / "redesigns" / slug
        hex_ = hexes.get(slug)
        old = Brand(
            slug, f"old:{slug}", coloured_svg((folder / "old.svg").read_bytes(), hex_), hex_
        )
        new = Brand(
            slug, f"new:{slug}", coloured_svg((folder / "new.svg").read_bytes(), hex_), hex_
        )
        redesigns.append((old, new))
    return brands, redesigns


def render(svg: bytes, side: int = RENDER_SIDE) -> Image.Image | None:
    try:
        png = cairosvg.svg2png(bytestring=svg, output_width=side, unsafe=False)
        image = Image.open(io.BytesIO(png)).convert("RGBA")
        if image.height > side:
            png = cairosvg.svg2png(bytestring=svg, output_height=side, unsafe=False)
            image = Image.open(io.BytesIO(png)).convert("RGBA")
    except Exception:
        return None
    box = image.getchannel("A").getbbox()
    return image.crop(box) if box else None


# ---------------------------------------------------------------- transforms
def fit(image: Image.Image, side: int) -> Image.Image:
    scale = side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def pad(image: Image.Image, share: float, colour=(0, 0, 0, 0)) -> Image.Image:
    margin = max(1, round(share * max(image.size)))
    canvas = Image.new("RGBA", (image.width + 2 * margin, image.height + 2 * margin), colour)
    canvas.alpha_composite(image, (margin, margin))
    return canvas


def luminance(rgb) -> float:
    r, g, b = (c / 255 for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def on(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """Flatten on a colour; a logo that would vanish there is shown reversed, as sites do."""
    rgba = np.asarray(image, dtype=np.float32)
    alpha = rgba[..., 3] / 255
    if alpha.sum() > 0:
        mean = (rgba[..., :3] * alpha[..., None]).sum(axis=(0, 1)) / alpha.sum()
        if abs(luminance(mean) - luminance(colour)) < 0.25:
            ink = (255, 255, 255) if luminance(colour) < 0.5 else (0, 0, 0)
            image = Image.new("RGBA", image.size, (*ink, 0))
            image.putalpha(Image.fromarray(rgba[..., 3].astype(np.uint8)))
    canvas = Image.new("RGBA", image.size, (*colour, 255))
    canvas.alpha_composite(image)
    return canvas.convert("RGB")


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def brand_rgb(brand: Brand) -> tuple[int, int, int]:
    hex_ = brand.hex or "3366AA"
    return tuple(int(hex_[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def gif(image: Image.Image) -> bytes:
    """A palette GIF with one transparent index, as image editors export it."""
    palette = on(image, (255, 255, 255)).quantize(255)
    mask = np.asarray(image.getchannel("A")) < 128
    indices = np.asarray(palette).copy()
    indices[mask] = 255
    out = Image.fromarray(indices, "P")
    out.putpalette(palette.getpalette())
    return encode(out, "GIF", transparency=255)


def square(image: Image.Image, side: int) -> Image.Image:
    logo = fit(image, side)
    canvas = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    canvas.alpha_composite(logo, ((side - logo.width) // 2, (side - logo.height) // 2))
    return canvas


def crop_share(image: Image.Image, share: float) -> Image.Image:
    dx, dy = round(image.width * share), round(image.height * share)
    return image.crop((dx, dy, image.width - dx, image.height - dy))


TRANSFORMS: dict[str, Transform] = {
    "png_16": lambda im, b, r: encode(pad(fit(im, 16), 0.0), "PNG"),
    "png_32": lambda im, b, r: encode(fit(im, 32), "PNG"),
    "png_64": lambda im, b, r: encode(fit(im, 64), "PNG"),
    "png_256": lambda im, b, r: encode(fit(im, 256), "PNG"),
    "png_1024": lambda im, b, r: encode(fit(im, 1024), "PNG"),
    "jpeg_q75": lambda im, b, r: encode(on(fit(im, 300), (255, 255, 255)), "JPEG", quality=75),
    "jpeg_q35": lambda im, b, r: encode(on(fit(im, 200), (255, 255, 255)), "JPEG", quality=35),
    "webp_q60": lambda im, b, r: encode(fit(im, 256), "WEBP", quality=60),
    "on_white": lambda im, b, r: encode(on(fit(im, 256), (255, 255, 255)), "PNG"),
    "on_black": lambda im, b, r: encode(on(fit(im, 256), (0, 0, 0)), "PNG"),
    "on_grey": lambda im, b, r: encode(on(fit(im, 256), (128, 128, 128)), "PNG"),
    "on_brand": lambda im, b, r: encode(on(fit(im, 256), brand_rgb(b)), "PNG"),
    "padded_25": lambda im, b, r: encode(on(pad(fit(im, 200), 0.25), (255, 255, 255)), "PNG"),
    "cropped_3": lambda im, b, r: encode(
        on(crop_share(fit(im, 256), 0.03), (255, 255, 255)), "PNG"
    ),
    "gif_palette": lambda im, b, r: gif(fit(im, 128)),
    "ico_favicon": lambda im, b, r: encode(
        square(im, 48), "ICO", sizes=[(16, 16), (32, 32), (48, 48)]
    ),
}
REDESIGN_TRANSFORMS = ("png_256", "png_32", "jpeg_q75", "on_black", "on_brand")


def photo_like(rng: random.Random) -> bytes:
    """Synthetic photo-like picture: smooth noise, gradient sky, blurred shapes."""
    w, h = rng.choice([(64, 64), (320, 240), (640, 360), (800, 600), (256, 256)])
    gen = np.random.default_rng(rng.randrange(1 << 30))
    kind = rng.choice(["noise", "gradient", "shapes"])
    if kind == "noise":
        base = gen.random((h // 8 + 1, w // 8 + 1, 3)) * 255
        img = Image.fromarray(base.astype(np.uint8)).resize((w, h), Image.Resampling.BICUBIC)
    elif kind == "gradient":
        y = np.linspace(0, 1, h)[:, None, None]
        top, bottom = gen.random(3) * 255, gen.random(3) * 255
        arr = top * (1 - y) + bottom * y + gen.normal(0, 6, (h, w, 3))
        img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    else:
        img = Image.new("RGB", (w, h), tuple(gen.integers(0, 255, 3).tolist()))
        draw = ImageDraw.Draw(img)
        for _ in range(12):
            x0, y0 = rng.randrange(w), rng.randrange(h)
            box = (x0, y0, x0 + rng.randrange(10, w), y0 + rng.randrange(10, h))
            draw.ellipse(box, fill=tuple(gen.integers(0, 255, 3).tolist()))
        img = img.filter(ImageFilter.GaussianBlur(3))
    return encode(img, "JPEG", quality=80)


def banner(
    logo: Image.Image | None, rng: random.Random
) -> tuple[bytes, tuple[int, int, int, int] | None]:
    """A 1200×400 hero banner: photo-like background, a text bar, maybe a logo."""
    gen = np.random.default_rng(rng.randrange(1 << 30))
    base = gen.random((6, 16, 3)) * 160 + 60
    img = Image.fromarray(base.astype(np.uint8)).resize((1200, 400), Image.Resampling.BICUBIC)
    img = img.convert("RGBA")
    draw = ImageDraw.Draw(img)
    for i in range(3):
        y = 150 + i * 50
        draw.rectangle((600, y, 600 + rng.randrange(200, 500), y + 24), fill=(255, 255, 255, 230))
    region = None
    if logo is not None:
        plate = fit(logo, rng.randrange(160, 300))
        if rng.random() < 0.5:  # on a plate that contrasts with the logo, as designers do
            shown = np.asarray(on(plate, (255, 255, 255)))
            light = shown.mean() > 235
            plate = pad(plate, 0.15, (40, 40, 40, 255) if light else (255, 255, 255, 255))
        x = rng.randrange(20, max(21, 580 - plate.width))
        y = rng.randrange(20, max(21, 380 - plate.height))
        img.alpha_composite(plate, (x, y))
        region = (x, y, plate.width, plate.height)
    return encode(img.convert("RGB"), "JPEG", quality=85), region


# ---------------------------------------------------------------- pipeline under test
class Pipeline:
    """bytes → decode → fingerprint → match, as the check does it (optionally cached)."""

    def __init__(self, index: ReferenceIndex, banners: BannerSearch, cache: HashCache | None):
        self.index, self.banners, self.cache = index, banners, cache

    def fingerprint(self, data: bytes):
        import hashlib

        digest = hashlib.sha256(data).hexdigest()
        if self.cache is not None:
            hit = self.cache.get(digest)
            if hit is not None:
                return hit, None
        decoded = decode_image(data)
        fp = fingerprint_image(decoded.image, decoded.width, decoded.height)
        if self.cache is not None:
            self.cache.put(digest, fp)
        return fp, decoded

    def match(self, data: bytes) -> LogoMatch | None:
        fp, _ = self.fingerprint(data)
        return self.index.match(fp)

    def match_banner(self, data: bytes) -> list[tuple[str, tuple[int, int, int, int]]]:
        decoded = decode_image(data, working_side=1600)
        whole = self.index.match(fingerprint_image(decoded.image, decoded.width, decoded.height))
        found = [(whole.logo, (0, 0, decoded.width, decoded.height))] if whole else []
        if is_banner_sized(decoded.width, decoded.height):
            sx = decoded.width / decoded.image.width
            for hit in self.banners.search(decoded.image):
                x, y, w, h = (round(v * sx) for v in hit.region)
                found.append((self.index.references[hit.index].name, (x, y, w, h)))
        return found


def percentiles(values: list[int]) -> str:
    if not values:
        return "-"
    p = np.percentile(values, [0, 1, 5, 50, 95, 99, 100]).round().astype(int)
    return "min {} p1 {} p5 {} p50 {} p95 {} p99 {} max {}".format(*p)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dataset", type=Path, default=REPO.parent / "shared/datasets/logos")
    parser.add_argument("--sample", type=int, default=300, help="brands in the guideline")
    parser.add_argument("--all", action="store_true", help="every brand (slow)")
    parser.add_argument("--distractors", type=int, default=300, help="other brands as queries")
    parser.add_argument("--banners", type=int, default=100, help="banner queries per side")
    parser.add_argument("--photos", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    brands, redesigns = load_brands(args.dataset)
    by_key: dict[str, list[Brand]] = defaultdict(list)
    for brand in brands:
        by_key[brand.key].append(brand)
    keys = sorted(by_key)
    rng.shuffle(keys)
    n = len(keys) if args.all else min(args.sample, len(keys))
    ref_keys = keys[:n]
    # One logo per sampled brand is its approved logo; distractors come from other brands.
    refs = [rng.choice(by_key[k]) for k in ref_keys]
    others = [rng.choice(by_key[k]) for k in keys[n:]]
    distractors = others[: args.distractors] if not args.all else others

    rendered: dict[str, Image.Image] = {}
    for brand in [*refs, *distractors, *(b for pair in redesigns for b in pair)]:
        image = render(brand.svg)
        if image is not None:
            rendered[brand.name] = image
    refs = [b for b in refs if b.name in rendered]
    distractors = [b for b in distractors if b.name in rendered]
    redesigns = [(o, w) for o, w in redesigns if o.name in rendered and w.name in rendered]
    print(
        f"dataset: {len(brands)} logo files; guideline: {len(refs)} sampled brands + "
        f"{len(redesigns)} redesigns (new approved, old deprecated); "
        f"{len(distractors)} distractor brands; render {time.perf_counter() - started:.0f} s"
    )

    t0 = time.perf_counter()
    references = []
    for brand in refs:
        references.append((brand, "approved"))
    for old, new in redesigns:
        references += [(new, "approved"), (old, "deprecated")]
    ref_logos = []
    for brand, status in references:
        image = fit(rendered[brand.name], 512)
        fp = fingerprint_reference(image, image.width, image.height)
        ref_logos.append(ReferenceLogo(brand.name, status, fp))
    index = ReferenceIndex(ref_logos)
    banners = BannerSearch([rendered[b.name] for b, _ in references])
    print(
        f"guideline index: {len(ref_logos)} logos, {len(index.bits)} views; "
        f"built in {time.perf_counter() - t0:.1f} s (hashes + SIFT)"
    )

    # Queries, encoded as bytes exactly as a crawl would store them.
    queries: list[tuple[str, str, bytes]] = []  # (transform, expected logo or "", bytes)
    for brand in refs:
        for name, transform in TRANSFORMS.items():
            queries.append((name, brand.name, transform(rendered[brand.name], brand, rng)))
    for brand in distractors:
        for name, transform in TRANSFORMS.items():
            queries.append((name, "", transform(rendered[brand.name], brand, rng)))
    for _ in range(args.photos):
        queries.append(("photo", "", photo_like(rng)))
    redesign_queries = []
    for old, new in redesigns:
        for name in REDESIGN_TRANSFORMS:
            for brand in (old, new):
                data = TRANSFORMS[name](rendered[brand.name], brand, rng)
                redesign_queries.append((name, brand, data))

    pipeline = Pipeline(index, banners, cache=None)
    results: dict[str, list] = defaultdict(list)
    own_distance: dict[str, list[int]] = defaultdict(list)
    other_distance: list[int] = []
    wrong_logo_distance: list[int] = []
    diagnostics: list[str] = []
    t0 = time.perf_counter()
    for transform, expected, data in queries:
        fp, _ = pipeline.fingerprint(data)
        per_logo, ratios, _ = index.distances(fp)
        scores = per_logo + 400 * np.abs(np.log(ratios))
        match = index.match(fp)
        names = [r.name for r in index.references]
        if expected:
            own = int(per_logo[names.index(expected)])
            own_distance[transform].append(own)
            others_min = np.delete(scores, names.index(expected)).min()
            wrong_logo_distance.append(int(others_min))
        else:
            other_distance.append(int(scores.min()))
        if match and match.logo != expected and len(diagnostics) < 40:
            diagnostics.append(
                f"{transform} {expected or 'other'} -> {match.logo} {match.distance}"
            )
        results[transform].append((expected, match))
    elapsed = time.perf_counter() - t0
    rate = len(queries) / elapsed

    print("\nIdentification (guideline brands) and false matches (other brands, photos):")
    print(
        f"{'transform':<12} {'identified':>10} {'faithful':>9} {'wrong':>7} {'n':>5}   "
        f"{'false match':>11} {'n':>5}"
    )
    totals = {"fp": 0, "n": 0}
    for transform in [*TRANSFORMS, "photo"]:
        rows = results[transform]
        mine = [(e, m) for e, m in rows if e]
        alien = [(e, m) for e, m in rows if not e]
        ident = sum(1 for e, m in mine if m and m.logo == e)
        faithful = sum(1 for e, m in mine if m and m.logo == e and m.verdict == "faithful")
        wrong = sum(1 for e, m in mine if m and m.logo != e)
        false = sum(1 for _, m in alien if m) + wrong
        totals["fp"] += false
        totals["n"] += len(alien) + len(mine)
        pct = lambda a, b: f"{100 * a / b:6.2f}%" if b else "     -"  # noqa: E731
        print(
            f"{transform:<12} {pct(ident, len(mine)):>10} {pct(faithful, len(mine)):>9} "
            f"{pct(wrong, len(mine)):>7} {len(mine):>5}   "
            f"{pct(false, len(alien) + len(mine)):>11} {len(alien):>5}"
        )
    print(
        f"all false matches: {totals['fp']} of {totals['n']} queries "
        f"({100 * totals['fp'] / totals['n']:.3f}%)"
    )

    if os.environ.get("BENCH_VERBOSE"):
        print("\n".join(diagnostics))
    altered = defaultdict(int)
    for transform, rows in results.items():
        for e, m in rows:
            if e and m and m.logo == e and m.verdict == "altered":
                altered[(transform, m.reason)] += 1
    if altered:
        print(
            "identified but judged altered (transform, reason: count):",
            ", ".join(f"{t}/{r}: {c}" for (t, r), c in sorted(altered.items())),
        )

    print("\nDistance distributions (bits of 1280), used to set the thresholds:")
    for transform, values in own_distance.items():
        print(f"  own logo  {transform:<12} {percentiles(values)}")
    print(f"  nearest wrong logo (guideline queries) {percentiles(wrong_logo_distance)}")
    print(f"  nearest logo (other brands + photos)   {percentiles(other_distance)}")

    # Redesigns
    old_flagged = new_flagged = 0
    by_transform = defaultdict(lambda: [0, 0, 0, 0])
    for transform, brand, data in redesign_queries:
        match = pipeline.match(data)
        row = by_transform[transform]
        if brand.name.startswith("old:"):
            ok = bool(match and match.status == "deprecated" and match.logo == brand.name)
            old_flagged += ok
            row[0] += ok
            row[1] += 1
        else:
            bad = not (match and match.logo == brand.name and match.verdict == "faithful")
            new_flagged += bad
            row[2] += bad
            row[3] += 1
    n_red = len(redesign_queries) // 2
    print(
        f"\nRedesigns ({len(redesigns)} brands × {len(REDESIGN_TRANSFORMS)} transforms): "
        f"old flagged deprecated {100 * old_flagged / n_red:.1f}%, "
        f"new flagged as anything {100 * new_flagged / n_red:.1f}%"
    )
    for transform, (o, on_, nf, nn) in by_transform.items():
        print(f"  {transform:<10} old flagged {o}/{on_}, new flagged {nf}/{nn}")

    # Banners
    t0 = time.perf_counter()
    found = false_b = 0
    sample = rng.sample(refs, min(args.banners, len(refs)))
    for brand in sample:
        data, _ = banner(rendered[brand.name], rng)
        hits = pipeline.match_banner(data)
        found += any(name == brand.name for name, _ in hits)
        false_b += any(name != brand.name for name, _ in hits)
    for brand in rng.sample(distractors, min(args.banners, len(distractors))):
        data, _ = banner(rendered[brand.name], rng)
        false_b += bool(pipeline.match_banner(data))
    n_banners = len(sample) + min(args.banners, len(distractors))
    print(
        f"\nBanners: guideline logo found in {found}/{len(sample)} "
        f"({100 * found / max(1, len(sample)):.1f}%); banners with a false match "
        f"{false_b}/{n_banners}; {(time.perf_counter() - t0) / n_banners:.2f} s per banner"
    )

    # Speed and cache.
    print(
        f"\nThroughput (decode + fingerprint + match, one core): {rate:.0f} images/s "
        f"over {len(queries)} images"
    )
    with tempfile.TemporaryDirectory() as tmp:
        cache = HashCache(Path(tmp) / "hashes.sqlite")
        cached = Pipeline(index, banners, cache)
        sample_q = queries[:2000]
        t0 = time.perf_counter()
        for _, _, data in sample_q:
            cached.match(data)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        for _, _, data in sample_q:
            cached.match(data)
        warm = time.perf_counter() - t0
        cache.close()
    print(
        f"Hash cache: first pass {len(sample_q) / cold:.0f} images/s, re-audit "
        f"{len(sample_q) / warm:.0f} images/s (speed-up {cold / warm:.1f}×)"
    )
    print(f"total bench time {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
