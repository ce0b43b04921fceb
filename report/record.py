"""The publication record: what was published stays published, unchanged.

Two records guard each other, because git history is not reliably available
to a CI build: the lock (``data/published.lock.json``: each published year's
figures, date and source, and withdrawals) and ``links.txt`` (every address
the site has published). A year named in either was published: it keeps its
data file, its status, its date, its source and its figures (changed only by
a chain of revisions), or it is withdrawn explicitly in the lock.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import yaml

from .links import check_links_file
from .lock import LOCK_NAME, Lock, printable, read_lock
from .model import Dataset, ReportingYear, Revision
from .problems import Problem
from .settings import check_source_date_epoch

__all__ = ["build_date", "epoch_problems", "check_record", "check_dates", "field_lines", "linked_years", "withdrawn_years", "AFRESH"]

AFRESH = "make new-site CONFIRM=1"
_LINKED_YEAR = re.compile(r"^(\d{4}-\d{2})/")


def _epoch_date(epoch: str) -> dt.date | None:
    """The day of a SOURCE_DATE_EPOCH value (whole seconds since 1970, UTC), or None when it is none."""
    if not (epoch.isascii() and epoch.isdigit()) or len(epoch) > 12:
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def build_date() -> dt.date:
    """Today, or the day of SOURCE_DATE_EPOCH when it is set (a reproducible build);
    a SOURCE_DATE_EPOCH that is no date is reported by ``epoch_problems``."""
    return _epoch_date(os.environ.get("SOURCE_DATE_EPOCH", "")) or dt.date.today()


def epoch_problems() -> list[Problem]:
    """One line when SOURCE_DATE_EPOCH is set but names no day (a build must not run on a guessed date);
    the same check and words as the settings' (``settings.check_source_date_epoch``)."""
    wrong = check_source_date_epoch()
    return [Problem("SOURCE_DATE_EPOCH", 0, "", wrong.removeprefix("SOURCE_DATE_EPOCH: "))] if wrong else []


