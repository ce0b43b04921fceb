"""Problems found in data files: where, what, and what was expected."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Problem", "DataErrors", "errors_footer", "visible"]

_LINE_BREAKS = re.compile(r"[\t\n\r\v\f ]+")


def visible(text: str) -> str:
    r"""``text`` on one line, with every character a terminal would not show as
    itself written as a visible code, so no escape sequence or bidirectional
    override from a data file reaches the terminal.

    >>> visible("a\x1b[31mb\u202ec\n d")
    'a\\x1b[31mbU+202Ec d'
    """
    out = []
    for char in _LINE_BREAKS.sub(" ", text):
        if unicodedata.category(char) == "Zs":  # no-break, thin and other spaces read as a space
            out.append(" ")
        elif char.isprintable():
            out.append(char)
        elif ord(char) < 0x100:
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(f"U+{ord(char):04X}")
    return "".join(out).strip()


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One error or warning about one place in one file.

    >>> str(Problem("data/2022-23.yaml", 14, "complaints.informal", "140 is more than complaints.contacts (129)"))
    'data/2022-23.yaml:14: complaints.informal: 140 is more than complaints.contacts (129)'
    """

    path: str
    line: int
    field: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        what = f"{self.field}: {self.message}" if self.field else self.message
        return visible(f"{where}: {'warning: ' if self.warning else ''}{what}")  # always one line, nothing hidden


class DataErrors(Exception):
    """Raised when data files have errors; carries every one of them."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(p for p in problems if not p.warning)
        super().__init__(self.summary())

    def summary(self) -> str:
        return "\n".join([*(str(p) for p in self.problems), errors_footer(self.problems)])


def errors_footer(errors: list[Problem]) -> str:
    """The one closing line after the errors of a run: "2 errors in 1 file. Nothing was built. (...)"."""
    count = len(errors)
    files = len({p.path for p in errors})
    return (f"{count} error{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}. "
            "Nothing was built. (The data file format is described in README.md.)")
