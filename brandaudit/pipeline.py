"""Orchestration: guideline → crawl → checks → report → gate → history.

Gathering and checking run apart: `audit` crawls into `<out>/crawl/` and then evaluates;
`check --from` evaluates a saved crawl again with no network.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from brandaudit.brand_assets.guideline import Guideline, GuidelineError, load_guideline
from brandaudit.checks.contact_inventory import contact_inventory
from brandaudit.checks.document_places import document_pages, place_in_documents
from brandaudit.checks.finding import Finding
from brandaudit.checks.logos import logo_inventory
from brandaudit.checks.registry import load_all_checks, run_checks
from brandaudit.checks.reuse import FindingsReuse
from brandaudit.checks.spool_folds import fold_in_spool
from brandaudit.checks.touchpoint_links import profiles_to_fetch
from brandaudit.checks.touchpoint_matrix import touchpoint_matrix
from brandaudit.coverage_gate import gate_exit_code
from brandaudit.crawler.artifacts import CrawlMeta
from brandaudit.crawler.documents.ingest import ingest_documents, listed_documents
from brandaudit.crawler.options import CrawlOptions
from brandaudit.crawler.run import CrawlFailed, run_crawl
from brandaudit.crawler.run_store import CrawlResult, load_run
from brandaudit.crawler.touchpoints.landing import read_landing_links
from brandaudit.crawler.touchpoints.run import run_touchpoint_crawl
from brandaudit.dashboard.link import dashboard_link
from brandaudit.errors import UserError
from brandaudit.gate import gate
from brandaudit.history import HistoryStore
from brandaudit.incremental import incremental_summary
from brandaudit.page_batches import page_local_into
from brandaudit.policy import load_policy
from brandaudit.ratings import current_ratings, drops_since_last, rating_trend
from brandaudit.reports.finding_store import (
    STORE_FILE,
    FindingRows,
    FindingSpool,
    SpoolRows,
)
from brandaudit.reports.model import AuditInfo, build_report, finding_to_dict
from brandaudit.reports.screenshots import attach_screenshots
from brandaudit.reports.write import write_reports
from brandaudit.streaming import PageCheckStream

log = logging.getLogger(__name__)

CRAWL_SUBDIR = "crawl"
FINDINGS_CACHE = "findings.sqlite"
SPOOL_FILE = "findings-spool.sqlite"  # the checks' findings before sorting; removed after
ProgressCallback = Callable[[int, int, int], None]


@dataclass(frozen=True)
class GateSettings:
    """What decides the exit code and where the audit is remembered."""

    fail_on: str | None = None  # None: the policy file decides (default "error")
    baseline: Path | None = None
    policy: Path | None = None
    history: Path | None = None  # None: the default store; see brandaudit.history
    record_history: bool = True


@dataclass(frozen=True)
class AuditOutcome:
    exit_code: int
    out_dir: Path
    paths: dict[str, Path]
    document: dict[str, Any] = field(repr=False)


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def default_out_dir() -> Path:
    """`reports/<UTC timestamp>/` (the contract), except in a source checkout, where `reports/`
    is the report-rendering package: reports never land inside the source tree."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    if Path("reports", "__init__.py").exists():
        return Path("brandaudit-out") / stamp
    return Path("reports") / stamp


def read_guideline(path: Path) -> Guideline:
    try:
        return load_guideline(path)
    except GuidelineError as exc:
        raise UserError(str(exc)) from None


def collect_seeds(
    urls: tuple[str, ...], guideline: Guideline, *, websites: bool = True
) -> tuple[str, ...]:
    """Seeds are the command line's URLs plus (unless told otherwise) the guideline's
    websites, without repeats."""
    seeds: list[str] = []
    for url in (*urls, *(guideline.touchpoints.websites if websites else ())):
        if not url.startswith(("http://", "https://")):
            raise UserError(f"URL '{url}': only http:// and https:// URLs can be audited")
        if url not in seeds:
            seeds.append(url)
    if not seeds:
        raise UserError(
            f"nothing to crawl: give a URL on the command line or list "
            f"touchpoints.websites in {guideline.source}"
        )
    return tuple(seeds)


