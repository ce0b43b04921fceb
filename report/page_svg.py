"""Charts' inline SVG and tables' contents kept out of the work MkDocs does per page, and put back unchanged.

A version's pages carry about 40 charts of inline SVG and their tables, most of each
page's bytes: Python-Markdown reads every tag of them as raw HTML, MkDocs scans them
for ids, and the search plugin parses them again to index their text. None of them
changes them. So the macros hand Markdown a short placeholder for each SVG and for the
contents of each table (``hide``; a table's own tag stays, with its id). The hooks put
the tables' contents back as soon as Markdown is done (``restore_tables``, which also
names the ids inside them, for MkDocs' check of links), give the search plugin a
stand-in for each SVG that yields the same index (``stand_in``), and the page gets its
SVG back before its template is rendered (``restore``): for charts and tables at the
top level of a page or inside our own markup (as docs/ places them), the built pages
are byte for byte what they would be with everything inline all along (inside a list,
a paragraph or a ``markdown="1"`` block, Markdown would have altered the HTML; with a
placeholder it changes at most the white space around it). Nothing is hidden when another
plugin reads the pages between the macros and their HTML (see ``placeholders_for``).

A placeholder names what it holds by its number in a table kept for the MkDocs build in
progress, with a random token per table, so no page text can spell one; ``restore``
refuses a page in which a placeholder is left.
"""

from __future__ import annotations

import functools
import re
import secrets
from html import unescape

__all__ = ["Placeholders", "SEARCH_ATTRIBUTES", "placeholders_for", "forget"]

_SVG = re.compile(r"<svg\b[^>]*>.*?</svg>", re.S)
_TABLE = re.compile(r"(<table\b[^>]*>)(.*?)(</table>)", re.S)
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)([^>]*)>")
_ID, _NAME = re.compile(r'\sid="([^"]*)"'), re.compile(r'\sname="([^"]*)"')


def _anchors(contents: str) -> frozenset[str]:
    """The ids MkDocs finds in HTML (mkdocs.structure.pages._HTMLHandler): every element's id, and
    an <a>'s name. Values are always double-quoted in our markup, with no quote inside."""
    if ' id="' not in contents and ' name="' not in contents:
        return frozenset()
    found = set()
    for tag, attributes in _TAG.findall(contents):
        found.update(unescape(v) for v in _ID.findall(attributes))
        if tag.lower() == "a":
            found.update(unescape(v) for v in _NAME.findall(attributes))
    return frozenset(found)

# How the search plugin (material/plugins/search/plugin.py) strips its attributes from a page once indexed.
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")

# One token of a chart's SVG as vl-convert writes it: a tag whose attributes are all double-quoted
# (no < or > inside), or text without <. Anything else is not lightened (see ``_light``).
_TOKEN = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*="[^"<>]*")*)\s*(/?)>|([^<]+)')
# The elements vl-convert writes; none is one the search parser treats specially (headings,
# kept tags such as p or li, skipped ones such as style, void ones such as img, a, pre).
_SVG_TAGS = frozenset({"svg", "g", "path", "rect", "line", "text", "tspan", "title", "desc", "defs", "clippath",
                       "circle", "ellipse", "polygon", "polyline", "image", "lineargradient", "radialgradient", "stop"})
# Attributes and values the search parser acts on anywhere in a page: a page that has one is indexed from its full SVG.
_SEARCH_MARKS = re.compile(r"data-search-exclude|linenodiv", re.I)


@functools.lru_cache(maxsize=4096)  # a pure function of the SVG: the versions a process builds share most charts
def _light(svg: str) -> str:
    """What the search parser reads in ``svg``, without the rest: its text, in the same pieces, in
    an element of its own. The parser keeps text, and within a chart no tag changes how it keeps
    it (no heading, no kept or skipped element, no attribute it reads), so the pieces are all
    that count; an empty ``<i></i>`` between two pieces keeps them apart as the tags between
    them did. An SVG not made only of known elements, double-quoted attributes and text, or
    with anything the search parser acts on, is returned as it is."""
    if _SEARCH_MARKS.search(svg):
        return svg
    pieces, stack, at = [], [], 0
    for m in _TOKEN.finditer(svg):
        if m.start() != at:
            return svg
        at = m.end()
        closing, name, _attrs, empty, text = m.groups()
        if text is not None:
            pieces.append(text)
            continue
        name = name.lower()
        if name not in _SVG_TAGS or (closing and empty):
            return svg
        if closing:
            if not stack or stack.pop() != name:
                return svg
            if not stack and at != len(svg):
                return svg
        elif not empty:
            stack.append(name)
        elif not stack:
            return svg
    if at != len(svg) or stack or not svg.startswith("<svg"):
        return svg
    return "<svg>" + "<i></i>".join(pieces) + "</svg>"


