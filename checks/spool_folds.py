"""Template-repeat folds run over the findings spool (reports/finding_store.py) as queries,
apart from the registry so the spool (which asks the registry for fold places) and the
folds over it do not import each other."""

from __future__ import annotations

from brandaudit.checks.registry import load_all_checks
from brandaudit.reports.finding_store import FindingSpool


def fold_in_spool(spool: FindingSpool) -> None:
    """`fold_across_pages` over the findings spool: each group's findings are replaced by the
    fold's one finding, a group at a time, never every finding in memory."""
    for check_ in load_all_checks().values():
        fold = check_.fold
        if fold is None:
            continue
        for rule in check_.rules:
            if not hasattr(fold, "place"):  # a fold without queries: its rule's findings only
                spool.add(fold(spool.take("rule = ?", (rule.id,))))
                continue
            for key, pages in spool.fold_groups(rule.id, fold.min_pages):
                first = spool.first_of_group(key)
                spool.delete_group(key)
                spool.add([fold.merge(first, pages)])
