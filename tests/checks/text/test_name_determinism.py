"""The same text gives the same findings in every run, whatever Python's hash seed.

A typo one edit from two names ("Noiton": Notion or Norton) must not flip between runs:
finding ids feed baselines and history, where a flip reads as one fixed and one new finding.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from brandaudit.checks.text.names import NameIndex
index = NameIndex(["Notion", "Norton", "Motion", "Nation Cloud"])
text = "We moved our notes to Noiton and Nortion last year."
print([(m.start, m.end, m.entry.name, m.kind) for m in index.find(text)])
"""


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
    )
    return proc.stdout


def test_ambiguous_typos_resolve_the_same_way_under_every_hash_seed() -> None:
    outputs = {_run(seed) for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(outputs) == 1, outputs
    assert "misspelled" in outputs.pop()  # and it is a finding, not silence
