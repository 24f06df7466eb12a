"""How long the dashboard's pages take over a history of many audits.

Records N copies of one report.json (dates a day apart) into a fresh history store, then
renders each main page through the WSGI app (no network) and prints wall and CPU ms.

    python benchmarks/dashboard_pages.py --report PATH/report.json [--audits 200]
"""

from __future__ import annotations

import argparse
import copy
import json
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from brandaudit.dashboard.app import create_app
from brandaudit.history import HistoryStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--audits", type=int, default=200)
    args = parser.parse_args()
    doc = json.loads(args.report.read_text(encoding="utf-8"))
    doc.pop("history", None)
    folder = Path(tempfile.mkdtemp(prefix="dashboard-bench-"))
    store = HistoryStore(folder / "history.sqlite")
    start = datetime.now(UTC) - timedelta(days=args.audits)
    for n in range(args.audits):
        one = copy.deepcopy(doc)
        one["audit"]["started"] = (start + timedelta(days=n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        one["findings"] = doc["findings"][: max(1, len(doc["findings"]) - n % 7)]
        store.record(one, None)
    client = create_app(store.path).test_client()
    guideline = store.list(limit=1)[0].guideline
    pages = {"estates": "/", "estate": f"/estate?g={guideline}",
             "audit": f"/audit/{args.audits}", "diff": f"/diff?a=1&b={args.audits}"}  # fmt: skip
    print(f"{args.audits} audits of {len(doc['findings'])} findings each; median of 5 renders")
    for name, url in pages.items():
        walls, cpus = [], []
        for _ in range(5):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url, headers={"Host": "127.0.0.1:8765"})
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"{name:8} wall {sorted(walls)[2] * 1000:7.1f} ms  cpu {sorted(cpus)[2] * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()
