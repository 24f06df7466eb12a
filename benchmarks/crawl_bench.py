"""Crawl throughput: a bare Scrapy spider against a full `brandaudit audit` on the same site.

Generates an N-page site (paragraphs, links, a shared pool of PNG images) into a temporary
folder, serves it on 127.0.0.1 and times, in this order:

  (a) a minimal Scrapy spider (child process) that fetches every page and distinct image;
  (b) the full audit through the command line, `python -m brandaudit audit ...`;
  (c) `crawler.run.run_crawl` alone with the audit's crawl options (the HTTP cache on, in a
      fresh folder): the crawler child of (b), whose CPU is printed beside the bare spider's.

Every run starts cold: the audit's caches ($BRANDAUDIT_CACHE) live in the temporary folder.
Targets from the issue: CPU (b) <= 1.5 x (a); the crawler child (c) <= 1.15 x (a). Usage:

    python benchmarks/crawl_bench.py [--pages 1500] [--images 60] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# fmt: off
WORDS = [
    "bridge", "cloud", "idea", "carry", "team", "data", "secure", "fast", "partner", "customer",
    "platform", "design", "open", "build", "connect", "reliable", "global", "support",
    "service", "modern", "simple", "trusted", "network", "future",
]
# fmt: on


# What real brand pages say: the guideline's names, slogans, terms and facts, mostly right,
# sometimes wrong (so the checks have findings to make, as on a real estate).
MENTIONS = [
    "NovaBridge", "NovaBridge", "NovaBridge Cloud", "NovaBridge Systems Ltd.", "Nova Bridge",
    "Novabridge cloud", "Bridges that carry ideas.", "Connect everything.", "sign in", "log in",
    "call +44 20 7946 0321", "write to hello@novabridge.example", "call +44 20 7946 0999",
    "12 Harbour Row, London SE1 9AB", "NovaBridge's", "novabridge.example/pricing",
]  # fmt: skip


def paragraph(rng: random.Random) -> str:
    """40-100 words of filler with two to four mentions from MENTIONS."""
    words = rng.choices(WORDS, k=rng.randint(40, 100))
    for mention in rng.sample(MENTIONS, rng.randint(2, 4)):
        words.insert(rng.randrange(len(words)), mention)
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def generate_site(root: Path, pages: int, images: int, seed: int = 7) -> None:
    """index -> ~sqrt(N) section pages -> the other pages; every page links to a few more."""
    from PIL import Image

    rng = random.Random(seed)
    (root / "img").mkdir(parents=True)
    for i in range(images):
        buffer = io.BytesIO()
        colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        Image.new("RGB", (rng.choice([64, 160, 320]), rng.choice([40, 64, 120])), colour).save(
            buffer, "PNG"
        )
        (root / "img" / f"i{i}.png").write_bytes(buffer.getvalue())
    names = ["index.html"] + [f"p{i}.html" for i in range(1, pages)]
    fan_out = max(2, int(pages**0.5))
    sections = names[1 : fan_out + 1]
    for index, name in enumerate(names):
        if name == "index.html":
            children = sections
        elif name in sections:
            k = sections.index(name)
            children = names[fan_out + 1 :][k::fan_out]
        else:
            children = []
        links = children + rng.sample(names, 5)
        body = "".join(f"<p>{paragraph(rng)}</p>" for _ in range(6))
        imgs = "".join(
            f'<img src="/img/i{rng.randrange(images)}.png" alt="picture" width="160" height="40">'
            for _ in range(3)
        )
        nav = "".join(f'<li><a href="/{link}">{link}</a></li>' for link in links)
        (root / name).write_text(
            f"<!doctype html><html lang='en'><head><title>Page {index} | NovaBridge</title>"
            f"<meta name='description' content='Page {index}'></head><body><header>"
            f"<img src='/img/i0.png' alt='NovaBridge' width='160' height='40'></header>"
            f"<main><h1>Page {index}</h1>{body}{imgs}</main><nav><ul>{nav}</ul></nav>"
            f"<footer><p>© NovaBridge Systems Ltd.</p></footer></body></html>",
            encoding="utf-8",
        )


BARE_SPIDER = """
import sys
from urllib.parse import urlsplit
import scrapy
from scrapy.crawler import CrawlerProcess

class Bare(scrapy.Spider):
    name = "bare"
    def __init__(self, seed, **kw):
        super().__init__(**kw)
        self.seed, self.host = seed, urlsplit(seed).netloc
    async def start(self):
        yield scrapy.Request(self.seed)
    def parse(self, response):
        for src in response.css("img::attr(src)").getall():
            yield response.follow(src, callback=self.image)
        for href in response.css("a::attr(href)").getall():
            url = response.urljoin(href)
            if urlsplit(url).netloc == self.host:
                yield scrapy.Request(url)
    def image(self, response):
        pass

process = CrawlerProcess({"LOG_LEVEL": "WARNING", "TELNETCONSOLE_ENABLED": False,
    "CONCURRENT_REQUESTS": int(sys.argv[2]), "CONCURRENT_REQUESTS_PER_DOMAIN": int(sys.argv[2])})
