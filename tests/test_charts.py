"""Every chart: builds for full, sparse and single-year data; valid Vega-Lite;
its table equals the data; gaps and breaks are not joined; SVG is self-contained."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pytest

import charts
from charts.theme import NARROW, WIDE
from report import html
from report import svg as svg_module
from report.chart_views import Chart, compare_charts, year_charts
from report.fmt import HouseStyle
from report.html import inline_svg as inline
from report.html import with_legend
from report.model import Complaints, Context, Dataset, Note, Ombudsman, Outcomes, ReportingYear, Theme, Timeliness, YearId
from report.present import year_report
from report.svg import chart_svg, render

FULL = ReportingYear(
    YearId(2023), complaints=Complaints(400, 100, 300, 12, 3), context=Context(50000, 8000),
    outcomes=Outcomes(30, 45, 200, 25, 75), timeliness=Timeliness(250, 290), ombudsman=Ombudsman(20, 6, 4),
    compliments=812, themes=(Theme("Communication", 12), Theme("Delay", 7), Theme("Not counted")),
)
SPARSE = ReportingYear(YearId(2023), complaints=Complaints(stage1=5))
HISTORY = Dataset((
    ReportingYear(YearId(2019), complaints=Complaints(stage1=111)),
    ReportingYear(YearId(2020), complaints=Complaints(contacts=136, informal=45, stage1=91)),
    ReportingYear(YearId(2021)),  # nothing published: a gap
    ReportingYear(YearId(2022), complaints=Complaints(contacts=129, informal=27, stage1=102), compliments=4),
    ReportingYear(YearId(2023), complaints=Complaints(contacts=140, informal=0, stage1=140), compliments=9,
                  notes=(Note("New process.", ("complaints.informal", "complaints.stage1")),)),
))


def all_charts(dataset: Dataset, year_id: str):
    report = year_report(dataset, year_id)
    return list(year_charts(report).values()) + compare_charts(dataset, HouseStyle())


@pytest.mark.parametrize("dataset, year_id", [
    (Dataset((FULL,)), "2023-24"), (Dataset((SPARSE,)), "2023-24"), (HISTORY, "2023-24"), (HISTORY, "2020-21"),
], ids=["full", "mostly-null", "history", "history-early"])
def test_every_figure_builds_a_valid_chart(dataset, year_id):
    views = all_charts(dataset, year_id)
    assert views
    for fig in views:
        chart = charts.CHARTS[fig.kind](fig.rows)
        assert isinstance(chart, alt.TopLevelMixin)
        spec = chart.to_dict()  # validates against the Vega-Lite schema
        assert json.loads(json.dumps(spec)) == spec


def test_full_year_has_a_figure_for_every_section():
    views = year_charts(year_report(Dataset((FULL,)), "2023-24"))
    assert set(views) == {"received", "outcomes", "escalation", "timeliness", "themes", "ombudsman", "compliments"}
    assert views["themes"].table == (("Communication", "12"), ("Delay", "7"))  # uncounted themes are not charted
    assert views["outcomes"].caption == "Of 300 formal complaints, 30 (10%) were upheld and 45 (15%) were partially upheld."
    assert views["timeliness"].caption == "250 of 290 stage 1 responses (86%) were sent on time."


def test_sparse_year_has_only_figures_with_data():
    assert set(year_charts(year_report(Dataset((SPARSE,)), "2023-24"))) == {"received"}


def test_each_table_shows_exactly_the_charted_numbers():
    for fig in all_charts(Dataset((FULL,)), "2023-24") + all_charts(HISTORY, "2023-24"):
        if fig.kind in ("main_rates_trend", "topic_trend"):  # one column per series
            for row in fig.table:
                charted = [r["display"] for r in fig.rows if r["year"] == row[0]]
                assert [cell.removesuffix(" (break in series)") for cell in row[1:]] == charted, fig.id
            continue
        charted = [row["display"] for row in fig.rows]
        if fig.kind in ("yearly_series", "formal_complaints_trend"):
            shown = [row[1].removesuffix(" (break in series)") for row in fig.table]
        else:  # bars: number, and the per cent when there is one
            shown = [row[1] + (f" ({row[2]})" if len(row) > 2 and row[2] else "") for row in fig.table]
        assert shown == charted, fig.id


def test_gaps_and_breaks_are_separate_segments():
    view = {f.id: f for f in compare_charts(HISTORY, HouseStyle())}["trend-received"]
    rows = [r for r in view.rows if r["series"] == "Formal complaints (stage 1)"]
    values = [(r["year"], r["value"], r["segment"]) for r in rows]
    assert values == [("2019 to 2020", 111, 0), ("2020 to 2021", 91, 0), ("2021 to 2022", None, 1),
                      ("2022 to 2023", 102, 1), ("2023 to 2024", 140, 2)]
    spec = charts.topic_trend(view.rows).to_dict()
    line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")  # each point joined to the next
    assert {line["encoding"]["x2"]["field"], line["encoding"]["y2"]["field"]} == {"next_year", "next_value"}
    assert spec["data"] == {"name": "rows"}
    stage1 = [(v["year"], v["segment"], v.get("next_year")) for v in spec["datasets"]["rows"]
              if v["series"] == "Formal complaints (stage 1)"]
    assert stage1 == [("2019 to 2020", "Formal complaints (stage 1)|0", "2020 to 2021"),
                      ("2020 to 2021", "Formal complaints (stage 1)|0", None),  # the gap stays open
                      ("2022 to 2023", "Formal complaints (stage 1)|1", None),  # and the break
                      ("2023 to 2024", "Formal complaints (stage 1)|2", None)]
    assert view.table[-1] == ("2023 to 2024", "140", "0 (break in series)", "140 (break in series)")


def test_rates_in_series_are_rounded_per_cents():
    view = {f.id: f for f in compare_charts(HISTORY, HouseStyle())}["trend-resolution-rates"]
    rows = [r for r in view.rows if r["series"] == "Contacts resolved informally"]
    assert [(r["value"], r["display"]) for r in rows] == [
        (None, "not available"), (33.0, "33%"), (None, "not available"), (21.0, "21%"), (0.0, "0%")]


def test_captions_state_the_finding():
    views = year_charts(year_report(HISTORY, "2022-23"))
    assert views["trend"].caption == "There were 102 formal complaints in 2022 to 2023."  # 2021-22 is a gap
    ds = Dataset(HISTORY.years[:2])
    assert year_charts(year_report(ds, "2020-21"))["trend"].caption == \
        "Formal complaints fell from 111 in 2019 to 2020 to 91 in 2020 to 2021."


def test_svg_is_self_contained_with_unique_ids(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CHART_CACHE", str(tmp_path))
    fig = year_charts(year_report(Dataset((FULL,)), "2023-24"))["outcomes"]
    svg = chart_svg(fig.kind, fig.rows)
    assert len(list(tmp_path.glob("*.svg"))) == 1
    cached = next(tmp_path.glob("*.svg"))
    cached.write_text(svg + "<!-- cached -->")
    assert chart_svg(fig.kind, fig.rows).endswith("<!-- cached -->")  # the second call reads the cache
    page = inline(svg, "a", "a-caption") + inline(svg, "b", "b-caption")
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert not re.search(r'(href|src)="(https?:)?//', page) and "@import" not in page and "url(http" not in page
    assert page.startswith('<svg role="img" aria-labelledby="a-caption"')


def test_theme_uses_the_accessible_palette():
    theme = alt.theme.get()()
    assert alt.theme.active == charts.THEME
    assert theme["config"]["range"]["category"] == ["#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1"]


def test_series_of_the_rates_chart_have_a_legend_of_colour_and_shape(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_CHART_CACHE", str(tmp_path))
    fig = year_charts(year_report(HISTORY, "2022-23"))["rates"]
    svg = chart_svg(fig.kind, fig.rows)
    legend = svg[svg.index('<g class="chart-legend">'):]
    assert ">Contacts resolved informally</text>" in legend  # HISTORY has this one rate
    assert 'fill="#12436D"' in legend and 'stroke="#12436D"' in legend  # its symbol on its line, in its colour
    spec = charts.main_rates_trend(fig.rows).to_dict()
    points = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert {"color", "shape"} <= set(points["encoding"])


def _council_chart():
    """The Ombudsman page's chart: the council's upheld rate against similar authorities', with a break."""
    rows = tuple({"year": y, "series": series, "value": v, "display": f"{v}%", "segment": 0 if y < "2022" else 1}
                 for series in ("Lincolnshire", "Similar authorities")
                 for y, v in (("2021 to 2022", 60), ("2022 to 2023", 75), ("2023 to 2024", None), ("2024 to 2025", 80)))
    return Chart("ombudsman-upheld", "ombudsman_upheld_rates", "Upheld", "caption", ("Year",), (), rows)


