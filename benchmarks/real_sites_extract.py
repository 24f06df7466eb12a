"""Extract each manifest site from its fetched git snapshot into a folder outside the repository.

`git archive` stops at the first blob a snapshot lacks (snapshots leave out files of 4 MiB
and more), so this copies the tree blob by blob and lists what was missing.

    python benchmarks/real_sites_extract.py --mirror /work/.mirror --out /work/realdata/sites
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
from pathlib import Path

from real_sites_manifest import MANIFEST, Site, load_manifest


def git_dir(mirror: Path, repo: str) -> Path:
    base = mirror / repo.replace("/", "+") / "repo"
    return base / ".git" if (base / ".git").is_dir() else base


def extract(site: Site, mirror: Path, out: Path) -> list[str]:
    """Write the site's folder at its commit to out/<name>/; return paths the snapshot lacks."""
    gd = git_dir(mirror, site.repo)
    prefix = f"{site.folder.strip('/')}/" if site.folder.strip("/") else ""
    listing = subprocess.run(
        ["git", f"--git-dir={gd}", "ls-tree", "-r", "-z", site.commit, "--", prefix or "."],
        check=True,
        capture_output=True,
    ).stdout.decode()
    if (out / site.name).exists():
        shutil.rmtree(out / site.name)
    missing = []
    for entry in filter(None, listing.split("\0")):
        meta, path = entry.split("\t", 1)
        mode, kind, sha = meta.split()
        if kind != "blob":
            continue
        cat = ["git", f"--git-dir={gd}", "cat-file", "blob", sha]
        blob = subprocess.run(cat, capture_output=True)
        if blob.returncode != 0:
            missing.append(path)
            continue
        target = out / site.name / path[len(prefix) :]
        target.parent.mkdir(parents=True, exist_ok=True)
        if mode == "120000":  # a symbolic link: the blob is its target
            target.symlink_to(blob.stdout.decode())
        else:
            target.write_bytes(blob.stdout)
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    args = parser.parse_args()
    for site in load_manifest(args.manifest):
        missing = extract(site, args.mirror, args.out)
        print(
            f"{site.name}: {site.repo}@{site.commit[:10]} -> {args.out / site.name}"
            f" ({len(missing)} files not in the snapshot)"
        )


if __name__ == "__main__":
    main()
