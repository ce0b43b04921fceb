"""Protection of what has been published: locked figures, permanent links,
and a site that works under a sub-path."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from report.build import BuildError, build_site, validate
from report.links import missing_links, read_links
from report.model import YearId
from report.newsite import new_site
from tests.conftest import ROOT, SITE_URL, VARIANT_REVISION, copy_project, year_yaml


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture
def data(tmp_path) -> Path:
    """A copy of the example's data folder (year files and lock) and links.txt beside it, to check
    with validate(ROOT, data): a change to the record needs no copy of the whole project."""
    single = copy_project(tmp_path / "example")  # the single-series site the example was
    shutil.copy(single / "links.txt", tmp_path / "links.txt")
    return Path(shutil.copytree(single / "data", tmp_path / "data"))


def test_the_example_lock_matches_the_data():
    _, errors, warnings = validate(ROOT)
    assert errors == [] and not [w for w in warnings if "lock" in w.path]


def test_changing_a_published_figure_needs_a_revision(data):
    year = data / "2022-23.yaml"
    _edit(year, "stage2: 2 ", "stage2: 3 ")
    _, errors, _ = validate(ROOT, data)
    assert len(errors) == 1
    message = str(errors[0])
    assert message.endswith("complaints.stage2: is 3, but 2022-23 was published with 2 (a published figure changes only with a "
                            "revision: add to revisions '- {date: YYYY-MM-DD, field: complaints.stage2, from: 2, to: 3, reason: ...}')")
    with pytest.raises(BuildError) as err:  # refused by the check that runs before anything is built
        build_site(ROOT, data.parent / "site", data_dir=data)
    assert str(err.value).splitlines()[-1] == "1 error in 1 file. Nothing was built. (The data file format is described in README.md.)"
    assert not (data.parent / "site").exists()
    year.write_text(year.read_text() + VARIANT_REVISION)
    _, errors, _ = validate(ROOT, data)
    assert errors == []


def test_a_revision_is_shown_on_the_year_page_and_in_its_download(variant_site):
    """variant_site carries the same revision (conftest.VARIANT_REVISION), built."""
    page = BeautifulSoup((variant_site / "2022-23/index.html").read_text(), "html.parser")
    row = [td.get_text() for td in page.select("#table-revisions tbody tr")[0].find_all(["th", "td"])]
    assert row == ["1 May 2024", "Stage 2 complaints", "2", "3", "One complaint was logged late."]
    download = json.loads((variant_site / "2022-23/data/2022-23.json").read_text())
    assert download["revisions"] == [{"date": "2024-05-01", "field": "complaints.stage2", "from": 2, "to": 3,
                                      "reason": "One complaint was logged late."}]
    assert download["figures"]["complaints"]["stage2"] == 3


def test_deleting_a_published_year_fails(data):
    (data / "2020-21.yaml").unlink()
    _, errors, _ = validate(ROOT, data)
    # the data folder is outside the working directory: the message names it as the lock's path does
    assert [e.message for e in errors] == [f"was published on 2021-10-15, but {data / '2020-21.yaml'} is missing (restore it: published "
                                           "reports stay on the site, or withdraw the year: see README)"]


def test_another_data_set_needs_a_site_started_afresh(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")  # new_site works on a whole project; nothing here is built
    monkeypatch.chdir(project)
    lock = "data/published.lock.json"
    for old in (project / "data").glob("*.yaml"):
        old.unlink()
    (project / "data" / "2022-23.yaml").write_text(year_yaml(body="complaints:\n  stage1: 40\n", published="2023-06-01"))
    _, errors, _ = validate(project)
    messages = [str(e) for e in errors]
    assert "data/2022-23.yaml:3: published: is 2023-06-01, but 2022-23 was published on 2024-03-08 (the date of a published report " \
           "does not change: restore it)" in messages
    assert "data/2022-23.yaml:5: complaints.stage1: is 40, but 2022-23 was published with 102 (a published figure changes only with a " \
           "revision: add to revisions '- {date: YYYY-MM-DD, field: complaints.stage1, from: 102, to: 40, reason: ...}')" in messages
    assert [m for m in messages if "is missing" in m] == [
        f"{lock}: years.{y}: was published on {d}, but data/{y}.yaml is missing (restore it: published reports stay on the site, "
        "or withdraw the year: see README)" for y, d in (("2019-20", "2021-10-15"), ("2020-21", "2021-10-15"), ("2021-22", "2024-03-08"))]
    new_site(project, YearId(2023))  # what 'make new-site CONFIRM=1' does
    (project / "data" / "2022-23.yaml").write_text(year_yaml(body="complaints:\n  stage1: 40\n", published="2023-06-01"))
    _, errors, _ = validate(project)
    assert errors == []
    # the new site's first build: no address recorded yet, so no built page can be missing from links.txt
    # (other_site builds another council's data this way)
    assert read_links(project / "links.txt") == []


@pytest.mark.slow  # runs the tool or renders charts
def test_a_published_address_missing_from_the_site_fails_the_build_naming_it(tmp_path):
    """As if a listed page had been deleted: links.txt names an address the build does not make.
    Every version comes from the shared version cache (links.txt is not one of their inputs)."""
    project = copy_project(tmp_path / "project")
    with (project / "links.txt").open("a") as links:
        links.write("2022-23/minutes/\n")
    with pytest.raises(BuildError) as err:
        build_site(project, project / "site")
    lines = str(err.value).splitlines()
    assert lines == ["links.txt: 2022-23/minutes/ was published but is missing from the new site (restore the page or file: "
                     "committee papers link to it)", "1 published address would break. Nothing was built."]
    assert not (project / "site").exists() and not list(project.glob(".site-build-*"))


def test_deleting_a_listed_page_loses_its_address(example, example_site, tmp_path):
    """The single-series copy's own links.txt (the example's, without the later series' addresses)."""
    links, years = read_links(example_site.parent / "links.txt"), {y.id for y in example.years}
    assert missing_links(example_site, links, years) == ([], [])
    pruned = Path(shutil.copytree(example_site, tmp_path / "site", symlinks=True))
    shutil.rmtree(pruned / "2022-23" / "about")
    lost, _ = missing_links(pruned, links, years)
    assert "2022-23/about/" in lost and all(url.startswith("2022-23/about/") for url in lost)


