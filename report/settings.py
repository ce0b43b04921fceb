"""The site's settings, read from mkdocs.yml and checked: text stays text.

Every setting that is shown on a page (``site_name``, ``site_description``,
``copyright``, ``extra.council.*``) must be plain text: it is always shown
escaped, and control or invisible characters are refused. Addresses must be
``https:`` (``http:`` only for this computer), and ``SITE_URL`` must be a plain
site address. Each problem is one line naming the setting and its line.
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .fmt import SMALL_NUMBERS, YEAR_STYLES, HouseStyle
from .problems import Problem
from .procedures import DEFAULT_PROCEDURE, Procedure, preset, read_procedure
from .stats import STATISTIC_BY_NAME

__all__ = [
    "Council", "Settings", "SettingsError", "read_settings", "read_config", "check_config",
    "check_site_url", "config_lines", "text_problem", "MAX_SETTING_LENGTH", "SHOWN_TEXT",
]

CONFIG_FILE = "mkdocs.yml"
SHOWN_TEXT = ("site_name", "site_description", "copyright")  # top-level settings shown on every page
MAX_SETTING_LENGTH = 300  # characters of one text setting

_HOST = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*"
_LOCAL = r"(?:localhost|127\.0\.0\.1|\[::1\])"
_PORT = r"(?::[0-9]{1,5})?"
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
    for index, char in enumerate(value, 1):
        if char in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return (f"contains an invisible or control character (U+{ord(char):04X}, "
                    f"the {_ordinal(index)} character); write plain text")
    return None


def check_site_url(value: str) -> str | None:
    """Why ``value`` is not a usable SITE_URL, or None when it is (or is empty)."""
    if not value or _SITE_URL.fullmatch(value):
        return None
    return (f"SITE_URL: {_show(value)} is not a site address (expected https://host/path/, or "
            "http://localhost:PORT/ for local use; no quotes, spaces, angle brackets, query or fragment)")


def config_lines(path: str | Path) -> dict[str, int]:
    """Line of each setting in mkdocs.yml, by dotted name; SettingsError on a YAML syntax error."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SettingsError([Problem(CONFIG_FILE, 0, "", "not found (the site's settings file, in the project folder)")]) from None
    except UnicodeDecodeError as err:
        raise SettingsError([Problem(CONFIG_FILE, 0, "", f"is not UTF-8 text (byte {err.start + 1}); save it as UTF-8")]) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: tags such as !ENV need no constructor
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = " ".join(str(err.problem or err.context or "not valid YAML").split())
        raise SettingsError([Problem(CONFIG_FILE, mark.line + 1 if mark else 0, "", f"YAML syntax: {what}")]) from None
    except yaml.YAMLError as err:
        raise SettingsError([Problem(CONFIG_FILE, 0, "", f"YAML syntax: {' '.join(str(err).split())}")]) from None
    lines: dict[str, int] = {}

    def walk(node: Any, prefix: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    name = f"{prefix}{key.value}"
                    lines.setdefault(name, key.start_mark.line + 1)
                    walk(value, name + ".")

    walk(root, "")
    return lines


def read_config(root: Path) -> Any:
    """mkdocs.yml loaded and checked by MkDocs, then by us; SettingsError lists every problem."""
    import logging

    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException  # ConfigurationError, or Abort after logging each error

    path = Path(root) / CONFIG_FILE
    lines = config_lines(path)
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


class _Reader:
    """Collects every settings problem, each with the line of its setting."""

    def __init__(self, lines: Mapping[str, int]):
        self.lines = lines
        self.problems: list[Problem] = []

    def error(self, name: str, message: str) -> None:
        line = self.lines.get(name) or self.lines.get(name.rpartition(".")[0], 0)
        self.problems.append(Problem(CONFIG_FILE, line, name, message))

    def group(self, section: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = section.get(key) or {}
        if not isinstance(value, Mapping):
            self.error(f"{where}.{key}", f"expected a group of settings, got {_show(value)}")
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
            self.error(name, "is required (e.g. the council's name)")
            return ""
        wrong = text_problem(value)
        if wrong:
            self.error(name, wrong)
            return ""
        return value.strip()


def _show(value: object, limit: int = 80) -> str:
    """A value for a message: quoted, escape codes made visible, cut short."""
    shown = repr(value)
    shown = "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in shown)
    return shown if len(shown) <= limit else shown[: limit - 3] + "..."


def _show_text(message: str) -> str:
    return " ".join("".join(c if c.isprintable() else " " for c in message).split())


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
