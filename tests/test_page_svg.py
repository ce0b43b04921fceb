"""Charts through Markdown and search as placeholders (report/page_svg.py), and what a build
process keeps between the versions it builds (report/version.py): the same pages, never stale."""

from __future__ import annotations

import html
import inspect
import json
import re
from pathlib import Path

import markdown
import pytest
from material.plugins.search.plugin import Parser
from mkdocs.exceptions import PluginError

import macros
from report import page_svg
from report.page_svg import Placeholders, _light
from report.settings import read_config
from report.version import build_context, version_context
from tests.conftest import ROOT, copy_project

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" class="marks" viewBox="0 0 10 10"><rect width="10" height="10"/>'
       '<g class="mark-text role-axis-label"><text transform="translate(0,1)">2021 to 2022</text>'
       '<text aria-label="a &amp; b">5 &lt; 6</text></g><title>Outcomes</title></svg>')


def _markdown(text: str) -> str:
    """The page's Markdown as MkDocs converts it: the extensions and their settings of mkdocs.yml."""
    config = read_config(ROOT)
    return markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"]).convert(text)


def _index(html: str) -> list[tuple]:
    """What Material's search plugin indexes of a page: each section's heading, id and text."""
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.el.tag, s.id, s.depth, "".join(s.title), "".join(s.text)) for s in parser.data]


def _chart_pages(ctx, pages: dict[str, str]) -> dict[str, str]:
    """Each page that shows charts, as Markdown: what the chart macros write, under a heading."""
    return {url: f"# Page\n\nSome text.\n\n{macros.MACROS[name](ctx.for_page(url), url)}\n\n## After\n\nMore text.\n"
            for url, name in pages.items()}


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, str]:
    """The chart pages of the example (two series) and of the single-series site it was."""
    single = copy_project(tmp_path_factory.mktemp("single") / "project")
    found = {}
    for root in (ROOT, single):
        ctx = version_context(root, dict(read_config(root)["extra"]))
        series = next(iter(ctx.contexts)) + "/" if hasattr(ctx, "contexts") else ""
        shown = {f"{series}": "sections", "compare/": "compare", "ombudsman/": "ombudsman_page", "data/": "data_dictionary",
                 "reports/": "all_reports", "data/#downloads": "downloads_list"}
        for url, text in _chart_pages(ctx, shown).items():
            found[f"{root.name}:{url}"] = text
        for name, function in macros.MACROS.items() if root == ROOT else ():  # every other macro needing no argument
            if name not in shown.values() and len(inspect.signature(function).parameters) == 2:
                found[f"{root.name}:{name}"] = _chart_pages(ctx, {f"{series}": name})[f"{series}"]
    assert sum(text.count("<svg") for text in found.values()) >= 30 and sum(text.count("<table") for text in found.values()) >= 30
    return found


def test_markdown_makes_the_same_page_with_the_charts_as_placeholders(pages):
    for name, text in pages.items():
        table = Placeholders()
        hidden = table.hide(text)
        assert "<svg " not in hidden.replace(f'<svg data-cr-svg="{table.token}-', ""), name
        assert "<tr" not in hidden and hidden.count(f'<tbody data-cr-table="{table.token}-') == text.count("<table"), name
        assert table.restore(_markdown(hidden)) == _markdown(text), name


def test_search_indexes_the_stand_in_as_it_indexes_the_charts(pages):
    light_total = full_total = 0
    for name, text in pages.items():
        table = Placeholders()
        html = _markdown(table.hide(text))
        light, full = table.stand_in(html), table.restore(html)
        assert _index(light) == _index(full), name
        indexed = " ".join(entry[4] for entry in _index(light))
        assert all(title in indexed for title in re.findall(r"<title>([^<]+)</title>", full)), name  # the charts' text
        light_total, full_total = light_total + len(light), full_total + len(full)
    assert light_total < full_total / 3


