"""The gate's policy (brandaudit.yaml): which findings count and how much, apart from checks.

A check reports a default severity; a policy may change it per rule (exact id or glob such
as ``text.*``), per URL pattern, switch rules off, and ignore places (cookie banners) or
pages. Keeping this out of the checks lets one team gate CI differently from another
without touching detection.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from brand_assets.yaml_lines import line_of
from brandaudit.errors import UserError
from brandaudit.selector_match import selector_within

POLICY_FILENAME = "brandaudit.yaml"
Level = Literal["off", "info", "warning", "error"]
FailOn = Literal["error", "warning", "info", "never"]
RANK = {"info": 1, "warning": 2, "error": 3}
# Rule families of CONTRACT §4; a glob override must name one of them.
RULE_FAMILIES = ("logo", "text", "fact", "color", "font", "touchpoint", "crawl", "check")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _yaml_off(value: Any) -> Any:
    """YAML 1.1 reads a bare `off` as false; in a policy it can only mean the level 'off'."""
    if isinstance(value, Mapping):
        return {key: "off" if level is False else level for key, level in value.items()}
    return value


class UrlOverride(_Strict):
    pattern: str = Field(min_length=1)  # a glob, or a regular expression after "re:"
    rules: dict[str, Level] = Field(default_factory=dict)

    _off = field_validator("rules", mode="before")(_yaml_off)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        if value.startswith("re:"):
            try:
                re.compile(value[3:])
            except re.error as exc:
                raise ValueError(f"invalid regular expression: {exc}") from None
        return value


class Ignore(_Strict):
    selectors: tuple[str, ...] = ()  # findings located inside these elements are dropped
    urls: tuple[str, ...] = ()  # findings on pages matching these patterns are dropped

    @field_validator("selectors")
    @classmethod
    def _one_selector_each(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for selector in value:
            if not selector.strip():
                raise ValueError("an ignored selector is empty")
            if "," in selector:
                raise ValueError(f"'{selector}': list one selector per entry, without commas")
        return value


class Policy(_Strict):
    version: Literal[1] = 1
    fail_on: FailOn = "error"
    rules: dict[str, Level] = Field(default_factory=dict)
    urls: tuple[UrlOverride, ...] = ()
    ignore: Ignore = Field(default_factory=Ignore)
    source: Path | None = Field(default=None, exclude=True)

    _off = field_validator("rules", mode="before")(_yaml_off)


def url_matches(pattern: str, url: str) -> bool:
    """Glob (``*`` spans slashes) or, with the ``re:`` prefix, a regex searched in the URL."""
    if pattern.startswith("re:"):
        return re.search(pattern[3:], url) is not None
    return fnmatchcase(url, pattern)


def _specificity(key: str) -> tuple[int, int]:
    wild = any(ch in key for ch in "*?[")
    return (0 if wild else 1, len(key))


def _level_for(rule: str, rules: Mapping[str, str]) -> str | None:
    """The override of the most specific key matching the rule: exact id, then longest glob."""
    matching = [key for key in rules if fnmatchcase(rule, key)]
    return rules[max(matching, key=_specificity)] if matching else None


def severity_for(finding: Mapping[str, Any], policy: Policy) -> str:
    """The finding's severity under the policy; URL overrides (last matching wins) beat rules."""
    rule, url = str(finding.get("rule", "")), str(finding.get("url", ""))
    level = _level_for(rule, policy.rules) or str(finding.get("severity", "error"))
    for override in policy.urls:
        if url_matches(override.pattern, url):
            level = _level_for(rule, override.rules) or level
    return level


def is_ignored(finding: Mapping[str, Any], policy: Policy) -> bool:
    url = str(finding.get("url", ""))
    if any(url_matches(pattern, url) for pattern in policy.ignore.urls):
        return True
    selector = (finding.get("location") or {}).get("selector")
    return bool(selector) and any(
        selector_within(selector, ignored) for ignored in policy.ignore.selectors
    )


def apply_policy(findings: list[dict], policy: Policy) -> list[dict]:
    """Findings as the policy sees them: ignored and 'off' dropped, severities overridden.

    A changed finding keeps its check's severity in ``default_severity``.
    """
    kept = []
    for finding in findings:
        if is_ignored(finding, policy):
            continue
        level, original = severity_for(finding, policy), finding.get("severity")
        if level == "off":
            continue
        if level != original:
            finding = {**finding, "severity": level}
            finding.setdefault("default_severity", original)
        kept.append(finding)
    return kept


