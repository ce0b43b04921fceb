"""Starting afresh: ``python -m report new-site --yes`` replaces the example's
data files, commentary, locks and links with a first draft year, in one step:
a single-series site (``data/<year>.yaml``) or, with ``--series``, a first
report series from a procedure preset (``data/<series>/``).
"""

from __future__ import annotations

import datetime as dt
import json
import tempfile
from pathlib import Path

from .council_fields import COUNCIL_FOLDER
from .fields import Field, fields_for
from .lock import LOCK_NAME, Lock, write_atomic
from .model import YearId
from .procedures import DEFAULT_PROCEDURE, PRESET_IDS, Procedure, preset
from .series import SERIES_FILE, read_series_file, series_id_problem

__all__ = ["latest_reporting_year", "draft_year_text", "series_text", "new_site_problems", "to_clear", "new_site"]

LINKS_HEADER = ("# Every address this site has published, relative to its root.\n"
                "# A build that would lose one fails. Add new ones with: make links\n")
_YEAR_SUFFIXES = (".yaml", ".yml")


def latest_reporting_year(today: dt.date) -> YearId:
    """The newest reporting year (1 April to 31 March) that has ended by ``today``:
    the one a report is written about now."""
    return YearId(today.year - 2 if today.month < 4 else today.year - 1)


def draft_year_text(year: YearId, procedure: Procedure | None = None, schema: str = "./schema.json") -> str:
    """A draft data file with every figure ``procedure`` has (the default preset's
    when None) set to null, each with what it means."""
    procedure = procedure or preset(DEFAULT_PROCEDURE)
    lines = [
        f"# yaml-language-server: $schema={schema}",
        f"# {procedure.name}, {year.id}: a first draft written by 'make new-site'.",
        "# Write each figure as the report states it; leave null any figure it does not give.",
        f"year: {year.id}",
        "status: draft            # set to published, with the date below, when the report is presented",
        "# published: YYYY-MM-DD   # the date the report was presented (after 31 March of the year's end)",
        "# presented_to: the committee it was presented to",
        "source:",
        "  title: null            # the report's title, as published",
        "  url: null              # its address (https://...)",
    ]
    groups: dict[str, list[Field]] = {}
    for field in fields_for(procedure):
        groups.setdefault(field.group, []).append(field)
    for group, fields in groups.items():
        nested = "." in fields[0].path  # compliments is a top-level figure
        lines.append("")
        if nested:
            lines.append(f"{group}:")
        for field in fields:
            indent = "  " if nested else ""
            lines.append(f"{indent}# {field.definition}")
            lines.append(f"{indent}{field.key}: null")
    lines += [
        "",
        "# Optional (see the data dictionary): complaints received at the first stage in each",
        "# quarter, April-June, July-September, October-December, January-March:",
        "# quarters: [null, null, null, null]",
        "# and tables of named rows (by service area, team, reason, who complained):",
        "# breakdowns:",
        "#   - title: Complaints by team",
        "#     by: team",
        "#     rows:",
        "#       - {name: A team, count: null}",
    ]
    return "\n".join(lines) + "\n"


def series_text(title: str, procedure_id: str) -> str:
    """A first series.yaml: the title (quoted, so that any text stays text) and a preset."""
    return "\n".join([
        "# This report series' settings (README, \"Report series and procedures\"), written by 'make new-site'.",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"procedure: {procedure_id}        # a preset ({', '.join(PRESET_IDS)}) or your own procedure (README)",
        "# committee: the committee its reports go to",
        "# how_to_complain: https://...   # the council's page on how to complain",
        "order: 1",
    ]) + "\n"


