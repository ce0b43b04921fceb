"""Report series: which series a site has, their settings and their years.

A site is multi-series when some ``data/<series>/series.yaml`` exists; then
every folder of ``data/`` is a series (its id is the folder name) holding its
own year files and lock. Otherwise ``data/`` itself is the one series, set up
by ``extra.council`` in mkdocs.yml (README, "Report series").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .council_fields import COUNCIL_FOLDER
from .load import _T, YEAR_FILE, _line, _not_a_regular_file, _read, _Reader, _show, _tagged, check_dir, display_path
from .model import Dataset
from .problems import Problem
from .procedures import DEFAULT_PROCEDURE, Procedure, preset, read_procedure

__all__ = [
    "Series", "SiteData", "SiteCheck", "SERIES_FILE", "SERIES_KEYS", "RESERVED_IDS", "MAX_SERIES_ID",
    "is_multi_series", "check_site", "read_series_file", "series_id_problem", "owns_link",
]

SERIES_FILE = "series.yaml"
SERIES_KEYS = ("title", "procedure", "committee", "how_to_complain", "order", "moved_from_root")
MAX_SERIES_ID = 30
SERIES_ID = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
# Page names of a version: a series id may not take one.
RESERVED_IDS = frozenset({
    "compare", "data", "about", "reports", "accessibility", "latest", "charts", "assets", "search", "ombudsman",
    "code", "actions", "overview", "404", "sitemap", "council",
})
_HTTPS = re.compile(r"https://[A-Za-z0-9.-]+(?::[0-9]{1,5})?(?:[/?#][A-Za-z0-9._~%/?#\[\]@!$&()*+,;=:-]*)?")


@dataclass(frozen=True, slots=True)
class Series:
    """One report series: its settings and its reporting years."""

    id: str  # its address segment; "" for the one series of a single-series site
    title: str
    procedure: Procedure
    dataset: Dataset = Dataset()
    committee: str | None = None
    how_to_complain: str | None = None
    order: int | None = None
    moved_from_root: bool = False
    folder: str = "data"  # where its year files and lock are, as shown in messages

    def has_year(self, year_id: str) -> bool:
        return any(y.id == year_id for y in self.dataset.years)

    @property
    def first_year(self) -> str | None:
        return self.dataset.years[0].id if self.dataset.years else None


@dataclass(frozen=True, slots=True)
class SiteData:
    """Every series of a site, in order (``order``, then id)."""

    series: tuple[Series, ...]
    multi: bool

    @property
    def year_ids(self) -> tuple[str, ...]:
        """Every year some series has, oldest first: one version each."""
        return tuple(sorted({y.id for s in self.series for y in s.dataset.years}))

    def get(self, series_id: str) -> Series:
        for series in self.series:
            if series.id == series_id:
                return series
        raise KeyError(series_id)

    def in_year(self, year_id: str) -> tuple[Series, ...]:
        """The series with a report for ``year_id``."""
        return tuple(s for s in self.series if s.has_year(year_id))

    def upto(self, year_id: str) -> SiteData:
        """What the version of ``year_id`` shows: each series' years up to it; a series not started yet is left out."""
        kept = tuple(Series(s.id, s.title, s.procedure, s.dataset.upto(year_id), s.committee, s.how_to_complain,
                            s.order, s.moved_from_root, s.folder) for s in self.series)
        return SiteData(tuple(s for s in kept if s.dataset.years), self.multi)

    def without_drafts(self) -> SiteData:
        kept = tuple(Series(s.id, s.title, s.procedure, s.dataset.without_drafts(), s.committee, s.how_to_complain,
                            s.order, s.moved_from_root, s.folder) for s in self.series)
        return SiteData(kept, self.multi)


@dataclass(frozen=True)
class SiteCheck:
    """What checking a site's data folder found."""

    site: SiteData
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def is_multi_series(data_dir: Path) -> bool:
    """Whether ``data_dir`` holds report series (some ``<folder>/series.yaml``)."""
    if not data_dir.is_dir():
        return False
    return any(p.is_dir() and not p.is_symlink() and (p / SERIES_FILE).exists() for p in data_dir.iterdir())


def series_id_problem(name: str) -> str | None:
    """Why ``name`` cannot be a series id, or None when it can."""
    shown = _show_name(name)
    if len(name) > MAX_SERIES_ID:
        return f"the folder name '{shown}' is {len(name)} characters long: a series id has at most {MAX_SERIES_ID} (rename the folder)"
    if not SERIES_ID.fullmatch(name):
        return (f"'{shown}' is not a series id (expected lower-case letters and digits in words joined by '-', "
                "starting with a letter, e.g. children or adult-social-care: rename the folder)")
    if name in RESERVED_IDS:
        return f"'{name}' is the name of a page of every version, so it cannot be a series id (rename the folder, e.g. {name}-complaints)"
    return None


