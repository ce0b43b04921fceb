"""The glue: every macro exists, is used by a template or documented, and is thin."""

import ast
import inspect
import re
from pathlib import Path

import macros
from report import mkdocs_hooks
from report.commentary import render_commentary
from report.fields import COUNT_FIELDS
from report.settings import read_config
from report.stats import figure
from report.version import version_context
from tests.conftest import copy_project

ROOT = Path(__file__).parent.parent
CALLS = re.compile(r"\{\{\s*(\w+)\(")


def template_calls() -> set[str]:
    """Macros the page templates call: docs/*.md and the overview page the hooks generate for a site with series."""
    texts = [path.read_text() for path in (ROOT / "docs").rglob("*.md")] + [mkdocs_hooks._OVERVIEW_PAGE]
    return {name for text in texts for name in CALLS.findall(text)}


def test_every_template_call_is_a_registered_macro():
    assert template_calls() <= set(macros.MACROS)


def test_every_macro_is_used_by_a_template_or_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in macros.MACROS:
        assert name in template_calls() or f"{name}(" in readme, name


def test_every_macro_is_documented_and_takes_the_context_and_the_page_first():
    for name, function in macros.MACROS.items():
        assert function.__doc__, name
        assert list(inspect.signature(function).parameters)[:2] == ["v", "page_url"], name


def _single_series_extra(tmp_path: Path) -> dict:
    """mkdocs.yml's extra, reading the single-series site the example was (its children's series)."""
    extra = dict(read_config(ROOT)["extra"])
    data = copy_project(tmp_path / "project") / "data"
    return {**extra, "report": {**dict(extra.get("report") or {}), "data_dir": str(data)}}


def test_define_env_registers_exactly_the_table(tmp_path):
    extra = _single_series_extra(tmp_path)

    class Env:
        conf = {"config_file_path": str(ROOT / "mkdocs.yml"), "extra": extra, "site_url": ""}
        variables: dict = {}
        registered: dict = {}

        def macro(self, function, name):
            self.registered[name] = function

    env = Env()
    env.page = type("Page", (), {"url": "data/"})()
    macros.define_env(env)
    assert set(env.registered) == set(macros.MACROS)
    assert env.registered["json_link"]() == f"../data/{env.variables['report_context'].version}.json"


def test_glue_does_no_arithmetic_markup_or_branching():
    source = (ROOT / "macros" / "__init__.py").read_text()
    functions = [n for n in ast.parse(source).body if isinstance(n, ast.FunctionDef) and n.name in macros.MACROS]
    assert {f.name for f in functions} == set(macros.MACROS)
    thick = (ast.BinOp, ast.AugAssign, ast.Compare, ast.IfExp, ast.If, ast.JoinedStr, ast.BoolOp)
    assert not [f.name for f in functions for statement in f.body for n in ast.walk(statement) if isinstance(n, thick)]
    assert "<" not in "".join(ast.get_source_segment(source, f) for f in functions)


def test_every_number_the_lint_refuses_is_rendered_by_the_macro_it_suggests(tmp_path):
    ctx = version_context(ROOT, _single_series_extra(tmp_path))
    refused = 0
    for field in COUNT_FIELDS:
        value = figure(ctx.report.year, field.path)  # the one rule: derived when the figure is
        if value is None or value < 10:
            continue
        _, problems = render_commentary(f"Text\n{value:,} things", ctx.report, "c.md", ctx.permalink())
        suggested = re.findall(r"figure\('([\w.]+)'\)", " ".join(str(p) for p in problems))
        assert suggested, (field.path, [str(p) for p in problems])
        refused += 1
        for name in suggested:
            assert macros.MACROS["figure"](ctx, "", name) == f"{value:,}", name
    assert refused
