"""Peak memory of a full audit, per process, on a generated site of N pages.

Generates an N-page site (crawl_bench's generator: paragraphs naming the brand, links, a pool
of PNG images), serves it on 127.0.0.1 and runs `python -m brandaudit audit --render never`
in a child. A sampler reads `VmHWM` (the kernel's peak resident set) of the CLI process and
of every descendant (the crawler child) four times a second, so each process's peak is exact
even between samples. Prints peak RSS per process, CPU seconds (children) and wall time, and
checks that report.json parses and lists every page. Issue 20's target: every process below
400 MB at 20,000 and at 100,000 pages. Usage:

    python benchmarks/memory_bench.py --pages 1500 [--pages 20000 ...] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from crawl_bench import generate_site  # noqa: E402


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _status(pid: int) -> tuple[str, int] | None:
    """(command line, peak RSS in kB) of a live process."""
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return cmd, int(line.split()[1])
    except OSError:
        return None
    return None


def _role(cmd: str) -> str:
    if "brandaudit.crawler" in cmd or " -m crawler" in cmd or "crawler/__main__" in cmd:
        return "crawler child"
    if "brandaudit audit" in cmd or "-m brandaudit" in cmd:
        return "CLI (checks, reports)"
    return cmd[:60]


class PeakSampler(threading.Thread):
    """Keeps the highest VmHWM seen per process of a process tree."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peaks: dict[int, tuple[str, int]] = {}
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            todo = [self.root]
            while todo:
                pid = todo.pop()
                todo.extend(_children(pid))
                status = _status(pid)
                if status is not None:
                    old = self.peaks.get(pid, ("", 0))
                    self.peaks[pid] = (status[0] or old[0], max(old[1], status[1]))
            self.done.wait(0.25)


def child_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_audit(site_url: str, out: Path, pages: int, history: Path) -> dict[str, object]:
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
    sampler = PeakSampler(child.pid)
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


def check_reports(out: Path) -> str:
    """report.json parses and names its pages; report.html exists; sizes in MB."""
    with open(out / "report.json", encoding="utf-8") as handle:
        document = json.load(handle)
    html = out / "report.html"
    return (
        f"report.json {(out / 'report.json').stat().st_size / 1e6:.1f} MB "
        f"({len(document['pages'])} pages, {len(document['findings'])} findings), "
        f"report.html {html.stat().st_size / 1e6:.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, action="append", help="site size (repeatable)")
    parser.add_argument("--images", type=int, default=60)
    parser.add_argument("--keep", type=Path, help="keep sites and reports under this folder")
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
            with serve_site(site) as server:
                out = root / f"audit{pages}"
                figures = run_audit(server.url(), out, pages, root / f"history{pages}.sqlite")
            peaks = ", ".join(
                f"{role} {kb / 1024:.0f} MB" for role, kb in sorted(figures["peaks"].items())
            )
            print(
                f"{pages} pages: peak RSS {peaks}; CPU {figures['cpu']:.1f} s, "
                f"wall {figures['wall']:.1f} s; {check_reports(out)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
