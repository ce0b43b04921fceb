"""Read ``data/*.yaml`` into the model, reporting every problem by file and line.

The YAML is composed into nodes (never constructed by PyYAML), so that every
key keeps its line, and so that tags that build objects, anchors and aliases,
and duplicate keys can be refused before anything is made from them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fields import COUNT_GROUPS, FIELD_BY_PATH, TOP_LEVEL_KEYS
from .model import (
    Complaints, Context, Dataset, Note, Ombudsman, Outcomes, ReportingYear, Revision,
    Source, Status, Theme, Timeliness, YearId,
)
from .problems import DataErrors, Problem

__all__ = ["MAX_BYTES", "MAX_COUNT", "check_dir", "load_dir", "load_file", "CheckResult"]

MAX_BYTES = 1024 * 1024
MAX_COUNT = 10_000_000
YEAR_FILE = re.compile(r"^\d{4}-\d{2}\.yaml$")
# Files that may sit in data/ beside the year files.
NOT_YEAR_FILES = {"schema.json", "published.lock.json", "README.md", ".gitkeep"}

_T = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_T + t for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")}
_GROUP_CLASSES = {
    "context": Context, "complaints": Complaints, "outcomes": Outcomes,
    "timeliness": Timeliness, "ombudsman": Ombudsman,
}


class _Refused(yaml.MarkedYAMLError):
    """A YAML feature we do not accept (anchors, aliases)."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that refuses anchors and aliases while composing."""

    def compose_node(self, parent, index):  # type: ignore[override]
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            raise _Refused(None, None, f"the alias '*{event.anchor}' is not allowed (write the value out in full)", event.start_mark)
        if getattr(event, "anchor", None):
            raise _Refused(None, None, f"the anchor '&{event.anchor}' is not allowed (write each value out in full)", event.start_mark)
        return super().compose_node(parent, index)


@dataclass(frozen=True)
class CheckResult:
    """What checking a data folder found."""

    dataset: Dataset
    errors: tuple[Problem, ...]
    warnings: tuple[Problem, ...]


def check_dir(data_dir: str | Path, display_dir: str | None = None) -> CheckResult:
    """Check every file in ``data_dir``; never raises for a data problem."""
    data_dir = Path(data_dir)
    shown = display_dir if display_dir is not None else _display(data_dir)
    problems: list[Problem] = []
    years: list[ReportingYear] = []
    claimed: dict[YearId, str] = {}
    if not data_dir.is_dir():
        problems.append(Problem(shown, 0, "", "the data folder does not exist (expected a folder of YYYY-YY.yaml files)"))
        return CheckResult(Dataset(), tuple(problems), ())
    for path in sorted(data_dir.iterdir()):
        name = f"{shown}/{path.name}"
        if path.name in NOT_YEAR_FILES or path.name.startswith(".") or path.is_dir():
            continue
        if not YEAR_FILE.match(path.name):
            if path.suffix in (".yaml", ".yml"):
                hint = f"rename it to {path.stem}.yaml" if re.fullmatch(r"\d{4}-\d{2}", path.stem) else "rename it like 2022-23.yaml"
            else:
                hint = "move it out of the data folder"
            problems.append(Problem(name, 0, "", f"not a year file: expected files named like 2022-23.yaml ({hint})"))
            continue
        year, claim, found = _load(path, name)
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


def load_dir(data_dir: str | Path) -> Dataset:
    """Load every year in ``data_dir``, or raise DataErrors listing every problem."""
    result = check_dir(data_dir)
    if result.errors:
        raise DataErrors(list(result.errors))
    return result.dataset


def load_file(path: str | Path, shown: str | None = None) -> tuple[ReportingYear | None, list[Problem]]:
    """Load one year file; return the year (None on error) and its problems."""
    year, _, problems = _load(Path(path), shown)
    return year, problems


