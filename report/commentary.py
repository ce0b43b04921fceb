"""Check an officer's commentary for figures typed by hand.

A hand-typed percentage, or a hand-typed number of 10 or more that equals one
of the year's figures, is an error naming the macro to use instead. Years,
dates and labels such as "stage 2" are not statistics.
"""

from __future__ import annotations

import re

from .present import YearReport, figure_value
from .fields import COUNT_FIELDS
from .problems import Problem

__all__ = ["check_commentary"]

_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_NOT_STATISTICS = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+({_MONTHS})(\s+\d{{4}})?\b"           # 8 March 2024
    rf"|\b({_MONTHS})\s+\d{{4}}\b"                                       # March 2024
    r"|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b"                # 2024-03-08, 8/3/24
    r"|\b(19|20)\d{2}\s*(-|/|to)\s*(19|20)?\d{2}\b|\b(19|20)\d{2}\b"     # 2022-23, 2022/23, 2022 to 2023, 2024
    r"|\b(stage|step|tier|level|section|item|appendix|page|paragraph|para|chapter|part|phase|table|figure|note|version)\s+\d+\b",
    re.I,
)
_PERCENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*(?:%|per\s*cent\b|percent\b)", re.I)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\d])|(?<![\w.,])\d+(?![\w.]\d|\d)")


def check_commentary(text: str, report: YearReport, shown: str) -> list[Problem]:
    """Problems in a commentary file's source text (before macros run)."""
    problems = []
    by_display = {v.display: name for name, v in report.statistics.items() if v.display}
    figures: dict[int, str] = {}
    for f in COUNT_FIELDS:
        value = figure_value(report.year, f.path)
        if value is not None and value >= 10:
            figures.setdefault(value, f.path)
    for number, line in enumerate(text.splitlines(), start=1):
        plain = _NOT_STATISTICS.sub(" ", _TEMPLATE.sub(" ", line))
        for match in _PERCENT.finditer(plain):
            typed = match.group(0)
            value = re.match(r"[\d.]+", typed).group(0) + "%"
            name = by_display.get(value)
            macro = f"{{{{ stat('{name}') }}}}" if name else "{{ stat('<name>') }} (names are listed on the About page)"
            problems.append(Problem(shown, number, "", f"hand-typed percentage '{typed}': use {macro} so the figure comes from the data"))
        plain = _PERCENT.sub(" ", plain)
        for match in _NUMBER.finditer(plain):
            value = int(match.group(0).replace(",", ""))
            if value in figures:
                problems.append(Problem(shown, number, "",
                                        f"hand-typed number '{match.group(0)}' equals {figures[value]}: "
                                        f"use {{{{ figure('{figures[value]}') }}}} so the figure comes from the data"))
    return problems
