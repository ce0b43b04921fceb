"""Starting afresh: `make new-site` with a preset, and the README's "Start your
council's site" followed literally in a copy of the project."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from report.fields import fields_for
from report.lock import LOCK_NAME
from report.model import YearId
from report.newsite import draft_year_text, new_site, new_site_problems, series_text
from report.procedures import preset
from report.series import check_site
from tests.conftest import ROOT, copy_project

BUILD_DAY = dt.date(2026, 6, 30)  # the copy's build date: 2025-26 is the latest reporting year that has ended
EPOCH = str(int(dt.datetime(BUILD_DAY.year, BUILD_DAY.month, BUILD_DAY.day, tzinfo=dt.UTC).timestamp()))


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end]


def _blocks(section: str) -> list[list[str]]:
    """The section's shell code blocks, each as its list of commands."""
    return [[line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]
            for block in re.findall(r"```sh\n(.*?)```", section, flags=re.DOTALL)]


def _with_venv(project: Path) -> None:
    """The copy's .venv is this one's packages, marked installed, so that `make` finds
    it set up and installs nothing."""
    venv = ROOT / ".venv"
    (project / ".venv" / "bin").mkdir(parents=True)
    shutil.copy2(venv / "pyvenv.cfg", project / ".venv" / "pyvenv.cfg")
    (project / ".venv" / "lib").symlink_to(venv / "lib")
    (project / ".venv" / "bin" / "python").symlink_to(venv / "bin" / "python")
    for name in (".installed", ".installed-dev"):
        (project / ".venv" / name).touch()  # newer than the copied requirements files


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# A person types these commands at a shell, not inside `make test`: the outer make's variables would
# make an inner make print "Entering directory" lines and pass on its flags.
_OUTER_MAKE = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")


def _env(**extra: str) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k not in _OUTER_MAKE}, **extra}


