"""The check registry: each check declares its rules beside its pure `run` function.

Adding a check touches one file: decorate its `run` with `@check(Rule(...), ...)`.
Renderers (SARIF rules, JUnit cases, docs) read rule metadata from here.
"""

from __future__ import annotations

import functools
import importlib
import logging
import pkgutil
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from brandaudit.brand_assets.guideline import Guideline
from brandaudit.checks.finding import Finding, Location, Severity
from brandaudit.crawler.run_store import CrawlResult

log = logging.getLogger(__name__)

RunFunction = Callable[[CrawlResult, Guideline], Iterable[Finding]]
FoldFunction = Callable[[Iterable[Finding]], list[Finding]]


@dataclass(frozen=True)
class Rule:
    """Metadata of one rule id: what it fires on and why that matters."""

    id: str
    severity: Severity
    title: str  # what the rule looks for, e.g. "Brand name spelled as the guideline says"
    why: str  # why an inconsistency matters to a brand team
    fix: str = ""  # the imperative fix, in general terms


@dataclass(frozen=True)
class Check:
    name: str
    rules: tuple[Rule, ...]
    run: RunFunction
    # A page-local check's findings on a page depend on that page alone, so it may run on
    # pages while the crawl is still fetching others (see brandaudit.streaming).
    page_local: bool = False
    # A page-local check may still fold its pages' findings together once every page is
    # checked (one finding for a template-wide repeat): its `run` reports page by page, and
    # `fold_across_pages` applies the fold, so per-page findings can be reused by content.
    fold: FoldFunction | None = None


CHECKS: dict[str, Check] = {}
RULES: dict[str, Rule] = {}


def check(
    *rules: Rule, page_local: bool = False, fold: FoldFunction | None = None
) -> Callable[[RunFunction], RunFunction]:
    """Register a check function under its module's name with the rules it may emit."""
    if fold is not None and not page_local:
        raise ValueError("fold: only page-local checks report page by page")

    def register(func: RunFunction) -> RunFunction:
        name = func.__module__.rsplit(".", 1)[-1]
        CHECKS[name] = Check(name=name, rules=rules, run=func, page_local=page_local, fold=fold)
        for rule in rules:
            RULES[rule.id] = rule
        if fold is None:
            return func

        @functools.wraps(func)
        def folded(result: CrawlResult, guideline: Guideline) -> list[Finding]:
            return fold(func(result, guideline))  # called directly: the whole check at once

        return folded

    return register


CHECK_FAILED = Rule(
    id="check.failed",
    severity=Severity.ERROR,
    title="Every check ran to completion",
    why="A check that crashed checked nothing; its silence must not read as a clean audit.",
    fix="Report the traceback in the audit log to the brandaudit maintainers.",
)
RULES[CHECK_FAILED.id] = CHECK_FAILED


def load_all_checks() -> dict[str, Check]:
    """Import every module of the `checks` package so their decorators register them."""
    from brandaudit import checks

    for module in pkgutil.iter_modules(checks.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{checks.__name__}.{module.name}")
    return CHECKS


def run_checks(
    result: CrawlResult,
    guideline: Guideline,
    *,
    page_local: bool | None = None,
    only: str | None = None,
) -> list[Finding]:
    """Run the registered checks (all, or only the page-local ones or only the others);
    one crashing check becomes a finding, not a crashed audit. With `page_local=True` the
    findings are per page, not yet folded: the caller applies `fold_across_pages` once it
    has every page's findings."""
    findings: list[Finding] = []
    for check_ in load_all_checks().values():
        if page_local is not None and check_.page_local != page_local:
            continue
        if only is not None and check_.name != only:  # one check (its findings spooled)
            continue
        try:
            findings.extend(check_.run(result, guideline))
        except Exception as exc:
            log.error("check %s failed:\n%s", check_.name, traceback.format_exc())
            findings.append(
                Finding(
                    rule=CHECK_FAILED.id,
                    severity=Severity.ERROR,
                    url=(result.meta.seeds or ("",))[0],
                    touchpoint="audit",
                    message=f"The check '{check_.name}' failed: {type(exc).__name__}: {exc}",
                    location=Location(),
                    evidence={"check": check_.name, "exception": type(exc).__name__},
                    suggestion=CHECK_FAILED.fix,
                    identity=check_.name,
                )
            )
    return fold_across_pages(findings) if page_local is None else findings


def fold_across_pages(findings: list[Finding]) -> list[Finding]:
    """Apply each folding check's fold to its own findings, over all pages at once."""
    folds = {
        rule.id: check_.fold
        for check_ in load_all_checks().values()
        if check_.fold is not None
        for rule in check_.rules
    }
    if not folds:
        return findings
    kept = [finding for finding in findings if finding.rule not in folds]
    by_fold: dict[FoldFunction, list[Finding]] = {}
    for finding in findings:
        if finding.rule in folds:
            by_fold.setdefault(folds[finding.rule], []).append(finding)
    for fold, group in by_fold.items():
        kept.extend(fold(group))
    return kept


def fold_places() -> dict[str, Callable[[Finding], tuple[object, ...]]]:
    """Rule id -> the grouping key of its fold, for folds that can run as queries over the
    findings spool (those whose fold function carries `place`, `merge` and `min_pages`)."""
    return {
        rule.id: check_.fold.place  # type: ignore[attr-defined]
        for check_ in load_all_checks().values()
        if check_.fold is not None and hasattr(check_.fold, "place")
        for rule in check_.rules
    }
