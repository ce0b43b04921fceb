"""One version of the site: its data loaded and checked, every year's report computed.

``version_context`` builds a ``VersionContext`` once per version build, from the
data folder and the settings; the macros (``macros/__init__.py``) read it, and
the MkDocs hook writes its downloads and charts.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import fmt, html
from .chart_views import Chart, compare_charts, ombudsman_chart, year_charts
from .commentary import Values, one_folder_down, read_commentary, read_series_commentary, render_commentary
from .compare import CompareTable, compare_table
from .council import CouncilData, check_council
from .council_report import (
    ActionsView,
    CodeView,
    OmbudsmanView,
    Table,
    actions_view,
    code_view,
    ombudsman_view,
    series_figures_table,
)
from .downloads import all_series_csv, all_years_csv, all_years_json, chart_csv, council_year_json, ombudsman_csv, year_json
from .fields import Field
from .lock import LOCK_NAME, Withdrawal, read_lock
from .model import Dataset
from .present import OVERVIEW_COLUMNS, YearReport, overview_row, shown_fields, shown_statistics, year_report
from .problems import DataErrors, Problem
from .procedures import Procedure
from .schema import schema_text
from .series import Series, SiteData, check_site
from .settings import Settings, read_settings
from .stats import Statistic
from .svg import chart_svg
from .terms import definitions
from .text import summary

WIDE, NARROW = 680, 340  # a chart's whole width in pixels: the text column on a desktop and on a phone (charts.theme)

__all__ = ["VersionContext", "SiteVersion", "version_context", "build_context", "forget_build_context", "is_local", "COUNCIL_PAGES"]

COUNCIL_PAGES = ("ombudsman", "code")  # pages about the council as a whole


def is_local(site_url: str) -> bool:
    """Whether ``site_url`` is no address at all or one on this computer (a local preview)."""
    from urllib.parse import urlsplit
    host = urlsplit(site_url).hostname if site_url else None
    return not host or host in ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class VersionContext:
    settings: Settings
    dataset: Dataset  # years up to and including this version
    version: str
    latest: str
    reports: dict[str, YearReport]
    commentary_text: str  # the commentary rendered to Markdown (macros replaced), or ""
    site_url: str = ""  # the site's root address (not this version's), or ""
    withdrawn: tuple[tuple[str, Withdrawal], ...] = ()  # (year, withdrawal) recorded in the lock
    council: CouncilData = CouncilData()  # council-wide years up to and including this version
    series: Series | None = None  # the series of a site with report series; None: the one series of mkdocs.yml
    analysis: Table | None = None  # the Code report's analysis on a site with report series: the table across series
    published: dict = dataclasses.field(default_factory=dict)  # the lock's entries by year id (figures as published)

    @property
    def report(self) -> YearReport:
        return self.reports[self.version]

    @property
    def procedure(self) -> Procedure:
        return self.series.procedure if self.series else self.settings.council.procedure

    @property
    def series_id(self) -> str:
        return self.series.id if self.series else ""

    @property
    def download_owners(self) -> dict[str, str]:
        """A single series' Data page names no owner: every file is this report's."""
        return {}

    @property
    def terms(self) -> tuple[tuple[str, str], ...]:
        """ "What the terms mean": this series' words, from its procedure."""
        return definitions(self.procedure)

    @property
    def how_to_complain(self) -> str:
        """The page on how to make a complaint: the series' own, else the council's ("" for none)."""
        return (self.series.how_to_complain if self.series else None) or self.settings.council.how_to_complain

    @property
    def title(self) -> str:
        """What the report is called: "<service> complaints" (mkdocs.yml), or the series' title."""
        return self.series.title if self.series else f"{self.settings.council.service} complaints"

    @functools.cached_property
    def fields(self) -> tuple[Field, ...]:
        """The figures this series shows in this version, worded from its procedure."""
        return shown_fields(self.procedure, self.dataset)

    @functools.cached_property
    def statistics(self) -> tuple[Statistic, ...]:
        return shown_statistics(self.procedure, self.dataset)

    @property
    def prefix(self) -> str:
        """Where this series' pages are in the version: "" or "children/"."""
        return f"{self.series_id}/" if self.series_id else ""

    @property
    def label(self) -> str:
        return fmt.year_label(self.version, self.settings.style)

    def permalink(self, year_id: str | None = None) -> str:
        """The permanent address of a year's report (this version's by default)."""
        target = f"{year_id or self.version}/{self.prefix}"
        return f"{self.site_url.rstrip('/')}/{target}" if self.site_url else f"/{target}"

    @functools.cached_property
    def values(self) -> Values:
        """The value macros (figure, stat, change) of this version's year."""
        return Values(self.report, self.permalink())

    @functools.cached_property
    def compare_table(self) -> CompareTable:
        return compare_table(self.dataset, self.settings.style, self.fields, self.statistics)

    @functools.cached_property
    def year_charts(self) -> dict[str, Chart]:
        return year_charts(self.report)

    @functools.cached_property
    def compare_charts(self) -> list[Chart]:
        charts = compare_charts(self.dataset, self.settings.style, self.procedure)
        if self.series_id:  # several series share the compare page: each chart id names its series
            charts = [dataclasses.replace(c, id=f"{self.series_id}-{c.id}") for c in charts]
        return charts

    @functools.cached_property
    def ombudsman(self) -> OmbudsmanView:
        """The Ombudsman's view of the council, for the years up to this version."""
        return ombudsman_view(self.council, self.version, self.settings.style)

    @functools.cached_property
    def ombudsman_chart(self) -> Chart | None:
        return ombudsman_chart(self.ombudsman)

    @functools.cached_property
    def actions(self) -> ActionsView:
        return actions_view(self.council, self.version, self.settings.style)

    @functools.cached_property
    def code(self) -> CodeView:
        return code_view(self.council, self.version, self.settings.style)

    @functools.cached_property
    def code_analysis(self) -> Table | None:
        """HOOK for the series engine: the Code report's quantitative analysis
        (para 8.1). A single-series site shows this version's year figures; a
        multi-series site replaces this with the cross-series year overview table."""
        return self.analysis or series_figures_table(self.report)

    @property
    def _charts(self) -> list[Chart]:
        return [*self.year_charts.values(), *self.compare_charts, *filter(None, [self.ombudsman_chart])]

    @functools.cached_property
    def svgs(self) -> dict[str, str]:
        """Each chart's SVG by chart id, rendered once: as wide as the text column on a
        desktop, and (under ``<id>@narrow``) on a phone; pages show the one that fits."""
        out = {}
        for c in self._charts:
            out[c.id] = chart_svg(c.kind, c.rows, WIDE)
            out[f"{c.id}@narrow"] = chart_svg(c.kind, c.rows, NARROW)
        return out

    @property
    def local(self) -> bool:
        """True when this build's addresses are not the deployed site's (no SITE_URL, or a local one)."""
        return is_local(self.site_url)

    @functools.cached_property
    def downloads(self) -> dict[str, bytes]:
        """Files under ``data/`` of this version, by name."""
        ordered = [self.reports[y.id] for y in self.dataset.years]
        files = {f"{r.year.id}.json": _year_json(r) for r in ordered}
        files["all-years.csv"] = all_years_csv(ordered)
        files["all-years.json"] = all_years_json(ordered, [_year_json(r) for r in ordered])
        files["schema.json"] = schema_text().encode("utf-8")
        for year in self.council.years:
            files[f"council-{year.year.id}.json"] = council_year_json(year)
        if self.ombudsman.years:
            files["ombudsman-all-years.csv"] = ombudsman_csv(self.council)
        return files

    @functools.cached_property
    def chart_files(self) -> dict[str, bytes]:
        """Each chart's SVG and CSV, by file name under ``charts/``."""
        files = {}
        for chart in self._charts:
            files[f"{chart.id}.svg"] = html.chart_file(self.svgs[chart.id], chart).encode("utf-8")
            files[f"{chart.id}.csv"] = chart_csv(chart.columns, chart.table)
        return files

    def for_page(self, page_url: str) -> VersionContext:
        return self

    # -- the parts of pages, one per macro (markup from report.html) -----------------

    def title_part(self, page_url: str) -> str:
        href = html.page_base(page_url) + f"../{self.version}/{self.prefix}"
        return html.report_title(self.report, self.title, self.permalink(), href, self.local)

    def headline_part(self, page_url: str) -> str:
        return html.headline_section(self.report.headline())

    def summary_part(self, page_url: str) -> str:
        return html.summary_section(summary(self.report))

    def commentary_part(self, page_url: str) -> str:
        return html.commentary_section(self.commentary_text)

    def sections_part(self, page_url: str) -> str:
        return html.sections(self.report, self.year_charts, self.svgs)

    def notes_part(self, page_url: str) -> str:
        published = self.published.get(self.version, {}).get("figures")
        return html.notes_section(self.report.year, self.report.field_by_path, self.report, published)

    def compare_part(self, page_url: str) -> str:
        return html.compare_page(self.compare_table, self.dataset, self.settings.style, self.compare_charts, self.svgs)

    def reports_part(self, page_url: str) -> str:
        permalinks = {y.id: self.permalink(y.id) for y in self.dataset.years}
        return html.all_reports(self.dataset, self.withdrawn, self.version, self.settings.style, permalinks, page_url,
                                self.prefix, self.local)

    def dictionary_part(self, page_url: str) -> str:
        others = tuple(n for n in ("quarters", "breakdowns") if any(getattr(y, n) for y in self.dataset.years))
        return html.data_dictionary(self.fields, html.SCHEMA1_OTHERS + others)

    def definitions_part(self, page_url: str) -> str:
        procedure = html.procedure_section(self.procedure) if self.series else ""
        return procedure + html.definitions(self.settings.style, self.fields, self.statistics)

    def json_href(self, page_url: str) -> str:
        if self.series_id:
            return f"{html.page_base(page_url)}../data/{self.series_id}/{self.version}.json"
        return html.json_link(page_url, self.version)

    @functools.cached_property
    def site_files(self) -> dict[str, bytes]:
        """Every file the version writes besides its pages, by path in the version."""
        return {**{f"data/{n}": c for n, c in self.downloads.items()}, **{f"charts/{n}": c for n, c in self.chart_files.items()}}