def test_stand_in_keeps_each_piece_of_text_apart_and_drops_the_rest():
    assert _light(SVG) == "<svg>2021 to 2022<i></i>5 &lt; 6<i></i>Outcomes</svg>"
    page = f"<h2 id='a'>A</h2><figure>\n{SVG}\n</figure><p>x\n</p>"
    table = Placeholders()
    assert _index(table.stand_in(table.hide(page))) == _index(page)


@pytest.mark.parametrize("svg", [
    SVG.replace("<title>", "<style>b{}</style><title>"),  # an element the search parser skips
    SVG.replace('class="marks"', 'class="linenodiv"'),  # an attribute it acts on
    SVG.replace("<rect ", '<rect data-search-exclude="" '),
    SVG.replace('width="10"', "width='10'"),  # not the attributes vl-convert writes
    SVG.replace("<title>", "<p>"),
    SVG.replace("5 &lt; 6", "5 < 6"),
    SVG.replace("</g>", ""),  # not balanced
    SVG + "tail",
    "<svg/>",
])
def test_an_svg_the_stand_in_cannot_be_sure_of_is_indexed_as_it_is(svg):
    assert _light(svg) == svg


def test_a_page_that_marks_something_for_search_is_indexed_with_its_charts():
    page = f'<div data-search-exclude><p>hidden</p></div><figure>\n{SVG}\n</figure>'
    table = Placeholders()
    hidden = table.hide(page)
    assert table.stand_in(hidden) == page


def test_restore_refuses_a_placeholder_changed_on_the_way():
    table = Placeholders()
    hidden = table.hide(f"<figure>\n{SVG}\n</figure>")
    assert table.restore(hidden) == f"<figure>\n{SVG}\n</figure>"
    with pytest.raises(ValueError, match="placeholder was changed"):
        table.restore(hidden.replace('"></svg>', '" /></svg>'))


def test_no_page_text_can_spell_a_placeholder():
    first, second = Placeholders(), Placeholders()
    assert first.token != second.token and len(first.token) == 16
    forged = first.hide(f"<figure>\n{SVG}\n</figure>")
    assert second.restore(forged) == forged  # another build's placeholder is text, not a chart
    nested = f"<svg>{SVG}</svg>"
    assert first.hide(nested) == nested  # an SVG inside an SVG is left as it is


def test_built_pages_have_their_charts_and_the_index_their_text(example_site):
    version = sorted(p.name for p in example_site.iterdir() if re.fullmatch(r"\d{4}-\d{2}", p.name))[-1]
    pages = list((example_site / version).rglob("index.html"))
    assert not [p for p in pages if "data-cr-svg" in p.read_text(encoding="utf-8")]
    year = (example_site / version / "index.html").read_text(encoding="utf-8")
    assert year.count("<svg ") >= 10 and year.count("</svg>") == year.count("<svg ")
    index = json.loads((example_site / version / "search" / "search_index.json").read_text(encoding="utf-8"))
    for svg in re.findall(r"<svg [^>]*cr-chart.*?</svg>", year, re.S):  # each chart's text, indexed as the search plugin reads it
        text = html.escape(html.unescape("".join(re.findall(r">([^<]+)<", svg))), quote=False)
        assert text and any(text in doc["text"] for doc in index["docs"]), text


def _set_compliments(path: Path, count: int) -> None:
    text = path.read_text(encoding="utf-8")
    if re.search(r"^compliments:", text, re.M):
        text = re.sub(r"^compliments:.*$", f"compliments: {count}", text, count=1, flags=re.M)
    else:
        text = text.rstrip("\n") + f"\ncompliments: {count}\n"
    path.write_text(text, encoding="utf-8")


def _single_extra(project: Path, year: str = "") -> dict:
    extra = dict(read_config(project)["extra"])
    return {**extra, "report": {**dict(extra.get("report") or {}), "year": year}}


def test_one_context_per_build_and_a_new_one_for_the_next(tmp_path):
    project = copy_project(tmp_path / "project")
    config = {"config_file_path": str(project / "mkdocs.yml"), "extra": _single_extra(project), "site_url": ""}
    first = build_context(config)
    assert build_context(config) is first  # the hooks read the macros' context
    data = project / "data" / f"{first.version}.yaml"
    _set_compliments(data, 7123)
    second = build_context(dict(config))  # the next build: a new configuration
    assert second is not first
    assert second.report.year.compliments == 7123 and first.report.year.compliments != 7123


