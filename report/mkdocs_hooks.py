"""MkDocs hook: settings are checked, then shown as text by every template;
the Code's annual report page exists only in versions from 2024-25 on.

Material's templates print ``config.site_name``, ``config.copyright`` and
``config.site_description`` without escaping in places. This hook refuses bad
settings (as ``make validate`` does) and replaces those three values with
escaped text, so every template, ours or Material's, shows them as text.

It keeps the charts' SVG and the tables' contents out of the pages' Markdown (and the SVG out
of search indexing), and puts them back (``report.page_svg``: the pages are unchanged).

Every Jinja environment the theme makes (MkDocs' own, and the search plugin's
for its language) keeps the theme's compiled templates for the next version
built in the same process (a build process builds several): MkDocs makes new
environments per build, which would compile Material's templates again each
time. Jinja keys compiled code by template name and a hash of its source, so
an edited template is compiled afresh. And the theme's files are listed
without its hidden folders (Material's 14,000 icons), which MkDocs never
copies to a site: it would list them all, to leave them out, per version.
The macros plugin asks git about the last commit (twelve git commands) once
per process, not once per version (``_git_facts_once``).
"""

from __future__ import annotations

import functools
import os
import re
import sys
from pathlib import Path

import jinja2
from markupsafe import escape

_ROOT = str(Path(__file__).resolve().parent.parent)
if _ROOT not in sys.path:  # hooks load before the macros plugin puts the project on the path
    sys.path.insert(0, _ROOT)

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from report import page_svg  # noqa: E402
from report.council_report import has_code_report  # noqa: E402
from report.settings import SHOWN_TEXT, SettingsError, check_config, check_structure, compose_config, lines_of  # noqa: E402

CODE_PAGE = "code.md"


def _git_facts_once() -> None:
    """mkdocs-macros gives templates a ``git`` variable (the last commit), asking git twelve
    times at each build; a build process builds several versions of one commit, so it asks
    once per process (none of our pages shows it; under ``make serve`` it stays as it was
    when serving began)."""
    import mkdocs_macros.context as macros_context

    ask = macros_context.get_git_info
    if getattr(ask, "once_per_process", False):
        return
    facts: list[dict] = []

    @functools.wraps(ask)
    def once() -> dict | None:
        if not facts:
            facts.append(ask())
        return dict(facts[0]) if isinstance(facts[0], dict) else facts[0]  # a copy: each build may change its own
    once.once_per_process = True
    macros_context.get_git_info = once


_git_facts_once()


@event_priority(100)  # before the search plugin makes its environment, and before the macros start
def on_config(config):
    """Refuse bad settings with one line each (mkdocs.yml read again safely: a tag, an
    alias or a setting that loads from another origin); make the shown ones escaped text.
    The theme's environments are made as the module's text says (``_theme_env``).
    This runs before every plugin's ``on_config``: the macros' ``config`` has the escaped text."""
    config.theme.get_env = _theme_env(config.theme.get_env)
    try:
        root = compose_config(config.config_file_path)
        problems = check_structure(root) or check_config(config, lines_of(root))
    except SettingsError as err:
        problems = err.problems
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    for key in SHOWN_TEXT:
        if config.get(key):
            config[key] = escape(_folded(config[key]))
    if not _has_code_page(config):
        config["nav"] = _without(config.get("nav") or [], CODE_PAGE)
    return config


_OVERVIEW_PAGE = """{{ report_title() }}

{{ headline() }}

{{ summary() }}

{{ actions() }}

{{ all_series_download() }}
"""


def _folded(text: object) -> str:
    """A setting as one line of text: white space folded to single spaces (escaped where shown)."""
    return " ".join(str(text).split())


def _site_version(config):
    """The version's context when the site has report series (else None); the one the macros
    computed for this build (``build_context``), not computed again."""
    from report.problems import DataErrors
    from report.version import SiteVersion, build_context

    try:
        ctx = build_context(config)
    except (DataErrors, SettingsError):
        return None  # the macros plugin reports it, once
    return ctx if isinstance(ctx, SiteVersion) else None


def on_pre_build(config):
    """The macros may hand Markdown placeholders if nothing else reads the pages (decided once every
    plugin has set itself up: ``_hiding_is_safe``). A site with report series: the overview first in
    the navigation, then each series' report."""
    page_svg.placeholders_for(config).enabled = _hiding_is_safe(config)
    ctx = _site_version(config)
    if ctx is None or not config.get("nav"):
        return
    nav = []
    for item in config["nav"]:
        if isinstance(item, dict) and list(item.values()) == ["index.md"]:
            nav.append({"Overview": "index.md"})
            nav += [{escape(_folded(c.title)): f"{sid}/index.md"} for sid, c in ctx.contexts.items()]
        else:
            nav.append(item)
    config["nav"] = nav
    report = config["extra"].setdefault("report", {})
    report["series_pages"] = ",".join(ctx.contexts)  # for the older-report banner (overrides/main.html)
    report["series_titles"] = {sid: _folded(c.title) for sid, c in ctx.contexts.items()}  # each page's name
    config["site_name"] = escape(f"{_folded(ctx.settings.council.name)} complaints reports")  # every series; text
    report["latest_series"] = ",".join(ctx.latest_series)
    report["series_years"] = {sid: list(years) for sid, years in ctx.series_years.items()}  # for the year selector


def _series_files(files, config):
    """A site with report series: the overview at the version's root, and a page per series (its report)."""
    ctx = _site_version(config)
    if ctx is None:
        return files
    from mkdocs.structure.files import File

    index = files.get_file_from_path("index.md")
    template = Path(index.abs_src_path).read_text(encoding="utf-8")
    files.remove(index)
    files.append(File.generated(config, "index.md", content=_OVERVIEW_PAGE))
    for sid in ctx.contexts:
        files.append(File.generated(config, f"{sid}/index.md", content=template))
    return files


