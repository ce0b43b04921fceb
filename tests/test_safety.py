"""Nothing in a data file or a setting runs as code or markup, anywhere it is published."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from macros import MACROS
from report.__main__ import main
from report.build import BuildError, build_site, output_folder, validate
from report.settings import SettingsError, check_config, check_site_url, read_settings
from report.version import version_context
from tests.conftest import ROOT, copy_project, year_yaml

NASTY = "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} <img src=x onerror=alert(2)>"


SITE_NAME = '<script>alert("name")</script> [n](javascript:alert(4)) & "quoted"'
SITE_DESCRIPTION = '"><script>alert("description")</script>'
COPYRIGHT = "<script>alert('copyright')</script> <img src=x onerror=alert(5)> [c](javascript:alert(6))"
COUNCIL = "<b>Evil</b> {{ 7*7 }} Council [x](javascript:alert(7)) ![i](javascript:alert(8))"
SERVICE = "*Adult* _care_ [s](javascript:alert(9))"
CONTACT_TEXT = "[t](javascript:alert(10)) <i>write to us</i>"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """One site built in this process from hostile data and hostile settings: (project, site, env before, env after)."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for old in (project / "data").glob("*.yaml"):
        old.unlink()
    (project / "data" / "published.lock.json").unlink()
    (project / "links.txt").unlink()  # another council's site: no record of the example's years
    quoted = json.dumps(NASTY)
    (project / "data" / "2022-23.yaml").write_text(year_yaml(body=f"""\
        presented_to: "=HYPERLINK(\\"http://evil.example\\")"
        source:
          title: {quoted}
          url: https://example.org/report.pdf?a=1&b=2
        complaints: {{contacts: 100, informal: 10, stage1: 90, stage2: 3}}
        outcomes: {{upheld: 5, partially_upheld: 9}}
        themes:
          - name: {quoted}
            count: 4
          - name: "@SUM(A1:A9)"
            count: 2
        notes:
          - text: |
              {NASTY}

              *not markdown* [link](javascript:alert(3))
        revisions:
          - date: 2024-05-01
            field: complaints.stage2
            from: 2
            to: 3
            reason: {quoted}
        """))
    (project / "docs" / "commentary" / "2022-23.md").unlink()
    config = project / "mkdocs.yml"
    settings = config.read_text()
    for old, new in (("site_name: Children's Social Care complaints reports", f"site_name: {json.dumps(SITE_NAME)}"),
                     ("site_description: Annual statutory complaints reports, generated from published figures.",
                      f"site_description: {json.dumps(SITE_DESCRIPTION)}"),
                     ("copyright: Figures published by Lincolnshire County Council.", f"copyright: {json.dumps(COPYRIGHT)}"),
                     ("name: Lincolnshire County Council", f"name: {json.dumps(COUNCIL)}"),
                     ("service: Children's Social Care", f"service: {json.dumps(SERVICE)}"),
                     ("text: Lincolnshire County Council's website", f"text: {json.dumps(CONTACT_TEXT)}")):
        assert old in settings
        settings = settings.replace(old, new)
    config.write_text(settings)
    out = project / "site"
    import material.templates  # noqa: F401 - Material sets NO_MKDOCS_2_WARNING once, when first imported
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.delenv("REPORT_YEAR", raising=False)
        before = dict(os.environ)
        build_site(project, out, jobs=1)  # in this process, so that its environment can be compared
        after = dict(os.environ)
    return project, out, before, after


