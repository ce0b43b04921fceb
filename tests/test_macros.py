"""The glue: every macro exists, is used by a template or documented, and is thin."""

import ast
import re
from pathlib import Path

import macros
from report.site import SiteContext

ROOT = Path(__file__).parent.parent
CALLS = re.compile(r"\{\{\s*(\w+)\(")


def template_calls() -> set[str]:
    return {name for path in (ROOT / "docs").rglob("*.md") for name in CALLS.findall(path.read_text())}


def registered() -> set[str]:
    tree = ast.parse((ROOT / "macros" / "__init__.py").read_text())
    extra = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
             and n.value in ("commentary", "all_reports", "json_link")}
    return set(macros.MACROS) | extra


def test_every_template_call_is_a_registered_macro():
    assert template_calls() <= registered()


def test_every_macro_is_used_by_a_template_or_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for name in registered():
        assert name in template_calls() or f"{name}(" in readme, name


def test_every_macro_is_a_documented_method_of_the_site_context():
    for name in macros.MACROS:
        assert getattr(SiteContext, name).__doc__ or name in template_calls(), name


def test_glue_does_no_arithmetic():
    tree = ast.parse((ROOT / "macros" / "__init__.py").read_text())
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.BinOp, ast.AugAssign, ast.Compare))]