def audit(
    guideline: Guideline,
    crawl: CrawlOptions,
    out_dir: Path,
    formats: tuple[str, ...],
    gate: GateSettings,
    on_progress: ProgressCallback | None = None,
) -> AuditOutcome:
    """Crawl the seeds, then evaluate the crawl."""
    started = utc_now()
    run_dir = out_dir / CRAWL_SUBDIR
    run_dir.mkdir(parents=True, exist_ok=True)
    reuse = findings_reuse(crawl, guideline)  # incremental re-audits (checks/reuse.py)
    meta = CrawlMeta(seeds=crawl.seeds, started=started)
    spool = FindingSpool(out_dir / SPOOL_FILE)  # findings on disk as the checks find them
    stream = PageCheckStream(run_dir, guideline, meta, reuse=reuse, spool=spool)
    with stream:
        try:
            run_crawl(crawl, run_dir, on_progress=on_progress)
        except CrawlFailed as exc:
            if reuse is not None:
                reuse.close()
            spool.close()
            raise UserError(f"the crawl failed: {exc}") from None
    crawl_profiles(guideline, crawl, run_dir)
    listed = listed_documents(guideline.touchpoints.documents, guideline.base_dir)
    ingest_documents(run_dir, listed, timeout_s=crawl.timeout_s)  # PDFs, scans, photos
    result = load_run(run_dir)
    info = AuditInfo(
        started=started,
        finished="",
        guideline=str(guideline.source),
        seeds=crawl.seeds,
    )
    try:
        return evaluate(result, guideline, info, out_dir, formats, gate, stream)
    finally:
        if reuse is not None:
            reuse.close()


def findings_reuse(crawl: CrawlOptions, guideline: Guideline) -> FindingsReuse | None:
    """The findings cache, on when the HTTP cache is (`--no-cache` and BRANDAUDIT_CACHE=off
    turn both off): beside it, shared by every estate (keyed by content)."""
    if crawl.http_cache is None:
        return None
    secrets = [*crawl.headers.values()]
    cookie = next((v for k, v in crawl.headers.items() if k.lower() == "cookie"), "")
    secrets += [part.strip() for part in cookie.split(";")]
    path = crawl.http_cache.parent.parent / FINDINGS_CACHE
    return FindingsReuse(path, guideline, tuple(secrets), codec=SpoolRows())  # copied as rows


def crawl_profiles(guideline: Guideline, crawl: CrawlOptions, run_dir: Path) -> None:
    """Fetch the social profiles and app listings: the guideline's and those the site links
    (short and QR-code landing links resolved first)."""
    listed = (*guideline.touchpoints.social, *guideline.touchpoints.apps)
    read_landing_links(run_dir, listed, timeout_s=crawl.timeout_s)
    urls = profiles_to_fetch(run_dir, guideline)
    if urls:
        run_touchpoint_crawl(
            urls, run_dir, timeout_s=crawl.timeout_s, render=crawl.render != "never"
        )


def check_saved_run(
    run_dir: Path,
    guideline_path: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    gate: GateSettings,
) -> AuditOutcome:
    """Re-run the checks on a saved crawl (after a guideline change): no network."""
    guideline = read_guideline(guideline_path)
    crawl_dir = run_dir / CRAWL_SUBDIR if (run_dir / CRAWL_SUBDIR).is_dir() else run_dir
    if not (crawl_dir / "pages.jsonl").exists() and not (crawl_dir / "errors.jsonl").exists():
        raise UserError(f"{run_dir}: no saved crawl here (expected pages.jsonl)")
    result = load_run(crawl_dir)
    info = AuditInfo(
        started=utc_now(),
        finished="",
        guideline=str(guideline_path),
        seeds=result.meta.seeds,
    )
    return evaluate(result, guideline, info, out_dir, formats, gate)


