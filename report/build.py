"""Build every version of the site: one per reporting year, plus ``latest``.

A version for year Y is an ordinary ``mkdocs build`` with ``REPORT_YEAR=Y``;
versions build in parallel processes into a temporary folder that replaces
the output folder only when every version built.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import multiprocessing
import os
import re
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from . import fmt, html, timing
from . import versions as version_cache
from .commentary import read_commentary, read_series_commentary, render_commentary
from .council import check_council
from .links import missing_links, read_links
from .load import display_path
from .model import Dataset
from .present import year_report
from .problems import Problem, errors_footer
from .record import check_dates, check_record, withdrawn_years
from .series import Series, SiteData, check_site, owns_link
from .settings import Settings, SettingsError, check_source_date_epoch, read_config, read_settings
from .svg import chart_key, chart_svg, code_fingerprint, is_cached, template_of, warm_up
from .version import NARROW, WIDE, SiteVersion, VersionContext, version_context

__all__ = ["Plan", "plan", "validate", "validate_site", "build_site", "output_folder", "BuildError", "source_date_epoch"]


class BuildError(Exception):
    """The site could not be built; the message is fit to show as it is."""


@dataclass(frozen=True)
class Plan:
    root: Path
    data_dir: Path
    versions: tuple[str, ...]  # oldest first
    latest: str
    titles: dict[str, str]


def _settings(root: Path) -> tuple[Settings | None, list[Problem]]:
    """The checked settings of mkdocs.yml (and SITE_URL), or every problem with them."""
    try:
        return read_settings(dict(read_config(root)["extra"])), []
    except SettingsError as err:
        return None, list(err.problems)


def validate(root: Path, data_dir: Path | None = None, today: dt.date | None = None) -> tuple[Dataset, list[Problem], list[Problem]]:
    """Check the settings, the data files, the publication record and every year's commentary;
    never raises for bad input. ``today`` is the build date (default: record.build_date()).
    The dataset is a single-series site's (empty for a site with report series: see ``validate_site``)."""
    site, errors, warnings = validate_site(root, data_dir, today)
    dataset = site.series[0].dataset if site.series and not site.multi else Dataset()
    return dataset, errors, warnings


def _series_commentary(root: Path, site: SiteData, settings: Settings) -> tuple[list[Problem], list[Problem]]:
    """Every series' commentary of every year, rendered as the site renders it (errors), and
    commentary files no year shows (warnings)."""
    folder = root / "docs" / "commentary"
    errors: list[Problem] = []
    shown_files: set[str] = set()
    for series in site.series:
        for year in series.dataset.years:
            text, shown, problems = read_series_commentary(folder, series.id, year.id, series.moved_from_root)
            errors += problems
            shown_files.add(shown)
            if text is not None:
                report = year_report(series.dataset, year.id, settings.style, series.procedure, series.id, series.title)
                errors += render_commentary(text, report, shown, docs=root / "docs")[1]
    warnings = []
    if folder.is_dir():
        for path in sorted([*folder.glob("*.md"), *folder.glob("*/*.md")]):
            name = path.relative_to(root).as_posix()
            if name not in shown_files and not any(p.path == name for p in errors):
                where = f"{path.parent.name} has no data file for {path.stem}" if path.parent != folder else \
                    f"no series moved from the root has a data file for {path.stem}"
                warnings.append(Problem(name, 0, "", f"{where}, so this commentary is not shown", warning=True))
    return errors, warnings


