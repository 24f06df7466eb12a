"""Logo bench dataset: the real logos (simple-icons, gilbarbara, redesigns) and their renders.

Each brand is one identity key with its logo file; simple-icons paths are drawn in the
brand's own colour, as the brand shows them.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import cairosvg
from PIL import Image

RENDER_SIDE = 1024


@dataclass(frozen=True)
class Brand:
    key: str  # brand identity: two files with one key are the same brand
    name: str  # logo name in the guideline
    svg: bytes
    hex: str | None


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


def _host(url: str | None) -> str:
    host = urlparse(url or "").netloc.lower()
    return host.removeprefix("www.")


def _si_key(meta: dict) -> str:
    """A simple-icons brand's key: its slug (given, or derived from its title)."""
    return meta.get("slug") or si_slug(meta["title"])


def _gb_key(entry: dict) -> str:
    """A gilbarbara brand's key: its shortname, letters and digits only."""
    return re.sub(r"[^a-z0-9]", "", entry["shortname"].lower())


def same_brand_slugs(meta: list[dict], entries: list[dict]) -> dict[str, str]:
    """gilbarbara shortname key -> simple-icons slug, where the two datasets name one brand
    differently ("semaphore" / "semaphoreci", "openapi" / "openapiinitiative").

    The same brand when the display names are equal, or when the gilbarbara site is the site
    of exactly one simple-icons brand (its source or guidelines) and no other gilbarbara
    brand, and the two keys start alike. Without this, one brand's two files count as a
    false match of each other.
    """
    # (a slug set apart from its title, as "spring_creators", is a homonym: not joined by name)
    titled = {si_slug(m["title"]) for m in meta if "slug" not in m}
    on_host: dict[str, set[str]] = defaultdict(set)
    for m in meta:
        for url in (m.get("source"), m.get("guidelines")):
            if _host(url):
                on_host[_host(url)].add(_si_key(m))
    gb_hosts = Counter(_host(entry.get("url")) for entry in entries)
    known = {_si_key(m) for m in meta}
    joined: dict[str, str] = {}
    for entry in entries:
        key = _gb_key(entry)
        if key in known:
            continue
        host = _host(entry.get("url"))
        by_host = on_host.get(host, set()) if gb_hosts[host] == 1 else set()
        if si_slug(entry["name"]) in titled:
            joined[key] = si_slug(entry["name"])
        elif len(by_host) == 1 and next(iter(by_host))[:4] == key[:4]:
            joined[key] = next(iter(by_host))
    return joined


def load_brands(root: Path) -> tuple[list[Brand], list[tuple[Brand, Brand]]]:
    meta = json.loads((root / "simple-icons/simple-icons.json").read_text())
    hexes = {_si_key(m): m["hex"] for m in meta}
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
    entries = json.loads((root / "gilbarbara/logos.json").read_text())
    joined = same_brand_slugs(meta, entries)
    for entry in entries:
        key = _gb_key(entry)
        key = joined.get(key, key)
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
