"""Precision of brandaudit on real public websites, against verdicts from reading each finding.

Each site of benchmarks/real_sites/manifest.yaml (extracted beforehand with
real_sites_extract.py) is served on 127.0.0.1 at a fixed port and audited with its guideline
(`--render never`). Every finding is joined with benchmarks/real_sites/verdicts.yaml
(finding id -> real | false, and for false alarms their kind). Printed: precision per rule and
per rule family, false alarms per kind, the real inconsistencies found, recall of the real
ones verdicted before, and every finding with no verdict yet (read it, then add its verdict).

    python benchmarks/real_sites.py /work/realdata/sites [--site NAME ...] [--recheck]

`--recheck` re-runs the checks on each site's saved crawl (`brandaudit check`), no crawl.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml
from real_sites_manifest import MANIFEST, VERDICTS, Site, load_manifest
from real_sites_serving import site_routes

from brandaudit.site_server import serve_site

FAMILY_TARGET = 90.0  # issue 18: precision per rule family, and recall of the real ones
# Pages each audit read: a page cap (tcpdump's 150) samples the site, and which pages it
# takes varies between runs; recall counts the known real findings on pages read this time.
CRAWLED: dict[str, set[str]] = {}


def audit_site(site: Site, sites_dir: Path, out: Path, recheck: bool) -> list[dict[str, Any]]:
    """Audit one site (or re-check its saved crawl); return its findings tagged with the site."""
    run_dir = out / site.name
    cli = [sys.executable, "-m", "brandaudit"]
    common = ["--guideline", str(site.guideline), "--no-history", "--fail-on", "never"]
    if recheck and (run_dir / "crawl").is_dir():
        check_dir = out / f"{site.name}.check"
        cmd = [*cli, "check", "--from", str(run_dir), *common, "--out", str(check_dir)]
        run_cli(cmd)
        report = check_dir / "report.json"
    else:
        root = sites_dir / site.name
        if not root.is_dir():
            raise SystemExit(f"{root}: not found (extract it with real_sites_extract.py)")
        base_url = f"http://127.0.0.1:{site.port}/"
        with serve_site(root, site_routes(root, site.origin, base_url), port=site.port) as running:
            cmd = [*cli, "audit", running.url(site.seed), *common, "--render", "never"]
            cmd += ["--out", str(run_dir)]
            if site.max_pages:
                cmd += ["--max-pages", str(site.max_pages)]
            run_cli(cmd)
        report = run_dir / "report.json"
    data = json.loads(report.read_text(encoding="utf-8"))
    CRAWLED[site.name] = {page["url"] for page in data.get("pages", ())}
    findings = data["findings"]
    for finding in findings:
        finding["site"] = site.name
    return findings


def run_cli(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode not in (0, 1):  # 1: findings at --fail-on (never here), kept for safety
        raise SystemExit(f"{' '.join(cmd)}\n{done.stderr[-2000:]}")


def listed(finding: dict[str, Any]) -> bool:
    """An info finding that lists, asks no change: others' words (a quoted title or
    testimonial, evidence.quoted) or the others' profiles linked from page text. Counted apart:
    an editor reads it as an inventory, not as an alarm."""
    if finding["severity"] != "info":
        return False
    quoted = bool((finding.get("evidence") or {}).get("quoted"))
    return quoted or finding["rule"] == "touchpoint.third_party"


def family(rule: str) -> str:
    return rule.split(".", 1)[0]


def found_text(finding: dict[str, Any]) -> str:
    return str((finding.get("evidence") or {}).get("found", ""))[:60]


def precision(real: int, false: int) -> str:
    return f"{100.0 * real / (real + false):5.1f} %" if real + false else "    - "


def print_table(title: str, counts: dict[str, Counter[str]]) -> None:
    print(
        f"\n{title:<28} {'findings':>8} {'real':>5} {'false':>5} {'n/a':>5} {'open':>5}  precision"
    )
    for key in sorted(counts):
        c = counts[key]
        print(
            f"  {key:<26} {c['all']:>8} {c['real']:>5} {c['false']:>5} {c['n/a']:>5} "
            f"{c['open']:>5}  {precision(c['real'], c['false'])}"
        )


def report(findings: list[dict[str, Any]], verdicts: dict[str, dict[str, Any]]) -> bool:
    by_rule: dict[str, Counter[str]] = defaultdict(Counter)
    by_family: dict[str, Counter[str]] = defaultdict(Counter)
    by_site: dict[str, Counter[str]] = defaultdict(Counter)
    acted: dict[str, Counter[str]] = defaultdict(Counter)  # warning and error: to act on
    alarms: dict[str, Counter[str]] = defaultdict(Counter)  # all severities, less the listed
    listing: dict[str, Counter[str]] = defaultdict(Counter)  # info findings that only list
    false_kinds: Counter[str] = Counter()
    unread, real_found = [], []
    for f in findings:
        v = verdicts.get(f["id"])
        state = v["verdict"] if v else "open"
        keys = ((by_rule, f["rule"]), (by_family, family(f["rule"])), (by_site, f["site"]))
        if f["severity"] != "info":
            keys += ((acted, family(f["rule"])),)
        keys += (((listing if listed(f) else alarms), family(f["rule"])),)
        for table, key in keys:
            table[key]["all"] += 1
            table[key][state] += 1
        if v is None:
            unread.append(f)
        elif state == "n/a":  # another host (offline here) or a file the snapshot lacks
            continue
        elif state == "false":
            false_kinds[v.get("kind", "unsorted")] += 1
        else:
            real_found.append(f)
    print_table("rule", by_rule)
    print_table("rule family", by_family)
    print_table("rule family, warning+error", acted)
    print_table("rule family, alarms (all less listed)", alarms)
    print_table("listed (quoted, others' profiles)", listing)
    print_table("site", by_site)
    total = Counter()
    for c in by_rule.values():
        total.update(c)
    print(f"\nall findings: {total['all']}, precision {precision(total['real'], total['false'])}")
    print("\nfalse alarms by kind:")
    for kind, n in false_kinds.most_common():
        print(f"  {n:>4}  {kind}")
    print(f"\nreal inconsistencies found: {len(real_found)}")
    for f in sorted(real_found, key=lambda f: (f["site"], f["rule"], f["url"])):
        print(f"  {f['site']:<11} {f['rule']:<24} {found_text(f)!r:<34} {f['url']}")
    # Recall: every finding ever verdicted real is a real inconsistency of these sites.
    present = {f["id"] for f in findings}
    present_keys = {(f["site"], f["rule"], f["url"], found_text(f)) for f in findings}
    for f in findings:  # a folded (template-wide) finding still finds each page it lists
        for page in (f.get("evidence") or {}).get("pages", ()):
            present_keys.add((f["site"], f["rule"], page, found_text(f)))
    sites_run = {f["site"] for f in findings}
    every_real = {
        i: v for i, v in verdicts.items() if v["verdict"] == "real" and v["site"] in sites_run
    }
    known_real = {i: v for i, v in every_real.items() if read_this_time(v)}
    missed = [
        v
        for i, v in known_real.items()
        if i not in present and (v["site"], v["rule"], v["url"], v["found"]) not in present_keys
    ]
    recall = 100.0 * (len(known_real) - len(missed)) / len(known_real) if known_real else 100.0
    print(
        f"\nrecall of the real inconsistencies verdicted so far: {recall:.1f} % "
        f"({len(known_real) - len(missed)} of {len(known_real)})"
    )
    unsampled = len(every_real) - len(known_real)
    print(f"  ({unsampled} more on pages this run's page cap did not read: not counted)")
    for v in missed:
        print(f"  missed: {v['site']:<11} {v['rule']:<24} {v['found']!r} {v['url']}")
    if unread:
        print(f"\nfindings with no verdict yet: {len(unread)}")
        for f in unread:
            snippet = ((f.get("location") or {}).get("snippet") or "")[:90].replace("\n", " ")
            print(
                f"  {f['id']}  {f['site']} {f['rule']} {f['severity']} found={found_text(f)!r}"
                f"\n      {f['url']}  | {snippet}"
            )
    families_ok = all(
        c["real"] + c["false"] == 0 or 100.0 * c["real"] / (c["real"] + c["false"]) >= FAMILY_TARGET
        for c in alarms.values()
    )
    return families_ok and recall >= FAMILY_TARGET and not unread


def read_this_time(verdict: dict[str, Any]) -> bool:
    """The verdicted finding's page was crawled in this run (or the site's pages are unknown)."""
    pages = CRAWLED.get(verdict["site"])
    return pages is None or not pages or verdict["url"] in pages


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load_verdicts(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    return (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("verdicts", {}) or {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sites_dir", type=Path, help="the folder the sites were extracted into")
    parser.add_argument("--site", action="append", help="only this site (repeatable)")
    parser.add_argument("--out", type=Path, default=Path("/tmp/brandaudit-real-sites"))
    parser.add_argument("--recheck", action="store_true", help="re-check the saved crawls only")
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--verdicts", type=Path, default=VERDICTS)
    parser.add_argument("--dump", type=Path, help="also write the joined findings as JSON here")
    args = parser.parse_args()
    sites = [s for s in load_manifest(args.manifest) if not args.site or s.name in args.site]
    findings: list[dict[str, Any]] = []
    for site in sites:
        started, cpu = time.perf_counter(), children_cpu()
        site_findings = audit_site(site, args.sites_dir, args.out, args.recheck)
        wall, cpu = time.perf_counter() - started, children_cpu() - cpu
        print(
            f"{site.name:<12} {len(site_findings):>5} findings  {wall:6.1f} s wall "
            f"{cpu:6.1f} s CPU",
            file=sys.stderr,
        )
        findings.extend(site_findings)
    if args.dump:
        args.dump.write_text(json.dumps(findings, ensure_ascii=False, indent=1), encoding="utf-8")
    ok = report(findings, load_verdicts(args.verdicts))
    bar = f">= {FAMILY_TARGET:.0f} % per family (alarms), recall >= {FAMILY_TARGET:.0f} %, all read"
    print(f"\nbar ({bar}): {'met' if ok else 'not met'}")


if __name__ == "__main__":
    main()
