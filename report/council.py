"""Council-wide data: ``data/council/<year>.yaml`` -> model, every problem by file and line.

The Ombudsman's figures for the council, the Complaint Handling Code's annual
report and the learning and actions carried from year to year. The files are
read with the year files' safe reader (no tags, anchors or aliases, limits,
plain digits), and checked against each other: an open action a later year
leaves out is a warning naming it.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode

from . import council_fields as cf
from .load import YEAR_FILE, _clip, _is_null, _line, _not_a_regular_file, _read, _Reader, _show, _tagged, display_path
from .model import YearId
from .problems import DataErrors, Problem

__all__ = [
    "Compliance", "ActionStatus", "Link", "Report", "OmbudsmanFigures", "SelfAssessment", "NonCompliance",
    "Refused", "Improvement", "Response", "CodeReport", "Action", "CouncilYear", "CouncilData",
    "CouncilCheck", "check_council", "load_council", "council_dir",
]

_T = "tag:yaml.org,2002:"
_ALLOWED_FILES = {"README.md", ".gitkeep"}
_PERSONAL = re.compile(r"(?<![A-Za-z])(Mr|Mrs|Ms|Miss|Mx|Dr)(?![A-Za-z])\.?|@")


class Compliance(enum.Enum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"


class ActionStatus(enum.Enum):
    PLANNED = "planned"
    IN_PROGRESS = "in progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def open(self) -> bool:
        return self.value in cf.OPEN_STATUSES


@dataclass(frozen=True, slots=True)
class Link:
    """The Ombudsman's annual letter: its date and address (either may be unknown)."""

    date: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class Report:
    """Another Ombudsman report about the council."""

    title: str
    date: dt.date | None
    url: str | None


@dataclass(frozen=True, slots=True)
class OmbudsmanFigures:
    """The Ombudsman's figures for one year. Counts are ints; per cents and
    rates per 100,000 are exact Fractions as published; None = not published."""

    authority_type: str | None = None
    complaints: int | None = None
    not_for_us: int | None = None
    assessed_and_closed: int | None = None
    investigated: int | None = None
    upheld: int | None = None
    upheld_rate: Fraction | None = None
    average_upheld_rate: Fraction | None = None
    upheld_per_100k: Fraction | None = None
    average_upheld_per_100k: Fraction | None = None
    compliance_rate: Fraction | None = None
    compliance_outcomes: int | None = None
    average_compliance_rate: Fraction | None = None
    satisfactory_remedy_rate: Fraction | None = None
    satisfactory_remedies: int | None = None
    average_satisfactory_remedy_rate: Fraction | None = None
    letter: Link | None = None
    reports: tuple[Report, ...] = ()


@dataclass(frozen=True, slots=True)
class SelfAssessment:
    """One section of the self-assessment against the Code."""

    section: str
    requirement: str
    complies: Compliance
    evidence: str
    action: str | None = None
    due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class NonCompliance:
    finding: str
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Refused:
    type: str
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Improvement:
    text: str


@dataclass(frozen=True, slots=True)
class Response:
    """The governing body's response to the Code's annual report."""

    committee: str
    date: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class CodeReport:
    """The Complaint Handling Code's annual report (para 8.1) for one year."""

    variant: str = "lgsco"
    self_assessment: tuple[SelfAssessment, ...] = ()
    non_compliance: tuple[NonCompliance, ...] = ()
    refused: tuple[Refused, ...] = ()
    improvements: tuple[Improvement, ...] = ()
    response: Response | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """Learning and an action, as it stands in one year's file."""

    id: str
    raised: YearId
    learned: str
    change: str
    responsible: str
    due: dt.date | None
    status: ActionStatus
    progress: str | None = None
    line: int = field(default=0, compare=False)  # where it is written, for messages across years


@dataclass(frozen=True, slots=True)
class CouncilYear:
    """Everything council-wide for one reporting year."""

    year: YearId
    ombudsman: OmbudsmanFigures | None = None
    code: CodeReport | None = None
    actions: tuple[Action, ...] = ()
    path: str = ""


