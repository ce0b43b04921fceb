"""Render charts to static SVG with vl-convert, cached across builds.

A chart's spec is a pure function of its chart function's code, its rows and
the library versions, so the cache is keyed by those: a rebuild renders only
charts whose spec would change, without building the spec of any other.

Building a spec with Altair costs about half as much as rendering it, so a
process builds each chart function's spec once per shape of rows and fills
in the rows as data: the chart function is called on rows whose values are
placeholders (see ``_Hole``), and the placeholders are replaced in the spec's
data (inline values or named datasets). A field whose value ends up anywhere but in the data (a sort
order, a title, a domain), or that the chart function computes with, is kept
as it is and becomes part of the shape. A template is made from the second
chart of its shape and checked against that chart's own spec before it is
used; so a spec is always the one the chart function builds from the rows
themselves (tests/test_charts.py compares the two).

The SVG is made safe to inline: ids are prefixed with the chart's id so they
are unique within a page, and the root gets an accessible name.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

from .timing import phase

__all__ = ["chart_svg", "chart_spec", "chart_key", "is_cached", "render", "warm_up", "cache_dir", "inline", "code_fingerprint"]

_ID = re.compile(r'\bid="([^"]+)"')
_CHARTS_DIR = Path(__file__).resolve().parent.parent / "charts"
_SVG_CODE = Path(__file__).resolve()  # this file: its template filling shapes the SVG too


def cache_dir() -> Path:
    """Where rendered SVG is kept between builds (``REPORT_CHART_CACHE`` or .cache/charts)."""
    default = Path(__file__).resolve().parent.parent / ".cache" / "charts"
    return Path(os.environ.get("REPORT_CHART_CACHE") or default)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """What, besides its rows, decides a chart's SVG: our chart code, this module
    (its template filling shapes the output) and the libraries."""
    from importlib.metadata import version
    digest = hashlib.sha256(f"{version('altair')}|{version('vl-convert-python')}".encode())
    for path in [*sorted(_CHARTS_DIR.glob("*.py")), _SVG_CODE]:
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


def chart_key(name: str, rows: tuple[dict, ...], width: int | None = None) -> str:
    """The cache key of a chart: its function's name, its rows, its width and the code fingerprint."""
    text = json.dumps([name, list(rows), width, code_fingerprint()], sort_keys=True, separators=(",", ":"), default=str)
    return "chart-" + hashlib.sha256(text.encode()).hexdigest()[:32]


def is_cached(key: str) -> bool:
    return (cache_dir() / f"{key}.svg").is_file()


def render(name: str, rows: tuple[dict, ...], width: int | None = None) -> str:
    """Build the spec of ``charts.CHARTS[name]`` on ``rows`` (``width`` pixels wide, default:
    the text column on a desktop) and render it to SVG (no cache)."""
    with phase("chart specs"):
        spec = chart_spec(name, rows, width)
    return _vl_svg(spec)


def _direct_spec(name: str, rows, width: int | None = None) -> dict:
    from altair.utils.schemapi import debug_mode

    import charts

    # Specs are validated by tests/test_charts.py; skipping it here (and Altair's checks of
    # each part as it is made) keeps builds fast, and gives the same spec.
    with debug_mode(False):
        chart = charts.CHARTS[name](rows) if width is None else charts.CHARTS[name](rows, width=width)
        return json.loads(json.dumps(chart.to_dict(validate=False)))


_NONCE = secrets.token_hex(8)  # per process, so no data file can spell a placeholder
_TOKEN = re.compile("\x1e" + _NONCE + r":(\d+):([^\x1f]*)\x1f")
_ALL = frozenset({"*"})  # every field is part of the shape: no template for this chart function
_shape_fields: dict[str, frozenset[str]] = {}  # per chart function: fields learnt to be part of the shape
_templates: dict[tuple[str, int | None, str], dict] = {}
_MAX_TEMPLATES = 1024


