"""The public names of data schema version 1 and what each one means.

This is the one list the validator, the JSON Schema, the about page and the
data dictionary are all made from, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .procedures import DEFAULT_PROCEDURE, Procedure, lower_first, preset

__all__ = [
    "Field", "COUNT_GROUPS", "COUNT_FIELDS", "ALL_FIELDS", "FIELD_BY_PATH", "SCHEMA1_PATHS", "fields_for", "STAGE_NUMBERS",
    "TOP_LEVEL_KEYS", "label", "SCHEMA_VERSION",
    "MAX_BYTES", "MAX_COUNT", "MAX_COUNT_DIGITS", "MAX_DEPTH", "MAX_NAME_LENGTH", "MAX_TEXT_LENGTH",
    "MAX_THEMES", "MAX_NOTES", "MAX_REVISIONS", "MAX_BREAKDOWNS", "MAX_BREAKDOWN_ROWS", "MAX_BREAKDOWN_COLUMNS",
    "BREAKDOWN_BY", "QUARTERS", "SERIES_DEFINITIONS", "MAX_ENTRIES", "MAX_VALUES",
]

SCHEMA_VERSION = 1

# Limits of a data file. They are part of the schema: the validator refuses
# anything past them, naming the limit, and data/schema.json carries them.
MAX_BYTES = 1024 * 1024  # size of one year file (1 MiB; a real one is a few kilobytes)
MAX_COUNT = 10_000_000  # largest plausible count
MAX_COUNT_DIGITS = len(str(MAX_COUNT))  # checked before a count's digits become a number
MAX_DEPTH = 20  # levels of nesting (a year file needs 4)
MAX_ENTRIES = 200  # entries in any one list or group, checked while reading, before the limits below
MAX_VALUES = 10_000  # values (names, numbers, texts, lists, groups) in one file; a full year has under 5,000
MAX_NAME_LENGTH = 200  # characters of a name or title: theme names, presented_to, source title
MAX_TEXT_LENGTH = 2_000  # characters of running text (notes, revision reasons) and of source.url
MAX_THEMES = 50
MAX_NOTES = 100
MAX_REVISIONS = 100
MAX_BREAKDOWNS = 20  # breakdown tables in one year file
MAX_BREAKDOWN_ROWS = 200
MAX_BREAKDOWN_COLUMNS = 10  # extra count columns of one breakdown
BREAKDOWN_BY = ("service_area", "team", "reason", "complainant", "other")
QUARTERS = ("April to June", "July to September", "October to December", "January to March")


@dataclass(frozen=True, slots=True)
class Field:
    """One figure in a data file: its dotted path, short label and definition.

    ``stage`` is the stage of the procedure the figure belongs to (None: any
    procedure has it); ``early`` says it needs a procedure with early resolution.
    """

    path: str
    label: str
    definition: str
    stage: int | None = None
    early: bool = False

    @property
    def group(self) -> str:
        return self.path.split(".")[0]

    @property
    def key(self) -> str:
        return self.path.split(".")[-1]

    @property
    def is_days(self) -> bool:
        """An average of working days (one decimal place allowed), not a count."""
        return self.key.endswith("_average_days")

    def has(self, procedure: Procedure) -> bool:
        """Whether ``procedure`` has this figure."""
        if self.early and not procedure.early_resolution:
            return False
        return self.stage is None or self.stage <= len(procedure.stages)


# Each figure's label and definition, worded from the procedure at {placeholders}:
# {Stage} / {stage}: the stage's name, as in a table / within a sentence; {called}: what it is;
# {received}: its received figure's label, lowered; {timescale}, {process}, {fault},
# {Fault}: the procedure's terms; {after}: where a complainant goes after the last stage.
_OUTCOMES = (
    ("upheld", "Upheld", "{Stage} complaints upheld in full."),
    ("partially_upheld", "Partially upheld", "{Stage} complaints upheld in part."),
    ("not_upheld", "Not upheld", "{Stage} complaints not upheld."),
    ("withdrawn", "Withdrawn", "{Stage} complaints withdrawn by the person who made them."),
    ("fault_found", "{Fault}", "{Stage} complaints {fault}, for years that publish only the combined figure."),
)
_TIMELINESS = (
    ("on_time", "{Stage} responses on time", "{Stage} responses sent within {timescale}."),
    ("responded", "{Stage} responses sent",
     "{Stage} responses sent in the year; when not published, {received} are used instead."),
    ("extended", "{Stage} responses extended",
     "{Stage} responses sent within a timescale that was extended."),
    ("average_days", "{Stage} average working days to respond",
     "The average number of working days a {stage} response took (one decimal place allowed, e.g. 12.4)."),
)
_TEMPLATES: tuple[tuple[str, str, str, int | None, bool], ...] = (
    ("context.social_care_contacts", "Contacts to the service", "All contacts to the service, for any reason.", None, False),
    ("context.referrals", "Referrals", "Contacts to the service that opened as referrals.", None, False),
    ("complaints.contacts", "Contacts from people wishing to complain",
     "Contacts received from people wishing to complain about the service.", None, True),
    ("complaints.informal", "Resolved informally",
     "Of those contacts, the number resolved outside the formal process (early or informal resolution).", None, True),
    ("complaints.stage1", "Formal complaints ({stage})", "Complaints that entered the formal complaints process at {stage}.", 1, False),
    ("complaints.stage2", "{Stage} complaints", "Complaints considered at {stage}, the {called}.", 2, False),
    ("complaints.stage3", "{Stage} complaints", "Complaints considered at {stage}, the {called}.", 3, False),
    *((f"outcomes.{k}", lbl, d, 1, False) for k, lbl, d in _OUTCOMES),
    ("timeliness.stage1_on_time", *_TIMELINESS[0][1:], 1, False),
    ("timeliness.stage1_responded", *_TIMELINESS[1][1:], 1, False),
    ("ombudsman.complaints", "Ombudsman complaints and enquiries",
     "Complaints and enquiries about the service that the {after} dealt with.", None, False),
    ("ombudsman.investigated", "Ombudsman detailed investigations", "Detailed investigations the Ombudsman completed.", None, False),
    ("ombudsman.upheld", "Ombudsman investigations upheld", "Of the detailed investigations, those the Ombudsman upheld.", None, False),
    ("compliments", "Compliments", "Compliments received about the service.", None, False),
)
# Names added in the schema 1 pattern (README, "Report series"): later stages'
# outcomes, and every stage's timeliness.
_ADDED: tuple[tuple[str, str, str, int | None, bool], ...] = (
    *((f"outcomes_stage{n}.{k}", "{Stage}: " + lower_first(lbl) if lbl != "{Fault}" else "{Stage}: {fault}", d, n, False)
      for n in (2, 3) for k, lbl, d in _OUTCOMES),
    *((f"timeliness.stage{n}_{k}", lbl, d, n, False)
      for n in (1, 2, 3) for k, lbl, d in _TIMELINESS if (n, k) not in ((1, "on_time"), (1, "responded"))),
)
# The order of groups in a data file and everywhere figures are listed.
_ORDER = ("complaints", "outcomes", "outcomes_stage2", "outcomes_stage3", "timeliness", "ombudsman", "context", "compliments")


def _ordered(templates) -> tuple:
    rank = {name: i for i, name in enumerate(_ORDER)}
    return tuple(sorted(templates, key=lambda t: rank[t[0].split(".")[0]]))  # stable: the order within a group is kept


_ALL_TEMPLATES = _ordered(_TEMPLATES + _ADDED)
SCHEMA1_PATHS = tuple(t[0] for t in _TEMPLATES)


def _wording(procedure: Procedure, number: int | None) -> dict[str, str]:
    fault = procedure.term("fault_found")
    words = {
        "timescale": procedure.term("timescale") or "the timescale of the procedure",
        "process": procedure.term("process") or "the complaints procedure",
        "fault": fault or "upheld in full or in part",
        "Fault": fault[:1].upper() + fault[1:] if fault else "Upheld or partially upheld",
        "after": procedure.after or "Ombudsman",
    }
    stage = procedure.stage(number) if number else None
    if stage is not None:
        words.update(Stage=stage.name, stage=stage.in_text, called=stage.called or stage.in_text)
        received = "Formal complaints ({stage})" if number == 1 else "{Stage} complaints"
        words["received"] = lower_first(received.format(**words))
    return words


@cache
def fields_for(procedure: Procedure) -> tuple[Field, ...]:
    """The figures ``procedure`` has, in schema order, worded from it."""
    out = []
    for path, lbl, definition, stage, early in _ALL_TEMPLATES:
        probe = Field(path, "", "", stage, early)
        if probe.has(procedure):
            words = _wording(procedure, stage)
            out.append(Field(path, lbl.format(**words), definition.format(**words), stage, early))
    return tuple(out)


# Schema 1 as the children's preset words it: what a single-series site shows.
_CHILDREN = preset(DEFAULT_PROCEDURE)
ALL_FIELDS: tuple[Field, ...] = fields_for(_CHILDREN)  # every name (the children's preset has them all)
FIELD_BY_PATH: dict[str, Field] = {f.path: f for f in ALL_FIELDS}
COUNT_FIELDS: tuple[Field, ...] = tuple(f for f in ALL_FIELDS if f.path in SCHEMA1_PATHS)  # schema 1's names
COUNT_GROUPS: dict[str, tuple[Field, ...]] = {
    name: tuple(f for f in ALL_FIELDS if f.group == name) for name in _ORDER
}
STAGE_NUMBERS = (1, 2, 3)

# Every key a data file may have at its top level, in the order of the schema.
TOP_LEVEL_KEYS = (
    "year", "status", "published", "presented_to", "source", "context", "complaints",
    "outcomes", "outcomes_stage2", "outcomes_stage3", "timeliness", "ombudsman", "compliments", "quarters",
    "breakdowns", "themes", "notes", "revisions",
)

OTHER_DEFINITIONS: dict[str, str] = {
    "year": 'The reporting year, 1 April to 31 March, written "YYYY-YY" (for example 2022-23). It must match the file name.',
    "status": "draft or published. Draft years are shown in local previews only and never deployed.",
    "published": "The date the report was presented or published (required when published).",
    "presented_to": "The committee the report was presented to.",
    "source": "Where the figures come from: a title and a web address.",
    "themes": "The main themes of upheld and partially upheld complaints: a list of names, each with a count where one is published.",
    "notes": "Caveats shown on the year page. A note's breaks list names the figures not comparable with earlier years.",
    "quarters": "Complaints received at the first stage in each quarter: April-June, July-September, October-December, "
                "January-March (a list of exactly 4 counts, each may be null). When all four and complaints.stage1 are given, "
                "they add up to it.",
    "breakdowns": "Tables of named rows, each with a count and optional extra count columns: a title, what the rows are by "
                  "(service_area, team, reason, complainant or other), the columns (id and label), the rows (name, count and "
                  "a value per column) and an optional note.",
    "revisions": "Corrections made after publication: the date, the figure, its old and new value and the reason.",
}


# The fields of a series.yaml (README, "Report series").
SERIES_DEFINITIONS: dict[str, str] = {
    "title": "The series' title, e.g. Corporate complaints (required, plain text, at most 200 characters).",
    "procedure": "The complaints procedure it follows: a preset (children, adults, corporate, housing) or a procedure of its own, "
                 "written out: name, law, early_resolution, acknowledge_within, stages (1 to 3: id, name, called, respond_within, "
                 "extended_within, convene_within, timescale_text), after, annual_report, terms.",
    "committee": "The committee the series' reports go to (optional).",
    "how_to_complain": "The council's page on how to complain about this service (optional, an https address).",
    "order": "Its place among the series (optional; then by id).",
    "moved_from_root": "true for the one series whose years were the whole site before it had series: its old addresses keep working.",
}


def label(path: str) -> str:
    """The short label of a count, e.g. ``label("outcomes.upheld") == "Upheld"``."""
    return FIELD_BY_PATH[path].label