def on_files(files, config):
    """Leave the Code's annual report out of versions before it existed."""
    if not _has_code_page(config):
        page = files.get_file_from_path(CODE_PAGE)
        if page is not None:
            files.remove(page)
    return _series_files(files, config)


def _has_code_page(config) -> bool:
    """Whether this version's year (the newest year file when not set) has the Code's report."""
    options = (config.get("extra") or {}).get("report") or {}
    year = str(options.get("year") or "")
    if not year:
        data_dir = Path(config.config_file_path).parent / str(options.get("data_dir") or "data")
        years = [p.stem for p in (*data_dir.glob("*.yaml"), *data_dir.glob("*/*.yaml"))
                 if p.parent.name != "council" and re.fullmatch(r"[0-9]{4}-[0-9]{2}", p.stem)]
        year = max(years, default="")
    try:
        return bool(year) and has_code_report(year)
    except ValueError:
        return False


def _without(nav: list, page: str) -> list:
    """``nav`` without the entries that point at ``page``."""
    out = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) and len(item) == 1 else item
        if value == page:
            continue
        if isinstance(value, list):
            item = {next(iter(item)): _without(value, page)}
        out.append(item)
    return out


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled theme templates kept in memory for the life of the process."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


class _ThemeLoader(jinja2.FileSystemLoader):
    """The theme's folders, listed without hidden files and folders (MkDocs copies none of
    them to the site); every template, hidden or not, still loads by name."""

    def list_templates(self) -> list[str]:
        found = set()
        for top in self.searchpath:
            for folder, subfolders, names in os.walk(top, followlinks=self.followlinks):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                below = Path(folder).relative_to(top)
                found.update((below / n).as_posix() for n in names if not n.startswith("."))
        return sorted(found)


def _theme_env(make_env):
    """``Theme.get_env`` with the theme's compiled templates kept (``_COMPILED``) and its
    hidden files left out of its listing (``_ThemeLoader``)."""
    if getattr(make_env, "keeps_templates", False):
        return make_env

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.loader = _ThemeLoader(env.loader.searchpath, followlinks=env.loader.followlinks)
        env.bytecode_cache = _COMPILED
        return env
    get_env.keeps_templates = True
    return get_env


def on_page_content(html, page, config, files):
    """The page's HTML still holds its charts' and tables' placeholders (``page_svg``): the tables
    get their contents back now; until its template is rendered, the page shows the search
    plugin the stand-in that indexes as its SVG would."""
    hidden = page_svg.placeholders_for(config)
    if not hidden.has_placeholders(html):
        return html
    html, ids = hidden.restore_tables(html)  # the tables' contents back at once, for everything that follows
    if ids and page.present_anchor_ids is not None:  # MkDocs checks links against the ids it found in the page
        page.present_anchor_ids |= ids
    if not hidden.has_placeholders(html):
        return html
    if not _only_search_reads_pages(config):  # another plugin may read or change the page: it gets the SVG
        return hidden.restore(html)
    light = hidden.stand_in(html)
    hidden.pending[page.file.src_uri] = (html, light)
    return light


@event_priority(-100)  # after the search plugin has indexed the page
def on_page_context(context, page, config, nav):
    """The page's charts back in place of their stand-ins, as the search plugin leaves a page."""
    hidden = page_svg.placeholders_for(config)
    held = hidden.pending.pop(page.file.src_uri, None)
    if held is None:
        return context
    html, light = held
    full = hidden.restore(html)
    if _search_plugin(config) is not None:  # it removes its attributes from the page it indexed
        light, full = (page_svg.SEARCH_ATTRIBUTES.sub("", t) if "data-search-" in t else t for t in (light, full))
    if page.content != light:
        raise PluginError(f"{page.file.src_uri}: a plugin changed the page before its charts were put back")
    page.content = full
    return context


def _hiding_is_safe(config) -> bool:
    """Whether nothing but these hooks reads a page between the macros and its HTML: the macros
    are the last to read its Markdown, and these hooks the only ones to read its HTML. Then the
    macros may hand Markdown placeholders for charts and tables (``page_svg``); otherwise every
    plugin sees them whole."""
    from mkdocs_macros.plugin import MacrosPlugin

    markdown = config.plugins.events["page_markdown"]
    content = config.plugins.events["page_content"]
    ours = [m for m in content if getattr(m, "__name__", "") == "on_page_content" and m.__module__ == __name__]
    return bool(markdown) and isinstance(getattr(markdown[-1], "__self__", None), MacrosPlugin) and len(content) == len(ours) == 1


def _search_plugin(config):
    """Material's search plugin, when it is on."""
    from material.plugins.search.plugin import SearchPlugin

    found = [p for p in config.plugins.values() if isinstance(p, SearchPlugin) and p.config.enabled]
    return found[0] if found else None


def _only_search_reads_pages(config) -> bool:
    """Whether, between a page's HTML and its template, nothing but Material's search plugin and
    these hooks reads the page: then the search plugin may read the charts' stand-ins."""
    search = _search_plugin(config)
    readers = config.plugins.events["page_context"]
    after = config.plugins.events["page_content"]
    ours = [m for m in readers if getattr(m, "__name__", "") == "on_page_context" and m.__module__ == __name__]
    others = [m for m in readers if m not in ours and getattr(m, "__self__", None) is not search]
    return search is not None and len(ours) == 1 and not others and after[-1].__module__ == __name__


def on_post_build(config):
    """The build is over: its context and SVG table are let go."""
    _forget()


def on_build_error(error):
    _forget()


def _forget() -> None:
    from report.version import forget_build_context

    forget_build_context()
    page_svg.forget()
