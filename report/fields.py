"""The public names of data schema version 1 and what each one means.

This is the one list the validator, the JSON Schema, the about page and the
data dictionary are all made from, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Field", "COUNT_GROUPS", "COUNT_FIELDS", "FIELD_BY_PATH", "TOP_LEVEL_KEYS", "label", "SCHEMA_VERSION", "MAX_COUNT"]

SCHEMA_VERSION = 1
MAX_COUNT = 10_000_000  # a larger count is a typing error, not a figure


@dataclass(frozen=True, slots=True)
class Field:
    """One count in a data file: its dotted path, short label and definition."""

    path: str
    label: str
    definition: str

    @property
    def group(self) -> str:
        return self.path.split(".")[0]

    @property
    def key(self) -> str:
        return self.path.split(".")[-1]


def _group(name: str, *fields: tuple[str, str, str]) -> tuple[Field, ...]:
    return tuple(Field(f"{name}.{key}" if name else key, lbl, text) for key, lbl, text in fields)


COUNT_GROUPS: dict[str, tuple[Field, ...]] = {
    "complaints": _group(
        "complaints",
        ("contacts", "Contacts from people wishing to complain",
         "Contacts received from people wishing to complain about the service."),
        ("informal", "Resolved informally",
         "Of those contacts, the number resolved outside the formal process (early or informal resolution)."),
        ("stage1", "Formal complaints (stage 1)",
         "Complaints that entered the formal complaints process at stage 1."),
        ("stage2", "Stage 2 complaints",
         "Complaints considered at stage 2, the independent investigation."),
        ("stage3", "Stage 3 complaints",
         "Complaints considered at stage 3, the review panel."),
    ),
    "outcomes": _group(
        "outcomes",
        ("upheld", "Upheld", "Stage 1 complaints upheld in full."),
        ("partially_upheld", "Partially upheld", "Stage 1 complaints upheld in part."),
        ("not_upheld", "Not upheld", "Stage 1 complaints not upheld."),
        ("withdrawn", "Withdrawn", "Stage 1 complaints withdrawn by the person who made them."),
        ("fault_found", "Upheld or partially upheld",
         "Stage 1 complaints upheld in full or in part, for years that publish only the combined figure."),
    ),
    "timeliness": _group(
        "timeliness",
        ("stage1_on_time", "Stage 1 responses on time",
         "Stage 1 responses sent within the statutory timescale."),
        ("stage1_responded", "Stage 1 responses sent",
         "Stage 1 responses sent in the year; when not published, formal complaints (stage 1) are used instead."),
    ),
    "ombudsman": _group(
        "ombudsman",
        ("complaints", "Ombudsman complaints and enquiries",
         "Complaints and enquiries about the service that the Local Government and Social Care Ombudsman dealt with."),
        ("investigated", "Ombudsman detailed investigations",
         "Detailed investigations the Ombudsman completed."),
        ("upheld", "Ombudsman investigations upheld",
         "Of the detailed investigations, those the Ombudsman upheld."),
    ),
    "context": _group(
        "context",
        ("social_care_contacts", "Contacts to the service",
         "All contacts to the service, for any reason."),
        ("referrals", "Referrals",
         "Contacts to the service that opened as referrals."),
    ),
    "compliments": _group(
        "",
        ("compliments", "Compliments", "Compliments received about the service."),
    ),
}

COUNT_FIELDS: tuple[Field, ...] = tuple(f for group in COUNT_GROUPS.values() for f in group)
FIELD_BY_PATH: dict[str, Field] = {f.path: f for f in COUNT_FIELDS}

# Every key a data file may have at its top level, in the order of the schema.
TOP_LEVEL_KEYS = (
    "year", "status", "published", "presented_to", "source", "context", "complaints",
    "outcomes", "timeliness", "ombudsman", "compliments", "themes", "notes", "revisions",
)

OTHER_DEFINITIONS: dict[str, str] = {
    "year": 'The reporting year, 1 April to 31 March, written "YYYY-YY" (for example 2022-23). It must match the file name.',
    "status": "draft or published. Draft years are shown in local previews only and never deployed.",
    "published": "The date the report was presented or published (required when published).",
    "presented_to": "The committee the report was presented to.",
    "source": "Where the figures come from: a title and a web address.",
    "themes": "The main themes of upheld and partially upheld complaints: a list of names, each with a count where one is published.",
    "notes": "Caveats shown on the year page. A note's breaks list names the figures not comparable with earlier years.",
    "revisions": "Corrections made after publication: the date, the figure, its old and new value and the reason.",
}


def label(path: str) -> str:
    """The short label of a count, e.g. ``label("outcomes.upheld") == "Upheld"``."""
    return FIELD_BY_PATH[path].label
