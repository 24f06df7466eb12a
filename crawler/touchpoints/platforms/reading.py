"""The steps every adapter takes around its own parsing, written once.

An adapter reads one platform answer into profile fields. Around that, each used to repeat
the same prologue (is this a wall? is the JSON readable?) and epilogue (build the artifact,
set coverage from the fields found). Here the prologue is `Answer.html()` / `Answer.json()`,
which raise `Unreadable` for anything but a profile (`Answer.page_json()` for the JSON a page
embeds), and `profile_reader` does the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact, ProfileKind
from brandaudit.crawler.touchpoints.platforms.base import (
    ExtractFn,
    barrier,
    blocked,
    finish,
    meta_tags,
    page,
    text_of,
)

if TYPE_CHECKING:  # parsel is imported where pages are read, not by the audit process
    from parsel import Selector

Fields = dict[str, Any]  # ProfileArtifact fields other than url, platform, kind and status


class Unreadable(Exception):
    """The platform answered, but not with the profile; `note` says what it showed instead."""

    def __init__(self, note: str, coverage: str = "none") -> None:
        super().__init__(note)
        self.note, self.coverage = note, coverage


@dataclass(frozen=True)
class Answer:
    """One platform response, parsed on demand."""

    url: str
    status: int
    body: bytes | str
    content_type: str = ""
    final_url: str | None = None

    @cached_property
    def text(self) -> str:
        return text_of(self.body)

    @cached_property
    def sel(self) -> Selector:
        return page(self.text)

    @cached_property
    def tags(self) -> dict[str, str]:
        return meta_tags(self.sel)

    def html(self) -> Answer:
        """This answer as a profile page: raises `Unreadable` for walls, errors and logins."""
        if wall := barrier(self.url, self.status, self.final_url, self.tags):
            raise Unreadable(wall[1], wall[0])
        return self

    def json(self, source: str) -> Any:
        """The JSON body of an API answer; `source` names the API in the note if it is not."""
        if wall := barrier(self.url, self.status, self.final_url):
            raise Unreadable(wall[1], wall[0])
        return parse_json(self.text, f"{source} answered with something other than JSON")

    def page_json(self, source: str, script_id: str, decode: Callable[[str], str] = str) -> Any:
        """The JSON a page embeds for its own scripts (`<script id=script_id>`, through
        `decode`), or the body when the answer is JSON itself; None when neither is there.
        JSON that does not parse raises `Unreadable` naming `source`, never a crash and never
        a "not found"."""
        raw = self.sel.xpath(f'//script[@id="{script_id}"]/text()').get()
        if raw and raw.strip():
            return parse_json(decode(raw), f"{source} is not readable JSON")
        if self.text.lstrip().startswith(("{", "[")):
            return parse_json(self.text, f"{source}: the answer is not readable JSON")
        return None


def parse_json(raw: str, note: str) -> Any:
    """`raw` parsed, or `Unreadable(note)`."""
    try:
        return json.loads(raw)
    except ValueError:
        raise Unreadable(note) from None


def sources(**used: bool) -> tuple[str, ...]:
    """The names of the data sources an adapter actually read (`extracted_from`)."""
    return tuple(name for name, was_used in used.items() if was_used)


def profile_reader(
    platform: str,
    kind: ProfileKind,
    expected: tuple[str, ...],
    after: Callable[[ProfileArtifact], ProfileArtifact] | None = None,
) -> Callable[[Callable[[Answer], Fields]], ExtractFn]:
    """Turn `read(answer) -> fields` into an adapter's `extract`.

    The profile gets its coverage from which `expected` fields were read; an `Unreadable`
    answer becomes a profile with no data and the reason. `after` may refine a read profile.
    """

    def decorate(read: Callable[[Answer], Fields]) -> ExtractFn:
        def extract(
            url: str,
            status: int,
            body: bytes | str,
            content_type: str = "",
            final_url: str | None = None,
        ) -> ProfileArtifact:
            try:
                fields = read(Answer(url, status, body, content_type, final_url))
            except Unreadable as wall:
                return blocked(platform, kind, url, status, (wall.coverage, wall.note))
            profile = finish(
                ProfileArtifact(url=url, platform=platform, kind=kind, status=status, **fields),
                expected,
            )
            return after(profile) if after else profile

        extract.__doc__ = read.__doc__
        return extract

    return decorate