@dataclass(frozen=True)
class SiteVersion:
    """One version of a site with report series: a ``VersionContext`` per series
    with a report this year, and what the shared pages show about all of them."""

    settings: Settings
    version: str
    latest: str
    contexts: dict[str, VersionContext]  # series id -> its context, for the series with a report this year
    earlier: dict[str, VersionContext]  # every series with a year up to this version (compare, reports, data)
    site_url: str = ""
    latest_series: tuple[str, ...] = ()  # the series with a page in the newest version
    council_ctx: VersionContext | None = None  # the council-wide pages (the Ombudsman's view, the Code's report, actions)
    series_years: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # each series' years, every version

    @property
    def label(self) -> str:
        return fmt.year_label(self.version, self.settings.style)

    @property
    def terms(self) -> tuple[tuple[str, str], ...]:
        """ "What the terms mean" for every series; a stage is named with its series, as each series has its own."""
        out: dict[str, str] = {}
        for ctx in self.earlier.values():
            for term, meaning in ctx.terms:
                is_stage = any(term == stage.name for stage in ctx.procedure.stages)
                out.setdefault(f"{term} ({ctx.title})" if is_stage else term, meaning)
        return tuple(out.items())

    @property
    def how_to_complain(self) -> str:
        """The council's page on how to make a complaint ("" for none): the shared pages cover every series."""
        return self.settings.council.how_to_complain

    @property
    def local(self) -> bool:
        """True when this build's addresses are not the deployed site's (no SITE_URL, or a local one)."""
        return is_local(self.site_url)

    def permalink(self, year_id: str | None = None) -> str:
        target = f"{year_id or self.version}/"
        return f"{self.site_url.rstrip('/')}/{target}" if self.site_url else f"/{target}"

    def for_page(self, page_url: str) -> VersionContext | SiteVersion:
        """The context a page shows: its series' (``children/``), or the whole version's."""
        first = page_url.split("/", 1)[0]
        if first in COUNCIL_PAGES and self.council_ctx is not None:
            return self.council_ctx
        return self.contexts.get(first, self)

    @property
    def actions(self) -> ActionsView:
        """The council's learning and actions of this year (the overview shows them)."""
        return self.council_ctx.actions if self.council_ctx else actions_view(CouncilData(), self.version, self.settings.style)

    # -- the parts of the shared pages (the overview, compare, reports, data, about) -------

    def title_part(self, page_url: str) -> str:
        return html.overview_title(self.settings, self.label, self.permalink(), self.local)

    def headline_part(self, page_url: str) -> str:
        return html.overview_headlines({sid: c.report for sid, c in self.contexts.items()}, page_url)

    def summary_part(self, page_url: str) -> str:
        return html.overview_table({sid: c.report for sid, c in self.contexts.items()}, self.label)

    def commentary_part(self, page_url: str) -> str:
        return ""

    def sections_part(self, page_url: str) -> str:
        return ""

    def notes_part(self, page_url: str) -> str:
        return ""

    def compare_part(self, page_url: str) -> str:
        return html.per_series({sid: (c.title, c.compare_part(page_url)) for sid, c in self.earlier.items()})

    def reports_part(self, page_url: str) -> str:
        return html.per_series({sid: (c.title, c.reports_part(page_url)) for sid, c in self.earlier.items()})

    def dictionary_part(self, page_url: str) -> str:
        return html.series_file() + html.per_series(
            {sid: (c.title, c.dictionary_part(page_url).replace('id="table-dictionary"', f'id="table-dictionary-{sid}"'))
             for sid, c in self.earlier.items()})

    def definitions_part(self, page_url: str) -> str:
        return html.per_series({sid: (c.title, c.definitions_part(page_url)) for sid, c in self.earlier.items()})

    def json_href(self, page_url: str) -> str:
        return f"{html.page_base(page_url)}data/all-series.csv"

    @property
    def download_owners(self) -> dict[str, str]:
        """Whose files the Data page lists: each series id -> its title, and "" -> the id of
        the series moved from the root, whose files also keep their old names."""
        owners = {sid: ctx.title for sid, ctx in self.earlier.items()}
        moved = [sid for sid, ctx in self.earlier.items() if ctx.series and ctx.series.moved_from_root]
        if moved:
            owners[""] = moved[0]
        return owners

    @functools.cached_property
    def downloads(self) -> dict[str, bytes]:
        """Files under ``data/``: each series' years as JSON, every series in one CSV, the schema;
        a series moved from the root keeps the names it had as a single-series site."""
        files: dict[str, bytes] = {}
        for sid, ctx in self.earlier.items():
            ordered = [ctx.reports[y.id] for y in ctx.dataset.years]
            files.update({f"{sid}/{r.year.id}.json": _year_json(r) for r in ordered})
            if ctx.series and ctx.series.moved_from_root:
                files.update({f"{r.year.id}.json": _year_json(r) for r in ordered})
                files["all-years.csv"] = all_years_csv(ordered)
                files["all-years.json"] = all_years_json(ordered, [_year_json(r) for r in ordered])
        files["all-series.csv"] = all_series_csv([ctx.reports[y.id] for ctx in self.earlier.values() for y in ctx.dataset.years])
        files["schema.json"] = schema_text().encode("utf-8")
        if self.council_ctx:  # council-wide files, named as on a single-series site
            files.update({n: c for n, c in self.council_ctx.downloads.items() if n.startswith(("council-", "ombudsman-"))})
        return files

    @functools.cached_property
    def site_files(self) -> dict[str, bytes]:
        files = {f"data/{n}": c for n, c in self.downloads.items()}
        for sid, ctx in self.contexts.items():
            year = {c.id for c in ctx.year_charts.values()}
            for name, content in ctx.chart_files.items():
                if name.rsplit(".", 1)[0] in year:
                    files[f"{sid}/charts/{name}"] = content
        for sid, ctx in self.earlier.items():
            year = {c.id for c in ctx.year_charts.values()} if sid in self.contexts else set()
            for name, content in ctx.chart_files.items():
                if name.rsplit(".", 1)[0] not in year:
                    files[f"charts/{name}"] = content
            if ctx.series and ctx.series.moved_from_root:  # the single-series site's chart files, with this series' data
                legacy = version_context_single(ctx)
                files.update({f"charts/{n}": c for n, c in legacy.chart_files.items()})
        chart = self.council_ctx.ombudsman_chart if self.council_ctx else None
        if chart is not None:
            files[f"charts/{chart.id}.svg"] = html.chart_file(self.council_ctx.svgs[chart.id], chart).encode("utf-8")
            files[f"charts/{chart.id}.csv"] = chart_csv(chart.columns, chart.table)
        return files


