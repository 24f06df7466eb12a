"""Benchmark of the history store and the gate on synthetic audits.

Records N audits of M findings each (a tenth of the findings change between audits) into
a fresh SQLite file, then times what users wait for: recording an audit, `history`,
`diff last~1 last`, the HTML report's history section, and the gate with a policy and a
baseline. Prints figures; asserts nothing.

    python benchmarks/history_bench.py [--audits 200] [--findings 500]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from brandaudit.baseline import create_baseline, write_baseline
from brandaudit.diff import diff_reports
from brandaudit.gate import gate
from brandaudit.history import HistoryStore, history_section
from brandaudit.policy import Policy

RULES = ("text.brand_name", "text.term", "logo.altered", "fact.mismatch", "color.off_palette")
SEVERITIES = ("error", "warning", "info")


def make_report(day: int, ids: list[int]) -> dict:
    findings = [
        {"id": f"{n:016x}", "rule": RULES[n % len(RULES)], "severity": SEVERITIES[n % 3],
         "touchpoint": "website", "url": f"https://www.example.test/p/{n % 97}",
         "message": f"Problem {n}", "location": {"selector": f"main > p:nth-of-type({n % 9})"},
         "evidence": {"found": f"x{n}", "expected": "y"}}
        for n in ids
    ]  # fmt: skip
    started = f"2026-{1 + day // 28:02d}-{1 + day % 28:02d}T09:00:00Z"
    return {"schema_version": 1, "audit": {"started": started, "finished": started,
            "guideline": "brand.yaml", "seeds": []}, "summary": {"pages": 97,
            "touchpoints": [{"kind": "website", "url": "https://www.example.test/",
                             "score": 90.0}]}, "findings": findings}  # fmt: skip


def timed(label: str, func, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        result = func()
    print(f"{label:<44} {(time.perf_counter() - start) / repeat * 1000:9.1f} ms")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--audits", type=int, default=200)
    parser.add_argument("--findings", type=int, default=500)
    args = parser.parse_args()
    rng = random.Random(7)
    ids = list(range(args.findings))
    next_id = args.findings
    with tempfile.TemporaryDirectory() as tmp:
        store = HistoryStore(Path(tmp) / "history.sqlite")
        reports = []
        start = time.perf_counter()
        for day in range(args.audits):
            doc = make_report(day, ids)
            reports.append(doc)
            store.record(doc, f"reports/{day}/report.json")
            for index in rng.sample(range(len(ids)), len(ids) // 10):
                ids[index], next_id = next_id, next_id + 1
        elapsed = time.perf_counter() - start
        size = store.path.stat().st_size / 1e6
        print(f"{args.audits} audits x {args.findings} findings recorded in {elapsed:.2f} s "
              f"({elapsed / args.audits * 1000:.1f} ms per audit); file {size:.1f} MB")  # fmt: skip
        timed("history list (20 newest)", lambda: store.list(limit=20), 10)
        a, b = timed("load last~1 and last", lambda: (store.load("last~1"), store.load("last")), 10)
        result = timed("diff_reports", lambda: diff_reports(a, b), 10)
        print(f"  diff: {len(result.new)} new, {len(result.fixed)} fixed")
        current = make_report(args.audits, ids)
        section = timed(
            "history_section (30 points, rate)", lambda: history_section(store, current)
        )
        print(f"  improvement rate over 30 days: {section['improvement_rate']}; "
              f"chart {len(section['trend_svg']) / 1000:.1f} kB")  # fmt: skip
        baseline = Path(tmp) / "baseline.json"
        write_baseline(create_baseline(reports[-1]), baseline)
        policy = Policy.model_validate(
            {"rules": {"text.*": "warning", "color.off_palette": "off"},
             "urls": [{"pattern": "*/p/1*", "rules": {"logo.*": "info"}}],
             "ignore": {"selectors": ["footer", "#cookie-banner"]}}
        )  # fmt: skip
        outcome = timed(
            "gate (policy + baseline)",
            lambda: gate(
                make_report(args.audits, ids),
                fail_on="warning",
                baseline_path=baseline,
                policy=policy,
            ),
        )
        print(f"  gate: exit {outcome.exit_code}, {len(outcome.comparison.new_ids)} new")


if __name__ == "__main__":
    main()
