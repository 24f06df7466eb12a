"""The brand guideline (CONTRACT §2): a YAML file validated into frozen models.

Unknown keys are errors, so a typo never silently disables a check. Every error names the
file, the field path and, where YAML knows it, the line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import phonenumbers
import yaml
from coloraide import Color
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from brandaudit.brand_assets.guideline_errors import describe_errors, dotted
from brandaudit.brand_assets.yaml_lines import line_of

LOGO_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico"}


class GuidelineError(Exception):
    """A guideline that cannot be used; the message is one line per mistake for the user."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Brand(_Strict):
    name: str = Field(min_length=1)
    names: tuple[str, ...] = ()
    legal_name: str | None = None
    accept: tuple[str, ...] = ()  # known legitimate variants that are never findings
    # Chinese script expected where a page's lang does not say (zh-CN, zh-TW do).
    script: Literal["zh-Hans", "zh-Hant"] | None = None
    # Names of others that are never misspellings of ours ("BitTorrent" beside "qBittorrent").
    not_ours: tuple[str, ...] = ()
    # The first word alone ("Serenity" for "SerenityOS", "OpenClaw" for "OpenClaw Club"), as
    # a community says it: allowed by default, or reported at info level.
    shortened: Literal["allow", "report"] = "allow"

    @property
    def all_names(self) -> tuple[str, ...]:
        return (self.name, *self.names)


class Logo(_Strict):
    file: Path
    name: str = Field(min_length=1)
    min_width_px: int | None = Field(default=None, gt=0)
    replaced_by: str | None = None

    @field_validator("file")
    @classmethod
    def _known_format(cls, value: Path) -> Path:
        if value.suffix.lower() not in LOGO_SUFFIXES:
            allowed = ", ".join(sorted(s.lstrip(".") for s in LOGO_SUFFIXES))
            raise ValueError(f"unsupported logo format '{value.suffix}' (use {allowed})")
        return value


class Logos(_Strict):
    approved: tuple[Logo, ...] = ()
    deprecated: tuple[Logo, ...] = ()


class Slogan(_Strict):
    text: str = Field(min_length=1)
    locale: str | None = None
    replaced_by: str | None = None


def _slogans(value: Any) -> Any:
    if isinstance(value, list):
        return [{"text": item} if isinstance(item, str) else item for item in value]
    return value


class Slogans(_Strict):
    approved: tuple[Slogan, ...] = ()
    deprecated: tuple[Slogan, ...] = ()

    @field_validator("approved", "deprecated", mode="before")
    @classmethod
    def _plain_strings(cls, value: Any) -> Any:
        """A slogan may be written as a bare string."""
        return _slogans(value)


class Term(_Strict):
    use: str = Field(min_length=1)
    not_: tuple[str, ...] = Field(alias="not", min_length=1)
    case_sensitive: bool = False  # match the wrong forms only in the casing written here
    exceptions: tuple[str, ...] = ()  # phrases in which a wrong form is fine ("login shell")


def _phone_number(value: str, info: ValidationInfo) -> str:
    """A canonical phone number must parse, or the phone check would silently skip it."""
    region = info.data.get("region")
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_possible_number(number):
        hint = "" if region else " (write it with +country code, or set facts.region)"
        raise ValueError(f"'{value}' is not a phone number{hint}")
    return value


def _email_address(value: str) -> str:
    local, _, domain = value.partition("@")
    if not local or "." not in domain or " " in value or "@" in domain:
        raise ValueError(f"'{value}' is not an e-mail address")
    return value


class Facts(_Strict):
    # region comes first: the phone numbers are read with it.
    region: str | None = None  # default phone region (ISO 3166 alpha-2) for national numbers
    phone: tuple[Annotated[str, AfterValidator(_phone_number)], ...] = ()
    email: tuple[Annotated[str, AfterValidator(_email_address)], ...] = ()
    address: tuple[str, ...] = ()

    @field_validator("region")
    @classmethod
    def _known_region(cls, value: str | None) -> str | None:
        if value is not None and value.upper() not in phonenumbers.SUPPORTED_REGIONS:
            raise ValueError(f"unknown region '{value}' (use an ISO 3166 code such as GB)")
        return value.upper() if value else value


