"""Complaints procedures as data: stages, what each is called, the law, timescales.

A procedure is a mapping (README, "Procedures"): the presets ship in
``report/procedures/<id>.yaml``; a council declares its own under
``procedure:`` in a series.yaml or ``extra.council.procedure`` in mkdocs.yml.
No stage name, law or timescale is written in Python: every sentence that
names one takes it from here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from .problems import Problem, first_hidden, show

__all__ = [
    "Stage", "Procedure", "PRESET_IDS", "DEFAULT_PROCEDURE", "preset", "read_procedure",
    "MAX_STAGES", "MAX_WORKING_DAYS", "TERMS",
]

PRESET_DIR = Path(__file__).parent / "procedures"
PRESET_IDS = ("children", "adults", "corporate", "housing")
DEFAULT_PROCEDURE = "children"  # a single-series site without extra.council.procedure
MAX_STAGES = 3
MAX_WORKING_DAYS = 365
MAX_NAME = 200
MAX_ANNUAL_REPORT = 20
# Optional wording a procedure may set, with what each means.
TERMS = {
    "fault_found": "what a complaint upheld in full or in part is called, e.g. well-founded",
    "timescale": "the timescale in a sentence, e.g. the timescale of the code",
    "process": "the process in a sentence, e.g. the complaints procedure",
}
_KEYS = ("name", "law", "early_resolution", "acknowledge_within", "stages", "after", "annual_report", "terms")
_STAGE_KEYS = ("id", "name", "called", "respond_within", "extended_within", "convene_within", "timescale_text")


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of a procedure."""

    number: int  # 1, 2 or 3: its figures are complaints.stage<number>, ...
    name: str  # as written in tables: "First response"
    called: str | None = None  # what it is: "review by a manager"
    respond_within: int | None = None  # working days
    extended_within: int | None = None  # working days with an extension
    convene_within: int | None = None  # a panel convened within N working days
    timescale_text: str | None = None  # words when there is no fixed timescale

    @property
    def id(self) -> str:
        return f"stage{self.number}"

    @property
    def in_text(self) -> str:
        """The name within a sentence: "first response" (only the first letter is lowered)."""
        return lower_first(self.name)

    @property
    def timescale(self) -> str | None:
        """The timescale in words, from the procedure's figures, or None when it has none.

        >>> Stage(1, "First", respond_within=10, extended_within=20).timescale
        'a response within 10 working days, or 20 with an extension'
        """
        if self.respond_within is not None:
            extended = f", or {self.extended_within} with an extension" if self.extended_within else ""
            return f"a response within {self.respond_within} working days{extended}"
        if self.convene_within is not None:
            return f"convened within {self.convene_within} working days"
        return self.timescale_text


@dataclass(frozen=True, slots=True)
class Procedure:
    """A complaints procedure: its stages (one to three), law and wording."""

    id: str  # the preset's id, or "custom"
    name: str
    stages: tuple[Stage, ...]
    law: str | None = None
    early_resolution: bool = False
    acknowledge_within: int | None = None
    after: str | None = None
    annual_report: tuple[str, ...] = ()
    terms: tuple[tuple[str, str], ...] = ()

    def stage(self, number: int) -> Stage | None:
        return self.stages[number - 1] if 1 <= number <= len(self.stages) else None

    def term(self, key: str) -> str | None:
        return dict(self.terms).get(key)

    @property
    def stage_count(self) -> str:
        """ "one stage", "two stages", "three stages"."""
        words = {1: "one stage", 2: "two stages", 3: "three stages"}
        return words[len(self.stages)]


