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
from report.build import BuildError, build_site, output_folder, source_date_epoch, validate
from report.settings import (
    SettingsError,
    check_config,
    check_site_url,
    check_source_date_epoch,
    check_structure,
    compose_config,
    config_lines,
    read_config,
    read_settings,
    text_problem,
)
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


# -- mkdocs.yml is read safely, before MkDocs reads it ------------------------------------------

EXAMPLE_CONFIG = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
EXAMPLE_LINES = EXAMPLE_CONFIG.count("\n")
NEXT = EXAMPLE_LINES + 1  # the line of a setting added at the end of the example's mkdocs.yml


def _config(tmp_path: Path, text: str) -> Path:
    (tmp_path / "mkdocs.yml").write_text(text, encoding="utf-8")
    return tmp_path


def _config_problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(SettingsError) as err:
        read_config(_config(tmp_path, text))
    return [str(p) for p in err.value.problems]


def test_a_python_tag_in_mkdocs_yml_runs_nothing(tmp_path):
    marker = tmp_path / "PWNED"
    text = EXAMPLE_CONFIG + f'x: !!python/object/apply:os.system ["touch {marker}"]\n'
    assert _config_problems(tmp_path, text) == [
        f"mkdocs.yml:{NEXT}: the tag !!python/object/apply:os.system is not allowed (mkdocs.yml may use only !ENV and !relative)"]
    assert not marker.exists()
    with pytest.raises(SettingsError):  # the hook reads the file again, as safely
        config_lines(tmp_path / "mkdocs.yml")
    assert not marker.exists()


LAUGHS = "\n".join(["l0: &l0 {a: 1, b: 1}", *(f"l{i}: &l{i} {{a: *l{i - 1}, b: *l{i - 1}}}" for i in range(1, 41))]) + "\n"
ALIASES = "anchors and aliases are refused"


@pytest.mark.parametrize("added, expected", [
    (LAUGHS, [f"mkdocs.yml:{NEXT}: the anchor &l0 is not allowed (write each setting out in full: {ALIASES}; "
              "121 anchors and aliases in all)"]),
    ("a: &x 1\nb: *x\n", [f"mkdocs.yml:{NEXT}: the anchor &x is not allowed (write each setting out in full: {ALIASES}; "
                          "2 anchors and aliases in all)"]),
    ("deep: " + "[" * 3000 + "]" * 3000 + "\n", [f"mkdocs.yml:{NEXT}: nested more than 20 levels deep (at most 20)"]),
    ("deep: " + "{a: " * 3000 + "1" + "}" * 3000 + "\n", [f"mkdocs.yml:{NEXT}: nested more than 20 levels deep (at most 20)"]),
    ("site_name: Again\n", [f"mkdocs.yml:{NEXT}: site_name: is set twice, on lines 3 and {NEXT} (keep one)"]),
    ("x: !custom 1\ny: !!str 2\n", [f"mkdocs.yml:{NEXT}: the tag !custom is not allowed (mkdocs.yml may use only !ENV and !relative)",
                                   f"mkdocs.yml:{NEXT + 1}: the tag !!str is not allowed (mkdocs.yml may use only !ENV and !relative)"]),
    ("? [a, b]\n: 1\n", [f"mkdocs.yml:{NEXT}: a key must be a plain name, not a list or group"]),
    ("#" * (256 * 1024) + "\n", ["mkdocs.yml: is larger than 256 KiB (the limit for the settings file)"]),
])
def test_mkdocs_yml_is_refused_before_mkdocs_reads_it(tmp_path, added, expected):
    assert _config_problems(tmp_path, EXAMPLE_CONFIG + added) == expected


def test_config_lines_never_follows_an_alias(tmp_path):
    with pytest.raises(SettingsError) as err:
        config_lines(_config(tmp_path, EXAMPLE_CONFIG + LAUGHS) / "mkdocs.yml")
    assert len(err.value.problems) == 1


