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
counted apart, not as a false match.

Queries are made and fingerprinted in a process pool; every query goes through the same code
as the check (bytes → decode → fingerprint → match). Images/s is measured apart, on one core
with the pool closed. A baseline, plain imagehash pHash of the decoded image on white
against the references with a threshold chosen on the same data, is printed for comparison.
`--show DIR` writes the missed and falsely matched queries there, next to the logo.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import multiprocessing
import os
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # measure one core
os.environ.setdefault("OMP_NUM_THREADS", "1")

import cairosvg
import imagehash
import numpy as np
from PIL import Image, ImageDraw, ImageFilter
from scipy import ndimage

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from checks.imaging.banner import BannerSearch, is_banner_sized  # noqa: E402
from checks.imaging.decode import decode_image  # noqa: E402
from checks.imaging.fingerprint import (  # noqa: E402
    Fingerprint,
    fingerprint_image,
    fingerprint_reference,
)
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
_FITTED: dict[tuple[int, int], Image.Image] = {}  # one brand's resized copies (see work_brand)


def fit(image: Image.Image, side: int) -> Image.Image:
    """The image scaled to `side` on its long side (memoised while one brand is worked on)."""
    key = (id(image), side)
    if key not in _FITTED:
        scale = side / max(image.size)
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        _FITTED[key] = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _FITTED[key]


def pad(image: Image.Image, share: float, colour=(0, 0, 0, 0)) -> Image.Image:
    margin = max(1, round(share * max(image.size)))
    canvas = Image.new("RGBA", (image.width + 2 * margin, image.height + 2 * margin), colour)
    canvas.alpha_composite(image, (margin, margin))
    return canvas


def luminance(rgb) -> float:
    r, g, b = (c / 255 for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def on(image: Image.Image, colour: tuple[int, int, int]) -> Image.Image:
    """Flatten on a colour; a logo that would vanish there is shown reversed, as sites do.

    "Would vanish": its average ink, or a third of its ink, is close in luminance to the
    background. A plate logo whose drawing is painted on it (no see-through parts, as app
    icons) is shown as it is: reversed to one colour it would be a blank plate.
    """
    rgba = np.asarray(image, dtype=np.float32)
    alpha = rgba[..., 3] / 255
    ink = alpha > 0.5
    if ink.any():
        holes = ndimage.binary_fill_holes(ink) & ~ink
        plate = holes.sum() < 0.02 * ink.sum() and _fill(ink) > 0.85
        mean = (rgba[..., :3] * alpha[..., None]).sum(axis=(0, 1)) / alpha.sum()
        rgb = rgba[ink][:, :3] / 255
        lum = rgb @ np.asarray([0.2126, 0.7152, 0.0722], dtype=np.float32)
        faint = (np.abs(lum - luminance(colour)) < 0.12).mean() > 1 / 3
        if not plate and (abs(luminance(mean) - luminance(colour)) < 0.25 or faint):
            reverse = (255, 255, 255) if luminance(colour) < 0.5 else (0, 0, 0)
            image = Image.new("RGBA", image.size, (*reverse, 0))
            image.putalpha(Image.fromarray(rgba[..., 3].astype(np.uint8)))
    canvas = Image.new("RGBA", image.size, (*colour, 255))
    canvas.alpha_composite(image)
    return canvas.convert("RGB")


def _fill(ink: np.ndarray) -> float:
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return float(ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1].mean())


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


