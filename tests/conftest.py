"""Shared helpers: write data files into a temporary folder; build sites once."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from report.build import build_site
from report.load import load_dir

ROOT = Path(__file__).resolve().parent.parent


def year_yaml(year: str = "2022-23", body: str = "", status: str = "published", published: str | None = "2024-03-08") -> str:
    head = f"year: {year}\nstatus: {status}\n" + (f"published: {published}\n" if published else "")
    return head + textwrap.dedent(body)


@pytest.fixture(scope="session", autouse=True)
def shared_chart_cache(tmp_path_factory):
    """One chart cache for the session: each distinct chart is rendered once."""
    import os
    os.environ["REPORT_CHART_CACHE"] = str(tmp_path_factory.mktemp("chart-cache"))


@pytest.fixture
def data_dir(tmp_path: Path):
    """A function that writes {name: text} into a fresh data folder and returns it."""
    folder = tmp_path / "data"
    folder.mkdir()

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write


@pytest.fixture(scope="session")
def example():
    """The example data set, loaded."""
    return load_dir(ROOT / "data")


def copy_project(dest: Path) -> Path:
    """A copy of the project's site sources (not .venv or site/) to build variants of."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "links.txt", "docs", "overrides", "data", "macros", "report", "charts"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The example site, built once for the whole session."""
    out = tmp_path_factory.mktemp("example") / "site"
    build_site(ROOT, out, jobs=2)
    return out