def test_hostile_text_is_escaped_everywhere(hostile):
    project, out, _, _ = hostile

    html = (out / "2022-23" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("article script") and not soup.select("article img")
    assert "<script>alert(1)" not in html and "<img src=x" not in html and not soup.select("[onerror]")
    article = soup.select_one("article").get_text(" ")
    assert article.count("{{ 7*7 }}") >= 4  # note, theme, revision, source, figure captions: shown literally
    assert "{% if true %}x{% endif %}" in article and "49" not in article.replace("2024", "")
    assert "*not markdown* [link](javascript:alert(3))" in " ".join(article.split())
    assert not soup.select('a[href^="javascript:"]')
    assert 'href="https://example.org/report.pdf?a=1&amp;b=2"' in html
    caption = soup.select_one("#figure-themes figcaption").get_text()
    assert caption.startswith("The most common theme was <script>alert(1)</script>")
    about = BeautifulSoup((out / "2022-23" / "about" / "index.html").read_text(), "html.parser")
    assert "<b>Evil</b> {{ 7*7 }} Council" in about.select_one("article").get_text(" ") and not about.select("article b")

    svg = (out / "2022-23" / "charts" / "figure-themes.svg").read_text()
    assert "<script" not in svg and "&lt;script&gt;" in svg and "onerror=" not in svg.replace("onerror=alert(2)&gt;", "")

    data = json.loads((out / "2022-23" / "data" / "2022-23.json").read_text())
    assert data["themes"][0]["name"] == NASTY and data["revisions"][0]["reason"] == NASTY

    rows = list(csv.reader(io.StringIO((out / "2022-23" / "data" / "all-years.csv").read_text())))
    presented = rows[1][rows[0].index("presented_to")]
    assert presented.startswith("'=HYPERLINK")
    chart_rows = list(csv.reader(io.StringIO((out / "2022-23" / "charts" / "figure-themes.csv").read_text())))
    assert ["'@SUM(A1:A9)", "2"] in chart_rows


def _pages(site: Path):
    for path in sorted(site.rglob("*.html")):
        yield path, BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_hostile_settings_are_shown_as_text_on_every_page(hostile):
    _, out, _, _ = hostile
    pages = list(_pages(out / "2022-23"))
    assert len(pages) >= 6
    for path, soup in pages:
        assert not soup.select('[href^="javascript:"], [src^="javascript:"], [onerror]'), path
        assert not [s for s in soup.select("script") if "alert(" in s.get_text()], path
        assert not soup.select("article b, article i, footer img, header b"), path
        assert soup.title.get_text().endswith(f"{SERVICE} complaints report 2022 to 2023 - {COUNCIL}"), path
        assert soup.select_one('meta[name="description"]')["content"] == SITE_DESCRIPTION, path
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text().strip() == SITE_NAME, path
        assert soup.select_one(".md-copyright__highlight").get_text().strip() == COPYRIGHT, path
    index = BeautifulSoup((out / "2022-23" / "index.html").read_text(), "html.parser")
    assert index.h1.get_text(" ", strip=True) == f"{SERVICE} complaints report 2022 to 2023"
    about = BeautifulSoup((out / "2022-23" / "about" / "index.html").read_text(), "html.parser")
    words = " ".join(about.select_one("article").get_text(" ").split())
    assert f"These pages report {COUNCIL}'s statutory complaints figures" in words
    assert CONTACT_TEXT.replace("<i>", "").replace("</i>", "") not in words and CONTACT_TEXT in words
    assert [a["href"] for a in about.select("article a") if a.get_text() == CONTACT_TEXT] == ["https://www.lincolnshire.gov.uk/"]


def test_a_build_in_this_process_leaves_the_environment_as_it_was(hostile):
    _, _, before, after = hostile
    assert "SOURCE_DATE_EPOCH" not in before and after == before


def test_a_page_that_fails_to_render_says_why_and_leaves_the_old_site(hostile):
    project, out, _, _ = hostile
    about = project / "docs" / "about.md"
    original = about.read_text()
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    about.write_text(original + "\n{{ no_such_macro() }}\n")
    try:
        with pytest.raises(BuildError) as err:
            build_site(project, out, jobs=1)
    finally:
        about.write_text(original)
    assert str(err.value).splitlines() == [
        "2022-23: docs/about.md: the page failed to render: UndefinedError: 'no_such_macro' is undefined",
        "Nothing was built.",
    ]
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert not list(out.parent.glob(".site-build-*"))


# -- settings, checked one at a time (no build) ------------------------------------------------


def _extra(**council) -> dict:
    contact = {k.removeprefix("contact_"): council.pop(k) for k in list(council) if k.startswith("contact_")}
    return {"council": {"name": "A Council", "service": "Adult Care", **council, "contact": contact}}


NOT_A_WEB_ADDRESS = ("is not a web address (expected https://..., or http://localhost... for local use; "
                     "an e-mail address goes in extra.council.contact.email)")


@pytest.mark.parametrize("setting, value, message", [
    ("name", "Evil\u202eCouncil",
     "mkdocs.yml: extra.council.name: contains an invisible or control character (U+202E, the 5th character); write plain text"),
    ("service", "Care\x1b[31m",
     "mkdocs.yml: extra.council.service: contains an invisible or control character (U+001B, the 5th character); write plain text"),
    ("committee", "Scrutiny\u200b",
     "mkdocs.yml: extra.council.committee: contains an invisible or control character (U+200B, the 9th character); write plain text"),
    ("contact_text", "x" * 301, "mkdocs.yml: extra.council.contact.text: is 301 characters long (at most 300)"),
    ("contact_url", "javascript:alert(1)", f"mkdocs.yml: extra.council.contact.url: 'javascript:alert(1)' {NOT_A_WEB_ADDRESS}"),
    ("contact_url", "http://example.org/", f"mkdocs.yml: extra.council.contact.url: 'http://example.org/' {NOT_A_WEB_ADDRESS}"),
    ("contact_url", 'https://x.org/"><script>', f"mkdocs.yml: extra.council.contact.url: 'https://x.org/\"><script>' {NOT_A_WEB_ADDRESS}"),
    ("contact_url", "mailto:a@b.org", f"mkdocs.yml: extra.council.contact.url: 'mailto:a@b.org' {NOT_A_WEB_ADDRESS}"),
    ("contact_email", "a@b.org?subject=<x>", "mkdocs.yml: extra.council.contact.email: 'a@b.org?subject=<x>' is not an e-mail address "
                                             "(expected a role address such as complaints@example.gov.uk)"),
])
def test_a_bad_setting_is_refused_naming_it(setting, value, message):
    with pytest.raises(SettingsError) as err:
        read_settings(_extra(**{setting: value}))
    assert str(err.value) == message


def test_every_bad_setting_is_reported_with_its_line():
    lines = {"extra.council.name": 74, "extra.council.contact.url": 79}
    with pytest.raises(SettingsError) as err:
        read_settings(_extra(name="A\x07", contact_url="ftp://x.org/"), lines)
    assert [str(p) for p in err.value.problems] == [
        "mkdocs.yml:74: extra.council.name: contains an invisible or control character (U+0007, the 2nd character); write plain text",
        f"mkdocs.yml:79: extra.council.contact.url: 'ftp://x.org/' {NOT_A_WEB_ADDRESS}",
    ]


def test_good_addresses_are_accepted():
    settings = read_settings(_extra(contact_url="https://www.example.gov.uk/complaints?form=1#top",
                                    contact_email="mailto:complaints@example.gov.uk"))
    assert settings.council.contact_url == "https://www.example.gov.uk/complaints?form=1#top"
    assert settings.council.contact_email == "complaints@example.gov.uk"
    assert read_settings(_extra(contact_url="http://localhost:8000/")).council.contact_url == "http://localhost:8000/"


def test_site_level_text_settings_are_checked():
    config = {"site_name": "Reports\u2066", "site_description": "x" * 400, "copyright": ["not", "text"], "extra": _extra()}
    assert [str(p) for p in check_config(config, {"site_name": 1, "site_description": 2, "copyright": 4})] == [
        "mkdocs.yml:1: site_name: contains an invisible or control character (U+2066, the 8th character); write plain text",
        "mkdocs.yml:2: site_description: is 400 characters long (at most 300)",
        "mkdocs.yml:4: copyright: expected text, got ['not', 'text']",
    ]


@pytest.mark.parametrize("url", ["https://example.github.io/complaints/", "https://reports.example.gov.uk/",
                                 "https://example.org", "http://localhost:8000/", "http://127.0.0.1/x/", ""])
def test_site_url_accepts_site_addresses(url):
    assert check_site_url(url) is None


@pytest.mark.parametrize("url", ['https://x"><script>alert(1)</script>', "javascript:alert(1)", "http://example.org/",
                                 "https://example.org/?q=1", "https://example.org/#top", "https://exa mple.org/",
                                 "https://example.org/'onload='x", "//example.org/", "https://example.org/<x>/"])
def test_a_bad_site_url_is_refused_in_one_line(monkeypatch, url):
    monkeypatch.setenv("SITE_URL", url)
    _, errors, _ = validate(ROOT)  # reads only: the example itself is valid
    shown = repr(url)
    assert [str(p) for p in errors] == [
        f"SITE_URL: {shown} is not a site address (expected https://host/path/, or http://localhost:PORT/ "
        "for local use; no quotes, spaces, angle brackets, query or fragment)"]


def test_settings_in_running_markdown_never_become_links(tmp_path):
    single = copy_project(tmp_path / "project") / "data"  # the single-series site the example was
    extra = {**_extra(name="[x](javascript:alert(1)) ![i](javascript:alert(2)) *em* `code` \\[y\\](z)",
                      contact_text="[t](javascript:alert(3))", contact_url="https://example.org/"),
             "report": {"data_dir": str(single)}}
    ctx = version_context(ROOT, extra)
    name, contact, title = (MACROS[m](ctx, "") for m in ("council_name", "contact", "report_title"))
    page = f"These pages report {name}'s figures. Contact {contact}.\n\n{title}"
    soup = BeautifulSoup(markdown.markdown(page, extensions=["attr_list", "md_in_html"]), "html.parser")
    assert [a["href"] for a in soup.select("a")] == ["https://example.org/", "../2022-23/"]
    assert not soup.select("img, em, code")
    assert "[x](javascript:alert(1)) ![i](javascript:alert(2)) *em* `code` \\[y\\](z)'s figures" in soup.get_text()


# -- mkdocs.yml and the output folder ----------------------------------------------------------


def test_a_yaml_syntax_error_in_mkdocs_yml_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Children's", "site_name: [Children's"))
    _, errors, _ = validate(project)
    assert [str(p) for p in errors] == ["mkdocs.yml:4: YAML syntax: expected ',' or ']', but got ':'"]
    with pytest.raises(BuildError) as err:
        build_site(project, project / "site")
    assert str(err.value).splitlines() == ["mkdocs.yml:4: YAML syntax: expected ',' or ']', but got ':'",
                                           "1 error in 1 file. Nothing was built. (The data file format is described in README.md.)"]
    assert not (project / "site").exists()


def test_an_unknown_mkdocs_setting_is_one_line(tmp_path):
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("theme:\n  name: material", "theme:\n  name: materail"))
    _, errors, _ = validate(project)
    assert [str(p) for p in errors] == ["mkdocs.yml: Config value 'theme': Unrecognised theme name: 'materail'. "
                                        "The available installed themes are: mkdocs, readthedocs, material"]