def test_reports_are_shared_by_versions_but_never_stale(tmp_path):
    project = copy_project(tmp_path / "project")
    years = sorted(p.stem for p in (project / "data").glob("20*.yaml"))
    newest, older = (version_context(project, _single_extra(project, y)) for y in (years[-1], years[-2]))
    first = years[0]
    assert newest.reports[first] is older.reports[first]  # computed once for both versions
    path = project / "data" / f"{first}.yaml"
    _set_compliments(path, 7123)  # a changed figure
    assert version_context(project, _single_extra(project, years[-1])).reports[first].year.compliments == 7123
    config = project / "mkdocs.yml"  # a changed setting
    config.write_text(config.read_text().replace('year_style: "2022 to 2023"', 'year_style: "2022/23"', 1))
    restyled = version_context(project, _single_extra(project, years[-1]))
    assert restyled.reports[first].label == f"{first[:4]}/{first[5:]}"
    assert restyled.downloads[f"{first}.json"] != newest.downloads[f"{first}.json"]
    assert f"{first[:4]}/{first[5:]}" in restyled.downloads[f"{first}.json"].decode()


def test_data_saved_while_it_is_read_is_never_kept_under_the_older_contents(tmp_path, monkeypatch):
    """A file saved during a read must not leave the newer figures kept under the older file's
    digest, to be served when the file goes back to the older contents (an editor's undo)."""
    import report.version as version_module

    project = copy_project(tmp_path / "project")
    newest = sorted(p.stem for p in (project / "data").glob("20*.yaml"))[-1]
    path = project / "data" / f"{newest}.yaml"
    _set_compliments(path, 1111)
    read = version_module.check_site

    def saved_meanwhile(*args, **kwargs):
        _set_compliments(path, 4242)
        return read(*args, **kwargs)

    monkeypatch.setattr(version_module, "check_site", saved_meanwhile)
    assert version_context(project, _single_extra(project)).report.year.compliments == 4242  # what the file says now
    monkeypatch.setattr(version_module, "check_site", read)
    _set_compliments(path, 1111)  # undone
    assert version_context(project, _single_extra(project)).report.year.compliments == 1111


def test_the_markdown_kept_for_the_benchmark_has_the_charts_inline(tmp_path, monkeypatch):
    """make bench builds its floor from each page's final Markdown: with the SVG, not the placeholders."""
    config = {"config_file_path": str(ROOT / "mkdocs.yml")}
    table = page_svg.placeholders_for(config)

    class Env:
        conf = config
        markdown = table.hide(f"# Page\n\n<figure>\n{SVG}\n</figure>\n")
        variables = {"report_context": type("Context", (), {"version": "2022-23"})()}
        page = type("Page", (), {"file": type("File", (), {"src_path": "index.md"})()})()

    monkeypatch.setenv("REPORT_DUMP_MARKDOWN", str(tmp_path))
    macros.on_post_page_macros(Env())
    assert (tmp_path / "2022-23" / "index.md").read_text(encoding="utf-8") == f"# Page\n\n<figure>\n{SVG}\n</figure>\n"


@pytest.fixture(autouse=True)
def _forget_tables():
    """Each test's SVG tables are let go after it, even when it fails."""
    yield
    page_svg.forget()


