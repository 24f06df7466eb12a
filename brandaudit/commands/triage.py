"""`brandaudit triage`: list, mark, export to and import from the policy file.

The dashboard is where editors triage; this command carries their decisions to CI
(`export --out brandaudit.yaml`) and back (`import`), and lets a script mark a finding.
"""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "triage",
        help="triage decisions: list, mark, export to / import from the policy file",
        description="Editors' decisions on findings (fixed, accepted exception, false alarm, "
        "assigned), kept in the history store and applied by the next audit.",
    )
    parser.add_argument(
        "--history", type=Path, metavar="PATH",
        help="history store (default: $BRANDAUDIT_HISTORY or the user data folder)",
    )  # fmt: skip
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("list", help="the current decision on each finding")
    export = actions.add_parser("export", help="write the decisions into a policy file")
    export.add_argument("--out", type=Path, required=True, metavar="POLICY_FILE")
    load = actions.add_parser("import", help="record a policy file's decisions")
    load.add_argument("policy_file", type=Path, metavar="POLICY_FILE")
    mark = actions.add_parser("mark", help="record a decision on one finding")
    mark.add_argument("finding_id", metavar="FINDING_ID")
    mark.add_argument(
        "--status", required=True, choices=("fixed", "accepted", "false_alarm", "assigned")
    )
    mark.add_argument("--reason")
    mark.add_argument("--assignee")
    mark.add_argument("--who", default=None, help="who decides (default: the login name)")


def run(args: argparse.Namespace) -> int:
    from brandaudit.triage import LABELS, Decision, TriageStore, now_utc
    from brandaudit.triage_policy import export_triage, import_triage

    store = TriageStore(args.history)
    if args.action == "export":
        count = export_triage(store, args.out)
        print(f"{count} triage decision{'s' * (count != 1)} written to {args.out}")
    elif args.action == "import":
        count = import_triage(store, args.policy_file)
        print(f"{count} triage decision{'s' * (count != 1)} recorded in {store.history.path}")
    elif args.action == "mark":
        store.record(
            Decision(finding_id=args.finding_id, status=args.status,
                     who=args.who or getpass.getuser(), at=now_utc(), reason=args.reason,
                     assignee=args.assignee)
        )  # fmt: skip
        print(f"{args.finding_id}: {LABELS[args.status]}")
    else:
        decisions = store.current()
        if not decisions:
            print(f"No triage decisions in {store.history.path} yet.")
        for d in decisions.values():
            extra = d.reason or d.assignee or ""
            print(f"{d.finding_id}  {LABELS[d.status]:<18} {d.rule or '':<20} {d.who} {d.at}"
                  f"  {extra}")  # fmt: skip
    return 0