def version_context_single(ctx: VersionContext) -> VersionContext:
    """The context as the single-series site it was (its chart ids without the series' prefix)."""
    return dataclasses.replace(ctx, series=dataclasses.replace(ctx.series, id="")) if ctx.series else ctx


def _kept(load: Callable, folder: Path, *args):
    """``load(*args)`` kept by ``folder``'s signature; read again, and nothing kept, when a file
    changed while it was being read (else the new contents would be kept under the old digest,
    and served if the file went back to them)."""
    before = _signature(folder) if folder.is_dir() else ()
    found = load(*args, before)
    if (_signature(folder) if folder.is_dir() else ()) != before:
        load.cache_clear()
        return load.__wrapped__(*args, ())
    return found


@functools.lru_cache(maxsize=8)
def _load(data_dir: str, single: Series, signature: tuple) -> SiteData:
    result = check_site(data_dir, None, single)
    if result.errors:
        raise DataErrors(list(result.errors))
    return result.site


def _signature(data_dir: Path) -> tuple:
    """What the loaded data is kept by: every file's name and a digest of its bytes (not its
    time: a file rewritten within the same clock tick, at the same size, is still seen)."""
    return tuple(sorted((p.relative_to(data_dir).as_posix(), _digest(p)) for p in data_dir.rglob("*") if p.is_file()))


