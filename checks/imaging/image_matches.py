"""Match every distinct image of a crawl against the guideline logos, once per content hash.

Both the logo check and the logo inventory need the same answers, so they are computed once
per (CrawlResult, guideline) and memoised; fingerprints also go through the on-disk
`HashCache`, so a re-audit of the same images decodes none of them.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, replace

from brand_assets.guideline import Guideline
from checks.imaging.banner import is_banner_sized
from checks.imaging.decode import ImageDecodeError, decode_image
from checks.imaging.fingerprint import Fingerprint, fingerprint_image
from checks.imaging.guideline_logos import GuidelineLogos, guideline_logos
from checks.imaging.hash_cache import HashCache
from checks.imaging.matcher import LogoMatch, judge
from crawler.run_store import CrawlResult

BANNER_WORKING_SIDE = 1600


@dataclass(frozen=True)
class ImageOutcome:
    """What one image content turned out to be."""

    sha256: str
    width: int = 0  # intrinsic size
    height: int = 0
    matches: tuple[LogoMatch, ...] = ()  # whole image first, then logos found inside it
    error: str | None = None  # why the bytes could not be decoded


@dataclass(frozen=True)
class CrawlLogoMatches:
    outcomes: dict[str, ImageOutcome]  # by sha256
    logos: GuidelineLogos


_MEMO: dict[tuple[int, int], tuple[weakref.ref, weakref.ref, CrawlLogoMatches]] = {}


def crawl_logo_matches(result: CrawlResult, guideline: Guideline) -> CrawlLogoMatches:
    """Outcomes for every fetched image of the crawl (memoised per result and guideline)."""
    key = (id(result), id(guideline))
    held = _MEMO.get(key)
    if held and held[0]() is result and held[1]() is guideline:
        return held[2]
    logos = guideline_logos(guideline)
    cache = HashCache()
    try:
        outcomes: dict[str, ImageOutcome] = {}
        for image in result.images.values():
            if image.sha256 is None or image.sha256 in outcomes:
                continue
            data = result.image_bytes(image)
            if data is not None:
                outcomes[image.sha256] = _outcome(image.sha256, data, logos, cache)
    finally:
        cache.close()
    value = CrawlLogoMatches(outcomes, logos)
    for stale in [k for k, (r, g, _) in _MEMO.items() if r() is None or g() is None]:
        del _MEMO[stale]
    _MEMO[key] = (weakref.ref(result), weakref.ref(guideline), value)
    return value


def _outcome(sha256: str, data: bytes, logos: GuidelineLogos, cache: HashCache) -> ImageOutcome:
    cached = cache.get(sha256)
    decoded = None
    if isinstance(cached, str):
        return ImageOutcome(sha256, error=cached)
    if isinstance(cached, Fingerprint):
        fingerprint = cached
    else:
        try:
            decoded = decode_image(data)
        except ImageDecodeError as exc:
            cache.put(sha256, exc.reason)
            return ImageOutcome(sha256, error=exc.reason)
        fingerprint = fingerprint_image(decoded.image, decoded.width, decoded.height)
        cache.put(sha256, fingerprint)
    width, height = fingerprint.width, fingerprint.height
    whole = logos.index.match(fingerprint)
    if whole is not None or not is_banner_sized(width, height):
        return ImageOutcome(sha256, width, height, (whole,) if whole else ())
    return ImageOutcome(sha256, width, height, _inside(data, logos))


def _inside(data: bytes, logos: GuidelineLogos) -> tuple[LogoMatch, ...]:
    """Logos found inside a banner-sized picture, each with its region in file pixels."""
    try:
        decoded = decode_image(data, working_side=BANNER_WORKING_SIDE)
    except ImageDecodeError:
        return ()
    scale = decoded.width / decoded.image.width
    found = []
    for hit in logos.banners.search(decoded.image):
        x, y, w, h = hit.region
        crop = decoded.image.crop((x, y, x + w, y + h))
        fingerprint = fingerprint_image(crop, crop.width, crop.height)
        reference = logos.index.references[hit.index]
        per_logo, ratios, _ = logos.index.distances(fingerprint)
        match = judge(reference, fingerprint, int(per_logo[hit.index]), float(ratios[hit.index]))
        region = tuple(round(v * scale) for v in (x, y, w, h))
        # Geometry already proved the identity; a plate around the logo is not an alteration.
        found.append(replace(match, verdict="faithful", reason=None, region=region))
    return tuple(found)
