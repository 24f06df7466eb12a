"""What the spider calls to render a page: request meta, then collect, then merge.

    meta = render_meta(options.timeout_s)                 # Request(url, meta=meta, ...)
    data = await collect(response, page, writer, artifact)  # page = meta["playwright_page"]
    artifact = data.apply(artifact)                       # rendered=True, colours, fonts, ...

`collect` always ends the page: given the request's tab lease (crawler/render/tab_pool.py)
it gives the tab back for the next request, otherwise, or when the page could not be
inspected, it closes it (a leaked page holds a tab for the whole crawl); an errback calls
`release_page(failure)` for the same reason.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from brandaudit.crawler.artifacts import Box, ImageRef, PageArtifact, Rect
from brandaudit.crawler.render.page_script import SETTLE_SCRIPT, PageInspection, inspect_page
from brandaudit.crawler.render.screenshot import VIEWPORT, take_screenshot
from brandaudit.crawler.render.tab_pool import TabLease
from brandaudit.crawler.render.tuning import TUNING
from brandaudit.crawler.run_store import RunWriter

log = logging.getLogger(__name__)

CONTEXT = "brandaudit-render"
INSPECT_TIMEOUT_S = 15.0
SETTLE_QUIET_MS = 100  # DOM unchanged this long after `load` counts as rendered
SETTLE_MAX_MS = 2000
# Resource types a brand audit never looks at: blocking them saves bandwidth and CPU.
BLOCKED_RESOURCES = frozenset({"media", "texttrack", "eventsource", "websocket", "manifest"})
LAID_OUT_KINDS = frozenset({"img", "srcset", "picture", "inline_svg", "css_background", "object"})
# Text sources that sit on an element of the page (and so have a box to outline).
ON_PAGE_TEXT = frozenset({"text", "alt", "title_attr", "aria_label"})
LEASE_KEY = "ba_tab_lease"  # request meta: the TabLease of crawler/render/tab_middleware.py
WAIT_UNTIL = TUNING.get("wait_until", "load")
SETTLE = TUNING.get("settle", "1") != "0"
SCREENSHOT = TUNING.get("shot", "1") != "0"
INSPECT = TUNING.get("inspect", "1") != "0"


def render_meta(
    timeout_s: float, *, wait_until: str = WAIT_UNTIL, settle: bool = SETTLE
) -> dict[str, Any]:
    """Request meta that makes scrapy-playwright fetch the page in Chromium and keep it open."""
    from scrapy_playwright.page import PageMethod

    # Without settling the script still runs: it returns the HTML (zero waits).
    waits = (SETTLE_QUIET_MS, SETTLE_MAX_MS) if settle else (0, 0)
    settle_args = {"quietMs": waits[0], "maxMs": waits[1]}
    methods = [PageMethod("evaluate", SETTLE_SCRIPT, settle_args)]
    return {
        "playwright": True,
        "playwright_include_page": True,
        "playwright_context": CONTEXT,
        "playwright_context_kwargs": {"viewport": VIEWPORT, "service_workers": "block"},
        "playwright_page_goto_kwargs": {"wait_until": wait_until, "timeout": timeout_s * 1000},
        "playwright_page_methods": methods,
    }


def should_abort_request(request: Any) -> bool:
    """PLAYWRIGHT_ABORT_REQUEST: skip sub-resources that cannot change what we check.

    Only routed navigations consult it (crawler/render/shared_handler.py); the others
    keep media from playing by the launch flags instead.
    """
    return request.resource_type in BLOCKED_RESOURCES


@dataclass(frozen=True)
class RenderedData:
    """What rendering added to a page; `apply` merges it into the page's artifact."""

    inspection: PageInspection
    screenshot: str | None = None  # sha256 of the PNG blob
    error: str | None = None  # the page rendered but could not be inspected

    def apply(self, artifact: PageArtifact) -> PageArtifact:
        if self.error:
            return artifact
        rects = self.inspection.rects
        images = [_laid_out(ref, rects) for ref in artifact.images]
        known = {ref.url for ref in images}
        for image in self.inspection.images:
            url = urljoin(artifact.url, image.src) if image.src else ""
            background = image.tag not in ("img", "svg")
            if background and urlsplit(url).scheme in ("http", "https") and url not in known:
                # Background images set by stylesheets or scripts: invisible in the HTML.
                box = Box(image.rect.width, image.rect.height)
                images.append(ImageRef(url, "css_background", image.selector, None, box))
                known.add(url)
        return replace(
            artifact,
            rendered=True,
            colors=self.inspection.colors,
            fonts=self.inspection.fonts,
            rects=dict(rects),
            screenshot=self.screenshot,
            images=tuple(images),
        )