def validate_site(root: Path, data_dir: Path | None = None, today: dt.date | None = None) -> tuple[SiteData, list[Problem], list[Problem]]:
    """``validate`` for any site: every series with its years, and every problem."""
    data_dir = data_dir or root / "data"
    settings, setting_errors = _settings(root)
    wrong_epoch = check_source_date_epoch()
    if wrong_epoch:  # the build date comes from it: the publication record cannot be checked without one
        setting_errors.append(Problem("SOURCE_DATE_EPOCH", 0, "", wrong_epoch.removeprefix("SOURCE_DATE_EPOCH: ")))
    single = None
    if settings is not None:
        c = settings.council
        single = Series("", c.service, c.procedure, committee=c.committee or None, how_to_complain=c.how_to_complain or None)
    shown_dir = display_path(data_dir)
    result = check_site(data_dir, shown_dir, single)
    council = check_council(data_dir, shown_dir)
    errors, warnings = list(result.errors) + list(council.errors), list(result.warnings) + list(council.warnings)
    if errors or wrong_epoch:
        return result.site, sorted(setting_errors + errors), warnings
    if result.site.multi:
        for series in result.site.series:
            folder = data_dir / series.id
            owns = owns_link(series, result.site)
            errors += check_record(folder, series.dataset, series.folder, today, data_dir.parent / "links.txt", owns)
            date_errors, date_warnings = check_dates(series.dataset, today, folder)
            errors += date_errors
            warnings += date_warnings
        if settings is not None:
            found, unused = _series_commentary(root, result.site, settings)
            errors += found
            warnings += unused
        return result.site, sorted(setting_errors + errors), warnings
    dataset = result.site.series[0].dataset
    errors += check_record(data_dir, dataset, shown_dir, today)
    date_errors, date_warnings = check_dates(dataset, today, data_dir)
    errors += date_errors
    warnings += date_warnings
    if settings is None:
        return result.site, sorted(setting_errors + errors), warnings
    for year in dataset.years:  # rendered as the site renders it, so make site finds nothing new
        shown = f"docs/commentary/{year.id}.md"
        text, problems = read_commentary(root / "docs" / "commentary", year.id, shown)
        errors += problems
        if text is not None:
            errors += render_commentary(text, year_report(dataset, year.id, settings.style, settings.council.procedure), shown,
                                        docs=root / "docs")[1]
    commentary_dir = root / "docs" / "commentary"
    if commentary_dir.is_dir():
        known = {y.id for y in dataset.years}
        for path in sorted(commentary_dir.glob("*.md")):
            if path.stem not in known:
                warnings.append(Problem(f"docs/commentary/{path.name}", 0, "",
                                        f"no data file for the year {path.stem}, so this commentary is not shown", warning=True))
    return result.site, sorted(errors), warnings


def plan(root: Path, dataset: Dataset, drafts: bool) -> Plan:
    settings = read_settings(dict(read_config(root)["extra"]))
    shown = dataset if drafts else dataset.without_drafts()
    if not shown.years:
        raise BuildError("data: no published year to build (add a YYYY-YY.yaml file with status: published)")
    versions = tuple(y.id for y in shown.years)
    titles = {}
    for y in shown.years:
        titles[y.id] = fmt.year_label(y.id, settings.style) + (" (draft)" if y.is_draft else "")
    published = [y.id for y in shown.years if not y.is_draft] or list(versions)
    return Plan(root, root / "data", versions, published[-1], titles)


def _versions_of(site: SiteData) -> Dataset:
    """One reporting year per version: a single-series site's years; for several series, each year some
    series has (a published one where there is one, so that a year of drafts only is a draft version)."""
    if not site.multi:
        return site.series[0].dataset
    chosen: dict[str, object] = {}
    for series in site.series:
        for year in series.dataset.years:
            if year.id not in chosen or (chosen[year.id].is_draft and not year.is_draft):
                chosen[year.id] = year
    return Dataset(tuple(chosen.values()))


def source_date_epoch(root: Path) -> str:
    """The last commit's time, so that two builds of one commit are identical; a
    SOURCE_DATE_EPOCH that is set must be seconds since 1970 (BuildError otherwise)."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        wrong = check_source_date_epoch()
        if wrong:
            raise BuildError(wrong)
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
        return out.stdout.strip() or "315532800"
    except (OSError, subprocess.CalledProcessError):
        return "315532800"  # 1980-01-01, a fixed value outside git


@contextlib.contextmanager
def _environment(**values: str):
    """Set environment variables for a block, then put back exactly what was there."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _Messages(logging.Handler):
    """Keeps what MkDocs and its plugins log, to return it as the failure's cause."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _quiet_mkdocs():
    """Collect MkDocs' warnings instead of printing them; restore its loggers afterwards."""
    handler = _Messages()
    loggers = {name: logging.getLogger(name) for name in ("mkdocs", "mkdocs.plugins.macros", "mkdocs_macros")}
    saved = {name: (log.level, log.propagate) for name, log in loggers.items()}
    loggers["mkdocs"].setLevel(logging.WARNING)
    loggers["mkdocs.plugins.macros"].setLevel(logging.ERROR)
    for log in (loggers["mkdocs"], loggers["mkdocs_macros"]):
        log.addHandler(handler)
        log.propagate = False
    try:
        yield handler.messages
    finally:
        for name, log in loggers.items():
            log.removeHandler(handler)
            log.setLevel(saved[name][0])
            log.propagate = saved[name][1]


