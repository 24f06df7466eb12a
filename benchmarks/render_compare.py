"""Does a rendering setting change what an audit sees? Same site, two rendered crawls, compared.

    python benchmarks/render_compare.py SITE_DIR [--max-pages 60]
        [--before /usr/bin/chromium:events=1] [--after :]

Each side is `EXECUTABLE:TUNING` (an empty executable = the one the crawl finds itself;
TUNING as BRANDAUDIT_RENDER_TUNING). Both crawls render every page (`--render always`) of
SITE_DIR served on 127.0.0.1, then page by page: the URLs crawled, text blocks (selector,
source, text), images (URL, kind, selector, laid-out box), element boxes, colours, fonts, and
the screenshots (size, and the share of pixels that differ by more than 16 levels in any
channel). Boxes are compared to 1 CSS px. A difference is listed; nothing is hidden.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image, ImageChops

from brandaudit.crawler.artifacts import PageArtifact
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.render.browser import ENV_CHROMIUM
from brandaudit.crawler.render.tuning import TUNING_ENV
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.run_store import CrawlResult, load_run
from brandaudit.site_server import serve_site


def crawl(seed: str, side: str, max_pages: int, out: Path) -> CrawlResult:
    executable, _, tuning = side.partition(":")
    os.environ[TUNING_ENV] = tuning
    if executable:
        os.environ[ENV_CHROMIUM] = executable
    else:
        os.environ.pop(ENV_CHROMIUM, None)
    options = CrawlOptions(
        seeds=(seed,), render="always", max_pages=max_pages, concurrency=8,  # type: ignore[arg-type]
        retries=0, use_sitemap=False, obey_robots=False, timeout_s=30,
    )  # fmt: skip
    run_crawl(options, out)
    return load_run(out)


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 1.0


def page_differences(a: PageArtifact, b: PageArtifact) -> list[str]:
    found = []
    if {(t.selector, t.source, t.text) for t in a.text_blocks} != {
        (t.selector, t.source, t.text) for t in b.text_blocks
    }:
        found.append(f"text blocks {len(a.text_blocks)} vs {len(b.text_blocks)}")
    images_a = {(i.url, i.kind, i.selector): i.displayed for i in a.images}
    images_b = {(i.url, i.kind, i.selector): i.displayed for i in b.images}
    if set(images_a) != set(images_b):
        found.append(f"images {sorted(set(images_a) ^ set(images_b))[:3]}")
    for key, box in images_a.items():
        other = images_b.get(key)
        same = box and other and _near(box.width, other.width) and _near(box.height, other.height)
        if box and other and not same:
            found.append(f"image box {key[0]} {box} vs {other}")
    if set(a.rects) != set(b.rects):
        found.append(f"element boxes {len(a.rects)} vs {len(b.rects)}")
    for selector, rect in a.rects.items():
        other = b.rects.get(selector)
        if other and not all(
            _near(getattr(rect, f), getattr(other, f)) for f in ("x", "y", "width", "height")
        ):
            found.append(f"box {selector} {rect} vs {other}")
            break
    if {(c.property, c.value, c.role) for c in a.colors} != {
        (c.property, c.value, c.role) for c in b.colors
    }:
        found.append("colours")
    if {(f.selector, f.family) for f in a.fonts} != {(f.selector, f.family) for f in b.fonts}:
        found.append("fonts")
    if (a.screenshot is None) != (b.screenshot is None):
        found.append(f"screenshot {a.screenshot is not None} vs {b.screenshot is not None}")
    return found


def shot_difference(run_a: CrawlResult, a: PageArtifact, run_b: CrawlResult, b: PageArtifact):
    """(size a, size b, share of pixels differing by > 16 in a channel) or None."""
    if not (a.screenshot and b.screenshot):
        return None
    image_a = Image.open(io.BytesIO(run_a.blob_path(a.screenshot).read_bytes())).convert("RGB")
    image_b = Image.open(io.BytesIO(run_b.blob_path(b.screenshot).read_bytes())).convert("RGB")
    if image_a.size != image_b.size:
        return image_a.size, image_b.size, 1.0
    diff = ImageChops.difference(image_a, image_b).convert("L").point(lambda v: 255 * (v > 16))
    changed = diff.histogram()[255]
    return image_a.size, image_b.size, changed / (image_a.size[0] * image_a.size[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--max-pages", type=int, default=60)
    parser.add_argument("--before", default="/usr/bin/chromium:events=1")
    parser.add_argument("--after", default=":")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, serve_site(args.site) as site:
        runs = [
            crawl(site.base_url, side, args.max_pages, Path(tmp) / name)
            for name, side in (("before", args.before), ("after", args.after))
        ]
        before = {p.url: p for p in runs[0].pages}
        after = {p.url: p for p in runs[1].pages}
        print(f"{args.site.name}: before {args.before!r} {len(before)} pages "
              f"({sum(p.rendered for p in before.values())} rendered, {len(runs[0].errors)} "
              f"errors); after {args.after!r} {len(after)} pages "
              f"({sum(p.rendered for p in after.values())} rendered, {len(runs[1].errors)} "
              "errors)")  # fmt: skip
        only = sorted(set(before) ^ set(after))
        print(f"pages in one crawl only: {len(only)} {only[:5]}")
        same = differing = 0
        worst = 0.0
        for url in sorted(set(before) & set(after)):
            found = page_differences(before[url], after[url])
            shot = shot_difference(runs[0], before[url], runs[1], after[url])
            if shot is not None:
                worst = max(worst, shot[2])
                if shot[2] > 0.01:
                    found.append(f"screenshot {shot[0]} vs {shot[1]}: {shot[2]:.1%} pixels differ")
            if found:
                differing += 1
                print(f"  {url.removeprefix(site.base_url) or '/'}: {'; '.join(found)}")
            else:
                same += 1
        print(f"pages alike: {same}, with differences: {differing}; screenshots: at most "
              f"{worst:.2%} of pixels differ by > 16 levels")  # fmt: skip


if __name__ == "__main__":
    main()