_MAX_DIGESTED = 1 << 20  # a data file's limit: a larger file is refused by the checks, and kept by its size and time


def _digest(path: Path) -> tuple:
    try:
        info = path.stat()
        if info.st_size > _MAX_DIGESTED:
            return (info.st_size, info.st_mtime_ns)
        return (hashlib.sha256(path.read_bytes()).digest(),)
    except OSError as err:  # reported by the checks that read it
        return (type(err).__name__,)


@functools.lru_cache(maxsize=8)
def _load_council(data_dir: str, signature: tuple) -> CouncilData:
    result = check_council(data_dir)
    if result.errors:
        raise DataErrors(list(result.errors))
    return result.data


_REPORTS: dict[tuple, tuple[tuple, YearReport]] = {}  # see _year_report
_MAX_REPORTS = 1024


def _year_report(dataset: Dataset, year_id: str, style, procedure: Procedure, series_id: str = "",
                 series_title: str = "") -> YearReport:
    """``year_report``, kept for the other versions a process builds. A year's report is made from
    the years up to it, the house style, the procedure and the series only (``year_report`` reads
    ``dataset.upto(year_id)``), and while the data files are unchanged every version reads the
    same year objects (``_load``): so it is keyed by those objects themselves (held by the entry,
    so no other object can take their place) and by the other arguments' values. A changed data
    file is loaded as new objects, and a changed setting changes the key: neither is served stale."""
    years = dataset.upto(year_id).years
    key = (tuple(map(id, years)), year_id, repr(style), procedure, series_id, series_title)
    hit = _REPORTS.get(key)
    if hit is not None and len(hit[0]) == len(years) and all(a is b for a, b in zip(hit[0], years, strict=True)):
        return hit[1]
    report = year_report(dataset, year_id, style, procedure, series_id, series_title)
    if len(_REPORTS) >= _MAX_REPORTS:
        del _REPORTS[next(iter(_REPORTS))]
    _REPORTS[key] = (years, report)
    return report


