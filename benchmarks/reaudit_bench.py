"""Incremental re-audits: a first audit, a re-audit of the unchanged site, one after 10 edits.

Generates the `crawl_bench.py` site (N pages whose paragraphs name the brand, a pool of PNGs),
serves it with ETag / Last-Modified (304 on a matching If-None-Match) and runs
`brandaudit audit --render never --no-history` through the command line, with a fresh cache
folder ($BRANDAUDIT_CACHE):

  (1) first audit: empty caches;
  (2) re-audit of the unchanged site: must give the same findings, >= 5x less CPU and wall;
  (3) after 10 pages were edited (a wrong brand name added to each): re-audit again;
  (4) with --fresh, the same edited site with --no-cache: the findings of (3) must equal.
      (Without it, (3) is compared with (2): only the edited pages' findings may differ.)
  (5) with --max-age S, the site then sends `Cache-Control: max-age=S`: one audit stores
      it, and a re-audit within S seconds asks the server nothing (RFC 9111 freshness).

CPU is user + system of the audit process and its crawl child. Usage:

    python benchmarks/reaudit_bench.py [--pages 1500] [--images 60] [--changed 10]
                                       [--fresh] [--max-age 600]
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
sys.path.insert(0, str(REPO / "benchmarks"))

from crawl_bench import generate_site  # noqa: E402

GUIDELINE = REPO / "brand_assets/sample/brand.yaml"
EDIT = "<p>Nova Bridge changed {name} on purpose.</p></main>"  # its own text: not folded


def child_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def audit(seed: str, out: Path, env: dict[str, str], pages: int, *extra: str) -> dict:
    """One audit through the command line: its wall and CPU seconds and its report."""
    command = [
        sys.executable, "-m", "brandaudit", "audit", "--guideline", str(GUIDELINE), seed,
        "--out", str(out), "--max-pages", str(pages), "--fail-on", "never",
        "--render", "never", "--no-history", *extra,
    ]  # fmt: skip
    cpu0, wall0 = child_cpu_s(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=REPO)
    wall, cpu = time.perf_counter() - wall0, child_cpu_s() - cpu0
    if done.returncode not in (0, 1):
        raise SystemExit(f"audit failed ({done.returncode}):\n{done.stderr[-3000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"wall": wall, "cpu": cpu, "report": report, "out": done.stdout.strip()}


def comparable(report: dict) -> list[str]:
    """The findings as data, minus nothing: ids, messages, locations, evidence."""
    return sorted(json.dumps(f, sort_keys=True) for f in report["findings"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--images", type=int, default=60)
    parser.add_argument("--changed", type=int, default=10)
    parser.add_argument("--fresh", action="store_true", help="also audit the edited site "
                        "with --no-cache and compare")  # fmt: skip
    parser.add_argument("--max-age", type=int, default=0, help="then serve Cache-Control: "
                        "max-age=N and re-audit within it (no request at all)")  # fmt: skip
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[attr-defined]

    from brandaudit.site_server import serve_site

    with tempfile.TemporaryDirectory(prefix="reaudit_bench_") as tmp:
        root = Path(tmp)
        generate_site(root / "site", args.pages, args.images)
        env = {**os.environ, "BRANDAUDIT_CACHE": str(root / "cache" / "hashes.sqlite")}
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        print(f"site: {args.pages} pages, {args.images} images; load {os.getloadavg()[0]:.1f}")
        print(f"cpu: {os.cpu_count()} cores; CPU s are user + system of the audit and its crawl")
        with serve_site(root / "site", conditional=True) as site:
            seed = site.url()
            first = audit(seed, root / "a1", env, args.pages)
            hits1 = len(site.hits)
            second = audit(seed, root / "a2", env, args.pages)
            hits2, not_modified2 = len(site.hits) - hits1, len(site.not_modified)
            names = sorted(p.name for p in (root / "site").glob("p*.html"))[: args.changed]
            for name in names:
                page = root / "site" / name
                edit = EDIT.format(name=name)
                page.write_text(page.read_text().replace("</main>", edit, 1), encoding="utf-8")
            third = audit(seed, root / "a3", env, args.pages)
            fresh = audit(seed, root / "a4", env, args.pages, "--no-cache") if args.fresh else None
            stored = within = None
            if args.max_age:
                site.server.cache_control = f"max-age={args.max_age}"
                stored = audit(seed, root / "a5", env, args.pages)
                hits5 = len(site.hits)
                within = audit(seed, root / "a6", env, args.pages)
                hits6 = len(site.hits) - hits5
        runs = [
            ("(1) first audit", first),
            ("(2) unchanged re-audit", second),
            (f"(3) {len(names)} pages changed", third),
            ("(4) same, --no-cache", fresh),
            ("(5) max-age: stored", stored),
            ("(5) max-age: re-audit", within),
        ]
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")
        for label, run in runs:
            if run is None:
                continue
            counts = run["report"]["summary"]["findings"]
            print(f"{label:24} wall {run['wall']:6.1f} s  cpu {run['cpu']:6.1f} s  "
                  f"pages {run['report']['summary']['pages']}  findings {counts}")  # fmt: skip
            if run["report"].get("incremental"):
                print(f"{'':24} incremental: {run['report']['incremental']}")
        print(f"requests to the server: first {hits1}, re-audit {hits2} "
              f"({not_modified2} answered 304)")  # fmt: skip
        same = comparable(first["report"]) == comparable(second["report"])
        print(f"re-audit findings identical to the first audit's: {same}")
        if within is not None and stored is not None:
            same5 = comparable(within["report"]) == comparable(stored["report"])
            print(f"(5) requests to the server within max-age: {hits6}; findings identical: "
                  f"{same5}; speed-up over (1): wall {first['wall'] / within['wall']:.1f}x, "
                  f"cpu {first['cpu'] / within['cpu']:.1f}x")  # fmt: skip
        print(f"speed-up of the re-audit: wall {first['wall'] / second['wall']:.1f}x, "
              f"cpu {first['cpu'] / second['cpu']:.1f}x (target >= 5x)")  # fmt: skip
        edited = {site.url(name) for name in names}
        changed_now = [f for f in third["report"]["findings"] if f["url"] in edited]
        new_names = [f for f in changed_now if "on purpose" in (f["location"]["snippet"] or "")]
        print(f"changed pages: {len(new_names)} of {len(names)} show the new wrong name")
        if fresh is not None:
            same = comparable(third["report"]) == comparable(fresh["report"])
            print(f"(3) findings equal to a --no-cache audit's: {same}")
        else:

            def rest(run: dict) -> list[str]:
                return [f for f in comparable(run["report"]) if json.loads(f)["url"] not in edited]

            print(f"(3) findings of the unchanged pages equal to (2)'s: "
                  f"{rest(third) == rest(second)}")  # fmt: skip


if __name__ == "__main__":
    main()
