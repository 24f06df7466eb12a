"""The artifacts a crawl hands to the checks: plain, frozen, serialisable data.

Checks depend on these types only, never on Scrapy or Playwright, so every check can be
tested on artifacts built by hand.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any, Literal

TextSource = Literal[
    "text",  # visible text of an element
    "alt",  # alt attribute of an image
    "title_attr",  # title attribute of any element
    "title",  # the document <title>
    "meta_description",
    "og_title",
    "og_description",
    "jsonld",  # a name/description string inside JSON-LD
    "aria_label",  # aria-label attribute: what screen readers announce
]

ImageKind = Literal[
    "img",
    "srcset",
    "picture",
    "favicon",
    "touch_icon",
    "og_image",
    "twitter_image",
    "inline_svg",
    "css_background",
    "object",  # <object data> or <embed src> showing an image
    "pdf_page",  # a PDF page rendered to pixels (vector logos); its text is read, not OCR'd
    "pdf_image",  # a picture embedded in a PDF page
    "document",  # an offline picture listed in touchpoints.documents (scan, photo)
]


@dataclass(frozen=True)
class TextBlock:
    """One piece of visible (or metadata) text and the CSS selector that locates it."""

    text: str
    selector: str
    source: TextSource = "text"


@dataclass(frozen=True)
class Box:
    """A displayed size in CSS pixels (from markup attributes, or from layout when rendered)."""

    width: float
    height: float


@dataclass(frozen=True)
class ImageRef:
    """A reference from a page to an image, with where it sits and how big it is shown.

    `url` is absolute. Inline SVG gets the pseudo URL ``inline-svg:<sha256>`` and its markup
    is stored like any fetched image.
    """

    url: str
    kind: ImageKind
    selector: str
    alt: str | None = None
    displayed: Box | None = None


@dataclass(frozen=True)
class Rect:
    """An element's box on a rendered page, in CSS pixels from the page's top-left."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class ColorSample:
    """A computed colour of a prominent element of a rendered page, with its area."""

    selector: str
    property: str  # "color", "background-color", "border-color"
    value: str  # as Chromium computed it: rgb(...), oklch(...), ...
    area: float  # CSS px² the colour covers (element box; text: box of the text)
    role: str = ""  # "background", "button", "link", "heading", "text"


@dataclass(frozen=True)
class FontUse:
    """The font family visible text is actually set in (first available of its stack)."""

    selector: str
    family: str  # the family used, e.g. "Inter"
    stack: str  # the computed font-family declaration
    sample: str  # a few words of the text set in it
    chars: int = 0  # how many characters of visible text use it here


@dataclass(frozen=True)
class PageArtifact:
    """What a crawl kept of one page."""

    url: str
    status: int
    title: str = ""
    lang: str | None = None
    touchpoint: str = "website"
    text_blocks: tuple[TextBlock, ...] = ()
    images: tuple[ImageRef, ...] = ()
    rendered: bool = False
    css_may_resize: bool = False  # unrendered: CSS may change image boxes (layout_hints.py)
    depth: int = 0
    referrer: str | None = None
    # Filled only for rendered pages:
    colors: tuple[ColorSample, ...] = ()
    fonts: tuple[FontUse, ...] = ()
    screenshot: str | None = None  # sha256 of a full-page PNG stored as a blob
    rects: dict[str, Rect] = field(default_factory=dict)  # selector -> box, for evidence crops


@dataclass(frozen=True)
class ImageArtifact:
    """One distinct image URL as fetched: its bytes are stored once per content hash."""

    url: str
    status: int | None
    content_type: str | None = None
    sha256: str | None = None  # None when nothing usable was downloaded
    size_bytes: int = 0
    error: str | None = None


@dataclass(frozen=True)
class CrawlError:
    """A page or image that could not be fetched or parsed; becomes a `crawl.error` finding."""

    url: str
    kind: Literal["page", "image"]
    reason: str
    status: int | None = None
    referrer: str | None = None
    touchpoint: str = "website"


@dataclass(frozen=True)
class CrawlMeta:
    """Facts about the crawl itself, kept beside the artifacts."""

    seeds: tuple[str, ...] = ()
    started: str = ""
    finished: str = ""
    stats: dict[str, Any] = field(default_factory=dict)


def to_dict(obj: Any) -> dict[str, Any]:
    """Serialise an artifact to plain JSON-able data: what `dataclasses.asdict` gives, key
    order included, without its generic deep copy (a third of writing a page)."""
    return _plain(obj)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if kind is tuple or kind is list:
        return kind(_plain(item) for item in value)
    if kind is dict:
        return {_plain(key): _plain(item) for key, item in value.items()}
    return asdict_value(value)


def asdict_value(value: Any) -> Any:
    """Anything else exactly as `asdict` treats it (named tuples, subclasses, other objects)."""
    return asdict(_Holder(value))["value"]


@dataclass(frozen=True)
class _Holder:
    value: Any


def page_from_dict(data: dict[str, Any]) -> PageArtifact:
    return PageArtifact(
        **{
            **data,
            "text_blocks": tuple(TextBlock(**b) for b in data.get("text_blocks", ())),
            "images": tuple(_image_ref_from_dict(i) for i in data.get("images", ())),
            "colors": tuple(ColorSample(**c) for c in data.get("colors", ())),
            "fonts": tuple(FontUse(**f) for f in data.get("fonts", ())),
            "rects": {k: Rect(**r) for k, r in data.get("rects", {}).items()},
        }
    )


def _image_ref_from_dict(data: dict[str, Any]) -> ImageRef:
    box = data.get("displayed")
    return ImageRef(**{**data, "displayed": Box(**box) if box else None})


def image_from_dict(data: dict[str, Any]) -> ImageArtifact:
    return ImageArtifact(**data)


def error_from_dict(data: dict[str, Any]) -> CrawlError:
    return CrawlError(**data)


def meta_from_dict(data: dict[str, Any]) -> CrawlMeta:
    return CrawlMeta(**{**data, "seeds": tuple(data.get("seeds", ()))})
