"""The policy file's model (brandaudit.yaml): strict, so a typo is an error, not a no-op."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

Level = Literal["off", "info", "warning", "error"]
FailOn = Literal["error", "warning", "info", "never"]


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


class TriageEntry(_Strict):
    """A triage decision carried in the policy file (`brandaudit triage export`), so CI
    honours what editors decided in the dashboard."""

    id: str = Field(min_length=1)  # the finding's stable id
    status: Literal["fixed", "accepted", "false_alarm", "assigned"]
    reason: str | None = None
    assignee: str | None = None
    by: str = "policy file"
    at: str = ""
    rule: str | None = None
    url: str | None = None


class Policy(_Strict):
    version: Literal[1] = 1
    fail_on: FailOn = "error"
    rules: dict[str, Level] = Field(default_factory=dict)
    urls: tuple[UrlOverride, ...] = ()
    ignore: Ignore = Field(default_factory=Ignore)
    triage: tuple[TriageEntry, ...] = ()
    source: Path | None = Field(default=None, exclude=True)

    _off = field_validator("rules", mode="before")(_yaml_off)
