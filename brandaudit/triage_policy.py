"""Triage decisions to and from the policy file (brandaudit.yaml), so CI honours them.

Export rewrites only the file's top-level `triage:` block (comments and every other key
stay as written); import records the file's decisions in the history store, skipping
those it already holds.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from brandaudit.errors import UserError
from brandaudit.policy_file import load_policy
from brandaudit.triage import Decision, TriageStore

_TOP_KEY = re.compile(r"^[^\s#-][^:]*:")


def policy_entries(decisions: dict[str, Decision]) -> list[dict[str, str]]:
    entries = []
    for decision in sorted(decisions.values(), key=lambda d: (d.rule or "", d.finding_id)):
        entry = {"id": decision.finding_id, "status": decision.status}
        for key, value in (("reason", decision.reason), ("assignee", decision.assignee),
                           ("by", decision.who), ("at", decision.at), ("rule", decision.rule),
                           ("url", decision.url)):  # fmt: skip
            if value:
                entry[key] = value
        entries.append(entry)
    return entries


def without_triage_block(text: str) -> str:
    """The policy file's text less its top-level `triage:` block."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if _TOP_KEY.match(line):
            skipping = line.startswith("triage:")
        if not skipping:
            kept.append(line)
    return "".join(kept)


def export_triage(store: TriageStore, out: Path) -> int:
    """Write the store's current decisions into `out`'s triage block; returns how many."""
    entries = policy_entries(store.current())
    try:
        text = out.read_text(encoding="utf-8") if out.exists() else "version: 1\n"
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{out}: cannot read policy file: {exc}") from None
    text = without_triage_block(text).rstrip("\n") + "\n"
    if entries:
        block = yaml.safe_dump({"triage": entries}, sort_keys=False, allow_unicode=True)
        text += "# Triage decisions from the dashboard (brandaudit triage export).\n" + block
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{out}: cannot write policy file: {exc}") from None
    load_policy(out)  # what was written must read back as a valid policy
    return len(entries)


def import_triage(store: TriageStore, path: Path) -> int:
    """Record the policy file's decisions not already in the store; returns how many."""
    policy = load_policy(path)
    held = store.current()
    added = 0
    for entry in policy.triage:
        current = held.get(entry.id)
        if current is not None and (current.status, current.at) == (entry.status, entry.at):
            continue
        store.record(
            Decision(finding_id=entry.id, status=entry.status, who=entry.by, at=entry.at,
                     reason=entry.reason, assignee=entry.assignee, rule=entry.rule,
                     url=entry.url)
        )  # fmt: skip
        added += 1
    return added
