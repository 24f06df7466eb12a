"""The policy decides severities and the exit code; checks stay untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from brandaudit.checks.finding import Severity
from brandaudit.checks.registry import RULES, Rule
from brandaudit.errors import UserError
from brandaudit.policy import (
    Policy,
    apply_policy,
    exit_code,
    find_policy,
    load_policy,
    resolve_fail_on,
)
from brandaudit.selector_match import selector_within

KNOWN = {"text.brand_name", "text.term", "logo.altered", "logo.deprecated", "crawl.error"}


SITE = "https://www.novabridge.example/"


def finding(fid: str, rule: str = "text.brand_name", severity: str = "error",
            url: str = SITE, selector: str | None = None) -> dict:  # fmt: skip
    return {"id": fid, "rule": rule, "severity": severity, "url": url,
            "message": f"{rule} on {url}", "location": {"selector": selector}}  # fmt: skip


def write(tmp_path: Path, text: str, name: str = "brandaudit.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rule_overrides_most_specific_wins_and_off_removes() -> None:
    policy = Policy(rules={"text.*": "info", "text.term": "error", "logo.altered": "off"})
    found = [
        finding("a", "text.brand_name", "error"),
        finding("b", "text.term", "warning"),
        finding("c", "logo.altered", "warning"),
        finding("d", "logo.deprecated", "error"),
    ]
    result = {f["id"]: f for f in apply_policy(found, policy)}
    assert set(result) == {"a", "b", "d"}
    assert (result["a"]["severity"], result["a"]["default_severity"]) == ("info", "error")
    assert (result["b"]["severity"], result["b"]["default_severity"]) == ("error", "warning")
    assert result["d"]["severity"] == "error" and "default_severity" not in result["d"]
    assert found[0]["severity"] == "error"  # the input is not modified


def test_url_overrides_beat_rule_overrides_and_last_match_wins() -> None:
    policy = Policy.model_validate(
        {
            "rules": {"text.brand_name": "warning"},
            "urls": [
                {"pattern": "https://www.novabridge.example/legal/*", "rules": {"text.*": "off"}},
                {"pattern": "re:/blog/\\d{4}/", "rules": {"text.brand_name": "info"}},
                {"pattern": "*/blog/2019/*", "rules": {"text.brand_name": "error"}},
            ],
        }
    )
    found = [
        finding("legal", url="https://www.novabridge.example/legal/terms"),
        finding("blog", url="https://www.novabridge.example/blog/2024/post"),
        finding("old", url="https://www.novabridge.example/blog/2019/post"),
        finding("home", url="https://www.novabridge.example/"),
    ]
    result = {f["id"]: f["severity"] for f in apply_policy(found, policy)}
    assert result == {"blog": "info", "old": "error", "home": "warning"}


def test_ignored_selectors_and_urls_drop_findings() -> None:
    policy = Policy.model_validate(
        {"ignore": {"selectors": ["#cookie-banner", "footer .legal"], "urls": ["*/archive/*"]}}
    )
    found = [
        finding("cookie", selector="body > div#cookie-banner.consent > p:nth-of-type(1)"),
        finding("legal", selector="body > footer > div.legal.small > p"),
        finding("footer", selector="body > footer > p"),
        finding("main", selector="main > p:nth-of-type(2)"),
        finding("noselector", selector=None),
        finding("archive", url="https://www.novabridge.example/archive/2018"),
    ]
    kept = [f["id"] for f in apply_policy(found, policy)]
    assert kept == ["footer", "main", "noselector"]


@pytest.mark.parametrize(
    ("path", "ignored", "inside"),
    [
        ("body > div#cookie-banner > p", "#cookie-banner", True),
        ("body > div#cookie-banner-2 > p", "#cookie-banner", False),
        ("body > div.consent.fixed > p", "div.consent", True),
        ("body > section.consent > p", "div.consent", False),
        ("body > aside > div.legal", "footer .legal", False),
        ('body > div[data-role="consent"] > p', 'div[data-role="consent"]', True),
        ("main > p:nth-of-type(2)", "main > p", True),
        ("main > p", "", False),
    ],
)
def test_selector_within(path: str, ignored: str, inside: bool) -> None:
    assert selector_within(path, ignored) is inside


@pytest.mark.parametrize(
    ("fail_on", "expected"), [("error", 0), ("warning", 1), ("info", 1), ("never", 0)]
)
def test_exit_code_thresholds(fail_on: str, expected: int) -> None:
    found = [finding("a", severity="warning"), finding("b", severity="info")]
    assert exit_code(found, fail_on) == expected


def test_exit_code_rejects_unknown_level_and_counts_unknown_severity_as_error() -> None:
    with pytest.raises(UserError, match="--fail-on"):
        exit_code([], "critical")
    assert exit_code([finding("a", severity="fatal")], "error") == 1
    assert exit_code([], "info") == 0


def test_load_policy_reads_yaml_off_and_fail_on(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "fail_on: warning\nrules:\n  text.term: off\n  logo.*: info\n"
        "ignore:\n  selectors: ['#cookie-banner']\n",
    )
    policy = load_policy(path, known_rules=KNOWN)
    assert policy.fail_on == "warning"
    assert policy.rules == {"text.term": "off", "logo.*": "info"}
    assert policy.source == path
    assert resolve_fail_on(None, policy) == "warning"
    assert resolve_fail_on("error", policy) == "error"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail_on: error\nrulez: {}\n", r"brandaudit\.yaml:2: unknown key 'rulez'"),
        ("rules:\n  text.term: loud\n", r"brandaudit\.yaml:2: rules\.text\.term: Input should be"),
        ("fail_on: sometimes\n", r"brandaudit\.yaml:1: fail_on:"),
        ("rules:\n  text.brnd_name: info\n", r":2: rules: 'text.brnd_name' matches no known"),
        ("rules:\n  txt.*: info\n", r"'txt\.\*' matches no known rule"),
        ("urls:\n  - pattern: 're:(['\n", r":2: urls\[0\]\.pattern: invalid regular expression"),
        ("urls:\n  - {pattern: x, rules: {logo.altred: off}}\n", r"'logo\.altred' matches no"),
        ("rules: [a, b]\n", r"brandaudit\.yaml:1: rules:"),
        ("ignore:\n  selectors: ['#a, #b']\n", r":2: ignore\.selectors: '#a, #b': list one"),
        ("- just a list\n", r"brandaudit\.yaml: a policy file is a YAML mapping"),
        ("rules: {a: [\n", r"brandaudit\.yaml:\d+: invalid YAML"),
    ],
)
def test_bad_policy_file_names_file_line_and_field(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        load_policy(write(tmp_path, text), known_rules=KNOWN)


def test_default_known_rules_come_from_the_registry(tmp_path: Path) -> None:
    ok = write(tmp_path, "rules:\n  fact.mismatch: warning\n  touchpoint.*: info\n")
    assert load_policy(ok).rules["fact.mismatch"] == "warning"
    with pytest.raises(UserError, match=r"'fact\.mismatchh'"):
        load_policy(write(tmp_path, "rules:\n  fact.mismatchh: warning\n", "other.yaml"))


def test_a_new_checks_rules_are_known_without_editing_the_policy_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Adding a check touches one file: its rule id and its family are valid in a policy the
    moment the check registers them."""
    text = "rules:\n  widget.misnamed: off\n  widget.*: info\n"
    with pytest.raises(UserError, match=r"'widget\.misnamed' matches no known rule"):
        load_policy(write(tmp_path, text))
    rule = Rule("widget.misnamed", Severity.WARNING, "Widgets are named", "Names matter.")
    monkeypatch.setitem(RULES, rule.id, rule)
    assert load_policy(write(tmp_path, text, "again.yaml")).rules == {
        "widget.misnamed": "off",
        "widget.*": "info",
    }


def test_policy_is_found_beside_the_guideline_or_given(tmp_path: Path) -> None:
    guideline = write(tmp_path, "brand: {name: X}\n", "brand.yaml")
    assert find_policy(None, guideline) is None
    assert load_policy(None, guideline_path=guideline) == Policy()
    beside = write(tmp_path, "fail_on: info\n")
    assert find_policy(None, guideline) == beside
    assert load_policy(None, known_rules=KNOWN, guideline_path=guideline).fail_on == "info"
    given = write(tmp_path, "fail_on: never\n", "ci.yaml")
    assert load_policy(given, known_rules=KNOWN, guideline_path=guideline).fail_on == "never"
    with pytest.raises(UserError, match=r"--policy: policy file not found: .*missing\.yaml"):
        find_policy(tmp_path / "missing.yaml", guideline)
    # A guideline that is itself named brandaudit.yaml is not its own policy.
    assert find_policy(None, beside) is None
