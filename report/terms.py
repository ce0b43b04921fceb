"""What the terms mean: the words of the complaints process, defined for readers.

``definitions()`` is the one source of the "What the terms mean" box on the
year page and the About page. The definitions of the stages come from the
field definitions in ``report.fields`` for now; the series engine switches
them to the procedure's own words by giving ``definitions`` a procedure.
Plain text out (escaped where it is shown).
"""

from __future__ import annotations

from typing import Any

from . import fmt
from .fields import FIELD_BY_PATH

__all__ = ["TERMS", "definitions", "small_numbers_rule"]

# Each term with the field whose definition it takes, or its own words when no
# field defines the term itself (an outcome is a finding, not a count).
TERMS: tuple[tuple[str, str | None, str], ...] = (
    ("Contacts", "complaints.contacts", ""),
    ("Informal resolution", None,
     "Dealing with a complaint quickly and outside the formal process, when the person complaining agrees; "
     "these contacts do not enter stage 1."),
    ("Stage 1", "complaints.stage1", ""),
    ("Stage 2", "complaints.stage2", ""),
    ("Stage 3", "complaints.stage3", ""),
    ("Upheld", None, "The council found the complaint was justified in full."),
    ("Partially upheld", None, "The council found part of the complaint was justified."),
)


def definitions(procedure: Any = None) -> tuple[tuple[str, str], ...]:
    """(term, meaning) pairs in reading order; ``procedure`` is reserved for the series engine
    (its stages' own definitions replace the field definitions)."""
    out = []
    for term, path, own in TERMS:
        out.append((term, FIELD_BY_PATH[path].definition if path else own))
    return tuple(out)


def small_numbers_rule(style: fmt.HouseStyle) -> str:
    """The small-numbers rule in words, from the house style's threshold (``fmt.small_numbers``)."""
    n = fmt.number(style.small_numbers)
    return (f"Small numbers: when either of two counts compared is under {n}, the change between them is given "
            f"as numbers, not as a per cent (\"3, up from 2\", not \"up 50% from 2\"), because a per cent of a small "
            f"number changes a lot by chance. A per cent of fewer than {n} is shown with the words "
            f"\"{fmt.SMALL_CAUTION}\".")