class Colors(_Strict):
    palette: tuple[str, ...] = ()
    tolerance: float = Field(default=5.0, ge=0)

    @field_validator("palette")
    @classmethod
    def _css_colours(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            try:
                Color(value)
            except ValueError:
                raise ValueError(f"'{value}' is not a CSS colour") from None
        return values


class WeChatAccount(_Strict):
    """A WeChat official account (微信公众号) as the brand team knows it, by any of its keys:
    `name`, `id` (the gh_ original id or the chosen WeChat id, 微信号), `biz` (its __biz).
    Read through its public articles (listed in `social` or linked from the site), which
    carry all of them; compared on the strongest key both sides have."""

    name: str | None = None
    id: str | None = None
    biz: str | None = None

    @model_validator(mode="after")
    def _one_key(self) -> WeChatAccount:
        if not (self.name or self.id or self.biz):
            raise ValueError("give the account's name, id or biz")
        return self


class Touchpoints(_Strict):
    websites: tuple[str, ...] = ()
    social: tuple[str, ...] = ()
    apps: tuple[str, ...] = ()
    # WeChat official accounts by name / id / biz (see WeChatAccount).
    wechat: tuple[WeChatAccount, ...] = ()
    # PDFs and pictures (scans, photos of signage): paths relative to this file, or URLs.
    documents: tuple[str, ...] = ()
    # Profiles the website links to that are fetched and audited: only the brand's own
    # (linked from header, footer, sameAs, rel=me, app banner, or named like the brand),
    # or every linked profile. See checks/touchpoint_links.py.
    linked_profiles: Literal["brand", "all"] = "brand"

    @field_validator("websites", "social", "apps")
    @classmethod
    def _absolute_urls(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        for value in values:
            if not value.startswith(("http://", "https://")):
                raise ValueError(f"'{value}' is not an http(s) URL")
        return values


class Apps(_Strict):
    # A listing rated below this (out of 5) is a `touchpoint.rating` warning; None: no floor.
    min_rating: float | None = Field(default=None, ge=0, le=5)


class Guideline(_Strict):
    version: int = 1
    brand: Brand
    logos: Logos = Logos()
    slogans: Slogans = Slogans()
    terms: tuple[Term, ...] = ()
    facts: Facts = Facts()
    colors: Colors = Colors()
    fonts: tuple[str, ...] = ()
    # W3C design-tokens JSON (relative to this file): colour tokens extend colors.palette,
    # fontFamily tokens extend fonts.
    design_tokens: Path | None = None
    touchpoints: Touchpoints = Touchpoints()
    apps: Apps = Apps()
    # Where the guideline was read from; logo paths are relative to its folder.
    source: Path = Field(default=Path("brand.yaml"), exclude=True)

    @field_validator("version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != 1:
            raise ValueError(f"unsupported guideline version {value} (this brandaudit reads 1)")
        return value

    @model_validator(mode="after")
    def _replacements_exist(self) -> Guideline:
        approved = {logo.name for logo in self.logos.approved}
        for index, logo in enumerate(self.logos.deprecated):
            if logo.replaced_by and logo.replaced_by not in approved:
                raise ValueError(
                    f"logos.deprecated[{index}].replaced_by: no approved logo is named "
                    f"'{logo.replaced_by}'"
                )
        return self

    @property
    def base_dir(self) -> Path:
        return self.source.parent

    def logo_path(self, logo: Logo) -> Path:
        return (self.base_dir / logo.file).resolve()

    @property
    def all_logos(self) -> tuple[tuple[Logo, str], ...]:
        """Every guideline logo with its status, approved first."""
        return tuple((logo, "approved") for logo in self.logos.approved) + tuple(
            (logo, "deprecated") for logo in self.logos.deprecated
        )


def load_guideline(path: Path | str) -> Guideline:
    """Read and validate a guideline file, or raise GuidelineError with one clear line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GuidelineError(f"{path}: guideline file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GuidelineError(f"{path}: cannot read guideline: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GuidelineError(f"{path}{where}: invalid YAML: {problem}") from None
    if not isinstance(data, dict):
        raise GuidelineError(f"{path}: a guideline is a YAML mapping with at least 'brand'")
    try:
        guideline = Guideline.model_validate({**data, "source": path})
    except ValidationError as exc:
        raise GuidelineError("\n".join(describe_errors(path, text, exc, Guideline))) from None
    missing = _missing_logo_files(path, text, guideline)
    missing += _missing_document_files(path, text, guideline)
    if missing:
        raise GuidelineError("\n".join(missing))
    return guideline


def _missing_logo_files(path: Path, text: str, guideline: Guideline) -> list[str]:
    """Every missing logo file, one line each."""
    missing = []
    for group in ("approved", "deprecated"):
        for index, logo in enumerate(getattr(guideline.logos, group)):
            if not guideline.logo_path(logo).is_file():
                loc = ("logos", group, index, "file")
                line = line_of(text, loc)
                where = f"{path}:{line}" if line else str(path)
                missing.append(f"{where}: {dotted(loc)}: logo file not found: {logo.file}")
    return missing


def _missing_document_files(path: Path, text: str, guideline: Guideline) -> list[str]:
    """Every listed offline document that is not there, one line each."""
    missing = []
    for index, item in enumerate(guideline.touchpoints.documents):
        if item.startswith(("http://", "https://")):
            continue
        if not (guideline.base_dir / item).is_file():
            loc = ("touchpoints", "documents", index)
            line = line_of(text, loc)
            where = f"{path}:{line}" if line else str(path)
            missing.append(f"{where}: {dotted(loc)}: document not found: {item}")
    return missing
