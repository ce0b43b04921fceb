"""MkDocs hook: settings are checked, then shown as text by every template.

Material's templates print ``config.site_name``, ``config.copyright`` and
``config.site_description`` without escaping in places. This hook refuses bad
settings (as ``make validate`` does) and replaces those three values with
escaped text, so every template, ours or Material's, shows them as text.

It also keeps the theme's compiled templates for the next version built in
the same process (a build process builds several): MkDocs makes a new Jinja
environment per build, which would compile Material's templates again each
time. Jinja keys compiled code by template name and a hash of its source, so
an edited template is compiled afresh.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jinja2
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


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


def on_env(env, config, files):
    """Compile each theme template once per process, not once per version."""
    env.bytecode_cache = _COMPILED
    return env
