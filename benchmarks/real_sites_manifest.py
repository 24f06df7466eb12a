"""The real-site benchmark's manifest: which public repository, commit and folder each site is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent / "real_sites"
MANIFEST = HERE / "manifest.yaml"
VERDICTS = HERE / "verdicts.yaml"


@dataclass(frozen=True)
class Site:
    name: str
    repo: str  # owner/name on GitHub
    commit: str
    folder: str  # the site's root inside the repository ("" for the top)
    guideline: Path
    port: int  # fixed, so finding ids (which include URLs) are the same run after run
    kind: str  # company, product or project
    languages: tuple[str, ...]
    max_pages: int | None = None
    seed: str = "/"  # the page the crawl starts from
    origin: str | None = None  # the live site's origin, when its pages link to it absolutely


def load_manifest(path: Path = MANIFEST) -> list[Site]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Site(
            name=s["name"],
            repo=s["repo"],
            commit=s["commit"],
            folder=s.get("folder", ""),
            guideline=path.parent / s["guideline"],
            port=int(s["port"]),
            kind=s["kind"],
            languages=tuple(s["languages"]),
            max_pages=s.get("max_pages"),
            seed=s.get("seed", "/"),
            origin=s.get("origin"),
        )
        for s in data["sites"]
    ]