def exit_code(findings: Iterable[Mapping[str, Any]], fail_on: str) -> int:
    """1 when a finding is at or above `fail_on`, else 0 (CONTRACT §1)."""
    if fail_on not in ("never", *RANK):
        raise UserError(f"--fail-on: expected error, warning, info or never, got '{fail_on}'")
    if fail_on == "never":
        return 0
    floor = RANK[fail_on]
    return int(any(RANK.get(str(f.get("severity")), 3) >= floor for f in findings))


def resolve_fail_on(option: str | None, policy: Policy) -> str:
    """An explicit --fail-on beats the policy file's fail_on (default 'error')."""
    return option if option is not None else policy.fail_on


def find_policy(option: Path | str | None, guideline: Path | str | None) -> Path | None:
    """--policy PATH if given (it must exist), else brandaudit.yaml beside the guideline."""
    if option is not None:
        path = Path(option)
        if not path.is_file():
            raise UserError(f"--policy: policy file not found: {path}")
        return path
    if guideline is not None:
        beside = Path(guideline).parent / POLICY_FILENAME
        if beside.is_file() and beside.resolve() != Path(guideline).resolve():
            return beside
    return None


def load_policy(
    path: Path | str | None,
    known_rules: Iterable[str] | None = None,
    *,
    guideline_path: Path | str | None = None,
) -> Policy:
    """Read and validate a policy file: `path`, else brandaudit.yaml beside the guideline.

    With neither, the default policy. Exact rule ids must be known rules and globs must name
    a rule family, so a typo never silently leaves a rule at its default. `known_rules`
    defaults to the check registry's rules plus those of CONTRACT §4.
    """
    path = find_policy(path, guideline_path)
    if path is None:
        return Policy()
    try:
        text = path.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
    except FileNotFoundError:
        raise UserError(f"{path}: policy file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: cannot read policy file: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise UserError(f"{path}{where}: invalid YAML: {getattr(exc, 'problem', exc)}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise UserError(f"{path}: a policy file is a YAML mapping (fail_on, rules, urls, ignore)")
    try:
        policy = Policy.model_validate({**data, "source": path})
    except ValidationError as exc:
        raise UserError(_describe(path, text, exc)) from None
    _check_rule_names(path, text, policy, known_rules)
    return policy


def _describe(path: Path, text: str, exc: ValidationError) -> str:
    error = exc.errors()[0]
    loc = tuple(error["loc"])
    field = ".".join(f"[{p}]" if isinstance(p, int) else str(p) for p in loc).replace(".[", "[")
    line = line_of(text, loc)
    where = f"{path}:{line}" if line else str(path)
    if error["type"] == "extra_forbidden":
        return f"{where}: unknown key '{loc[-1]}'"
    return f"{where}: {field or '(top level)'}: {str(error['msg']).removeprefix('Value error, ')}"


def _known_rule_ids() -> set[str]:
    from checks.registry import RULES, load_all_checks

    load_all_checks()
    return set(RULES) | set(CONTRACT_RULES)


CONTRACT_RULES = (
    "logo.deprecated", "logo.altered", "logo.distorted", "logo.too_small", "text.brand_name",
    "text.slogan_misquoted", "text.slogan_deprecated", "text.term", "fact.mismatch",
    "color.off_palette", "font.unapproved", "crawl.error", "check.failed",
)  # fmt: skip


def _check_rule_names(
    path: Path, text: str, policy: Policy, known_rules: Iterable[str] | None
) -> None:
    known = set(known_rules) if known_rules is not None else _known_rule_ids()
    tables = [(("rules",), policy.rules)]
    tables += [(("urls", i, "rules"), o.rules) for i, o in enumerate(policy.urls)]
    for loc, rules in tables:
        for key in rules:
            if any(ch in key for ch in "*?["):
                ok = key.split(".", 1)[0] in RULE_FAMILIES or key == "*"
            else:
                ok = key in known
            if not ok:
                line = line_of(text, (*loc, key))
                where = f"{path}:{line}" if line else str(path)
                raise UserError(f"{where}: rules: '{key}' matches no known rule id")
