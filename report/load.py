"""Read ``data/*.yaml`` into the model, reporting every problem by file and line.

The YAML is composed into nodes (never constructed by PyYAML), so that every
key keeps its line, and so that tags that build objects, anchors and aliases,
and duplicate keys can be refused before anything is made from them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fields import (
    BREAKDOWN_BY,
    COUNT_GROUPS,
    FIELD_BY_PATH,
    MAX_BREAKDOWN_COLUMNS,
    MAX_BREAKDOWN_ROWS,
    MAX_BREAKDOWNS,
    MAX_BYTES,
    MAX_COUNT,
    MAX_COUNT_DIGITS,
    MAX_DEPTH,
    MAX_ENTRIES,
    MAX_NAME_LENGTH,
    MAX_NOTES,
    MAX_REVISIONS,
    MAX_TEXT_LENGTH,
    MAX_THEMES,
    MAX_VALUES,
    TOP_LEVEL_KEYS,
    fields_for,
)
from .model import (
    Breakdown,
    BreakdownColumn,
    BreakdownRow,
    Complaints,
    Context,
    Dataset,
    Note,
    Ombudsman,
    Outcomes,
    ReportingYear,
    Revision,
    Source,
    Status,
    Theme,
    Timeliness,
    YearId,
)
from .problems import DataErrors, Problem, first_hidden, is_noncharacter
from .procedures import DEFAULT_PROCEDURE, Procedure, preset

__all__ = ["check_dir", "load_dir", "load_file", "display_path", "CheckResult"]

YEAR_FILE = re.compile(r"[0-9]{4}-[0-9]{2}\.yaml\Z")
# Files that may sit in data/ beside the year files.
NOT_YEAR_FILES = {"schema.json", "published.lock.json", "README.md", ".gitkeep", "series.yaml"}

_T = "tag:yaml.org,2002:"
_GROUP_CLASSES = {
    "context": Context, "complaints": Complaints, "outcomes": Outcomes, "outcomes_stage2": Outcomes,
    "outcomes_stage3": Outcomes, "timeliness": Timeliness, "ombudsman": Ombudsman,
}
_DAYS = re.compile(r"(0|[1-9][0-9]{0,3})(\.[0-9])?")  # an average of working days: 12 or 12.4


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature we do not accept (anchors, aliases, deep nesting)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors, aliases, deep nesting and too many
    values while composing (so no crafted file can exhaust the stack or take
    long), and marks each node written with an explicit tag (``!!int 5``,
    ``!foo``), which a composed node does not otherwise remember."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0
        self.values = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(None, None, f"the alias '*{_clip(event.anchor)}' is not allowed (write the value out in full)", event.start_mark)
        if getattr(event, "anchor", None):
            raise _Refused(
                None, None, f"the anchor '&{_clip(event.anchor)}' is not allowed (write each value out in full)", event.start_mark
            )
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                None,
                None,
                f"the data is nested more than {MAX_DEPTH} levels deep (a year file needs at most 4; check the brackets and indentation)",
                event.start_mark,
            )
        if parent is not None and len(parent.value) >= MAX_ENTRIES:
            raise _Refused(
                None,
                None,
                f"a list or group has more than {MAX_ENTRIES:,} entries (a year file holds at most {MAX_REVISIONS} notes or revisions)",
                event.start_mark,
            )
        self.values += 1
        if self.values > MAX_VALUES:
            raise _Refused(
                None,
                None,
                f"the file holds more than {MAX_VALUES:,} values (names, numbers and texts; a year file holds a few hundred)",
                event.start_mark,
            )
        self.depth += 1
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
        if event.tag is not None:  # a tag written in the file, not one YAML inferred
            node.explicit_tag = event.tag
        return node


@dataclass(frozen=True)
class CheckResult:
    """What checking a data folder found."""

    dataset: Dataset
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def check_dir(data_dir: str | Path, display_dir: str | None = None, procedure: Procedure | None = None) -> CheckResult:
    """Check every file in ``data_dir`` against ``procedure`` (default: the
    children's preset, what a single-series site follows); never raises for a data problem."""
    procedure = procedure or preset(DEFAULT_PROCEDURE)
    data_dir = Path(data_dir)
    shown = display_dir if display_dir is not None else display_path(data_dir)
    problems: list[Problem] = []
    years: list[ReportingYear] = []
    claimed: dict[YearId, str] = {}
    if not data_dir.is_dir():
        problems.append(Problem(shown, 0, "", "the data folder does not exist (expected a folder of YYYY-YY.yaml files)"))
        return CheckResult(Dataset(), tuple(problems), ())
    for path in sorted(data_dir.iterdir()):
        name = f"{shown}/{path.name}"
        if path.name in NOT_YEAR_FILES or path.name.startswith("."):
            if YEAR_FILE.match(path.name[1:]):
                problems.append(Problem(name, 0, "", f"hidden file ignored: its name starts with a dot (rename it to {path.name[1:]} "
                                        "to publish it, or delete it)", warning=True))
            continue
        if path.is_dir() and not path.is_symlink() and not YEAR_FILE.match(path.name):
            continue
        if not YEAR_FILE.match(path.name):
            if path.suffix in (".yaml", ".yml"):
                hint = f"rename it to {path.stem}.yaml" if re.fullmatch(r"\d{4}-\d{2}", path.stem) else "rename it like 2022-23.yaml"
            else:
                hint = "move it out of the data folder"
            problems.append(Problem(name, 0, "", f"not a year file: expected files named like 2022-23.yaml ({hint})"))
            continue
        refused = _not_a_regular_file(path, data_dir)
        if refused:
            problems.append(Problem(name, 0, "", refused))
            continue
        year, claim, found = _load(path, name, procedure)
        problems.extend(found)
        if claim and claim[0] in claimed:
            problems.append(Problem(name, claim[1], "year", f"{claim[0].id} is also the year of {claimed[claim[0]]} (one file per year)"))
        elif claim:
            claimed[claim[0]] = name
        if year is not None:
            years.append(year)
    seen = {year.year: year for year in years}
    errors = tuple(sorted(p for p in problems if not p.warning))
    warnings = tuple(sorted(p for p in problems if p.warning))
    dataset = Dataset(tuple(seen.values())) if not errors else Dataset()
    return CheckResult(dataset, errors, warnings)


def load_dir(data_dir: str | Path, procedure: Procedure | None = None) -> Dataset:
    """Load every year in ``data_dir``, or raise DataErrors listing every problem."""
    result = check_dir(data_dir, procedure=procedure)
    if result.errors:
        raise DataErrors(list(result.errors))
    return result.dataset


def load_file(path: str | Path, shown: str | None = None, procedure: Procedure | None = None) -> tuple[ReportingYear | None, list[Problem]]:
    """Load one year file; return the year (None on error) and its problems."""
    year, _, problems = _load(Path(path), shown, procedure or preset(DEFAULT_PROCEDURE))
    return year, problems


def _load(path: Path, shown: str | None, procedure: Procedure) -> tuple[ReportingYear | None, tuple[YearId, int] | None, list[Problem]]:
    shown = shown or display_path(path)
    raw = _read(path)
    if isinstance(raw, str):
        return None, None, [Problem(shown, 0, "", raw)]
    reader = _Reader(shown, procedure)
    text = reader.decode(raw)
    if text is None:
        return None, None, reader.problems
    root = reader.compose(text)
    if root is None:
        return None, None, reader.problems
    year = reader.year_file(root, path.name)
    claimed = (reader.year_id, reader.year_line) if reader.year_id else None
    return (year if not reader.errors() else None), claimed, reader.problems


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _not_a_regular_file(path: Path, data_dir: Path) -> str | None:
    """Why ``path`` must not be opened as a year file, or None when it may be.

    Decided from the file's status alone, before it is opened: opening a FIFO
    blocks, and a device such as /dev/zero never ends.
    """
    try:
        if path.is_symlink():
            if not path.exists():
                raise FileNotFoundError
            if not path.resolve().is_relative_to(data_dir.resolve()):
                return "is a symbolic link to a file outside the data folder (copy the file into the data folder instead)"
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "is a symbolic link to a file that does not exist (replace it with the year file itself)"
    except (OSError, RuntimeError) as err:  # RuntimeError: a symbolic link loop
        return f"cannot be read: {getattr(err, 'strerror', None) or 'a symbolic link loop'}"
    kind = _kind(mode)
    return f"is {kind}, not a file (a year file is a YAML text file)" if kind else None


def _read(path: Path) -> bytes | str:
    """The bytes of a regular file of at most MAX_BYTES, or why they cannot be read."""
    try:
        kind = _kind(path.stat().st_mode)
        if kind:
            return f"is {kind}, not a file (a year file is a YAML text file)"
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            info = os.fstat(file.fileno())
            kind = _kind(info.st_mode)  # it may have been replaced since it was checked
            if kind:
                return f"is {kind}, not a file (a year file is a YAML text file)"
            raw = file.read(MAX_BYTES + 1)
    except OSError as err:
        return f"cannot be read: {err.strerror}"
    if len(raw) > MAX_BYTES:
        size = max(info.st_size, len(raw))
        return f"the file is {size:,} bytes, more than the limit of {MAX_BYTES:,} bytes (1 MiB); a year file is a few kilobytes"
    return raw


def display_path(path: Path) -> str:
    """A path as problems show it: relative to the working directory when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):  # elsewhere, or no working directory
        return str(path)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _show(node: Node) -> str:
    """A node's value as the reader typed it (shortened if long)."""
    if isinstance(node, ScalarNode):
        return repr(_clip(node.value)) if node.tag == _T + "str" else _clip(node.value)
    return "a list" if isinstance(node, SequenceNode) else "a group of fields"


def _clip(text: str, limit: int = 40) -> str:
    """``text`` short enough to echo in a one-line message."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text):,} characters)"


def _tagged(node: Node) -> str | None:
    """The tag written on ``node`` in the file, as written (``!!int``, ``!foo``), if any."""
    tag = getattr(node, "explicit_tag", None)
    return None if tag is None else _clip(tag.replace(_T, "!!") if tag.startswith(_T) else tag)


def _is_count(dotted: str) -> bool:
    return dotted in FIELD_BY_PATH or bool(re.fullmatch(
        r"themes\[\d+\]\.count|revisions\[\d+\]\.(from|to)|quarters\[\d+\]|breakdowns\[\d+\]\.rows\[\d+\]\.[a-z0-9_]+", dotted))


def _is_date(dotted: str) -> bool:
    return dotted == "published" or bool(re.fullmatch(r"revisions\[\d+\]\.date", dotted))


# Characters that draw nothing: a name made only of these (and spaces) looks empty.
_BLANK_LOOKING = {"\u115f", "\u1160", "\u3164", "\uffa0", "\u2800"}
_FORMAT_NAMES = {
    "Cc": "a control character",
    "Cs": "half of a character (a lone surrogate)",
    "Zl": "a line separator",
    "Zp": "a paragraph separator",
}


MAX_COMBINING = 3  # marks on one letter: a few are real text (Vietnamese); more pile up over the lines around


def _bad_character(text: str, running_text: bool) -> str | None:
    """Why ``text`` may not be published, if it holds a character that
    ``problems.is_hidden`` refuses (control, format: bidirectional and zero-width,
    separator, lone surrogate, private-use, noncharacter: vl-convert crashes on
    those) or a pile of combining marks on one letter. Running text (notes,
    reasons) may hold tabs and line breaks; names and titles may not."""
    index = first_hidden(text, allowed="\t\n" if running_text else "")
    if index is not None:
        char = text[index]
        code, category = f"U+{ord(char):04X}", unicodedata.category(char)
        if char == "\n":
            return f"holds a line break ({code}), which a name or title cannot (write it on one line)"
        if char == "\t":
            return f"holds a tab ({code}), which a name or title cannot (use a space)"
        if is_noncharacter(char):
            return f"holds {code}, a noncharacter, which is not allowed in text (delete it: it cannot be shown or drawn in a chart)"
        if category == "Co":
            return f"holds {code}, a private-use character, which is not allowed in text (delete it: it has no standard meaning or shape)"
        what = _FORMAT_NAMES.get(category) or f"the invisible character {unicodedata.name(char, 'with no name')}"
        if category == "Cf":
            what = what.lower()
        return f"holds {code}, {what}, which is not allowed in text (delete it: it is invisible or changes how the text around it is shown)"
    run = 0
    for char in text:
        run = run + 1 if unicodedata.category(char) in ("Mn", "Me") else 0
        if run > MAX_COMBINING:
            return (f"holds more than {MAX_COMBINING} combining marks in a row (U+{ord(char):04X}), which is not allowed in text "
                    "(delete them: they pile up over the text around)")
    return None


def _looks_empty(text: str) -> bool:
    return all(char.isspace() or char in _BLANK_LOOKING or unicodedata.category(char) in ("Mn", "Me") for char in text)


_FRIENDLY_YAML = (
    ("found character '\\t' that cannot start any token", "a tab character: indent with spaces, not tabs"),
    ("found a tab character", "a tab character: indent with spaces, not tabs"),
    ("found unexpected end of stream", "a quoted text is not closed (add the closing quote)"),
    ("found unknown escape character", "a backslash in double quotes (use single quotes, or write \\\\)"),
    (
        "mapping values are not allowed here",
        "a colon in an unexpected place (put text containing ': ' in quotes, or check the indentation)",
    ),
    ("expected <block end>, but found", "this line's indentation does not match the lines above it"),
    ("could not find expected ':'", "expected 'name: value' here (a colon is missing, or a quote is not closed)"),
    ("expected a single document", "more than one YAML document ('---'): one file holds one year"),
    ("found undefined alias", "an alias ('*name') is not allowed (write the value out in full)"),
)


class _Reader:
    """Walks one composed file, building the model and collecting problems."""

    def __init__(self, shown: str, procedure: Procedure | None = None):
        self.shown = shown
        self.procedure = procedure or preset(DEFAULT_PROCEDURE)
        self.has = {f.path for f in fields_for(self.procedure)}  # the figures its procedure has
        self.problems: list[Problem] = []
        self.revision_lines: list[tuple[int, str]] = []  # (line, where) of each kept revision
        self.quarters_line = 0
        self.year_id: YearId | None = None  # the year the file claims, even when it has errors
        self.year_line = 1

    # -- problems ---------------------------------------------------------

    def error(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, field, message))

    def warn(self, line: int, field: str, message: str) -> None:
        self.problems.append(Problem(self.shown, line, field, message, warning=True))

    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    # -- bytes -> text -> nodes --------------------------------------------

    def decode(self, raw: bytes) -> str | None:
        if raw.startswith(b"\xef\xbb\xbf") or raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.error(1, "", "the file starts with a byte-order mark (save it as UTF-8 without BOM)")
            return None
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            line = raw[: err.start].count(b"\n") + 1
            self.error(line, "", f"not UTF-8 text: byte 0x{raw[err.start]:02x} cannot be read (save the file as UTF-8)")
            return None
        if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
            self.error(1, "", "the file is empty (expected fields such as 'year: 2022-23' and 'status: published')")
            return None
        return text

    def compose(self, text: str) -> MappingNode | None:
        try:
            loader = _Loader(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            line = mark.line + 1 if mark else 0
            problem = f"{err.problem or ''} {err.context or ''}".strip()
            if isinstance(err, _Refused):
                self.error(line, "", err.problem or "")
                return None
            for needle, friendly in _FRIENDLY_YAML:
                if needle in problem:
                    self.error(line, "", f"YAML syntax: {friendly}")
                    return None
            self.error(line, "", f"YAML syntax: {problem} (expected 'name: value' lines, indented with spaces)")
            return None
        except yaml.reader.ReaderError as err:
            line = text[: err.position].count("\n") + 1
            code = err.character if isinstance(err.character, int) else ord(err.character)
            self.error(line, "", f"the invisible control character U+{code:04X} is not allowed in a data file (delete it)")
            return None
        except yaml.YAMLError as err:
            self.error(1, "", f"YAML syntax: {err}")
            return None
        if root is None:
            self.error(1, "", "the file is empty (expected fields such as 'year: 2022-23' and 'status: published')")
            return None
        self._refuse_tags(root)
        if _tagged(root):
            return None
        if not isinstance(root, MappingNode):
            self.error(_line(root), "", f"expected a mapping of fields ('year: 2022-23', 'status: published', ...), got {_show(root)}")
            return None
        return root

    def _refuse_tags(self, root: Node) -> None:
        """Report every value written with a tag, naming its field; the walker
        then skips those values. A tag either builds an object or changes how
        a value is read (``!!int "0b1111111"`` is 127), so none is allowed."""
        stack: list[tuple[Node, str, int]] = [(root, "", _line(root))]
        while stack:
            node, dotted, line = stack.pop()
            tag = _tagged(node)
            if tag:
                if _is_count(dotted):
                    cure = "write the value plainly: 129, or null"
                elif _is_date(dotted):
                    cure = "write the date plainly: 2024-03-08"
                else:
                    cure = "write the value plainly, without a tag"
                self.error(line, dotted, f"the YAML tag '{tag}' is not allowed ({cure})")
            elif isinstance(node, MappingNode):
                for key, value in node.value:
                    name = key.value if isinstance(key, ScalarNode) and key.tag == _T + "str" else None
                    child = f"{dotted}.{name}" if dotted and name else (name or dotted)
                    stack.append((value, child, _line(key)))
                    stack.append((key, child, _line(key)))
            elif isinstance(node, SequenceNode):
                stack.extend((item, f"{dotted}[{index + 1}]", _line(item)) for index, item in enumerate(node.value))

    # -- mappings -----------------------------------------------------------

    def mapping(self, node: Node, where: str, allowed: tuple[str, ...]) -> dict[str, tuple[Node, Node]] | None:
        """Keys of a mapping node -> (key node, value node); reports unknown and duplicate keys."""
        if _tagged(node):
            return None  # reported with the other tags
        if not isinstance(node, MappingNode):
            self.error(_line(node), where, f"expected a group of fields ({', '.join(allowed)}), got {_show(node)}")
            return None
        out: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            if _tagged(key):
                continue  # reported with the other tags
            name = key.value if isinstance(key, ScalarNode) else None
            dotted = f"{where}.{_clip(str(name))}" if where else _clip(str(name))
            if not isinstance(name, str) or key.tag == _T + "null":
                self.error(_line(key), where, f"unexpected key {_show(key)} (expected one of: {', '.join(allowed)})")
            elif name in out:
                self.error(_line(key), dotted, f"appears twice (first on line {_line(out[name][0])}; keep one)")
            elif name not in allowed:
                close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"expected one of: {', '.join(allowed)}"
                self.error(_line(key), dotted, f"unknown field ({hint})")
            else:
                out[name] = (key, value)
        return out

    # -- scalars ------------------------------------------------------------

    def count(self, pair: tuple[Node, Node] | None, dotted: str) -> int | None:
        """A count: plain decimal digits (``0`` or ``[1-9][0-9]*``), or null.

        Every other form is refused, including those YAML 1.1 reads as a
        number (``0100`` is octal 64, ``1:30`` is 90, ``0x81``, ``1_000``, ``+5``).
        """
        if pair is None:
            return None
        key, node = pair
        line = _line(key)
        if _tagged(node):
            return None  # reported with the other tags
        if not isinstance(node, ScalarNode):
            self.error(line, dotted, f"expected a whole number or null, got {_show(node)}")
            return None
        tag, text, plain = node.tag, node.value, node.style is None
        if tag == _T + "null" and plain:
            return None
        if plain and re.fullmatch(r"[0-9]+", text):
            digits = text.lstrip("0") or "0"
            if len(digits) > MAX_COUNT_DIGITS:  # before int(): a 5,000-digit number is refused, not converted
                shown = text if len(text) <= 20 else f"a number of {len(text):,} digits"
                self.error(line, dotted, f"{shown} is implausibly large (expected at most {MAX_COUNT:,}; check the figure)")
                return None
            if digits != text:
                self.error(
                    line,
                    dotted,
                    f"expected a whole number or null, got '{_clip(text)}', which is not a plain whole number "
                    f"(write {digits}, not {_clip(text)})",
                )
                return None
            value = int(text)
            if value > MAX_COUNT:
                self.error(line, dotted, f"{text} is implausibly large (expected at most {MAX_COUNT:,}; check the figure)")
                return None
            return value
        shown = _clip(text)
        example = "write a whole number such as 12, or null if not published"
        plain_number = "which is not a plain whole number"
        if len(text) > 100:
            self.error(line, dotted, f"expected a whole number or null, got '{shown}' ({example})")
        elif plain and re.fullmatch(r"-[0-9]+", text):
            self.error(line, dotted, f"{shown} is negative (expected a whole number of 0 or more, or null)")
        elif plain and re.fullmatch(r"\+[0-9]+", text):
            self.error(
                line,
                dotted,
                f"expected a whole number or null, got '{text}', {plain_number} (write {text[1:].lstrip('0') or '0'}, not {text})",
            )
        elif plain and re.fullmatch(r"[0-9]+(_+[0-9]+)+", text):
            digits = text.replace("_", "").lstrip("0") or "0"
            self.error(line, dotted, f"expected a whole number or null, got '{text}', {plain_number} (write {digits}, not {text})")
        elif tag == _T + "bool":
            self.error(line, dotted, f"expected a whole number or null, got '{text}', which YAML reads as true/false ({example})")
        elif tag == _T + "float" and "e" in text.lower():
            self.error(line, dotted, f"expected a whole number or null, got '{text}' in scientific notation (write the number in full)")
        elif tag == _T + "float" and re.fullmatch(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)", text):
            self.error(line, dotted, f"expected a whole number or null, got {text} ({example}; counts have no decimals)")
        elif tag == _T + "timestamp":
            self.error(line, dotted, f"expected a whole number or null, got the date {text} ({example})")
        elif tag in (_T + "int", _T + "float"):  # 0x81, 0o17, 0b101, 1:30, .inf, .nan ...
            self.error(
                line, dotted, f"expected a whole number or null, got '{text}', {plain_number} (write it in decimal digits only, such as 12)"
            )
        elif re.fullmatch(r"[-+]?[0-9]+(\.[0-9]*)?[eE][-+]?[0-9]+", text):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' in scientific notation (write the number in full)")
        elif re.fullmatch(r"[0-9]{1,3}(,[0-9]{3})+", text):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' (write it without commas: {text.replace(',', '')})")
        elif not plain and re.fullmatch(r"[0-9]+|null|Null|NULL|~", text):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' in quotes (remove the quotes)")
        elif plain and re.fullmatch(r"[-+]?\.?[0-9][0-9A-Za-z_:.]*", text):  # 0o17, 12abc, 1.2.3 ...
            self.error(
                line, dotted, f"expected a whole number or null, got '{text}', {plain_number} (write it in decimal digits only, such as 12)"
            )
        elif text.strip().lower() in ("n/a", "na", "none", "unknown", "-", "not known", "not published", ""):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' (write null for a figure that is not published)")
        else:
            self.error(line, dotted, f"expected a whole number or null, got '{shown}' ({example})")
        return None

    def text(
        self,
        pair: tuple[Node, Node] | None,
        dotted: str,
        required: bool = False,
        parent_line: int = 0,
        running: bool = False,
        limit: int | None = None,
    ) -> str | None:
        """Text as published: a name or title of at most MAX_NAME_LENGTH characters
        on one line, or ``running`` text (a note, a reason) of at most
        MAX_TEXT_LENGTH, checked after YAML's escapes are decoded."""
        if pair is None:
            if required:
                self.error(parent_line, dotted, "is missing (expected text)")
            return None
        key, node = pair
        if _tagged(node):
            return None  # reported with the other tags
        if isinstance(node, ScalarNode) and node.tag == _T + "null":
            if required:
                self.error(_line(key), dotted, "is empty (expected text)")
            return None
        if not isinstance(node, ScalarNode) or node.tag != _T + "str":
            self.error(_line(key), dotted, f"expected text, got {_show(node)} (put it in quotes if it is meant as text)")
            return None
        bad = _bad_character(node.value.strip(" \t\r\n"), running)
        if bad:
            self.error(_line(key), dotted, bad)
            return None
        value = node.value.strip()
        limit = limit or (MAX_TEXT_LENGTH if running else MAX_NAME_LENGTH)
        if len(value) > limit:
            kind = (
                "running text such as a note or reason" if running else "a name or title" if limit == MAX_NAME_LENGTH else "a web address"
            )
            self.error(_line(key), dotted, f"is {len(value):,} characters long, more than the limit of {limit:,} for {kind} (shorten it)")
            return None
        if not value:
            if required:
                self.error(_line(key), dotted, "is empty (expected text)")
            return None
        if _looks_empty(value):
            cure = "write the text" if required else "write the text, or delete the line"
            self.error(_line(key), dotted, f"looks empty: it holds only spaces or characters that show nothing ({cure})")
            return None
        return value

    def date(self, pair: tuple[Node, Node] | None, dotted: str) -> dt.date | None:
        if pair is None:
            return None
        key, node = pair
        if _tagged(node):
            return None  # reported with the other tags
        if isinstance(node, ScalarNode) and node.tag == _T + "null":
            return None
        timed = isinstance(node, ScalarNode) and re.match(r"\s*(\d{4}-\d{2}-\d{2})[Tt ]+\d", node.value)
        if timed and node.tag in (_T + "timestamp", _T + "str"):
            self.error(_line(key), dotted, f"{_show(node)} has a time part (write the date alone, {timed.group(1)})")
            return None
        if isinstance(node, ScalarNode) and node.tag in (_T + "timestamp", _T + "str"):
            try:
                value = _construct(node) if node.tag == _T + "timestamp" else dt.date.fromisoformat(node.value)
                return value.date() if isinstance(value, dt.datetime) else value
            except ValueError:
                pass
        self.error(_line(key), dotted, f"expected a date written YYYY-MM-DD, e.g. 2024-03-08, got {_show(node)}")
        return None

    def sequence(self, pair: tuple[Node, Node] | None, dotted: str, limit: int, what: str) -> list[Node]:
        """The items of a list of at most ``limit`` ``what``; past the limit,
        one error, and none of the items is read."""
        if pair is None:
            return []
        key, node = pair
        if _tagged(node):
            return []  # reported with the other tags
        if isinstance(node, ScalarNode) and node.tag == _T + "null":
            return []
        if not isinstance(node, SequenceNode):
            self.error(_line(key), dotted, f"expected a list (lines starting with '- '), got {_show(node)}")
            return []
        if len(node.value) > limit:
            self.error(_line(key), dotted, f"lists {len(node.value):,} {what}, more than the limit of {limit:,}")
            return []
        return node.value

    # -- the file -----------------------------------------------------------

    def year_file(self, root: MappingNode, filename: str) -> ReportingYear | None:
        top = self.mapping(root, "", TOP_LEVEL_KEYS) or {}
        lines = {name: _line(key) for name, (key, _) in top.items()}
        year = self._year(top.get("year"), filename)
        status = self._status(top.get("status"))
        published = self.date(top.get("published"), "published")
        if status is Status.PUBLISHED and "published" not in top:
            self.error(
                lines.get("published", lines.get("status", 1)),
                "published",
                "is required when status is published (the date the report was presented, e.g. 2024-03-08)",
            )
        elif status is Status.PUBLISHED and _is_null(top["published"][1]):
            self.error(
                lines["published"],
                "published",
                "is empty, but is required when status is published (the date the report was presented, e.g. 2024-03-08)",
            )
        groups: dict[str, Any] = {}
        for name, cls in _GROUP_CLASSES.items():
            groups[name], group_lines = self._group(top.get(name), name, cls)
            lines.update(group_lines)
        compliments = self.count(top.get("compliments"), "compliments")
        if "compliments" in top:
            lines["compliments"] = _line(top["compliments"][0])
        quarters = self._quarters(top.get("quarters"))
        breakdowns = self._breakdowns(top.get("breakdowns"))
        self._not_in_procedure(lines)
        for path in FIELD_BY_PATH.keys() - self.has:  # reported above: checked no further
            group, _, key = path.rpartition(".")
            if group in groups and getattr(groups[group], key) is not None:
                groups[group] = replace(groups[group], **{key: None})
        presented_to = self.text(top.get("presented_to"), "presented_to")
        source = self._source(top.get("source"))
        themes = self._themes(top.get("themes"))
        notes = self._notes(top.get("notes"))
        revisions = self._revisions(top.get("revisions"))
        if year is None or status is None:
            return None
        result = ReportingYear(
            year=year,
            status=status,
            published=published,
            presented_to=presented_to,
            source=source, compliments=compliments, quarters=quarters, breakdowns=breakdowns,
            themes=themes, notes=notes,
            revisions=revisions, path=self.shown, **groups,
        )
        _Consistency(self, result, lines).check()
        return result

    def _year(self, pair: tuple[Node, Node] | None, filename: str) -> YearId | None:
        if pair is None:
            self.error(1, "year", "is missing (expected e.g. 'year: 2022-23', matching the file name)")
            return None
        key, node = pair
        if _tagged(node):
            return None  # reported with the other tags
        text = _clip(node.value) if isinstance(node, ScalarNode) else _show(node)
        try:
            if not isinstance(node, ScalarNode) or node.tag not in (_T + "str", _T + "int"):
                raise ValueError('expected a year written "YYYY-YY", e.g. 2022-23')
            year = YearId.parse(str(text))
        except ValueError as err:
            self.error(_line(key), "year", f"'{text}' is not a reporting year ({err})")
            return None
        self.year_id, self.year_line = year, _line(key)
        if filename != f"{year.id}.yaml":
            self.error(
                _line(key),
                "year",
                f"{year.id} does not match the file name {filename} (rename the file to {year.id}.yaml, or correct the year)",
            )
        return year

    def _status(self, pair: tuple[Node, Node] | None) -> Status | None:
        if pair is None:
            self.error(1, "status", "is missing (expected 'status: published' or 'status: draft')")
            return None
        key, node = pair
        if _tagged(node):
            return None  # reported with the other tags
        value = node.value if isinstance(node, ScalarNode) else None
        try:
            return Status(value)
        except ValueError:
            self.error(_line(key), "status", f"expected draft or published, got {_show(node)}")
            return None

    def _group(self, pair: tuple[Node, Node] | None, name: str, cls: type) -> tuple[Any, dict[str, int]]:
        if pair is None or (isinstance(pair[1], ScalarNode) and pair[1].tag == _T + "null"):
            return cls(), {}
        keys = tuple(f.key for f in COUNT_GROUPS[name])
        found = self.mapping(pair[1], name, keys)
        if found is None:
            return cls(), {}
        values = {key: (self.days if key.endswith("_average_days") else self.count)(found.get(key), f"{name}.{key}") for key in keys}
        lines = {f"{name}.{key}": _line(found[key][0]) for key in found}
        return cls(**values), lines

    def days(self, pair: tuple[Node, Node] | None, dotted: str) -> Fraction | None:
        """An average of working days: plain digits with at most one decimal place (12 or 12.4), or null."""
        if pair is None:
            return None
        key, node = pair
        if _tagged(node):
            return None  # reported with the other tags
        if isinstance(node, ScalarNode) and node.tag == _T + "null" and node.style is None:
            return None
        text = node.value if isinstance(node, ScalarNode) and node.style is None else None
        if text is None or not _DAYS.fullmatch(text):
            self.error(_line(key), dotted, f"expected an average number of working days with at most one decimal place, "
                                           f"such as 12 or 12.4, or null, got {_show(node)}")
            return None
        return Fraction(text)

    def _not_in_procedure(self, lines: dict[str, int]) -> None:
        """A figure the series' procedure does not have is an error wherever it is written."""
        for path, line in lines.items():
            if path in FIELD_BY_PATH and path not in self.has:
                self.error(line, path, self._missing(path))

    def _missing(self, path: str) -> str:
        p = self.procedure
        field = FIELD_BY_PATH[path]
        if field.early and not p.early_resolution:
            why = "records no contacts or early resolution before the first stage"
        else:
            why = f"has {p.stage_count}"
        return f"is not one of the figures of the {p.name}, which {why} (delete the line)"

    def _quarters(self, pair: tuple[Node, Node] | None) -> tuple[int | None, ...]:
        items = self.sequence(pair, "quarters", 4, "quarters")
        if pair is None or not items:
            return ()
        if len(items) != 4:
            self.error(_line(pair[0]), "quarters", f"lists {len(items)} counts (expected exactly 4: April-June, July-September, "
                                                   "October-December, January-March; null for one not published)")
            return ()
        self.quarters_line = _line(pair[0])
        return tuple(self.count((item, item), f"quarters[{i + 1}]") for i, item in enumerate(items))

    def _breakdowns(self, pair: tuple[Node, Node] | None) -> tuple[Breakdown, ...]:
        out = []
        titles: set[str] = set()
        for where, line, found in self._items(pair, "breakdowns", ("title", "by", "columns", "rows", "note"), MAX_BREAKDOWNS):
            title = self.text(found.get("title"), f"{where}.title", required=True, parent_line=line)
            if title is not None and title.casefold() in titles:
                self.error(_line(found["title"][0]), f"{where}.title",
                           f"'{title}' is the title of another breakdown (give each its own title)")
            titles.add((title or "").casefold())
            by = self.text(found.get("by"), f"{where}.by", required=True, parent_line=line)
            if by is not None and by not in BREAKDOWN_BY:
                self.error(_line(found["by"][0]), f"{where}.by", f"'{_clip(by)}' is not one of: {', '.join(BREAKDOWN_BY)}")
                by = None
            columns = []
            for cwhere, cline, cfound in self._items(found.get("columns"), f"{where}.columns", ("id", "label"), MAX_BREAKDOWN_COLUMNS):
                cid = self.text(cfound.get("id"), f"{cwhere}.id", required=True, parent_line=cline)
                label = self.text(cfound.get("label"), f"{cwhere}.label", required=True, parent_line=cline)
                if cid is not None and (not re.fullmatch(r"[a-z][a-z0-9_]{0,39}", cid) or cid in ("name", "count")):
                    self.error(_line(cfound["id"][0]), f"{cwhere}.id",
                               f"'{_clip(cid)}' is not a column id (expected lower-case letters, digits and _, "
                                                                         "starting with a letter, not name or count)")
                    cid = None
                elif cid is not None and cid in [c.id for c in columns]:
                    self.error(_line(cfound["id"][0]), f"{cwhere}.id", f"'{cid}' is the id of another column (give each column its own id)")
                    cid = None
                if cid is not None and label is not None:
                    columns.append(BreakdownColumn(cid, label))
            ids = tuple(c.id for c in columns)
            rows, names = [], set()
            for rwhere, rline, rfound in self._items(found.get("rows"), f"{where}.rows", ("name", "count") + ids, MAX_BREAKDOWN_ROWS):
                name = self.text(rfound.get("name"), f"{rwhere}.name", required=True, parent_line=rline)
                count = self.count(rfound.get("count"), f"{rwhere}.count")
                values = tuple(self.count(rfound.get(c), f"{rwhere}.{c}") for c in ids)
                if name is not None:
                    if name.casefold() in names:
                        self.error(rline, f"{rwhere}.name", f"'{name}' is listed twice (list each row once)")
                    names.add(name.casefold())
                    rows.append(BreakdownRow(name, count, values))
            note = self.text(found.get("note"), f"{where}.note", running=True)
            if "rows" not in found:
                self.error(line, f"{where}.rows", "is missing (expected a list of rows, each with a name and a count)")
            if title is not None and by is not None:
                out.append(Breakdown(title, by, tuple(columns), tuple(rows), note))
        return tuple(out)

    def _source(self, pair: tuple[Node, Node] | None) -> Source:
        if pair is None:
            return Source()
        found = self.mapping(pair[1], "source", ("title", "url")) or {}
        url = self.text(found.get("url"), "source.url", limit=MAX_TEXT_LENGTH)
        if url is not None and not re.match(r"^https?://[^\s<>\"']+$", url):
            self.error(_line(found["url"][0]), "source.url", f"expected a web address starting https://, got '{_clip(url)}'")
            url = None
        return Source(self.text(found.get("title"), "source.title"), url)

    def _items(
        self, pair: tuple[Node, Node] | None, dotted: str, allowed: tuple[str, ...], limit: int
    ) -> Iterator[tuple[str, int, dict[str, tuple[Node, Node]]]]:
        for index, node in enumerate(self.sequence(pair, dotted, limit, dotted)):
            where = f"{dotted}[{index + 1}]"
            found = self.mapping(node, where, allowed)
            if found is not None:
                yield where, _line(node), found

    def _themes(self, pair: tuple[Node, Node] | None) -> tuple[Theme, ...]:
        themes, seen = [], set()
        for where, line, found in self._items(pair, "themes", ("name", "count"), MAX_THEMES):
            name = self.text(found.get("name"), f"{where}.name", required=True, parent_line=line)
            count = self.count(found.get("count"), f"{where}.count")
            if name is not None:
                if name.casefold() in seen:
                    self.error(line, f"{where}.name", f"'{name}' is listed twice (list each theme once)")
                seen.add(name.casefold())
                themes.append(Theme(name, count))
        return tuple(themes)

    def _notes(self, pair: tuple[Node, Node] | None) -> tuple[Note, ...]:
        notes = []
        for where, line, found in self._items(pair, "notes", ("text", "breaks"), MAX_NOTES):
            text = self.text(found.get("text"), f"{where}.text", required=True, parent_line=line, running=True)
            breaks = []
            for item in self.sequence(found.get("breaks"), f"{where}.breaks", len(FIELD_BY_PATH), "figures"):
                if _tagged(item):
                    continue  # reported with the other tags
                name = item.value if isinstance(item, ScalarNode) else _show(item)
                if name not in FIELD_BY_PATH:
                    name = _clip(str(name))
                    close = difflib.get_close_matches(str(name), list(FIELD_BY_PATH), n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'?" if close else "expected a figure such as complaints.informal"
                    self.error(_line(item), f"{where}.breaks", f"'{name}' is not a figure ({hint})")
                elif name not in self.has:
                    self.error(_line(item), f"{where}.breaks", f"{name} {self._missing(name)}")
                else:
                    breaks.append(name)
            if text is not None:
                notes.append(Note(text, tuple(breaks)))
        return tuple(notes)

    def _revisions(self, pair: tuple[Node, Node] | None) -> tuple[Revision, ...]:
        revisions = []
        for where, line, found in self._items(pair, "revisions", ("date", "field", "from", "to", "reason"), MAX_REVISIONS):
            date = self.date(found.get("date"), f"{where}.date")
            if "date" not in found:
                self.error(line, f"{where}.date", "is missing (expected the date of the correction, e.g. 2024-05-01)")
            field = self.text(found.get("field"), f"{where}.field", required=True, parent_line=line)
            if field is not None and field not in FIELD_BY_PATH:
                close = difflib.get_close_matches(field, list(FIELD_BY_PATH), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "expected a figure such as complaints.stage2"
                self.error(_line(found["field"][0]), f"{where}.field", f"'{_clip(field)}' is not a figure ({hint})")
                field = None
            elif field is not None and field not in self.has:
                self.error(_line(found["field"][0]), f"{where}.field", f"{field} {self._missing(field)}")
                field = None
            elif field is not None and FIELD_BY_PATH[field].is_days:
                self.error(_line(found["field"][0]), f"{where}.field",
                           f"{field} is an average, not a count: a revision changes a count (give the change in a note)")
                field = None
            for end in ("from", "to"):
                if end not in found:
                    self.error(line, f"{where}.{end}", f"is missing (expected the {'old' if end == 'from' else 'new'} value, or null)")
            old = self.count(found.get("from"), f"{where}.from")
            new = self.count(found.get("to"), f"{where}.to")
            reason = self.text(found.get("reason"), f"{where}.reason", required=True, parent_line=line, running=True)
            if date and field and reason:
                revisions.append(Revision(date, field, old, new, reason, line))
                self.revision_lines.append((line, where))
        return tuple(revisions)


def _is_null(node: Node) -> bool:
    """Whether ``node`` is written as null: empty, ``~`` or ``null``, with no tag."""
    return isinstance(node, ScalarNode) and node.tag == _T + "null" and not _tagged(node)


def _construct(node: ScalarNode) -> Any:
    """Turn a plain scalar node into its value with PyYAML's safe rules."""
    return yaml.SafeLoader("").construct_object(node)


class _Consistency:
    """The schema's rules between figures of one year."""

    def __init__(self, reader: _Reader, year: ReportingYear, lines: dict[str, int]):
        self.reader, self.year, self.lines = reader, year, lines

    def line(self, *paths: str) -> int:
        return min((self.lines[p] for p in paths if p in self.lines), default=1)

    def at_most(self, parts: tuple[str, ...], whole: str) -> None:
        """The sum of the published ``parts`` must not exceed ``whole``."""
        limit = self.year.figure(whole)
        known = [p for p in parts if self.year.figure(p) is not None]
        if limit is None or not known:
            return
        total = sum(self.year.figure(p) for p in known)
        if total <= limit:
            return
        if len(known) == 1:
            what = f"{total:,}"
        else:
            what = " + ".join(f"{self.year.figure(p):,}" for p in known) + f" = {total:,}"
        self.reader.error(self.line(*known), " + ".join(known), f"{what} is more than {whole} ({limit:,})")

    def check(self) -> None:
        y = self.year
        self.at_most(("complaints.informal", "complaints.stage1"), "complaints.contacts")
        self.at_most(("outcomes.upheld", "outcomes.partially_upheld", "outcomes.not_upheld", "outcomes.withdrawn"), "complaints.stage1")
        self.at_most(("outcomes.fault_found",), "complaints.stage1")
        o = y.outcomes
        if None not in (o.fault_found, o.upheld, o.partially_upheld) and o.fault_found != o.upheld + o.partially_upheld:
            self.reader.error(
                self.line("outcomes.fault_found"),
                "outcomes.fault_found",
                f"{o.fault_found:,} does not equal outcomes.upheld + outcomes.partially_upheld "
                f"({o.upheld:,} + {o.partially_upheld:,} = {o.upheld + o.partially_upheld:,})",
            )
        if y.timeliness.stage1_responded is not None:
            self.at_most(("timeliness.stage1_on_time",), "timeliness.stage1_responded")
        else:
            self.at_most(("timeliness.stage1_on_time",), "complaints.stage1")
        for n in (2, 3):
            group = f"outcomes_stage{n}"
            self.at_most(tuple(f"{group}.{k}" for k in ("upheld", "partially_upheld", "not_upheld", "withdrawn")), f"complaints.stage{n}")
            self.at_most((f"{group}.fault_found",), f"complaints.stage{n}")
            o = y.figure(group)
            if None not in (o.fault_found, o.upheld, o.partially_upheld) and o.fault_found != o.upheld + o.partially_upheld:
                self.reader.error(self.line(f"{group}.fault_found"), f"{group}.fault_found",
                                  f"{o.fault_found:,} does not equal {group}.upheld + {group}.partially_upheld "
                                  f"({o.upheld:,} + {o.partially_upheld:,} = {o.upheld + o.partially_upheld:,})")
        for n in (1, 2, 3):
            whole = f"timeliness.stage{n}_responded" if y.figure(f"timeliness.stage{n}_responded") is not None else f"complaints.stage{n}"
            if n > 1:
                self.at_most((f"timeliness.stage{n}_on_time",), whole)
            self.at_most((f"timeliness.stage{n}_extended",), whole)
        if len(y.quarters) == 4 and None not in y.quarters and y.complaints.stage1 is not None and sum(y.quarters) != y.complaints.stage1:
            self.reader.error(self.reader.quarters_line, "quarters",
                              f"{' + '.join(f'{q:,}' for q in y.quarters)} = {sum(y.quarters):,} does not equal complaints.stage1 "
                              f"({y.complaints.stage1:,}); the four quarters add up to the year")
        self.at_most(("ombudsman.upheld",), "ombudsman.investigated")
        self.at_most(("ombudsman.investigated",), "ombudsman.complaints")
        if y.ombudsman.investigated is None:
            self.at_most(("ombudsman.upheld",), "ombudsman.complaints")
        self.at_most(("context.referrals",), "context.social_care_contacts")
        self.at_most(("complaints.contacts",), "context.social_care_contacts")
        c = y.complaints
        if None not in (c.stage1, c.stage2) and c.stage2 > c.stage1:
            self.reader.warn(
                self.line("complaints.stage2"),
                "complaints.stage2",
                f"{c.stage2:,} is more than complaints.stage1 ({c.stage1:,}); allowed, as stages can straddle years, "
                "but worth a second look",
            )
        if None not in (c.stage2, c.stage3) and c.stage3 > c.stage2:
            self.reader.warn(
                self.line("complaints.stage3"),
                "complaints.stage3",
                f"{c.stage3:,} is more than complaints.stage2 ({c.stage2:,}); allowed, as stages can straddle years, "
                "but worth a second look",
            )
        last = {r.field: r for r in sorted(y.revisions, key=lambda r: r.date)}  # successive revisions: only the last must match
        for revision, (line, where) in zip(y.revisions, self.reader.revision_lines, strict=True):
            current = y.figure(revision.field)
            if revision is last[revision.field] and revision.new != current:
                self.reader.error(
                    line,
                    f"{where}.to",
                    f"{_value(revision.new)} is not the current value of {revision.field} ({_value(current)}); "
                    "a revision's 'to' must equal the figure as it now stands",
                )


def _value(value: int | None) -> str:
    return "null" if value is None else f"{value:,}"
