"""Thin glue: exposes one version's ``SiteContext`` to the Markdown pages.

No arithmetic or wording here: every macro is a method of ``SiteContext``.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.exceptions import PluginError

from report.problems import DataErrors
from report.settings import SettingsError
from report.site import dump_markdown, site_context, write_downloads

MACROS = (
    "figure", "stat", "change", "year", "report_title", "headline", "summary", "sections", "notes",
    "compare", "downloads_list", "data_dictionary", "definitions", "council_name", "contact", "permalink",
)


def define_env(env) -> None:
    """Load and check everything before any page renders; register the macros."""
    root = Path(env.conf["config_file_path"]).parent
    try:
        ctx = site_context(root, env.conf["extra"], env.conf.get("site_url") or "")
    except (DataErrors, SettingsError) as err:
        raise PluginError(str(err)) from None
    env.variables["report_context"] = ctx
    for name in MACROS:
        env.macro(getattr(ctx, name), name)
    env.macro(ctx.commentary_markdown, "commentary")  # already rendered by report.commentary; never a template
    env.macro(lambda: ctx.all_reports(env.page.url), "all_reports")
    env.macro(lambda: ctx.json_link(env.page.url), "json_link")


def on_post_build(env) -> None:
    """Write this version's downloads into ``data/`` of the built site."""
    write_downloads(env.variables["report_context"], env.conf["site_dir"])


def on_post_page_macros(env) -> None:
    """With REPORT_DUMP_MARKDOWN set (by make bench only), keep each page's final Markdown."""
    folder = os.environ.get("REPORT_DUMP_MARKDOWN")
    if folder:
        dump_markdown(folder, env.variables["report_context"].version, env.page.file.src_path, env.markdown)
