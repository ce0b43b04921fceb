"""What one version of the site shows, as HTML/Markdown fragments for macros.

``SiteContext`` is built once per version build (data loaded and checked,
every year's report computed) and each public method is one macro.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from . import fmt, html
from .commentary import Values, read_commentary, render_commentary
from .compare import compare_table
from .downloads import all_years_csv, all_years_json, figure_csv, year_json
from .fields import COUNT_FIELDS, OTHER_DEFINITIONS
from .figures import Figure, compare_figures, year_figures
from .html import e
from .load import load_dir
from .lock import LOCK_NAME, Withdrawal, read_lock
from .model import Dataset
from .present import YearReport, year_report
from .problems import DataErrors
from .schema import schema_text
from .settings import Settings, read_settings
from .stats import STATISTICS
from .svg import chart_svg, inline
from .text import summary

__all__ = ["SiteContext", "site_context", "page_base", "write_downloads", "dump_markdown"]


def page_base(page_url: str) -> str:
    """Relative path from a page (``"data/"``) up to its version's root (``"../"``)."""
    return "../" * page_url.count("/")


@dataclass(frozen=True)
class SiteContext:
    settings: Settings
    dataset: Dataset  # years up to and including this version
    version: str
    latest: str
    reports: dict[str, YearReport]
    commentary_text: str  # the commentary rendered to Markdown (macros replaced), or ""
    site_url: str = ""  # the site's root address (not this version's), or ""
    withdrawn: tuple[tuple[str, Withdrawal], ...] = ()  # (year, withdrawal) recorded in the lock

    @property
    def report(self) -> YearReport:
        return self.reports[self.version]

    @property
    def label(self) -> str:
        return fmt.year_label(self.version, self.settings.style)

    # -- downloads ------------------------------------------------------------

    @functools.cached_property
    def downloads(self) -> dict[str, bytes]:
        """Files under ``data/`` of this version, by name."""
        ordered = [self.reports[y.id] for y in self.dataset.years]
        files = {f"{r.year.id}.json": year_json(r) for r in ordered}
        files["all-years.csv"] = all_years_csv(ordered)
        files["all-years.json"] = all_years_json(ordered)
        files["schema.json"] = schema_text().encode("utf-8")
        return files

    @functools.cached_property
    def year_figures(self) -> dict[str, Figure]:
        return year_figures(self.report)

    @functools.cached_property
    def compare_figures(self) -> list[Figure]:
        return compare_figures(self.dataset, self.settings.style)

    @functools.cached_property
    def chart_files(self) -> dict[str, bytes]:
        """Each figure's SVG and CSV, by file name under ``charts/``."""
        files = {}
        for fig in [*self.year_figures.values(), *self.compare_figures]:
            files[f"{fig.id}.svg"] = self._svg(fig).encode("utf-8")
            files[f"{fig.id}.csv"] = figure_csv(fig.columns, fig.table)
        return files

    def _svg(self, fig: Figure) -> str:
        return chart_svg(fig.chart, fig.rows)

    def _figure(self, fig: Figure, base: str) -> str:
        return html.figure(fig, inline(self._svg(fig), fig.id, f"{fig.id}-caption"), base)

    # -- macros: values for running text ----------------------------------------

    @functools.cached_property
    def _values(self) -> Values:
        return Values(self.report, self.permalink())

    def figure(self, path: str, words: bool = False) -> str:
        """A figure of this year, e.g. ``figure('complaints.stage1')`` -> "102"."""
        return self._values.figure(path, words)

    def stat(self, name: str) -> str:
        """A statistic of this year, e.g. ``stat('informal_rate')`` -> "21%"."""
        return self._values.stat(name)

    def change(self, key: str) -> str:
        """A change from last year, e.g. ``change('complaints.stage1')`` -> "a decrease of 6%"."""
        return self._values.change(key)

    def year(self) -> str:
        """This version's year in the house style, e.g. "2022 to 2023"."""
        return self.label

    # -- macros: parts of pages ---------------------------------------------------

    def report_title(self) -> str:
        """The page title with the year, status, and when and to whom it was presented."""
        y = self.report.year
        status = " (draft)" if y.is_draft else ""
        parts = [f"# {e(self.settings.council.service)} complaints report {e(self.label)}{status}", ""]
        meta = []
        if y.is_draft:
            meta.append("<strong>Draft:</strong> these figures are not yet published.")
        if y.published:
            to = f" to the {e(y.presented_to)}" if y.presented_to else ""
            meta.append(f"Presented{to} on {e(html.long_date(y.published))}.")
        meta.append(f"Figures for 1 April {y.year.start} to 31 March {y.year.start + 1}.")
        parts.append(f'<p class="cr-meta">{" ".join(meta)}</p>')
        if not y.is_draft:
            parts.append(f'<p class="cr-permalink">Link to this report: '
                         f'<a href="../{e(self.version)}/">{e(self.permalink())}</a></p>')
        return "\n".join(parts)

    def headline(self) -> str:
        """Headline figures, each with its change from the previous year."""
        items = self.report.headline()
        return f"## Headline figures\n\n{html.headline(items)}" if items else ""

    def summary(self) -> str:
        """The generated summary in running text."""
        texts = summary(self.report)
        return f"## Summary\n\n{html.paragraphs(texts)}" if texts else ""

    def commentary_markdown(self) -> str:
        """The officer's commentary for this year, rendered (never a template again), or ""."""
        if not self.commentary_text.strip():
            return ""
        return f"## Commentary\n\n{self.commentary_text}"

    def sections(self) -> str:
        """One section per part of the report that has figures, each with its chart and table."""
        out = []
        figures = self.year_figures
        for section in self.report.sections():
            chart = self._figure(figures[section.id], "") if section.id in figures else ""
            out.append(f"## {e(section.title)}\n\n{chart}\n\n{html.table(section)}")
        trends = [self._figure(figures[k], "") for k in ("trend", "rates") if k in figures]
        if trends:
            out.append("## Trends over the years\n\n" + "\n\n".join(trends))
        return "\n\n".join(out)

    def notes(self) -> str:
        """Notes (with breaks in series), revisions and the source of the figures."""
        y = self.report.year
        out = []
        if y.notes:
            out.append(f'## Notes\n\n{html.notes(y)}')
        if y.revisions:
            out.append(f"## Revisions\n\nThese figures were corrected after the report was published.\n\n{html.revisions(y.revisions)}")
        if y.source.title or y.source.url:
            title = e(y.source.title or y.source.url)
            link = f'<a href="{e(y.source.url)}">{title}</a>' if y.source.url else title
            out.append(f'## Source\n\n<p>{link}</p>')
        return "\n\n".join(out)

    def compare(self) -> str:
        """Every figure and statistic for every year of this version, side by side."""
        data = compare_table(self.dataset, self.settings.style)
        first, last = data.labels[0], data.labels[-1]
        span = first if first == last else f"{first} to {last}"
        tables = html.compare(data, f"Figures, {span}", f"Statistics, {span}")
        breaks = []
        for year in self.dataset.years:
            for note in year.notes:
                if note.breaks:
                    breaks.append(f"<li>{e(fmt.year_label(year.id, self.settings.style))}: {e(note.text)}</li>")
        foot = ('<h2 id="breaks">Breaks in series</h2><ul>' + "".join(breaks) + "</ul>") if breaks else ""
        charts = "\n\n".join(f"### {e(fig.title)}\n\n{self._figure(fig, '../')}" for fig in self.compare_figures)
        trends = (
            f"## Trends\n\nEach figure and statistic over the years. A gap means the figure was not published; a line is not drawn across a break in series.\n\n{charts}"
            if charts
            else ""
        )
        return f"## Tables\n\n{tables}\n\n<p>A dash (–) means the figure was not published.</p>\n\n{foot}\n\n{trends}"

    def all_reports(self, page_url: str = "") -> str:
        """Every year's report with its permanent link, date presented and committee;
        a withdrawn year with the date and reason, and no link."""
        base = page_base(page_url)
        items = []
        for year in self.dataset.years:
            label = e(fmt.year_label(year.id, self.settings.style))
            when = f", presented {e(html.long_date(year.published))}" if year.published else ""
            to = f" to the {e(year.presented_to)}" if year.presented_to else ""
            draft = " (draft)" if year.is_draft else ""
            href = f"{base}../{year.id}/"
            items.append(
                (
                    year.id,
                    f'<li><a href="{href}">{label}{draft}</a>{when}{to}. '
                    f'<span class="cr-permalink">Permanent link: <code>{e(self.permalink(year.id))}</code></span></li>',
                )
            )
        shown = {y.id for y in self.dataset.years}
        for year_id, withdrawal in self.withdrawn:
            if year_id not in shown and year_id <= self.version:
                label = e(fmt.year_label(year_id, self.settings.style))
                items.append(
                    (
                        year_id,
                        f'<li class="cr-withdrawn">{label}: withdrawn on {e(html.long_date(withdrawal.date))}: {e(withdrawal.reason)}</li>',
                    )
                )
        return '<ul class="cr-reports">' + "".join(item for _, item in sorted(items, reverse=True)) + "</ul>"

    def permalink(self, year_id: str | None = None) -> str:
        """The permanent address of a year's report (this version's by default)."""
        target = f"{year_id or self.version}/"
        return f"{self.site_url.rstrip('/')}/{target}" if self.site_url else f"/{target}"

    def downloads_list(self) -> str:
        """The files of this version's data folder, with their sizes."""
        rows = []
        what = {
            "all-years.csv": "Every year's figures and statistics, one row per year (CSV, for spreadsheets)",
            "all-years.json": "Every year's figures, statistics and changes (JSON)",
            "schema.json": "JSON Schema of the data files (schema version 1)",
        }
        for name, content in self.downloads.items():
            label = what.get(name) or f"{fmt.year_label(name[:7], self.settings.style)}: figures, statistics and changes (JSON)"
            rows.append(
                f'<tr><th scope="row"><a href="{e(name)}" download>{e(name)}</a></th><td>{e(label)}</td><td>{_size(len(content))}</td></tr>'
            )
        return (
            '<div class="cr-table" role="region" aria-label="Downloads" tabindex="0"><table id="table-downloads">'
            '<caption>Files to download</caption><thead><tr><th scope="col">File</th><th scope="col">Contents</th>'
            f'<th scope="col">Size</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )

    def data_dictionary(self) -> str:
        """Every field of the data files with its meaning, from report.fields."""
        rows = [f'<tr><th scope="row"><code>{e(name)}</code></th><td>{e(text)}</td></tr>' for name, text in OTHER_DEFINITIONS.items()]
        rows += [
            f'<tr><th scope="row"><code>{e(f.path)}</code></th><td>{e(f.definition)} A whole number, or null when not published.</td></tr>'
            for f in COUNT_FIELDS
        ]
        return (
            '<div class="cr-table" role="region" aria-label="Data dictionary" tabindex="0"><table id="table-dictionary">'
            '<caption>Fields of the data files</caption><thead><tr><th scope="col">Field</th>'
            f'<th scope="col">Meaning</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        )

    def definitions(self) -> str:
        """Definitions of every figure and statistic, and how each is shown."""
        figures = "".join(f"<dt>{e(f.label)} <code>{e(f.path)}</code></dt><dd>{e(f.definition)}</dd>" for f in COUNT_FIELDS)
        stats = "".join(
            f"<dt>{e(s.label)} <code>{e(s.name)}</code></dt><dd>{e(s.numerator_text)} divided by "
            f"{e(s.denominator_text[0].lower() + s.denominator_text[1:])}, shown to "
            f"{_places(self.settings.style.places_for(s))}.</dd>"
            for s in STATISTICS
        )
        return f'## Figures\n\n<dl class="cr-definitions">{figures}</dl>\n\n## Statistics\n\n<dl class="cr-definitions">{stats}</dl>'

    def council_name(self) -> str:
        """The council's name from the settings, escaped."""
        return e(self.settings.council.name)

    def contact(self) -> str:
        """How to get in touch: the role address or web form from the settings."""
        c = self.settings.council
        parts = []
        if c.contact_url:
            parts.append(f'<a href="{e(c.contact_url)}">{e(c.contact_text or c.contact_url)}</a>')
        if c.contact_email:
            parts.append(f'<a href="mailto:{e(c.contact_email)}">{e(c.contact_email)}</a>')
        return " or ".join(parts) or e(c.name)

    def json_link(self, page_url: str = "") -> str:
        """The relative address of this year's JSON download from a page."""
        return f"{page_base(page_url)}data/{self.version}.json"


def write_downloads(ctx: SiteContext, site_dir: str | Path) -> None:
    """Write a version's downloads into ``data/`` and its charts into ``charts/``."""
    for folder_name, files in (("data", ctx.downloads), ("charts", ctx.chart_files)):
        folder = Path(site_dir) / folder_name
        folder.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            (folder / name).write_bytes(content)


def dump_markdown(folder: str, version: str, src_path: str, markdown: str) -> None:
    """Keep a page's final Markdown (macros expanded), for the benchmark's plain-MkDocs floor."""
    target = Path(folder) / version / src_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(markdown, encoding="utf-8")


def _size(length: int) -> str:
    return f"{length:,} bytes" if length < 1024 else f"{length / 1024:.1f} KB"


def _places(places: int) -> str:
    return "the nearest whole per cent" if places == 0 else f"{places} decimal place{'s' if places > 1 else ''}"


@functools.lru_cache(maxsize=8)
def _load(data_dir: str, signature: tuple) -> Dataset:
    return load_dir(data_dir)


def _signature(data_dir: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.glob("*") if p.is_file()))


def site_context(root: Path, extra: dict, site_url: str = "") -> SiteContext:
    """Load, check and compute everything one version shows.

    Raises DataErrors (data files or commentary) or SettingsError; both carry
    messages fit to show as they are.
    """
    settings = read_settings(extra)
    options = extra.get("report") or {}
    data_dir = (root / str(options.get("data_dir") or "data")).resolve()
    dataset = _load(str(data_dir), _signature(data_dir) if data_dir.is_dir() else ())
    drafts = str(options.get("drafts", "")).lower() in ("1", "true", "yes")
    if not drafts:
        dataset = dataset.without_drafts()
    if not dataset.years:
        raise DataErrors([_no_years(data_dir)])
    version = str(options.get("year") or dataset.newest.id)
    try:
        dataset = dataset.upto(version)
        dataset.get(version)
    except (KeyError, ValueError):
        raise DataErrors([_no_years(data_dir, version)]) from None
    latest = str(options.get("latest") or version)
    reports = {y.id: year_report(dataset, y.id, settings.style) for y in dataset.years}
    root_url = site_url.removesuffix(f"{version}/") if site_url.endswith(f"/{version}/") else site_url
    lock, _ = read_lock(data_dir / LOCK_NAME, LOCK_NAME)  # validate() has reported any problem in it
    withdrawn = tuple(sorted(lock.withdrawn.items())) if lock else ()
    ctx = SiteContext(settings, dataset, version, latest, reports, "", root_url, withdrawn)
    shown = f"docs/commentary/{version}.md"
    text, problems = read_commentary(root / "docs" / "commentary", version, shown)
    rendered, more = render_commentary(text or "", reports[version], shown, ctx.permalink())
    if problems or more:
        raise DataErrors(problems + more)
    return dataclasses.replace(ctx, commentary_text=rendered)


def _no_years(data_dir: Path, version: str | None = None):
    from .problems import Problem

    if version:
        return Problem(str(data_dir), 0, "", f"no data file for the year {version} (expected {version}.yaml)")
    return Problem(str(data_dir), 0, "", "no published year to build (add a YYYY-YY.yaml file with status: published)")