def _whole_chart_svg(name: str, rows, width: int) -> str:
    """The SVG of the chart the drawing makes for the rows themselves, rendered whole."""
    drawing = charts.CHARTS[name]
    spec = svg_module.vega_of(drawing(rows, width=width).to_dict())  # validated, too
    return with_legend(svg_module._converter().vega_to_svg(spec), drawing.values_at(rows, width).legend)


@pytest.mark.parametrize("dataset, year_id", [
    (Dataset((FULL,)), "2023-24"), (Dataset((SPARSE,)), "2023-24"), (HISTORY, "2023-24"), (HISTORY, "2020-21"),
])
@pytest.mark.slow  # renders charts
def test_a_drawing_filled_in_is_the_chart_of_the_rows_themselves(dataset, year_id):
    """render() compiles each drawing once per width and shape and puts a figure's values in; the
    SVG is exactly that of the chart the drawing makes for the rows, chart after chart, at both widths."""
    every = all_charts(dataset, year_id) + all_charts(HISTORY, "2022-23") + [_council_chart()]
    for chart in every:
        for width in (WIDE, NARROW):
            assert render(chart.kind, chart.rows, width) == _whole_chart_svg(chart.kind, chart.rows, width), chart.id


HOSTILE = ("<b>&amp;</b>", "{{ x }}", "datum.value + '\\\"'", "' + alert(1) + '", "]]><!--", "é\u0301 ✓", "x" * 300, "")


