"""One version of the site: its data loaded and checked, every year's report computed.

``version_context`` builds a ``VersionContext`` once per version build, from the
data folder and the settings; the macros (``macros/__init__.py``) read it, and
the MkDocs hook writes its downloads and charts.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from pathlib import Path

from . import fmt
from .chart_views import Chart, compare_charts, year_charts
from .commentary import Values, read_commentary, render_commentary
from .compare import CompareTable, compare_table
from .downloads import all_years_csv, all_years_json, chart_csv, year_json
from .load import load_dir
from .lock import LOCK_NAME, Withdrawal, read_lock
from .model import Dataset
from .present import YearReport, year_report
from .problems import DataErrors, Problem
from .schema import schema_text
from .settings import Settings, read_settings
from .svg import chart_svg

__all__ = ["VersionContext", "version_context"]


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

    @property
    def report(self) -> YearReport:
        return self.reports[self.version]

    @property
    def label(self) -> str:
        return fmt.year_label(self.version, self.settings.style)

    def permalink(self, year_id: str | None = None) -> str:
        """The permanent address of a year's report (this version's by default)."""
        target = f"{year_id or self.version}/"
        return f"{self.site_url.rstrip('/')}/{target}" if self.site_url else f"/{target}"

    @functools.cached_property
    def values(self) -> Values:
        """The value macros (figure, stat, change) of this version's year."""
        return Values(self.report, self.permalink())

    @functools.cached_property
    def compare_table(self) -> CompareTable:
        return compare_table(self.dataset, self.settings.style)

    @functools.cached_property
    def year_charts(self) -> dict[str, Chart]:
        return year_charts(self.report)

    @functools.cached_property
    def compare_charts(self) -> list[Chart]:
        return compare_charts(self.dataset, self.settings.style)

    @functools.cached_property
    def svgs(self) -> dict[str, str]:
        """Each chart's SVG by chart id, rendered once."""
        return {c.id: chart_svg(c.kind, c.rows) for c in [*self.year_charts.values(), *self.compare_charts]}

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
    def chart_files(self) -> dict[str, bytes]:
        """Each chart's SVG and CSV, by file name under ``charts/``."""
        files = {}
        for chart in [*self.year_charts.values(), *self.compare_charts]:
            files[f"{chart.id}.svg"] = self.svgs[chart.id].encode("utf-8")
            files[f"{chart.id}.csv"] = chart_csv(chart.columns, chart.table)
        return files


@functools.lru_cache(maxsize=8)
def _load(data_dir: str, signature: tuple) -> Dataset:
    return load_dir(data_dir)


def _signature(data_dir: Path) -> tuple:
    return tuple(sorted((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in data_dir.glob("*") if p.is_file()))


def version_context(root: Path, extra: dict, site_url: str = "") -> VersionContext:
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
    ctx = VersionContext(settings, dataset, version, latest, reports, "", root_url, withdrawn)
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