def test_a_duplicate_nested_setting_names_both_lines(tmp_path):
    text = EXAMPLE_CONFIG.replace("    service: Children's Social Care\n",
                                  "    service: Children's Social Care\n    service: Adult Care\n")
    line = EXAMPLE_CONFIG[: EXAMPLE_CONFIG.index("    service:")].count("\n") + 1
    assert _config_problems(tmp_path, text) == [f"mkdocs.yml:{line + 1}: service: is set twice, on lines {line} and {line + 1} (keep one)"]


TOP = ("allowed top-level settings: site_name, site_description, site_url, copyright, theme, nav, exclude_docs, watch, "
       "extra_css, extra_javascript, markdown_extensions, plugins, hooks, validation, extra")
LOCAL_FILE = "is not a file of this site (expected a path in docs/, e.g. assets/report.css; nothing is loaded from another origin)"
LOCAL_PAGE = "is not a page of this site (expected a .md file in docs/, e.g. about.md)"


def _line_of(text: str) -> int:
    return EXAMPLE_CONFIG[: EXAMPLE_CONFIG.index(text)].count("\n") + 1


@pytest.mark.parametrize("old, new, expected", [
    ("  generator: false\n", "  generator: false\n  analytics: {provider: google, property: 'G-X\");alert(204);//'}\n"
     "  social: [{icon: fontawesome/brands/github, link: \"javascript:alert(1)\"}]\n  consent: {title: x}\n",
     [f"mkdocs.yml:{_line_of('  generator') + n}: extra.{key}: not a setting this site uses "
      "(allowed under extra: generator, council, house_style, report)" for n, key in ((1, "analytics"), (2, "social"), (3, "consent"))]),
    ("  - Accessibility: accessibility.md\n",
     "  - Accessibility: accessibility.md\n  - Evil: \"javascript:alert(1)\"\n  - More:\n    - https://evil.example/\n    - ../x.md\n",
     [f"mkdocs.yml:{_line_of('  - Accessibility') + 1}: nav: 'javascript:alert(1)' {LOCAL_PAGE}",
      f"mkdocs.yml:{_line_of('  - Accessibility') + 3}: nav: 'https://evil.example/' {LOCAL_PAGE}",
      f"mkdocs.yml:{_line_of('  - Accessibility') + 4}: nav: '../x.md' {LOCAL_PAGE}"]),
    ("  - Data: data.md\n", "  - Data <img src=x onerror=alert(1)>: data.md\n",
     [f"mkdocs.yml:{_line_of('  - Data:')}: nav: the title 'Data <img src=x onerror=alert(1)>' contains < or > "
      "(MkDocs shows a page title as markup: write plain text)"]),
    ("extra_css:\n", "extra_javascript: [https://evil.example/x.js, assets/site.js]\nextra_css:\n  - //evil.example/x.css\n",
     [f"mkdocs.yml:{_line_of('extra_css:')}: extra_javascript: 'https://evil.example/x.js' {LOCAL_FILE}",
      f"mkdocs.yml:{_line_of('extra_css:') + 2}: extra_css: '//evil.example/x.css' {LOCAL_FILE}"]),
    ("site_name:", "INHERIT: ../other.yml\nrepo_url: https://github.com/x/y\nsite_name:",
     [f"mkdocs.yml:{_line_of('site_name:')}: INHERIT: not a setting this site uses ({TOP})",
      f"mkdocs.yml:{_line_of('site_name:') + 1}: repo_url: not a setting this site uses ({TOP})"]),
    ("  font: false", "  font: {text: Roboto}",
     [f"mkdocs.yml:{_line_of('  font:')}: theme.font: web fonts are loaded from Google, another origin (expected false)"]),
    ("  - search\n", "  - search\n  - social\n",
     [f"mkdocs.yml:{_line_of('  - search') + 1}: plugins: 'social' is not a plugin this site allows (allowed: search, macros)"]),
    ("      module_name: macros", "      module_name: evil",
     [f"mkdocs.yml:{_line_of('      module_name')}: plugins.macros.module_name: 'evil' is not this site's macros (expected macros)"]),
    ("  - admonition\n", "  - admonition\n  - pymdownx.snippets\n",
     [f"mkdocs.yml:{_line_of('  - admonition') + 1}: markdown_extensions: 'pymdownx.snippets' is not an extension this site allows "
      "(allowed: attr_list, md_in_html, admonition, toc, tables, def_list, abbr, footnotes, sane_lists)"]),
    ("  - report/mkdocs_hooks.py", "  - evil.py",
     [f"mkdocs.yml:{_line_of('  - report/mkdocs_hooks.py')}: hooks: expected exactly [report/mkdocs_hooks.py] "
      "(the hook that checks and escapes every setting)"]),
])
def test_settings_that_load_from_elsewhere_or_run_code_are_refused(tmp_path, old, new, expected):
    assert old in EXAMPLE_CONFIG
    assert _config_problems(tmp_path, EXAMPLE_CONFIG.replace(old, new, 1)) == expected


