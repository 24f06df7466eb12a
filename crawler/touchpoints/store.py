"""The touchpoint files of a run directory, written by the crawler and read by the checks:
profiles.jsonl and profile_links.jsonl (same JSON Lines convention as crawler.run_store).

profiles.jsonl: one ProfileArtifact per line, appended as fetched; a later line for the same
URL replaces an earlier one (a resumed or repeated fetch), and a line cut short by a killed
crawl is skipped.

profile_aliases.jsonl: where each short or QR landing link led (landing.py): the links and
keys read here are the profiles those links open, so a profile and its short link are one.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from brandaudit.crawler.run_store import read_jsonl
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact
from brandaudit.crawler.touchpoints.short_links import is_short_link
from brandaudit.crawler.touchpoints.wechat_accounts import ACCOUNT_URL

PROFILES = "profiles.jsonl"
PROFILE_LINKS = "profile_links.jsonl"  # one line per crawled page with profile links
PROFILE_ALIASES = "profile_aliases.jsonl"  # short link -> the profile it opens, or why not

log = logging.getLogger(__name__)


class ProfileWriter:
    """Appends profiles to `<run_dir>/profiles.jsonl`, flushing each line."""

    def __init__(self, run_dir: Path) -> None:
        self.path = Path(run_dir) / PROFILES
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def add(self, profile: ProfileArtifact) -> None:
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(profile.to_dict(), ensure_ascii=False) + "\n")


def load_profiles(run_dir: Path) -> list[ProfileArtifact]:
    """Every profile of a run directory, one per URL (the latest record), sorted by URL."""
    profiles: dict[str, ProfileArtifact] = {}
    for record in read_jsonl(Path(run_dir) / PROFILES):
        try:
            profile = ProfileArtifact.from_dict(record)
        except (TypeError, ValueError) as exc:
            log.warning("skipping unreadable line in %s: %s", PROFILES, exc)
            continue
        profiles[profile.url] = profile
    return sorted(profiles.values(), key=lambda p: p.url)


def record_profile_links(
    run_dir: Path,
    page_url: str,
    links: Mapping[str, str] | Iterable[str],
    via: Mapping[str, str] | None = None,
) -> None:
    """Append one page's discovered profile links (and, from a mapping of link -> where it
    sits, discover.WHERE) to `<run_dir>/profile_links.jsonl`; `via` says how a link was
    found when not as a link (a QR code: "qr:<image URL>")."""
    record: dict[str, object] = {"page": page_url, "links": list(links)}
    if isinstance(links, Mapping):
        record["where"] = dict(links)
    if via:
        record["via"] = dict(via)
    with open(Path(run_dir) / PROFILE_LINKS, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def load_link_places(run_dir: Path, resolved: bool = True) -> dict[str, set[str]]:
    """Profile URL -> every place (discover.WHERE) it was linked from. Crawls recorded
    before places were kept count as "chrome", which is how they were treated then. Short
    links count as `linked_as` says (unless `resolved` is False)."""
    path = Path(run_dir) / PROFILE_LINKS
    if not path.exists():
        return {}
    counted = linked_as(run_dir) if resolved else (lambda url: url)
    places: dict[str, set[str]] = {}
    for record in read_jsonl(path):  # a line cut short by a killed crawl is skipped
        where = record.get("where") or {}
        for link in record.get("links", ()):
            if (profile := counted(link)) is not None:
                places.setdefault(profile, set()).add(where.get(link, "chrome"))
    return places


def load_profile_links(run_dir: Path, resolved: bool = True) -> dict[str, tuple[str, ...]] | None:
    """Profile URL -> the pages linking to it; None when discovery never ran for this crawl.
    Short links count as `linked_as` says (unless `resolved` is False: every link as is)."""
    path = Path(run_dir) / PROFILE_LINKS
    if not path.exists():
        return None
    counted = linked_as(run_dir) if resolved else (lambda url: url)
    found: dict[str, list[str]] = {}
    for record in read_jsonl(path):  # a line cut short by a killed crawl is skipped
        for link in filter(None, map(counted, record.get("links", ()))):
            pages = found.setdefault(link, [])
            if record.get("page") not in pages:
                pages.append(record.get("page"))
    return {link: tuple(pages) for link, pages in found.items()}


def record_alias(
    run_dir: Path,
    url: str,
    target: str | None,
    reason: str | None,
    hops: Iterable[str] = (),
    not_profile: bool = False,
) -> None:
    """Append where a short link led (`target`), or why it could not be told (`reason`;
    `not_profile` when it led somewhere known that is no profile: a video, a payment)."""
    record = {
        "url": url,
        "target": target,
        "reason": reason,
        "hops": list(hops),
        "not_profile": not_profile,
    }
    with open(Path(run_dir) / PROFILE_ALIASES, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def load_aliases(run_dir: Path) -> dict[str, dict[str, Any]]:
    """Short link -> its latest resolution record ({"target", "reason", "hops"})."""
    return {r["url"]: r for r in read_jsonl(Path(run_dir) / PROFILE_ALIASES) if "url" in r}


def resolved_url(run_dir: Path) -> Callable[[str], str]:
    """url -> the profile it opens: a resolved short link's target, else the url itself."""
    targets = {url: r["target"] for url, r in load_aliases(run_dir).items() if r.get("target")}
    return lambda url: targets.get(url, url)


def linked_as(run_dir: Path) -> Callable[[str], str | None]:
    """What a discovered link counts as: a resolved short link as its profile; one whose
    destination is unknown (a WeChat QR link) as itself, to be reported; one that leads to
    no profile, or was never resolved (short links in page text: a shared video), not at
    all (None). Other links as themselves."""
    aliases = load_aliases(run_dir)

    def counted(url: str) -> str | None:
        if not is_short_link(url):
            return url
        alias = aliases.get(url)
        if alias is None or alias.get("not_profile"):
            return None
        return alias.get("target") or url

    return counted


def identity_url(run_dir: Path) -> Callable[[str], str]:
    """url -> the URL whose profile key names the account behind it: short links resolved,
    and a WeChat article read by the profile crawl -> its official account (by __biz), so
    two articles of one account, or an article and the account, are one touchpoint."""
    resolved = resolved_url(run_dir)
    accounts = {
        p.url: ACCOUNT_URL.format(biz=p.account_id)
        for p in load_profiles(run_dir)
        if p.platform == "wechat" and p.account_id
    }

    def identity(url: str) -> str:
        target = resolved(url)
        return accounts.get(target, target)

    return identity