def test_year_pages_show_their_permanent_link(variant_site):
    page = BeautifulSoup((variant_site / "2021-22/index.html").read_text(), "html.parser")
    assert page.select_one(".cr-permalink").get_text() == f"Link to this report: {SITE_URL}2021-22/"
    reports = BeautifulSoup((variant_site / "2021-22/reports/index.html").read_text(), "html.parser")
    assert f"Permanent link: {SITE_URL}2019-20/" in reports.get_text()


def test_site_under_a_subpath_has_no_broken_internal_link(example_site, tmp_path):
    served = tmp_path / "www" / "some" / "prefix"
    served.parent.mkdir(parents=True)
    served.symlink_to(example_site, target_is_directory=True)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path / "www"))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/some/prefix/"
    try:
        seen, queue, broken = set(), [base, base + "2019-20/"], []
        while queue:
            url = queue.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    body, kind = response.read(), response.headers.get_content_type()
            except urllib.error.HTTPError as err:
                broken.append(f"{url} ({err.code})")
                continue
            if kind != "text/html":
                continue
            soup = BeautifulSoup(body, "html.parser")
            for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
                for node in soup.find_all(tag):
                    ref = node.get(attr)
                    if not ref or ref.startswith(("mailto:", "#", "javascript:")):
                        continue
                    target = urllib.parse.urljoin(url, ref).split("#")[0]
                    if target.startswith(f"http://127.0.0.1:{server.server_address[1]}/"):
                        assert target.startswith(base), f"{ref} on {url} leaves the sub-path"
                        queue.append(target)
        assert broken == []
        pages = {base + ("" if p.parent == example_site else p.parent.relative_to(example_site).as_posix() + "/")
                 for p in example_site.rglob("index.html")}
        assert pages <= seen, sorted(pages - seen)[:5]
    finally:
        server.shutdown()
