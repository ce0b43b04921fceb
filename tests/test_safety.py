"""Nothing in a data file or a setting runs as code or markup, anywhere it is published."""

from __future__ import annotations

import csv
import io
import json

from bs4 import BeautifulSoup

from report.build import build_site
from tests.conftest import copy_project, year_yaml

NASTY = "<script>alert(1)</script> {{ 7*7 }} {% if true %}x{% endif %} <img src=x onerror=alert(2)>"


def test_hostile_text_is_escaped_everywhere(tmp_path):
    project = copy_project(tmp_path / "project")
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
    config.write_text(config.read_text().replace("name: Lincolnshire County Council", "name: <b>Evil</b> {{ 7*7 }} Council"))
    out = project / "site"
    build_site(project, out)

    html = (out / "2022-23" / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert not soup.select("article script") and not soup.select("article img")
    assert "<script>alert(1)" not in html and "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")
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