crawler = process.create_crawler(Bare)
process.crawl(crawler, seed=sys.argv[1])
process.start()
stats = crawler.stats.get_stats()
print("requests", stats.get("downloader/request_count"), "responses",
      stats.get("response_received_count"))
"""


def child_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command[:4]} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return elapsed, (done.stdout + done.stderr).strip()


def peak_child_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--images", type=int, default=60)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--render", choices=("auto", "always", "never"), default="auto",
                        help="the audit's --render (auto, the default, checks for a browser "
                        "first)")  # fmt: skip
    args = parser.parse_args()

    from brandaudit.crawler.options import CrawlOptions
    from brandaudit.crawler.run import run_crawl
    from brandaudit.crawler.run_store import load_run
    from brandaudit.site_server import serve_site

    with tempfile.TemporaryDirectory(prefix="crawl_bench_") as tmp:
        tmp_path = Path(tmp)
        generate_site(tmp_path / "site", args.pages, args.images)
        bare_script = tmp_path / "bare_spider.py"
        bare_script.write_text(BARE_SPIDER, encoding="utf-8")
        print(f"site: {args.pages} pages, {args.images} images, concurrency {args.concurrency}")
        with serve_site(tmp_path / "site") as site:
            seed = site.url()
            cpu0 = child_cpu_s()
            bare_s, bare_out = timed(
                [sys.executable, str(bare_script), seed, str(args.concurrency)]
            )
            bare_rss, bare_cpu = peak_child_rss_mb(), child_cpu_s() - cpu0
            print(f"(a) bare Scrapy spider: {bare_s:6.1f} s  {bare_out.splitlines()[-1]}")

            env = {**os.environ, "BRANDAUDIT_HISTORY": str(tmp_path / "history.sqlite")}
            env["BRANDAUDIT_CACHE"] = str(tmp_path / "audit-cache" / "hashes.sqlite")
            env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
            audit_cmd = [
                sys.executable, "-m", "brandaudit", "audit",
                "--guideline", str(REPO / "brand_assets/sample/brand.yaml"), seed,
                "--out", str(tmp_path / "audit"), "--max-pages", str(args.pages),
                "--fail-on", "never", "--concurrency", str(args.concurrency),
                "--render", args.render,
            ]  # fmt: skip
            audit_s, audit_out = timed(audit_cmd, env)
            audit_rss, audit_cpu = peak_child_rss_mb(), child_cpu_s() - cpu0 - bare_cpu
            print(f"(b) brandaudit audit:   {audit_s:6.1f} s  {audit_out.splitlines()[-2:]}")
            crawl_meta = json.loads((tmp_path / "audit/crawl/meta.json").read_text())
            audit_crawl_s = (
                datetime.fromisoformat(crawl_meta["finished"])
                - datetime.fromisoformat(crawl_meta["started"])
            ).total_seconds()
            print(
                f"    of which the crawl (meta.json started..finished): ~{audit_crawl_s:.0f} s, "
                f"checks + reports + start-up: ~{audit_s - audit_crawl_s:.0f} s"
            )

            options = CrawlOptions(
                seeds=(seed,), max_pages=args.pages, concurrency=args.concurrency,
                http_cache=tmp_path / "crawl-cache" / "http" / "site.sqlite",
            )  # fmt: skip
            started = time.perf_counter()
            meta = run_crawl(options, tmp_path / "crawl_only")
            crawl_s = time.perf_counter() - started
            crawl_cpu = child_cpu_s() - cpu0 - bare_cpu - audit_cpu
            result = load_run(tmp_path / "crawl_only")
            print(
                f"(c) run_crawl only:     {crawl_s:6.1f} s  pages {len(result.pages)}, "
                f"images {len(result.images)}, errors {len(result.errors)}, "
                f"requests {meta.stats.get('downloader/request_count')}"
            )
        pages = len(result.pages)
        print(f"audit / bare = {audit_s / bare_s:.2f}  (target <= 1.25)")
        print(f"crawl / bare = {crawl_s / bare_s:.2f}")
        print(
            f"pages/s: bare {pages / bare_s:.0f}, audit {pages / audit_s:.0f}, "
            f"crawl {pages / crawl_s:.0f}"
        )
        print(
            f"CPU seconds (children): bare {bare_cpu:.1f}, audit {audit_cpu:.1f}, "
            f"crawl {crawl_cpu:.1f} (less sensitive than wall time to a busy machine)"
        )
        print(
            f"CPU crawler child / bare = {crawl_cpu / bare_cpu:.2f}  (target <= 1.15): "
            f"bare {bare_cpu:.1f}, crawl {crawl_cpu:.1f} CPU s"
        )
        print(
            f"CPU audit / bare = {audit_cpu / bare_cpu:.2f}  (target <= 1.5); "
            f"wall: bare {bare_s:.1f} s, audit {audit_s:.1f} s"
        )
        print(
            f"peak child RSS (cumulative max): after bare {bare_rss:.0f} MB, "
            f"after audit {audit_rss:.0f} MB, after crawl {peak_child_rss_mb():.0f} MB"
        )


if __name__ == "__main__":
    main()
