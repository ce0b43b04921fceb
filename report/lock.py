"""The lock file: ``data/published.lock.json`` keeps each published year's
figures, date and source as they stood when it was published, and the years
withdrawn on purpose. Reading it checks every entry; writing it is atomic.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import functools
import json
import os
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .fields import COUNT_FIELDS, FIELD_BY_PATH
from .model import Count, ReportingYear, YearId
from .problems import Problem, first_hidden, is_hidden

__all__ = [
    "LOCK_NAME", "SCHEMA", "Lock", "Withdrawal", "lock_entry", "read_lock", "write_lock", "write_atomic", "printable", "read_record_file",
]

LOCK_NAME = "published.lock.json"
SCHEMA = 2  # 1: years only; 2: adds "withdrawn". Both are read; 2 is written.
MAX_REASON = 500
MAX_RECORD_BYTES = 16 * 1024 * 1024  # the lock and links.txt grow by a few kilobytes a year
MAX_DIGITS = 30  # a lock figure is a count: far fewer digits than this


@dataclass(frozen=True, slots=True)
class Withdrawal:
    date: dt.date
    reason: str


@dataclass(frozen=True)
class Lock:
    """What the lock file records: locked entries by year id, and withdrawals."""

    years: dict[str, dict] = field(default_factory=dict)
    withdrawn: dict[str, Withdrawal] = field(default_factory=dict)

    def published(self, year_id: str) -> dt.date | None:
        text = self.years[year_id].get("published")
        return dt.date.fromisoformat(text) if text else None

    def figures(self, year_id: str) -> dict[str, Count]:
        return self.years[year_id].get("figures", {})

    def to_json(self) -> str:
        data = {"schema": SCHEMA, "years": dict(sorted(self.years.items())),
                "withdrawn": {y: {"date": w.date.isoformat(), "reason": w.reason} for y, w in sorted(self.withdrawn.items())}}
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def lock_entry(year: ReportingYear) -> dict:
    return {
        "published": year.published.isoformat() if year.published else None,
        "source": {"title": year.source.title, "url": year.source.url},
        "figures": year.figures(),
    }


def write_atomic(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` in one step: a failure (even while encoding)
    leaves the old file as it was."""
    data = text.encode("utf-8")  # a lone surrogate fails here, before any file is touched
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.is_file() else 0o644)  # mkstemp makes it private
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_lock(data_dir: Path, lock: Lock, years: list[ReportingYear]) -> list[str]:
    """Lock every published year of ``years`` not yet locked (the caller has
    checked everything); return the years added. Locked years never change."""
    added = {y.id: lock_entry(y) for y in years if not y.is_draft and y.id not in lock.years and y.id not in lock.withdrawn}
    if added:
        write_atomic(data_dir / LOCK_NAME, Lock({**lock.years, **added}, lock.withdrawn).to_json())
    return sorted(added)


# -- reading ---------------------------------------------------------------


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "true or false", int: "a number", float: "a number", str: "text", list: "a list", dict: "an object"}.get(
        type(value), "a value"
    )


def printable(text: str, limit: int = 60) -> str:
    """Text from the lock fit for one terminal line: no control characters, bounded."""
    shown = "".join(c if c.isprintable() and not is_hidden(c) else f"\\u{ord(c):04x}" for c in text[:limit])
    return shown + ("..." if len(text) > limit else "")


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


class _TooLong(ValueError):
    """A number in the lock far longer than any count (int() would take long, or refuse)."""


def _bounded_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise _TooLong(len(text))
    return int(text)


def _no_duplicates(found: list[str], pairs: list[tuple[str, object]]) -> dict:
    """A JSON object, noting each key written twice (json keeps the last one silently)."""
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            found.append(key)
        seen.add(key)
    return dict(pairs)