def test_a_symlinked_output_folder_is_refused_and_its_target_untouched(tmp_path, capsys):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me")
    project = tmp_path / "project"
    project.mkdir()
    link = project / "site"
    link.symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(BuildError) as err:
        build_site(project, link)
    assert str(err.value) == (f"{link}: the output folder is a symbolic link (expected a real folder inside the project, "
                              "e.g. site); nothing was built or removed")
    assert main(["site", "--out", str(link)]) == 1
    assert capsys.readouterr().err == str(err.value) + "\n"
    assert [p.name for p in elsewhere.iterdir()] == ["precious.txt"] and (elsewhere / "precious.txt").read_text() == "keep me"


def test_make_site_writes_only_inside_the_project(tmp_path, capsys):
    outside = tmp_path / "outside"
    assert main(["site", "--out", str(outside)]) == 1
    assert capsys.readouterr().err == (f"{outside}: the output folder must be inside the project ({ROOT}), e.g. site; "
                                       "nothing was built or removed\n")
    assert not outside.exists()


@pytest.mark.parametrize("name", ["data", "docs/site", ".", ".."])
def test_the_output_folder_is_never_the_project_or_its_sources(name):
    with pytest.raises(BuildError) as err:
        output_folder(ROOT, ROOT / name)
    assert "nothing was built or removed" in str(err.value) and len(str(err.value).splitlines()) == 1


def test_a_folder_that_is_not_a_built_site_is_not_replaced(tmp_path):
    folder = tmp_path / "project" / "report-papers"
    folder.mkdir(parents=True)
    (folder / "minutes.docx").write_text("x")
    with pytest.raises(BuildError) as err:
        output_folder(tmp_path / "project", folder)
    assert str(err.value) == (f"{folder}: the output folder exists and is not a site built by this tool (no versions.json); "
                              "choose another folder or remove it yourself; nothing was built or removed")
    assert (folder / "minutes.docx").read_text() == "x"


def test_a_failure_to_put_the_new_site_in_place_keeps_the_old_one(hostile, monkeypatch):
    _, out, _, _ = hostile
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    rename = Path.rename

    def failing(self, target):
        if self.name.startswith(".site-build-") and Path(target) == out:
            raise OSError(28, "No space left on device")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(BuildError) as err:
        build_site(out.parent, out, jobs=1)  # every version comes from the version cache
    assert str(err.value) == (f"{out}: the new site could not be put in place (No space left on device); "
                              "the old site is unchanged. Nothing was built.")
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".site-build-")) == []
