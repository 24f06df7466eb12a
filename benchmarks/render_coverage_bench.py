"""Pages a site's audit covers under `--render never`, `auto` and `always`, with CPU time.

For a site that navigates by script, `auto` should cover what `always` covers at a fraction
of its cost. Serves SITE_DIR on 127.0.0.1 and audits it through the command line once per
mode (sample guideline, no history). Usage:

    python benchmarks/render_coverage_bench.py SITE_DIR [--modes never,auto,always]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def child_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--modes", default="never,auto,always")
    args = parser.parse_args()
    from brandaudit.site_server import serve_site

    guideline = REPO / "brand_assets/sample/brand.yaml"
    with tempfile.TemporaryDirectory(prefix="render_cov_") as tmp, serve_site(args.site) as site:
        for mode in args.modes.split(","):
            out = Path(tmp) / mode
            cpu, wall = child_cpu_s(), time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "brandaudit", "audit", "--guideline", str(guideline),
                 site.base_url, "--render", mode, "--out", str(out), "--no-history",
                 "--fail-on", "never"],
                capture_output=True, check=False, env={**os.environ},
            )  # fmt: skip
            report = json.loads((out / "report.json").read_text(encoding="utf-8"))
            coverage = report["coverage"]
            pages = sorted(p["url"].removeprefix(site.base_url) for p in report["pages"])
            left = {r: n for r, n in coverage["not_crawled"].items() if n}
            print(f"--render {mode:6}: {coverage['crawled']:3} pages crawled, complete "
                  f"{coverage['complete']}, rendered {len(coverage['rendered'])}, not crawled "
                  f"{left or 'none'}; {child_cpu_s() - cpu:.1f} CPU s, "
                  f"{time.perf_counter() - wall:.1f} s wall")  # fmt: skip
            print(f"    pages: {' '.join(pages) or '-'}")
            for entry in coverage["rendered"][:5]:
                print(f"    rendered {entry['url'].removeprefix(site.base_url) or '/'}: "
                      f"{entry['why']}")  # fmt: skip


if __name__ == "__main__":
    main()