class _LockReader:
    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []

    def error(self, where: str, message: str, line: int = 0) -> None:
        self.problems.append(Problem(self.shown, line, where, message))

    def entry(self, year_id: str, entry: object) -> dict | None:
        where = f"years.{year_id}"
        if not isinstance(entry, dict):
            self.error(where, f"expected an object with published, source and figures, got {_kind(entry)}")
            return None
        ok = True
        for key in sorted(set(entry) - {"published", "source", "figures"}):
            self.error(f"{where}.{printable(key)}", "is not part of a lock entry (expected published, source and figures)")
            ok = False
        published = entry.get("published")
        if published is not None and _date(published) is None:
            self.error(
                f"{where}.published",
                "expected a date written YYYY-MM-DD or null, got "
                + (_kind(published) if not isinstance(published, str) else repr(printable(published))),
            )
            ok = False
        source = entry.get("source", {})
        if (
            not isinstance(source, dict)
            or set(source) - {"title", "url"}
            or not all(v is None or isinstance(v, str) for v in source.values())
        ):
            self.error(f"{where}.source", "expected an object with title and url (text or null)")
            ok = False
        figures = entry.get("figures")
        if not isinstance(figures, dict):
            self.error(f"{where}.figures", f'expected an object of figures such as "complaints.stage1": 102, got {_kind(figures)}')
            return None
        lost = [f.path for f in COUNT_FIELDS if f.path not in figures]  # schema 1's are always written; later ones when given
        if lost:
            shown = ", ".join(lost[:3]) + (f" and {len(lost) - 3} more" if len(lost) > 3 else "")
            self.error(f"{where}.figures", f"is missing {shown} (an entry keeps every figure of its year as published, null included; "
                       "restore it from git)")
            ok = False
        for name, value in figures.items():
            if name not in FIELD_BY_PATH:
                close = difflib.get_close_matches(name, list(FIELD_BY_PATH), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "expected a figure such as complaints.stage1"
                self.error(f"{where}.figures.{printable(name)}", f"is not a figure ({hint})")
                ok = False
            elif value is not None and (type(value) is not int or value < 0):
                self.error(f"{where}.figures.{name}", f"expected a whole number or null, got {printable(json.dumps(value))}")
                ok = False
        return entry if ok else None

    def withdrawal(self, year_id: str, entry: object) -> Withdrawal | None:
        where = f"withdrawn.{year_id}"
        if not isinstance(entry, dict) or set(entry) != {"date", "reason"}:
            self.error(where, 'expected an object with date and reason, e.g. {"date": "2025-01-31", "reason": "..."}')
            return None
        date, reason = _date(entry["date"]), entry["reason"]
        if date is None:
            self.error(f"{where}.date", "expected the date of the withdrawal written YYYY-MM-DD")
        if not isinstance(reason, str) or not reason.strip():
            self.error(f"{where}.reason", "expected the reason, as text (it is shown on the All reports page)")
            return None
        if len(reason) > MAX_REASON:
            self.error(f"{where}.reason", f"is {len(reason)} characters long (at most {MAX_REASON})")
            return None
        if first_hidden(reason) is not None:
            self.error(f"{where}.reason", "contains a control or invisible character (write plain text)")
            return None
        return Withdrawal(date, reason.strip()) if date else None

    def read(self, text: str) -> Lock | None:
        duplicates: list[str] = []
        try:
            data = json.loads(text, object_pairs_hook=functools.partial(_no_duplicates, duplicates), parse_int=_bounded_int)
        except _TooLong as err:
            self.error("", f"holds a number {err.args[0]:,} digits long, which no figure is; restore it from git")
            return None
        except json.JSONDecodeError as err:
            self.error("", f"is not valid JSON ({err.msg}, column {err.colno}); restore it from git", err.lineno)
            return None
        except RecursionError:
            self.error("", "is nested too deeply to be a lock file; restore it from git")
            return None
        for key in duplicates:
            self.error("", f"has the key {json.dumps(printable(key))} twice in one object (each key is written once; restore it from git)")
        if duplicates:
            return None
        if not isinstance(data, dict):
            self.error("", f"expected an object with schema and years, got {_kind(data)} (restore it from git)")
            return None
        if data.get("schema") not in (1, 2) or type(data.get("schema")) is not int:
            self.error("schema", f"expected 1 or 2 (the lock formats this version reads), got {printable(json.dumps(data.get('schema')))}")
            return None
        for key in sorted(set(data) - {"schema", "years", "withdrawn"}):
            self.error(printable(key), "is not part of a lock file (expected schema, years and withdrawn)")
        years, withdrawn = data.get("years"), data.get("withdrawn", {})
        if not isinstance(years, dict):
            self.error("years", f'expected an object of locked years such as {{"2022-23": {{...}}}}, got {_kind(years)}')
            return None
        if not isinstance(withdrawn, dict):
            self.error("withdrawn", f'expected an object of withdrawn years such as {{"2022-23": {{...}}}}, got {_kind(withdrawn)}')
            withdrawn = {}
        lock = Lock()
        for group, items, check in (("years", years, self.entry), ("withdrawn", withdrawn, self.withdrawal)):
            for year_id, entry in items.items():
                try:
                    YearId.parse(year_id)
                except ValueError:
                    self.error(f"{group}.{printable(year_id)}", "is not a reporting year (expected YYYY-YY, e.g. 2022-23)")
                    continue
                checked = check(year_id, entry)
                if checked is not None:
                    getattr(lock, group)[year_id] = checked
        return None if self.problems else lock


def read_record_file(path: Path, shown: str) -> tuple[str | None, list[Problem]]:
    """The text of the lock or ``links.txt`` (None when there is no such name at
    all), or ONE problem when it is there but is no readable text: a folder, a
    FIFO, a device, a symbolic link loop or to nothing, bytes that are not UTF-8."""
    try:
        path.lstat()
    except FileNotFoundError:
        return None, []
    except OSError as err:
        return None, [Problem(shown, 0, "", f"cannot be read ({err.strerror}); restore it from git")]
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError) as err:
        what = "a symbolic link to nothing" if isinstance(err, FileNotFoundError) else "a symbolic link loop" if isinstance(
            err, RuntimeError) or getattr(err, "errno", 0) == errno.ELOOP else err.strerror
        return None, [Problem(shown, 0, "", f"is not a regular file ({what}); restore it from git")]
    if not stat.S_ISREG(mode):
        what = "a folder" if stat.S_ISDIR(mode) else "a named pipe" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(
            mode) or stat.S_ISBLK(mode) else "a socket or other special file"
        return None, [Problem(shown, 0, "", f"is not a regular file ({what}); restore it from git")]
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):  # replaced since it was checked
                return None, [Problem(shown, 0, "", "is not a regular file; restore it from git")]
            raw = file.read(MAX_RECORD_BYTES + 1)
    except OSError as err:
        return None, [Problem(shown, 0, "", f"cannot be read ({err.strerror}); restore it from git")]
    if len(raw) > MAX_RECORD_BYTES:
        return None, [Problem(shown, 0, "", f"is more than {MAX_RECORD_BYTES:,} bytes, too large for this record; restore it from git")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [Problem(shown, line, "", f"is not UTF-8 (byte 0x{raw[err.start]:02x} cannot be read); restore it from git")]


def read_lock(path: Path, shown: str) -> tuple[Lock | None, list[Problem]]:
    """The lock at ``path`` (None when there is no file), or the problems that make it unreadable."""
    text, problems = read_record_file(path, shown)
    if text is None:
        return None, problems
    reader = _LockReader(shown)
    lock = reader.read(text)
    return lock, reader.problems
