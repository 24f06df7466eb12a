"""No import cycles between the project's modules.

The graph is built statically with `ast` from every module of the installed namespace (the
package-dir mapping of pyproject.toml), counting every import a module's text holds: at the
top, inside functions (a cycle hidden in a function is still a cycle a reader must untangle)
and under `if TYPE_CHECKING:` (a type-only cycle still ties two modules together). Importing
`a.b.c` counts as depending on `a.b.c` alone: a package's `__init__` is a module like the
others, and its own imports (its public names) are edges of the graph.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def project_modules(repo: Path = REPO) -> dict[str, Path]:
    """Module name -> source file, for every module of the installed packages."""
    setuptools = tomllib.loads((repo / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    roots = setuptools["package-dir"]
    modules = {}
    for package, folder in roots.items():
        for path in (repo / folder).rglob("*.py"):
            parts = path.relative_to(repo / folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join((package, *parts))
            # A sub-folder mapped on its own (brandaudit.checks under brandaudit/) wins.
            if name not in modules or len(folder) > len(str(modules[name].parent)):
                modules[name] = path
    return modules


def imported_modules(path: Path, name: str, known: set[str]) -> set[str]:
    """The project modules that the module `name` (at `path`) imports, anywhere in its text."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..a import y
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                found.add(submodule if submodule in known else base)
    return {module for module in found if module in known and module != name}


def import_graph(repo: Path = REPO) -> dict[str, set[str]]:
    modules = project_modules(repo)
    return {name: imported_modules(path, name, set(modules)) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a -> b -> ... -> a) through each strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    raise AssertionError(f"no cycle in {group}")


def test_the_project_has_no_import_cycle() -> None:
    graph = import_graph()
    assert "brandaudit.checks.imaging.matching.matcher" in graph  # the mapping was read
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" -> ".join(c) for c in found)


def test_imports_inside_functions_and_under_type_checking_are_edges(tmp_path: Path) -> None:
    """The finder sees the cycles that slip past a top-level reading: one closed by an import
    inside a function, one by a type-only import, and a relative import."""
    (tmp_path / "pyproject.toml").write_text(
        '[tool.setuptools]\npackages = ["pkg"]\n[tool.setuptools.package-dir]\npkg = "src"\n'
    )
    src = tmp_path / "src"
    src.mkdir()
    (src / "__init__.py").write_text("")
    (src / "a.py").write_text("from pkg.b import thing\n")
    (src / "b.py").write_text("def thing():\n    from pkg import a\n")
    (src / "c.py").write_text("from . import d\n")
    (src / "d.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.c import X\n"
    )
    (src / "e.py").write_text("import pkg.a\n")
    found = cycles(import_graph(tmp_path))
    assert sorted(found) == [["pkg.a", "pkg.b", "pkg.a"], ["pkg.c", "pkg.d", "pkg.c"]]
