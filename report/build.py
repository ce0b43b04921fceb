"""Build every version of the site: one per reporting year, plus ``latest``.

A version for year Y is an ordinary ``mkdocs build`` with ``REPORT_YEAR=Y``;
versions build in parallel processes into a temporary folder that replaces
the output folder only when every version built.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from html import escape
from pathlib import Path

from . import fmt
from .commentary import check_commentary
from .links import missing_links, read_links
from .load import check_dir
from .lock import check_lock
from .model import Dataset
from .present import year_report
from .problems import Problem
from .settings import SettingsError, read_settings
from . import versions as version_cache

__all__ = ["Plan", "plan", "validate", "build_site", "BuildError", "source_date_epoch"]


class BuildError(Exception):
    """The site could not be built; the message is fit to show as it is."""


@dataclass(frozen=True)
class Plan:
    root: Path
    data_dir: Path
    versions: tuple[str, ...]  # oldest first
    latest: str
    titles: dict[str, str]


def _config_extra(root: Path) -> dict:
    from mkdocs.config import load_config
    cfg = load_config(str(root / "mkdocs.yml"))
    return dict(cfg["extra"])


def validate(root: Path, data_dir: Path | None = None) -> tuple[Dataset, list[Problem], list[Problem]]:
    """Check the data files and every year's commentary; never raises for bad data."""
    data_dir = data_dir or root / "data"
    result = check_dir(data_dir)
    errors, warnings = list(result.errors), list(result.warnings)
    if errors:
        return result.dataset, errors, warnings
    lock_errors, lock_warnings = check_lock(data_dir, result.dataset, _display_dir(data_dir))
    errors += lock_errors
    warnings += lock_warnings
    try:
        settings = read_settings(_config_extra(root))
    except SettingsError as err:
        return result.dataset, [Problem("mkdocs.yml", 0, "", str(err).removeprefix("mkdocs.yml: "))], warnings
    for year in result.dataset.years:
        path = root / "docs" / "commentary" / f"{year.id}.md"
        if path.is_file():
            report = year_report(result.dataset, year.id, settings.style)
            errors += check_commentary(path.read_text(encoding="utf-8"), report, f"docs/commentary/{year.id}.md")
    commentary_dir = root / "docs" / "commentary"
    if commentary_dir.is_dir():
        known = {y.id for y in result.dataset.years}
        for path in sorted(commentary_dir.glob("*.md")):
            if path.stem not in known:
                warnings.append(Problem(f"docs/commentary/{path.name}", 0, "", f"no data file for the year {path.stem}, so this commentary is not shown", warning=True))
    return result.dataset, sorted(errors), warnings


def _display_dir(data_dir: Path) -> str:
    try:
        return data_dir.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(data_dir)


def plan(root: Path, dataset: Dataset, drafts: bool) -> Plan:
    settings = read_settings(_config_extra(root))
    shown = dataset if drafts else dataset.without_drafts()
    if not shown.years:
        raise BuildError("data: no published year to build (add a YYYY-YY.yaml file with status: published)")
    versions = tuple(y.id for y in shown.years)
    titles = {}
    for y in shown.years:
        titles[y.id] = fmt.year_label(y.id, settings.style) + (" (draft)" if y.is_draft else "")
    published = [y.id for y in shown.years if not y.is_draft] or list(versions)
    return Plan(root, root / "data", versions, published[-1], titles)