def check_into(
    spool: FindingSpool,
    result: CrawlResult,
    guideline: Guideline,
    stream: PageCheckStream | None,
) -> None:
    """Every check's findings, into the spool; page-local checks already run during the
    crawl are kept (they are in the stream's spool, which is `spool`)."""
    if stream is None:
        page_local_into(spool, result, guideline)  # batch by batch: memory flat
    else:
        unchecked = stream.settle(result)
        if unchecked:
            page_local_into(spool, result, guideline, unchecked, stream.reuse)
    fold_in_spool(spool)  # template repeats, over every page's findings, as queries
    for check_ in load_all_checks().values():
        if not check_.page_local:
            spool.add(run_checks(result, guideline, page_local=False, only=check_.name))


def check_all(
    result: CrawlResult, guideline: Guideline, stream: PageCheckStream | None
) -> list[Finding]:
    """Every check's findings as a list (tests, small runs): `check_into` a spool, read back."""
    spool = stream.spool if stream is not None else FindingSpool(result.run_dir / SPOOL_FILE)
    try:
        check_into(spool, result, guideline, stream)
        return spool.take("1")
    finally:
        spool.close()


def report_findings(
    spool: FindingSpool, result: CrawlResult, drops: list[Finding], out_dir: Path
) -> FindingRows:
    """The spool's findings placed in documents, sorted and given ids: the report's rows."""
    spool.add(drops)
    documents = document_pages(result)
    if documents:
        marks = ",".join("?" * len(documents))
        on_documents = spool.take(f"url IN ({marks})", list(documents))
        spool.add(place_in_documents(on_documents, result, documents))
    return spool.finalise(out_dir / STORE_FILE, finding_to_dict)


def _triage_decisions(gate_settings: GateSettings) -> dict[str, Any]:
    """The editors' decisions kept in the history store (none with --no-history)."""
    if not gate_settings.record_history:
        return {}
    from brandaudit.triage import TriageStore

    return TriageStore(gate_settings.history).current()


def evaluate(
    result: CrawlResult,
    guideline: Guideline,
    info: AuditInfo,
    out_dir: Path,
    formats: tuple[str, ...],
    gate_settings: GateSettings,
    stream: PageCheckStream | None = None,
) -> AuditOutcome:
    """Checks → report document → policy and baseline gate → history → report files."""
    store = HistoryStore(gate_settings.history) if gate_settings.record_history else None
    drops = drops_since_last(store, info.guideline, result)
    out_dir.mkdir(parents=True, exist_ok=True)
    spool = stream.spool if stream is not None else FindingSpool(out_dir / SPOOL_FILE)
    try:
        check_into(spool, result, guideline, stream)
        findings = report_findings(spool, result, drops, out_dir)  # on disk, in report order
    finally:
        spool.close()
    logos = logo_inventory(result, guideline)
    info = dataclasses.replace(info, finished=utc_now())
    document = build_report(info, result, findings, logos)
    document["ratings"] = current_ratings(result)
    if stream is not None and stream.reuse is not None:  # what a re-audit reused
        document["incremental"] = incremental_summary(result.meta.stats, stream.reuse.counts)
    policy = load_policy(gate_settings.policy, guideline_path=guideline.source)
    outcome = gate(
        document,
        fail_on=gate_settings.fail_on,
        baseline_path=gate_settings.baseline,
        policy=policy,
        triage=_triage_decisions(gate_settings),
    )
    document["touchpoints_matrix"] = touchpoint_matrix(result, guideline, document["findings"])
    document["contacts"] = contact_inventory(result, guideline)  # other brand-domain addresses
    attach_screenshots(document, result, out_dir)  # evidence crops of rendered pages
    report_json = out_dir / "report.json"
    if store is not None:
        store.attach_history(document)
        document["history"]["ratings"] = rating_trend(store, info.guideline, document)
        document["audit"]["id"] = store.record(document, report_json)
        link = dashboard_link(document)
        if link:
            document["dashboard"] = link
    paths = write_reports(document, out_dir, formats, result=result, guideline=guideline)
    return AuditOutcome(gate_exit_code(document, outcome.exit_code), out_dir, paths, document)
