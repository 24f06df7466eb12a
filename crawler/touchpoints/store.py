"""profiles.jsonl in the run directory: same JSON Lines convention as crawler.run_store.

One ProfileArtifact per line, appended as fetched; a later line for the same URL replaces an
earlier one (a resumed or repeated fetch), and a line cut short by a killed crawl is skipped.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from brandaudit.crawler.run_store import read_jsonl
from brandaudit.crawler.touchpoints.artifacts import ProfileArtifact

PROFILES = "profiles.jsonl"

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
