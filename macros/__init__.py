"""Thin glue: exposes one version's ``VersionContext`` to the Markdown pages.

Every macro the pages can call is one entry of ``MACROS`` (name -> function).
Each function takes the version's context and the page's address first, then
the template's arguments, and hands them to ``report.html`` (markup) or
``report.commentary.Values`` (values): no arithmetic, no markup, no wording here.
The MkDocs hooks below write the version's downloads and charts.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import PluginError

from report import html, timing
from report.problems import DataErrors
from report.settings import SettingsError
from report.text import summary as summary_text
from report.version import VersionContext, version_context


def figure(v: VersionContext, page_url: str, path: str, words: bool = False) -> str:
    """A figure of this year, e.g. ``figure('complaints.stage1')`` -> "102"."""
    return v.values.figure(path, words)


def stat(v: VersionContext, page_url: str, name: str) -> str:
    """A statistic of this year, e.g. ``stat('informal_rate')`` -> "21%"."""
    return v.values.stat(name)


def change(v: VersionContext, page_url: str, key: str) -> str:
    """A change from last year, e.g. ``change('complaints.stage1')`` -> "a decrease of 6%"."""
    return v.values.change(key)


def year(v: VersionContext, page_url: str) -> str:
    """This version's year in the house style, e.g. "2022 to 2023"."""
    return v.label


def permalink(v: VersionContext, page_url: str, year_id: str | None = None) -> str:
    """The permanent address of a year's report (this version's by default)."""
    return v.permalink(year_id)


def report_title(v: VersionContext, page_url: str) -> str:
    """The page title with the year, status, and when and to whom it was presented."""
    return html.report_title(v.report, v.settings, v.permalink())


def headline(v: VersionContext, page_url: str) -> str:
    """Headline figures, each with its change from the previous year."""
    return html.headline_section(v.report.headline())


def summary(v: VersionContext, page_url: str) -> str:
    """The generated summary in running text."""
    return html.summary_section(summary_text(v.report))


def commentary(v: VersionContext, page_url: str) -> str:
    """The officer's commentary for this year, rendered (never a template again), or ""."""
    return html.commentary_section(v.commentary_text)


def sections(v: VersionContext, page_url: str) -> str:
    """One section per part of the report that has figures, each with its chart and table."""
    return html.sections(v.report, v.year_charts, v.svgs)


def notes(v: VersionContext, page_url: str) -> str:
    """Notes (with breaks in series), revisions and the source of the figures."""
    return html.notes_section(v.report.year)


def compare(v: VersionContext, page_url: str) -> str:
    """Every figure and statistic for every year of this version, side by side."""
    return html.compare_page(v.compare_table, v.dataset, v.settings.style, v.compare_charts, v.svgs)


def all_reports(v: VersionContext, page_url: str) -> str:
    """Every year's report with its permanent link; a withdrawn year with the date and reason."""
    permalinks = {y.id: v.permalink(y.id) for y in v.dataset.years}
    return html.all_reports(v.dataset, v.withdrawn, v.version, v.settings.style, permalinks, page_url)


def downloads_list(v: VersionContext, page_url: str) -> str:
    """The files of this version's data folder, with their sizes."""
    return html.downloads_list(v.downloads, v.settings.style)


def data_dictionary(v: VersionContext, page_url: str) -> str:
    """Every field of the data files with its meaning, from report.fields."""
    return html.data_dictionary()


def definitions(v: VersionContext, page_url: str) -> str:
    """Definitions of every figure and statistic, and how each is shown."""
    return html.definitions(v.settings.style)


def council_name(v: VersionContext, page_url: str) -> str:
    """The council's name from the settings, escaped."""
    return html.e(v.settings.council.name)


def contact(v: VersionContext, page_url: str) -> str:
    """How to get in touch: the role address or web form from the settings."""
    return html.contact(v.settings.council)


def json_link(v: VersionContext, page_url: str) -> str:
    """The relative address of this year's JSON download from a page."""
    return html.json_link(page_url, v.version)


MACROS: dict[str, Callable[..., str]] = {
    "figure": figure, "stat": stat, "change": change, "year": year, "permalink": permalink,
    "report_title": report_title, "headline": headline, "summary": summary, "commentary": commentary,
    "sections": sections, "notes": notes, "compare": compare, "all_reports": all_reports,
    "downloads_list": downloads_list, "data_dictionary": data_dictionary, "definitions": definitions,
    "council_name": council_name, "contact": contact, "json_link": json_link,
}


def define_env(env) -> None:
    """Load and check everything before any page renders; register every macro of ``MACROS``."""
    root = Path(env.conf["config_file_path"]).parent
    try:
        with timing.phase("loading and statistics"):
            ctx = version_context(root, env.conf["extra"], env.conf.get("site_url") or "")
    except (DataErrors, SettingsError) as err:
        raise PluginError(str(err)) from None
    env.variables["report_context"] = ctx
    for name, function in MACROS.items():
        env.macro(_bound(function, ctx, env), name)


def _bound(function: Callable[..., str], ctx: VersionContext, env) -> Callable[..., str]:
    def macro(*args, **kwargs) -> str:
        with timing.phase("macros and text"):
            return function(ctx, env.page.url, *args, **kwargs)

    macro.__doc__ = function.__doc__
    return macro


def on_post_build(env) -> None:
    """Write this version's downloads into ``data/`` and its charts into ``charts/`` of the built site."""
    ctx = env.variables["report_context"]
    with timing.phase("macros and text"):
        _write_files(ctx, Path(env.conf["site_dir"]))


def _write_files(ctx: VersionContext, site_dir: Path) -> None:
    for folder_name, files in (("data", ctx.downloads), ("charts", ctx.chart_files)):
        folder = site_dir / folder_name
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)


def on_post_page_macros(env) -> None:
    """With REPORT_DUMP_MARKDOWN set (by make bench only), keep each page's final Markdown."""
    folder = os.environ.get("REPORT_DUMP_MARKDOWN")
    if folder:
        target = Path(folder) / env.variables["report_context"].version / env.page.file.src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(env.markdown, encoding="utf-8")