def _hostile_rows(name: str, text: str) -> tuple[dict, ...]:
    """Rows for chart ``name`` with ``text`` in every field that is text: labels, titles, series, years."""
    if name in ("complaints_resolved", "escalation", "outcomes", "themes", "timeliness", "ombudsman"):
        return ({"label": text or "a", "value": 3, "display": f"3 ({text})", "title": text},
                {"label": "Delay", "value": 10**7, "display": "10,000,000"})
    years = (f"{text} 1", f"{text} 2", "2023 to 2024")
    if name == "formal_complaints_trend":
        return tuple({"year": y, "value": v, "display": str(v), "current": "earlier", "label": f"{v} {text}"}
                     for y, v in zip(years, (4, None, 7), strict=True))
    if name == "yearly_series":
        return tuple({"year": y, "value": v, "display": text, "segment": i, "title": text, "axis": text}
                     for i, (y, v) in enumerate(zip(years, (4, None, 7), strict=True)))
    return tuple({"year": y, "series": series, "value": v, "display": str(v), "segment": 0, "title": text, "axis": text}
                 for series in (text, "Average") for y, v in zip(years, (4, None, 7), strict=True))


@pytest.mark.parametrize("name", sorted(charts.CHARTS))
@pytest.mark.slow  # renders charts
def test_text_from_the_data_is_drawn_as_text_never_as_code(name):
    """Labels, titles, series and years are data, never part of a chart's code: the drawing filled
    in gives the very SVG of the whole chart, with markup escaped and expressions left as text."""
    for text in HOSTILE:
        rows = _hostile_rows(name, text)
        drawn = render(name, rows, NARROW)
        assert drawn == _whole_chart_svg(name, rows, NARROW), (name, text)
        assert "<b>" not in drawn and "<!--" not in drawn
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in render(name, _hostile_rows(name, HOSTILE[0]), WIDE)