def _run(project: Path, command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(command, shell=True, cwd=project, capture_output=True, text=True, timeout=900,
                            env=_env(SOURCE_DATE_EPOCH=EPOCH, PYTHONDONTWRITEBYTECODE="1"))
    assert result.returncode == 0, (command, result.stdout, result.stderr)
    return result


# Steps of the section a person does by hand, between its code blocks: what the test types.
def _fill_in(project: Path, draft: Path) -> None:  # steps 2 and 3
    _edit(project / "mkdocs.yml", "name: Lincolnshire County Council", "name: Example Borough Council")
    _edit(draft, "  title: null ", "  title: Children's Social Care annual complaints report 2025-26 ")
    _edit(draft, "  url: null ", "  url: https://www.example.gov.uk/complaints-report-2025-26 ")
    _edit(draft, "  stage1: null", "  stage1: 48")
    _edit(draft, "  stage2: null", "  stage2: 3")


def _publish(draft: Path) -> None:  # step 4
    _edit(draft, "status: draft ", "status: published ")
    _edit(draft, "# published: YYYY-MM-DD ", f"published: {BUILD_DAY.isoformat()} ")


@pytest.mark.slow  # runs the tool or renders charts
def test_start_your_councils_site_as_the_readme_says(tmp_path):
    project = copy_project(tmp_path / "project", single_series=False)  # the example as it is, both series
    for name in ("Makefile", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    _with_venv(project)
    blocks = _blocks(_section("Start your council's site"))
    assert [len(b) for b in blocks] == [1, 2, 3, 4], blocks  # new-site; check and read; publish; deploy build and push

    new = _run(project, blocks[0][0])
    assert blocks[0][0].startswith("make new-site CONFIRM=1 SERIES=children PRESET=children TITLE=")
    draft = project / "data" / "children" / "2025-26.yaml"
    assert new.stdout.splitlines()[-2:] == [
        "new-site: wrote data/children/series.yaml (the series' settings)",
        "new-site: wrote data/children/2025-26.yaml (a draft: fill in its figures, then run make validate)"]
    assert sorted(str(p.relative_to(project)) for p in (project / "data").rglob("*")) == [
        "data/children", "data/children/2025-26.yaml", "data/children/published.lock.json",
        "data/children/series.yaml", "data/schema.json"]
    assert list((project / "docs" / "commentary").glob("**/*.md")) == []

    _fill_in(project, draft)
    assert blocks[1] == ["make validate", "make serve"]
    _run(project, blocks[1][0])
    (series,) = check_site(project / "data").site.series
    assert [(y.id, y.is_draft, y.complaints.stage1) for y in series.dataset.years] == [("2025-26", True, 48)]
    # `make serve` serves until stopped: what it builds first, a local build with the drafts, is done here.
    _run(project, ".venv/bin/python -m report site --drafts --local http://127.0.0.1:8000/ --out site")
    assert "Draft" in (project / "site" / "2025-26" / "children" / "index.html").read_text(encoding="utf-8")

    _publish(draft)
    assert blocks[2] == ["make validate", "make publish", "make links"]
    for command in blocks[2]:
        _run(project, command)
    lock = json.loads((project / "data" / "children" / LOCK_NAME).read_text())
    assert lock["years"]["2025-26"]["figures"]["complaints.stage1"] == 48
    links = [line for line in (project / "links.txt").read_text().splitlines() if not line.startswith("#")]
    assert "2025-26/children/" in links and "latest/" in links
    assert (project / "site" / "versions.json").is_file()
    assert "Example Borough Council" in (project / "site" / "2025-26" / "children" / "index.html").read_text(encoding="utf-8")

    assert blocks[3][0] == "SITE_URL=https://<org>.github.io/<repo>/ make site"
    _run(project, "make validate")
    _run(project, blocks[3][0].replace("<org>", "example").replace("<repo>", "complaints"))  # the deploy build
    assert "https://example.github.io/complaints/2025-26/" in (project / "site" / "2025-26" / "children" / "index.html").read_text()
    assert [b.split()[0] for b in blocks[3][1:]] == ["git", "git", "git"]  # no repository to push to here


def test_a_series_draft_has_only_its_procedures_figures():
    adults = preset("adults")
    text = draft_year_text(YearId(2025), adults, schema="../schema.json")
    assert "stage2" not in text and "stage3" not in text and "\n  contacts:" not in text and "informal" not in text
    assert text.startswith("# yaml-language-server: $schema=../schema.json\n")
    for field in fields_for(adults):
        assert f"{field.key}: null" in text and f"# {field.definition}" in text


@pytest.mark.parametrize("preset_id", ["children", "adults", "corporate", "housing"])
def test_new_site_with_each_preset_writes_a_valid_draft_series(tmp_path, preset_id):
    root = tmp_path / "project"
    (root / "data" / "old").mkdir(parents=True)
    (root / "data" / "old" / "series.yaml").write_text("title: Old\nprocedure: children\n")
    (root / "data" / "old" / "2022-23.yaml").write_text("year: 2022-23\nstatus: draft\n")
    (root / "data" / "2021-22.yaml").write_text("year: 2021-22\nstatus: draft\n")
    (root / "data" / "council").mkdir()
    (root / "data" / "council" / "2022-23.yaml").write_text("year: 2022-23\n")
    (root / "data" / LOCK_NAME).write_text('{"schema": 2, "years": {}}')
    (root / "docs" / "commentary").mkdir(parents=True)
    (root / "docs" / "commentary" / "2022-23.md").write_text("Text.")
    title = 'A "quoted" title: #1 & <b>not bold</b>'
    assert new_site_problems(root, preset_id, preset_id, title) == []
    first = new_site(root, YearId(2025), preset_id, preset_id, title)
    assert first == root / "data" / preset_id / "2025-26.yaml"
    assert sorted(p.name for p in (root / "data").iterdir()) == [preset_id]
    assert list((root / "docs" / "commentary").iterdir()) == []
    checked = check_site(root / "data")
    assert checked.errors == () and checked.warnings == ()
    (series,) = checked.site.series
    assert (series.id, series.title, series.procedure.id) == (preset_id, title, preset_id)
    assert [(y.id, y.is_draft) for y in series.dataset.years] == [("2025-26", True)]


def test_new_site_refuses_bad_options_before_deleting_anything(tmp_path):
    root = tmp_path / "project"
    (root / "data" / "notes").mkdir(parents=True)
    assert new_site_problems(root, None, "adults", None) == [
        "--preset: needs --series (a single-series site takes its procedure and title from extra.council in mkdocs.yml)"]
    assert new_site_problems(root, "Children", None, "T") == [
        "--series: 'Children' is not a series id (expected lower-case letters and digits in words joined by '-', "
        "starting with a letter, e.g. children or adult-social-care: choose another name)"]
    assert new_site_problems(root, "data", "adultz", None) == [
        "--series: 'data' is the name of a page of every version, so it cannot be a series id (choose another name, e.g. data-complaints)",
        "--preset: 'adultz' is not a preset (expected one of: children, adults, corporate, housing)",
        "--title: is missing (the series' title, e.g. --title \"Children's social care statutory complaints\")"]
    assert new_site_problems(root, "notes", None, "T") == [
        "--series: data/notes exists and is not a series folder (move it out of the data folder first)"]
    assert new_site_problems(root, "adults", None, "Adults\u202e") == [
        "--title: holds U+202E, the invisible character right-to-left override, which is not allowed in text "
        "(delete it: it is invisible or changes how the text around it is shown)"]


@pytest.mark.slow  # runs the tool or renders charts
def test_make_passes_a_title_as_text_and_refuses_a_bad_option(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy2(ROOT / "Makefile", project / "Makefile")
    _with_venv(project)
    env = _env(SOURCE_DATE_EPOCH=EPOCH)
    title = "Children's $(shell touch made) `touch shell` $$HOME \"x\""
    done = subprocess.run(["make", "new-site", "CONFIRM=1", "SERIES=adults", "PRESET=adults", f"TITLE={title}"],
                          cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    assert not (project / "made").exists() and not (project / "shell").exists()
    (series,) = check_site(project / "data").site.series
    assert (series.title, series.procedure.id) == (title, "adults")
    assert (project / "data" / "adults" / "2025-26.yaml").is_file()
    before = sorted(p.relative_to(project) for p in (project / "data").rglob("*"))
    refused = subprocess.run(["make", "new-site", "CONFIRM=1", "SERIES=Bad", "TITLE=T"], cwd=project, capture_output=True,
                             text=True, timeout=300, env=env)
    assert refused.returncode != 0
    assert refused.stderr.splitlines()[:2] == [
        "new-site: --series: 'Bad' is not a series id (expected lower-case letters and digits in words joined by '-', "
        "starting with a letter, e.g. children or adult-social-care: choose another name)",
        "Nothing was deleted."]
    assert sorted(p.relative_to(project) for p in (project / "data").rglob("*")) == before


def test_series_text_is_read_back_as_written():
    assert series_text("Children's: \"all\" #1", "children").splitlines()[1] == 'title: "Children\'s: \\"all\\" #1"'
