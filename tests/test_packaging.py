"""The installed package: one top-level name, every package listed, only listed data shipped."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
COPY_IGNORE = (".git", ".venv", "build", "*.egg-info", "__pycache__", ".*_cache")
MAPPED = ("brand_assets", "checks", "crawler", "reports")  # imported as brandaudit.<name>


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))


def _source_packages() -> set[str]:
    """Every folder with an __init__.py, named as it is installed."""
    found = set()
    for top in ("brandaudit", *MAPPED):
        for init in (REPO / top).rglob("__init__.py"):
            parts = init.parent.relative_to(REPO).parts
            found.add(".".join(parts if top == "brandaudit" else ("brandaudit", *parts)))
    return found


def test_every_source_package_is_listed_for_setuptools() -> None:
    listed = set(_pyproject()["tool"]["setuptools"]["packages"])
    assert listed == _source_packages()


def test_code_imports_the_mapped_folders_through_the_brandaudit_namespace() -> None:
    offenders = []
    for top in ("brandaudit", *MAPPED, "benchmarks", "tests"):
        for path in (REPO / top).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                offenders += [
                    f"{path.relative_to(REPO)}:{node.lineno} {name}"
                    for name in names
                    if name.split(".")[0] in MAPPED
                ]
    assert offenders == []


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> zipfile.ZipFile:
    """The wheel built from a copy of the source, with a stray report planted in a package
    folder (the old default --out landed there): it must not ship."""
    source = tmp_path_factory.mktemp("source") / "brandaudit"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(*COPY_IGNORE))
    stray = source / "reports" / "20260101T000000Z" / "crawl"
    stray.mkdir(parents=True)
    (stray / "meta.json").write_text("{}")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation",
         "-q", "-w", str(out)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return zipfile.ZipFile(next(out.glob("*.whl")))


def test_the_wheel_installs_only_brandaudit(wheel: zipfile.ZipFile) -> None:
    tops = {name.split("/")[0] for name in wheel.namelist()}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"brandaudit"}


def test_the_wheel_ships_its_data_and_nothing_stray(wheel: zipfile.ZipFile) -> None:
    names = set(wheel.namelist())
    for needed in (
        "brandaudit/reports/templates/report.html.j2",
        "brandaudit/crawler/render/page_script.js",
        "brandaudit/checks/text/data/ordinary_words.txt.gz",
        "brandaudit/checks/imaging/matching/plain_shapes.table.xz",
        "brandaudit/brand_assets/sample/brand.yaml",
        "brandaudit/brand_assets/demo_site/index.html",
        "brandaudit/brand_assets/demo_site/img/logo-horizontal.png",
    ):
        assert needed in names
    assert not [name for name in names if "20260101T000000Z" in name or "__pycache__" in name]


def test_the_default_report_folder_never_lands_in_the_source_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from brandaudit.pipeline import default_out_dir

    monkeypatch.chdir(tmp_path)
    assert default_out_dir().parts[0] == "reports"
    monkeypatch.chdir(REPO)
    assert default_out_dir().parts[0] == "brandaudit-out"