def crop_sides(image: Image.Image, rng: random.Random, low: float, high: float) -> Image.Image:
    """Cut each side by its own random share in [low, high]: a logo cropped a few percent."""
    left, right = (round(image.width * rng.uniform(low, high)) for _ in "lr")
    top, bottom = (round(image.height * rng.uniform(low, high)) for _ in "tb")
    return image.crop((left, top, image.width - right, image.height - bottom))


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
    "cropped_3": lambda im, b, r: encode(  # 2–4 % off each side, about 3 %
        on(crop_sides(fit(im, 256), r, 0.02, 0.04), (255, 255, 255)), "PNG"
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


# ---------------------------------------------------------------- work done in the pool
MASK_SIDE = 64  # shapes compared at this size to find the same mark under two slugs
SAME_MARK_PIXELS = 0.015  # masks differing on at most this share of pixels: one identity
SAME_MARK_ASPECT = 0.05
SAME_MARK_COLOUR = 6.0  # and on white their pixels differ by at most this much on average


@dataclass
class Query:
    transform: str
    fingerprint: Fingerprint | None  # None: the bytes could not be decoded
    baseline: int  # imagehash pHash as int, for the baseline
    data: bytes | None = None  # kept only for the timed and cached passes


@dataclass
class Worked:
    brand: Brand
    reference: Fingerprint
    reference_hash: int
    shape: np.ndarray  # packed MASK_SIDE² mask
    thumb: np.ndarray  # MASK_SIDE² RGB on white
    aspect: float
    queries: list[Query] = field(default_factory=list)


def transform_rng(seed: int, *parts: str) -> random.Random:
    return random.Random(f"{seed}:{':'.join(parts)}")


def fingerprint_bytes(data: bytes) -> tuple[Fingerprint | None, int]:
    """The matcher's fingerprint of query bytes, and the baseline's plain pHash."""
    try:
        decoded = decode_image(data)
    except Exception:
        return None, 0
    fp = fingerprint_image(decoded.image, decoded.width, decoded.height)
    return fp, baseline_hash(decoded.image)


def baseline_hash(image: Image.Image) -> int:
    """Plain imagehash pHash of the image flattened on white (as its maintainer advises)."""
    plate = Image.new("RGBA", image.size, (255, 255, 255, 255))
    plate.alpha_composite(image.convert("RGBA"))
    return int(str(imagehash.phash(plate.convert("RGB"))), 16)


def thumbnail(image: Image.Image) -> np.ndarray:
    """The logo on white at MASK_SIDE², as RGB: what "renders identically" compares."""
    small = image.resize((MASK_SIDE, MASK_SIDE), Image.Resampling.BOX)
    plate = Image.new("RGBA", small.size, (255, 255, 255, 255))
    plate.alpha_composite(small)
    return np.asarray(plate.convert("RGB"))


def shape_mask(thumb: np.ndarray) -> np.ndarray:
    """Where the logo shows ink on white, packed: a cheap first filter for identical renders."""
    return np.packbits(thumb.min(axis=2) < 180)


def work_brand(task: tuple[Brand, tuple[str, ...], int, bool]) -> Worked | None:
    brand, transforms, seed, keep = task
    _FITTED.clear()
    image = render(brand.svg)
    if image is None:
        return None
    ref = fit(image, 512)
    worked = Worked(
        brand,
        fingerprint_reference(ref, ref.width, ref.height),
        baseline_hash(ref),
        shape_mask(thumb := thumbnail(image)),
        thumb,
        image.width / image.height,
    )
    for name in transforms:
        data = TRANSFORMS[name](image, brand, transform_rng(seed, brand.name, name))
        fp, base = fingerprint_bytes(data)
        worked.queries.append(Query(name, fp, base, data if keep else None))
    return worked


def work_photo(task: tuple[int, int, bool]) -> Query:
    index, seed, keep = task
    data = photo_like(transform_rng(seed, "photo", str(index)))
    fp, base = fingerprint_bytes(data)
    return Query("photo", fp, base, data if keep else None)


# ---------------------------------------------------------------- identities
def identities(worked: list[Worked]) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Identity per logo name: one per brand key, merged where two brands' shapes coincide."""
    parent = list(range(len(worked)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_of_key: dict[str, int] = {}
    for i, w in enumerate(worked):
        j = first_of_key.setdefault(w.brand.key, i)
        parent[find(i)] = find(j)
    shapes = np.ascontiguousarray(np.stack([w.shape for w in worked])).view(np.uint64)
    aspects = np.log([w.aspect for w in worked])
    limit = SAME_MARK_PIXELS * MASK_SIDE * MASK_SIDE
    merged = []
    for start in range(0, len(worked), 256):
        block = shapes[start : start + 256]
        bits = np.bitwise_count(block[:, None, :] ^ shapes[None, :, :]).sum(axis=2)
        close = (bits <= limit) & (
            np.abs(aspects[start : start + 256, None] - aspects[None, :]) < SAME_MARK_ASPECT
        )
        for a, b in zip(*np.nonzero(close), strict=True):
            a += start
            if a >= b or find(a) == find(b):
                continue
            gap = np.abs(worked[a].thumb.astype(np.int16) - worked[b].thumb.astype(np.int16))
            if gap.mean() <= SAME_MARK_COLOUR:
                parent[find(a)] = find(b)
                merged.append((worked[a].brand.name, worked[b].brand.name))
    return {w.brand.name: find(i) for i, w in enumerate(worked)}, merged


# ---------------------------------------------------------------- scoring
@dataclass
class Tally:
    mine: int = 0
    identified: int = 0
    faithful: int = 0
    wrong: int = 0
    alien: int = 0
    false: int = 0
    same_mark: int = 0  # another slug of the same mark (not counted as false)


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:6.2f}%" if b else "     -"


def percentiles(values: list[int]) -> str:
    if not values:
        return "-"
    p = np.percentile(values, [0, 1, 5, 50, 95, 99, 100]).round().astype(int)
    return "min {} p1 {} p5 {} p50 {} p95 {} p99 {} max {}".format(*p)


class Guideline:
    """One benchmark guideline: sampled brands plus the redesigns, as index and baseline."""

    def __init__(self, brands: list[Worked], redesigns: list[tuple[Worked, Worked]]):
        brands = [w for w in brands if not w.reference.blank]  # the index skips blank logos
        redesigns = [p for p in redesigns if not (p[0].reference.blank or p[1].reference.blank)]
        entries = [(w, "approved") for w in brands]
        for old, new in redesigns:
            entries += [(new, "approved"), (old, "deprecated")]
        self.worked = [w for w, _ in entries]
        self.brand_count = len(brands)
        self.index = ReferenceIndex(
            [ReferenceLogo(w.brand.name, s, w.reference) for w, s in entries]  # type: ignore[arg-type]
        )
        self.names = [r.name for r in self.index.references]
        self.position = {name: i for i, name in enumerate(self.names)}
        self.baseline = np.asarray([w.reference_hash for w in self.worked], dtype=np.uint64)
        self.baseline_names = [w.brand.name for w in self.worked]

    def nearest_baseline(self, value: int) -> tuple[str, int]:
        bits = np.bitwise_count(self.baseline ^ np.uint64(value))
        best = int(bits.argmin())
        return self.baseline_names[best], int(bits[best])


class Scores:
    def __init__(self, identity: dict[str, int]):
        self.identity = identity
        self.tallies: dict[str, Tally] = defaultdict(Tally)
        self.own: dict[str, list[int]] = defaultdict(list)
        self.wrong_nearest: list[int] = []
        self.alien_nearest: list[int] = []
        self.baseline: list[tuple[str, bool, int, bool]] = []  # transform, mine, bits, right
        self.misses: list[tuple[str, str, str, str]] = []  # kind, transform, query, matched

    def score(self, guide: Guideline, query: Query, expected: str | None, source: str) -> None:
        tally = self.tallies[query.transform]
        match: LogoMatch | None = None
        if query.fingerprint is not None:
            match = guide.index.match(query.fingerprint)
            per_logo, ratios, _ = guide.index.distances(query.fingerprint)
            scores = per_logo + 400 * np.abs(np.log(ratios))
        same = bool(match) and self.identity.get(match.logo) == self.identity.get(source)
        if expected is not None:
            tally.mine += 1
            if query.fingerprint is not None:
                at = guide.position[expected]
                self.own[query.transform].append(int(per_logo[at]))
                if query.transform.startswith("cropped") and not query.fingerprint.blank:
                    table = guide.index._table(query.fingerprint)
                    cut = guide.index._per_logo(table, query.fingerprint, guide.index.cropped)
                    self.own[query.transform + " (cut views)"].append(int(cut[0][at]))
                others = np.delete(scores, at)
                if len(others):
                    self.wrong_nearest.append(int(others.min()))
            if match and same:
                tally.identified += 1
                tally.faithful += match.verdict == "faithful"
            elif match:
                tally.wrong += 1
                self.misses.append(("wrong", query.transform, source, match.logo))
            else:
                self.misses.append(("missed", query.transform, source, ""))
        else:
            tally.alien += 1
            if query.fingerprint is not None:
                self.alien_nearest.append(int(scores.min()))
            if match and same:
                tally.same_mark += 1
            elif match:
                tally.false += 1
                self.misses.append(("false", query.transform, source, match.logo))
        name, bits = guide.nearest_baseline(query.baseline)
        right = self.identity.get(name) == self.identity.get(source)
        self.baseline.append((query.transform, expected is not None, bits, right))

    def print_table(self, transforms: list[str]) -> None:
        print("\nIdentification (guideline brands) and false matches (other brands, photos):")
        print(
            f"{'transform':<12} {'identified':>10} {'faithful':>9} {'wrong':>7} {'n':>6}   "
            f"{'false match':>11} {'n':>6} {'same mark':>9}"
        )
        false = total = 0
        for transform in transforms:
            t = self.tallies[transform]
            false += t.false + t.wrong
            total += t.alien + t.mine
            print(
                f"{transform:<12} {pct(t.identified, t.mine):>10} {pct(t.faithful, t.mine):>9} "
                f"{pct(t.wrong, t.mine):>7} {t.mine:>6}   "
                f"{pct(t.false + t.wrong, t.alien + t.mine):>11} {t.alien:>6} {t.same_mark:>9}"
            )
        print(f"all false matches: {false} of {total} queries ({100 * false / total:.3f}%)")

    def print_distances(self) -> None:
        print("\nDistance distributions (bits), used to set the thresholds:")
        for transform, values in self.own.items():
            print(f"  own logo  {transform:<12} {percentiles(values)}")
        print(f"  nearest wrong logo (guideline queries) {percentiles(self.wrong_nearest)}")
        print(f"  nearest logo (other brands + photos)   {percentiles(self.alien_nearest)}")

    def print_baseline(self, transforms: list[str], target: float = 0.002) -> None:
        """imagehash pHash, nearest reference, with the loosest threshold meeting `target`."""
        rows = self.baseline
        chosen = 0
        for limit in range(0, 33):
            false = sum(1 for _, mine, bits, right in rows if bits <= limit and not right)
            if false / len(rows) <= target:
                chosen = limit
        print(
            f"\nBaseline: plain imagehash pHash (64 bits) of the image on white, nearest "
            f"reference, match at ≤ {chosen} bits (loosest with ≤ {100 * target:.1f} % false):"
        )
        cells = []
        for transform in transforms:
            mine = [(b, r) for t, m, b, r in rows if t == transform and m]
            alien = [(b, r) for t, m, b, r in rows if t == transform and not m]
            ident = sum(1 for b, r in mine if b <= chosen and r)
            false = sum(1 for b, r in mine + alien if b <= chosen and not r)
            shares = pct(ident, len(mine)).strip(), pct(false, len(mine) + len(alien)).strip()
            cells.append(f"{transform} {shares[0]} / {shares[1]}")
        for i in range(0, len(cells), 4):
            print("  " + "; ".join(cells[i : i + 4]))
        print("  (identified / false match per transform)")


# ---------------------------------------------------------------- timed passes
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
    print(f"wrote {min(len(misses), 300)} misses to {folder}")


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
            groups[-2] += groups.pop()
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
    if os.environ.get("BENCH_VERBOSE"):
        print("\n".join(notes))

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