def _hooks_and_search():
    """mkdocs.yml loaded as MkDocs loads it: its hooks module and Material's search plugin, set up."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = next(p for name, p in config.plugins.items() if name.endswith("mkdocs_hooks.py"))
    hooks.on_config(config)  # first, as in a build
    search = hooks._search_plugin(config)
    search.on_config(config)
    page_svg.placeholders_for(config).enabled = hooks._hiding_is_safe(config)  # as on_pre_build decides
    return config, hooks, search


def _page(url: str = "compare/"):
    from types import SimpleNamespace
    return SimpleNamespace(file=SimpleNamespace(src_uri=url + "index.md"), url=url, title="Page", meta={}, toc=[], content="")


def test_hooks_show_search_the_stand_in_then_give_the_page_its_charts_back():
    """The search index and the page are what they are with the charts inline all along, the
    search plugin's removal of its attributes included (here one the chart's text spells)."""
    config, hooks, search = _hooks_and_search()
    tricky = SVG.replace("Outcomes", 'x data-search-foo="a" y')  # the search plugin's pattern, inside a chart
    full = f'<h1 id="page">Page</h1><p data-search-boost="2">Intro</p>\n<figure>\n{tricky}\n</figure>\n<h2 id="b">B</h2><p>b</p>'
    page = _page()
    hidden = page_svg.placeholders_for(config).hide(full)
    page.content = hooks.on_page_content(hidden, page=page, config=config, files=None)
    assert len(page.content) < len(full) and "<rect" not in page.content
    config.plugins.run_event("page_context", {}, page=page, config=config, nav=None)
    assert page.content == page_svg.SEARCH_ATTRIBUTES.sub("", full)
    indexed = search.search_index.entries

    _, _, alone = _hooks_and_search()  # the same page, indexed with its charts inline
    straight = _page()
    straight.content = full
    alone.on_page_context({}, page=straight, config=config, nav=None)
    assert indexed == alone.search_index.entries and "2021 to 2022" in indexed[0]["text"]
    assert straight.content == page.content


def test_hooks_refuse_a_page_changed_before_its_charts_are_back():
    config, hooks, _ = _hooks_and_search()
    page = _page()
    page.content = hooks.on_page_content(page_svg.placeholders_for(config).hide(f"<figure>\n{SVG}\n</figure>"), page=page, config=config,
                                         files=None)
    page.content += "<p>added by another plugin</p>"
    with pytest.raises(PluginError, match="compare/index.md: a plugin changed the page before its charts were put back"):
        hooks.on_page_context({}, page=page, config=config, nav=None)


def test_another_plugin_after_the_hooks_gets_the_page_with_its_charts_and_keeps_its_changes():
    """With a plugin that reads or changes pages after the hooks, the charts go back at once and
    that plugin's changes are kept (it is not refused, nor undone)."""
    config, hooks, _ = _hooks_and_search()

    def lightbox(html, page, config, files):  # an ordinary plugin that edits page content
        return html + "<p>added by another plugin</p>"

    config.plugins.events["page_content"].append(lightbox)
    page = _page()
    full = f"<figure>\n{SVG}\n</figure>"
    page.content = hooks.on_page_content(page_svg.placeholders_for(config).hide(full), page=page, config=config, files=None)
    assert page.content == full
    page.content = lightbox(page.content, page, config, None)
    config.plugins.run_event("page_context", {}, page=page, config=config, nav=None)
    assert page.content == full + "<p>added by another plugin</p>"


def test_the_site_has_every_theme_file_plain_mkdocs_copies(example_site):
    """The theme's files are listed without its hidden folders (report/mkdocs_hooks.py): the
    site still has each file MkDocs copies from the theme when it lists them all."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(str(ROOT / "mkdocs.yml"))  # its hooks have not run: the theme as MkDocs makes it
    files = Files([])
    files.add_files_from_theme(config.theme.get_env(), config)
    version = sorted(p.name for p in example_site.iterdir() if re.fullmatch(r"\d{4}-\d{2}", p.name))[-1]
    copied = {f.dest_uri for f in files}
    assert len(copied) > 20 and not any(uri.startswith(".") for uri in copied)
    assert sorted(uri for uri in copied if not (example_site / version / uri).is_file()) == []


def test_a_theme_template_edited_between_builds_is_compiled_afresh(tmp_path):
    """A build process keeps the theme's compiled templates for its next build, by each
    template's source: an edit is seen at once, and a hidden template still loads."""
    config, hooks, _ = _hooks_and_search()
    custom = tmp_path / "overrides"
    (custom / ".hidden").mkdir(parents=True)
    (custom / ".hidden" / "inside.html").write_text("hidden", encoding="utf-8")
    (custom / "note.html").write_text("first {{ 1 + 1 }}", encoding="utf-8")
    config.theme.dirs.insert(0, str(custom))
    hooks.on_config(config)
    assert config.theme.get_env().get_template("note.html").render() == "first 2"
    (custom / "note.html").write_text("second {{ 2 + 2 }}", encoding="utf-8")
    env = config.theme.get_env()
    assert env.get_template("note.html").render() == "second 4"
    assert env.get_template(".hidden/inside.html").render() == "hidden"
    assert "note.html" in env.list_templates() and ".hidden/inside.html" not in env.list_templates()