def test_the_settings_this_site_uses_are_allowed():
    """The example, and the settings the report series, readers' pages and house style add."""
    plain = "".join(line for line in EXAMPLE_CONFIG.splitlines(keepends=True)
                    if not line.lstrip().startswith(("how_to_complain:", "small_numbers:")))
    text = plain.replace("      email: \"\"\n", "      email: \"\"\n    how_to_complain: https://www.example.gov.uk/complain\n"
                                  "    procedure:\n      name: Our procedure\n      stages: [{id: stage1}]\n", 1)
    text = text.replace("      referral_complaint_rate: 1\n", "      referral_complaint_rate: 1\n    small_numbers: 10\n"
                        "    targets:\n      stage1_on_time_rate: 90\n", 1)
    assert "how_to_complain" in text and "small_numbers" in text
    assert check_structure(compose_config_text(text)) == []
    assert check_structure(compose_config_text(EXAMPLE_CONFIG)) == []


def compose_config_text(text: str):
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mkdocs.yml"
        path.write_text(text, encoding="utf-8")
        return compose_config(path)


def test_council_as_text_is_one_line_with_the_right_hint():
    with pytest.raises(SettingsError) as err:
        read_settings({"council": "Lincolnshire County Council"}, {"extra.council": 70})
    assert [str(p) for p in err.value.problems] == [
        "mkdocs.yml:70: extra.council: expected a group of settings (name, service, committee, contact, procedure, how_to_complain, "
        "each on its own line below it), got 'Lincolnshire County Council'"]
    with pytest.raises(SettingsError) as err:
        read_settings({"council": {"name": "A Council"}})
    assert str(err.value) == ("mkdocs.yml: extra.council.service: is required "
                              "(the service the reports cover, e.g. Children's Social Care)")


@pytest.mark.parametrize("url", ["https://example.org:99999/", "https://example.org:0/", "http://localhost:65536/",
                                 "https://example.org:080000/"])
def test_a_site_url_port_is_1_to_65535(url):
    assert check_site_url(url) == (f"SITE_URL: {url!r} is not a site address (expected https://host/path/, or "
                                   "http://localhost:PORT/ for local use; no quotes, spaces, angle brackets, query or fragment)")
    assert check_site_url("https://example.org:65535/") is None and check_site_url("http://localhost:1/") is None


def test_a_site_url_is_at_most_200_characters():
    assert check_site_url("https://example.org/" + "a" * 180) is None
    assert check_site_url("https://example.org/" + "a" * 100_000) == "SITE_URL: is 100,020 characters long (at most 200)"