class Placeholders:
    """The SVG and the tables' contents taken out of the pages of one MkDocs build, by number."""

    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled  # whether ``hide`` hides anything (see ``placeholders_for``)
        self.token = secrets.token_hex(8)
        self._svgs: list[str] = []
        self._numbers: dict[str, int] = {}
        self._placeholder = re.compile(f'<svg data-cr-svg="{self.token}-([0-9]+)"></svg>')
        self._tables: list[tuple[str, frozenset[str]]] = []  # a table's contents, and the ids in them
        self._table_placeholder = re.compile(f'<tbody data-cr-table="{self.token}-([0-9]+)"></tbody>')
        self.pending: dict[str, tuple[str, str]] = {}  # page -> its HTML with placeholders, and what search reads

    def has_placeholders(self, html: str) -> bool:
        return self.token in html

    def hide(self, html: str) -> str:
        """``html`` with each ``<svg>...</svg>`` in it, and the contents of each table, replaced by
        a placeholder (when ``enabled``)."""
        if not self.enabled:
            return html
        if "<svg" in html:
            html = _SVG.sub(self._hide_one, html)
        return _TABLE.sub(self._hide_table, html) if "<table" in html else html

    def _hide_one(self, m: re.Match) -> str:
        if m.group(0).count("<svg") > 1:  # an SVG inside an SVG: left as it is
            return m.group(0)
        number = self._numbers.setdefault(m.group(0), len(self._svgs))
        if number == len(self._svgs):
            self._svgs.append(m.group(0))
        return f'<svg data-cr-svg="{self.token}-{number}"></svg>'

    def _hide_table(self, m: re.Match) -> str:
        start, contents, end = m.groups()
        if "<table" in contents or "<tbody data-cr-table=" in contents:  # a table inside a table: left as it is
            return m.group(0)
        ids = _anchors(contents)
        self._tables.append((contents, ids))
        return f'{start}<tbody data-cr-table="{self.token}-{len(self._tables) - 1}"></tbody>{end}'

    def restore_tables(self, page: str) -> tuple[str, frozenset[str]]:
        """``page`` with the tables' contents back, and the ids in them."""
        if self.token not in page or "data-cr-table=" not in page:
            return page, frozenset()
        found: list[frozenset[str]] = []

        def back(m: re.Match) -> str:
            contents, ids = self._tables[int(m.group(1))]
            found.append(ids)
            return contents
        return self._table_placeholder.sub(back, page), frozenset().union(*found)

    def restore(self, page: str) -> str:
        """``page`` with each placeholder replaced by what it holds; ValueError if one is unknown or left."""
        if self.token not in page:
            return page
        page = self.restore_tables(page)[0]
        out = self._placeholder.sub(lambda m: self._svgs[int(m.group(1))], page)
        if self.token in out:  # a placeholder that Markdown changed
            raise ValueError("a chart's or table's placeholder was changed on its way through Markdown")
        return out

    def stand_in(self, html: str) -> str:
        """``html`` as the search plugin may read it in place of ``restore(html)``: the index it
        makes is the same (``_light``); a page that marks something for the search plugin keeps its SVG."""
        if self.token not in html:
            return html
        if _SEARCH_MARKS.search(html):
            return self.restore(html)
        html = self.restore_tables(html)[0]
        return self._placeholder.sub(lambda m: _light(self._svgs[int(m.group(1))]), html)


_building: list = [None, None]  # the MkDocs configuration of the build in progress, and its placeholders


def placeholders_for(config) -> Placeholders:
    """The placeholders of the MkDocs build whose configuration is ``config`` (new per build),
    hiding nothing until the hooks enable them (report/mkdocs_hooks.py: only when nothing but the
    hooks reads a page between the macros and its HTML)."""
    if _building[0] is not config:
        _building[:] = [config, Placeholders(enabled=False)]
    return _building[1]


def forget() -> None:
    """Let the last build's placeholders go (its build is over)."""
    _building[:] = [None, None]
