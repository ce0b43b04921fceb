"""What the terms mean: the words of the complaints process, defined for readers.

``definitions()`` is the one source of the "What the terms mean" box on the
year page and the About page. The stages are the procedure's own, named and
defined from it (``report.fields.fields_for``).
Plain text out (escaped where it is shown).
"""

from __future__ import annotations

from typing import Any

from . import fmt
from .fields import fields_for
from .procedures import DEFAULT_PROCEDURE, preset

__all__ = ["definitions", "small_numbers_rule"]

INFORMAL = ("Dealing with a complaint quickly and outside the formal process, when the person complaining agrees; "
            "these contacts do not enter {first}.")
OUTCOMES = (
    ("Upheld", "The council found the complaint was justified in full."),
    ("Partially upheld", "The council found part of the complaint was justified."),
)


def definitions(procedure: Any = None) -> tuple[tuple[str, str], ...]:
    """(term, meaning) pairs in reading order: contacts and informal resolution where the
    procedure records them, each of its stages in its own words, then the outcomes.
    Without a ``procedure``, the children's preset (schema 1's wording)."""
    procedure = procedure or preset(DEFAULT_PROCEDURE)
    worded = {f.path: f.definition for f in fields_for(procedure)}
    out = []
    if procedure.early_resolution:
        out += [("Contacts", worded["complaints.contacts"]),
                ("Informal resolution", INFORMAL.format(first=procedure.stages[0].in_text))]
    out += [(stage.name, worded[f"complaints.stage{stage.number}"]) for stage in procedure.stages]
    return tuple(out) + OUTCOMES


def small_numbers_rule(style: fmt.HouseStyle) -> str:
    """The small-numbers rule in words, from the house style's threshold (``fmt.small_numbers``)."""
    n = fmt.number(style.small_numbers)
    return (f"Small numbers: when either of two counts compared is under {n}, the change between them is given "
            f"as numbers, not as a per cent (\"3, up from 2\", not \"up 50% from 2\"), because a per cent of a small "
            f"number changes a lot by chance. A per cent of fewer than {n} is shown with the words "
            f"\"{fmt.SMALL_CAUTION}\".")