def _load(path: Path, shown: str | None) -> tuple[ReportingYear | None, tuple[YearId, int] | None, list[Problem]]:
    shown = shown or _display(path)
    reader = _Reader(shown)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, None, [Problem(shown, 0, "", f"the file is {size:,} bytes, more than the limit of {MAX_BYTES:,} bytes (1 MiB); a year file is a few kilobytes")]
        raw = path.read_bytes()
    except OSError as err:
        return None, None, [Problem(shown, 0, "", f"cannot be read: {err.strerror}")]
    text = reader.decode(raw)
    if text is None:
        return None, None, reader.problems
    root = reader.compose(text)
    if root is None:
        return None, None, reader.problems
    year = reader.year_file(root, path.name)
    claimed = (reader.year_id, reader.year_line) if reader.year_id else None
    return (year if not reader.errors() else None), claimed, reader.problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):  # elsewhere, or no working directory
        return str(path)


def _line(node: Node) -> int:
    return node.start_mark.line + 1


def _show(node: Node) -> str:
    """A node's value as the reader typed it."""
    if isinstance(node, ScalarNode):
        return repr(node.value) if node.tag == _T + "str" else node.value
    return "a list" if isinstance(node, SequenceNode) else "a group of fields"


_FRIENDLY_YAML = (
    ("found character '\\t' that cannot start any token", "a tab character: indent with spaces, not tabs"),
    ("found a tab character", "a tab character: indent with spaces, not tabs"),
    ("found unexpected end of stream", "a quoted text is not closed (add the closing quote)"),
    ("found unknown escape character", "a backslash in double quotes (use single quotes, or write \\\\)"),
    ("mapping values are not allowed here", "a colon in an unexpected place (put text containing ': ' in quotes, or check the indentation)"),
    ("expected <block end>, but found", "this line's indentation does not match the lines above it"),
    ("could not find expected ':'", "expected 'name: value' here (a colon is missing, or a quote is not closed)"),
    ("expected a single document", "more than one YAML document ('---'): one file holds one year"),
    ("found undefined alias", "an alias ('*name') is not allowed (write the value out in full)"),
)


