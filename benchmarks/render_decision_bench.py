"""Precision and recall of `--render auto`'s "navigates by script" decision.

The question per page: does its script lead to pages of the site that its static HTML does
not link (a redirecting root, a menu or language switcher built by script)? Such a page must
be rendered (`crawler.render.decide.render_reason`) or its targets read from its handlers
(`script_targets`), or an unrendered crawl stops there. Cases:

- labelled pages written for this benchmark (below): redirecting roots, script-built menus,
  switchers, and pages that merely mention `location` or run analytics;
- real pages (optional): `--real DIR` with a `LABELS.json` mapping each HTML file to true or
  false, e.g. a public company site's repository extracted under /work/realdata/.

A page counts as found when `render_reason` gives a reason, or when `script_targets` reads a
same-site target the static links lack (both are what the crawl acts on). Usage:

    python benchmarks/render_decision_bench.py [--real /work/realdata/nerexon-website]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BASE = "https://www.example.com/"
TEXT = "<p>" + "NovaBridge builds bridges that carry ideas across teams. " * 8 + "</p>"
LINKS = "".join(f'<a href="/p{i}.html">Page {i}</a> ' for i in range(8))


def page(body: str, head: str = "") -> str:
    return f"<!doctype html><html><head><title>t</title>{head}</head><body>{body}</body></html>"


# fmt: off
# (name, html, script leads to pages the static HTML does not link)
CASES: list[tuple[str, str, bool]] = [
    ("root location.replace", page("<script>location.replace('/en/');</script>"), True),
    (
        "root href assignment, text",
        page("<p>Redirecting…</p><script>window.location.href = '/en/index.html'</script>"),
        True,
    ),
    (
        "root by navigator.language",
        page(
            "<script>var l=navigator.language.slice(0,2);window.location = '/' + l + '/';</script>"
        ),
        True,
    ),
    (
        "select switcher on a full page",
        page(
            TEXT + LINKS + '<select id="lang-switch" '
            'onchange="location.href=this.value"><option value="/en/">EN</option>'
            '<option value="/zh/">中文</option></select>'
        ),
        True,
    ),
    (
        "button onclick to a page",
        page(TEXT + LINKS + "<button onclick=\"location.href='/pricing.html'\">Pricing</button>"),
        True,
    ),
    (
        "menu by createElement",
        page(
            TEXT + "<nav id='menu'></nav><script>for (const p of "
            "['/a','/b']) { const a = document.createElement('a'); a.href = p; "
            "document.getElementById('menu').append(a); }</script>"
        ),
        True,
    ),
    (
        "menu by innerHTML",
        page(
            TEXT + "<nav id='m'></nav><script>document.getElementById('m')"
            ".innerHTML += '<a href=\"/about\">About</a>';</script>"
        ),
        True,
    ),
    (
        "root location.assign, one link",
        page("<a href=\"/legal\">Legal</a><script>location.assign('/start');</script>"),
        True,
    ),
    (
        "root redirect in an external script",
        page("<p>Loading</p>", '<script src="/js/redirect.js"></script>'),
        True,
    ),
    (
        "menu from fetched JSON",
        page(
            TEXT + "<nav id='m'></nav><script>fetch('/menu.json')"
            ".then(r => r.json()).then(render)</script>"
        ),
        True,
    ),
    ("article with analytics", page(TEXT + LINKS, '<script src="/ga.js"></script>'), False),
    (
        "reads location.hash",
        page(TEXT + LINKS + "<script>if (location.hash) open(location.hash)</script>"),
        False,
    ),
    (
        "compares location.href",
        page(TEXT + "<script>if (location.href == document.referrer) {}</script>"),
        False,
    ),
    (
        "old-browser redirect beside links",
        page(TEXT + LINKS + "<script>if (!window.fetch) location.href = '/old.html';</script>"),
        False,
    ),
    (
        "click handler among links",
        page(TEXT + LINKS + "<script>function go(u) { window.location = u; }</script>"),
        False,
    ),
    ("contact page, mailto only", page(TEXT + '<a href="mailto:hi@example.com">Mail</a>'), False),
    ("store location text", page(TEXT + "<p>Store location = Harbour Row, London</p>"), False),
    (
        "tracking onclick on links",
        page(TEXT + '<a href="/x" onclick="track(this)">x</a>' + LINKS),
        False,
    ),
    ("one-page site, no links", page(TEXT), False),
    (
        "server-rendered app",
        page(TEXT + LINKS + '<div id="root">' + TEXT + "</div>", '<script src="/app.js"></script>'),
        False,
    ),
]
# fmt: on


def decision(html: str, url: str) -> tuple[bool, str]:
    from brandaudit.crawler.extract import extract_page
    from brandaudit.crawler.render.decide import render_reason
    from brandaudit.crawler.render.script_navigation import may_navigate_by_script, script_targets

    reason = render_reason("auto", url, html)
    if reason is not None:
        return True, reason
    if may_navigate_by_script(html):
        _, links = extract_page(url, 200, html, 0, None)
        host = urlsplit(url).netloc
        new = [t for t in script_targets(html, url) if urlsplit(t).netloc == host]
        if set(new) - set(links):
            return True, f"script targets {sorted(set(new) - set(links))[:2]}"
    return False, ""


def score(name: str, cases: list[tuple[str, str, bool]], url_of=lambda n: BASE) -> None:
    tp = fp = fn = tn = 0
    for case, html, truth in cases:
        found, why = decision(html, url_of(case))
        tp += found and truth
        fp += found and not truth
        fn += truth and not found
        tn += not truth and not found
        if found != truth:
            print(f"  {'missed' if truth else 'false alarm'}: {case} {why}")
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    print(f"{name}: {len(cases)} pages ({tp + fn} navigate by script): precision "
          f"{precision:.2f}, recall {recall:.2f} (tp {tp}, fp {fp}, fn {fn}, tn {tn})")  # fmt: skip


def real_cases(folder: Path) -> list[tuple[str, str, bool]]:
    labels = json.loads((folder / "LABELS.json").read_text(encoding="utf-8"))
    return [(name, (folder / name).read_text(encoding="utf-8", errors="replace"), bool(truth))
            for name, truth in labels.items() if not name.startswith("_")]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, action="append", default=[],
                        help="folder of real pages with LABELS.json (repeatable)")  # fmt: skip
    args = parser.parse_args()
    started = time.process_time()
    score("labelled set", CASES)
    for folder in args.real:
        score(f"real: {folder.name}", real_cases(folder), lambda n: urljoin(BASE, n))
    print(f"CPU {time.process_time() - started:.2f} s")


if __name__ == "__main__":
    main()