_MAX_CAUSE = 300  # characters of a failure's cause shown


def _one_line(text: str) -> str:
    """A message on one line, with no raw escape codes, cut short."""
    line = " ".join("".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in str(text).replace("\n", " ")).split())
    return line if len(line) <= _MAX_CAUSE else line[: _MAX_CAUSE - 3] + "..."


def _render_failure(version: str, err: SystemExit, messages: list[str]) -> str:
    """The cause of a page that failed to render: the page, and the exception mkdocs-macros caught."""
    page = next((m.group(1) for text in messages if (m := re.search(r"_File_: `([^`]+)`", text))), None)
    cause = err.__context__  # mkdocs-macros logs the error, then exits inside its ``except``
    where = f"docs/{page}" if page else "a page"
    if cause is not None and getattr(cause, "lineno", None):
        where += f":{cause.lineno}"
    what = f"{type(cause).__name__}: {cause}" if cause is not None else f"exit {err.code}"
    return f"{version}: {where}: the page failed to render: {_one_line(what)}"


def _versions_setting(the_plan: Plan) -> str:
    """Every version and its title, newest first, for the templates' year selector and
    page titles: ``2022-23=2022 to 2023;2021-22=2021 to 2022`` (titles never hold ; or =)."""
    return ";".join(f"{v}={the_plan.titles[v]}" for v in reversed(the_plan.versions))


def _build_version(root: str, version: str, latest: str, dest: str, data_dir: str, drafts: bool, site_url: str,
                   versions: str = "") -> str | None:
    """Build one version (in a worker process, or the caller's); return an error message or None.

    The environment, working directory and loggers are put back afterwards.
    """
    with timing.phase("MkDocs"):
        return _build_one(root, version, latest, dest, data_dir, drafts, site_url, versions)


def _build_one(root: str, version: str, latest: str, dest: str, data_dir: str, drafts: bool, site_url: str,
               versions: str) -> str | None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    before = os.getcwd()
    with (
        _environment(
            REPORT_YEAR=version,
            REPORT_LATEST=latest,
            REPORT_DATA_DIR=data_dir,
            REPORT_DRAFTS="true" if drafts else "",
            REPORT_VERSIONS=versions,
            NO_MKDOCS_2_WARNING="1",
        ),
        _quiet_mkdocs() as messages,
    ):
        os.chdir(root)
        try:
            url = f"{site_url.rstrip('/')}/{version}/" if site_url else None
            cfg = load_config(os.path.join(root, "mkdocs.yml"), site_dir=dest, strict=True, site_url=url)
            build(cfg)
        except MkDocsException as err:
            lines = [_one_line(m) for m in [*messages[:5], *str(err).splitlines()] if m.strip()]
            return "\n".join(f"{version}: {line}" for line in dict.fromkeys(lines))
        except SystemExit as err:  # mkdocs-macros exits on a rendering error
            return _render_failure(version, err, messages)
        except Exception as err:  # noqa: BLE001 - a worker's failure must say why, on one line
            if os.environ.get("REPORT_DEBUG"):
                raise
            return (
                f"{version}: the build failed: {_one_line(f'{type(err).__name__}: {err}')} "
                "(if make validate passed, this is a bug: run with REPORT_DEBUG=1 for details)"
            )
        finally:
            os.chdir(before)  # this may run in the caller's own process
    return None


_PROJECT_SOURCES = ("data", "docs", "overrides", "report", "macros", "charts", "tests", "tools", "bench", ".git", ".venv")


