"""What one screenshot capture costs, per process, by format and size: is PNG the cost?

    python benchmarks/render_capture_bench.py [--captures 30] [--flags "--in-process-gpu" ...]

One tab of the headless browser the crawl uses (crawler/render/browser.py) loads a page of
benchmarks/render_bench.py's site; then each variant captures it `--captures` times through
the tab's DevTools session (as crawler/render/screenshot.py does) and the CPU seconds every
process spent meanwhile (Chromium by --type, Playwright's node driver, this Python) are
printed per capture, twice per variant. A no-op `evaluate` is the round trip's own cost.

December 2026, Chromium 156 headless shell, 2 cores at load 9-15: a 1280x800 capture costs
~65-75 ms of CPU: ~30-35 in the gpu-process (software compositing of the whole frame, ~25 of
it fixed: a 1280x400 clip still cost 25), ~20 in the browser (encoding), ~4 each in the
renderer, node and Python. JPEG at quality 80-90 cost the same (65-75 ms: its encoding is no
cheaper than PNG with optimizeForSpeed), PNG at full compression ~125 ms, WebP more;
Playwright's legacy capture (PLAYWRIGHT_LEGACY_SCREENSHOT=1, no new surface per capture) and
--in-process-gpu, --disable-software-rasterizer, --use-gl=disabled, --num-raster-threads=1
changed nothing beyond noise. So screenshots stay lossless PNG: a lossy format would blur the
evidence crops and save no CPU.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from render_bench import _children, _cpu_seconds, write_site

from brandaudit.crawler.render.browser import launch_options
from brandaudit.site_server import serve_site

FULL = {"x": 0, "y": 0, "width": 1280, "height": 800, "scale": 1}
VARIANTS: tuple[tuple[str, dict[str, Any] | None], ...] = (
    ("no-op evaluate", None),
    ("png optimizeForSpeed", {"format": "png", "optimizeForSpeed": True}),
    ("png", {"format": "png"}),
    ("jpeg 90", {"format": "jpeg", "quality": 90}),
    ("jpeg 80", {"format": "jpeg", "quality": 80}),
    ("png fast, half height", {"format": "png", "optimizeForSpeed": True,
                               "clip": {**FULL, "height": 400}}),
)  # fmt: skip


def cpu_by_kind() -> dict[str, float]:
    """CPU seconds so far of this process and each of its descendants, by kind."""
    totals: dict[str, float] = {}
    for pid in _children(os.getpid()):
        seen = _cpu_seconds(pid)
        if seen is not None:
            kind = seen[0].removeprefix("chromium:")
            totals[kind] = totals.get(kind, 0.0) + seen[1]
    times = os.times()
    totals["python"] = times.user + times.system
    return totals


async def measure(url: str, captures: int, flags: list[str]) -> None:
    from playwright.async_api import async_playwright

    options = launch_options()
    options["args"] = [*options["args"], *flags]
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**options)
        context = await browser.new_context(viewport={"width": 1280, "height": 800})
        page = await context.new_page()
        session = await context.new_cdp_session(page)
        await page.goto(url, wait_until="load")
        for name, params in VARIANTS:
            for _ in range(2):
                before = cpu_by_kind()
                for _ in range(captures):
                    if params is None:
                        await page.evaluate("1")
                        continue
                    shot = await session.send("Page.captureScreenshot", {"clip": FULL, **params})
                    base64.b64decode(shot["data"])
                after = cpu_by_kind()
                spent = {k: 1000 * (v - before.get(k, 0.0)) / captures for k, v in after.items()}
                parts = " ".join(f"{k} {v:5.1f}" for k, v in sorted(spent.items()) if v >= 0.5)
                print(f"{name:<24} {parts}  total {sum(spent.values()):5.1f} ms", flush=True)
        await browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=30)
    parser.add_argument("--flags", nargs="*", default=[], help="extra Chromium switches")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve_site(Path(tmp)) as site:
        write_site(Path(tmp), 5)
        print(f"flags: {' '.join(args.flags) or '(the crawl’s)'}; CPU ms per capture", flush=True)
        asyncio.run(measure(site.url("p1.html"), args.captures, args.flags))


if __name__ == "__main__":
    main()