@pytest.mark.parametrize("which", [0, 1])
def test_the_chart_cache_fingerprint_changes_with_the_code_that_writes_the_svg(tmp_path, monkeypatch, which):
    """The chart cache is keyed by every module of ours that shapes a chart's SVG besides charts/:
    the one that fills in a drawing (``render``) and the one that draws its legend and escapes it."""
    import inspect

    assert {Path(inspect.getsourcefile(f)).resolve() for f in (svg_module.render, with_legend, html.e)} == set(svg_module._SVG_CODE)
    files = [tmp_path / "svg.py", tmp_path / "html.py"]
    for f in files:
        f.write_text("A = 1\n")
    monkeypatch.setattr(svg_module, "_SVG_CODE", tuple(files))
    before = svg_module.code_fingerprint.__wrapped__()
    files[which].write_text("A = 2\n")
    assert svg_module.code_fingerprint.__wrapped__() != before


@pytest.mark.slow  # renders charts
def test_a_chart_of_one_series_named_as_itself_has_no_legend():
    """A legend that would only repeat the title is left out; a series named otherwise keeps its legend."""
    def rows(series: str) -> tuple[dict, ...]:
        return tuple({"year": y, "series": series, "value": v, "display": str(v), "segment": 0, "title": "Compliments",
                      "axis": "Number"} for y, v in (("2022 to 2023", 4), ("2023 to 2024", 9)))
    assert "chart-legend" not in render("topic_trend", rows("Compliments"), WIDE)
    assert "chart-legend" in render("topic_trend", rows("Compliments to staff"), WIDE)
    assert "chart-legend" in render("main_rates_trend", rows("Contacts resolved informally"), NARROW)


@pytest.mark.slow  # renders charts
def test_a_title_too_long_for_the_phone_width_is_written_on_lines_that_fit():
    """Vega does not wrap a chart's title: a long one would run off a phone's chart, so it comes in lines."""
    title = "Complaint contacts as a percentage of referrals"
    rows = tuple({"year": y, "series": title, "value": v, "display": f"{v}%", "segment": 0, "title": title,
                  "axis": "Per cent"} for y, v in (("2021 to 2022", 2), ("2022 to 2023", 1.8)))
    narrow, wide = render("topic_trend", rows, NARROW), render("topic_trend", rows, WIDE)
    assert "<tspan>Complaint contacts as a percentage</tspan>" in narrow and ">of referrals</tspan>" in narrow
    assert f">{title}</text>" in wide and "<tspan" not in wide[wide.index("role-title"):]
    assert 'width="340"' in narrow[:300]


@pytest.mark.slow  # renders charts
def test_quotes_in_a_charts_text_are_written_as_entities_on_the_page():
    """Text like ``data-search-x="abc`` in a label must stay text when the page's markup is scanned."""
    rows = ({"label": 'data-search-x="abc', "value": 4, "display": "4"}, {"label": "Delay", "value": 2, "display": "2"})
    page = inline(render("themes", rows, WIDE), "figure-themes", "figure-themes-caption")
    assert 'data-search-x=&quot;abc</text>' in page and 'x="abc' not in page
    assert re.sub(r'\s?data-search-\w+="[^"]+"', "", page) == page  # what Material's search plugin strips: nothing