def output_folder(root: Path, out: Path, inside_project: bool = True) -> Path:
    """The checked, absolute output folder; BuildError unless it is a safe place to replace.

    It must not be a symbolic link, nor the project or one of its source
    folders, and, if it exists, must be a site this tool built (it has
    ``versions.json``) or empty. ``make site`` also keeps it inside the project
    (``inside_project``); tests and the benchmark build into temporary folders.
    """
    shown = str(out)
    root = Path(root).resolve()
    absolute = Path(os.path.abspath(out))
    if absolute.is_symlink():
        raise BuildError(
            f"{shown}: the output folder is a symbolic link (expected a real folder inside the project, "
            "e.g. site); nothing was built or removed"
        )
    resolved = absolute.resolve()
    if root.is_relative_to(resolved):
        raise BuildError(
            f"{shown}: the output folder would replace the project itself (expected a folder inside it, "
            "e.g. site); nothing was built or removed"
        )
    if inside_project and not resolved.is_relative_to(root):
        raise BuildError(f"{shown}: the output folder must be inside the project ({root}), e.g. site; nothing was built or removed")
    for name in _PROJECT_SOURCES:
        if resolved.is_relative_to(root / name):
            raise BuildError(
                f"{shown}: the output folder is inside the project's {name}/ folder "
                "(expected a folder of its own, e.g. site); nothing was built or removed"
            )
    if resolved.is_relative_to(root):
        hidden = next((part for part in resolved.relative_to(root).parts if part.startswith(".")), None)
        if hidden:
            raise BuildError(
                f"{shown}: the output folder is inside the hidden folder {hidden}/ (expected a folder of its own "
                "that is not hidden, e.g. site); nothing was built or removed"
            )
    if resolved.exists() and (not resolved.is_dir() or (any(resolved.iterdir()) and not (resolved / "versions.json").is_file())):
        raise BuildError(
            f"{shown}: the output folder exists and is not a site built by this tool (no versions.json); "
            "choose another folder or remove it yourself; nothing was built or removed"
        )
    return resolved


def _replace(out: Path, new: Path) -> None:
    """Put the folder ``new`` in the place of ``out``; on any failure ``out`` is as it was."""
    old = new.with_name(".site-old-" + new.name.removeprefix(".site-build-"))  # unique, never a folder of the user's
    try:
        if out.exists():
            out.rename(old)
        try:
            new.rename(out)
        except BaseException:
            if old.exists():
                old.rename(out)
            raise
    except OSError as err:
        raise BuildError(
            f"{out}: the new site could not be put in place ({err.strerror or err}); the old site is unchanged. Nothing was built."
        ) from None
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)


def build_site(root: Path, out: Path, drafts: bool = False, jobs: int | None = None, data_dir: Path | None = None) -> Plan:
    """Validate, build every version into a temporary folder, then replace ``out``.

    The environment is as it was afterwards (SOURCE_DATE_EPOCH is set only
    during the build), and on any failure ``out`` is untouched.
    """
    out = output_folder(root, out, inside_project=False)
    try:
        epoch = source_date_epoch(root)
    except BuildError:  # the checks say why, in their place
        epoch = None
    with _early_workers(root, data_dir or root / "data", jobs, epoch) as early:
        with timing.phase("loading and statistics"):
            site, errors, _ = validate_site(root, data_dir)
        if errors:
            raise BuildError("\n".join([*(str(p) for p in errors), errors_footer(errors)]))
        dataset = _versions_of(site)
        the_plan = plan(root, dataset, drafts)
        data_dir = (data_dir or root / "data").resolve()
        with _environment(SOURCE_DATE_EPOCH=epoch or source_date_epoch(root)):
            out.parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
            try:
                _build_into(root, tmp, the_plan, dataset, drafts, jobs, data_dir, early)
                _replace(out, tmp)
            finally:
                if tmp.exists():
                    shutil.rmtree(tmp, ignore_errors=True)
    return the_plan