_JSON: dict[int, tuple[YearReport, bytes]] = {}  # see _year_json


def _year_json(report: YearReport) -> bytes:
    """``year_json``, once per report object (a report is shared by the versions a process builds:
    ``_year_report``); the entry holds the report, so no other object can take its id."""
    hit = _JSON.get(id(report))
    if hit is not None and hit[0] is report:
        return hit[1]
    if len(_JSON) >= _MAX_REPORTS:
        del _JSON[next(iter(_JSON))]
    _JSON[id(report)] = (report, year_json(report))
    return _JSON[id(report)][1]


def version_context(root: Path, extra: dict, site_url: str = "") -> VersionContext | SiteVersion:
    """Load, check and compute everything one version shows (a ``SiteVersion`` for a site with report series).

    Raises DataErrors (data files or commentary) or SettingsError; both carry
    messages fit to show as they are.
    """
    settings = read_settings(extra)
    options = extra.get("report") or {}
    data_dir = (root / str(options.get("data_dir") or "data")).resolve()
    c = settings.council
    single = Series("", c.service, c.procedure, committee=c.committee or None, how_to_complain=c.how_to_complain or None)
    site = _kept(_load, data_dir, str(data_dir), single)
    drafts = str(options.get("drafts", "")).lower() in ("1", "true", "yes")
    if not drafts:
        site = site.without_drafts()
    if not site.multi:
        return _single(root, settings, options, site.series[0].dataset, data_dir, site_url)
    years = site.year_ids
    if not years:
        raise DataErrors([_no_years(data_dir)])
    version = str(options.get("year") or years[-1])
    if version not in years:
        raise DataErrors([_no_years(data_dir, version)])
    latest = str(options.get("latest") or version)
    root_url = site_url.removesuffix(f"{version}/") if site_url.endswith(f"/{version}/") else site_url
    earlier = {}
    for series in site.upto(version).series:
        dataset = series.dataset
        reports = {y.id: _year_report(dataset, y.id, settings.style, series.procedure, series.id, series.title) for y in dataset.years}
        lock, _ = read_lock(data_dir / series.id / LOCK_NAME, LOCK_NAME)
        withdrawn = tuple(sorted(lock.withdrawn.items())) if lock else ()
        earlier[series.id] = VersionContext(settings, dataset, dataset.newest.id, latest, reports, "", root_url, withdrawn, series=series,
                                            published=lock.years if lock else {})
    contexts = {sid: _with_commentary(root, ctx) for sid, ctx in earlier.items() if ctx.version == version}
    latest_series = tuple(s.id for s in site.in_year(latest))
    series_years = {s.id: tuple(y.id for y in s.dataset.years) for s in site.series}
    council_dir = data_dir / "council"
    council = _kept(_load_council, council_dir, str(data_dir)).up_to(version)
    reports_now = {sid: c.report for sid, c in contexts.items()}
    rows = tuple((row.series, *row.cells) for row in map(overview_row, reports_now.values()))
    analysis = Table(f"Complaint handling in figures, every series, {fmt.year_label(version, settings.style)}",
                     ("Series", *OVERVIEW_COLUMNS), rows)
    first = next(iter(contexts.values()))
    council_ctx = dataclasses.replace(first, council=council, analysis=analysis)
    return SiteVersion(settings, version, latest, contexts, earlier, root_url, latest_series, council_ctx, series_years)


