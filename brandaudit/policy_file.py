"""Finding and reading the policy file, with errors that name the file, line and field."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import yaml
from pydantic import ValidationError

from brandaudit.brand_assets.yaml_lines import line_of
from brandaudit.errors import UserError
from brandaudit.policy_model import Policy

POLICY_FILENAME = "brandaudit.yaml"


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
    """Every rule id the checks register (never a list kept here: a new check's rules are
    known the moment its module registers them)."""
    from brandaudit.checks.registry import RULES, load_all_checks

    load_all_checks()
    return set(RULES)


def rule_families(known: Iterable[str]) -> set[str]:
    """The prefixes of the known rule ids ("logo", "text", ...): a glob override must name one."""
    return {rule_id.split(".", 1)[0] for rule_id in known}


def _check_rule_names(
    path: Path, text: str, policy: Policy, known_rules: Iterable[str] | None
) -> None:
    known = set(known_rules) if known_rules is not None else _known_rule_ids()
    families = rule_families(known)
    tables = [(("rules",), policy.rules)]
    tables += [(("urls", i, "rules"), o.rules) for i, o in enumerate(policy.urls)]
    for loc, rules in tables:
        for key in rules:
            if any(ch in key for ch in "*?["):
                ok = key.split(".", 1)[0] in families or key == "*"
            else:
                ok = key in known
            if not ok:
                line = line_of(text, (*loc, key))
                where = f"{path}:{line}" if line else str(path)
                raise UserError(f"{where}: rules: '{key}' matches no known rule id")