def _pool(workers: int) -> ProcessPoolExecutor:
    """The build's worker processes. spawn, not fork: a forked copy of a process whose chart
    renderer has started its threads can deadlock. Each worker starts the renderer once."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_start)


@contextlib.contextmanager
def _early_workers(root: Path, data_dir: Path, jobs: int | None, epoch: str | None):
    """For a build with no version kept yet (a first build, or a deploy: every version is
    built) and several years to build, the worker processes, started now: they start the
    chart renderer while this process checks the data. None otherwise (a rebuild often
    builds one version, here). They start with the build's SOURCE_DATE_EPOCH ``epoch``.
    If the build stops before it uses them (bad data, Ctrl-C), they are let go at once."""
    kept = version_cache.cache_root(root)
    years = {p.stem for p in data_dir.rglob("*.yaml") if _YEAR_FILE.fullmatch(p.name)} if data_dir.is_dir() else set()
    count = min(jobs or os.cpu_count() or 1, len(years))
    if count < 2 or epoch is None or (kept.is_dir() and any(not p.name.startswith(".") for p in kept.iterdir())):
        yield None
        return
    pool = _pool(count)
    try:
        with _environment(SOURCE_DATE_EPOCH=epoch):
            for _ in range(count):
                pool.submit(int)  # each starts a worker
        yield pool
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # a pool the build used is shut down already (``_build_into``)


_YEAR_FILE = re.compile(r"\d{4}-\d{2}\.yaml")


def _version_charts(ctx: VersionContext | SiteVersion) -> list[tuple[str, tuple[dict, ...], int]]:
    """(chart name in ``charts.CHARTS``, rows, width) of every chart the version's pages and files show:
    each chart of each series' context (``VersionContext.svgs``), at both widths."""
    contexts = [ctx] if isinstance(ctx, VersionContext) else [*ctx.contexts.values(), *ctx.earlier.values(), ctx.council_ctx]
    return [(c.kind, c.rows, width)
            for one in filter(None, contexts)
            for c in [*one.year_charts.values(), *one.compare_charts, *filter(None, [one.ombudsman_chart])]
            for width in (WIDE, NARROW)]


def _charts_task(root: str, extra: dict, version: str, latest: str, data_dir: str, drafts: bool
                 ) -> tuple[list[tuple[tuple, tuple[str, tuple[dict, ...], int]]], dict[str, float]]:
    """Every chart of one version (see ``_version_charts``), listed without MkDocs, each with
    its template (``template_of``); none if the version cannot be computed (its MkDocs build
    then says why)."""
    with timing.phase("loading and statistics"):
        options = {"year": version, "latest": latest, "data_dir": data_dir, "drafts": "true" if drafts else ""}
        try:
            found = _version_charts(version_context(Path(root), {**extra, "report": options}))
        except Exception:  # noqa: BLE001 - reported by the version's own build
            if os.environ.get("REPORT_DEBUG"):
                raise
            found = []
    return [(template, chart) for chart in found if (template := _template(chart)) is not None], timing.take()


def _template(chart: tuple[str, tuple[dict, ...], int]) -> tuple | None:
    """The chart's template (``template_of``), or None if it cannot be drawn: its version's build says why."""
    try:
        return template_of(*chart)
    except Exception:  # noqa: BLE001 - reported by the version's own build
        if os.environ.get("REPORT_DEBUG"):
            raise
        return None


