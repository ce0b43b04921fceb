"""Render charts to static SVG with vl-convert, cached across builds.

A chart's SVG is a pure function of its chart's code, its rows, its width, the
library versions and the fonts installed, so the cache is keyed by those: a rebuild renders only charts
whose SVG would change, without building anything for the others.

A chart is a ``charts.theme.Drawing``: everything that comes from its rows is a
named parameter or the dataset ``rows``. So a process builds each drawing's
Vega-Lite spec, and compiles it to Vega, once per width and shape; a chart then
costs one render of that Vega spec with its parameters' values and its rows put
in, and its legend (if it has one) is drawn under it (``html.with_legend``).
tests/test_charts.py checks that this gives exactly the SVG of the chart the
drawing makes for the rows themselves, its legend drawn under it.

report/html.py puts the SVG on a page (``inline_svg``) or in a file of its own
(``chart_file``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path

from .html import with_legend
from .timing import phase

__all__ = ["chart_svg", "chart_key", "is_cached", "render", "template_of", "vega_of", "warm_up", "cache_dir", "code_fingerprint"]

_CHARTS_DIR = Path(__file__).resolve().parent.parent / "charts"
# Our code, besides charts/, that shapes a chart's SVG: this file (how it fills in a drawing) and
# report/html.py (the legend under a chart, ``with_legend``, and its escaping).
_SVG_CODE = (Path(__file__).resolve(), Path(__file__).resolve().parent / "html.py")


def cache_dir() -> Path:
    """Where rendered SVG is kept between builds (``REPORT_CHART_CACHE`` or .cache/charts)."""
    default = Path(__file__).resolve().parent.parent / ".cache" / "charts"
    return Path(os.environ.get("REPORT_CHART_CACHE") or default)


# Where vl-convert finds the fonts it measures labels with (fontdb's system folders): the same
# text is laid out differently with other fonts, so they are part of a chart's cache key.
_FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.fonts", "~/.local/share/fonts",
              "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts", "C:/Windows/Fonts")
_FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What, besides its rows, decides a chart's SVG: our chart code, this module
    (how it fills in a drawing shapes the output) and report/html.py (the legend), the
    libraries and the fonts installed."""
    from importlib.metadata import version
    digest = hashlib.sha256(f"{version('altair')}|{version('vl-convert-python')}".encode())
    for path in [*sorted(_CHARTS_DIR.glob("*.py")), *_SVG_CODE]:
        digest.update(path.name.encode() + path.read_bytes())
    for folder in map(Path, _FONT_DIRS):
        folder = folder.expanduser()
        if folder.is_dir():
            fonts = sorted(p for p in folder.rglob("*") if p.suffix.lower() in _FONT_SUFFIXES and p.is_file())
            digest.update("".join(f"{p}|{p.stat().st_size}\n" for p in fonts).encode())
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


def chart_key(name: str, rows: tuple[dict, ...], width: int | None = None) -> str:
    """The cache key of a chart: its name in ``charts.CHARTS``, its rows, its width and ``code_fingerprint``."""
    text = json.dumps([name, list(rows), width, code_fingerprint()], sort_keys=True, separators=(",", ":"), default=str)
    return "chart-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def is_cached(key: str) -> bool:
    return (cache_dir() / f"{key}.svg").is_file()


def template_of(name: str, rows: tuple[dict, ...], width: int | None = None) -> tuple:
    """What a chart's compiled Vega template is kept by (``_vega_template``): charts alike in it
    are rendered from one compilation of their drawing."""
    import charts
    from charts.theme import WIDE

    width = WIDE if width is None else width
    with phase("chart specs"):
        values = charts.CHARTS[name].values_at(rows, width)
    return name, width, values.shape, tuple(values.params)


def render(name: str, rows: tuple[dict, ...], width: int | None = None) -> str:
    """SVG of the drawing ``charts.CHARTS[name]`` on ``rows``, ``width`` pixels wide (default: the
    text column on a desktop), with no cache."""
    import charts
    from charts.theme import DATASET, WIDE

    drawing = charts.CHARTS[name]
    width = WIDE if width is None else width
    with phase("chart specs"):
        values = drawing.values_at(rows, width)
        template = _vega_template(drawing, width, values.shape, tuple(values.params))
        spec = {**template,
                "signals": [{**s, "value": values.params[s["name"]]} if s["name"] in values.params else s
                            for s in template["signals"]],
                "data": [{**d, "values": values.rows} if d["name"] == DATASET else d for d in template["data"]]}
    with phase("chart rendering"):
        return with_legend(_converter().vega_to_svg(spec), values.legend)