def _show_name(name: str) -> str:
    from .problems import visible
    return visible(name if len(name) <= 40 else name[:40] + "...")


def check_site(data_dir: str | Path, display_dir: str | None = None, single: Series | None = None) -> SiteCheck:
    """Check a site's data folder, single- or multi-series; never raises for a data problem.

    ``single`` is the series a single-series site is (its title, procedure,
    committee and how-to-complain link from mkdocs.yml; default: the children's preset).
    """
    data_dir = Path(data_dir)
    shown = display_dir if display_dir is not None else display_path(data_dir)
    single = single or Series("", "", preset(DEFAULT_PROCEDURE))
    problems: list[Problem] = []
    if data_dir.is_dir() and (data_dir / SERIES_FILE).exists():
        problems.append(Problem(f"{shown}/{SERIES_FILE}", 0, "", "a series.yaml belongs in a series folder, "
                                f"{shown}/<series>/{SERIES_FILE} (move it there with the series' year files and lock)"))
    if not is_multi_series(data_dir):
        result = check_dir(data_dir, shown, single.procedure)
        one = Series(single.id, single.title, single.procedure, result.dataset, single.committee, single.how_to_complain,
                     single.order, single.moved_from_root, shown)
        errors = tuple(sorted(problems + list(result.errors)))
        return SiteCheck(SiteData((one,), False), errors, result.warnings)
    warnings: list[Problem] = []
    found: list[Series] = []
    for path in sorted(data_dir.iterdir()):
        name = f"{shown}/{path.name}"
        if path.name.startswith(".") or path.name in ("README.md", "schema.json", SERIES_FILE, COUNCIL_FOLDER):
            continue  # data/council/ holds the council-wide files (report.council), not a series
        if not path.is_dir() or path.is_symlink():
            if YEAR_FILE.match(path.name) or path.name == "published.lock.json":
                problems.append(Problem(name, 0, "", f"this site has report series ({shown}/<series>/{SERIES_FILE}), so its year "
                                        "files and lock are in series folders: move it into a series folder"))
            elif path.is_symlink() and path.is_dir():
                problems.append(Problem(name, 0, "", "is a symbolic link to a folder: a series folder must be a folder in the data folder"))
            else:
                problems.append(Problem(name, 0, "", "not a series folder or year file (move it out of the data folder)"))
            continue
        wrong = series_id_problem(path.name)
        if wrong:
            problems.append(Problem(name, 0, "", wrong))
            continue
        if not (path / SERIES_FILE).exists() and not (path / SERIES_FILE).is_symlink():
            problems.append(Problem(name, 0, "", f"a folder without {SERIES_FILE}: every folder in the data folder of a site with "
                                    f"report series is a series (add {name}/{SERIES_FILE}, or move the folder out)"))
            continue
        settings, found_problems = read_series_file(path / SERIES_FILE, f"{name}/{SERIES_FILE}", path.name)
        problems += found_problems
        if settings is None:
            continue
        result = check_dir(path, name, settings.procedure)
        problems += result.errors
        warnings += result.warnings
        found.append(Series(path.name, settings.title, settings.procedure, result.dataset, settings.committee,
                            settings.how_to_complain, settings.order, settings.moved_from_root, name))
    moved = [s.id for s in found if s.moved_from_root]
    if len(moved) > 1:
        problems.append(Problem(f"{shown}/{moved[1]}/{SERIES_FILE}", 0, "moved_from_root",
                                f"is also true for {shown}/{moved[0]}: only one series was the single-series site before "
                                "(set it on that one only)"))
    found.sort(key=lambda s: (s.order if s.order is not None else float("inf"), s.id))
    errors = tuple(sorted(problems))
    return SiteCheck(SiteData(tuple(found) if not errors else (), True), errors, tuple(sorted(warnings)))