def test_git_is_asked_about_the_last_commit_once_per_process(monkeypatch):
    """mkdocs-macros' ``git`` variable: asked of git by the first build of a process only."""
    import mkdocs_macros.context as macros_context

    _, hooks, _ = _hooks_and_search()  # loading mkdocs.yml loads the hooks
    monkeypatch.setattr(macros_context, "get_git_info", macros_context.get_git_info.__wrapped__)  # as a new process has it
    hooks._git_facts_once()
    asked = []
    monkeypatch.setattr(macros_context.subprocess, "check_output", lambda command, **_: asked.append(command) or "abc")
    first = macros_context.get_git_info()
    once = len(asked)
    second = macros_context.get_git_info()
    assert once >= 12 and len(asked) == once and first == second and first is not second and first["commit"] == "abc"


def test_a_tables_contents_come_back_with_their_ids_for_mkdocs_link_check():
    """The hooks put the tables' contents back as soon as Markdown is done, and tell MkDocs the
    ids inside them (it checks links to a page's anchors against those it found)."""
    config, hooks, _ = _hooks_and_search()
    inner = '<caption>Cap</caption><tr><td id="cell-1">1 &amp; 2</td><td><a name="old&amp;name">x</a></td></tr>'
    text = f'<div class="r"><table id="t1" class="x">{inner}</table></div><figure>\n{SVG}\n</figure>'
    table = page_svg.placeholders_for(config)
    hidden = table.hide(text)
    assert hidden.startswith('<div class="r"><table id="t1" class="x"><tbody data-cr-table=') and "cell-1" not in hidden
    page = _page()
    page.present_anchor_ids = {"t1"}
    shown = hooks.on_page_content(hidden, page=page, config=config, files=None)
    assert f'<table id="t1" class="x">{inner}</table>' in shown and "data-cr-table" not in shown
    assert page.present_anchor_ids == {"t1", "cell-1", "old&name"}
    assert table.restore(hidden) == text


def test_a_table_inside_a_table_is_left_as_it_is_and_a_changed_placeholder_refused():
    table = Placeholders()
    nested = "<table><tr><td><table><tr><td>1</td></tr></table></td></tr></table>"
    assert table.restore(table.hide(nested)) == nested
    hidden = table.hide("<table><tr><td>1</td></tr></table>")
    with pytest.raises(ValueError, match="placeholder was changed"):
        table.restore(hidden.replace('"></tbody>', '" ></tbody>'))


@pytest.mark.parametrize("event", ["page_markdown", "page_content"])
def test_nothing_is_hidden_when_another_plugin_reads_the_pages_in_between(event):
    """A plugin that reads a page's Markdown after the macros, or its HTML, sees every chart and
    table whole: the macros hand Markdown placeholders only when nothing but the hooks reads it."""
    config, hooks, _ = _hooks_and_search()
    text = f'<div class="r"><table id="t1"><tr><td>1</td></tr></table></div><figure>\n{SVG}\n</figure>'
    assert page_svg.placeholders_for(config).hide(text) != text  # as mkdocs.yml has it

    def reader(markup, page, config, files):
        return markup

    config.plugins.events[event].append(reader)
    hooks.on_pre_build(config)
    assert page_svg.placeholders_for(config).hide(text) == text