def new_site_problems(root: Path, series: str | None, preset_id: str | None, title: str | None) -> list[str]:
    """What is wrong with new-site's options, one line each (nothing is deleted
    unless this is empty). A title is checked by the rules series.yaml is read with."""
    if series is None:
        return [f"--{name}: needs --series (a single-series site takes its procedure and title from "
                "extra.council in mkdocs.yml)" for name, value in (("preset", preset_id), ("title", title)) if value is not None]
    problems = []
    wrong = series_id_problem(series)
    if wrong:
        problems.append(f"--series: {wrong.replace('rename the folder', 'choose another name')}")
    else:
        folder = root / "data" / series
        if (folder.exists() or folder.is_symlink()) and folder not in _series_folders(root / "data"):
            problems.append(f"--series: data/{series} exists and is not a series folder (move it out of the data folder first)")
    if preset_id is not None and preset_id not in PRESET_IDS:
        problems.append(f"--preset: '{preset_id}' is not a preset (expected one of: {', '.join(PRESET_IDS)})")
    if title is None or not title.strip():
        problems.append("--title: is missing (the series' title, e.g. --title \"Children's social care statutory complaints\")")
    elif not problems:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / series
            folder.mkdir()
            (folder / SERIES_FILE).write_text(series_text(title, preset_id or DEFAULT_PROCEDURE), encoding="utf-8")
            _, found = read_series_file(folder / SERIES_FILE, SERIES_FILE, series)
            problems += [f"--title: {p.message}" for p in found if not p.warning]
    return problems


def _series_folders(data: Path) -> list[Path]:
    return [p for p in sorted(data.iterdir()) if p.is_dir() and not p.is_symlink() and (p / SERIES_FILE).is_file()]


def to_clear(root: Path) -> list[Path]:
    """The files ``new_site`` removes: year files and series settings (in data/, in
    each series folder and in data/council/), series locks, and commentary."""
    data, commentary = root / "data", root / "docs" / "commentary"
    found: list[Path] = []
    if data.is_dir():
        found += [p for p in sorted(data.iterdir()) if p.suffix in _YEAR_SUFFIXES and p.is_file()]
        council = data / COUNCIL_FOLDER
        for folder in _series_folders(data) + ([council] if council.is_dir() and not council.is_symlink() else []):
            found += [p for p in sorted(folder.iterdir())
                      if (p.suffix in _YEAR_SUFFIXES or p.name == LOCK_NAME) and (p.is_file() or p.is_symlink())]
    if commentary.is_dir():
        found += [p for p in sorted(commentary.glob("*.md")) if p.is_file() or p.is_symlink()]
        found += [p for p in sorted(commentary.glob("*/*.md")) if p.is_file() and not p.parent.is_symlink()]
    return found


def new_site(root: Path, year: YearId, series: str | None = None, preset_id: str | None = None,
             title: str | None = None) -> Path:
    """Clear the example and write a draft for ``year``; return the new data file.

    Without ``series``: a single-series site, ``data/<year>.yaml`` and an empty
    ``data/published.lock.json``. With it: ``data/<series>/series.yaml`` naming
    the preset, an empty lock in that folder and the draft beside them. Either
    way ``links.txt`` is rewritten empty: nothing has been published yet. The
    options must have been checked with ``new_site_problems``."""
    data = root / "data"
    emptied = {p.parent for p in to_clear(root) if p.parent.parent == data and p.parent != data}
    for path in to_clear(root):
        path.unlink()
    for folder in emptied:
        if not any(folder.iterdir()):
            folder.rmdir()
    data.mkdir(exist_ok=True)
    write_atomic(root / "links.txt", LINKS_HEADER)
    if series is None:
        write_atomic(data / LOCK_NAME, Lock().to_json())
        first = data / f"{year.id}.yaml"
        write_atomic(first, draft_year_text(year))
        return first
    (data / LOCK_NAME).unlink(missing_ok=True)  # a site with series keeps a lock in each series folder
    folder = data / series
    folder.mkdir(exist_ok=True)  # new_site_problems refused anything there but a series folder
    procedure_id = preset_id or DEFAULT_PROCEDURE
    write_atomic(folder / SERIES_FILE, series_text(title or "", procedure_id))
    write_atomic(folder / LOCK_NAME, Lock().to_json())
    first = folder / f"{year.id}.yaml"
    write_atomic(first, draft_year_text(year, preset(procedure_id), schema="../schema.json"))
    return first
