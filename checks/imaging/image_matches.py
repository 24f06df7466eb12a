"""Match every distinct image of a crawl against the guideline logos, once per content hash.

Both the logo check and the logo inventory need the same answers, so they are computed once
per (CrawlResult, guideline) and memoised; fingerprints also go through the on-disk
`HashCache`, so a re-audit of the same images decodes none of them. Logos found inside a
banner are cached too, under a version of the guideline's logo set, so a re-audit does not
search the banner again, while a changed logo (or a new search algorithm) does. A picture is
decoded once, at the banner search's working size; its fingerprint is taken from a copy
capped at the usual working size.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from PIL import Image

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.imaging.banner_search import SEARCH_VERSION, is_banner_sized
from brandaudit.checks.imaging.fingerprints import Fingerprint, HashCache, fingerprint_image
from brandaudit.checks.imaging.guideline_logos import GuidelineLogos, guideline_logos
from brandaudit.checks.imaging.matching import LogoMatch, judge
from brandaudit.checks.imaging.picture import (
    WORKING_SIDE,
    DecodedImage,
    ImageDecodeError,
    decode_image,
)
from brandaudit.crawler.run_store import CrawlResult

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


def crawl_logo_matches(result: CrawlResult, guideline: Guideline) -> CrawlLogoMatches:
    """Outcomes for every fetched image of the crawl: computed once per audit (the crawl's
    derived data, shared by the website and touchpoint logo checks) and per guideline."""
    per_guideline = result.derived_once("imaging.logo_matches", dict)
    held = per_guideline.get(id(guideline))
    if held is None or held[0] is not guideline:
        held = per_guideline[id(guideline)] = (guideline, _match_images(result, guideline))
    return held[1]


def _match_images(result: CrawlResult, guideline: Guideline) -> CrawlLogoMatches:
    logos = guideline_logos(guideline)
    cache = HashCache()
    logo_set = functools.cache(lambda: logo_set_version(logos))
    try:
        outcomes: dict[str, ImageOutcome] = {}
        for image in result.images.values():
            if image.sha256 is None or image.sha256 in outcomes:
                continue
            data = result.image_bytes(image)
            if data is not None:
                outcomes[image.sha256] = _outcome(image.sha256, data, logos, cache, logo_set)
    finally:
        cache.close()
    return CrawlLogoMatches(outcomes, logos)


def logo_set_version(logos: GuidelineLogos) -> str:
    """A digest of everything the banner search depends on: the search's own version, and each
    guideline logo's name, status, pixels and fingerprint."""
    digest = hashlib.sha256(SEARCH_VERSION.encode())
    for reference, image in zip(logos.index.references, logos.images, strict=True):
        fp = reference.fingerprint
        digest.update(f"{reference.name}\0{reference.status}\0{image.size}\0".encode())
        for part in (fp.bits, fp.aspects, fp.colours, fp.sides, fp.cropped_views):
            digest.update(part.tobytes())
        digest.update(image.tobytes())
    return digest.hexdigest()[:32]


def _outcome(
    sha256: str, data: bytes, logos: GuidelineLogos, cache: HashCache, logo_set: Callable[[], str]
) -> ImageOutcome:
    cached = cache.get(sha256)
    if isinstance(cached, str):
        return ImageOutcome(sha256, error=cached)
    decoded: DecodedImage | None = None
    if isinstance(cached, Fingerprint):
        fingerprint = cached
    else:
        try:
            # Decoded once, large enough for the banner search should the picture need it.
            decoded = decode_image(data, working_side=BANNER_WORKING_SIDE)
        except ImageDecodeError as exc:
            cache.put(sha256, exc.reason)
            return ImageOutcome(sha256, error=exc.reason)
        fingerprint = fingerprint_image(working_copy(decoded.image), decoded.width, decoded.height)
        cache.put(sha256, fingerprint)
    width, height = fingerprint.width, fingerprint.height
    whole = logos.index.match(fingerprint)
    if not searches_inside(whole, width, height):
        return ImageOutcome(sha256, width, height, (whole,) if whole else ())
    version = logo_set()
    rows = cache.get_inside(sha256, version)
    found = _from_rows(rows) if rows is not None else None
    if found is None:
        found = _inside(decoded, data, logos)
        cache.put_inside(sha256, version, [asdict(match) for match in found])
    if whole is not None and (not found or any(m.logo == whole.logo for m in found)):
        return ImageOutcome(sha256, width, height, (whole,))  # the file is that logo, altered
    return ImageOutcome(sha256, width, height, found)


def searches_inside(whole: LogoMatch | None, width: int, height: int) -> bool:
    """A banner-sized picture is searched inside unless it is faithfully a logo as a whole:
    a loose whole-picture resemblance (a photo roughly like a plain mark) must not hide the
    logo printed on it; logos found inside then replace that resemblance."""
    return is_banner_sized(width, height) and (whole is None or whole.verdict != "faithful")


def working_copy(image: Image.Image) -> Image.Image:
    """The picture at the working size every fingerprint is taken at."""
    if max(image.size) <= WORKING_SIDE:
        return image
    small = image.copy()
    small.thumbnail((WORKING_SIDE, WORKING_SIDE), Image.Resampling.LANCZOS)
    return small


def _from_rows(rows: list[dict]) -> tuple[LogoMatch, ...] | None:
    """Cached hits back as matches; None (search again) if a row does not fit LogoMatch."""
    try:
        return tuple(
            LogoMatch(**{**row, "region": tuple(row["region"]) if row.get("region") else None})
            for row in rows
        )
    except (TypeError, KeyError, AttributeError):
        return None


def _inside(
    decoded: DecodedImage | None, data: bytes, logos: GuidelineLogos
) -> tuple[LogoMatch, ...]:
    """Logos found inside a banner-sized picture, each with its region in file pixels."""
    if decoded is None:
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
