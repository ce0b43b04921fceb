"""Render charts to static SVG with vl-convert, cached across builds.

A chart's spec is a pure function of its chart function's code, its rows and
the library versions, so the cache is keyed by those: a rebuild renders only
charts whose spec would change, without building the spec of any other.

The SVG is made safe to inline: ids are prefixed with the chart's id so they
are unique within a page, and the root gets an accessible name.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from .timing import phase

__all__ = ["chart_svg", "chart_key", "is_cached", "render", "warm_up", "cache_dir", "inline", "code_fingerprint"]

_ID = re.compile(r'\bid="([^"]+)"')
_CHARTS_DIR = Path(__file__).resolve().parent.parent / "charts"


def cache_dir() -> Path:
    """Where rendered SVG is kept between builds (``REPORT_CHART_CACHE`` or .cache/charts)."""
    default = Path(__file__).resolve().parent.parent / ".cache" / "charts"
    return Path(os.environ.get("REPORT_CHART_CACHE") or default)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What, besides its rows, decides a chart's spec: our chart code and the libraries."""
    from importlib.metadata import version
    digest = hashlib.sha256(f"{version('altair')}|{version('vl-convert-python')}".encode())
    for path in sorted(_CHARTS_DIR.glob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def _cached(key: str, make: Callable[[], str]) -> str:
    path = cache_dir() / f"{key}.svg"
    if path.is_file():
        return path.read_text(encoding="utf-8")
    svg = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(svg, encoding="utf-8")
    tmp.replace(path)
    return svg


def chart_key(name: str, rows: tuple[dict, ...]) -> str:
    """The cache key of a chart: its function's name, its rows and the code fingerprint."""
    text = json.dumps([name, list(rows), code_fingerprint()], sort_keys=True, separators=(",", ":"), default=str)
    return "chart-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def is_cached(key: str) -> bool:
    return (cache_dir() / f"{key}.svg").is_file()


def render(name: str, rows: tuple[dict, ...]) -> str:
    """Build the spec of ``charts.CHARTS[name]`` on ``rows`` and render it to SVG (no cache)."""
    with phase("chart specs"):
        import charts
        # Specs are validated by tests/test_charts.py; skipping it here keeps builds fast.
        spec = charts.CHARTS[name](rows).to_dict(validate=False)
    return _vl_svg(spec)


def chart_svg(name: str, rows: tuple[dict, ...]) -> str:
    """SVG of the chart ``charts.CHARTS[name]`` on ``rows``; Altair is imported,
    and the chart built and rendered, only on a cache miss."""
    return _cached(chart_key(name, rows), lambda: render(name, rows))


def warm_up() -> None:
    """Start the renderer (its first render costs most of a second) and import Altair and
    the charts, so a worker process pays that once, before its first real chart."""
    with phase("worker warm-up"):
        import vl_convert as vlc

        import charts  # noqa: F401 - imported for its cost, now
        vlc.vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def _vl_svg(spec: dict) -> str:
    with phase("chart rendering"):
        import vl_convert as vlc
        return vlc.vegalite_to_svg(spec)


def inline(svg: str, prefix: str, label_id: str) -> str:
    """The SVG with ids prefixed, named by the element ``label_id``, ready for a page."""
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})").replace(f'href="#{old}"', f'href="#{new}"')
    head, rest = svg.split(">", 1)
    width = re.search(r'\swidth="([\d.]+)"', head)
    head = re.sub(r'\s(width|height)="[\d.]+"', "", head, count=2)
    style = f' style="max-width:{width.group(1)}px"' if width else ""
    head = head.replace("<svg", f'<svg role="img" aria-labelledby="{label_id}" focusable="false"{style}', 1)
    return head + ">" + rest
