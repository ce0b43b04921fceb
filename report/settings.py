"""The site's settings, read from mkdocs.yml and checked: text stays text.

Every setting that is shown on a page (``site_name``, ``site_description``,
``copyright``, ``extra.council.*``) must be plain text: it is always shown
escaped, and control or invisible characters are refused. Addresses must be
``https:`` (``http:`` only for this computer), and ``SITE_URL`` must be a plain
site address. Each problem is one line naming the setting and its line.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .fmt import SMALL_NUMBERS, YEAR_STYLES, HouseStyle
from .problems import Problem, first_hidden, show
from .procedures import DEFAULT_PROCEDURE, Procedure, preset, read_procedure
from .stats import STATISTIC_BY_NAME

__all__ = [
    "Council", "Settings", "SettingsError", "read_settings", "read_config", "check_config",
    "check_site_url", "config_lines", "text_problem", "MAX_SETTING_LENGTH", "SHOWN_TEXT",
    "compose_config", "check_structure", "lines_of", "check_source_date_epoch", "MAX_CONFIG_BYTES", "MAX_CONFIG_DEPTH",
]

CONFIG_FILE = "mkdocs.yml"
SHOWN_TEXT = ("site_name", "site_description", "copyright")  # top-level settings shown on every page
MAX_SETTING_LENGTH = 300  # characters of one text setting
MAX_SITE_URL_LENGTH = 200  # characters of SITE_URL
MAX_CONFIG_BYTES = 256 * 1024  # mkdocs.yml itself (the example's is 3 KB)
MAX_CONFIG_DEPTH = 20  # levels of nesting in mkdocs.yml
CONFIG_TAGS = ("!ENV", "!relative")  # the only YAML tags mkdocs.yml may use
MAX_EPOCH = 253402300799  # SOURCE_DATE_EPOCH of 9999-12-31 23:59:59 UTC

_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*"
_LOCAL = r"(?:localhost|127\.0\.0\.1|\[::1\])"
_PORT = r"(?::(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]))?"  # 1 to 65535
_ORIGIN = rf"(?:https://{_HOST}{_PORT}|http://{_LOCAL}{_PORT})"
_SITE_URL = re.compile(rf"{_ORIGIN}(?:/[A-Za-z0-9._~%/-]*)?")
_WEB_URL = re.compile(rf"{_ORIGIN}(?:[/?#][A-Za-z0-9._~%/?#\[\]@!$&()*+,;=:-]*)?")
_HTTPS_URL = re.compile(rf"https://{_HOST}{_PORT}(?:[/?#][A-Za-z0-9._~%/?#\[\]@!$&()*+,;=:-]*)?")
_EMAIL = re.compile(rf"[A-Za-z0-9._%+-]{{1,64}}@{_HOST}\.[A-Za-z]{{2,}}")
_ALLOWED_CONTROLS = "\t\n"


class SettingsError(ValueError):
    """Settings in mkdocs.yml are wrong; one line per problem, naming the setting."""

    def __init__(self, problems: list[Problem] | str):
        if isinstance(problems, str):
            problems = [Problem(CONFIG_FILE, 0, "", problems.removeprefix(f"{CONFIG_FILE}: "))]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True, slots=True)
class Council:
    name: str
    service: str
    committee: str = ""
    contact_url: str = ""
    contact_text: str = ""
    contact_email: str = ""  # a role address only, never a person's
    procedure: Procedure = field(default_factory=lambda: preset(DEFAULT_PROCEDURE))  # extra.council.procedure
    how_to_complain: str = ""  # extra.council.how_to_complain, https only


@dataclass(frozen=True, slots=True)
class Settings:
    council: Council
    style: HouseStyle = field(default_factory=HouseStyle)


def text_problem(value: str) -> str | None:
    r"""What makes ``value`` unfit to show as plain text, or None.

    >>> text_problem("Brighton & Hove <b>")
    >>> text_problem("abc\u202edef")
    'contains an invisible or control character (U+202E, the 4th character); write plain text'
    """
    if len(value) > MAX_SETTING_LENGTH:
        return f"is {len(value):,} characters long (at most {MAX_SETTING_LENGTH})"
    index = first_hidden(value, allowed=_ALLOWED_CONTROLS)
    if index is not None:
        return (f"contains an invisible or control character (U+{ord(value[index]):04X}, "
                f"the {_ordinal(index + 1)} character); write plain text")
    return None


def check_site_url(value: str) -> str | None:
    """Why ``value`` is not a usable SITE_URL, or None when it is (or is empty)."""
    if not value:
        return None
    if len(value) > MAX_SITE_URL_LENGTH:
        return f"SITE_URL: is {len(value):,} characters long (at most {MAX_SITE_URL_LENGTH})"
    if _SITE_URL.fullmatch(value):
        return None
    return (f"SITE_URL: {_show(value)} is not a site address (expected https://host/path/, or "
            "http://localhost:PORT/ for local use; no quotes, spaces, angle brackets, query or fragment)")


class _TooDeep(Exception):
    def __init__(self, mark: Any):
        super().__init__()
        self.mark = mark


class _SafeComposer(yaml.SafeLoader):
    """Composes mkdocs.yml into nodes without constructing anything, collecting a
    problem for each tag other than CONFIG_TAGS, each anchor or alias, each
    duplicate key and each part nested deeper than MAX_CONFIG_DEPTH (skipped
    without recursion, so no input can exhaust the stack or expand aliases)."""

    def __init__(self, text: str):
        super().__init__(text)
        self.problems: list[Problem] = []
        self.depth = 0
        self.aliases: list[tuple[Any, str]] = []  # (where, what) of each anchor and alias: reported once

    def fetch_flow_collection_start(self, token_class: Any) -> None:
        # PyYAML's scanner slows quadratically with flow nesting ([[[[...): stop before that.
        if self.flow_level >= MAX_CONFIG_DEPTH:
            raise _TooDeep(self.get_mark())
        super().fetch_flow_collection_start(token_class)

    def _problem(self, mark: Any, message: str) -> None:
        self.problems.append(Problem(CONFIG_FILE, mark.line + 1, "", message))

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self.get_event()
            self.aliases.append((event.start_mark, f"the alias *{event.anchor}"))
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        if event.anchor is not None:
            self.aliases.append((event.start_mark, f"the anchor &{event.anchor}"))
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in CONFIG_TAGS and not (isinstance(event, yaml.ScalarEvent) and tag == "!"):
            written = _show_text(tag.replace("tag:yaml.org,2002:", "!!", 1))
            self._problem(event.start_mark, f"the tag {written} is not allowed (mkdocs.yml may use only "
                                            f"{' and '.join(CONFIG_TAGS)})")
            event.tag = None
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)) and self.depth >= MAX_CONFIG_DEPTH:
            self._problem(event.start_mark, f"nested more than {MAX_CONFIG_DEPTH} levels deep (at most {MAX_CONFIG_DEPTH})")
            self._skip()
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def alias_problem(self) -> None:
        """One line for every anchor and alias: the first, and how many there are."""
        if self.aliases:
            mark, what = self.aliases[0]
            more = f"; {len(self.aliases)} anchors and aliases in all" if len(self.aliases) > 1 else ""
            self._problem(mark, f"{what} is not allowed (write each setting out in full: anchors and aliases are refused{more})")

    def _skip(self) -> None:
        """Consume one collection's events, however deep, without building it."""
        level = 0
        while True:
            event = self.get_event()
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                level += 1
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                level -= 1
            if level == 0:
                return

    def compose_mapping_node(self, anchor: Any) -> Any:
        node = super().compose_mapping_node(anchor)
        seen: dict[str, int] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                self._problem(key.start_mark, "a key must be a plain name, not a list or group")
                continue
            line = key.start_mark.line + 1
            if key.value in seen:
                self._problem(key.start_mark, f"{_show_text(key.value)}: is set twice, on lines {seen[key.value]} and {line} "
                                              "(keep one)")
            else:
                seen[key.value] = line
        return node