def source_date_epoch(root: Path) -> str:
    """The last commit's time, so that two builds of one commit are identical."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True)
        return out.stdout.strip() or "315532800"
    except (OSError, subprocess.CalledProcessError):
        return "315532800"  # 1980-01-01, a fixed value outside git


def _versions_setting(the_plan: Plan) -> str:
    """Every version and its title, newest first, for the templates' year selector and
    page titles: ``2022-23=2022 to 2023;2021-22=2021 to 2022`` (titles never hold ; or =)."""
    return ";".join(f"{v}={the_plan.titles[v]}" for v in reversed(the_plan.versions))


def _build_version(root: str, version: str, latest: str, dest: str, data_dir: str, drafts: bool, site_url: str,
                   versions: str = "") -> str | None:
    """Build one version (runs in a worker process); return an error message or None."""
    os.environ.update(REPORT_YEAR=version, REPORT_LATEST=latest, REPORT_DATA_DIR=data_dir,
                      REPORT_DRAFTS="true" if drafts else "", REPORT_VERSIONS=versions, NO_MKDOCS_2_WARNING="1")
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    logging.getLogger("mkdocs.plugins.macros").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    before = os.getcwd()
    os.chdir(root)
    try:
        url = f"{site_url.rstrip('/')}/{version}/" if site_url else None
        cfg = load_config(os.path.join(root, "mkdocs.yml"), site_dir=dest, strict=True, site_url=url)
        build(cfg)
    except MkDocsException as err:
        return f"{version}: {err}"
    except SystemExit as err:  # mkdocs-macros exits on a rendering error
        return f"{version}: a page failed to render (exit {err.code}); see the messages above"
    finally:
        os.chdir(before)  # this may run in the caller's own process
    return None


def _redirect(target: str) -> str:
    t = escape(target, quote=True)
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Redirecting</title><meta http-equiv=\"refresh\" content=\"0; url={t}\">"
            f"<link rel=\"canonical\" href=\"{t}\"></head>"
            f"<body><p><a href=\"{t}\">Go to the latest report</a></p></body></html>\n")


def build_site(root: Path, out: Path, drafts: bool = False, jobs: int | None = None,
               data_dir: Path | None = None) -> Plan:
    """Validate, build every version into a temporary folder, then replace ``out``."""
    dataset, errors, _ = validate(root, data_dir)
    if errors:
        raise BuildError("\n".join(str(p) for p in errors) + f"\n{len(errors)} error{'s' if len(errors) != 1 else ''}. Nothing was built.")
    the_plan = plan(root, dataset, drafts)
    data_dir = (data_dir or root / "data").resolve()
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch(root)
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".site-build-", dir=out.parent))
    try:
        site_url = os.environ.get("SITE_URL", "")
        versions_setting = _versions_setting(the_plan)  # every page links to every year: part of each version's key
        keys = {v: version_cache.version_key(root, data_dir, v, (the_plan.latest, drafts, site_url, versions_setting))
                for v in the_plan.versions}
        todo = [v for v in the_plan.versions if not version_cache.restore(root, keys[v], tmp / v)]
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        args = [(str(root.resolve()), v, the_plan.latest, str(tmp / v), str(data_dir), drafts, site_url, versions_setting) for v in todo]
        if workers == 1:
            results = [_build_version(*a) for a in args]
        else:
            # spawn, not fork: a forked copy of a process whose chart renderer has
            # started its threads can deadlock.
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                results = list(pool.map(_build_version, *zip(*args)))
        failures = [r for r in results if r]
        if failures:
            raise BuildError("\n".join(failures) + "\nNothing was built.")
        for v in todo:
            version_cache.store(root, keys[v], tmp / v)
        version_cache.prune(root, keep=3 * len(the_plan.versions) + 10)
        shutil.copytree(tmp / the_plan.latest, tmp / "latest")
        versions = [{"version": v, "title": the_plan.titles[v], "aliases": ["latest"] if v == the_plan.latest else []}
                    for v in reversed(the_plan.versions)]
        (tmp / "versions.json").write_text(json.dumps(versions, indent=2) + "\n", encoding="utf-8")
        (tmp / "index.html").write_text(_redirect("latest/"), encoding="utf-8")
        (tmp / ".nojekyll").write_text("", encoding="utf-8")
        lost, gone_years = missing_links(tmp, read_links(root / "links.txt"), {y.id for y in dataset.years})
        for url in gone_years:
            logging.getLogger(__name__).warning("links.txt: %s is not built: its year has no data file", url)
        if lost:
            raise BuildError("\n".join(f"links.txt: {url} was published but is missing from the new site "
                                       "(restore the page or file: committee papers link to it)" for url in lost)
                             + f"\n{len(lost)} published address{'es' if len(lost) != 1 else ''} would break. Nothing was built.")
        old = out.with_name(out.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        if out.exists():
            out.rename(old)
        tmp.rename(out)
        if old.exists():
            shutil.rmtree(old)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return the_plan
