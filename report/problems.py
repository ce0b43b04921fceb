"""Problems found in data files: where, what, and what was expected."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["Problem", "DataErrors", "errors_footer", "visible", "is_noncharacter", "is_hidden", "first_hidden", "show"]

_LINE_BREAKS = re.compile(r"[\t\n\r\v\f ]+")

# The one policy for characters refused in text from any input (data, settings, commentary,
# procedures, the lock): control (Cc), format: bidirectional and zero-width (Cf), lone
# surrogates (Cs), line and paragraph separators (Zl, Zp), private use (Co), and the
# noncharacters (U+FDD0-FDEF, U+xFFFE, U+xFFFF: vl-convert crashes on them).
# Unassigned code points (Cn) are NOT refused: an emoji newer than this Python's Unicode
# tables is Cn here, and a council may well write one.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp", "Co"})


def is_noncharacter(char: str) -> bool:
    """U+FDD0-FDEF and the last two code points of every plane (U+xFFFE, U+xFFFF).

    >>> is_noncharacter("\ufdd0"), is_noncharacter("\U0010ffff"), is_noncharacter("\ufffd")
    (True, True, False)
    """
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def is_hidden(char: str) -> bool:
    """Whether ``char`` is refused in text: it shows nothing, reorders or breaks the text
    around it, has no agreed shape, or cannot be drawn (see HIDDEN_CATEGORIES).

    >>> [is_hidden(c) for c in ("a", "\u202e", "\x1b", "\u2028", "\ue000", "\uffff", "\U0001fae9")]
    [False, True, True, True, True, True, False]
    """
    return unicodedata.category(char) in HIDDEN_CATEGORIES or is_noncharacter(char)


def first_hidden(text: str, allowed: str = "") -> int | None:
    """The index of the first character of ``text`` that ``is_hidden`` refuses (those in
    ``allowed``, such as tab and line break in running text, excepted), or None.

    >>> first_hidden("ab\u200bc"), first_hidden("a\tb", allowed="\t")
    (2, None)
    """
    return next((i for i, char in enumerate(text) if char not in allowed and is_hidden(char)), None)


def show(value: object, limit: int = 60) -> str:
    r"""A value for a message: quoted, every character that would not show as itself
    written as an escape code, cut short at ``limit``.

    >>> show("a\u202eb"), show("x" * 10, limit=8)
    ("'a\\u202eb'", "'xxxx...")
    """
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in repr(value))
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


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