def compose_config(path: str | Path) -> Any:
    """mkdocs.yml as YAML nodes, read safely (nothing is constructed, so no tag runs
    code); SettingsError lists every problem, and MkDocs must not read a file that
    has one."""
    path = Path(path)
    try:
        if not path.is_file():
            what = "not found" if not path.exists() else "is not a regular file"
            raise SettingsError([Problem(CONFIG_FILE, 0, "", f"{what} (the site's settings file, in the project folder)")])
        with path.open("rb") as file:
            data = file.read(MAX_CONFIG_BYTES + 1)
    except OSError as err:
        raise SettingsError([Problem(CONFIG_FILE, 0, "", f"cannot be read ({err.strerror or type(err).__name__})")]) from None
    if len(data) > MAX_CONFIG_BYTES:
        too_big = f"is larger than {MAX_CONFIG_BYTES // 1024} KiB (the limit for the settings file)"
        raise SettingsError([Problem(CONFIG_FILE, 0, "", too_big)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise SettingsError([Problem(CONFIG_FILE, 0, "", f"is not UTF-8 text (byte {err.start + 1}); save it as UTF-8")]) from None
    return _composed(text)


@functools.lru_cache(maxsize=4)
def _composed(text: str) -> Any:
    """``compose_config`` of the file's text, kept per process (each build process reads the same
    mkdocs.yml once per version); a text with a problem is never kept. The nodes are only read."""
    loader = _SafeComposer(text)
    try:
        root = loader.get_single_node()
    except _TooDeep as err:
        loader.alias_problem()
        deep = Problem(CONFIG_FILE, err.mark.line + 1, "", f"nested more than {MAX_CONFIG_DEPTH} levels deep (at most {MAX_CONFIG_DEPTH})")
        raise SettingsError(sorted({*loader.problems, deep})) from None  # the composer may have found it first
    except yaml.MarkedYAMLError as err:
        loader.alias_problem()
        mark = err.problem_mark or err.context_mark
        what = " ".join(str(err.problem or err.context or "not valid YAML").split())
        raise SettingsError(loader.problems + [Problem(CONFIG_FILE, mark.line + 1 if mark else 0, "", f"YAML syntax: {what}")]) from None
    except yaml.YAMLError as err:
        loader.alias_problem()
        raise SettingsError(loader.problems + [Problem(CONFIG_FILE, 0, "", f"YAML syntax: {' '.join(str(err).split())}")]) from None
    finally:
        loader.dispose()
    loader.alias_problem()
    if loader.problems:
        raise SettingsError(sorted(loader.problems))
    return root


def config_lines(path: str | Path) -> dict[str, int]:
    """Line of each setting in mkdocs.yml, by dotted name; SettingsError on any problem
    compose_config finds (a YAML syntax error, a tag, an alias, a duplicate key, ...)."""
    return lines_of(compose_config(path))


def lines_of(root: Any) -> dict[str, int]:
    """Line of each setting under the composed ``root``, by dotted name."""
    lines: dict[str, int] = {}
    stack = [(root, "")]
    while stack:  # no recursion; aliases were refused, so every node is visited once
        node, prefix = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    name = f"{prefix}{key.value}"
                    lines.setdefault(name, key.start_mark.line + 1)
                    stack.append((value, name + "."))
    return lines


# What mkdocs.yml may hold. Anything else could put script, links or loads from other
# origins on every page (Material's analytics, social links, consent banner, repository
# links, web fonts, scripts from elsewhere) or run code (INHERIT, other plugins or hooks).
TOP_LEVEL = ("site_name", "site_description", "site_url", "copyright", "theme", "nav", "exclude_docs", "watch",
             "extra_css", "extra_javascript", "markdown_extensions", "plugins", "hooks", "validation", "extra")
EXTRA_KEYS = {
    "extra": ("generator", "council", "house_style", "report"),
    "extra.council": ("name", "service", "committee", "contact", "procedure", "how_to_complain"),
    "extra.council.contact": ("url", "text", "email"),
    "extra.house_style": ("year_style", "number_words", "decimal_places", "small_numbers", "targets"),
    "extra.report": ("year", "latest", "data_dir", "drafts", "versions"),
}
THEME_KEYS = ("name", "custom_dir", "language", "font", "features", "palette", "icon", "logo", "favicon")
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "admonition", "toc", "tables", "def_list", "abbr", "footnotes", "sane_lists")
PLUGINS = {"search": ("lang", "separator", "min_search_length", "prebuild_index", "indexing"),
           "macros": ("module_name", "on_undefined", "on_error_fail")}
HOOKS = ("report/mkdocs_hooks.py",)
_LOCAL_PATH = re.compile(r"(?!\.\.?/)[A-Za-z0-9_][A-Za-z0-9_.-]*(?:/[A-Za-z0-9_][A-Za-z0-9_.-]*)*")
_LOCAL_PAGE = re.compile(rf"{_LOCAL_PATH.pattern}\.md")


def check_structure(root: Any) -> list[Problem]:
    """Every setting of mkdocs.yml (as composed by compose_config) that is not one this
    project uses, or that points at another origin: one problem each."""
    problems: list[Problem] = []

    def problem(node: Any, name: str, message: str) -> None:
        problems.append(Problem(CONFIG_FILE, node.start_mark.line + 1, name, message))

    def items(node: Any) -> list[tuple[str, Any, Any]]:
        return [(k.value, k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)] if isinstance(node, yaml.MappingNode) else []

    def known(node: Any, name: str, allowed: tuple[str, ...], what: str) -> None:
        for key, key_node, _ in items(node):
            if key not in allowed:
                problem(key_node, f"{name}.{key}" if name else key, f"not a setting this site uses (allowed {what}: {', '.join(allowed)})")

    def text(node: Any) -> str | None:
        return node.value if isinstance(node, yaml.ScalarNode) and node.tag != "!ENV" else None

    def local(node: Any, name: str, pattern: re.Pattern, expected: str) -> None:
        value = text(node)
        if value is None or not pattern.fullmatch(value) or "/../" in f"/{value}/":
            shown = _show(value) if value is not None else "a list or group"
            problem(node, name, f"{shown} is not {expected}")

    if root is None:
        return [Problem(CONFIG_FILE, 0, "", "is empty (expected the site's settings, e.g. site_name)")]
    if not isinstance(root, yaml.MappingNode):
        return [Problem(CONFIG_FILE, root.start_mark.line + 1, "", "expected settings (name: value lines), got a list or text")]
    known(root, "", TOP_LEVEL, "top-level settings")
    for key, _, value in items(root):
        if key == "extra":
            known(value, "extra", EXTRA_KEYS["extra"], "under extra")
            for group, _, sub in items(value):
                where = f"extra.{group}"
                if where in EXTRA_KEYS and isinstance(sub, yaml.MappingNode):
                    known(sub, where, EXTRA_KEYS[where], f"under {where}")
                    for name, _, subsub in items(sub):
                        if f"{where}.{name}" in EXTRA_KEYS and isinstance(subsub, yaml.MappingNode):
                            known(subsub, f"{where}.{name}", EXTRA_KEYS[f"{where}.{name}"], f"under {where}.{name}")
        elif key == "theme":
            known(value, "theme", THEME_KEYS, "under theme")
            for name, _, sub in items(value):
                if name == "name" and text(sub) in ("mkdocs", "readthedocs"):  # MkDocs names any other theme it lacks
                    problem(sub, "theme.name", f"{_show(text(sub) or sub.tag)} is not the theme this site is made for (expected material)")
                elif name == "font" and text(sub) != "false":
                    problem(sub, "theme.font", "web fonts are loaded from Google, another origin (expected false)")
                elif name in ("logo", "favicon", "custom_dir"):
                    local(sub, f"theme.{name}", _LOCAL_PATH, "a file or folder in the project (no addresses, no ..)")
        elif key == "nav":
            stack = [value]
            while stack:
                node = stack.pop()
                entries = node.value if isinstance(node, yaml.SequenceNode) else [node]
                for entry in entries:
                    target = entry
                    if isinstance(entry, yaml.MappingNode) and len(entry.value) == 1:
                        title, target = entry.value[0]
                        shown = text(title)
                        wrong = "is not text" if shown is None else text_problem(shown) or (
                            "contains < or > (MkDocs shows a page title as markup: write plain text)" if set(shown) & set("<>") else None)
                        if wrong:
                            problem(title, "nav", f"the title {_show(shown) + ' ' if shown is not None else ''}{wrong}")
                        if isinstance(target, yaml.SequenceNode):
                            stack.append(target)
                            continue
                    local(target, "nav", _LOCAL_PAGE, "a page of this site (expected a .md file in docs/, e.g. about.md)")
        elif key in ("extra_css", "extra_javascript"):
            entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for entry in entries:
                local(entry, key, _LOCAL_PATH, "a file of this site (expected a path in docs/, e.g. assets/report.css; "
                      "nothing is loaded from another origin)")
        elif key == "markdown_extensions":
            for entry in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                name = text(entry) if isinstance(entry, yaml.ScalarNode) else (
                    text(entry.value[0][0]) if isinstance(entry, yaml.MappingNode) and len(entry.value) == 1 else None)
                if name not in MARKDOWN_EXTENSIONS:
                    problem(entry, "markdown_extensions", f"{_show(name) if name else 'this entry'} is not an extension this site "
                            f"allows (allowed: {', '.join(MARKDOWN_EXTENSIONS)})")
        elif key == "plugins":
            for entry in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                options = None
                name = text(entry)
                if isinstance(entry, yaml.MappingNode) and len(entry.value) == 1:
                    name, options = text(entry.value[0][0]), entry.value[0][1]
                if name not in PLUGINS:
                    problem(entry, "plugins", f"{_show(name) if name else 'this entry'} is not a plugin this site allows "
                            f"(allowed: {', '.join(PLUGINS)})")
                    continue
                known(options, f"plugins.{name}", PLUGINS[name], f"options of {name}")
                for option, _, sub in items(options):
                    if (name, option) == ("macros", "module_name") and text(sub) != "macros":
                        problem(sub, "plugins.macros.module_name", f"{_show(text(sub))} is not this site's macros (expected macros)")
        elif key == "hooks":
            entries = value.value if isinstance(value, yaml.SequenceNode) else [value]
            if [text(e) for e in entries] != list(HOOKS):
                problem(value, "hooks", f"expected exactly [{', '.join(HOOKS)}] (the hook that checks and escapes every setting)")
    return problems


def check_source_date_epoch(value: str | None = None) -> str | None:
    """Why SOURCE_DATE_EPOCH (from the environment unless given) is not a usable build time, or None."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "") if value is None else value
    if not value or (value.isascii() and value.isdigit() and len(value) <= 12 and int(value) <= MAX_EPOCH):
        return None
    return (f"SOURCE_DATE_EPOCH: expected seconds since 1970 as a whole number from 0 to {MAX_EPOCH} (the end of 9999), "
            f"got {_show(value)} (unset it to build with today's date)")


def read_config(root: Path) -> Any:
    """mkdocs.yml loaded and checked by MkDocs, then by us; SettingsError lists every problem."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException  # ConfigurationError, or Abort after logging each error

    path = Path(root) / CONFIG_FILE
    root_node = compose_config(path)  # read safely first: MkDocs' own loader would run tags such as !!python/object
    lines = lines_of(root_node)
    unsafe = check_structure(root_node)
    if unsafe:
        raise SettingsError(sorted(unsafe))
    messages: list[str] = []
    problems = []
    overrides = {}
    wrong_url = check_site_url(os.environ.get("SITE_URL", ""))
    if wrong_url:  # named once, as SITE_URL, and kept away from MkDocs' own check
        problems.append(Problem("SITE_URL", 0, "", wrong_url.removeprefix("SITE_URL: ")))
        overrides["site_url"] = ""

    class _Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:  # the site is built strict: a warning fails it
                messages.append(record.getMessage())

    log = logging.getLogger("mkdocs.config")
    keep, propagate = _Keep(), log.propagate
    log.addHandler(keep)
    log.propagate = False
    try:
        config = load_config(str(path), **overrides)
    except MkDocsException as err:
        shown = [m for m in messages if m] or [str(err)]
        raise SettingsError(problems + [Problem(CONFIG_FILE, 0, "", _show_text(m)) for m in shown]) from None
    finally:
        log.removeHandler(keep)
        log.propagate = propagate
    problems += [Problem(CONFIG_FILE, 0, "", _show_text(m)) for m in messages if m.strip()]
    problems += check_config(config, lines)
    if problems:
        raise SettingsError(problems)
    return config


def check_config(config: Mapping[str, Any], lines: Mapping[str, int] | None = None) -> list[Problem]:
    """Every problem with the settings shown on pages, one per setting."""
    lines = lines or {}
    problems = []
    for key, required in (("site_name", True), ("site_description", False), ("copyright", False)):
        value = config.get(key)
        if value is None or value == "":
            if required:
                problems.append(Problem(CONFIG_FILE, lines.get(key, 0), key, "is required (the site's title)"))
            continue
        if not isinstance(value, str):
            problems.append(Problem(CONFIG_FILE, lines.get(key, 0), key, f"expected text, got {_show(value)}"))
            continue
        wrong = text_problem(value)
        if wrong:
            problems.append(Problem(CONFIG_FILE, lines.get(key, 0), key, wrong))
    site_url = config.get("site_url") or ""
    wrong = check_site_url(str(site_url))
    if wrong:
        problems.append(Problem(CONFIG_FILE, lines.get("site_url", 0), "", wrong))
    try:
        read_settings(config.get("extra") or {}, lines)
    except SettingsError as err:
        problems += err.problems
    return problems


def read_settings(extra: Mapping[str, Any], lines: Mapping[str, int] | None = None) -> Settings:
    """Settings from mkdocs.yml ``extra``; SettingsError lists every wrong setting."""
    reader = _Reader(lines or {})
    if not isinstance(extra, Mapping):
        reader.error("extra", "expected a group of settings")
        extra = {}
    council = reader.group(extra, "council", "extra")
    style = reader.group(extra, "house_style", "extra")
    contact = reader.group(council, "contact", "extra.council")
    url = reader.text(contact, "url", "extra.council.contact")
    if url and not _WEB_URL.fullmatch(url):
        reader.error("extra.council.contact.url", f"{_show(url)} is not a web address (expected https://..., or "
                     "http://localhost... for local use; an e-mail address goes in extra.council.contact.email)")
    email = reader.text(contact, "email", "extra.council.contact")
    if email and not _EMAIL.fullmatch(email.removeprefix("mailto:")):
        reader.error("extra.council.contact.email",
                     f"{_show(email)} is not an e-mail address (expected a role address such as complaints@example.gov.uk)")
    year_style = style.get("year_style", "2022 to 2023")
    if year_style not in YEAR_STYLES:
        reader.error("extra.house_style.year_style", f"expected one of {', '.join(repr(s) for s in YEAR_STYLES)}, got {_show(year_style)}")
    words = style.get("number_words", True)
    if not isinstance(words, bool):
        reader.error("extra.house_style.number_words", f"expected true or false, got {_show(words)}")
    places = style.get("decimal_places") or {}
    if not isinstance(places, Mapping):
        reader.error("extra.house_style.decimal_places", "expected statistic names with a number of places")
        places = {}
    for name, value in places.items():
        where = f"extra.house_style.decimal_places.{name}"
        if name not in STATISTIC_BY_NAME:
            close = difflib.get_close_matches(str(name), list(STATISTIC_BY_NAME), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "the names are listed on the About page, e.g. stage1_on_time_rate"
            reader.error(where, f"not a statistic ({hint})")
        elif not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 3:
            reader.error(where, f"expected 0 to 3, got {_show(value)}")
    procedure, problems = read_procedure(council.get("procedure", DEFAULT_PROCEDURE), CONFIG_FILE, "extra.council.procedure", lines or {})
    reader.problems += problems
    small = style.get("small_numbers", SMALL_NUMBERS)
    if not isinstance(small, int) or isinstance(small, bool) or not 1 <= small <= 1000:
        reader.error("extra.house_style.small_numbers", f"expected a whole number from 1 to 1000, got {_show(small)}")
        small = SMALL_NUMBERS
    targets = style.get("targets") or {}
    if not isinstance(targets, Mapping):
        reader.error("extra.house_style.targets", "expected statistic names with a target per cent, e.g. stage1_on_time_rate: 90")
        targets = {}
    chosen: dict[str, Fraction] = {}
    for name, value in targets.items():
        where = f"extra.house_style.targets.{name}"
        if name not in STATISTIC_BY_NAME:
            close = difflib.get_close_matches(str(name), list(STATISTIC_BY_NAME), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else "the names are listed on the About page, e.g. stage1_on_time_rate"
            reader.error(where, f"not a statistic ({hint})")
        elif not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 100:
            reader.error(where, f"expected a per cent from 0 to 100, e.g. 90, got {_show(value)}")
        else:
            chosen[name] = Fraction(str(value))  # as written: 92.5 is exactly 92.5
    how = reader.text(council, "how_to_complain", "extra.council")
    if how and not _HTTPS_URL.fullmatch(how):
        reader.error("extra.council.how_to_complain", f"{_show(how)} is not an https address (expected the council's page "
                     "on how to make a complaint, e.g. https://www.example.gov.uk/complaints; never a person's name or e-mail)")
        how = ""
    council_settings = Council(
        name=reader.text(council, "name", "extra.council", required=True),
        service=reader.text(council, "service", "extra.council", required=True),
        committee=reader.text(council, "committee", "extra.council"),
        contact_url=url,
        contact_text=reader.text(contact, "text", "extra.council.contact"),
        contact_email=email.removeprefix("mailto:"),
        procedure=procedure or preset(DEFAULT_PROCEDURE),
        how_to_complain=how,
    )
    if reader.problems:
        raise SettingsError(sorted(reader.problems))
    return Settings(council_settings, HouseStyle(year_style=year_style, number_words=words, places=dict(places),
                                                 small_numbers=small, targets=chosen))


_REQUIRED_HINT = {"extra.council.name": "the council's name, e.g. Lincolnshire County Council",
                  "extra.council.service": "the service the reports cover, e.g. Children's Social Care"}


class _Reader:
    """Collects every settings problem, each with the line of its setting."""

    def __init__(self, lines: Mapping[str, int]):
        self.lines = lines
        self.problems: list[Problem] = []
        self.broken: set[str] = set()  # groups already refused: their settings are not reported again

    def error(self, name: str, message: str) -> None:
        line = self.lines.get(name) or self.lines.get(name.rpartition(".")[0], 0)
        self.problems.append(Problem(CONFIG_FILE, line, name, message))

    def group(self, section: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = section.get(key) or {}
        if not isinstance(value, Mapping):
            name = f"{where}.{key}"
            settings = EXTRA_KEYS.get(name)
            hint = f" ({', '.join(settings)}, each on its own line below it)" if settings else ""
            self.error(name, f"expected a group of settings{hint}, got {_show(value)}")
            self.broken.add(name)
            return {}
        return value

    def text(self, section: Mapping[str, Any], key: str, where: str, required: bool = False) -> str:
        name = f"{where}.{key}"
        value = section.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(name, f"expected text, got {_show(value)}")
            return ""
        if required and not value.strip():
            if where not in self.broken:
                self.error(name, f"is required ({_REQUIRED_HINT.get(name, 'write it as plain text')})")
            return ""
        wrong = text_problem(value)
        if wrong:
            self.error(name, wrong)
            return ""
        return value.strip()


def _show(value: object, limit: int = 80) -> str:
    """A value for a message: quoted, escape codes made visible, cut short."""
    return show(value, limit)


def _show_text(message: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in message).split())


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _check_file(argv: list[str]) -> int:
    """``python -m report.settings [mkdocs.yml]``: check mkdocs.yml safely (before
    ``mkdocs serve`` reads it); print one line per problem, exit 1 if any."""
    import sys
    path = Path(argv[0] if argv else CONFIG_FILE)
    try:
        problems = check_structure(compose_config(path))
    except SettingsError as err:
        problems = err.problems
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    import sys
    sys.exit(_check_file(sys.argv[1:]))
