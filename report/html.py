"""HTML fragments for pages, made from presentation objects.

All markup of the pages is written here, and every piece of text from a data
file or a setting is escaped here; nothing from data is ever read as Markdown,
HTML or template code. Every table sits in one ``table_region``.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from html import escape
from typing import TYPE_CHECKING

from . import fmt
from .chart_views import Chart
from .compare import CompareTable
from .council_fields import DEFINITIONS as COUNCIL_DEFINITIONS
from .council_fields import OMBUDSMAN_FIELDS
from .council_report import ActionsView, CodeView, OmbudsmanView, Table
from .fields import COUNT_FIELDS, FIELD_BY_PATH, OTHER_DEFINITIONS, SERIES_DEFINITIONS, Field
from .model import Dataset, ReportingYear, Revision
from .present import OVERVIEW_COLUMNS, HeadlineItem, Section, YearReport, overview_row, revision_id
from .procedures import Procedure
from .settings import Council, Settings
from .stats import STATISTICS, Statistic

if TYPE_CHECKING:
    from charts.theme import Legend

__all__ = [
    "e", "long_date", "page_base", "json_link", "table_region", "headline", "paragraphs", "table", "compare", "notes", "revisions",
    "chart", "report_title", "headline_section", "summary_section", "commentary_section", "sections", "notes_section",
    "redirect_page", "compare_page", "all_reports", "downloads_list", "data_dictionary", "definitions", "contact",
    "LOCAL_NOTE", "glance_section", "terms_box", "terms_section", "how_to_complain",
    "SCHEMA1_OTHERS", "overview_title", "overview_headlines", "overview_table", "all_series_download",
    "per_series", "procedure_section", "series_file", "inline_svg", "chart_file", "with_legend",
    "simple_table", "ombudsman_letter_and_reports", "ombudsman_page", "actions_section", "code_report", "council_dictionary",
]

# Shown beside an address when the site was not built with its deployed address (SITE_URL).
LOCAL_NOTE = "(local preview: the address is set when the site is deployed)"


_NOT_MARKUP = str.maketrans({"{": "&#123;", "}": "&#125;", "[": "&#91;", "]": "&#93;", "*": "&#42;",
                             "_": "&#95;", "`": "&#96;", "\\": "&#92;"})


def e(text: object) -> str:
    r"""Escape text for HTML, including quotes, and neutralise template braces and Markdown.

    White space is folded to single spaces, so text can never end the raw HTML
    block it sits in. Markdown's link, image, emphasis, code and escape
    characters become character references, so text placed in running
    Markdown (a setting in a sentence or a heading) is never read as a link.

    >>> e('<b>{{ 7*7 }}</b>\n\n*x*')
    '&lt;b&gt;&#123;&#123; 7&#42;7 &#125;&#125;&lt;/b&gt; &#42;x&#42;'
    >>> e('[x](javascript:alert(1))')
    '&#91;x&#93;(javascript:alert(1))'
    """
    return escape(" ".join(str(text).split()), quote=True).translate(_NOT_MARKUP)


def long_date(date: dt.date) -> str:
    """ "8 March 2024" (GOV.UK style)."""
    return f"{date.day} {date:%B %Y}"


def page_base(page_url: str) -> str:
    """Relative path from a page (``"data/"``) up to its version's root (``"../"``)."""
    return "../" * page_url.count("/")


def json_link(page_url: str, version: str) -> str:
    """The relative address of a version's JSON download from a page."""
    return f"{page_base(page_url)}data/{version}.json"