def read_series_file(path: Path, shown: str, series_id: str = "") -> tuple[Series | None, list[Problem]]:
    """A series' settings from its series.yaml (read with the year files' safe rules), with every problem."""
    refused = _not_a_regular_file(path, path.parent)
    if refused:
        return None, [Problem(shown, 0, "", refused.replace("a year file", "series.yaml"))]
    raw = _read(path)
    if isinstance(raw, str):
        return None, [Problem(shown, 0, "", raw.replace("a year file", "series.yaml"))]
    reader = _Reader(shown)
    text = reader.decode(raw)
    root = reader.compose(text) if text is not None else None
    if root is None:
        return None, [_series_wording(p) for p in reader.problems]
    top = reader.mapping(root, "", SERIES_KEYS) or {}
    title = reader.text(top.get("title"), "title", required=True, parent_line=1)
    committee = reader.text(top.get("committee"), "committee")
    link = reader.text(top.get("how_to_complain"), "how_to_complain")
    if link is not None and not _HTTPS.fullmatch(link):
        reader.error(_line(top["how_to_complain"][0]), "how_to_complain",
                     f"expected a web address starting https://, got {_show(top['how_to_complain'][1])}")
        link = None
    order = reader.count(top.get("order"), "order")
    moved = _flag(reader, top.get("moved_from_root"), "moved_from_root")
    procedure = None
    if "procedure" not in top:
        reader.error(1, "procedure", "is missing (expected a preset: children, adults, corporate or housing; or a custom procedure)")
    else:
        key, node = top["procedure"]
        if not _tagged(node):
            lines: dict[str, int] = {}
            value = _plain(node, "procedure", lines, _line(key))
            procedure, found = read_procedure(value, shown, "procedure", lines)
            reader.problems += found
    problems = [_series_wording(p) for p in reader.problems]
    if any(not p.warning for p in problems) or title is None or procedure is None:
        return None, problems
    return Series(series_id, title, procedure, committee=committee, how_to_complain=link, order=order, moved_from_root=moved), problems


def _series_wording(problem: Problem) -> Problem:
    """A problem found by the year-file reader, worded for series.yaml."""
    message = problem.message.replace("expected fields such as 'year: 2022-23' and 'status: published'",
                                      "expected fields such as 'title: ...' and 'procedure: children'")
    message = message.replace("('year: 2022-23', 'status: published', ...)", "('title: ...', 'procedure: children', ...)")
    message = message.replace("one file holds one year", "series.yaml holds one series")
    return Problem(problem.path, problem.line, problem.field, message, problem.warning)


def _flag(reader: _Reader, pair: tuple[Node, Node] | None, dotted: str) -> bool:
    if pair is None:
        return False
    key, node = pair
    if _tagged(node):
        return False
    if isinstance(node, ScalarNode) and node.tag == _T + "bool" and node.value in ("true", "false"):
        return node.value == "true"
    reader.error(_line(key), dotted, f"expected true or false, got {_show(node)}")
    return False


def _plain(node: Node, dotted: str, lines: dict[str, int], line: int) -> Any:
    """A composed node as plain values (text, whole numbers, true/false, null, lists, groups),
    recording the line of every dotted name; anything else stays the text it was written as."""
    lines[dotted] = line
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else _show(key)
            out[name] = _plain(value, f"{dotted}.{name}", lines, _line(key))
        return out
    if isinstance(node, SequenceNode):
        return [_plain(item, f"{dotted}[{i + 1}]", lines, _line(item)) for i, item in enumerate(node.value)]
    if not isinstance(node, ScalarNode):
        return None
    if node.style is None:
        if node.tag == _T + "null":
            return None
        if node.tag == _T + "bool" and node.value in ("true", "false"):
            return node.value == "true"
        if node.tag == _T + "int" and re.fullmatch(r"0|[1-9][0-9]{0,5}", node.value):
            return int(node.value)
    return node.value


def owns_link(series: Series, site: SiteData) -> Callable[[str], bool]:
    """Whether an address of ``links.txt`` (``2022-23/children/``) belongs to ``series`` of ``site``:
    its own pages and downloads, and a shared page of a version (its overview, compare, data...),
    in a version where it has a year (the lock guards the years it has). An address of a version
    no series has a year in is guarded by the series it names, or for a shared page of the
    single-series site, by the series moved from the root."""
    ids = frozenset(s.id for s in site.series)
    with_year = {year_id: {s.id for s in site.in_year(year_id)} for year_id in site.year_ids}

    def owns(url: str) -> bool:
        parts = url.split("/")
        second = parts[1] if len(parts) > 1 else ""
        third = parts[2] if len(parts) > 2 else ""
        having = with_year.get(parts[0], set())
        if second == series.id or (second == "data" and third == series.id):
            return series.id in having or not having  # its downloads of earlier years stay in later versions of others
        if second in ids or (second == "data" and third in ids):
            return False  # another series' page or download
        return series.id in having or (not having and series.moved_from_root)
    return owns
