"""The guideline's logos, fingerprinted once per guideline for whole images and banners."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from PIL import Image

from brand_assets.guideline import Guideline, Logo
from checks.imaging.banner import BannerSearch
from checks.imaging.decode import ImageDecodeError, decode_image
from checks.imaging.fingerprint import fingerprint_reference
from checks.imaging.matcher import ReferenceIndex, ReferenceLogo


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


_MEMO: dict[tuple, GuidelineLogos] = {}


def guideline_logos(guideline: Guideline) -> GuidelineLogos:
    """Fingerprint the guideline's logos (memoised on the files' paths and modification times)."""
    entries = guideline.all_logos
    paths = [guideline.logo_path(logo) for logo, _ in entries]
    key = tuple(
        (logo.name, status, str(path), path.stat().st_mtime_ns if path.exists() else 0)
        for (logo, status), path in zip(entries, paths, strict=True)
    )
    if key not in _MEMO:
        _MEMO.clear()  # one guideline per audit; keep memory flat
        _MEMO[key] = _build(guideline)
    return _MEMO[key]


def _build(guideline: Guideline) -> GuidelineLogos:
    logos, images, references = [], [], []
    for logo, status in guideline.all_logos:
        path = guideline.logo_path(logo)
        try:
            decoded = decode_image(path.read_bytes())
        except (OSError, ImageDecodeError) as exc:
            reason = getattr(exc, "reason", None) or str(exc)
            raise GuidelineLogoError(f"guideline logo '{logo.name}' ({path}): {reason}") from None
        fingerprint = fingerprint_reference(decoded.image, decoded.width, decoded.height)
        if fingerprint.blank:
            continue  # an empty (fully transparent) logo matches nothing
        logos.append(logo)
        images.append(decoded.image)
        references.append(ReferenceLogo(logo.name, status, fingerprint))  # type: ignore[arg-type]
    return GuidelineLogos(tuple(logos), tuple(images), ReferenceIndex(references))
