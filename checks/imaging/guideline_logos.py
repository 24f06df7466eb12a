"""The guideline's logos, fingerprinted once per guideline for whole images and banners.

A logo's reference fingerprint (some 20 extra views: favicon sizes, cuts, reversed and
background views) costs ~0.1-0.25 s of CPU, so a guideline of 500 logos took minutes before
every audit. Reference fingerprints are kept in the hash cache
(references/cached_reference.py) under the SHA-256 of REFERENCE_KEY, the fingerprint code's
version and the logo file's bytes: a re-audit with the same logo files builds none, a changed
file or changed fingerprint code builds again. The files are still decoded (cheap), so a
broken one is reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from PIL import Image

from brandaudit.brand_assets.guideline import Guideline, Logo
from brandaudit.checks.imaging.banner_search import BannerSearch
from brandaudit.checks.imaging.fingerprints import HashCache
from brandaudit.checks.imaging.matching import ReferenceIndex, ReferenceLogo
from brandaudit.checks.imaging.picture import ImageDecodeError, decode_image
from brandaudit.checks.imaging.references.cached_reference import cached_reference
from brandaudit.checks.imaging.references.cached_reference import reference_key as keyed

REFERENCE_KEY = b"brandaudit guideline logo"  # a reference is not the picture's query fingerprint


class GuidelineLogoError(Exception):
    """A guideline logo file that cannot be decoded: the audit cannot judge logos without it."""


@dataclass(frozen=True)
class GuidelineLogos:
    """Guideline logos and fingerprints, approved first; `images[i]` is `index.references[i]`."""

    logos: tuple[Logo, ...]
    images: tuple[Image.Image, ...]
    index: ReferenceIndex

    def logo(self, name: str) -> Logo:
        return next(logo for logo in self.logos if logo.name == name)

    @cached_property
    def banners(self) -> BannerSearch:
        """SIFT descriptors, built only when a page has a banner-sized picture."""
        return BannerSearch(self.images, self.index)  # reuses the fingerprints


# Not per-audit data (that is the crawl's, CrawlResult.derived_once): derived from the logo
# files alone (key: paths + modification times), so it outlives an audit like the on-disk
# hash cache does, and holds one guideline at a time.
_MEMO: dict[tuple, GuidelineLogos] = {}


def guideline_logos(guideline: Guideline, cache: HashCache | None = None) -> GuidelineLogos:
    """Fingerprint the guideline's logos (memoised on the files' paths and modification times,
    and each logo's fingerprint cached by content in `cache`, by default the user's)."""
    entries = guideline.all_logos
    paths = [guideline.logo_path(logo) for logo, _ in entries]
    key = tuple(
        (logo.name, status, str(path), path.stat().st_mtime_ns if path.exists() else 0)
        for (logo, status), path in zip(entries, paths, strict=True)
    )
    if key not in _MEMO:
        _MEMO.clear()  # one guideline per audit; keep memory flat
        store = cache if cache is not None else HashCache()
        try:
            _MEMO[key] = _build(guideline, store)
        finally:
            if cache is None:
                store.close()
    return _MEMO[key]


def reference_key(data: bytes) -> str:
    """The cache key of a logo file's reference fingerprint."""
    return keyed(REFERENCE_KEY, data)


def _build(guideline: Guideline, cache: HashCache) -> GuidelineLogos:
    logos, images, references = [], [], []
    for logo, status in guideline.all_logos:
        path = guideline.logo_path(logo)
        try:
            data = path.read_bytes()
            decoded = decode_image(data)
        except (OSError, ImageDecodeError) as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            raise GuidelineLogoError(f"guideline logo '{logo.name}' ({path}): {reason}") from None
        key = reference_key(data)
        fingerprint = cached_reference(cache, key, decoded.image, decoded.width, decoded.height)
        if fingerprint.blank:
            continue  # an empty (fully transparent) logo matches nothing
        logos.append(logo)
        images.append(decoded.image)
        references.append(ReferenceLogo(logo.name, status, fingerprint))  # type: ignore[arg-type]
    return GuidelineLogos(tuple(logos), tuple(images), ReferenceIndex(references))
