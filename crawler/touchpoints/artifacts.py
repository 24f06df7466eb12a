"""What a fetch kept of one social profile or app-store listing.

Checks compare these fields with the guideline; `coverage` and `coverage_notes` say how much
of the profile could actually be read, so a login wall never reads as a clean profile.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

ProfileKind = Literal["social", "app"]
Coverage = Literal["full", "partial", "none"]
Source = Literal["og", "jsonld", "platform_json", "markup"]


@dataclass(frozen=True)
class ProfileArtifact:
    """One profile or listing as read from the platform; `url` is the guideline's real URL."""

    url: str
    platform: str
    kind: ProfileKind = "social"
    handle: str | None = None
    display_name: str | None = None
    bio: str | None = None
    avatar_url: str | None = None  # the profile picture or the app icon
    banner_url: str | None = None  # the cover image of a social profile
    screenshots: tuple[str, ...] = ()
    website_link: str | None = None  # the outbound link the profile shows
    developer: str | None = None  # apps only: the seller / developer name
    # The platform's fixed id of the account behind a URL that names something else: the
    # __biz of the official account a WeChat article belongs to.
    account_id: str | None = None
    alias: str | None = None  # the account's chosen id where it has one besides `handle` (微信号)
    rating: float | None = None
    rating_count: int | None = None
    extracted_from: tuple[Source, ...] = ()
    coverage: Coverage = "full"
    coverage_notes: tuple[str, ...] = ()
    status: int | None = None  # HTTP status of the main fetch; None when nothing answered

    @property
    def images(self) -> tuple[tuple[str, str], ...]:
        """(role, url) of the images a logo check should look at: avatar/icon and banner."""
        role = "icon" if self.kind == "app" else "avatar"
        pairs = ((role, self.avatar_url), ("banner", self.banner_url))
        return tuple((r, u) for r, u in pairs if u)

    @property
    def removed(self) -> bool:
        """The platform says this profile or listing does not exist (any more)."""
        if self.status in (404, 410):
            return True
        return any(note.startswith("not found") for note in self.coverage_notes)

    def with_note(self, note: str, coverage: Coverage | None = None) -> ProfileArtifact:
        """A copy with one more coverage note (and, if given, a lower coverage)."""
        notes = self.coverage_notes if note in self.coverage_notes else (*self.coverage_notes, note)
        return replace(self, coverage_notes=notes, coverage=coverage or self.coverage)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ProfileArtifact:
        known = {name for name in cls.__dataclass_fields__}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"ProfileArtifact: unknown fields {sorted(unknown)}")
        values = dict(data)
        for name in ("screenshots", "extracted_from", "coverage_notes"):
            values[name] = tuple(values.get(name) or ())
        return cls(**values)