_MAX_TEMPLATES = 256  # drawings x widths x shapes a process keeps


@functools.lru_cache(maxsize=_MAX_TEMPLATES)
def _vega_template(drawing, width: int, shape: tuple, params: tuple[str, ...]) -> dict:
    """The Vega spec of ``drawing`` at ``width`` and ``shape``, its parameters ``params``
    declared with no value and its dataset empty; compiled once per process. Each parameter
    must be exactly one of the spec's signals, and the dataset one of its data, so that
    putting values in changes nothing else."""
    from altair.utils.schemapi import debug_mode

    from charts.theme import DATASET

    with debug_mode(False):  # specs are validated by tests/test_charts.py; skipping it here keeps builds fast
        lite = drawing.template(width, shape, params).to_dict(validate=False)
    vega = vega_of(lite)
    signals = [s["name"] for s in vega.get("signals", [])]
    if any(signals.count(p) != 1 for p in params) or [d["name"] for d in vega.get("data", [])].count(DATASET) != 1:
        raise ValueError(f"a chart's Vega spec does not have each of {params} as one signal and {DATASET!r} as one dataset")
    return vega


def vega_of(lite: dict) -> dict:
    """The Vega spec of a Vega-Lite spec, as vl-convert compiles it, with each axis's grid drawn by
    the axis itself: Vega-Lite writes a second axis for the grid lines alone, which costs a
    sixth of a chart's render. The axis that draws its grid comes before the others, so that
    they are drawn over its grid lines as before."""
    return _merged_grids(_converter().vegalite_to_vega(json.loads(json.dumps(lite))))


def _merged_grids(vega: dict) -> dict:
    axes = vega.get("axes", [])
    grids = [a for a in axes if a.get("grid") and a.get("labels") is False and a.get("aria") is False]
    mains = [a for a in axes if a not in grids]
    merged = []
    for grid in grids:
        main = [a for a in mains if a["scale"] == grid["scale"] and a["orient"] == grid["orient"]]
        if len(main) != 1 or set(grid) - _GRID_KEYS or any(grid[k] != main[0].get(k) for k in _SHARED_KEYS if k in grid):
            return vega  # an axis not as expected: left as Vega-Lite wrote it
        merged.append({**main[0], "grid": True, "gridScale": grid["gridScale"]} if "gridScale" in grid else {**main[0], "grid": True})
    if grids:
        kept = [a for a in mains if not any(a["scale"] == g["scale"] and a["orient"] == g["orient"] for g in grids)]
        vega["axes"] = merged + kept
    return vega


# What Vega-Lite's grid-only axis holds: its position, its ticks' values and the settings that make it a grid alone.
_GRID_KEYS = frozenset({"scale", "orient", "grid", "gridScale", "domain", "labels", "aria", "maxExtent", "minExtent",
                        "ticks", "zindex", "values", "tickMinStep", "tickCount"})
_SHARED_KEYS = ("values", "tickMinStep", "tickCount", "zindex")


def chart_svg(name: str, rows: tuple[dict, ...], width: int | None = None) -> str:
    """SVG of the chart ``charts.CHARTS[name]`` on ``rows``, ``width`` pixels wide overall
    (default: the text column on a desktop); Altair is imported, and the chart built and
    rendered, only on a cache miss."""
    return _cached(chart_key(name, rows, width), lambda: render(name, rows, width))


@functools.cache
def _converter():
    """vl-convert, set up once per process so that a chart depends only on its spec: it
    reads no data or image from any address, fetches no font, embeds no font and applies
    no theme, locale or plugin but the spec's own (whatever settings it starts with)."""
    import vl_convert as vlc

    vlc.configure(base_url=False, allowed_base_urls=[], auto_google_fonts=False, allow_google_fonts=False,
                  google_fonts=None, embed_local_fonts=False, missing_fonts="fallback", vega_plugins=None,
                  allow_per_request_plugins=False, default_theme=None, default_format_locale=None,
                  default_time_format_locale=None, themes=None)
    return vlc


def warm_up() -> None:
    """Start the renderer and import Altair and the charts (together about 0.4 s), so a
    worker process pays that once, before its first real chart."""
    with phase("worker warm-up"):
        import charts  # noqa: F401 - imported for its cost, now
        _converter().vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]},
                                      "encoding": {"x": {"field": "x", "type": "quantitative"}}})