def table_region(label: str, table_id: str, caption: str, head: str, body: str) -> str:
    """The one wrapper of every table: a focusable, labelled region that scrolls on narrow screens.

    ``label``, ``table_id`` and ``caption`` are text (escaped here); ``head`` and
    ``body`` are rows already made by this module.
    """
    return (
        f'<div class="cr-table" role="region" aria-label="{e(label)}" tabindex="0">'
        f'<table id="{e(table_id)}"><caption>{e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _col(text: str) -> str:
    return f'<th scope="col">{e(text)}</th>'


def headline(items: tuple[HeadlineItem, ...]) -> str:
    if not items:
        return ""
    cards = []
    for item in items:
        rate = f' <span class="cr-rate">({e(item.rate)})</span>' if item.rate else ""
        change = f'<span class="cr-change">{e(item.change)}</span>' if item.change else ""
        cards.append(
            f'<li class="cr-card"><span class="cr-label">{e(item.label)}</span>'
            f'<span class="cr-value">{e(item.value)}{revised_marker(item.revised)}{rate}</span>{change}</li>'
        )
    return '<ul class="cr-headline">\n' + "\n".join(cards) + "\n</ul>"


def paragraphs(texts: tuple[str, ...] | list[str], css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return "\n".join(f"<p{cls}>{e(t)}</p>" for t in texts)


def revised_marker(revision: str, href: str = "") -> str:
    """The "revised" mark after a figure changed since publication, linking to its
    revision (``href``, else ``#`` and the revision's id on this page)."""
    if not revision:
        return ""
    return f' <a class="cr-revised" href="{e(href or "#" + revision)}">revised</a>'


def _footnote(notes: list[str], note: str, table_id: str) -> str:
    """A reference to ``note`` in a table's footnotes (numbered in order of first use)."""
    if not note:
        return ""
    if note not in notes:
        notes.append(note)
    n = notes.index(note) + 1
    target = f"{e(table_id)}-note-{n}"  # the link's name is its number; the note describes it
    return f'&#160;<sup class="cr-note"><a href="#{target}" aria-describedby="{target}">{n}</a></sup>'


def _footnotes(notes: list[str], table_id: str) -> str:
    if not notes:
        return ""
    items = "".join(f'<li id="{e(table_id)}-note-{n}">{e(note)}</li>' for n, note in enumerate(notes, start=1))
    return f'<div class="cr-footnotes"><p>Why a value is not available:</p><ol>{items}</ol></div>'


def table(section: Section) -> str:
    head = "".join(_col(c) for c in section.columns)
    body, notes, table_id = [], [], f"table-{section.id}"
    for row in section.rows:
        row_notes = row.notes or ("",) * len(row.cells)
        cells = "".join(
            f"<td>{e(c)}{revised_marker(row.revised) if i == 0 else ''}{_footnote(notes, note, table_id)}</td>"
            for i, (c, note) in enumerate(zip(row.cells, row_notes, strict=True)))
        body.append(f'<tr><th scope="row">{e(row.label)}</th>{cells}</tr>')
    return table_region(section.caption, table_id, section.caption, head, "".join(body)) + _footnotes(notes, table_id)


_BREAK = '<sup><a href="#breaks" title="Break in series">†<span class="cr-sr"> break in series</span></a></sup>'


def compare(data: CompareTable, caption_counts: str, caption_stats: str) -> str:
    out = []
    for caption, rows, css in ((caption_counts, data.counts, "counts"), (caption_stats, data.statistics, "statistics")):
        head = _col("Figure") + "".join(_col(label) for label in data.labels)
        body, notes, table_id = [], [], f"compare-{css}"
        for row in rows:
            blank = ("",) * len(row.cells)
            cells = "".join(
                f"<td>{e(cell)}{revised_marker(revised)}{_footnote(notes, note, table_id)}{_BREAK if broken else ''}</td>"
                for cell, broken, revised, note in zip(row.cells, row.broken, row.revised or blank, row.notes or blank, strict=True))
            body.append(f'<tr><th scope="row">{e(row.label)}</th>{cells}</tr>')
        out.append(table_region(caption, table_id, caption, head, "".join(body)) + _footnotes(notes, table_id))
    return "\n\n".join(out)


def compare_revisions(data: CompareTable, labels: dict[str, Field] | None = None) -> str:
    """The figures changed after publication, each with the id its "revised" marks link to."""
    if not data.revisions:
        return ""
    names = {path: f.label for path, f in (labels or FIELD_BY_PATH).items()} | {row.key: row.label for row in data.counts}
    rows = "".join(
        f'<tr id="{e(rid)}"><td>{e(year)}</td><th scope="row">{e(names.get(r.field, r.field))}</th>'
        f"<td>{e('not published' if r.old is None else f'{r.old:,}')}</td>"
        f"<td>{e('not published' if r.new is None else f'{r.new:,}')}</td>"
        f"<td>{e(long_date(r.date))}</td><td>{e(r.reason)}</td></tr>"
        for rid, year, r in data.revisions
    )
    head = "".join(_col(c) for c in ("Year", "Figure", "Was", "Now", "Revised on", "Reason"))
    return ("## Revised figures\n\nThese figures were corrected after their report was published.\n\n"
            + table_region("Revised figures", "compare-revisions", "Figures corrected after publication", head, rows))


def notes(year: ReportingYear, labels: dict[str, Field] | None = None) -> str:
    if not year.notes:
        return ""
    labels = labels or FIELD_BY_PATH
    items = []
    for note in year.notes:
        breaks = ""
        if note.breaks:
            names = ", ".join(labels[b].label.lower() for b in note.breaks)
            breaks = f" <strong>Break in series:</strong> {e(names)} not comparable with earlier years."
        items.append(f"<li>{e(note.text)}{breaks}</li>")
    return '<ul class="cr-notes">' + "".join(items) + "</ul>"


def revisions(items: tuple[Revision, ...], labels: dict[str, Field] | None = None) -> str:
    if not items:
        return ""
    labels = labels or FIELD_BY_PATH
    rows = "".join(
        f'<tr id="{revision_id(i)}"><td>{e(long_date(r.date))}</td><th scope="row">{e(labels[r.field].label)}</th>'
        f"<td>{e('not published' if r.old is None else f'{r.old:,}')}</td>"
        f"<td>{e('not published' if r.new is None else f'{r.new:,}')}</td><td>{e(r.reason)}</td></tr>"
        for i, r in enumerate(items, start=1)
    )
    head = "".join(_col(c) for c in ("Date", "Figure", "Was", "Now", "Reason"))
    return table_region("Revisions", "table-revisions", "Changes to published figures", head, rows)


def chart(view: Chart, svg: str, base: str) -> str:
    """A chart in a <figure>: inline SVG, its finding as caption, the same numbers as a table."""
    head = "".join(_col(c) for c in view.columns)
    rows = "".join(
        f'<tr><th scope="row">{e(row[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in row[1:]) + "</tr>"
        for row in view.table
    )
    return (
        f'<figure class="cr-figure" id="{e(view.id)}">\n{svg}\n'
        f'<figcaption id="{e(view.id)}-caption">{e(view.caption)}</figcaption>\n'
        f'<details class="cr-figure-data"><summary>Show the figures in this chart as a table</summary>'
        f"{table_region(f'{view.title}: figures', f'{view.id}-table', view.title, head, rows)}</details>\n"
        f'<p class="cr-figure-files">Download this chart: '
        f'<a href="{base}charts/{e(view.id)}.svg" download>image (SVG)</a>, '
        f'<a href="{base}charts/{e(view.id)}.csv" download>data (CSV)</a></p>\n'
        "</figure>"
    )


_SVG_ID = re.compile(r'\bid="([^"]+)"')
_SVG_TEXT = re.compile(r">([^<]+)<")
_SVG_QUOTE = re.compile(r'>[^<"]*"')


def _named_svg(svg: str, attributes: str, first: str = "") -> str:
    """The SVG with ``attributes`` on its root element and ``first`` as its first children."""
    head, rest = svg.split(">", 1)
    return head.replace("<svg", f"<svg {attributes}", 1) + ">" + first + rest


def inline_svg(svg: str, prefix: str, label_id: str, css: str = "") -> str:
    """A chart's SVG for a page: ids prefixed with ``prefix`` (unique within the page), shown as
    one image named by the element ``label_id``, as wide as drawn at most. Quotes in its text are
    written as ``&quot;``: vl-convert leaves them bare, and text such as ``x="y`` would then read
    as an attribute to whatever scans the page's markup (Material's search plugin strips
    ``data-search-*="..."`` from every page)."""
    for old in sorted(set(_SVG_ID.findall(svg)), key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})").replace(f'href="#{old}"', f'href="#{new}"')
    head, rest = svg.split(">", 1)
    if _SVG_QUOTE.search(rest):  # most charts have no quote in their text
        rest = _SVG_TEXT.sub(lambda m: ">" + m.group(1).replace('"', "&quot;") + "<", rest)
    width = re.search(r'\swidth="([\d.]+)"', head)
    head = re.sub(r'\s(width|height)="[\d.]+"', "", head, count=2)
    style = f' style="max-width:{width.group(1)}px"' if width else ""
    cls = ""
    if css and re.search(r'\sclass="', head):  # vl-convert names its root "marks": one class attribute only
        head = re.sub(r'\sclass="([^"]*)"', lambda m: f' class="{m.group(1)} {css}"', head, count=1)
    elif css:
        cls = f' class="{css}"'
    return _named_svg(head + ">" + rest, f'role="img" aria-labelledby="{label_id}" focusable="false"{cls}{style}')


def _number(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


def with_legend(svg: str, legend: Legend | None) -> str:
    """A chart's SVG with its legend drawn under it (``charts.theme.Legend``), the SVG as much
    taller: each entry on a line of its own, its line (dash and colour) with its symbol on it,
    or its symbol alone, then its name, on the lines it is given (``Legend.at``)."""
    if legend is None or not legend.entries:
        return svg
    head, rest = svg.split(">", 1)
    width = float(re.search(r'\swidth="([\d.]+)"', head).group(1))
    height_text = re.search(r'\sheight="([\d.]+)"', head).group(1)
    step = legend.size + 6
    text_x, key = legend.text_x, legend.key_line
    font = f'font-family="{e(legend.font)}" font-size="{legend.size}px" fill="{e(legend.colour)}"'
    y = float(height_text)
    marks = []
    for entry in legend.entries:
        lines = entry.lines or (entry.name,)
        middle = y + step / 2
        if entry.dash is not None:
            dash = f' stroke-dasharray="{",".join(map(str, entry.dash))}"' if entry.dash[1:] not in ((), (0,)) else ""
            marks.append(f'<path d="M{legend.padding},{_number(middle)}h{key}" stroke="{e(entry.colour)}" '
                         f'stroke-width="3"{dash}/>')
        marks.append(f'<path transform="translate({legend.padding + key / 2:g},{_number(middle)})" d="{e(entry.symbol)}" '
                     f'fill="{e(entry.colour)}"/>')
        marks += [f'<text x="{text_x}" y="{_number(middle + legend.size * 0.35 + i * step)}" {font}>{e(line)}</text>'
                  for i, line in enumerate(lines)]
        y += step * len(lines)
    height = _number(y + legend.padding)
    old_height = f'height="{height_text}"'
    head = head.replace(f" {old_height}", f' height="{height}"', 1)
    head = re.sub(r'(viewBox="[\d.]+ [\d.]+ [\d.]+ )[\d.]+"', lambda m: f'{m.group(1)}{height}"', head, count=1)
    rest = rest.replace(f'<rect width="{_number(width)}" {old_height}', f'<rect width="{_number(width)}" height="{height}"', 1)
    body, end = rest.rsplit("</svg>", 1)
    return f'{head}>{body}<g class="chart-legend">{"".join(marks)}</g></svg>{end}'


def chart_file(svg: str, view: Chart) -> str:
    """A chart's SVG as a file of its own (``charts/<id>.svg``): an image named by its title and
    described by its finding, as a page names it by its caption, for whoever opens or reuses it."""
    title, finding = f"{e(view.id)}-title", f"{e(view.id)}-finding"
    return _named_svg(svg, f'role="img" aria-labelledby="{title} {finding}"',
                      f'<title id="{title}">{e(view.title)}</title><desc id="{finding}">{e(view.caption)}</desc>')


def redirect_page(target: str) -> str:
    """The site's root page: sends the reader on to ``target`` (a relative address)."""
    t = escape(target, quote=True)
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<title>Redirecting</title><meta http-equiv="refresh" content="0; url={t}">'
        f'<link rel="canonical" href="{t}"></head>'
        f'<body><p><a href="{t}">Go to the latest report</a></p></body></html>\n'
    )


# -- parts of pages (one per macro) -----------------------------------------------------


def report_title(report: YearReport, title: str, permalink: str, href: str, local: bool = False) -> str:
    """The page title ("<title> report <year>") with the status, and when and to whom it was presented;
    ``href`` is the report's own address relative to the page; ``local``: a preview, whose address is not yet known."""
    y = report.year
    status = " (draft)" if y.is_draft else ""
    parts = [f"# {e(title)} report {e(report.label)}{status}", ""]
    meta = []
    if y.is_draft:
        meta.append("<strong>Draft:</strong> these figures are not yet published.")
    if y.published:
        to = f" to the {e(y.presented_to)}" if y.presented_to else ""
        meta.append(f"Presented{to} on {e(long_date(y.published))}.")
    meta.append(f"Figures for 1 April {y.year.start} to 31 March {y.year.start + 1}.")
    parts.append(f'<p class="cr-meta">{" ".join(meta)}</p>')
    if not y.is_draft:
        note = f' <span class="cr-local">{e(LOCAL_NOTE)}</span>' if local else ""
        parts.append(f'<p class="cr-permalink">Link to this report: '
                     f'<a href="{e(href)}">{e(permalink)}</a>{note}</p>')
    return "\n".join(parts)


def headline_section(items: tuple[HeadlineItem, ...]) -> str:
    return f"## Headline figures\n\n{headline(items)}" if items else ""


def summary_section(texts: list[str]) -> str:
    return f"## Summary\n\n{paragraphs(texts)}" if texts else ""


def commentary_section(rendered: str) -> str:
    """The commentary, already rendered and checked by report.commentary, under its heading; or ""."""
    return f"## Commentary\n\n{rendered}" if rendered.strip() else ""


def sections(report: YearReport, charts: dict[str, Chart], svgs: dict[str, str]) -> str:
    """One section per part of the report that has figures, each with its chart and table."""
    out = []
    for section in report.sections():
        shown = chart(charts[section.id], _inline(svgs, charts[section.id]), "") if section.id in charts else ""
        out.append(f"## {e(section.title)}\n\n{shown}\n\n{table(section)}")
    trends = [chart(charts[k], _inline(svgs, charts[k]), "") for k in ("trend", "rates") if k in charts]
    if trends:
        out.append("## Trends over the years\n\n" + "\n\n".join(trends))
    return "\n\n".join(out)


def notes_section(y: ReportingYear, labels: dict[str, Field] | None = None, report: YearReport | None = None,
                  published: dict[str, int | None] | None = None) -> str:
    """Notes (with breaks in series), revisions and the source of the figures; ``labels``: the series' figures.

    With ``report`` and ``published`` (the year's figures in the lock), the
    Revisions section also shows the revised figures and their statistics as
    presented on the publication date beside the current ones.
    """
    out = []
    if y.notes:
        out.append(f"## Notes\n\n{notes(y, labels)}")
    if y.revisions:
        out.append("## Revisions\n\nThese figures were corrected after the report was published.\n\n"
                   f"{revisions(y.revisions, labels)}")
        rows = report.as_published(published) if report is not None and published is not None else ()
        if rows:
            when = f"as published on {long_date(y.published)}" if y.published else "as published"
            head = "".join(_col(c) for c in ("Figure", when[:1].upper() + when[1:], "Now"))
            body = "".join(f'<tr><th scope="row">{e(r.label)}</th>' + "".join(f"<td>{e(c)}</td>" for c in r.cells) + "</tr>"
                           for r in rows)
            out.append(table_region("Figures as published", "table-as-published",
                                    f"The revised figures {when}, the version the report was presented with, and now",
                                    head, body))
    if y.source.title or y.source.url:
        title = e(y.source.title or y.source.url)
        link = f'<a href="{e(y.source.url)}">{title}</a>' if y.source.url else title
        out.append(f"## Source\n\n<p>{link}</p>")
    return "\n\n".join(out)


def compare_page(data: CompareTable, dataset: Dataset, style: fmt.HouseStyle, charts: list[Chart], svgs: dict[str, str]) -> str:
    """Every figure and statistic for every year of this version, side by side, then the trends."""
    span = fmt.year_range(data.years[0], data.years[-1], style)
    tables = compare(data, f"Figures, {span}", f"Statistics, {span}")
    breaks = [f"<li>{e(fmt.year_label(year.id, style))}: {e(note.text)}</li>"
              for year in dataset.years for note in year.notes if note.breaks]
    foot = ('<h2 id="breaks">Breaks in series</h2><ul>' + "".join(breaks) + "</ul>") if breaks else ""
    shown = "\n\n".join(f"### {e(c.title)}\n\n{chart(c, _inline(svgs, c), '../')}" for c in charts)
    trends = ("## Trends\n\nEach figure and statistic over the years. A gap means the figure was not published; "
              f"a line is not drawn across a break in series.\n\n{shown}") if shown else ""
    words = ('<p>"Not published" means the council did not publish the figure; "not available" means the statistic '
             "cannot be worked out (the note gives the reason). A row with no value in any year is left out.</p>")
    if not any(v is not None for year in dataset.years for v in year.figures().values()):  # tables of dashes only
        return ("<p>No year's report gives a figure for the whole series (complaints received, outcomes, "
                f"timeliness, the Ombudsman), so there is nothing to compare here; each year's own tables are on its report page.</p>"
                f"\n\n{foot}\n\n{trends}")
    return f"## Tables\n\n{tables}\n\n{words}\n\n{compare_revisions(data)}\n\n{foot}\n\n{trends}"


def all_reports(dataset: Dataset, withdrawn: tuple, version: str, style: fmt.HouseStyle,
                permalinks: dict[str, str], page_url: str, prefix: str = "", local: bool = False) -> str:
    """Every year's report with its permanent link, date presented and committee;
    a withdrawn year with the date and reason, and no link.

    ``withdrawn`` holds (year id, ``lock.Withdrawal``) pairs; ``permalinks`` each shown year's address.
    """
    base = page_base(page_url)
    items = []
    for year in dataset.years:
        label = e(fmt.year_label(year.id, style))
        when = f", presented {e(long_date(year.published))}" if year.published else ""
        to = f" to the {e(year.presented_to)}" if year.presented_to else ""
        draft = " (draft)" if year.is_draft else ""
        href = f"{base}../{year.id}/{prefix}"
        items.append((year.id, f'<li><a href="{href}">{label}{draft}</a>{when}{to}. '
                               f'<span class="cr-permalink">Permanent link: <code>{e(permalinks[year.id])}</code></span></li>'))
    shown = {y.id for y in dataset.years}
    for year_id, withdrawal in withdrawn:
        if year_id not in shown and year_id <= version:
            label = e(fmt.year_label(year_id, style))
            items.append((year_id, f'<li class="cr-withdrawn">{label}: withdrawn on {e(long_date(withdrawal.date))}: '
                                   f"{e(withdrawal.reason)}</li>"))
    note = f'<p class="cr-local">Permanent links {e(LOCAL_NOTE)}</p>' if local else ""
    return note + '<ul class="cr-reports">' + "".join(item for _, item in sorted(items, reverse=True)) + "</ul>"


_DOWNLOADS = {
    "all-series.csv": "Every series' figures and statistics, one row per series and year (CSV, for spreadsheets)",
    "all-years.csv": "Every year's figures and statistics, one row per year (CSV, for spreadsheets)",
    "all-years.json": "Every year's figures, statistics and changes (JSON)",
    "schema.json": "JSON Schema of the data files (schema version 1)",
}


def downloads_list(files: dict[str, bytes], style: fmt.HouseStyle, owners: dict[str, str] | None = None) -> str:
    """The files of a version's data folder, with their sizes; ``owners`` names whose a file is
    on a site with series (folder -> series title; "" -> the id of the series whose files keep their old names)."""
    owners = owners or {}
    rows = []
    for name, content in files.items():
        series, _, file = name.rpartition("/")
        label = _DOWNLOADS.get(name) or _COUNCIL_DOWNLOADS.get(name)
        if label is None and file.startswith("council-"):
            label = f"{fmt.year_label(file[8:15], style)}: the council's Ombudsman figures, Code report and actions (JSON)"
        owned = label is None or name in ("all-years.csv", "all-years.json")
        label = label or f"{fmt.year_label(file[:7], style)}: figures, statistics and changes (JSON)"
        folder = (series or owners.get("")) if owned else None
        if folder in owners:
            label = f"{owners[folder]}: {label[:1].lower() + label[1:]}"
            if not series:
                label += f", at its earlier address (the same as {folder}/{file})" if file[:1].isdigit() else ", at its earlier address"
        rows.append(f'<tr><th scope="row"><a href="{e(name)}" download>{e(name)}</a></th><td>{e(label)}</td>'
                    f"<td>{_size(len(content))}</td></tr>")
    head = "".join(_col(c) for c in ("File", "Contents", "Size"))
    return table_region("Downloads", "table-downloads", "Files to download", head, "".join(rows))


SCHEMA1_OTHERS = tuple(n for n in OTHER_DEFINITIONS if n not in ("quarters", "breakdowns"))


def data_dictionary(fields: tuple[Field, ...] = COUNT_FIELDS, others: tuple[str, ...] = SCHEMA1_OTHERS) -> str:
    """The fields of the data files with their meanings, from report.fields: ``fields`` (worded from the
    series' procedure) and the other names ``others`` (default: schema 1's)."""
    rows = [f'<tr><th scope="row"><code>{e(name)}</code></th><td>{e(OTHER_DEFINITIONS[name])}</td></tr>'
            for name in OTHER_DEFINITIONS if name in others]
    rows += [f'<tr><th scope="row"><code>{e(f.path)}</code></th><td>{e(f.definition)} {_kind(f)}</td></tr>'
             for f in fields]
    head = "".join(_col(c) for c in ("Field", "Meaning"))
    return table_region("Data dictionary", "table-dictionary", "Fields of the data files", head, "".join(rows))


def definitions(style: fmt.HouseStyle, fields: tuple[Field, ...] = COUNT_FIELDS, statistics: tuple[Statistic, ...] = STATISTICS) -> str:
    """Definitions of every figure and statistic (default: schema 1's, worded from the children's preset), and how each is shown."""
    figures = "".join(f"<dt>{e(f.label)} <code>{e(f.path)}</code></dt><dd>{e(f.definition)}</dd>" for f in fields)
    stats = "".join(
        f"<dt>{e(s.label)} <code>{e(s.name)}</code></dt><dd>{e(s.numerator_text)} divided by "
        f"{e(s.denominator_text[0].lower() + s.denominator_text[1:])}, shown to "
        f"{_places(style.places_for(s))}.</dd>"
        for s in statistics
    )
    return (f'## Figures\n\n<dl class="cr-definitions">{figures}</dl>\n\n'
            f'## Statistics\n\n<dl class="cr-definitions">{stats}</dl>')


def contact(c: Council) -> str:
    """How to get in touch: the role address or web form from the settings."""
    parts = []
    if c.contact_url:
        parts.append(f'<a href="{e(c.contact_url)}">{e(c.contact_text or c.contact_url)}</a>')
    if c.contact_email:
        parts.append(f'<a href="mailto:{e(c.contact_email)}">{e(c.contact_email)}</a>')
    return " or ".join(parts) or e(c.name)


def _inline(svgs: dict[str, str], view: Chart) -> str:
    """The chart as wide as the text column; with its phone-width drawing, when there is one, for
    the style sheet to show instead on a narrow screen (the hidden one is hidden from everyone)."""
    wide = inline_svg(svgs[view.id], view.id, f"{view.id}-caption", "cr-chart-wide" if f"{view.id}@narrow" in svgs else "")
    if f"{view.id}@narrow" not in svgs:
        return wide
    return wide + "\n" + inline_svg(svgs[f"{view.id}@narrow"], f"{view.id}-narrow", f"{view.id}-caption", "cr-chart-narrow")


def glance_section(sentences: tuple[str, ...]) -> str:
    """ "At a glance": the year's changes in a few sentences (report.glance), or ""."""
    if not sentences:
        return ""
    items = "".join(f"<li>{e(s)}</li>" for s in sentences)
    return f'## At a glance\n\n<ul class="cr-glance">{items}</ul>'


def _terms_list(pairs: tuple[tuple[str, str], ...]) -> str:
    return '<dl class="cr-terms-list">' + "".join(f"<dt>{e(t)}</dt><dd>{e(d)}</dd>" for t, d in pairs) + "</dl>"


def terms_box(pairs: tuple[tuple[str, str], ...]) -> str:
    """ "What the terms mean" near the top of the year page: closed until opened, printed open."""
    return f'<details class="cr-terms"><summary>What the terms mean</summary>{_terms_list(pairs)}</details>'


def terms_section(pairs: tuple[tuple[str, str], ...]) -> str:
    """ "What the terms mean" on the About page, under its own heading."""
    return f"## What the terms mean\n\n{_terms_list(pairs)}"


def how_to_complain(url: str, council_name: str) -> str:
    """The link to the council's page on making a complaint (an https address from the settings), or ""."""
    if not url:
        return ""
    return f'<p class="cr-complain"><a href="{e(url)}">How to make a complaint to {e(council_name)}</a></p>'


def _kind(f: Field) -> str:
    if f.is_days:
        return "A number of working days with at most one decimal place, or null when not published."
    return "A whole number, or null when not published."


def _size(length: int) -> str:
    return f"{length:,} bytes" if length < 1024 else f"{length / 1024:.1f} KB"


def _places(places: int) -> str:
    return "the nearest whole per cent" if places == 0 else f"{places} decimal place{'s' if places > 1 else ''}"


# -- a site with report series -----------------------------------------------------------


def overview_title(settings: Settings, label: str, permalink: str, local: bool = False) -> str:
    """The year overview's title; ``local``: a preview, whose address is not yet known."""
    note = f' <span class="cr-local">{e(LOCAL_NOTE)}</span>' if local else ""
    return (f"# {e(settings.council.name)} complaints reports {e(label)}\n\n"
            f'<p class="cr-meta">Every report series for 1 April to 31 March, {e(label)}, side by side. '
            f"Link to this overview: <code>{e(permalink)}</code>{note}</p>")


def overview_headlines(reports: dict[str, YearReport], page_url: str) -> str:
    """Each series' headline figures side by side, each linking to its report."""
    base = page_base(page_url)
    out = ["## Headline figures"]
    for sid, r in reports.items():
        cards = headline(r.headline()[:4]) or (
            f'<p>This report gives no headline figure (complaints received, upheld or on time) for the series as a whole: '
            f'<a href="{base}{e(sid)}/">its page</a> has the figures it gives.</p>')
        out.append(f'### <a href="{base}{e(sid)}/">{e(r.series_title)}</a>\n\n{cards}')
    return "\n\n".join(out)


def all_series_download(href: str) -> str:
    """The overview's link to every series' figures in one CSV (``href``: its address from the page).

    >>> all_series_download('../data/all-series.csv?"').split(" as ")[1]
    '<a href="../data/all-series.csv?&quot;" type="text/csv">data (CSV)</a>.</p>'
    """
    return (f'<p class="cr-download">The figures of every series are also available as '
            f'<a href="{e(href)}" type="text/csv">data (CSV)</a>.</p>')


def overview_table(reports: dict[str, YearReport], label: str) -> str:
    """The table across series: complaints received, upheld, on time, escalated and Ombudsman, one row per series."""
    head = _col("Series") + "".join(_col(c) for c in OVERVIEW_COLUMNS)
    rows = (overview_row(r) for r in reports.values())
    body = "".join(f'<tr><th scope="row">{e(row.series)}</th>' + "".join(f"<td>{e(c)}</td>" for c in row.cells) + "</tr>"
                   for row in rows)
    note = ("<p>Received: complaints at the first stage of each series' procedure. Fault found: per cent of those "
            "complaints upheld in full or in part, in the words of each series' procedure. On time: per cent of first-stage "
            "responses. Escalated: per cent that went on to the next stage.</p>")
    table = table_region("Across the series", "table-overview", f"Every series, {label}", head, body)
    return f"## Across the series\n\n{table}\n\n{note}"


_IDS = re.compile(r'((?:\bid|aria-labelledby|aria-describedby)="|href="#)([^"]+)')  # one page: each series' ids its own


def _own_id(sid: str, m: re.Match) -> str:
    return m.group(0) if m.group(2).startswith(f"{sid}-") else f"{m.group(1)}{sid}-{m.group(2)}"


def per_series(parts: dict[str, tuple[str, str]]) -> str:
    """Each series' part of a shared page under its own heading (the part's headings one level down)."""
    out = []
    for sid, (title, body) in parts.items():
        body = "\n".join(("#" + line) if line.startswith("#") else line for line in body.splitlines())
        body = _IDS.sub(functools.partial(_own_id, sid), body)
        out.append(f'## {e(title)} {{#series-{e(sid)}}}\n\n{body}')
    return "\n\n".join(out)


def procedure_section(procedure: Procedure) -> str:
    """The procedure a series follows: its law or code, each stage with its timescale, where next, and what its annual report must give."""
    law = f"<p>It follows the {e(procedure.law)}.</p>" if procedure.law else ""
    stages = "".join(
        f"<li>{e(s.name)}{e(', ' + s.called) if s.called else ''}"
        f"{e(': ' + s.timescale) if s.timescale else ''}.</li>" for s in procedure.stages)
    ack = (f"<p>Complaints are acknowledged within {procedure.acknowledge_within} working days.</p>"
           if procedure.acknowledge_within else "")
    after = (f"<p>After the last stage, a complainant can go to the {e(procedure.after)}.</p>" if procedure.after else "")
    report = ("<p>Its annual report must give:</p><ul>" + "".join(f"<li>{e(i)}</li>" for i in procedure.annual_report) + "</ul>"
              if procedure.annual_report else "")
    return (f"## Procedure\n\n<p>{e(procedure.name)}: {procedure.stage_count}.</p>{law}"
            f'<ol class="cr-stages">{stages}</ol>{ack}{after}{report}\n\n')


def series_file() -> str:
    """How a site with report series keeps its data (the data dictionary's introduction)."""
    rows = "".join(f'<tr><th scope="row"><code>{e(k)}</code></th><td>{e(v)}</td></tr>' for k, v in SERIES_DEFINITIONS.items())
    head = "".join(_col(c) for c in ("Field", "Meaning"))
    return ("<p>Each report series has a folder <code>data/&lt;series&gt;/</code> with a <code>series.yaml</code> "
            "and one file per reporting year.</p>\n\n"
            + table_region("series.yaml", "table-series-file", "Fields of series.yaml", head, rows) + "\n\n")


# -- council-wide pages: the Ombudsman's view, the Code's annual report, actions ---------


def simple_table(table: Table, table_id: str) -> str:
    """A presentation ``Table`` (the first cell of each row heads it) in the one table wrapper."""
    head = "".join(_col(c) for c in table.columns)
    body = "".join(f'<tr><th scope="row">{e(row[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in row[1:]) + "</tr>"
                   for row in table.rows)
    return table_region(table.caption, table_id, table.caption, head, body)


def _link(text: str, url: str | None) -> str:
    return f'<a href="{e(url)}">{e(text)}</a>' if url else e(text)


def ombudsman_letter_and_reports(view: OmbudsmanView, heading: str = "###") -> str:
    """The annual letter and other Ombudsman reports of the latest year shown."""
    words, url = view.letter()
    out = [f"<p>{_link(words, url)}{'.' if url else ''}</p>"]
    reports = view.reports()
    if reports:
        items = "".join(f"<li>{_link(title, url)}{f' ({e(date)})' if date else ''}</li>" for title, date, url in reports)
        out.append(f"<ul>{items}</ul>")
    else:
        out.append(f"<p>{e('No other Ombudsman reports about the council are recorded.')}</p>")
    return "\n\n".join(out)


def ombudsman_page(view: OmbudsmanView, chart_view: Chart | None, svgs: dict[str, str], base: str) -> str:
    """The Ombudsman's view: finding, chart, tables, why no change crosses 2022-23, the letter and reports."""
    if chart_view is None:  # otherwise the chart's caption states the finding
        out = [f'<p class="cr-finding">{e(view.finding())}</p>']
    else:
        out = [chart(chart_view, _inline(svgs, chart_view), base)]
    if not view.years:
        return out[0]
    out.append(simple_table(view.upheld_table(), "table-ombudsman-upheld"))
    out.append(f'<p class="cr-note">{e(view.break_reason)}</p>')
    note = view.earlier_years_note()
    if note:
        out.append(f"<p>{e(note)}</p>")
    out.append("## All the Ombudsman's figures")
    out.append(simple_table(view.figures_table(), "table-ombudsman-figures"))
    out.append("## The annual letter and other reports")
    out.append(ombudsman_letter_and_reports(view))
    return "\n\n".join(out)


def actions_section(view: ActionsView, heading: str = "##") -> str:
    """Learning and actions of a year ("you said, we did"); "" when none is recorded."""
    if not view.actions:
        return ""
    out = [f"{heading} Learning and actions: you said, we did", f"<p>{e(view.summary())}</p>"]
    if view.raised:
        out.append(simple_table(view.raised_table(), "table-actions-raised"))
    if view.earlier:
        out.append(simple_table(view.progress_table(), "table-actions-progress"))
    return "\n\n".join(out)


def code_report(view: CodeView, council_name: str, analysis: Table | None, themes: Section | None) -> str:
    """The Code's annual report, point by point as paragraph 8.1 lists them, then the response (8.2)."""
    out = [f'<p class="cr-paper-title">{e(council_name)}: annual complaints performance and service improvement '
           f"report, {e(view.label)}, under {e(view.code_name)}.</p>"]
    out.append("## 1. Self-assessment against the Code")
    out.append(f"<p>{e(view.self_assessment_summary())}</p>")
    sa = view.self_assessment()
    if sa is not None:
        out.append(simple_table(sa, "table-self-assessment"))
    out.append("## 2. Complaint handling: figures and analysis")
    if analysis is not None and analysis.rows:
        out.append(simple_table(analysis, "table-code-analysis"))
    else:
        out.append(f"<p>{e(f'No complaints figures are published for {view.label}.')}</p>")
    if themes is not None:
        out.append(table(themes))
    out.append("### Complaints the council refused to accept")
    refused = view.refused()
    out.append(simple_table(refused, "table-refused") if refused is not None else f"<p>{e(view.refused_text())}</p>")
    out.append("## 3. Findings of non-compliance with the Code")
    out.append(paragraphs(view.non_compliance()))
    out.append("## 4. Service improvements made from learning")
    out.append(paragraphs(view.improvements()))
    actions = actions_section(view.actions, "###")
    if actions:
        out.append(actions)
    out.append("## 5. The Ombudsman's annual letter")
    words, url = view.ombudsman.letter()
    out.append(f"<p>{_link(words, url)}{'.' if url else ''}</p>")
    if view.ombudsman.years:
        out.append(f"<p>{e(view.ombudsman.finding())}</p>")
    out.append("## 6. Other Ombudsman reports about the council")
    reports = view.ombudsman.reports()
    if reports:
        out.append("<ul>" + "".join(f"<li>{_link(t, u)}{f' ({e(d)})' if d else ''}</li>" for t, d, u in reports) + "</ul>")
    else:
        out.append(f"<p>{e('No other Ombudsman reports about the council are recorded.')}</p>")
    out.append("## 7. The governing body's response")
    heading, text = view.response()
    out.append(f'<p class="cr-response-head">{e(heading)}</p>')
    if text:
        out.append(f"<blockquote><p>{e(text)}</p></blockquote>")
    return "\n\n".join(out)


_COUNCIL_DOWNLOADS = {
    "ombudsman-all-years.csv": "The Ombudsman's figures for the council, one row per year (CSV)",
}


def council_dictionary() -> str:
    """Every field of the council-wide files (data/council/<year>.yaml) with its meaning."""
    rows = [f'<tr><th scope="row"><code>{e(name)}</code></th><td>{e(text)}</td></tr>'
            for name, text in COUNCIL_DEFINITIONS.items() if "." not in name or name.startswith("ombudsman.a")]
    rows += [f'<tr><th scope="row"><code>{e(f.path)}</code></th><td>{e(f.definition)} {e(_KIND_WORDS[f.kind])}</td></tr>'
             for f in OMBUDSMAN_FIELDS]
    rows += [f'<tr><th scope="row"><code>{e(name)}</code></th><td>{e(text)}</td></tr>'
             for name, text in COUNCIL_DEFINITIONS.items() if "." in name and not name.startswith("ombudsman.a")]
    head = "".join(_col(c) for c in ("Field", "Meaning"))
    return table_region("Council-wide data dictionary", "table-council-dictionary",
                        "Fields of the council-wide files (data/council/<year>.yaml)", head, "".join(rows))


_KIND_WORDS = {
    "count": "A whole number, or null when not published.",
    "percent": "A per cent from 0 to 100 (whole or one decimal), or null when not published.",
    "per_100k": "A number with at most one decimal place, or null when not published.",
}
