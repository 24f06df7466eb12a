"""Profile links carried by QR codes in the website's images.

A Chinese brand site's footer typically shows its WeChat official account as a QR code,
not a link; Douyin and Xiaohongshu codes are common too. Each fetched site image is decoded
once (zxing-cpp, offline); a decoded URL that is a profile, a listing or a short/QR landing
link is recorded as a link of the page showing the image, placed in the site's chrome when
the image sits in its header, footer or navigation (judged from the image's selector, as
discover.py judges anchors), with `via` naming the image.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import zxingcpp
from PIL import Image, UnidentifiedImageError

from brandaudit.crawler.run_store import load_run
from brandaudit.crawler.touchpoints.discover import CHROME_NAMES, CHROME_TAGS
from brandaudit.crawler.touchpoints.registry import adapter_for
from brandaudit.crawler.touchpoints.short_links import is_short_link
from brandaudit.crawler.touchpoints.store import record_profile_links

MAX_PIXELS = 12_000_000  # larger pictures are photos, not codes: not decoded
MAX_SIDE = 1200  # decoded at most this large (cost on real sites: benchmarks/NOTES.md)
STEP = re.compile(r"^([a-z0-9]*)(?:#([\w\-]+))?")


def decode_qr_urls(data: bytes) -> list[str]:
    """The http(s) URLs of the QR codes in one image (none for unreadable images)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return []
            image.draft("L", (MAX_SIDE, MAX_SIDE))  # JPEG: decode at a reduced scale
            gray = image.convert("L")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return []
    if max(gray.size) > MAX_SIDE:  # a code a visitor can scan survives this reduction
        gray.thumbnail((MAX_SIDE, MAX_SIDE))
    codes = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    texts = [code.text.strip() for code in codes if code.valid]
    return [text for text in texts if text.startswith(("http://", "https://"))]


def in_chrome(selector: str) -> bool:
    """The selector passes through a header, footer or navigation (tag or id)."""
    for step in selector.split(">"):
        found = STEP.match(step.strip().lower())
        tag, ident = (found[1], found[2]) if found else ("", None)
        if tag in CHROME_TAGS or (ident and CHROME_NAMES.match(ident)):
            return True
    return False


def record_qr_links(run_dir: Path) -> dict[str, str]:
    """Decode the QR codes of every fetched site image; record the profile links found as
    links of the pages showing them. Returns decoded profile URL -> image URL."""
    result = load_run(run_dir)
    decoded: dict[str, list[str]] = {}  # content hash -> URLs
    found: dict[str, str] = {}
    for page in result.pages:
        links: dict[str, str] = {}
        via: dict[str, str] = {}
        for ref in page.images:
            image = result.images.get(ref.url)
            if image is None or image.sha256 is None or image.error:
                continue
            if image.sha256 not in decoded:
                data = result.image_bytes(image)
                decoded[image.sha256] = decode_qr_urls(data) if data else []
            for url in decoded[image.sha256]:
                if adapter_for(url) is None and not is_short_link(url):
                    continue
                where = "chrome" if in_chrome(ref.selector) else "body"
                if links.get(url) != "chrome":
                    links[url] = where
                via.setdefault(url, f"qr:{ref.url}")
                found.setdefault(url, ref.url)
        if links:
            record_profile_links(run_dir, page.url, links, via)
    return found
