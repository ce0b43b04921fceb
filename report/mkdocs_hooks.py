"""MkDocs hook: settings are checked, then shown as text by every template;
the Code's annual report page exists only in versions from 2024-25 on.

Material's templates print ``config.site_name``, ``config.copyright`` and
``config.site_description`` without escaping in places. This hook refuses bad
settings (as ``make validate`` does) and replaces those three values with
escaped text, so every template, ours or Material's, shows them as text.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from markupsafe import escape

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # hooks load before the macros plugin puts the project on the path
    sys.path.insert(0, _ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402

from report.council_report import has_code_report  # noqa: E402
from report.settings import SHOWN_TEXT, SettingsError, check_config, check_structure, compose_config, lines_of  # noqa: E402

CODE_PAGE = "code.md"


def on_config(config):
    """Refuse bad settings with one line each (mkdocs.yml read again safely: a tag, an
    alias or a setting that loads from another origin); make the shown ones escaped text."""
    try:
        root = compose_config(config.config_file_path)
        problems = check_structure(root) or check_config(config, lines_of(root))
    except SettingsError as err:
        problems = err.problems
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    for key in SHOWN_TEXT:
        if config.get(key):
            config[key] = escape(" ".join(str(config[key]).split()))
    if not _has_code_page(config):
        config["nav"] = _without(config.get("nav") or [], CODE_PAGE)
    return config


def on_files(files, config):
    """Leave the Code's annual report out of versions before it existed."""
    if not _has_code_page(config):
        page = files.get_file_from_path(CODE_PAGE)
        if page is not None:
            files.remove(page)
    return files


def _has_code_page(config) -> bool:
    """Whether this version's year (the newest year file when not set) has the Code's report."""
    options = (config.get("extra") or {}).get("report") or {}
    year = str(options.get("year") or "")
    if not year:
        data_dir = Path(config.config_file_path).parent / str(options.get("data_dir") or "data")
        years = [p.stem for p in (*data_dir.glob("*.yaml"), *data_dir.glob("*/*.yaml"))
                 if p.parent.name != "council" and re.fullmatch(r"[0-9]{4}-[0-9]{2}", p.stem)]
        year = max(years, default="")
    try:
        return bool(year) and has_code_report(year)
    except ValueError:
        return False


def _without(nav: list, page: str) -> list:
    """``nav`` without the entries that point at ``page``."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if value == page:
            continue
        if isinstance(value, list):
            item = {next(iter(item)): _without(value, page)}
        out.append(item)
    return out
