"""HTML fragments for pages, made from presentation objects.

Every piece of text from a data file or a setting is escaped here; nothing
from data is ever read as Markdown, HTML or template code.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from .compare import CompareTable
from .fields import FIELD_BY_PATH
from .figures import Figure
from .model import ReportingYear, Revision
from .present import HeadlineItem, Section

__all__ = ["figure", "headline", "paragraphs", "table", "compare", "notes", "revisions", "long_date", "e"]


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


def headline(items: tuple[HeadlineItem, ...]) -> str:
    if not items:
        return ""
    cards = []
    for item in items:
        rate = f' <span class="cr-rate">({e(item.rate)})</span>' if item.rate else ""
        change = f'<span class="cr-change">{e(item.change)}</span>' if item.change else ""
        cards.append(
            f'<li class="cr-card"><span class="cr-label">{e(item.label)}</span>'
            f'<span class="cr-value">{e(item.value)}{rate}</span>{change}</li>'
        )
    return '<ul class="cr-headline">\n' + "\n".join(cards) + "\n</ul>"


def paragraphs(texts: tuple[str, ...] | list[str], css: str = "") -> str:
    cls = f' class="{css}"' if css else ""
    return "\n".join(f"<p{cls}>{e(t)}</p>" for t in texts)


def table(section: Section) -> str:
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in section.columns)
    body = []
    for row in section.rows:
        cells = "".join(f"<td>{e(c)}</td>" for c in row.cells)
        body.append(f'<tr><th scope="row">{e(row.label)}</th>{cells}</tr>')
    return (
        f'<div class="cr-table" role="region" aria-label="{e(section.caption)}" tabindex="0">'
        f'<table id="table-{e(section.id)}"><caption>{e(section.caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


_BREAK = '<sup><a href="#breaks" title="Break in series">†<span class="cr-sr"> break in series</span></a></sup>'


def compare(data: CompareTable, caption_counts: str, caption_stats: str) -> str:
    out = []
    for caption, rows, css in ((caption_counts, data.counts, "counts"), (caption_stats, data.statistics, "statistics")):
        head = '<th scope="col">Figure</th>' + "".join(f'<th scope="col">{e(label)}</th>' for label in data.labels)
        body = []
        for row in rows:
            cells = "".join(f"<td>{e(cell)}{_BREAK if broken else ''}</td>" for cell, broken in zip(row.cells, row.broken, strict=True))
            body.append(f'<tr><th scope="row">{e(row.label)}</th>{cells}</tr>')
        out.append(
            f'<div class="cr-table" role="region" aria-label="{e(caption)}" tabindex="0">'
            f'<table id="compare-{css}"><caption>{e(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>"
        )
    return "\n\n".join(out)


def notes(year: ReportingYear) -> str:
    if not year.notes:
        return ""
    items = []
    for note in year.notes:
        breaks = ""
        if note.breaks:
            names = ", ".join(FIELD_BY_PATH[b].label.lower() for b in note.breaks)
            breaks = f' <strong>Break in series:</strong> {e(names)} not comparable with earlier years.'
        items.append(f"<li>{e(note.text)}{breaks}</li>")
    return '<ul class="cr-notes">' + "".join(items) + "</ul>"


def revisions(items: tuple[Revision, ...]) -> str:
    if not items:
        return ""
    rows = "".join(
        f"<tr><td>{e(long_date(r.date))}</td><th scope=\"row\">{e(FIELD_BY_PATH[r.field].label)}</th>"
        f"<td>{e('not published' if r.old is None else f'{r.old:,}')}</td>"
        f"<td>{e('not published' if r.new is None else f'{r.new:,}')}</td><td>{e(r.reason)}</td></tr>"
        for r in items
    )
    return (
        '<div class="cr-table" role="region" aria-label="Revisions" tabindex="0"><table id="table-revisions">'
        "<caption>Changes to published figures</caption><thead><tr>"
        '<th scope="col">Date</th><th scope="col">Figure</th><th scope="col">Was</th>'
        '<th scope="col">Now</th><th scope="col">Reason</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def figure(fig: Figure, svg: str, base: str) -> str:
    """A chart in a <figure>: inline SVG, its finding as caption, the same numbers as a table."""
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in fig.columns)
    rows = "".join(
        f'<tr><th scope="row">{e(row[0])}</th>' + "".join(f"<td>{e(c)}</td>" for c in row[1:]) + "</tr>"
        for row in fig.table
    )
    return (
        f'<figure class="cr-figure" id="{e(fig.id)}">\n{svg}\n'
        f'<figcaption id="{e(fig.id)}-caption">{e(fig.caption)}</figcaption>\n'
        f'<details class="cr-figure-data"><summary>Show the figures in this chart as a table</summary>'
        f'<div class="cr-table" role="region" aria-label="{e(fig.title)}: figures" tabindex="0">'
        f'<table id="{e(fig.id)}-table"><caption>{e(fig.title)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></details>\n"
        f'<p class="cr-figure-files">Download this chart: '
        f'<a href="{base}charts/{e(fig.id)}.svg" download>image (SVG)</a>, '
        f'<a href="{base}charts/{e(fig.id)}.csv" download>data (CSV)</a></p>\n'
        "</figure>"
    )
