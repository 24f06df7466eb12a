"""Rendered vs plain crawl throughput and memory on a generated 200-page local site.

    python benchmarks/render_bench.py [--pages 200] [--concurrency 8] [--variants]
                                      [--tuning "tab_uses=10,tabs=6" ...]
                                      [--chromium /usr/bin/chromium "" ...]

Each crawl runs through `crawler.run.run_crawl` (a child process, as in an audit). Pages/s
is pages stored divided by the wall time of the whole crawl, browser start included.
Memory: every 0.2 s the resident memory of all descendant processes of this benchmark (the
crawl child, Playwright's node driver, every Chromium process) is read from /proc and
summed twice: RSS (counts shared pages once per process, so it overstates) and PSS (shared
pages split between the processes sharing them: the honest total). Peaks are printed.
`--variants` also measures what each part of rendering costs, and `--tuning` runs given
values of the developer knob BRANDAUDIT_RENDER_TUNING (keys in crawler/render/tuning.py).
Rendered rows also show how many browser tabs were opened and how many reused. CPU seconds
are per process kind, as last sampled alive (Chromium's by --type: browser, renderer,
gpu-process, NetworkService...), and per page; `--chromium` compares browser executables.

December 2026, Chromium 156, 100 pages, machine shared (load 12-15), same run, CPU per page
(`--pages 100 --chromium /usr/bin/chromium "" --tuning events=1 ""`): full `chromium` with
scrapy-playwright's request counters 498 ms; without the counters 468; chromium-headless-shell
with them 365; both changes 322 ms (Chromium 217, node 43, Python 62). Under the bench lock
(200 pages, load 5-13): full chromium 378 / 410 ms (with / without the counters), headless
shell 357 / 310 ms; 2.7 pages/s for all four at that load. On 2 idle cores ~310 ms is a
ceiling of ~6.5 pages/s, not 10: Chromium alone, driven over raw DevTools with no
Playwright, no inspection and no screenshot, costs ~95 ms a page on this site.

Eleventh session, 200 pages under the bench lock, load 15-19, rounds interleaved in one run
(`--pages 200 --tuning content=1 "" content=1 ""`): scrapy-playwright's own navigation step
(body from `page.content()`, in Playwright's utility world) 358 / 371 ms a page; the body from
the settle script's result 288 / 300 ms (renderer 21-22 -> 15 CPU s, node 8.7 -> 6.7, Python
11.3 -> 10.1). What is left, per page: the screenshot ~70 ms (benchmarks/render_capture_bench.py),
the inspection script ~30, the navigation itself ~150 (Playwright's driver included).
Output unchanged (`render_compare.py SITE --max-pages 40 --before :content=1 --after :`):
this site's 40 pages alike, tcpdump.org's 38 shared pages alike, 0 % screenshot pixels.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.render.browser import ENV_CHROMIUM
from brandaudit.crawler.render.tuning import TUNING_ENV
from brandaudit.crawler.run import run_crawl
from brandaudit.crawler.run_store import load_run
from brandaudit.site_server import serve_site

CSS = """body { font-family: "DejaVu Sans", sans-serif; margin: 0; color: #0A1F44; }
header { background: #0B5FFF; color: #fff; padding: 16px; } .cta { background: #E4007C; }
main { max-width: 900px; margin: auto; } img.logo { width: 160px; height: 40px; }"""
JS = """document.addEventListener("DOMContentLoaded", () => {
  const p = document.createElement("p"); p.textContent = "Injected by JavaScript.";
  document.querySelector("main").appendChild(p); });"""
PARAGRAPH = (
    "NovaBridge builds bridges that carry ideas across teams, offices and time zones. "
    "Sign in to see how your organisation can collaborate with partners worldwide. "
) * 4


def write_site(root: Path, pages: int) -> None:
    (root / "style.css").write_text(CSS, encoding="utf-8")
    (root / "app.js").write_text(JS, encoding="utf-8")
    (root / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40">'
        '<rect width="160" height="40" fill="#0B5FFF"/></svg>',
        encoding="utf-8",
    )
    for index in range(pages):
        links = " ".join(
            f'<a href="p{(index + step) % pages}.html">Page {(index + step) % pages}</a>'
            for step in range(1, 6)
        )
        body = (
            f'<header><img class="logo" src="logo.svg" alt="NovaBridge"><nav>{links}</nav>'
            f"</header><main><h1>Page {index}</h1>"
            + "".join(f"<p>{PARAGRAPH}</p>" for _ in range(3))
            + '<button class="cta">Sign in</button></main>'
        )
        html = (
            f"<!doctype html><html lang='en'><head><title>Page {index}</title>"
            f'<link rel="stylesheet" href="style.css"><script src="app.js"></script></head>'
            f"<body>{body}</body></html>"
        )
        (root / f"p{index}.html").write_text(html, encoding="utf-8")


def _children(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _memory_kb(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def _cpu_seconds(pid: int) -> tuple[str, float] | None:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            head, tail = handle.read().rsplit(")", 1)
    except OSError:
        return None
    fields = tail.split()
    comm = head.split("(", 1)[1].lower()
    kind = "node" if "node" in comm else "python"
    if "chrom" in comm:
        kind = _chromium_kind(pid)
    return kind, (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _chromium_kind(pid: int) -> str:
    """'chromium' plus the process's --type (renderer, gpu-process, utility...), or 'browser'."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            args = handle.read().replace(b"\0", b" ").split()  # Chromium rewrites its argv
    except OSError:
        return "chromium"
    for arg in args:
        if arg.startswith(b"--type="):
            kind = arg.split(b"=", 1)[1].decode("ascii", "replace")
            if kind == "utility":
                for other in args:
                    if other.startswith(b"--utility-sub-type="):
                        kind = other.split(b"=", 1)[1].decode("ascii", "replace").split(".")[-1]
            return f"chromium:{kind}"
    # A renderer's retitled argv may be cut before its --type: its parent is the zygote.
    return "chromium:renderer" if _is_zygote(_parent(pid)) else "chromium:browser"


def _is_zygote(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return b"--type=zygote" in handle.read()
    except OSError:
        return False


def _parent(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return int(handle.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


class MemorySampler(threading.Thread):
    """Peak summed RSS and PSS of this process's descendants, sampled every 0.2 s."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        self.cpu: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds last seen)

    def run(self) -> None:
        while not self.stop.wait(0.2):
            pids = _children(os.getpid())
            totals = [_memory_kb(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(t[0] for t in totals))
            self.peak_pss = max(self.peak_pss, sum(t[1] for t in totals))
            self.peak_processes = max(self.peak_processes, len(pids))
            for pid in pids:
                seen = _cpu_seconds(pid)
                if seen is not None:
                    self.cpu[pid] = seen

    def cpu_by_kind(self) -> str:
        """CPU seconds per kind of process (each process as last sampled alive)."""
        totals: dict[str, float] = {}
        for kind, seconds in self.cpu.values():
            totals[kind] = totals.get(kind, 0.0) + seconds
            if kind.startswith("chromium:"):
                totals["chromium"] = totals.get("chromium", 0.0) + seconds
        return ", ".join(f"{kind} {secs:.1f}" for kind, secs in sorted(totals.items()))

    def total_cpu(self) -> float:
        return sum(seconds for _, seconds in self.cpu.values())


def crawl_once(
    seed: str, render: str, pages: int, concurrency: int, tuning: str, chromium: str = ""
) -> str:
    os.environ[TUNING_ENV] = tuning
    if chromium:
        os.environ[ENV_CHROMIUM] = chromium
    else:
        os.environ.pop(ENV_CHROMIUM, None)
    sampler = MemorySampler()
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        options = CrawlOptions(
            seeds=(seed,), render=render, max_pages=pages, concurrency=concurrency,  # type: ignore[arg-type]
            retries=0, use_sitemap=False, obey_robots=False, timeout_s=30, max_depth=10_000,
        )  # fmt: skip
        started = time.perf_counter()
        stats = run_crawl(options, Path(tmp)).stats
        elapsed = time.perf_counter() - started
        result = load_run(Path(tmp))  # pages are read from the run folder: count them here
        done = len(result.pages)
        rendered = sum(p.rendered for p in result.pages)
    sampler.stop.set()
    sampler.join()
    browser = Path(chromium).name if chromium else "found"
    label = f"{render:<6} c={concurrency:<2} {browser} {tuning or 'defaults'}"
    tabs = (
        f"; tabs {stats.get('brandaudit/tabs_opened', 0)} opened, "
        f"{stats.get('brandaudit/tabs_reused', 0)} reused, "
        f"{stats.get('brandaudit/render_routed', 0)} routed"
        if rendered
        else ""
    )
    return (
        f"{label:<40} {done:>4} pages ({rendered:>3} rendered, {len(result.errors)} errors) "
        f"in {elapsed:6.1f} s = {done / elapsed:6.1f} pages/s; peak RSS "
        f"{sampler.peak_rss / 1024:6.0f} MB, PSS {sampler.peak_pss / 1024:6.0f} MB "
        f"({sampler.peak_processes} processes); CPU {sampler.total_cpu():.1f} s = "
        f"{1000 * sampler.total_cpu() / max(1, done):.0f} ms/page ({sampler.cpu_by_kind()}){tabs}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8])
    parser.add_argument("--variants", action="store_true", help="also measure each cost")
    parser.add_argument(
        "--tuning", nargs="+", default=[], help=f"only these {TUNING_ENV} values ('' = defaults)"
    )
    parser.add_argument(
        "--chromium",
        nargs="+",
        default=[""],
        help=f"browser executables to compare ('' = the one {ENV_CHROMIUM} or PATH gives)",
    )
    args = parser.parse_args()
    variants = args.tuning or [""]
    if args.variants:
        variants += [
            "shot=playwright",
            "shot=0",
            "inspect=0,shot=0",
            "settle=0",
            "wait_until=domcontentloaded",
            "inspect=0,shot=0,settle=0,wait_until=domcontentloaded",
        ]
    with tempfile.TemporaryDirectory() as tmp, serve_site(Path(tmp)) as site:
        write_site(Path(tmp), args.pages)
        seed = site.url("p0.html")
        print(f"{os.cpu_count()} CPUs; site of {args.pages} pages at {site.base_url}", flush=True)
        print(crawl_once(seed, "never", args.pages, 8, ""), flush=True)
        for concurrency in args.concurrency:
            for chromium in args.chromium:
                for tuning in variants:
                    row = crawl_once(seed, "always", args.pages, concurrency, tuning, chromium)
                    print(row, flush=True)


if __name__ == "__main__":
    main()
