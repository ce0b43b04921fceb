"""The names of council-wide data files (``data/council/<year>.yaml``) and what each one means.

The Ombudsman's figures for the council, the Complaint Handling Code's annual
report and the learning and actions carried from year to year. This is the
one list the validator, the JSON Schema and the data dictionary are made from.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CouncilField", "COUNCIL_FOLDER", "TOP_LEVEL", "OMBUDSMAN_FIELDS", "OMBUDSMAN_BY_KEY", "LINK_KEYS", "REPORT_KEYS",
    "CODE_KEYS", "SELF_ASSESSMENT_KEYS", "NON_COMPLIANCE_KEYS", "REFUSED_KEYS", "IMPROVEMENT_KEYS", "RESPONSE_KEYS",
    "ACTION_KEYS", "AUTHORITY_TYPES", "CODE_VARIANTS", "COMPLIANCE", "ACTION_STATUSES", "OPEN_STATUSES",
    "CODE_FIRST_YEAR", "PROCESS_BREAK_YEAR", "PROCESS_BREAK_REASON", "DEFINITIONS", "MAX_ACTIONS",
    "MAX_SELF_ASSESSMENT", "MAX_PER_100K", "ACTION_ID",
]

COUNCIL_FOLDER = "council"  # data/council/: a reserved folder, never a series

# The Ombudsman changed its process in 2022-23, which raised uphold rates. No
# change in the upheld rate is computed across this year, and pages say why.
PROCESS_BREAK_YEAR = "2022-23"
PROCESS_BREAK_REASON = (
    "The Ombudsman changed its process in 2022-23, which raised uphold rates: it advises comparing "
    "a council with the average for similar authorities rather than with its own years before 2022-23, "
    "so no change in the upheld rate is given across that year."
)

# The Complaint Handling Code's annual report exists from this year on.
CODE_FIRST_YEAR = "2024-25"

AUTHORITY_TYPES = {
    "county": "county councils", "district": "district councils", "metropolitan": "metropolitan boroughs",
    "unitary": "unitary councils", "london_borough": "London boroughs",
}
CODE_VARIANTS = {
    "lgsco": "the Local Government and Social Care Ombudsman's Complaint Handling Code",
    "housing": "the Housing Ombudsman's Complaint Handling Code",
}
COMPLIANCE = ("yes", "partly", "no")
ACTION_STATUSES = ("planned", "in progress", "done", "dropped")
OPEN_STATUSES = ("planned", "in progress")
ACTION_ID = r"[A-Za-z][A-Za-z0-9-]{0,19}"  # e.g. A1, 2024-3 is refused (starts with a letter)

MAX_ACTIONS = 100
MAX_SELF_ASSESSMENT = 100
MAX_PER_100K = 1000  # upheld decisions per 100,000 residents: real values are under 20


@dataclass(frozen=True, slots=True)
class CouncilField:
    """One figure of the Ombudsman's: its key, kind and meaning.

    ``kind`` is ``count``, ``percent`` (0 to 100, whole or one decimal as
    published) or ``per_100k`` (one decimal)."""

    key: str
    kind: str
    label: str
    definition: str

    @property
    def path(self) -> str:
        return f"ombudsman.{self.key}"


OMBUDSMAN_FIELDS: tuple[CouncilField, ...] = tuple(CouncilField(*f) for f in (
    ("complaints", "count", "Complaints and enquiries dealt with",
     "Every complaint and enquiry about the council that the Ombudsman dealt with in the year."),
    ("not_for_us", "count", "Not for us",
     "Of those, complaints brought before the council had a chance to consider them, or to the wrong ombudsman."),
    ("assessed_and_closed", "count", "Assessed and closed",
     "Of those, complaints the law did not let the Ombudsman investigate, "
     "or where an investigation would not be a good use of public money."),
    ("investigated", "count", "Investigated",
     "Of those, investigations completed with a decision on fault."),
    ("upheld", "count", "Upheld",
     "Investigated complaints where the Ombudsman found fault, or where the council had already offered a suitable remedy."),
    ("upheld_rate", "percent", "Upheld rate (published)",
     "Upheld as a share of investigated, per cent, as the Ombudsman publishes it; checked against the counts within rounding."),
    ("average_upheld_rate", "percent", "Average upheld rate, similar authorities",
     "The average upheld rate of similar authorities (the kind in authority_type), per cent."),
    ("upheld_per_100k", "per_100k", "Upheld decisions per 100,000 residents",
     "Upheld decisions per 100,000 residents, to one decimal place."),
    ("average_upheld_per_100k", "per_100k", "Average upheld decisions per 100,000 residents",
     "The average for authorities of this type, per 100,000 residents, to one decimal place."),
    ("compliance_rate", "percent", "Compliance with recommendations",
     "The share of compliance outcomes where the council did what the Ombudsman recommended, per cent."),
    ("compliance_outcomes", "count", "Compliance outcomes",
     "The number of compliance outcomes the compliance rate is a share of."),
    ("average_compliance_rate", "percent", "Average compliance, similar authorities",
     "The average compliance rate of similar authorities, per cent."),
    ("satisfactory_remedy_rate", "percent", "Satisfactory remedy provided by the council",
     "The share of upheld decisions where the council had already put things right, per cent; checked against the counts."),
    ("satisfactory_remedies", "count", "Satisfactory remedies provided by the council",
     "The number of upheld decisions where the council had already put things right."),
    ("average_satisfactory_remedy_rate", "percent", "Average satisfactory remedy rate, similar authorities",
     "The average satisfactory remedy rate of similar authorities, per cent."),
))
OMBUDSMAN_BY_KEY = {f.key: f for f in OMBUDSMAN_FIELDS}

TOP_LEVEL = ("year", "ombudsman", "code", "actions")
OMBUDSMAN_KEYS = ("authority_type", *(f.key for f in OMBUDSMAN_FIELDS), "letter", "reports")
LINK_KEYS = ("date", "url")
REPORT_KEYS = ("title", "date", "url")
CODE_KEYS = ("variant", "self_assessment", "non_compliance", "refused", "improvements", "response")
SELF_ASSESSMENT_KEYS = ("section", "requirement", "complies", "evidence", "action", "due")
NON_COMPLIANCE_KEYS = ("finding", "date")
REFUSED_KEYS = ("type", "count")
IMPROVEMENT_KEYS = ("text",)
RESPONSE_KEYS = ("committee", "date", "text")
ACTION_KEYS = ("id", "raised", "learned", "change", "responsible", "due", "status", "progress")

DEFINITIONS: dict[str, str] = {
    "year": 'The reporting year, 1 April to 31 March, written "YYYY-YY"; it must match the file name.',
    "ombudsman": ("The Local Government and Social Care Ombudsman's figures for the council as a whole, as published "
                  "on its \"Your council's performance\" pages and annual letter. Write null for a figure that is not published."),
    "ombudsman.authority_type": "The kind of similar authorities the averages are for: " + ", ".join(AUTHORITY_TYPES) + ".",
    "ombudsman.letter": "The Ombudsman's annual letter to the council: its date and web address.",
    "ombudsman.reports": "Other Ombudsman reports about the council: title, date and web address of each.",
    "code": f"The Complaint Handling Code's annual report (from {CODE_FIRST_YEAR} on), following paragraph 8.1 of the Code.",
    "code.variant": "Which Code: lgsco (the Local Government and Social Care Ombudsman's) or housing (the Housing Ombudsman's).",
    "code.self_assessment": ("The self-assessment against the Code, one entry per section: section, requirement in brief, "
                             "complies (yes, partly or no), evidence, and an optional action with its due date. "
                             "Empty when none has been published."),
    "code.non_compliance": "Findings of non-compliance with the Code: the finding and its date.",
    "code.refused": "Complaints the council refused to accept, by type, with a count.",
    "code.improvements": "Service improvements made from learning from complaints.",
    "code.response": "The governing body's response to the report: the committee, the date and the text. Leave it out until it is given.",
    "actions": ("Learning and actions, carried from year to year: id (unique across years), raised (the year it first "
                "appears), learned, change, responsible (a role, never a person's name), due (a date or null), status "
                "(planned, in progress, done or dropped) and optional progress. A later year repeats each open action "
                "with its new status."),
}
