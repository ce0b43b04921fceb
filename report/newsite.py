"""Starting afresh: ``python -m report new-site --yes`` replaces the example's
data files, commentary, lock and links with a first draft year, in one step.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .fields import COUNT_GROUPS
from .lock import LOCK_NAME, Lock, write_atomic
from .model import YearId

__all__ = ["latest_reporting_year", "draft_year_text", "to_clear", "new_site"]

LINKS_HEADER = ("# Every address this site has published, relative to its root.\n"
                "# A build that would lose one fails. Add new ones with: make links\n")


def latest_reporting_year(today: dt.date) -> YearId:
    """The newest reporting year (1 April to 31 March) that has ended by ``today``:
    the one a report is written about now."""
    return YearId(today.year - 2 if today.month < 4 else today.year - 1)


def draft_year_text(year: YearId) -> str:
    """A draft data file with every figure null and what each one means."""
    lines = [
        "# yaml-language-server: $schema=./schema.json",
        f"# Statutory complaints {year.id}: a first draft written by 'make new-site'.",
        "# Write each figure as the report states it; leave null any figure it does not give.",
        f"year: {year.id}",
        "status: draft            # set to published, with the date below, when the report is presented",
        "# published: YYYY-MM-DD   # the date the report was presented (after 31 March of the year's end)",
        "# presented_to: the committee it was presented to",
        "source:",
        "  title: null            # the report's title, as published",
        "  url: null              # its address (https://...)",
    ]
    for group, fields in COUNT_GROUPS.items():
        nested = "." in fields[0].path  # compliments is a top-level figure
        lines.append("")
        if nested:
            lines.append(f"{group}:")
        for field in fields:
            indent = "  " if nested else ""
            lines.append(f"{indent}# {field.definition}")
            lines.append(f"{indent}{field.key}: null")
    return "\n".join(lines) + "\n"


def to_clear(root: Path) -> list[Path]:
    """The files ``new_site`` removes: year files and commentary."""
    data, commentary = root / "data", root / "docs" / "commentary"
    years = [p for p in sorted(data.glob("*")) if p.suffix in (".yaml", ".yml") and p.is_file()] if data.is_dir() else []
    notes = [p for p in sorted(commentary.glob("*.md")) if p.is_file()] if commentary.is_dir() else []
    return years + notes


def new_site(root: Path, year: YearId) -> Path:
    """Clear the example and write a draft for ``year``; return the new data file.
    The lock and ``links.txt`` are rewritten empty: nothing has been published yet."""
    for path in to_clear(root):
        path.unlink()
    (root / "data").mkdir(exist_ok=True)
    write_atomic(root / "data" / LOCK_NAME, Lock().to_json())
    write_atomic(root / "links.txt", LINKS_HEADER)
    first = root / "data" / f"{year.id}.yaml"
    write_atomic(first, draft_year_text(year))
    return first