@dataclass(frozen=True, slots=True)
class CouncilData:
    """Every council-wide year, oldest first."""

    years: tuple[CouncilYear, ...] = ()

    def up_to(self, year: str | YearId) -> CouncilData:
        """The years up to and including ``year`` (what a version may show)."""
        last = YearId.parse(year) if isinstance(year, str) else year
        return CouncilData(tuple(y for y in self.years if y.year <= last))

    def get(self, year: str | YearId) -> CouncilYear | None:
        wanted = YearId.parse(year) if isinstance(year, str) else year
        return next((y for y in self.years if y.year == wanted), None)


@dataclass(frozen=True)
class CouncilCheck:
    """What checking ``data/council/`` found."""

    data: CouncilData
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def council_dir(data_dir: str | Path) -> Path:
    """The reserved folder of council-wide files inside a data folder."""
    return Path(data_dir) / cf.COUNCIL_FOLDER


def check_council(data_dir: str | Path, display_dir: str | None = None) -> CouncilCheck:
    """Check every file in ``<data_dir>/council/`` (none is fine); never raises for a data problem."""
    folder = council_dir(data_dir)
    shown = f"{display_dir if display_dir is not None else display_path(Path(data_dir))}/{cf.COUNCIL_FOLDER}"
    problems: list[Problem] = []
    years: list[CouncilYear] = []
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        problems.append(Problem(shown, 0, "", "must be a folder of YYYY-YY.yaml files inside the data folder (not a link or a file)"))
    elif folder.is_dir():
        for path in sorted(folder.iterdir()):
            name = f"{shown}/{path.name}"
            if path.name in _ALLOWED_FILES or path.name.startswith("."):
                continue
            if not YEAR_FILE.match(path.name):
                problems.append(Problem(name, 0, "", "not a council year file: expected files named like 2024-25.yaml "
                                                     "(rename it, or move it out of the council folder)"))
                continue
            refused = _not_a_regular_file(path, folder)
            if refused:
                problems.append(Problem(name, 0, "", refused))
                continue
            year, found = _load(path, name)
            problems.extend(found)
            if year is not None:
                years.append(year)
    years.sort(key=lambda y: y.year)
    if not [p for p in problems if not p.warning]:
        problems.extend(_across_years(years))
    errors = tuple(sorted(p for p in problems if not p.warning))
    warnings = tuple(sorted(p for p in problems if p.warning))
    return CouncilCheck(CouncilData(tuple(years)) if not errors else CouncilData(), errors, warnings)


def load_council(data_dir: str | Path) -> CouncilData:
    """Load ``<data_dir>/council/``, or raise DataErrors listing every problem."""
    result = check_council(data_dir)
    if result.errors:
        raise DataErrors(list(result.errors))
    return result.data


def _load(path: Path, shown: str) -> tuple[CouncilYear | None, list[Problem]]:
    raw = _read(path)
    if isinstance(raw, str):
        return None, [Problem(shown, 0, "", raw)]
    reader = _CouncilReader(shown)
    text = reader.decode(raw)
    if text is None:
        return None, reader.problems
    root = reader.compose(text)
    if root is None:
        return None, reader.problems
    year = reader.council_file(root, path.name)
    return (year if not reader.errors() else None), reader.problems


def _across_years(years: list[CouncilYear]) -> list[Problem]:
    """Actions across years: ``raised`` is the first year an action appears;
    an action still open when last listed must appear in every later year."""
    problems: list[Problem] = []
    first: dict[str, CouncilYear] = {}
    last: dict[str, tuple[CouncilYear, Action]] = {}
    for year in years:
        listed = {a.id for a in year.actions}
        for action_id, (where, action) in sorted(last.items()):
            if action_id not in listed and action.status.open:
                problems.append(Problem(
                    year.path, 1, "actions",
                    f"{action_id} ({action.status.value} in {where.year.id}) is not listed: repeat it with its new status "
                    "(planned, in progress, done or dropped); an open action is never silently dropped", warning=True))
                del last[action_id]  # one warning, in the first year that leaves it out
        for action in year.actions:
            if action.id not in first:
                first[action.id] = year
                if action.raised != year.year:
                    problems.append(Problem(year.path, action.line, f"actions.{action.id}.raised",
                                            f"is {action.raised.id}, but the action first appears in {year.year.id} "
                                            f"(raised is the first year an action is listed: write {year.year.id}, "
                                            f"or add it to {action.raised.id}'s file)"))
            elif action.raised != first[action.id].year:
                problems.append(Problem(year.path, action.line, f"actions.{action.id}.raised",
                                        f"is {action.raised.id}, but {action.id} was raised in {first[action.id].year.id} "
                                        f"(the id is used once across years: keep raised: {first[action.id].year.id}, "
                                        "or give a new action a new id)"))
            last[action.id] = (year, action)
    return problems