@pytest.mark.parametrize("epoch", ["abc", "-5", "1.5", "99999999999999999", "253402300800", "١٢٣"])
def test_a_bad_source_date_epoch_is_one_line_from_validate_and_site(monkeypatch, tmp_path, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    line = (f"SOURCE_DATE_EPOCH: expected seconds since 1970 as a whole number from 0 to 253402300799 (the end of 9999), "
            f"got {epoch!r} (unset it to build with today's date)")
    _, errors, _ = validate(ROOT)
    assert [str(p) for p in errors] == [line]
    with pytest.raises(BuildError) as err:
        build_site(ROOT, tmp_path / "site")
    assert str(err.value).splitlines() == [line, "1 error in 1 file. Nothing was built. (The data file format is described in README.md.)"]
    assert not (tmp_path / "site").exists()


def test_the_largest_source_date_epoch_is_accepted(monkeypatch):
    assert check_source_date_epoch("253402300799") is None and check_source_date_epoch("0") is None
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    assert source_date_epoch(ROOT) == "253402300799"


@pytest.mark.parametrize("name", [".github/x", ".github", ".cache/site", "build/.hidden/site"])
def test_the_output_folder_is_never_inside_a_hidden_folder(name):
    hidden = next(part for part in Path(name).parts if part.startswith("."))
    with pytest.raises(BuildError) as err:
        output_folder(ROOT, ROOT / name)
    assert str(err.value) == (f"{ROOT / name}: the output folder is inside the hidden folder {hidden}/ (expected a folder of its own "
                              "that is not hidden, e.g. site); nothing was built or removed")


def test_make_preview_checks_mkdocs_yml_before_mkdocs_reads_it(tmp_path):
    import subprocess
    import sys
    marker = tmp_path / "PWNED"
    config = _config(tmp_path, EXAMPLE_CONFIG + f'x: !!python/object/apply:os.system ["touch {marker}"]\n') / "mkdocs.yml"
    done = subprocess.run([sys.executable, "-m", "report.settings", str(config)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (
        1, "", f"mkdocs.yml:{NEXT}: the tag !!python/object/apply:os.system is not allowed (mkdocs.yml may use only !ENV and !relative)\n")
    assert not marker.exists()
    preview = "$(PY) -m report.settings mkdocs.yml\n\tREPORT_YEAR=$(YEAR) REPORT_DRAFTS=true $(VENV)/bin/mkdocs serve"
    assert preview in (ROOT / "Makefile").read_text()


# -- one character policy for every input (report.problems.is_hidden) ---------------------------

REFUSED = ["\x07", "\u202e", "\u200b", "\u2028", "\u2029", "\ue000", "\U000f0000", "\ufdd0", "\uffff", "\U0010fffe"]
# U+1FAE9 is an emoji newer than Python 3.11's Unicode tables (unassigned, Cn, there): it is text.
ACCEPTED = ["\U0001fae9", "\u00e9", "\u0928\u093f", "\u00a0"]


def _lock_reason_problems(tmp_path: Path, reason: str) -> list[str]:
    from report.lock import read_lock

    path = tmp_path / "published.lock.json"
    path.write_text(json.dumps({"schema": 2, "years": {}, "withdrawn": {"2019-20": {"date": "2025-01-01", "reason": reason}}}))
    return [str(p) for p in read_lock(path, "lock")[1]]


@pytest.mark.parametrize("char", REFUSED + ACCEPTED)
def test_every_input_refuses_the_same_characters(char, example, tmp_path):
    from report.commentary import check_commentary
    from report.present import year_report
    from report.procedures import read_procedure

    refused = char in REFUSED
    code = f"U+{ord(char[0]):04X}"
    assert (text_problem(f"Ab{char}") is not None) == refused
    _, procedure = read_procedure({"name": f"P{char}", "stages": [{"id": "stage1", "name": "One"}]}, "mkdocs.yml", "p")
    assert [str(p) for p in procedure] == ([f"mkdocs.yml: p.name: holds {code}, which is not allowed in text "
                                            "(write it on one line, without invisible characters)"] if refused else [])
    commentary = [str(p) for p in check_commentary(f"Fine {char}.", year_report(example, "2022-23"), "c.md")]
    assert bool(commentary) == refused and all(code in line for line in commentary)
    lock = _lock_reason_problems(tmp_path, f"Moved{char}")
    assert lock == (["lock: withdrawn.2019-20.reason: contains a control or invisible character (write plain text)"] if refused else [])
