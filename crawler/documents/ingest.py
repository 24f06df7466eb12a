"""Documents into the run directory, after the crawl: PDFs the spider fetched and the
guideline's `touchpoints.documents` (local paths, or URLs fetched here), each read into a
page artifact of touchpoint kind `document` (plus its pictures), or a `CrawlError` that
says why it could not be read.

Offline documents keep the path as the guideline wrote it as their URL, so findings name
the file the brand team listed, and their ids stay the same on another machine.
"""

from __future__ import annotations

import io
import logging
import urllib.request
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError

from brandaudit.crawler.artifacts import Box, CrawlError, ImageArtifact, ImageRef, PageArtifact
from brandaudit.crawler.documents.budget import DEFAULT_LIMITS, DOCUMENT, DocumentLimits
from brandaudit.crawler.documents.pdf import DocumentRead, read_pdf
from brandaudit.crawler.image_sniff import NotAnImage, sniff_image_type
from brandaudit.crawler.run_store import DOCUMENTS_FETCHED, RunWriter, read_jsonl

if TYPE_CHECKING:  # the spider's item; importing it at run time would load Scrapy
    from brandaudit.crawler.documents.fetch import DocumentItem

log = logging.getLogger(__name__)
FETCHED = DOCUMENTS_FETCHED
PICTURE_SELECTOR = "document"
# Sniffed as HEIF (phones' HEIC photos) or not sniffed at all: the image checks skip those
# as unverifiable, so a listed photo in such a format is converted once here.
_HANDED_AS_PNG = frozenset({None, "image/heic", "image/heif"})

try:  # HEIC photos (phones) when the optional reader is installed
    from pillow_heif import register_heif_opener

    register_heif_opener()
except ImportError:  # pragma: no cover - optional
    pass


def record_document(writer: RunWriter, item: DocumentItem) -> None:
    """Called by the item pipeline: keep the bytes, read them after the crawl."""
    sha = writer.store_blob(item.body)
    writer.add_fetched_document(item.url, sha, item.referrer)


def ingest_documents(
    run_dir: Path,
    listed: Iterable[tuple[str, Path | None]],
    *,
    limits: DocumentLimits = DEFAULT_LIMITS,
    timeout_s: float = 20.0,
) -> int:
    """Read every fetched and listed document into `run_dir`; returns how many were read.

    `listed`: (label as the guideline wrote it, resolved local path or None for a URL)."""
    writer = RunWriter(run_dir)
    read = 0
    try:
        for record in list(read_jsonl(Path(run_dir) / FETCHED)):
            data = (Path(run_dir) / "blobs" / record["sha256"]).read_bytes()
            read += _ingest(writer, record["url"], data, record.get("referrer"), limits)
        for label, path in listed:
            data, error = _load(label, path, limits, timeout_s)
            if data is None:
                writer.add_error(
                    CrawlError(label, "page", error or "unreadable", None, None, DOCUMENT)
                )
                continue
            read += _ingest(writer, label, data, None, limits)
    finally:
        writer.close()
    return read


def _load(
    label: str, path: Path | None, limits: DocumentLimits, timeout_s: float
) -> tuple[bytes | None, str | None]:
    try:
        if path is not None:
            size = path.stat().st_size
            if size > limits.max_bytes:
                return (
                    None,
                    f"document of {size:,} bytes is over the {limits.max_bytes:,}-byte limit",
                )
            return path.read_bytes(), None
        with urllib.request.urlopen(label, timeout=timeout_s) as response:
            data = response.read(limits.max_bytes + 1)
        if len(data) > limits.max_bytes:
            return None, f"document is over the {limits.max_bytes:,}-byte limit"
        return data, None
    except OSError as exc:
        return None, f"document cannot be read: {exc}"


def _ingest(
    writer: RunWriter, url: str, data: bytes, referrer: str | None, limits: DocumentLimits
) -> int:
    if data.lstrip()[:5] == b"%PDF-":
        result = read_pdf(data, url, referrer=referrer, limits=limits)
    else:
        result = _read_picture(data, url, referrer)
    for unread_url, reason in result.unread:
        writer.add_error(CrawlError(unread_url, "page", reason, None, referrer, DOCUMENT))
    if result.page is None:
        writer.add_error(
            CrawlError(url, "page", result.error or "unreadable", None, referrer, DOCUMENT)
        )
        return 0
    writer.add_page(result.page)
    for ref, blob in result.images:
        sha = writer.store_blob(blob)
        writer.add_image(ImageArtifact(ref.url, 200, _mime(blob), sha, len(blob)))
    return 1


def _mime(blob: bytes) -> str | None:
    try:
        return sniff_image_type(blob)
    except NotAnImage:
        return None


def _read_picture(data: bytes, url: str, referrer: str | None) -> DocumentRead:
    """A scan or photo: one page holding one picture, read by the OCR and logo checks."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        hint = " (HEIC needs the optional pillow-heif)" if url.lower().endswith(".heic") else ""
        return DocumentRead(error=f"neither a PDF nor a readable picture{hint}: {exc}")
    ref = ImageRef(
        url=url, kind="document", selector=PICTURE_SELECTOR, displayed=Box(width, height)
    )
    page = PageArtifact(
        url=url,
        status=200,
        title=Path(url).name,
        touchpoint=DOCUMENT,
        images=(ref,),
        referrer=referrer,
    )
    if _mime(data) in _HANDED_AS_PNG:  # formats the image checks cannot decode: hand them PNG
        buffer = io.BytesIO()
        try:  # decodes every pixel: a truncated HEIC passes verify() and fails here
            Image.open(io.BytesIO(data)).save(buffer, format="PNG")
        except (OSError, ValueError) as exc:
            return DocumentRead(error=f"neither a PDF nor a readable picture: {exc}")
        data = buffer.getvalue()
    return DocumentRead(page=page, images=[(ref, data)])


def listed_documents(entries: Iterable[str], base_dir: Path) -> list[tuple[str, Path | None]]:
    """The guideline's documents as (label, local path or None for a URL)."""
    return [
        (entry, None if entry.startswith(("http://", "https://")) else (base_dir / entry).resolve())
        for entry in entries
    ]
