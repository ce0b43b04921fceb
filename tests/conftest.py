"""Shared fixtures: data folders, project copies, and the sites built once per session.

Building a site is the slow part of the suite, so every test that needs a built site
reads one of the session sites below; a test builds its own only when the build
itself is what it checks (and is then marked ``slow``). Builds share one chart cache
and one version cache, so a version whose inputs did not change is built once.
"""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from report.build import build_site
from report.load import load_dir
from report.versions import PROJECT

ROOT = Path(__file__).resolve().parent.parent
SITE_URL = "https://example.github.io/complaints/"


def year_yaml(year: str = "2022-23", body: str = "", status: str = "published", published: str | None = "2024-03-08") -> str:
    head = f"year: {year}\nstatus: {status}\n" + (f"published: {published}\n" if published else "")
    return head + textwrap.dedent(body)


def copy_project(dest: Path, single_series: bool = True) -> Path:
    """A copy of everything a site is built from (report.versions.PROJECT), to build variants of.

    By default the copy is the single-series site the example was before it had report
    series (``single_series_example``), which is what the tests of one series' data,
    record and pages edit; ``single_series=False`` copies the example as it is."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    if single_series:
        single_series_example(dest)
    return dest


MOVED_SERIES = "children"  # the example's series that was the whole site before (moved_from_root: true)


def single_series_example(project: Path) -> None:
    """Turn a copy of the example into the single-series site it was before it had report
    series: the children's series' year files and lock back in data/, the other series
    gone, and links.txt with only the addresses that site had (no series in them, and
    only its own years' versions and latest)."""
    data = project / "data"
    series = {p.name for p in data.iterdir() if (p / "series.yaml").is_file()}
    if not series:
        return
    moved = data / MOVED_SERIES
    years = {p.stem for p in moved.glob("*.yaml") if p.name != "series.yaml"}
    for path in sorted(moved.iterdir()):
        if path.name == "series.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".yaml":
            text = text.replace("$schema=../schema.json", "$schema=./schema.json", 1)
        (data / path.name).write_text(text, encoding="utf-8")
    for name in series:
        shutil.rmtree(data / name)

    def was_published(line: str) -> bool:
        parts = line.split("/")
        return (line.startswith("#") or line == "versions.json"
                or (parts[0] in years | {"latest"} and not set(parts) & series and "all-series.csv" not in parts))

    links = project / "links.txt"
    listed = links.read_text(encoding="utf-8").splitlines()
    newest = max(years)  # its latest was its newest year: a latest/ address of a later version (another series') was not its
    listed = [line for line in listed if not line.startswith("latest/") or f"{newest}/{line.removeprefix('latest/')}" in listed]
    kept = [line for line in listed if was_published(line)]
    links.write_text("\n".join(kept) + "\n", encoding="utf-8")


@contextmanager
def environ(**values: str) -> Iterator[None]:
    """Set environment variables for a block and restore every variable afterwards."""
    before = dict(os.environ)
    os.environ.update(values)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(before)


# Fixtures that build a whole site (once per session or module): a test that uses one is slow.
SITE_FIXTURES = frozenset({"example_site", "series_example_site", "variant_site", "variant_project", "other_site",
                           "council_site", "three_site", "custom_site", "hostile", "base", "browser"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow, wherever they are: a test that builds its own copy of the project (the
    `project` fixture) or uses a built site, a test that runs the tool as a command
    (`tmp_path` with a build or `make` inside), and a Hypothesis test (it runs many
    generated examples). `make test-fast` runs the rest: the rules, one function at a time."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if ("project" in names or names & SITE_FIXTURES
                or getattr(getattr(item, "obj", None), "is_hypothesis_test", False)):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def shared_caches() -> Iterator[None]:
    """One chart cache and one version cache for every session (in .cache/tests, emptied
    by `make clean`) and a fixed build date (29 November 2026, after every test revision and the example's latest
    publication date), so that each distinct chart and version is
    built once. Both caches are keyed by every input, so they cannot change an outcome;
    the tests of the caches themselves build into empty ones."""
    with environ(REPORT_CHART_CACHE=str(ROOT / ".cache" / "tests" / "charts"),
                 REPORT_VERSION_CACHE=str(ROOT / ".cache" / "tests" / "versions"),
                 SOURCE_DATE_EPOCH="1795910400"):
        yield


@pytest.fixture
def data_dir(tmp_path: Path):
    """A function that writes {name: text} into a fresh data folder and returns it."""
    folder = tmp_path / "data"
    folder.mkdir()

    def write(files: dict[str, str | bytes]) -> Path:
        for name, content in files.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A fresh copy of the project, for a test that changes it and builds it (so it is marked slow)."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def example():
    """The example's children's series (the single-series site it was), loaded."""
    return load_dir(ROOT / "data" / MOVED_SERIES)


@pytest.fixture(scope="session")
def example_site(tmp_path_factory) -> Path:
    """The single-series site the example was before it had report series (its children's
    series: ``single_series_example``), as `make site` builds it, once for the whole session:
    a single-series site's pages and addresses do not change."""
    project = copy_project(tmp_path_factory.mktemp("example") / "project")
    out = project / "site"
    build_site(project, out, jobs=2)
    return out


@pytest.fixture(scope="session")
def series_example_site(tmp_path_factory) -> Path:
    """The example as it is, with its two report series, as `make site` builds it."""
    out = tmp_path_factory.mktemp("series-example") / "site"
    build_site(ROOT, out, jobs=2)
    return out


VARIANT_DRAFT = year_yaml("2023-24", "complaints:\n  stage1: 90\n", status="draft", published=None)
VARIANT_REVISION = ("\nrevisions:\n  - date: 2024-05-01\n    field: complaints.stage2\n    from: 2\n    to: 3\n"
                    "    reason: One complaint was logged late.\n")


@pytest.fixture(scope="session")
def variant_project(tmp_path_factory) -> Path:
    """The example plus a revised figure in 2022-23 and a draft 2023-24."""
    project = copy_project(tmp_path_factory.mktemp("variant") / "project")
    (project / "data" / "2023-24.yaml").write_text(VARIANT_DRAFT)
    data = project / "data" / "2022-23.yaml"
    text = data.read_text()
    assert "stage2: 2 " in text
    data.write_text(text.replace("stage2: 2 ", "stage2: 3 ", 1) + VARIANT_REVISION)
    return project


@pytest.fixture(scope="session")
def variant_site(variant_project: Path) -> Path:
    """``variant_project`` as `make serve` builds it (drafts included), with SITE_URL set."""
    out = variant_project / "site"
    with environ(SITE_URL=SITE_URL):
        build_site(variant_project, out, drafts=True, jobs=2)
    return out


OTHER_COUNCIL = {
    "2015-16.yaml": year_yaml("2015-16", "complaints:\n  stage1: 0\n", published="2016-07-01"),
    "2017-18.yaml": year_yaml("2017-18", """\
        complaints: {contacts: 400, informal: 100, stage1: 300, stage2: 12}
        outcomes: {upheld: 30, partially_upheld: 45, not_upheld: 200, withdrawn: 25}
        timeliness: {stage1_on_time: 250, stage1_responded: 290}
        ombudsman: {complaints: 20, investigated: 6, upheld: 4}
        compliments: 812
        themes: [{name: "Communication <b>bold</b> {{ 7*7 }}", count: 12}]
        """, published="2018-09-01"),
    "2018-19.yaml": year_yaml("2018-19", """\
        complaints: {contacts: 380, informal: 0, stage1: 380}
        outcomes: {fault_found: 95}
        notes:
          - text: Every complaint now enters stage 1.
            breaks: [complaints.informal, complaints.stage1]
        """, published="2019-09-01"),
}


@pytest.fixture(scope="session")
def other_site(tmp_path_factory) -> Path:
    """Another council's figures: many nulls, a gap year, a series break, a combined
    outcome (fault found) and hostile text in a theme name."""
    project = copy_project(tmp_path_factory.mktemp("other") / "project")
    for old in (project / "data").glob("*.yaml"):
        old.unlink()
    for record in (project / "data" / "published.lock.json", project / "links.txt"):  # another council's site: started afresh
        record.unlink()
    for name, text in OTHER_COUNCIL.items():
        (project / "data" / name).write_text(text)
    out = project / "site"
    build_site(project, out, jobs=2)
    return out


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium (Debian's, never downloaded) for every browser test.
    Skipped without Chromium, except on CI, where the browser tests must run."""
    from tools.browser import LAUNCH_ARGS, chromium_path
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: CI must run the browser tests (.ci/run installs it)", pytrace=False)
        pytest.skip("Chromium is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        launched = p.chromium.launch(executable_path=path, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="session")
def base(example_site):
    """The example site served on 127.0.0.1; its address."""
    from tools.browser import serve
    server, url = serve(example_site)
    yield url
    server.shutdown()


COUNCIL_YEAR = year_yaml("2024-25", """\
    complaints: {contacts: 300, informal: 60, stage1: 240, stage2: 20}
    outcomes: {upheld: 30, partially_upheld: 50, not_upheld: 150, withdrawn: 10}
    themes: [{name: Communication, count: 25}]
    """, status="draft", published=None)


@pytest.fixture(scope="session")
def council_site(tmp_path_factory) -> Path:
    """A site whose newest year is 2024-25 (a draft) with a synthetic data/council/: the
    Ombudsman's figures before and after the 2022-23 change of process, a gap, a full
    self-assessment without the committee's response yet, and actions carried over.
    Two versions (2022-23 and 2024-25), drafts included."""
    from tests.test_council import ACTION_2024, CODE_2024, OMBUDSMAN_2021, OMBUDSMAN_2022, OMBUDSMAN_2024

    project = copy_project(tmp_path_factory.mktemp("council") / "project")
    data = project / "data"
    for old in [*data.glob("*.yaml"), *(data / "council").glob("*.yaml")]:
        if old.name != "2022-23.yaml":
            old.unlink()
    for record in (data / "published.lock.json", project / "links.txt"):
        record.unlink()
    (data / "2024-25.yaml").write_text(COUNCIL_YEAR)
    for year, body in {"2021-22": OMBUDSMAN_2021, "2022-23": OMBUDSMAN_2022,
                       "2024-25": OMBUDSMAN_2024 + CODE_2024 + ACTION_2024}.items():
        (data / "council" / f"{year}.yaml").write_text(f"year: {year}\n{body}")
    out = project / "site"
    build_site(project, out, drafts=True, jobs=2)
    return out