def field_lines(path: Path) -> dict[str, int]:
    """Line of each key of a data file, by dotted name ("published", "source.title").
    Only called on files the loader has accepted; {} if it cannot be read."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    lines: dict[str, int] = {}
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            lines[str(key.value)] = key.start_mark.line + 1
            if isinstance(value, yaml.MappingNode):
                for sub, _ in value.value:
                    lines[f"{key.value}.{sub.value}"] = sub.start_mark.line + 1
    return lines


def linked_years(links: list[str]) -> set[str]:
    """Years whose pages ``links.txt`` lists (``2022-23/...``)."""
    return {m.group(1) for url in links if (m := _LINKED_YEAR.match(url))}


def withdrawn_years(data_dir: Path) -> set[str]:
    """Years the lock records as withdrawn (none when it is missing or unreadable)."""
    lock, problems = read_lock(data_dir / LOCK_NAME, LOCK_NAME)
    return set(lock.withdrawn) if lock and not problems else set()


def _value(value: int | None) -> str:
    return "null" if value is None else str(value)


class _Record:
    def __init__(self, data_dir: Path, dataset: Dataset, lock_shown: str, links_shown: str, data_shown: str = "data"):
        self.data_dir, self.dataset, self.data_shown = data_dir, dataset, data_shown
        self.lock_shown, self.links_shown = lock_shown, links_shown
        self.years = {y.id: y for y in dataset.years}
        self.errors: list[Problem] = []
        self._lines: dict[str, dict[str, int]] = {}

    def line(self, year: ReportingYear, key: str) -> int:
        if year.id not in self._lines:
            self._lines[year.id] = field_lines(self.data_dir / Path(year.path).name)
        return self._lines[year.id].get(key, 0)

    def error(self, year: ReportingYear, key: str, message: str, field: str | None = None) -> None:
        self.errors.append(Problem(year.path, self.line(year, key), key if field is None else field, message))

    def without_lock(self, linked: set[str]) -> None:
        for year_id in sorted(linked):
            self.errors.append(
                Problem(
                    self.lock_shown,
                    0,
                    "",
                    f"is missing, but {self.links_shown} lists addresses of {year_id}, so it was "
                    f"published (restore the lock from git; to start a new site, run '{AFRESH}')",
                )
            )

    def unlocked_but_linked(self, lock: Lock, linked: set[str]) -> None:
        for year_id in sorted(linked - set(lock.years) - set(lock.withdrawn)):
            year = self.years.get(year_id)
            if year is None:
                self.errors.append(
                    Problem(
                        self.links_shown,
                        0,
                        "",
                        f"lists addresses of {year_id}, but its data file and its lock entry are "
                        "missing (restore both from git, or withdraw the year: see README)",
                    )
                )
            elif year.is_draft:
                self.error(
                    year,
                    "status",
                    f"is draft, but {self.links_shown} lists addresses of {year_id}, so it was published "
                    "(set status: published again, or withdraw the year: see README)",
                )
            else:
                self.errors.append(
                    Problem(
                        self.lock_shown,
                        0,
                        f"years.{year_id}",
                        f"is missing, but {self.links_shown} lists addresses of "
                        f"{year_id}, so it was published (restore the entry from git)",
                    )
                )

    def withdrawals(self, lock: Lock, today: dt.date) -> None:
        """A withdrawal keeps its year's lock entry (the proof of what was
        published), names a year that was published, and is dated between
        that publication and the build date."""
        for year_id, withdrawal in sorted(lock.withdrawn.items()):
            where, on = f"withdrawn.{year_id}", withdrawal.date.isoformat()
            if year_id not in lock.years:
                self.errors.append(Problem(self.lock_shown, 0, where, f"{year_id} has no entry in years: a year that was never published "
                                           "cannot be withdrawn, and a withdrawn year keeps its entry (restore it from git)"))
                continue
            published = lock.published(year_id)
            if withdrawal.date > today:
                self.errors.append(Problem(self.lock_shown, 0, f"{where}.date", f"{on} is after the build date ({today.isoformat()}); "
                                           "write the date the report was withdrawn"))
            elif published and withdrawal.date < published:
                self.errors.append(Problem(self.lock_shown, 0, f"{where}.date", f"{on} is before {year_id} was published "
                                           f"({published.isoformat()}); write the date the report was withdrawn"))

    def locked(self, lock: Lock) -> None:
        for year_id, entry in lock.years.items():
            year, withdrawal = self.years.get(year_id), lock.withdrawn.get(year_id)
            if withdrawal:
                if year and not year.is_draft:
                    self.error(
                        year,
                        "status",
                        f"is published, but {self.lock_shown} records that {year_id} was withdrawn on "
                        f"{withdrawal.date.isoformat()} (remove the withdrawal to publish it again)",
                    )
                continue
            on = lock.published(year_id)
            when = f" on {on.isoformat()}" if on else ""
            if year is None:
                self.errors.append(
                    Problem(
                        self.lock_shown,
                        0,
                        f"years.{year_id}",
                        f"was published{when}, but {self.data_shown}/{year_id}.yaml is missing "
                        "(restore it: published reports stay on the site, or withdraw the year: see README)",
                    )
                )
                continue
            if year.is_draft:
                self.error(
                    year,
                    "status",
                    f"is draft, but {year_id} was published{when} (a published report stays published: "
                    "set status: published, or withdraw the year: see README)",
                )
                continue
            if year.published != on:
                self.error(
                    year,
                    "published",
                    f"is {_value(year.published and year.published.isoformat())}, but {year_id} was published on "
                    f"{_value(on and on.isoformat())} (the date of a published report does not change: restore it)",
                )
            for part in ("title", "url"):
                was, now = (entry.get("source") or {}).get(part), getattr(year.source, part)
                if was != now:
                    self.error(
                        year,
                        f"source.{part}",
                        f"differs from the source {year_id} was published with ('{printable(_value(was), 200)}'); "
                        "restore it (a correction goes in notes)",
                    )
            self.figures(year, lock.figures(year_id))
        if lock.years and not set(lock.years) & set(self.years):
            self.errors.append(Problem(self.lock_shown, 0, "", f"matches none of the data files (to start a new site, run '{AFRESH}')"))

    def figures(self, year: ReportingYear, locked: dict) -> None:
        revised = {r.field for r in year.revisions}
        for field, was in locked.items():
            now = year.figure(field)
            if now == was or field in revised:
                continue  # a revised figure is checked by its chain of revisions
            if was is None:
                self.error(
                    year,
                    field,
                    f"is {now}, but {year.id} was published without it (null), and a figure that was not published "
                    "cannot be added later (restore null; give it in a note or in a later year's report)",
                )
            else:
                self.error(
                    year,
                    field,
                    f"is {_value(now)}, but {year.id} was published with {was} (a published figure changes only with a "
                    f"revision: add to revisions '- {{date: YYYY-MM-DD, field: {field}, from: {was}, to: {_value(now)}, reason: ...}}')",
                )

    def revisions(self, year: ReportingYear, locked: dict | None, today: dt.date) -> None:
        """Each revision's ``from`` is the locked value or the previous revision's ``to``."""
        chains: dict[str, list[tuple[int, Revision]]] = defaultdict(list)
        for index, revision in sorted(enumerate(year.revisions, 1), key=lambda pair: pair[1].date):
            chains[revision.field].append((index, revision))
        for field, chain in chains.items():
            previous = None
            for index, r in chain:

                def add(key: str, message: str, r=r, index=index) -> None:
                    self.errors.append(Problem(year.path, r.line, f"revisions[{index}].{key}", message))

                if year.published and r.date < year.published:
                    add("date", f"{r.date.isoformat()} is before {year.id} was published ({year.published.isoformat()})")
                if r.date > today:
                    add("date", f"{r.date.isoformat()} is after the build date ({today.isoformat()})")
                if r.old == r.new:
                    add("to", f"{_value(r.new)} is the same as from (a revision changes a figure: remove it)")
                if previous is not None:
                    if r.old != previous.new:
                        add(
                            "from",
                            f"{_value(r.old)}, but the previous revision of {field} ({previous.date.isoformat()}) "
                            f"changed it to {_value(previous.new)}",
                        )
                elif locked is not None and field in locked:
                    if locked[field] is None:
                        add("field", f"{field} was published as null in {year.id}, so it has no published figure to revise")
                    elif r.old != locked[field]:
                        add("from", f"{_value(r.old)}, but {year.id} was published with {locked[field]}")
                previous = r


def check_record(data_dir: Path, dataset: Dataset, shown_dir: str = "data", today: dt.date | None = None,
                 links_path: Path | None = None, owns: Callable[[str], bool] | None = None) -> list[Problem]:
    """Errors from comparing the data with the lock and ``links.txt`` (beside the data folder by default),
    and from a SOURCE_DATE_EPOCH that names no build date (when ``today`` is not given).

    ``owns`` picks the addresses of ``links.txt`` that belong to this data folder
    (a series folder of a multi-series site: see ``series.owns_link``); default: all."""
    if today is None and (bad_epoch := epoch_problems()):
        return bad_epoch
    today = today or build_date()
    links_path = links_path or data_dir.parent / "links.txt"
    lock_shown = f"{shown_dir}/{LOCK_NAME}"
    if owns:
        links_shown = "links.txt"
    else:
        links_shown = (Path(shown_dir).parent / "links.txt").as_posix() if links_path == data_dir.parent / "links.txt" else str(links_path)
    record = _Record(data_dir, dataset, lock_shown, links_shown, shown_dir)
    lock, problems = read_lock(data_dir / LOCK_NAME, lock_shown)
    links, unreadable = check_links_file(links_path, links_shown)
    if problems or unreadable:
        return problems + unreadable
    linked = linked_years([url for url in links if owns is None or owns(url)])
    if lock is None:
        record.without_lock(linked)
    else:
        record.withdrawals(lock, today)
        if lock.years and not links_path.exists():
            record.errors.append(
                Problem(
                    links_shown,
                    0,
                    "",
                    f"is missing, but {lock_shown} records published years ({', '.join(sorted(lock.years))}); "
                    f"restore it from git (to start a new site, run '{AFRESH}')",
                )
            )
        record.unlocked_but_linked(lock, linked)
        record.locked(lock)
    for year in dataset.years:
        entry = lock.years.get(year.id) if lock and year.id not in lock.withdrawn else None
        record.revisions(year, entry and entry.get("figures"), today)
    return record.errors


def check_dates(dataset: Dataset, today: dt.date | None = None, data_dir: Path | None = None) -> tuple[list[Problem], list[Problem]]:
    """A published year's date falls after its reporting year and not after the
    build date; a draft's date copied from the year before is a warning."""
    today = today or build_date()
    errors, warnings = [], []
    for year in dataset.years:
        if year.published is None:
            continue
        line = field_lines(data_dir / Path(year.path).name).get("published", 0) if data_dir else 0
        end = dt.date(year.year.start + 1, 3, 31)
        if not year.is_draft:
            if year.published <= end:
                errors.append(
                    Problem(
                        year.path,
                        line,
                        "published",
                        f"{year.published.isoformat()} is not after the end of the reporting year "
                        f"{year.id} ({end.isoformat()}); write the date the report was presented",
                    )
                )
            elif year.published > today:
                errors.append(
                    Problem(
                        year.path,
                        line,
                        "published",
                        f"{year.published.isoformat()} is after the build date ({today.isoformat()}); "
                        "write the date the report was presented",
                    )
                )
        else:
            before = dataset.previous(year)
            if before is not None and before.published == year.published:
                warnings.append(
                    Problem(
                        year.path,
                        line,
                        "published",
                        f"{year.published.isoformat()} is the date of {before.id}'s report (copied from {before.id}?)",
                        warning=True,
                    )
                )
    return errors, warnings