def lower_first(text: str) -> str:
    """``text`` with its first letter lowered when the second is not a capital ("Local stage" -> "local stage", "LGSCO" kept)."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


@cache
def preset(procedure_id: str) -> Procedure:
    """The shipped preset ``procedure_id`` (one of PRESET_IDS)."""
    if procedure_id not in PRESET_IDS:
        raise KeyError(procedure_id)
    path = PRESET_DIR / f"{procedure_id}.yaml"
    found, problems = read_procedure(yaml.safe_load(path.read_text(encoding="utf-8")), f"report/procedures/{path.name}", "")
    if found is None:  # a shipped file: only a broken installation gets here
        raise ValueError("\n".join(str(p) for p in problems))
    return _with_id(found, procedure_id)


def _with_id(found: Procedure, procedure_id: str) -> Procedure:
    from dataclasses import replace
    return replace(found, id=procedure_id)


def read_procedure(value: Any, shown: str, where: str, lines: Mapping[str, int] | None = None) -> tuple[Procedure | None, list[Problem]]:
    """A procedure from a preset id or a mapping (plain YAML values), with every problem.

    ``shown`` is the file for messages, ``where`` the dotted name of the setting
    (``procedure``, ``extra.council.procedure``), ``lines`` the line of each dotted name.
    """
    reader = _Reader(shown, lines or {})
    if isinstance(value, str):
        if value in PRESET_IDS:
            return preset(value), []
        reader.error(where, f"{show(value)} is not a preset procedure (expected one of: {', '.join(PRESET_IDS)}; "
                            "or a custom procedure written as a group of settings)")
        return None, reader.problems
    if not isinstance(value, Mapping):
        reader.error(where, f"expected a preset id ({', '.join(PRESET_IDS)}) or a group of settings, got {show(value)}")
        return None, reader.problems
    reader.keys(value, where, _KEYS)
    name = reader.text(value, "name", where, required=True)
    law = reader.text(value, "law", where)
    after = reader.text(value, "after", where)
    early = value.get("early_resolution", False)
    if early is None:
        early = False
    if not isinstance(early, bool):
        reader.error(_join(where, "early_resolution"), f"expected true or false, got {show(early)}")
        early = False
    acknowledge = reader.days(value, "acknowledge_within", where)
    stages = reader.stages(value.get("stages"), _join(where, "stages"))
    annual = reader.texts(value.get("annual_report"), _join(where, "annual_report"))
    terms = value.get("terms") or {}
    found_terms: list[tuple[str, str]] = []
    if not isinstance(terms, Mapping):
        reader.error(_join(where, "terms"), f"expected a group of wordings ({', '.join(TERMS)}), got {show(terms)}")
    else:
        reader.keys(terms, _join(where, "terms"), tuple(TERMS))
        for key in TERMS:
            text = reader.text(terms, key, _join(where, "terms"))
            if text:
                found_terms.append((key, text))
    if reader.problems or name is None or not stages:
        return None, reader.problems
    return Procedure("custom", name, stages, law, early, acknowledge, after, annual, tuple(found_terms)), []


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _text_problem(text: str) -> str | None:
    index = first_hidden(text)
    if index is not None:
        return f"holds U+{ord(text[index]):04X}, which is not allowed in text (write it on one line, without invisible characters)"
    return None


class _Reader:
    """Collects every problem of one procedure, each with the line of its setting."""

    def __init__(self, shown: str, lines: Mapping[str, int]):
        self.shown, self.lines = shown, lines
        self.problems: list[Problem] = []

    def error(self, name: str, message: str) -> None:
        line, probe = 0, name
        while probe and not line:
            line = self.lines.get(probe, 0)
            probe = re.sub(r"(\.[^.\[]*|\[[0-9]+\])\Z", "", probe) if re.search(r"[.\[]", probe) else ""
        self.problems.append(Problem(self.shown, line, name, message))

    def keys(self, value: Mapping, where: str, allowed: tuple[str, ...]) -> None:
        for key in value:
            if key not in allowed:
                self.error(_join(where, str(key)), f"unknown setting (expected one of: {', '.join(allowed)})")

    def text(self, section: Mapping, key: str, where: str, required: bool = False, limit: int = MAX_NAME) -> str | None:
        name = _join(where, key)
        value = section.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.error(name, "is required (expected text)")
            return None
        if not isinstance(value, str):
            self.error(name, f"expected text, got {show(value)}")
            return None
        wrong = _text_problem(value)
        if wrong is None and len(value) > limit:
            wrong = f"is {len(value):,} characters long, more than the limit of {limit:,} (shorten it)"
        if wrong:
            self.error(name, wrong)
            return None
        return value.strip()

    def days(self, section: Mapping, key: str, where: str) -> int | None:
        value = section.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_WORKING_DAYS:
            self.error(_join(where, key), f"expected a number of working days from 1 to {MAX_WORKING_DAYS}, or null, got {show(value)}")
            return None
        return value

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            self.error(where, f"expected a list of texts, got {show(value)}")
            return ()
        if len(value) > MAX_ANNUAL_REPORT:
            self.error(where, f"lists {len(value)} items, more than the limit of {MAX_ANNUAL_REPORT}")
            return ()
        out = []
        for index, item in enumerate(value):
            text = self.text({"x": item}, "x", "", required=True, limit=2_000)
            if text is None:
                last = self.problems[-1]
                self.problems[-1:] = [Problem(self.shown, last.line or self.lines.get(where, 0), f"{where}[{index + 1}]", last.message)]
            else:
                out.append(text)
        return tuple(out)

    def stages(self, value: Any, where: str) -> tuple[Stage, ...]:
        if not isinstance(value, list) or not value:
            self.error(where, f"expected a list of 1 to {MAX_STAGES} stages, each with id and name, got {show(value)}")
            return ()
        if len(value) > MAX_STAGES:
            self.error(where, f"lists {len(value)} stages, more than {MAX_STAGES} (the figures have names for stages 1 to 3)")
            return ()
        out = []
        for index, item in enumerate(value):
            number, here = index + 1, f"{where}[{index + 1}]"
            if not isinstance(item, Mapping):
                self.error(here, f"expected a stage (id, name, called, respond_within, ...), got {show(item)}")
                continue
            self.keys(item, here, _STAGE_KEYS)
            if item.get("id") != f"stage{number}":
                self.error(f"{here}.id",
                           f"expected stage{number} (stages are listed in order: stage1, stage2, stage3), got {show(item.get('id'))}")
            name = self.text(item, "name", here, required=True)
            called = self.text(item, "called", here)
            respond = self.days(item, "respond_within", here)
            extended = self.days(item, "extended_within", here)
            convene = self.days(item, "convene_within", here)
            words = self.text(item, "timescale_text", here)
            if respond is not None and extended is not None and extended < respond:
                self.error(f"{here}.extended_within",
                           f"{extended} is less than respond_within ({respond}); it is the whole time allowed with an extension")
            if extended is not None and respond is None:
                self.error(f"{here}.extended_within", "is given without respond_within (give both, or neither)")
            if name is not None:
                out.append(Stage(number, name, called, respond, extended, convene, words))
        return tuple(out) if len(out) == len(value) else ()
