"""Read a PDF into a page artifact: its text lines with page and position, a rendering of
each page (vector logos exist only as drawings) and its embedded pictures.

pypdfium2 (Apache-2.0/BSD-3, bundles PDFium) rather than PyMuPDF (AGPL). Text selectors are
`page[N] > line[K]` (N 1-based) and each line's box is kept in `rects`, in PDF points from the
page's top-left corner, so a finding can say `location.page` and `location.box`.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from brandaudit.crawler.artifacts import Box, ImageRef, PageArtifact, Rect, TextBlock
from brandaudit.crawler.documents.budget import DEFAULT_LIMITS, DOCUMENT, Deadline, DocumentLimits

log = logging.getLogger(__name__)
LINE_TOLERANCE = 0.5  # text rects whose vertical overlap is above this share are one line


@dataclass
class DocumentRead:
    """What reading one document produced; `error` when nothing could be read."""

    page: PageArtifact | None = None
    images: list[tuple[ImageRef, bytes]] = field(default_factory=list)
    error: str | None = None
    # (pseudo URL of the first unread part, reason): a bounded read says what it left out
    unread: list[tuple[str, str]] = field(default_factory=list)


def page_selector(number: int) -> str:
    return f"page[{number}]"


def read_pdf(
    data: bytes,
    url: str,
    *,
    referrer: str | None = None,
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> DocumentRead:
    """Text, renders and pictures of the first pages within the limits; never raises."""
    if len(data) > limits.max_bytes:
        return DocumentRead(
            error=f"PDF of {len(data):,} bytes is over the {limits.max_bytes:,}-byte limit"
        )
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        return DocumentRead(error=_pdf_error(exc))
    try:
        return _read_open(pdf, url, referrer, limits)
    finally:
        pdf.close()


def _pdf_error(exc: Exception) -> str:
    text = str(exc)
    if "password" in text.lower():
        return "PDF is encrypted (password protected): its text and pictures cannot be read"
    return f"PDF cannot be parsed: {text}"


def _read_open(
    pdf: pdfium.PdfDocument, url: str, referrer: str | None, limits: DocumentLimits
) -> DocumentRead:
    read = DocumentRead()
    deadline = Deadline(limits.max_seconds)
    total = len(pdf)
    blocks: list[TextBlock] = []
    rects: dict[str, Rect] = {}
    images: list[tuple[ImageRef, bytes]] = []
    done = 0
    for index in range(min(total, limits.max_pages)):
        if deadline.passed:
            break
        number = index + 1
        try:
            page = pdf[index]
        except pdfium.PdfiumError as exc:
            read.unread.append((f"{url}#page={number}", f"page {number} cannot be parsed: {exc}"))
            done = number
            continue
        try:
            for text, rect in page_lines(page):
                selector = f"{page_selector(number)} > line[{len(rects) + 1}]"
                blocks.append(TextBlock(text, selector, "text"))
                rects[selector] = rect
            if index < limits.max_rendered_pages:
                images.append(_render(page, url, number, limits))
                images.extend(_embedded(page, url, number, limits))
        finally:
            page.close()
        done = number
    if done < total:
        why = "time limit" if deadline.passed else "page limit"
        budget = f"{limits.max_seconds:g} s" if deadline.passed else f"{limits.max_pages} pages"
        read.unread.append(
            (
                f"{url}#page={done + 1}",
                f"read in part: pages {done + 1}-{total} of {total} not read ({why}: {budget})",
            )
        )
    if total > limits.max_rendered_pages and done > limits.max_rendered_pages:
        first = limits.max_rendered_pages + 1
        read.unread.append(
            (
                f"{url}#page={first}&render",
                f"logos not checked on pages {first}-{done}: only the first "
                f"{limits.max_rendered_pages} pages are rendered",
            )
        )
    read.page = PageArtifact(
        url=url,
        status=200,
        title=_title(pdf, blocks),
        touchpoint=DOCUMENT,
        text_blocks=tuple(blocks),
        images=tuple(ref for ref, _ in images),
        referrer=referrer,
        rects=rects,
    )
    read.images = images
    return read


def page_lines(page: pdfium.PdfPage) -> list[tuple[str, Rect]]:
    """The page's text as lines (PDFium's text rects merged when they share a line), each
    with its box in points from the top-left corner, in reading order."""
    textpage = page.get_textpage()
    try:
        height = page.get_height()
        pieces = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top).strip()
            if text:
                pieces.append((left, height - top, right - left, top - bottom, text))
    finally:
        textpage.close()
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for piece in pieces:
        line = lines[-1] if lines else None
        if line and _same_line(line[-1], piece):
            line.append(piece)
        else:
            lines.append([piece])
    return [_merge(line) for line in lines]


def _same_line(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    top = max(a[1], b[1])
    bottom = min(a[1] + a[3], b[1] + b[3])
    return bottom - top > LINE_TOLERANCE * min(a[3], b[3]) and b[0] >= a[0] + a[2] - 1


def _merge(line: list[tuple[float, float, float, float, str]]) -> tuple[str, Rect]:
    x = min(p[0] for p in line)
    y = min(p[1] for p in line)
    right = max(p[0] + p[2] for p in line)
    bottom = max(p[1] + p[3] for p in line)
    text = " ".join(str(p[4]) for p in line)
    return text, Rect(round(x, 1), round(y, 1), round(right - x, 1), round(bottom - y, 1))


def _render(
    page: pdfium.PdfPage, url: str, number: int, limits: DocumentLimits
) -> tuple[ImageRef, bytes]:
    width, height = page.get_size()
    image = page.render(scale=limits.render_scale).to_pil()
    ref = ImageRef(
        url=f"{url}#page={number}",
        kind="pdf_page",
        selector=page_selector(number),
        alt=None,
        displayed=Box(round(width, 1), round(height, 1)),
    )
    return ref, _png(image)


def _embedded(
    page: pdfium.PdfPage, url: str, number: int, limits: DocumentLimits
) -> list[tuple[ImageRef, bytes]]:
    found: list[tuple[ImageRef, bytes]] = []
    objects = page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2)
    for count, obj in enumerate(objects, start=1):
        if len(found) >= limits.max_images_per_page:
            break
        try:
            image = obj.get_bitmap(render=True).to_pil()  # with its soft mask
            left, bottom, right, top = obj.get_bounds()
        except (pdfium.PdfiumError, OSError, ValueError) as exc:
            log.info("%s page %d: picture %d unreadable: %s", url, number, count, exc)
            continue
        if min(image.size) < limits.min_image_side:
            continue
        ref = ImageRef(
            url=f"{url}#page={number}&image={count}",
            kind="pdf_image",
            selector=f"{page_selector(number)} > image[{count}]",
            displayed=Box(round(right - left, 1), round(top - bottom, 1)),
        )
        found.append((ref, _png(image)))
    return found


def _png(image: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # type: ignore[attr-defined]
    return buffer.getvalue()


def _title(pdf: pdfium.PdfDocument, blocks: list[TextBlock]) -> str:
    try:
        title = str(pdf.get_metadata_dict().get("Title") or "").strip()
    except pdfium.PdfiumError:
        title = ""
    return title or (blocks[0].text[:120] if blocks else "")