class _Reader:
    """Walks one composed file, building the model and collecting problems."""

    def __init__(self, shown: str):
        self.shown = shown
        self.problems: list[Problem] = []
        self.revision_lines: list[tuple[int, str]] = []  # (line, where) of each kept revision
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
            self.error(line, "", f"the invisible control character {code:#06x} is not allowed in a data file (delete it)")
            return None
        except yaml.YAMLError as err:
            self.error(1, "", f"YAML syntax: {err}")
            return None
        if root is None:
            self.error(1, "", "the file is empty (expected fields such as 'year: 2022-23' and 'status: published')")
            return None
        if not self._tags_ok(root):
            return None
        if not isinstance(root, MappingNode):
            self.error(_line(root), "", f"expected a mapping of fields ('year: 2022-23', 'status: published', ...), got {_show(root)}")
            return None
        return root

    def _tags_ok(self, node: Node) -> bool:
        stack, ok = [node], True
        while stack:
            current = stack.pop()
            if current.tag not in _PLAIN_TAGS:
                self.error(_line(current), "", f"the YAML tag '{current.tag.replace(_T, '!!')}' is not allowed (data files hold plain numbers and text only)")
                ok = False
                continue
            if isinstance(current, MappingNode):
                for key, value in current.value:
                    stack.extend((key, value))
            elif isinstance(current, SequenceNode):
                stack.extend(current.value)
        return ok

    # -- mappings -----------------------------------------------------------

    def mapping(self, node: Node, where: str, allowed: tuple[str, ...]) -> dict[str, tuple[Node, Node]] | None:
        """Keys of a mapping node -> (key node, value node); reports unknown and duplicate keys."""
        if not isinstance(node, MappingNode):
            self.error(_line(node), where, f"expected a group of fields ({', '.join(allowed)}), got {_show(node)}")
            return None
        out: dict[str, tuple[Node, Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            dotted = f"{where}.{name}" if where else str(name)
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
        if pair is None:
            return None
        key, node = pair
        line = _line(key)
        if not isinstance(node, ScalarNode):
            self.error(line, dotted, f"expected a whole number or null, got {_show(node)}")
            return None
        tag, text = node.tag, node.value
        if tag == _T + "null":
            return None
        example = "write a whole number such as 12, or null if not published"
        if tag == _T + "int":
            value = _construct(node)
            if value < 0:
                self.error(line, dotted, f"{text} is negative (expected a whole number of 0 or more, or null)")
                return None
            if value > MAX_COUNT:
                self.error(line, dotted, f"{text} is implausibly large (expected at most {MAX_COUNT:,}; check the figure)")
                return None
            return value
        if tag == _T + "bool":
            self.error(line, dotted, f"expected a whole number or null, got '{text}', which YAML reads as true/false ({example})")
        elif tag == _T + "float" and "e" in text.lower():
            self.error(line, dotted, f"expected a whole number or null, got '{text}' in scientific notation (write the number in full)")
        elif tag == _T + "float":
            self.error(line, dotted, f"expected a whole number or null, got {text} ({example}; counts have no decimals)")
        elif tag == _T + "timestamp":
            self.error(line, dotted, f"expected a whole number or null, got the date {text} ({example})")
        elif re.fullmatch(r"[-+]?\d+(\.\d*)?[eE][-+]?\d+", text):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' in scientific notation (write the number in full)")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' (write it without commas: {text.replace(',', '')})")
        elif node.style in ("'", '"') and re.fullmatch(r"\d+", text):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' in quotes (remove the quotes)")
        elif text.strip().lower() in ("n/a", "na", "none", "unknown", "-", "not known", "not published", ""):
            self.error(line, dotted, f"expected a whole number or null, got '{text}' (write null for a figure that is not published)")
        else:
            self.error(line, dotted, f"expected a whole number or null, got '{text}' ({example})")
        return None

    def text(self, pair: tuple[Node, Node] | None, dotted: str, required: bool = False, parent_line: int = 0) -> str | None:
        if pair is None:
            if required:
                self.error(parent_line, dotted, "is missing (expected text)")
            return None
        key, node = pair
        if isinstance(node, ScalarNode) and node.tag == _T + "null":
            if required:
                self.error(_line(key), dotted, "is empty (expected text)")
            return None
        if not isinstance(node, ScalarNode) or node.tag != _T + "str":
            self.error(_line(key), dotted, f"expected text, got {_show(node)} (put it in quotes if it is meant as text)")
            return None
        value = node.value.strip()
        if not value:
            if required:
                self.error(_line(key), dotted, "is empty (expected text)")
            return None
        return value

    def date(self, pair: tuple[Node, Node] | None, dotted: str) -> dt.date | None:
        if pair is None:
            return None
        key, node = pair
        if isinstance(node, ScalarNode) and node.tag == _T + "null":
            return None
        if isinstance(node, ScalarNode) and node.tag in (_T + "timestamp", _T + "str"):
            try:
                value = _construct(node) if node.tag == _T + "timestamp" else dt.date.fromisoformat(node.value)
                return value.date() if isinstance(value, dt.datetime) else value
            except ValueError:
                pass
        self.error(_line(key), dotted, f"expected a date written YYYY-MM-DD, e.g. 2024-03-08, got {_show(node)}")
        return None

    def sequence(self, pair: tuple[Node, Node] | None, dotted: str) -> list[Node]:
        if pair is None:
            return []
        key, node = pair
        if isinstance(node, ScalarNode) and node.tag == _T + "null":
            return []
        if not isinstance(node, SequenceNode):
            self.error(_line(key), dotted, f"expected a list (lines starting with '- '), got {_show(node)}")
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
            self.error(lines.get("published", lines.get("status", 1)), "published",
                       "is required when status is published (the date the report was presented, e.g. 2024-03-08)")
        groups: dict[str, Any] = {}
        for name, cls in _GROUP_CLASSES.items():
            groups[name], group_lines = self._group(top.get(name), name, cls)
            lines.update(group_lines)
        compliments = self.count(top.get("compliments"), "compliments")
        source = self._source(top.get("source"))
        themes = self._themes(top.get("themes"))
        notes = self._notes(top.get("notes"))
        revisions = self._revisions(top.get("revisions"))
        if year is None or status is None:
            return None
        result = ReportingYear(
            year=year, status=status, published=published,
            presented_to=self.text(top.get("presented_to"), "presented_to"),
            source=source, compliments=compliments, themes=themes, notes=notes,
            revisions=revisions, path=self.shown, **groups,
        )
        _Consistency(self, result, lines).check()
        return result

    def _year(self, pair: tuple[Node, Node] | None, filename: str) -> YearId | None:
        if pair is None:
            self.error(1, "year", "is missing (expected e.g. 'year: 2022-23', matching the file name)")
            return None
        key, node = pair
        text = node.value if isinstance(node, ScalarNode) else _show(node)
        try:
            if not isinstance(node, ScalarNode) or node.tag not in (_T + "str", _T + "int"):
                raise ValueError('expected a year written "YYYY-YY", e.g. 2022-23')
            year = YearId.parse(str(text))
        except ValueError as err:
            self.error(_line(key), "year", f"'{text}' is not a reporting year ({err})")
            return None
        self.year_id, self.year_line = year, _line(key)
        if filename != f"{year.id}.yaml":
            self.error(_line(key), "year", f"{year.id} does not match the file name {filename} (rename the file to {year.id}.yaml, or correct the year)")
        return year

    def _status(self, pair: tuple[Node, Node] | None) -> Status | None:
        if pair is None:
            self.error(1, "status", "is missing (expected 'status: published' or 'status: draft')")
            return None
        key, node = pair
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
        values = {key: self.count(found.get(key), f"{name}.{key}") for key in keys}
        lines = {f"{name}.{key}": _line(found[key][0]) for key in found}
        return cls(**values), lines

    def _source(self, pair: tuple[Node, Node] | None) -> Source:
        if pair is None:
            return Source()
        found = self.mapping(pair[1], "source", ("title", "url")) or {}
        url = self.text(found.get("url"), "source.url")
        if url is not None and not re.match(r"^https?://[^\s<>\"']+$", url):
            self.error(_line(found["url"][0]), "source.url", f"expected a web address starting https://, got '{url}'")
            url = None
        return Source(self.text(found.get("title"), "source.title"), url)

    def _items(self, pair: tuple[Node, Node] | None, dotted: str, allowed: tuple[str, ...]):
        for index, node in enumerate(self.sequence(pair, dotted)):
            where = f"{dotted}[{index + 1}]"
            found = self.mapping(node, where, allowed)
            if found is not None:
                yield where, _line(node), found

    def _themes(self, pair: tuple[Node, Node] | None) -> tuple[Theme, ...]:
        themes, seen = [], set()
        for where, line, found in self._items(pair, "themes", ("name", "count")):
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
        for where, line, found in self._items(pair, "notes", ("text", "breaks")):
            text = self.text(found.get("text"), f"{where}.text", required=True, parent_line=line)
            breaks = []
            for item in self.sequence(found.get("breaks"), f"{where}.breaks"):
                name = item.value if isinstance(item, ScalarNode) else _show(item)
                if name not in FIELD_BY_PATH:
                    close = difflib.get_close_matches(str(name), list(FIELD_BY_PATH), n=1, cutoff=0.6)
                    hint = f"did you mean '{close[0]}'?" if close else "expected a figure such as complaints.informal"
                    self.error(_line(item), f"{where}.breaks", f"'{name}' is not a figure ({hint})")
                else:
                    breaks.append(name)
            if text is not None:
                notes.append(Note(text, tuple(breaks)))
        return tuple(notes)

    def _revisions(self, pair: tuple[Node, Node] | None) -> tuple[Revision, ...]:
        revisions = []
        for where, line, found in self._items(pair, "revisions", ("date", "field", "from", "to", "reason")):
            date = self.date(found.get("date"), f"{where}.date")
            if "date" not in found:
                self.error(line, f"{where}.date", "is missing (expected the date of the correction, e.g. 2024-05-01)")
            field = self.text(found.get("field"), f"{where}.field", required=True, parent_line=line)
            if field is not None and field not in FIELD_BY_PATH:
                close = difflib.get_close_matches(field, list(FIELD_BY_PATH), n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else "expected a figure such as complaints.stage2"
                self.error(_line(found["field"][0]), f"{where}.field", f"'{field}' is not a figure ({hint})")
                field = None
            for end in ("from", "to"):
                if end not in found:
                    self.error(line, f"{where}.{end}", f"is missing (expected the {'old' if end == 'from' else 'new'} value, or null)")
            old = self.count(found.get("from"), f"{where}.from")
            new = self.count(found.get("to"), f"{where}.to")
            reason = self.text(found.get("reason"), f"{where}.reason", required=True, parent_line=line)
            if date and field and reason:
                revisions.append(Revision(date, field, old, new, reason, line))
                self.revision_lines.append((line, where))
        return tuple(revisions)


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
        self.reader.error(self.line(*known), " + ".join(known),
                          f"{what} is more than {whole} ({limit:,})")

    def check(self) -> None:
        y = self.year
        self.at_most(("complaints.informal", "complaints.stage1"), "complaints.contacts")
        self.at_most(("outcomes.upheld", "outcomes.partially_upheld", "outcomes.not_upheld", "outcomes.withdrawn"), "complaints.stage1")
        self.at_most(("outcomes.fault_found",), "complaints.stage1")
        o = y.outcomes
        if None not in (o.fault_found, o.upheld, o.partially_upheld) and o.fault_found != o.upheld + o.partially_upheld:
            self.reader.error(self.line("outcomes.fault_found"), "outcomes.fault_found",
                              f"{o.fault_found:,} does not equal outcomes.upheld + outcomes.partially_upheld "
                              f"({o.upheld:,} + {o.partially_upheld:,} = {o.upheld + o.partially_upheld:,})")
        if y.timeliness.stage1_responded is not None:
            self.at_most(("timeliness.stage1_on_time",), "timeliness.stage1_responded")
        else:
            self.at_most(("timeliness.stage1_on_time",), "complaints.stage1")
        self.at_most(("ombudsman.upheld",), "ombudsman.investigated")
        self.at_most(("ombudsman.investigated",), "ombudsman.complaints")
        if y.ombudsman.investigated is None:
            self.at_most(("ombudsman.upheld",), "ombudsman.complaints")
        self.at_most(("context.referrals",), "context.social_care_contacts")
        self.at_most(("complaints.contacts",), "context.social_care_contacts")
        c = y.complaints
        if None not in (c.stage1, c.stage2) and c.stage2 > c.stage1:
            self.reader.warn(self.line("complaints.stage2"), "complaints.stage2",
                             f"{c.stage2:,} is more than complaints.stage1 ({c.stage1:,}); allowed, as stages can straddle years, but worth a second look")
        if None not in (c.stage2, c.stage3) and c.stage3 > c.stage2:
            self.reader.warn(self.line("complaints.stage3"), "complaints.stage3",
                             f"{c.stage3:,} is more than complaints.stage2 ({c.stage2:,}); allowed, as stages can straddle years, but worth a second look")
        last = {r.field: r for r in sorted(y.revisions, key=lambda r: r.date)}  # successive revisions: only the last must match
        for revision, (line, where) in zip(y.revisions, self.reader.revision_lines):
            current = y.figure(revision.field)
            if revision is last[revision.field] and revision.new != current:
                self.reader.error(line, f"{where}.to",
                                  f"{_value(revision.new)} is not the current value of {revision.field} ({_value(current)}); "
                                  "a revision's 'to' must equal the figure as it now stands")


def _value(value: int | None) -> str:
    return "null" if value is None else f"{value:,}"
