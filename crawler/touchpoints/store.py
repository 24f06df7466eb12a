"""The touchpoint files of a run directory, written by the crawler and read by the checks:
profiles.jsonl and profile_links.jsonl (same JSON Lines convention as crawler.run_store).

profiles.jsonl: one ProfileArtifact per line, appended as fetched; a later line for the same
URL replaces an earlier one (a resumed or repeated fetch), and a line cut short by a killed
crawl is skipped.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Mapping
from pathlib import Path

from brandaudit.crawler.run_store import read_jsonl
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact

PROFILES = "profiles.jsonl"
PROFILE_LINKS = "profile_links.jsonl"  # one line per crawled page: its profile links

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
    run_dir: Path, page_url: str, links: Mapping[str, str] | Iterable[str]
) -> None:
    """Append one page's discovered profile links (and, from a mapping of link -> where it
    sits, discover.WHERE) to `<run_dir>/profile_links.jsonl`."""
    record: dict[str, object] = {"page": page_url, "links": list(links)}
    if isinstance(links, Mapping):
        record["where"] = dict(links)
    with open(Path(run_dir) / PROFILE_LINKS, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def load_link_places(run_dir: Path) -> dict[str, set[str]]:
    """Profile URL -> every place (discover.WHERE) it was linked from. Crawls recorded
    before places were kept count as "chrome", which is how they were treated then."""
    path = Path(run_dir) / PROFILE_LINKS
    if not path.exists():
        return {}
    places: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # cut short by a killed crawl
        where = record.get("where") or {}
        for link in record.get("links", ()):
            places.setdefault(link, set()).add(where.get(link, "chrome"))
    return places


def load_profile_links(run_dir: Path) -> dict[str, tuple[str, ...]] | None:
    """Profile URL -> the pages linking to it; None when discovery never ran for this crawl."""
    path = Path(run_dir) / PROFILE_LINKS
    if not path.exists():
        return None
    found: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue  # cut short by a killed crawl
        for link in record.get("links", ()):
            pages = found.setdefault(link, [])
            if record.get("page") not in pages:
                pages.append(record.get("page"))
    return {link: tuple(pages) for link, pages in found.items()}