def _decimal_text(node: ScalarNode) -> str | None:
    """The digits of a plain decimal with at most one decimal place, or None."""
    if node.style is None and re.fullmatch(r"(0|[1-9][0-9]{0,6})(\.[0-9])?", node.value):
        return node.value
    return None


class _CouncilReader(_Reader):
    """Walks one council file, building the model and collecting problems."""

    def __init__(self, shown: str):
        super().__init__(shown)
        self.line_of: dict[str, int] = {}

    def council_file(self, root: MappingNode, filename: str) -> CouncilYear | None:
        top = self.mapping(root, "", cf.TOP_LEVEL) or {}
        year = self._year(top.get("year"), filename)
        ombudsman = self._ombudsman(top.get("ombudsman"))
        code = self._code(top.get("code"), year)
        actions = self._actions(top.get("actions"), year)
        if year is None:
            return None
        return CouncilYear(year, ombudsman, code, actions, self.shown)

    # -- scalars --------------------------------------------------------------

    def choice(self, pair: tuple[Node, Node] | None, dotted: str, allowed: tuple[str, ...] | dict, parent_line: int = 0,
               required: bool = True) -> str | None:
        """One of ``allowed``, written as a plain word (``yes`` and ``no`` are
        taken as written, although YAML 1.1 reads them as true and false)."""
        words = ", ".join(allowed[:-1]) + f" or {allowed[-1]}" if len(allowed) > 1 else allowed[0]
        if pair is None:
            if required:
                self.error(parent_line, dotted, f"is missing (expected {words})")
            return None
        key, node = pair
        if _tagged(node):
            return None  # reported with the other tags
        if _is_null(node):
            if required:
                self.error(_line(key), dotted, f"is empty (expected {words})")
            return None
        if isinstance(node, ScalarNode) and node.value in allowed:
            return node.value
        self.error(_line(key), dotted, f"expected {words}, got {_show(node)}")
        return None

    def percent(self, pair: tuple[Node, Node] | None, dotted: str, kind: str) -> Fraction | None:
        """A per cent (0 to 100) or a rate per 100,000, whole or with one decimal place, or null."""
        if pair is None:
            return None
        key, node = pair
        if _tagged(node):
            return None
        if _is_null(node):
            return None
        text = _decimal_text(node) if isinstance(node, ScalarNode) else None
        what = "a per cent from 0 to 100" if kind == "percent" else "a rate per 100,000 residents"
        if text is None:
            self.error(_line(key), dotted, f"expected {what}, written plainly with at most one decimal place "
                                           f"(e.g. 81 or 1.7), or null, got {_show(node)}")
            return None
        value = Fraction(text)
        limit = 100 if kind == "percent" else cf.MAX_PER_100K
        if value > limit:
            self.error(_line(key), dotted, f"{text} is more than {limit:,} (expected {what})")
            return None
        return value

    def url(self, pair: tuple[Node, Node] | None, dotted: str) -> str | None:
        value = self.text(pair, dotted, limit=2000)
        if value is not None and not re.fullmatch(r"https://[^\s<>\"'`]+", value):
            self.error(_line(pair[0]), dotted, f"expected a web address starting https://, got '{_clip(value)}'")
            return None
        return value

    # -- the Ombudsman's figures -------------------------------------------------

    def _ombudsman(self, pair: tuple[Node, Node] | None) -> OmbudsmanFigures | None:
        if pair is None or _is_null(pair[1]):
            return None
        found = self.mapping(pair[1], "ombudsman", cf.OMBUDSMAN_KEYS)
        if found is None:
            return None
        for name, (key, _) in found.items():
            self.line_of[f"ombudsman.{name}"] = _line(key)
        values: dict = {"authority_type": self.choice(found.get("authority_type"), "ombudsman.authority_type",
                                                      tuple(cf.AUTHORITY_TYPES), required=False)}
        for figure in cf.OMBUDSMAN_FIELDS:
            got = found.get(figure.key)
            values[figure.key] = (self.count(got, figure.path) if figure.kind == "count"
                                  else self.percent(got, figure.path, figure.kind))
        letter = None
        if "letter" in found and not _is_null(found["letter"][1]):
            parts = self.mapping(found["letter"][1], "ombudsman.letter", cf.LINK_KEYS) or {}
            letter = Link(self.date(parts.get("date"), "ombudsman.letter.date"), self.url(parts.get("url"), "ombudsman.letter.url"))
        reports = []
        for where, line, parts in self._items(found.get("reports"), "ombudsman.reports", cf.REPORT_KEYS, 50):
            title = self.text(parts.get("title"), f"{where}.title", required=True, parent_line=line)
            date = self.date(parts.get("date"), f"{where}.date")
            url = self.url(parts.get("url"), f"{where}.url")
            if title is not None:
                reports.append(Report(title, date, url))
        figures = OmbudsmanFigures(**values, letter=letter, reports=tuple(reports))
        self._check_ombudsman(figures)
        return figures

    def _check_ombudsman(self, o: OmbudsmanFigures) -> None:
        def line(name: str) -> int:
            return self.line_of.get(f"ombudsman.{name}", 1)

        parts = [(k, getattr(o, k)) for k in ("not_for_us", "assessed_and_closed", "investigated") if getattr(o, k) is not None]
        if o.complaints is not None and parts and sum(v for _, v in parts) > o.complaints:
            names = " + ".join(f"ombudsman.{k}" for k, _ in parts)
            values = " + ".join(f"{v:,}" for _, v in parts)
            total = f" = {sum(v for _, v in parts):,}" if len(parts) > 1 else ""
            self.error(line(parts[0][0]), names, f"{values}{total} is more than ombudsman.complaints ({o.complaints:,})")
        for part, whole in (("upheld", "investigated"), ("satisfactory_remedies", "upheld")):
            p, w = getattr(o, part), getattr(o, whole)
            if p is not None and w is not None and p > w:
                self.error(line(part), f"ombudsman.{part}", f"{p:,} is more than ombudsman.{whole} ({w:,})")
                return
        for rate, part, whole in (("upheld_rate", "upheld", "investigated"),
                                  ("satisfactory_remedy_rate", "satisfactory_remedies", "upheld")):
            published, p, w = getattr(o, rate), getattr(o, part), getattr(o, whole)
            if published is None or p is None or not w:
                continue
            places = 1 if published.denominator != 1 else 0
            exact = Fraction(p * 100, w)
            if abs(exact - published) > Fraction(1, 2 * 10 ** places):
                shown = _percent_text(exact, places)
                self.error(line(rate), f"ombudsman.{rate}",
                           f"{_percent_text(published, places)}% does not match ombudsman.{part} / ombudsman.{whole} "
                           f"({p:,} / {w:,} = {shown}%) (correct the rate or the counts)")
        if o.compliance_rate is not None and o.compliance_outcomes:
            n, r = o.compliance_outcomes, o.compliance_rate
            places = 1 if r.denominator != 1 else 0
            nearest = math.floor(r * n / 100)  # only the whole numbers next to r% of n can round to r
            if not any(abs(Fraction(k * 100, n) - r) <= Fraction(1, 2 * 10 ** places) for k in (nearest, nearest + 1)):
                self.error(line("compliance_rate"), "ombudsman.compliance_rate",
                           f"{_percent_text(r, places)}% is not a share of ombudsman.compliance_outcomes ({n:,}) "
                           "within rounding (correct the rate or the number of outcomes)")

    # -- the Code's annual report ------------------------------------------------

    def _code(self, pair: tuple[Node, Node] | None, year: YearId | None) -> CodeReport | None:
        if pair is None or _is_null(pair[1]):
            return None
        key, node = pair
        first = YearId.parse(cf.CODE_FIRST_YEAR)
        if year is not None and year < first:
            self.error(_line(key), "code", f"the Complaint Handling Code's annual report starts in {first.id} "
                                           f"(remove it from {year.id}, or move it to a later year)")
            return None
        found = self.mapping(node, "code", cf.CODE_KEYS)
        if found is None:
            return None
        variant = self.choice(found.get("variant"), "code.variant", tuple(cf.CODE_VARIANTS), parent_line=_line(key))
        sections, seen = [], {}
        for where, line, parts in self._items(found.get("self_assessment"), "code.self_assessment",
                                              cf.SELF_ASSESSMENT_KEYS, cf.MAX_SELF_ASSESSMENT):
            section = self._section(parts.get("section"), f"{where}.section", line)
            requirement = self.text(parts.get("requirement"), f"{where}.requirement", required=True, parent_line=line)
            complies = self.choice(parts.get("complies"), f"{where}.complies", cf.COMPLIANCE, parent_line=line)
            evidence = self.text(parts.get("evidence"), f"{where}.evidence", required=True, parent_line=line, running=True)
            action = self.text(parts.get("action"), f"{where}.action", running=True)
            due = self.date(parts.get("due"), f"{where}.due")
            if section is not None and section in seen:
                self.error(line, f"{where}.section", f"'{section}' is listed twice (first on line {seen[section]}; list each section once)")
                continue
            if section is not None:
                seen[section] = line
            if None not in (section, requirement, complies, evidence):
                sections.append(SelfAssessment(section, requirement, Compliance(complies), evidence, action, due))
        findings = []
        for where, line, parts in self._items(found.get("non_compliance"), "code.non_compliance", cf.NON_COMPLIANCE_KEYS, 100):
            finding = self.text(parts.get("finding"), f"{where}.finding", required=True, parent_line=line, running=True)
            date = self.date(parts.get("date"), f"{where}.date")
            if finding is not None:
                findings.append(NonCompliance(finding, date))
        refused = []
        for where, line, parts in self._items(found.get("refused"), "code.refused", cf.REFUSED_KEYS, 50):
            kind = self.text(parts.get("type"), f"{where}.type", required=True, parent_line=line)
            count = self.count(parts.get("count"), f"{where}.count")
            if kind is not None:
                refused.append(Refused(kind, count))
        improvements = []
        for where, line, parts in self._items(found.get("improvements"), "code.improvements", cf.IMPROVEMENT_KEYS, 100):
            text = self.text(parts.get("text"), f"{where}.text", required=True, parent_line=line, running=True)
            if text is not None:
                improvements.append(Improvement(text))
        response = None
        if "response" in found and not _is_null(found["response"][1]):
            line = _line(found["response"][0])
            parts = self.mapping(found["response"][1], "code.response", cf.RESPONSE_KEYS) or {}
            committee = self.text(parts.get("committee"), "code.response.committee", required=True, parent_line=line)
            date = self.date(parts.get("date"), "code.response.date")
            if "date" not in parts:
                self.error(line, "code.response.date", "is missing (expected the date of the committee's response, e.g. 2025-09-30)")
            text = self.text(parts.get("text"), "code.response.text", required=True, parent_line=line, running=True)
            if None not in (committee, date, text):
                response = Response(committee, date, text)
        return CodeReport(variant or "lgsco", tuple(sections), tuple(findings), tuple(refused), tuple(improvements), response)

    def _section(self, pair: tuple[Node, Node] | None, dotted: str, parent_line: int) -> str | None:
        """A section of the Code such as 1.2 or 6.3 (written plainly or in quotes)."""
        if pair is None:
            self.error(parent_line, dotted, "is missing (expected the section of the Code, e.g. \"1.2\")")
            return None
        key, node = pair
        if _tagged(node):
            return None
        if isinstance(node, ScalarNode) and re.fullmatch(r"[0-9]{1,2}(\.[0-9]{1,2}){0,2}[a-z]?", node.value):
            return node.value
        self.error(_line(key), dotted, f"expected the section of the Code, e.g. \"1.2\" or \"6.3\", got {_show(node)}")
        return None

    # -- learning and actions ---------------------------------------------------

    def _actions(self, pair: tuple[Node, Node] | None, year: YearId | None) -> tuple[Action, ...]:
        actions, seen = [], {}
        for where, line, parts in self._items(pair, "actions", cf.ACTION_KEYS, cf.MAX_ACTIONS):
            action_id = self._action_id(parts.get("id"), f"{where}.id", line)
            raised = self._raised(parts.get("raised"), f"{where}.raised", line, year)
            learned = self.text(parts.get("learned"), f"{where}.learned", required=True, parent_line=line, running=True)
            change = self.text(parts.get("change"), f"{where}.change", required=True, parent_line=line, running=True)
            responsible = self.text(parts.get("responsible"), f"{where}.responsible", required=True, parent_line=line)
            if responsible is not None and _PERSONAL.search(responsible):
                self.error(_line(parts["responsible"][0]), f"{where}.responsible",
                           f"'{_clip(responsible)}' looks like a person's name or e-mail address "
                           "(write a role, never a person's name, e.g. Head of Customer Relations)")
                responsible = None
            if "due" not in parts:
                self.error(line, f"{where}.due", "is missing (expected a date such as 2026-03-31, or null if none was set)")
            due = self.date(parts.get("due"), f"{where}.due")
            status = self.choice(parts.get("status"), f"{where}.status", cf.ACTION_STATUSES, parent_line=line)
            progress = self.text(parts.get("progress"), f"{where}.progress", running=True)
            if action_id is not None and action_id in seen:
                self.error(line, f"{where}.id", f"'{action_id}' is listed twice (first on line {seen[action_id]}; each action once a year)")
                continue
            if action_id is not None:
                seen[action_id] = line
            if None not in (action_id, raised, learned, change, responsible, status):
                actions.append(Action(action_id, raised, learned, change, responsible, due, ActionStatus(status), progress, line))
        return tuple(actions)

    def _action_id(self, pair: tuple[Node, Node] | None, dotted: str, parent_line: int) -> str | None:
        if pair is None:
            self.error(parent_line, dotted, "is missing (expected a short id such as A1, unique across years)")
            return None
        key, node = pair
        if _tagged(node):
            return None
        if isinstance(node, ScalarNode) and re.fullmatch(cf.ACTION_ID, node.value):
            return node.value
        self.error(_line(key), dotted,
                   f"expected a short id such as A1 (a letter, then letters, digits or '-', at most 20), got {_show(node)}")
        return None

    def _raised(self, pair: tuple[Node, Node] | None, dotted: str, parent_line: int, year: YearId | None) -> YearId | None:
        if pair is None:
            self.error(parent_line, dotted, "is missing (expected the year the action was raised, e.g. 2024-25)")
            return None
        key, node = pair
        if _tagged(node):
            return None
        try:
            if not isinstance(node, ScalarNode) or _is_null(node):
                raise ValueError('expected a year written "YYYY-YY", e.g. 2024-25')
            raised = YearId.parse(node.value)
        except ValueError as err:
            self.error(_line(key), dotted, f"{_show(node)} is not a reporting year ({err})")
            return None
        if year is not None and raised > year:
            self.error(_line(key), dotted,
                       f"{raised.id} is after this file's year {year.id} (an action is raised in the year it first appears)")
            return None
        return raised


def _percent_text(value: Fraction, places: int) -> str:
    """A per cent for a message, rounded half up (the loader sits below ``fmt``).

    >>> _percent_text(Fraction(325, 4), 0), _percent_text(Fraction(1625, 20), 1), _percent_text(Fraction(80), 0)
    ('81', '81.3', '80')
    """
    scaled = math.floor(value * 10 ** places + Fraction(1, 2))
    whole, tenths = divmod(scaled, 10 ** places)
    return f"{whole}.{tenths}" if places else str(whole)