def _worker_start() -> None:
    """Each worker starts the chart renderer once, before its first task; if the renderer
    cannot start, the first chart that needs it says why, in its version's build. Ctrl-C is
    the main process's to handle: it stops the build and lets the workers go."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        warm_up()
    except Exception:  # noqa: BLE001 - reported where a chart is rendered
        if os.environ.get("REPORT_DEBUG"):
            raise


def _render_task(charts: list[tuple[str, tuple[dict, ...], int]]) -> dict[str, float]:
    """Render charts alike in their template into the cache; a failure is left for the page's
    build to report."""
    for name, rows, width in charts:
        try:
            chart_svg(name, rows, width)
        except Exception:  # noqa: BLE001 - the version's build renders it again and says why
            if os.environ.get("REPORT_DEBUG"):
                raise
    return timing.take()


def _build_and_keep(*args) -> str | None:
    """Build one version (``_build_version``'s arguments, then its cache key) and keep a copy
    in the version cache, in the process that built it; return an error message or None."""
    *build_args, key = args
    failed = _build_version(*build_args)
    if failed is None:
        with timing.phase("copying and hashing"):
            version_cache.store(Path(build_args[0]), key, Path(build_args[3]))
    return failed


def _build_task(*args) -> tuple[str | None, dict[str, float]]:
    return _build_and_keep(*args), timing.take()


def _render_charts(pool: ProcessPoolExecutor, root: Path, todo: list[str], latest: str, data_dir: Path, drafts: bool) -> None:
    """Render every distinct chart of every version to be built, once, across all the workers,
    so that the versions' MkDocs builds only read SVG from the cache. The charts made from one
    template go to one worker together, so each template is compiled by one worker only."""
    extra = dict(read_config(root)["extra"])
    charts: dict[str, tuple[tuple, tuple[str, tuple[dict, ...], int]]] = {}
    for found, spent in pool.map(_charts_task, *zip(*[(str(root.resolve()), extra, v, latest, str(data_dir), drafts)
                                                      for v in reversed(todo)], strict=True)):
        timing.add(spent)
        for template, chart in found:
            charts.setdefault(chart_key(*chart), (template, chart))
    groups: dict[tuple, list] = {}
    for key, (template, chart) in charts.items():
        if not is_cached(key):
            groups.setdefault(template, []).append(chart)
    for spent in pool.map(_render_task, sorted(groups.values(), key=len, reverse=True)):  # largest first
        timing.add(spent)


def _build_into(root: Path, tmp: Path, the_plan: Plan, dataset: Dataset, drafts: bool, jobs: int | None, data_dir: Path,
                early: ProcessPoolExecutor | None = None) -> None:
    """Build every version, ``latest``, the version list and the root redirect into ``tmp`` (with the
    workers ``early`` if already started); BuildError on failure."""
    site_url = os.environ.get("SITE_URL", "")
    versions_setting = _versions_setting(the_plan)  # every page links to every year: part of each version's key
    with timing.phase("copying and hashing"):
        options = (the_plan.latest, drafts, site_url, versions_setting, code_fingerprint())  # the fonts shape every chart
        keys = version_cache.version_keys(root, data_dir, the_plan.versions, options)
        todo = [v for v in the_plan.versions if not version_cache.restore(root, keys[v], tmp / v)]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    args = [(str(root.resolve()), v, the_plan.latest, str(tmp / v), str(data_dir), drafts, site_url, versions_setting, keys[v])
            for v in todo]
    if workers == 1:
        results = [_build_and_keep(*a) for a in args]
    else:
        # One pool for the whole build, so each worker starts the chart renderer once.
        try:
            with early if early is not None else _pool(workers) as pool:  # waits for its tasks before the build's folder goes
                try:
                    _render_charts(pool, root, todo, the_plan.latest, data_dir, drafts)
                    results = []
                    for result, spent in pool.map(_build_task, *zip(*reversed(args), strict=True)):  # largest first
                        results.insert(0, result)
                        timing.add(spent)
                except BaseException:  # Ctrl-C (the workers ignore it) or a failure: nothing more starts
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        except BrokenProcessPool:
            raise BuildError(
                "a build process stopped without a message (out of memory?); try --jobs 1 to see the cause. Nothing was built."
            ) from None
    failures = [r for r in results if r]
    if failures:
        raise BuildError("\n".join(failures) + "\nNothing was built.")
    with timing.phase("copying and hashing"):
        version_cache.prune(root, keep=3 * len(the_plan.versions) + 10)
        shutil.copytree(tmp / the_plan.latest, tmp / "latest")
    versions = [
        {"version": v, "title": the_plan.titles[v], "aliases": ["latest"] if v == the_plan.latest else []}
        for v in reversed(the_plan.versions)
    ]
    (tmp / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
    (tmp / "index.html").write_text(html.redirect_page("latest/"), encoding="utf-8")
    (tmp / ".nojekyll").write_text("", encoding="utf-8")
    withdrawn = frozenset().union(*(withdrawn_years(p) for p in [data_dir, *(d for d in data_dir.iterdir() if d.is_dir())]))
    lost, gone_years = missing_links(tmp, read_links(root / "links.txt"), {y.id for y in dataset.years} - withdrawn, withdrawn)
    for url in gone_years:
        logging.getLogger(__name__).warning("links.txt: %s is not built: its year has no data file", url)
    if lost:
        raise BuildError(
            "\n".join(
                f"links.txt: {url} was published but is missing from the new site (restore the page or file: committee papers link to it)"
                for url in lost
            )
            + f"\n{len(lost)} published address{'es' if len(lost) != 1 else ''} would break. Nothing was built."
        )
