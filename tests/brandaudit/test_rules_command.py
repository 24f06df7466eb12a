"""`brandaudit rules`: every registered rule listed and explained; the README lists them too."""

from __future__ import annotations

import json
import re
from pathlib import Path

from brandaudit.reports.rules import registered_rules
from tests.cli_runner import assert_one_line_error, brandaudit_in_process

README = Path(__file__).resolve().parents[2] / "README.md"


def test_lists_every_registered_rule_as_json() -> None:
    proc = brandaudit_in_process("rules", "--json")
    assert proc.returncode == 0, proc.stderr
    listed = {rule["id"]: rule for rule in json.loads(proc.stdout)}
    assert set(listed) == set(registered_rules())
    assert listed["logo.deprecated"]["severity"] == "error"
    assert all(rule["why"] for rule in listed.values())


def test_explains_one_rule() -> None:
    proc = brandaudit_in_process("rules", "text.brand_name")
    assert proc.returncode == 0, proc.stderr
    rule = registered_rules()["text.brand_name"]
    assert proc.stdout.startswith(f"text.brand_name (error): {rule.title}")
    assert f"Why it matters: {rule.why}" in proc.stdout


def test_unknown_rule_suggests_the_closest_ids() -> None:
    proc = brandaudit_in_process("rules", "logo.depricated")
    assert_one_line_error(proc, "unknown rule 'logo.depricated'", "logo.deprecated")


def test_readme_rules_table_names_every_rule() -> None:
    text = README.read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z]+\.[a-z_]+)`", text))
    # "touchpoint.name`, `.logo`" style rows abbreviate the family prefix.
    for row in re.findall(r"^\| `(\w+)\.\w+`((?:, `\.\w+`)+)", text, re.M):
        documented |= {row[0] + suffix for suffix in re.findall(r"`(\.\w+)`", row[1])}
    missing = sorted(set(registered_rules()) - documented)
    assert not missing, f"README lacks rules: {missing}"
