"""Logo bench queries: each brand's reference fingerprint and its transformed queries (made in
a process pool, through the same bytes → decode → fingerprint path as the check), and the
identities: brands whose marks render alike count as one.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import imagehash
import numpy as np
from logo_bench_data import Brand, render
from logo_bench_transforms import _FITTED, TRANSFORMS, fit, photo_like
from PIL import Image

from brandaudit.checks.imaging.fingerprints import Fingerprint, fingerprint_image
from brandaudit.checks.imaging.picture import decode_image
from brandaudit.checks.imaging.references import fingerprint_reference

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
