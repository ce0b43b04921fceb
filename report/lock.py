"""Published figures are a public record: ``data/published.lock.json`` keeps each
published year's figures as they stood when it was published, and a build
fails when one has changed without a matching ``revisions`` entry.
"""

from __future__ import annotations

import json
from pathlib import Path

from .model import Dataset, ReportingYear
from .problems import Problem

__all__ = ["LOCK_NAME", "lock_entry", "write_lock", "check_lock"]

LOCK_NAME = "published.lock.json"


def lock_entry(year: ReportingYear) -> dict:
    return {
        "published": year.published.isoformat() if year.published else None,
        "source": {"title": year.source.title, "url": year.source.url},
        "figures": year.figures(),
    }


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {"schema": 1, "years": {}}


def write_lock(data_dir: Path, dataset: Dataset) -> list[str]:
    """Lock every published year not yet locked; return the years added. Locked years never change."""
    path = data_dir / LOCK_NAME
    lock = _read(path)
    added = []
    for year in dataset.years:
        if not year.is_draft and year.id not in lock["years"]:
            lock["years"][year.id] = lock_entry(year)
            added.append(year.id)
    lock["years"] = dict(sorted(lock["years"].items()))
    path.write_text(json.dumps(lock, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return added


def _same_report(year: ReportingYear, entry: dict) -> bool:
    mine = lock_entry(year)
    return mine["published"] == entry["published"] and mine["source"] == entry["source"]


def _revised(year: ReportingYear, field: str, locked: int | None, current: int | None) -> bool:
    """True when revisions lead from the locked value to the current one."""
    value = locked
    for revision in sorted((r for r in year.revisions if r.field == field), key=lambda r: r.date):
        if revision.old == value:
            value = revision.new
    return value == current


def check_lock(data_dir: Path, dataset: Dataset, shown_dir: str = "data") -> tuple[list[Problem], list[Problem]]:
    """Errors and warnings from comparing published years with the lock."""
    path = data_dir / LOCK_NAME
    if not path.is_file():
        return [], []
    shown = f"{shown_dir}/{LOCK_NAME}"
    try:
        lock = _read(path)
        entries: dict = lock["years"]
    except (ValueError, KeyError, TypeError):
        return [Problem(shown, 0, "", "is not a lock file written by 'make publish' (restore it from git)")], []
    years = {y.id: y for y in dataset.years}
    if not any(y in years and _same_report(years[y], e) for y, e in entries.items()):
        return [], [Problem(shown, 0, "", "describes other figures (no data file matches a locked year's source and date), "
                                           "so it was not checked; run 'make publish' to lock these years", warning=True)]
    errors = []
    for year_id, entry in entries.items():
        year = years.get(year_id)
        if year is None:
            errors.append(Problem(shown, 0, year_id, f"was published, but data/{year_id}.yaml is missing "
                                                     "(restore it: published reports stay on the site)"))
            continue
        for field, locked in entry["figures"].items():
            current = year.figure(field)
            if current != locked and not _revised(year, field, locked, current):
                old = "null" if locked is None else locked
                new = "null" if current is None else current
                errors.append(Problem(year.path, 0, field,
                                      f"is {new}, but {year_id} was published with {old} (a published figure changes only with "
                                      f"a revision: add to revisions '- {{date: YYYY-MM-DD, field: {field}, from: {old}, to: {new}, reason: ...}}')"))
    return errors, []