def _laid_out(ref: ImageRef, rects: dict[str, Rect]) -> ImageRef:
    """The image's layout box replaces the size its markup asked for."""
    rect = rects.get(ref.selector)
    if ref.kind == "picture" and " > " in ref.selector:  # a <source>: its <img> is laid out
        rect = rects.get(ref.selector.rsplit(" > ", 1)[0] + " > img")
    elif ref.kind not in LAID_OUT_KINDS:
        return ref
    if rect is None:
        return ref
    return replace(ref, displayed=Box(rect.width, rect.height))


def element_selectors(artifact: PageArtifact) -> list[str]:
    """Selectors of the artifact's visible text blocks and images, for one rect lookup."""
    text = [b.selector for b in artifact.text_blocks if b.source in ON_PAGE_TEXT]
    return list(dict.fromkeys([*text, *(ref.selector for ref in artifact.images)]))


async def collect(
    response: Any,
    page: Any,
    writer: RunWriter,
    artifact: PageArtifact | None = None,
    *,
    screenshot: bool = SCREENSHOT,
    lease: TabLease | None = None,
) -> RenderedData:
    """Inspect the open page and screenshot it, then give its tab back or close it."""
    reusable = False
    try:
        if artifact is None:
            from brandaudit.crawler.extract import extract_page

            try:
                html = response.text
            except AttributeError:  # not a text response (a PDF, an image): nothing to locate
                html = ""
            artifact, _ = extract_page(response.url, response.status, html, 0, None)
        try:
            inspection = (
                await asyncio.wait_for(
                    inspect_page(page, element_selectors(artifact)), INSPECT_TIMEOUT_S
                )
                if INSPECT
                else PageInspection()
            )
            shot = await take_screenshot(page, inspection) if screenshot else None
        except Exception as exc:  # a crashed tab or a hostile page: keep the HTML we have
            reason = f"{type(exc).__name__}: {first_line(exc)}"
            log.warning("could not inspect rendered page %s: %s", response.url, reason)
            return RenderedData(PageInspection(), error=reason)
        reusable = True
        return RenderedData(inspection, writer.store_blob(shot) if shot else None)
    finally:
        if lease is None:
            await close_quietly(page)
        elif reusable:
            await lease.give_back(page, response.url)
        else:
            await lease.discard(page)


def first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


async def close_quietly(page: Any) -> None:
    if page is None:
        return
    try:
        if not page.is_closed():
            await page.close()
    except Exception as exc:  # the browser may already be gone; nothing left to free
        log.debug("closing page failed: %s", exc)


def lease_of(meta: dict[str, Any]) -> TabLease | None:
    """The request's tab lease, if crawler/render/tab_middleware.py gave it one."""
    lease = meta.get(LEASE_KEY)
    return lease if isinstance(lease, TabLease) else None


async def release_page(failure: Any) -> None:
    """For a request errback: close the page a failed rendered request left open."""
    request = getattr(failure, "request", None)
    meta = getattr(request, "meta", None) or {}
    page = meta.get("playwright_page")
    lease = lease_of(meta)
    if lease is not None:
        await lease.discard(page)
    await close_quietly(page)


def render_failure(failure: Any, timeout_s: float) -> str | None:
    """A one-line reason for a browser-side failure (Playwright's messages carry call logs)."""
    from playwright.async_api import Error as PlaywrightError
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    value = getattr(failure, "value", failure)
    if isinstance(value, PlaywrightTimeout):
        return f"timed out after {timeout_s:g} s while rendering (the page never finished loading)"
    if isinstance(value, PlaywrightError):
        return f"the browser could not load the page: {first_line(value)}"
    return None
