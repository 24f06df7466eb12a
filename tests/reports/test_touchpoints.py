"""Touchpoint grouping and the consistency score."""

from __future__ import annotations

from brandaudit.reports.touchpoints import (
    page_score,
    site_root,
    touchpoint_of,
    touchpoint_summaries,
)


def _page(url: str, touchpoint: str = "website") -> dict:
    return {"url": url, "touchpoint": touchpoint, "status": 200, "title": ""}


def _finding(url: str, severity: str, touchpoint: str = "website") -> dict:
    return {"url": url, "severity": severity, "touchpoint": touchpoint}


def test_page_score_penalises_by_severity_and_floors_at_zero():
    assert page_score([]) == 100
    assert page_score(["error", "warning", "info"]) == 63
    assert page_score(["error"] * 5) == 0


def test_score_is_the_mean_over_pages():
    pages = [_page("https://a.example/"), _page("https://a.example/x")]
    findings = [
        _finding("https://a.example/x", "error"),
        _finding("https://a.example/x", "warning"),
    ]
    [summary] = touchpoint_summaries(pages, findings, ())
    assert summary["url"] == "https://a.example/"
    assert summary["pages"] == 2
    assert summary["score"] == 82.5  # (100 + 65) / 2
    assert summary["findings"] == {"error": 1, "warning": 1, "info": 0}


def test_sites_are_grouped_by_root_and_profiles_by_seed():
    seeds = ("https://social.example/brand",)
    assert site_root("https://a.example/x/y?q=1") == "https://a.example/"
    assert touchpoint_of("social", "https://social.example/brand/posts/1", seeds) == (
        "social",
        "https://social.example/brand",
    )
    assert touchpoint_of("app", "https://store.example/app/1", seeds) == (
        "app",
        "https://store.example/app/1",
    )
    pages = [_page("https://a.example/"), _page("https://b.example/"), _page(seeds[0], "social")]
    summaries = touchpoint_summaries(pages, [], seeds)
    assert [(s["kind"], s["url"]) for s in summaries] == [
        ("website", "https://a.example/"),
        ("website", "https://b.example/"),
        ("social", "https://social.example/brand"),
    ]
    assert all(s["score"] == 100 for s in summaries)


def test_audit_findings_belong_to_no_touchpoint():
    pages = [_page("https://a.example/")]
    findings = [_finding("https://a.example/", "error", touchpoint="audit")]
    [summary] = touchpoint_summaries(pages, findings, ())
    assert summary["score"] == 100


def test_a_finding_on_an_unlisted_page_still_counts():
    findings = [_finding("https://a.example/gone", "warning")]
    [summary] = touchpoint_summaries([_page("https://a.example/")], findings, ())
    assert summary["pages"] == 2
    assert summary["score"] == 95