_building: list = [None, None]  # the MkDocs configuration of the build in progress, and its context


def build_context(config) -> VersionContext | SiteVersion:
    """``version_context`` of the MkDocs build whose configuration is ``config``, computed once
    per build: the macros and the hooks of one build share it. A new build (a new
    configuration object) computes it afresh, so no file read for one build serves another.
    Raises as ``version_context`` does (and computes again on the next call)."""
    if _building[0] is not config:
        ctx = version_context(Path(config["config_file_path"]).parent, config["extra"], config.get("site_url") or "")
        _building[:] = [config, ctx]
    return _building[1]


def forget_build_context() -> None:
    """Let the last build's context go (its build is over)."""
    _building[:] = [None, None]


def _with_commentary(root: Path, ctx: VersionContext) -> VersionContext:
    """A series' context with its officer's commentary for the year (``read_series_commentary``)."""
    series = ctx.series
    assert series is not None
    text, shown, problems = read_series_commentary(root / "docs" / "commentary", series.id, ctx.version, series.moved_from_root)
    rendered, more = render_commentary(text or "", ctx.report, shown, ctx.permalink())
    if problems or more:
        raise DataErrors(problems + more)
    return dataclasses.replace(ctx, commentary_text=one_folder_down(rendered))


def _single(root: Path, settings: Settings, options: dict, dataset: Dataset, data_dir: Path, site_url: str) -> VersionContext:
    if not dataset.years:
        raise DataErrors([_no_years(data_dir)])
    version = str(options.get("year") or dataset.newest.id)
    try:
        dataset = dataset.upto(version)
        dataset.get(version)
    except (KeyError, ValueError):
        raise DataErrors([_no_years(data_dir, version)]) from None
    latest = str(options.get("latest") or version)
    procedure = settings.council.procedure
    reports = {y.id: _year_report(dataset, y.id, settings.style, procedure) for y in dataset.years}
    root_url = site_url.removesuffix(f"{version}/") if site_url.endswith(f"/{version}/") else site_url
    lock, _ = read_lock(data_dir / LOCK_NAME, LOCK_NAME)  # validate() has reported any problem in it
    withdrawn = tuple(sorted(lock.withdrawn.items())) if lock else ()
    council_dir = data_dir / "council"
    council = _kept(_load_council, council_dir, str(data_dir)).up_to(version)
    ctx = VersionContext(settings, dataset, version, latest, reports, "", root_url, withdrawn, council,
                         published=lock.years if lock else {})
    shown = f"docs/commentary/{version}.md"
    text, problems = read_commentary(root / "docs" / "commentary", version, shown)
    rendered, more = render_commentary(text or "", reports[version], shown, ctx.permalink())
    if problems or more:
        raise DataErrors(problems + more)
    return dataclasses.replace(ctx, commentary_text=rendered)


def _no_years(data_dir: Path, version: str | None = None) -> Problem:
    if version:
        return Problem(str(data_dir), 0, "", f"no data file for the year {version} (expected {version}.yaml)")
    return Problem(str(data_dir), 0, "", "no published year to build (add a YYYY-YY.yaml file with status: published)")
