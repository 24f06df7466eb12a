"""Logo bench dataset: the real logos (simple-icons, gilbarbara, redesigns) and their renders.

Each brand is one identity key with its logo file; simple-icons paths are drawn in the
brand's own colour, as the brand shows them.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
