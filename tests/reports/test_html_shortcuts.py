"""report.html's shortcuts render what the plain way rendered: Jinja's attribute lookup on
views (dicts) and the slim views the table by rule reads when the cards are in part files."""

from __future__ import annotations

from jinja2 import Environment

from brandaudit.reports import html
from brandaudit.reports.image_library import ImageLibrary
from brandaudit.reports.recurring import issues_by_rule

TEMPLATE = (
    "{{ f.severity }}|{{ f.missing is defined }}|{{ f.items is callable }}|"
    "{{ f.location.selector }}|{% for k, v in f.evidence.items() %}{{ k }}={{ v }};{% endfor %}"
    "|{{ f.get('rule') }}|{{ n.real }}|{{ s.upper() }}"
)


def _finding(rule: str, url: str, evidence: dict, **extra) -> dict:
    return {
        "id": f"{rule}-{url}", "rule": rule, "severity": extra.get("severity", "warning"),
        "touchpoint": "website", "url": url, "message": extra.get("message", "m"),
        "location": {"selector": extra.get("selector"), "snippet": extra.get("snippet")},
        "evidence": evidence, "suggestion": extra.get("suggestion", ""),
    }  # fmt: skip


def test_the_report_environment_looks_up_what_jinja_looks_up():
    views = [
        _finding("text.brand_name", "https://a/", {"found": "<Nova>", "items": "x"}),
        {**_finding("crawl.error", "https://b/", {}), "items": "a key named like a method"},
    ]
    plain = Environment(autoescape=True).from_string(TEMPLATE)
    fast = html._environment().from_string(TEMPLATE)
    for view in views:
        expected = plain.render(f=view, n=3, s="x")
        assert fast.render(f=view, n=3, s="x") == expected
        assert expected.startswith("warning|False|True|")  # f.items is the dict's method


def test_the_table_by_rule_is_the_same_from_slim_views():
    findings = [
        _finding("logo.altered", "https://a/", {"image_url": "https://a/l.png", "found": "x"}),
        _finding("logo.altered", "https://b/", {"image_url": "https://a/l.png"}),
        _finding("logo.deprecated", "https://b/", {"expected": "old"}),
        _finding("text.brand_name", "https://a/", {"found": "Nova", "expected": "NovaBridge"},
                 snippet="Nova <b>", selector="p"),
        _finding("text.brand_name", "https://c/", {"found": "Nova", "expected": "NovaBridge"},
                 snippet="Nova", selector="h1"),
        _finding("crawl.error", "https://d/", {}, message="timed out", severity="error"),
        _finding("crawl.error", "https://e/", {}, message="timed out", severity="error"),
        _finding("colors.off_palette", "https://e/", {"hex": "#123456"}, suggestion="use #000"),
    ]  # fmt: skip
    titles = {"logo.altered": "Altered"}

    def href(view):
        return f"p.html#f-{view['id']}"

    full = issues_by_rule((html._finding_view(f, ImageLibrary(None, None), titles)
                           for f in findings), href)  # fmt: skip
    slim = issues_by_rule((html._rule_view(f) for f in findings), href)
    assert slim == full
    assert [rule for rule, _, _ in slim] == sorted({f["rule"] for f in findings})
