"""Peak memory of each step of an audit's evaluation, on a saved crawl, in one process.

`memory_bench.py` gives each process's peak; this says which step holds it. It re-checks a
saved crawl (`brandaudit check --from`: no network) with every step of `pipeline.evaluate`
wrapped: before a step the kernel's peak-RSS mark is reset (`/proc/self/clear_refs`), after
it the step's own peak (`VmHWM`) and what it left resident (`VmRSS`) are printed. Run it on
the crawls of two site sizes: a step whose peak grows with the site is a holder to fix.
`--trace STEP` also diffs tracemalloc snapshots around that step (slow) and prints the top
allocation sites left alive after it and at its end. Usage:

    python benchmarks/memory_stages.py AUDIT_DIR/crawl [--trace write_reports]
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

# pipeline.evaluate's steps, as the names it calls them by (module attributes)
STEPS = (
    "drops_since_last", "check_into", "report_findings", "logo_inventory", "build_report",
    "current_ratings", "gate", "touchpoint_matrix", "contact_inventory", "attach_screenshots",
    "rating_trend", "dashboard_link", "write_reports",
)  # fmt: skip
HISTORY_STEPS = ("attach_history", "record")  # HistoryStore methods


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS


class StepMeter:
    """Wraps steps; prints each one's peak RSS, resident after, and seconds."""

    def __init__(self, trace: str | None) -> None:
        self.trace = trace
        self.rows: list[tuple[str, int, int, float]] = []

    def wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def measured(*args: Any, **kwargs: Any) -> Any:
            before = tracemalloc.take_snapshot() if self.trace == name else None
            _reset_peak()
            started = time.perf_counter()
            value = function(*args, **kwargs)
            seconds = time.perf_counter() - started
            self.rows.append((name, _status_kb("VmHWM"), _status_kb("VmRSS"), seconds))
            print(f"  {name}: peak {self.rows[-1][1] / 1024:.0f} MB", flush=True)
            if before is not None:
                after = tracemalloc.take_snapshot()
                print(f"--- tracemalloc: left alive by {name} (top 15 by size)")
                for stat in after.compare_to(before, "lineno")[:15]:
                    print(f"    {stat}", flush=True)
                _current, peak = tracemalloc.get_traced_memory()
                print(f"    traced peak in {name}: {peak / 2**20:.1f} MB")
            return value

        return measured


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("crawl", type=Path, help="a saved crawl (an audit's crawl/ folder)")
    parser.add_argument("--trace", help="diff tracemalloc snapshots around this step")
    parser.add_argument("--history", type=Path, help="history store (default: a fresh one)")
    args = parser.parse_args()
    from brandaudit import pipeline
    from brandaudit.history import HistoryStore

    meter = StepMeter(args.trace)
    for name in STEPS:
        setattr(pipeline, name, meter.wrap(name, getattr(pipeline, name)))
    for name in HISTORY_STEPS:
        setattr(HistoryStore, name, meter.wrap(name, getattr(HistoryStore, name)))
    if args.trace:
        tracemalloc.start(5)
    with tempfile.TemporaryDirectory(prefix="memory_stages_") as tmp:
        history = args.history or Path(tmp) / "history.sqlite"
        gate = pipeline.GateSettings(fail_on="never", history=history)
        guideline = REPO / "brand_assets/sample/brand.yaml"
        started_kb = _status_kb("VmRSS")
        formats = ("junit", "sarif", "md", "csv")
        pipeline.check_saved_run(args.crawl, guideline, Path(tmp) / "out", formats, gate)
    print(f"RSS at start {started_kb / 1024:.0f} MB; per step (peak / resident after / s):")
    for name, peak, resident, seconds in meter.rows:
        print(
            f"  {name:20s} {peak / 1024:7.0f} MB {resident / 1024:7.0f} MB {seconds:7.1f} s",
            flush=True,
        )


if __name__ == "__main__":
    main()
