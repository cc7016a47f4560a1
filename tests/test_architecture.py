"""The package's structure, read from its own imports: the layers the README's architecture table
lists, no import running back up, no import cycle, and a CLI over the public names only."""

import ast
import re
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "newsgraph"
#: The modules at the top of the package that every stage shares.
SHARED = {"errors", "report", "resources", "schemas", "sessions", "_lazy"}
#: What sits above every stage: the package's own names and the command.
ON_TOP = {"", "__main__", "cli"}


def layers() -> list[str]:
    """The sub-packages, bottom first, as the README's architecture table lists them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\d+) \| `newsgraph\.(\w+)` \|", section, flags=re.MULTILINE)
    assert [int(n) for n, _ in rows] == list(range(1, len(rows) + 1)), "the table numbers its layers 1, 2, 3..."
    return [name for _, name in rows]


def modules() -> dict[str, Path]:
    """Every module of the package by its name relative to ``newsgraph`` ("" for the package)."""
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        found[".".join(parts)] = path
    return found


def imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The package's modules that ``name`` imports anywhere: at the top, in functions, or for
    type checking only (each is an arrow a reader follows)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    package = [p for p in package if p]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            elif (node.module or "").startswith("newsgraph"):
                target = node.module.removeprefix("newsgraph").lstrip(".")
            else:
                continue
            for alias in node.names:
                whole = f"{target}.{alias.name}".lstrip(".")
                found.add(whole if whole in known else target)
        elif isinstance(node, ast.Import):
            found |= {
                a.name.removeprefix("newsgraph").lstrip(".") for a in node.names if a.name.startswith("newsgraph")
            }
    return found - {name}


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: imports(name, path, set(known)) for name, path in known.items()}


def stage(module: str) -> str:
    return module.split(".")[0]


def test_the_readme_table_lists_every_sub_package_once():
    found = {stage(m) for m in modules() if m and ("." in m or (PACKAGE / m).is_dir())}
    assert sorted(layers()) == sorted(found)


def upward(arrows: dict[str, set[str]]) -> list[str]:
    """The imports that run up the stack."""
    order = {name: i for i, name in enumerate(layers())}
    found = []
    for module, targets in arrows.items():
        for target in targets:
            if module in ON_TOP:
                continue
            if module in SHARED:
                ok = target in SHARED
            else:
                ok = target in SHARED or order.get(stage(target), len(order)) <= order[stage(module)]
            if not ok:
                found.append(f"{module} -> {target}")
    return found


def cycles(arrows: dict[str, set[str]]) -> list[str]:
    """Every import cycle, as a path."""
    found: list[str] = []
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        for target in sorted(arrows.get(module, ())):
            if target in path:
                found.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in done:
                visit(target, [*path, target])
        done.add(module)

    for module in sorted(arrows):
        if module not in done and module not in ON_TOP:
            visit(module, [module])
    return found


def test_every_import_points_down_the_stack():
    assert upward(graph()) == []


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(graph()) == []


def test_an_upward_import_and_a_cycle_are_caught():
    # the checks above can fail: a model module importing the store, a stage importing itself back
    arrows = graph()
    assert upward({**arrows, "model.story": {*arrows["model.story"], "store.loading"}}) == [
        "model.story -> store.loading"
    ]
    looped = {**arrows, "stories.storyfile": {*arrows["stories.storyfile"], "stories.story"}}
    assert any(c.startswith("stories.") for c in cycles(looped))


def test_the_command_uses_only_public_names():
    private = []
    for node in ast.walk(ast.parse((PACKAGE / "cli.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            private += [
                f"{node.module}.{a.name}" for a in node.names if a.name.startswith("_") and a.name != "__version__"
            ]
    assert private == []


def test_no_stage_reaches_into_another_stage_s_private_names():
    reaching = []
    for name, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level >= 2 and node.module:
                reaching += [f"{name}: {node.module}.{a.name}" for a in node.names if a.name.startswith("_")]
    assert reaching == []


@pytest.mark.parametrize("package", layers())
def test_each_sub_package_says_what_it_is_for(package):
    docstring = ast.get_docstring(ast.parse((PACKAGE / package / "__init__.py").read_text(encoding="utf-8")))
    assert docstring and 40 <= len(docstring.split("\n\n")[0]) <= 400
