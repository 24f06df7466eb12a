"""The full-page PNG of a rendered page: evidence crops and thumbnails are cut from it.

The capture is the largest cost of a rendered page left (benchmarks/render_bench.py,
tuning shot=0): ~70 ms of CPU for 1280x800, most of it the gpu-process compositing the frame
(benchmarks/render_capture_bench.py). It stays lossless and at scale 1: JPEG, WebP and
smaller scales blurred the finding crops, and JPEG cost as much CPU as the fast PNG.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import weakref
from typing import Any

from brandaudit.crawler.render.page_script import PageInspection
from brandaudit.crawler.render.tuning import TUNING

log = logging.getLogger(__name__)

VIEWPORT = {"width": 1280, "height": 800}
SCREENSHOT_MAX_HEIGHT = 4000  # CSS px; long pages are cut, evidence lives near the top
SHOT_TIMEOUT_S = 15.0
KEEP_SESSION = TUNING.get("cdp_session", "tab") == "tab"  # or "page": one per screenshot
_SESSIONS: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


async def take_screenshot(page: Any, inspection: PageInspection) -> bytes:
    """A PNG of the page from the top, at most SCREENSHOT_MAX_HEIGHT CSS px tall.

    Chromium's own capture with `optimizeForSpeed` (faster PNG compression) used ~10 % less
    browser CPU per page than Playwright's screenshot in benchmarks/render_bench.py; the
    Playwright call remains the fallback (and the choice with tuning shot=playwright).
    """
    size = inspection.page_size
    width = max(1, int(size.width)) if size else VIEWPORT["width"]
    height = max(1, min(int(size.height), SCREENSHOT_MAX_HEIGHT)) if size else VIEWPORT["height"]
    clip = {"x": 0, "y": 0, "width": width, "height": height}
    if TUNING.get("shot") != "playwright":
        try:
            return await _capture_with_cdp(page, clip)
        except Exception as exc:  # not Chromium, or an older protocol: use Playwright's
            log.debug("CDP screenshot failed, using Playwright's: %s", exc)
    return await page.screenshot(
        type="png", full_page=True, clip=clip, timeout=SHOT_TIMEOUT_S * 1000
    )


async def _capture_with_cdp(page: Any, clip: dict[str, int]) -> bytes:
    """Chromium's capture through the tab's DevTools session.

    The session is kept while the tab lives (it survives navigations): attaching and
    detaching one per screenshot cost a few ms of browser CPU per page (tuning
    cdp_session=page measures that). A page taller or wider than the viewport is captured
    by growing the viewport to the clip and back, not with `captureBeyondViewport`: in
    chromium-headless-shell that option leaves the tab's later pages laid out with other
    text advances (a tcpdump.org man page line 403.7 px wide became 402.4, page heights
    grew up to 0.6 %: benchmarks/render_compare.py), where the full browser and a resized
    viewport keep them.
    """
    viewport = page.viewport_size or VIEWPORT
    grown = {
        "width": max(viewport["width"], clip["width"]),
        "height": max(viewport["height"], clip["height"]),
    }
    if grown != viewport:
        await page.set_viewport_size(grown)
    try:
        return await _capture(page, {**clip, "scale": 1})
    finally:
        if grown != viewport:
            await page.set_viewport_size(viewport)


async def _capture(page: Any, clip: dict[str, float]) -> bytes:
    params = {
        "format": "png",
        "captureBeyondViewport": False,
        "optimizeForSpeed": True,
        "clip": clip,
    }
    session = _SESSIONS.get(page) if KEEP_SESSION else None
    if session is None:
        session = await page.context.new_cdp_session(page)
        if KEEP_SESSION:
            _SESSIONS[page] = session
    try:
        shot = await asyncio.wait_for(
            session.send("Page.captureScreenshot", params), SHOT_TIMEOUT_S
        )
    except Exception:
        _SESSIONS.pop(page, None)  # a session that failed once is not trusted again
        raise
    finally:
        if not KEEP_SESSION:
            await session.detach()
    return base64.b64decode(shot["data"])
