"""MkDocs hook: settings are checked, then shown as text by every template.

Material's templates print ``config.site_name``, ``config.copyright`` and
``config.site_description`` without escaping in places. This hook refuses bad
settings (as ``make validate`` does) and replaces those three values with
escaped text, so every template, ours or Material's, shows them as text.
"""

from __future__ import annotations

import sys
from pathlib import Path

from markupsafe import escape

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # hooks load before the macros plugin puts the project on the path
    sys.path.insert(0, _ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402

from report.settings import SHOWN_TEXT, SettingsError, check_config, config_lines  # noqa: E402


def on_config(config):
    """Refuse bad settings with one line each; make the shown ones escaped text."""
    try:
        problems = check_config(config, config_lines(config.config_file_path))
    except SettingsError as err:
        problems = err.problems
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    for key in SHOWN_TEXT:
        if config.get(key):
            config[key] = escape(" ".join(str(config[key]).split()))
    return config
