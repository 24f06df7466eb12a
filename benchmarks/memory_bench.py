"""Peak memory of a full audit, per process, on a generated site of N pages.

Generates an N-page site (crawl_bench's generator: paragraphs naming the brand, links, a pool
of PNG images), serves it on 127.0.0.1 and runs `python -m brandaudit audit --render never`
in a child. A sampler reads `VmHWM` (the kernel's peak resident set) of the CLI process and
of every descendant (the crawler child) four times a second, so each process's peak is exact
even between samples. Prints peak RSS per process, CPU seconds (children) and wall time, the
findings and the reports' sizes, and checks report.json and report.html as a reader would
(benchmarks/report_verify.py: both parse, every page and finding is there, the per-page card
cap says how many more). Every `--every` seconds it prints the pages crawled so far and each
process's resident and peak memory, so a long run shows its curve even if it is stopped.
`--reaudit` audits the site a second time into the same history: a re-audit compares itself
with the previous audit (history's since-last and improvement rate). Issue 20's target: every
process below 400 MB at 20,000 and at 100,000 pages. Usage:

    python benchmarks/memory_bench.py --pages 1500 [--pages 20000 ...] [--keep DIR] [--reaudit]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from crawl_bench import generate_site  # noqa: E402
from report_verify import ReportError, verify  # noqa: E402

from brandaudit.reports.html_parts import PAGE_CARDS  # noqa: E402


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _status(pid: int) -> tuple[str, int, int] | None:
    """(command line, peak RSS, current RSS, both in kB) of a live process."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        fields = dict(
            line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines()
        )
        return cmd, int(fields["VmHWM"].split()[0]), int(fields["VmRSS"].split()[0])
    except (OSError, KeyError, ValueError):
        return None


def _role(cmd: str) -> str:
    if "brandaudit.crawler" in cmd or " -m crawler" in cmd or "crawler/__main__" in cmd:
        return "crawler child"
    if "brandaudit audit" in cmd or "-m brandaudit" in cmd:
        return "CLI (checks, reports)"
    return cmd[:60]


class PageCounter:
    """Lines of the crawl's pages.jsonl so far, read incrementally."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.lines = 0

    def count(self) -> int:
        try:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                data = handle.read()
        except OSError:
            return self.lines
        self.offset += len(data)
        self.lines += data.count(b"\n")
        return self.lines


class PeakSampler(threading.Thread):
    """Keeps the highest VmHWM seen per process of a process tree; prints the curve."""

    def __init__(self, root: int, pages: PageCounter, every: float) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.pages = pages
        self.every = every
        self.peaks: dict[int, tuple[str, int]] = {}
        self.resident: dict[int, int] = {}
        self.done = threading.Event()

    def run(self) -> None:
        started = last = time.perf_counter()
        while not self.done.is_set():
            todo, alive = [self.root], set()
            while todo:
                pid = todo.pop()
                todo.extend(_children(pid))
                status = _status(pid)
                if status is not None:
                    alive.add(pid)
                    old = self.peaks.get(pid, ("", 0))
                    self.peaks[pid] = (status[0] or old[0], max(old[1], status[1]))
                    self.resident[pid] = status[2]
            now = time.perf_counter()
            if self.every and now - last >= self.every:
                last = now
                print(f"  {now - started:6.0f} s, {self.pages.count():6d} pages: "
                      f"{self.curve(alive)}", flush=True)  # fmt: skip
            self.done.wait(0.25)

    def curve(self, alive: set[int]) -> str:
        """Resident / peak MB of each live process (of more than 10 MB)."""
        rows = []
        for pid in sorted(alive):
            cmd, peak = self.peaks[pid]
            if peak > 10 * 1024:
                rows.append(f"{_role(cmd)} {self.resident[pid] / 1024:.0f}/{peak / 1024:.0f}")
        return ", ".join(rows) + " MB (resident/peak)"


def child_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_audit(
    site_url: str, out: Path, pages: int, history: Path, every: float
) -> dict[str, object]:
    env = {**os.environ, "BRANDAUDIT_HISTORY": str(history)}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    command = [
        sys.executable, "-m", "brandaudit", "audit",
        "--guideline", str(REPO / "brand_assets/sample/brand.yaml"), site_url,
        "--out", str(out), "--max-pages", str(pages), "--fail-on", "never",
        "--render", "never", "--format", "junit,sarif,md,csv",
    ]  # fmt: skip
    cpu0, started = child_cpu_s(), time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)  # fmt: skip
    sampler = PeakSampler(child.pid, PageCounter(out / "crawl" / "pages.jsonl"), every)
    sampler.start()
    _, stderr = child.communicate()
    sampler.done.set()
    sampler.join()
    wall, cpu = time.perf_counter() - started, child_cpu_s() - cpu0
    if child.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({child.returncode}):\n{stderr.decode()[-3000:]}")
    peaks: dict[str, int] = {}
    for cmd, kb in sampler.peaks.values():
        role = _role(cmd)
        peaks[role] = max(peaks.get(role, 0), kb)
    return {"wall": wall, "cpu": cpu, "peaks": peaks}


def _figures(figures: dict[str, Any]) -> str:
    peaks = ", ".join(  # helpers of a few MB (tesseract --version, gcc from ctypes) left out
        f"{role} {kb / 1024:.0f} MB" for role, kb in sorted(figures["peaks"].items()) if kb > 10240
    )
    return f"peak RSS {peaks}; CPU {figures['cpu']:.1f} s, wall {figures['wall']:.1f} s"


def check_reports(out: Path) -> str:
    """report.json and report.html verified (report_verify.py); their figures in words."""
    try:
        facts = verify(out, PAGE_CARDS)
    except ReportError as exc:
        raise SystemExit(f"{out}: INVALID REPORT: {exc}") from None
    return (
        f"{facts['findings']} findings on {facts['pages_with_findings']} of {facts['pages']} "
        f"pages; report.json {facts['json_mb']:.1f} MB, report.html + {facts['part_files']} "
        f"parts {facts['html_mb']:.1f} MB ({facts['capped_pages']} pages past the "
        f"{PAGE_CARDS}-card cap): both valid and complete"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, action="append", help="site size (repeatable)")
    parser.add_argument("--images", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="keep sites and reports under this folder")
    parser.add_argument("--every", type=float, default=60, help="seconds between curve lines")
    parser.add_argument("--reaudit", action="store_true", help="audit each site twice")
    args = parser.parse_args()
    from brandaudit.site_server import serve_site

    with tempfile.TemporaryDirectory(prefix="memory_bench_") as tmp:
        root = args.keep or Path(tmp)
        for pages in args.pages or [1500]:
            site = root / f"site{pages}"
            if not (site / "index.html").exists():
                started = time.perf_counter()
                generate_site(site, pages, args.images)
                print(f"generated {pages} pages in {time.perf_counter() - started:.0f} s")
            history = root / f"history{pages}.sqlite"
            history.unlink(missing_ok=True)  # the first audit compares itself with none
            with serve_site(site) as server:  # one port: a re-audit sees the same URLs
                for run in ("first audit", "re-audit")[: 1 + args.reaudit]:
                    out = root / (f"audit{pages}" + ("-re" if run == "re-audit" else ""))
                    figures = run_audit(server.url(), out, pages, history, args.every)
                    print(f"{pages} pages, {run}: {_figures(figures)}; {check_reports(out)}",
                          flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
