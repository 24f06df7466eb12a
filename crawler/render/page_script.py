"""What a rendered page shows that its HTML does not: boxes, computed colours, used fonts.

One `page.evaluate` of page_script.js per page gathers everything (each round trip to the
browser costs more than the work inside it), then the result is typed into artifact values.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from brandaudit.crawler.artifacts import ColorSample, FontUse, Rect

PAGE_SCRIPT = (
    resources.files("brandaudit.crawler.render").joinpath("page_script.js").read_text("utf-8")
)
MAX_COLORS = 40  # prominent colours kept per page, largest area first
MAX_FONTS = 20  # font stacks kept per page, most characters first
FONT_WAIT_MS = 1500  # how long web fonts may still be loading before we look

# Run as a scrapy-playwright page method before the HTML is captured: lets scripts that
# render after `load` (data fetched, then drawn) finish, so the captured HTML holds the app.
# It then returns that HTML (serialised as Playwright's `page.content()` does), so the
# response body needs no second call: `content()` runs in Playwright's isolated utility
# world, and entering it cost ~35-60 ms of CPU a page (crawler/render/shared_handler.py).
SETTLE_SCRIPT = """
async ({ quietMs, maxMs }) => {
  await new Promise((resolve) => {
    let quiet;
    const done = () => {
      observer.disconnect(); clearTimeout(cap); clearTimeout(quiet); resolve();
    };
    const observer = new MutationObserver(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
    quiet = setTimeout(done, quietMs);
    const cap = setTimeout(done, maxMs);
  });
  let html = "";
  if (document.doctype) html = new XMLSerializer().serializeToString(document.doctype);
  if (document.documentElement) html += document.documentElement.outerHTML;
  return { ba_html: html };
}
"""
HTML_KEY = "ba_html"  # where SETTLE_SCRIPT's result holds the HTML


@dataclass(frozen=True)
class RenderedImage:
    """An image as laid out: <img>, top-level <svg>, or an element with a background image."""

    selector: str
    tag: str
    src: str
    rect: Rect


@dataclass(frozen=True)
class PageInspection:
    rects: dict[str, Rect] = field(default_factory=dict)
    colors: tuple[ColorSample, ...] = ()
    fonts: tuple[FontUse, ...] = ()
    images: tuple[RenderedImage, ...] = ()

    @property
    def page_size(self) -> Rect | None:
        """The whole document's box (kept in `rects` under the selector "html")."""
        return self.rects.get("html")


async def inspect_page(page: Any, selectors: list[str]) -> PageInspection:
    """Run the page script in `page` (a Playwright Page) for the given element selectors."""
    raw = await page.evaluate(
        PAGE_SCRIPT,
        {
            "selectors": list(dict.fromkeys(selectors)),
            "maxColors": MAX_COLORS,
            "maxFonts": MAX_FONTS,
            "fontWaitMs": FONT_WAIT_MS,
        },
    )
    return parse_inspection(raw)


def parse_inspection(raw: dict[str, Any]) -> PageInspection:
    """Type the script's JSON result (kept separate so it is testable without a browser)."""
    rects = {sel: _rect(box) for sel, box in (raw.get("rects") or {}).items()}
    colors = tuple(
        ColorSample(
            selector=c["selector"],
            property=c["property"],
            value=c["value"],
            area=round(float(c["area"]), 1),
            role=c.get("role", ""),
        )
        for c in raw.get("colors") or ()
    )
    fonts = tuple(
        FontUse(
            selector=f["selector"],
            family=f["family"],
            stack=f["stack"],
            sample=f["sample"],
            chars=int(f["chars"]),
        )
        for f in raw.get("fonts") or ()
    )
    images = tuple(
        RenderedImage(selector=i["selector"], tag=i["tag"], src=i.get("src", ""), rect=_rect(i))
        for i in raw.get("images") or ()
    )
    return PageInspection(rects=rects, colors=colors, fonts=fonts, images=images)


def _rect(box: dict[str, Any]) -> Rect:
    return Rect(
        x=round(float(box["x"]), 1),
        y=round(float(box["y"]), 1),
        width=round(float(box["width"]), 1),
        height=round(float(box["height"]), 1),
    )
