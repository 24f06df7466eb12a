"""CPU the coverage bookkeeping adds to a crawl, measured on crawl_bench.py's generated site.

Runs, in one process and without a network, what the spider now does per page and link on
top of what it did before (trap guard for each new URL, orphan and fetched bookkeeping, the
script-navigation and stylesheet looks at each page), apart from what it did before anyway
(canonicalising each link), three times. The crawl's own CPU comes from crawl_bench.py
(`--crawl-cpu`, default 18.4 s: its run_crawl CPU at f3bb5a0 for 1,500 pages). Usage:

    python benchmarks/coverage_overhead.py [--pages 1500] [--crawl-cpu 18.4]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--crawl-cpu", type=float, default=18.4)
    args = parser.parse_args()
    from crawl_bench import generate_site
    from parsel import Selector
    from w3lib.url import canonicalize_url

    from brandaudit.crawler.coverage import CoverageLedger
    from brandaudit.crawler.extract import page_links
    from brandaudit.crawler.layout_hints import css_may_resize
    from brandaudit.crawler.render.script_navigation import may_navigate_by_script
    from brandaudit.crawler.traps import TrapGuard

    with tempfile.TemporaryDirectory() as tmp:
        generate_site(Path(tmp) / "site", args.pages, 60)
        pages = {p.name: p.read_text() for p in (Path(tmp) / "site").glob("*.html")}
    base = "http://127.0.0.1:8000/"
    roots = {name: Selector(text=html, type="html").root for name, html in pages.items()}
    links = {name: page_links(root, base + name) for name, root in roots.items()}
    for _ in range(3):
        started = time.process_time()
        ledger, traps, seen = CoverageLedger(), TrapGuard(), set()
        for name, html in pages.items():
            may_navigate_by_script(html)
            css_may_resize(roots[name])
            ledger.fetched_page(base + name)
            for link in links[name]:
                key = canonicalize_url(link)
                ledger.orphans.discard(key)
                if key not in seen:
                    traps.why_trap(link)
                    seen.add(key)
        ledger.to_dict()
        total = time.process_time() - started
        started = time.process_time()
        before: set[str] = set()
        for name in pages:
            before.update(canonicalize_url(link) for link in links[name])  # as before
        old = time.process_time() - started
        new = total - old
        print(f"{len(pages)} pages, {sum(map(len, links.values()))} links: new bookkeeping "
              f"{new:.3f} CPU s = {new / args.crawl_cpu * 100:.2f} % of a {args.crawl_cpu} "
              f"CPU s crawl (canonicalising, done before too: {old:.3f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