class _Used(Exception):
    """A chart function did something with a placeholder besides writing it into the data."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class _Hole(str):
    """A placeholder for one value of a row. It can go into the data as it is, or into a
    string through ``f"{x}"``; anything else a chart function could do with a value
    (compare, hash, measure, convert, test, slice, call a method) raises ``_Used``."""

    __slots__ = ()

    def _refuse(self, *args, **kwargs):
        raise _Used(_TOKEN.fullmatch(str.__str__(self)).group(2))

    def __getattribute__(self, name: str):
        if name in ("__class__", "__format__", "__reduce_ex__", "__reduce__", "__deepcopy__", "__copy__", "_refuse"):
            return object.__getattribute__(self, name)
        self._refuse()

    def __format__(self, spec: str) -> str:
        if spec:
            self._refuse()
        return str.__str__(self)

    def __deepcopy__(self, memo) -> _Hole:
        return self

    def __copy__(self) -> _Hole:
        return self

    __str__ = __repr__ = __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __hash__ = __bool__ = __len__ = _refuse
    __contains__ = __getitem__ = __iter__ = __add__ = __radd__ = __mul__ = __rmul__ = __mod__ = __rmod__ = _refuse
    __int__ = __float__ = __index__ = __complex__ = __round__ = _refuse


def _skeleton(rows, fixed: frozenset[str]) -> tuple[list[dict], dict[str, object]]:
    """The rows with every value outside ``fixed`` (and not None) a placeholder; the values by placeholder."""
    skeleton, values = [], {}
    for i, row in enumerate(rows):
        out = {}
        for field, value in row.items():
            if field in fixed or value is None:
                out[field] = value
            else:
                token = f"\x1e{_NONCE}:{i}:{field}\x1f"
                values[token] = value
                out[field] = _Hole(token)
        skeleton.append(out)
    return skeleton, values


def _leaks(spec: object, parent: str = "") -> set[str]:
    """The fields whose placeholders appear anywhere but in the rows of the spec's data
    (``data: {values: [...]}`` or top-level ``datasets``); a placeholder used as a column
    name counts as appearing elsewhere."""
    found: set[str] = set()
    if isinstance(spec, dict):
        for key, value in spec.items():
            found |= _leaks(key)
            if (parent == "data" and key == "values") or parent == "datasets":
                found |= _leaks_in_rows(value)
            else:
                found |= _leaks(value, key)
    elif isinstance(spec, list):
        for value in spec:
            found |= _leaks(value)
    elif isinstance(spec, str):
        found |= {m.group(2) for m in _TOKEN.finditer(spec)}
    return found


def _leaks_in_rows(rows: object) -> set[str]:
    if not isinstance(rows, list):
        return _leaks(rows)
    found: set[str] = set()
    for row in rows:
        if isinstance(row, dict):
            for key in row:
                found |= _leaks(key)
        else:
            found |= _leaks(row)
    return found


def _fill(value: object, values: dict[str, object]) -> object:
    if isinstance(value, str):
        if value in values:
            return values[value]
        return _TOKEN.sub(lambda m: format(values[m.group(0)], ""), value) if _NONCE in value else value
    if isinstance(value, list):
        return [_fill(v, values) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, values) for k, v in value.items()}
    return value


def _rename(value: object, names: dict[str, str]) -> object:
    if isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, list):
        return [_rename(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _rename(v, names) for k, v in value.items()}
    return value


def chart_spec(name: str, rows, width: int | None = None) -> dict:
    """The Vega-Lite spec ``charts.CHARTS[name](rows, width=width)`` gives (as plain JSON data).

    The first chart of a shape is built directly; the second builds the shape's template
    and checks it against a direct build of its rows; later ones fill in the template.
    """
    fixed = _shape_fields.get(name, frozenset())
    while fixed is not _ALL:
        skeleton, values = _skeleton(rows, fixed)
        key = (name, width, json.dumps(skeleton, sort_keys=True, separators=(",", ":"), default=str))
        template = _templates.get(key)
        if template is None:  # first of its shape: remember the shape, build directly
            if len(_templates) >= _MAX_TEMPLATES:
                _templates.clear()
            _templates[key] = {}
            break
        if not template:  # second of its shape: make the template, and check it
            try:
                template = _direct_spec(name, skeleton, width)
            except _Used as used:  # the chart function does more with this field than write it
                fixed = _shape_fields[name] = fixed | {used.field}
                continue
            except Exception:  # noqa: BLE001 - anything else: this chart function gets its rows themselves
                fixed = _shape_fields[name] = _ALL
                break
            leaked = _leaks(template)
            if leaked:
                fixed = _shape_fields[name] = fixed | leaked
                continue
            direct = _direct_spec(name, rows, width)
            if _filled(template, values) != direct:
                _shape_fields[name] = _ALL
                return direct
            _templates[key] = template
            return direct
        return _filled(template, values)
    return _direct_spec(name, rows, width)


def _filled(template: dict, values: dict[str, object]) -> dict:
    """The template with the rows' values in place of its placeholders."""
    from altair.vegalite.v6.api import _dataset_name  # how Altair names a dataset: by its values

    spec = _fill(template, values)  # placeholders are only in the data (checked by _leaks)
    if "datasets" in spec:  # named by a hash of their values: name them by the rows' values
        names = {old: _dataset_name(data) for old, data in spec["datasets"].items()}
        spec = {k: {names[old]: data for old, data in v.items()} if k == "datasets" else _rename(v, names)
                for k, v in spec.items()}
    return spec


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
    """Start the renderer (its first render costs a good part of a second) and import Altair
    and the charts, so a worker process pays that once, before its first real chart."""
    with phase("worker warm-up"):
        import charts  # noqa: F401 - imported for its cost, now
        _converter().vegalite_to_svg({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}})


def _vl_svg(spec: dict) -> str:
    with phase("chart rendering"):
        return _converter().vegalite_to_svg(spec)


def inline(svg: str, prefix: str, label_id: str, css: str = "") -> str:
    """The SVG with ids prefixed, named by the element ``label_id``, ready for a page."""
    ids = set(_ID.findall(svg))
    for old in sorted(ids, key=len, reverse=True):
        new = f"{prefix}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"url(#{old})", f"url(#{new})").replace(f'href="#{old}"', f'href="#{new}"')
    head, rest = svg.split(">", 1)
    width = re.search(r'\swidth="([\d.]+)"', head)
    head = re.sub(r'\s(width|height)="[\d.]+"', "", head, count=2)
    style = f' style="max-width:{width.group(1)}px"' if width else ""
    cls = ""
    if css and re.search(r'\sclass="', head):  # vl-convert names its root "marks": one class attribute only
        head = re.sub(r'\sclass="([^"]*)"', lambda m: f' class="{m.group(1)} {css}"', head, count=1)
    elif css:
        cls = f' class="{css}"'
    head = head.replace("<svg", f'<svg role="img" aria-labelledby="{label_id}" focusable="false"{cls}{style}', 1)
    return head + ">" + rest
