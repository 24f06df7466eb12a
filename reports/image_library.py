"""The images of one report.html, each embedded once however often it is shown.

A logo on every page of a site would otherwise be embedded once per finding (a 500-page
audit made a 20 MB report). Each distinct thumbnail becomes one SVG `<image>` definition
with an id; every place that shows it draws `<use href="#id">`, which prints like any
image and, like `<img>`, runs nothing from the crawled file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.crawler.run_store import CrawlResult
from brandaudit.reports.thumbnails import Thumbnail, crop_thumbnail, file_thumbnail, thumbnail


@dataclass(frozen=True)
class Picture:
    """A reference to an embedded image: its definition id and natural thumbnail size."""

    id: str
    width: int
    height: int


class ImageLibrary:
    """Thumbnails of crawled images and guideline logos, computed and numbered once."""

    def __init__(self, result: CrawlResult | None, guideline: Guideline | None) -> None:
        self.result = result
        self.guideline = guideline
        self._ids: dict[str, Picture] = {}  # data URI -> picture, in order of first use
        self.found = cache(self._found)
        self.logo = cache(self._logo)
        self.text_crop = cache(self._text_crop)

    def _register(self, thumb: Thumbnail | None) -> Picture | None:
        if thumb is None:
            return None
        if thumb.data_uri not in self._ids:
            self._ids[thumb.data_uri] = Picture(
                f"img-{len(self._ids) + 1}", thumb.width, thumb.height
            )
        return self._ids[thumb.data_uri]

    def _found(self, image_url: str) -> Picture | None:
        """The crawled image at `image_url`, if the crawl kept readable bytes for it."""
        if self.result is None or (image := self.result.images.get(image_url)) is None:
            return None
        return self._register(thumbnail(self.result.image_bytes(image), image.content_type))

    def _text_crop(self, image_url: str, box: tuple[int, int, int, int]) -> Picture | None:
        """The part of a crawled picture where text was read (OCR findings)."""
        if self.result is None or (image := self.result.images.get(image_url)) is None:
            return None
        return self._register(
            crop_thumbnail(self.result.image_bytes(image), box, image.content_type)
        )

    def _logo(self, name: str) -> Picture | None:
        """The guideline logo called `name`."""
        if self.guideline is None:
            return None
        for logo, _status in self.guideline.all_logos:
            if logo.name == name:
                return self._register(file_thumbnail(self.guideline.logo_path(logo)))
        return None

    def replacement(self, name: str) -> str | None:
        """The approved logo that replaces deprecated logo `name`, if the guideline names one."""
        if self.guideline is None:
            return None
        for logo in self.guideline.logos.deprecated:
            if logo.name == name and logo.replaced_by:
                return logo.replaced_by
        return None

    def definitions(self) -> list[tuple[Picture, str]]:
        """Every embedded picture with its data URI, in order of first use."""
        return [(picture, uri) for uri, picture in self._ids.items()]
