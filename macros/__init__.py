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

from report import html, page_svg, timing
from report.glance import glance as glance_sentences
from report.problems import DataErrors
from report.settings import SettingsError
from report.terms import small_numbers_rule as small_numbers_text
from report.version import SiteVersion, VersionContext, build_context

Context = VersionContext | SiteVersion  # a series' pages get its VersionContext; the shared pages of several series a SiteVersion


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


def report_title(v: Context, page_url: str) -> str:
    """The page title with the year, status, and when and to whom it was presented (the overview's, on a site with series)."""
    return v.title_part(page_url)


def headline(v: Context, page_url: str) -> str:
    """Headline figures, each with its change from the previous year; on the overview, each series' side by side."""
    return v.headline_part(page_url)


def summary(v: Context, page_url: str) -> str:
    """The generated summary in running text; on the overview, the table across series."""
    return v.summary_part(page_url)


def commentary(v: Context, page_url: str) -> str:
    """The officer's commentary for this year, rendered (never a template again), or ""."""
    return v.commentary_part(page_url)


def sections(v: Context, page_url: str) -> str:
    """One section per part of the report that has figures, each with its chart and table."""
    return v.sections_part(page_url)


def notes(v: Context, page_url: str) -> str:
    """Notes (with breaks in series), revisions and the source of the figures."""
    return v.notes_part(page_url)


def compare(v: Context, page_url: str) -> str:
    """Every figure and statistic for every year of this version, side by side (each series' in turn)."""
    return v.compare_part(page_url)


def all_reports(v: Context, page_url: str) -> str:
    """Every year's report with its permanent link; a withdrawn year with the date and reason (each series' in turn)."""
    return v.reports_part(page_url)


def downloads_list(v: Context, page_url: str) -> str:
    """The files of this version's data folder, with their sizes."""
    return html.downloads_list(v.downloads, v.settings.style, v.download_owners)


def data_dictionary(v: Context, page_url: str) -> str:
    """Every field of the data files with its meaning, from report.fields (each series' procedure in turn)."""
    return v.dictionary_part(page_url)


def definitions(v: Context, page_url: str) -> str:
    """The procedure (stages, law, timescales) and the definitions of every figure and statistic (each series' in turn)."""
    return v.definitions_part(page_url)


def council_name(v: VersionContext, page_url: str) -> str:
    """The council's name from the settings, escaped."""
    return html.e(v.settings.council.name)


def contact(v: VersionContext, page_url: str) -> str:
    """How to get in touch: the role address or web form from the settings."""
    return html.contact(v.settings.council)


def json_link(v: Context, page_url: str) -> str:
    """The relative address of this year's JSON download from a page."""
    return v.json_href(page_url)


def all_series_download(v: SiteVersion, page_url: str) -> str:
    """The overview's link to every series' figures as one CSV (a site with report series)."""
    return html.all_series_download(v.json_href(page_url))


def glance(v: VersionContext, page_url: str) -> str:
    """ "At a glance": what went up, down and stayed the same, and any targets."""
    return html.glance_section(glance_sentences(v.report))


def terms(v: Context, page_url: str) -> str:
    """ "What the terms mean", as a box that opens (year page)."""
    return html.terms_box(v.terms)


def terms_section(v: Context, page_url: str) -> str:
    """ "What the terms mean", under its own heading (About page)."""
    return html.terms_section(v.terms)


def how_to_complain(v: Context, page_url: str) -> str:
    """The link to the page on how to make a complaint (the series' own, else the council's), when the settings give one."""
    return html.how_to_complain(v.how_to_complain, v.settings.council.name)


def small_numbers_rule(v: Context, page_url: str) -> str:
    """The small-numbers rule in words, with the threshold from the settings."""
    return html.paragraphs([small_numbers_text(v.settings.style)])


def ombudsman_page(v: VersionContext, page_url: str) -> str:
    """The Ombudsman's view of the council: against similar authorities by year, chart, tables, letter and reports."""
    return html.ombudsman_page(v.ombudsman, v.ombudsman_chart, v.svgs, html.page_base(page_url))


def code_report(v: VersionContext, page_url: str) -> str:
    """The Complaint Handling Code's annual report, point by point as paragraph 8.1 lists them."""
    return html.code_report(v.code, v.settings.council.name, v.code_analysis, v.report.themes_section())


def actions(v: VersionContext, page_url: str) -> str:
    """Learning and actions of this year: those raised and the progress of earlier ones ("" when none)."""
    return html.actions_section(v.actions)


def council_dictionary(v: VersionContext, page_url: str) -> str:
    """Every field of the council-wide files with its meaning, from report.council_fields."""
    return html.council_dictionary()


MACROS: dict[str, Callable[..., str]] = {
    "figure": figure, "stat": stat, "change": change, "year": year, "permalink": permalink,
    "report_title": report_title, "headline": headline, "summary": summary, "commentary": commentary,
    "sections": sections, "notes": notes, "compare": compare, "all_reports": all_reports,
    "downloads_list": downloads_list, "data_dictionary": data_dictionary, "definitions": definitions,
    "council_name": council_name, "contact": contact, "json_link": json_link, "all_series_download": all_series_download,
    "glance": glance, "terms": terms, "terms_section": terms_section, "how_to_complain": how_to_complain,
    "small_numbers_rule": small_numbers_rule,
    "ombudsman_page": ombudsman_page, "code_report": code_report, "actions": actions, "council_dictionary": council_dictionary,
}


def define_env(env) -> None:
    """Load and check everything before any page renders; register every macro of ``MACROS``."""
    try:
        with timing.phase("loading and statistics"):
            ctx = build_context(env.conf)  # the hooks read the same one
    except (DataErrors, SettingsError) as err:
        raise PluginError(str(err)) from None
    env.variables["report_context"] = ctx
    hidden = page_svg.placeholders_for(env.conf)  # charts and tables reach Markdown as placeholders; the hooks put them back
    for name, function in MACROS.items():
        env.macro(_bound(function, ctx, env, hidden), name)


def _bound(function: Callable[..., str], ctx: Context, env, hidden: page_svg.Placeholders) -> Callable[..., str]:
    def macro(*args, **kwargs) -> str:
        with timing.phase("macros and text"):
            return hidden.hide(function(ctx.for_page(env.page.url), env.page.url, *args, **kwargs))

    macro.__doc__ = function.__doc__
    return macro


def on_post_build(env) -> None:
    """Write this version's downloads into ``data/`` and its charts into ``charts/`` of the built site."""
    ctx = env.variables["report_context"]
    with timing.phase("macros and text"):
        for name, content in ctx.site_files.items():
            target = Path(env.conf["site_dir"]) / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)


def on_post_page_macros(env) -> None:
    """With REPORT_DUMP_MARKDOWN set (by make bench only), keep each page's final Markdown."""
    folder = os.environ.get("REPORT_DUMP_MARKDOWN")
    if folder:
        target = Path(folder) / env.variables["report_context"].version / env.page.file.src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_svg.placeholders_for(env.conf).restore(env.markdown), encoding="utf-8")  # the charts inline