@pytest.mark.parametrize("width", [WIDE, NARROW])
def test_a_legend_is_drawn_under_its_chart_as_text_in_the_chart(width):
    """The legend (report/html.py, ``with_legend``): the SVG grows by its height, background
    included, the chart itself unchanged; every name is text, escaped, on as many lines as it
    needs; each series has its colour, symbol and dash, so colour is never the only cue."""
    import xml.etree.ElementTree as ET

    names = ["Formal complaints upheld in full or in part", HOSTILE[0], HOSTILE[3], "x" * 120, "WIDE MEW WOW " * 6, "Average", "Seventh"]
    rows = tuple({"year": y, "series": n, "value": v, "display": str(v), "segment": 0, "title": "Rates", "axis": "Per cent"}
                 for n in names for y, v in (("2022 to 2023", 4), ("2023 to 2024", 7)))
    bare = svg_module._converter().vega_to_svg(svg_module.vega_of(charts.topic_trend(rows, width).to_dict()))
    drawn = render("topic_trend", rows, width)
    root = ET.fromstring(drawn)
    height = float(root.get("height"))
    assert root.get("viewBox") == f"0 0 {width} {root.get('height')}" and height > float(ET.fromstring(bare).get("height")) + 7 * 19
    assert f'<rect width="{width}" height="{root.get("height")}" fill="#ffffff"/>' in drawn
    chart = bare.split('fill="#ffffff"/>', 1)[1].rsplit("</svg>", 1)[0]
    assert drawn.split('fill="#ffffff"/>', 1)[1].split('<g class="chart-legend">')[0] == chart  # the chart itself unchanged
    legend = next(g for g in root.iter("{http://www.w3.org/2000/svg}g") if g.get("class") == "chart-legend")
    texts = [t for t in legend.iter("{http://www.w3.org/2000/svg}text")]
    assert "".join(t.text for t in texts).replace(" ", "") == "".join(names).replace(" ", "")
    assert len(texts) < len(names) + 14  # on lines that fit: measured in a browser by tests/test_browser.py
    assert all(float(t.get("y")) < height for t in texts)
    paths = [p for p in legend.iter("{http://www.w3.org/2000/svg}path")]
    lines, symbols = paths[0::2], paths[1::2]
    assert [p.get("stroke") for p in lines] == [p.get("fill") for p in symbols] == [*charts.PALETTE, charts.PALETTE[0]]
    assert len({p.get("d") for p in symbols[:6]}) == 6 and len({p.get("stroke-dasharray") for p in lines[:6]}) == 6
    assert "<b>" not in drawn and "&lt;b&gt;" in drawn


def test_the_formal_complaints_chart_has_a_key_to_this_year_and_earlier():
    rows = tuple({"year": y, "value": v, "display": str(v), "current": c, "label": str(v)}
                 for y, v, c in (("2022 to 2023", 4, "earlier"), ("2023 to 2024", 7, "this year")))
    legend = render("formal_complaints_trend", rows, WIDE).split('<g class="chart-legend">')[1]
    assert re.findall(r">([^<]+)</text>", legend) == ["this year", "earlier"]
    assert re.findall(r'fill="(#\w+)"/>', legend) == [charts.theme.HIGHLIGHT, charts.theme.OTHER]


@pytest.mark.parametrize("name", ["topic_trend", "outcomes"])
def test_the_value_axis_draws_its_own_grid_first(name):
    """report/svg.py (``vega_of``): Vega-Lite's grid-only axis is folded into the value axis,
    which comes first, so the other axis's line is drawn over the grid; every tick has its line."""
    rows = _hostile_rows(name, "Text")
    spec = svg_module.vega_of(charts.CHARTS[name](rows, WIDE).to_dict())
    axes = [(a["scale"], a["orient"], a.get("grid")) for a in spec["axes"]]
    value = "y" if name == "topic_trend" else "x"
    assert len(axes) == len({a[:2] for a in axes}) == 2 and axes[0][0] == value and axes[0][2] is True and not axes[1][2]
    drawn = render(name, rows, WIDE)
    ticks = charts.theme.value_ticks([r["value"] for r in rows])[1]
    grid = re.search(r'<g class="mark-rule role-axis-grid"[^>]*>(.*?)</g>', drawn).group(1)
    assert grid.count("<line") == len(ticks)  # a grid line at every tick
    tick_marks = re.findall(r'<g class="mark-rule role-axis-tick"[^>]*>(.*?)</g>', drawn)
    assert len(tick_marks) == 1 and tick_marks[0].count("<line") == len(ticks)  # and a dark mark, on the value axis only
    assert drawn.index("role-axis-grid") < drawn.rindex("role-axis-domain")
    lone = {"axes": [{"scale": "y", "orient": "left", "grid": True, "labels": False, "aria": False, "bandPosition": 0}]}
    assert svg_module._merged_grids(lone) == lone  # an axis not as Vega-Lite writes it is left as it is
