"""The shape of the code base: layers import one way, and each list of what a
version is built from, and of the layers, is written once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

import report
from report import fields, load
from report.versions import DATA, PROJECT, SOURCES

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("report", "charts", "macros")


def readme_layers() -> list[tuple[str, list[str]]]:
    """(layer, [paths]) for each row of the README's table under "How it works", in order."""
    section = (ROOT / "README.md").read_text().split("## How it works", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| layer")]
    return [(cells[0], re.findall(r"`([^`]+)`", cells[1]))
            for cells in ([c.strip() for c in row.strip("|").split("|")] for row in rows)]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_modules() -> dict[str, Path]:
    """Every module of the code, but not report/__init__.py (a docstring: the list of layers)."""
    found = {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).glob("*.py"))}
    del found["report"]
    return found


def layer_of() -> dict[str, int]:
    """Every module of report/, charts/ and macros/ with the index of its README layer."""
    found = {}
    for index, (_, paths) in enumerate(readme_layers()):
        for entry in paths:
            target = ROOT / entry
            files = sorted(target.glob("*.py")) if entry.endswith("/") else [target] if entry.endswith(".py") else []
            for file in files:
                found[module_name(file)] = index
    return found


def imported_modules(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that ``path`` imports, anywhere in it (also inside functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def test_every_module_has_a_layer_in_the_readme():
    assert sorted(set(python_modules()) - set(layer_of())) == []


def test_no_module_imports_a_higher_layer():
    layers, modules = layer_of(), python_modules()
    names = [name for name, _ in readme_layers()]
    wrong = [f"{name} ({names[layers[name]]}) imports {target} ({names[layers[target]]})"
             for name, path in modules.items() for target in sorted(imported_modules(name, path, set(modules)))
             if layers[target] > layers[name]]
    assert wrong == []


def test_the_layer_check_sees_every_kind_of_import(tmp_path):
    module = tmp_path / "example.py"
    module.write_text("from .load import check_dir\nfrom . import fmt\nimport charts.theme\n"
                      "def late():\n    from report.version import VersionContext\n")
    found = imported_modules("report.example", module, set(python_modules()))
    assert found == {"report.load", "report.fmt", "charts.theme", "report.version"}


def test_the_package_docstring_lists_the_readme_layers():
    documented = [(m["layer"], re.findall(r"``(\w+)``", m["modules"]))
                  for m in re.finditer(r"^- (?P<layer>[a-z ]+): (?P<modules>(?:``\w+``(?:, )?)+) --", report.__doc__, re.M)]
    in_readme = [(layer, [Path(p).stem for p in paths if p.startswith("report/")]) for layer, paths in readme_layers()]
    assert documented == [(layer, mods) for layer, mods in in_readme if mods]


def test_the_loader_uses_the_field_limit():
    assert load.MAX_COUNT == fields.MAX_COUNT


def test_mkdocs_watches_what_a_version_is_built_from():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)  # ignores the !ENV tags' meaning
    # mkdocs serve watches docs/ and mkdocs.yml itself; a change of requirements.txt needs a restart anyway
    expected = {name for name in (*SOURCES, DATA) if (ROOT / name).is_dir()} - {"docs"}
    assert set(config["watch"]) == expected


def test_the_publish_workflow_runs_when_a_version_input_changes():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    paths = workflow[True]["push"]["paths"]  # YAML 1.1 reads the key `on` as true
    expected = {f"{name}/**" if (ROOT / name).is_dir() else name for name in PROJECT}
    assert set(paths) == expected | {"Makefile", ".github/workflows/publish.yml"}
    assert "requirements-dev.txt" not in paths  # a new test or lint tool redeploys nothing
