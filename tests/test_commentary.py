"""Commentary: only documented macros run, nothing unsafe reaches a page, no figure is typed by hand."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from report import fmt
from report.build import validate
from report.commentary import MACROS, MAX_BYTES, Values, check_commentary, read_commentary, render_commentary
from report.fields import COUNT_FIELDS
from report.present import year_report
from report.stats import figure
from tests.conftest import copy_project

ROOT = Path(__file__).parent.parent
SHOWN = "docs/commentary/2022-23.md"
ONLY_MACROS = "(only macro calls such as {{ figure('complaints.stage1') }} are allowed)"


def messages(example, text):
    return [str(p) for p in check_commentary(text, year_report(example, "2022-23"), SHOWN)]


def rendered(example, text):
    markdown, problems = render_commentary(text, year_report(example, "2022-23"), SHOWN, "/2022-23/")
    assert problems == []
    return markdown


def use_stat(typed):
    return f"{SHOWN}:2: hand-typed percentage '{typed}': use {{{{ stat('informal_rate') }}}} so the figure comes from the data"


def use_figure(typed, name="complaints.stage1"):
    return f"{SHOWN}:2: hand-typed number '{typed}' equals {name}: use {{{{ figure('{name}') }}}} so the figure comes from the data"


RAW_HTML = f"{SHOWN}:2: raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"


def test_hand_typed_percentage_names_the_macro(example):
    assert messages(example, "Some text.\nOnly 21% were resolved informally.") == [use_stat("21%")]


def test_hand_typed_figure_of_ten_or_more_names_the_macro(example):
    assert messages(example, "We had 102 complaints and 49,974 contacts.") == [
        "docs/commentary/2022-23.md:1: hand-typed number '102' equals complaints.stage1: "
        "use {{ figure('complaints.stage1') }} so the figure comes from the data",
        "docs/commentary/2022-23.md:1: hand-typed number '49,974' equals context.social_care_contacts: "
        "use {{ figure('context.social_care_contacts') }} so the figure comes from the data",
    ]


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("102.0", [use_figure("102.0")]),
        ("49 974", [use_figure("49 974", "context.social_care_contacts")]),
        ("49\u2009974", [use_figure("49 974", "context.social_care_contacts")]),  # one line: spaces shown plainly
        ("21pc", [use_stat("21pc")]),
        ("21 per-cent", [use_stat("21 per-cent")]),
        ("21 per cent", [use_stat("21 per cent")]),
        ("21 percent", [use_stat("21 percent")]),
        ("21\uff05", [use_stat("21\uff05")]),
        ("twenty-one per cent", [use_stat("twenty-one per cent")]),
        ("one hundred and two", [use_figure("one hundred and two")]),
        ("21&#37;", [use_stat("21%")]),
        ("1&#48;2", [use_figure("102")]),
        ("10<span></span>2", [use_figure("102"), RAW_HTML]),
        ("{{ 100 + 2 }}", [f"{SHOWN}:2: template code is not allowed: found 100 outside a macro call {ONLY_MACROS}"]),
        ("{{ '2' ~ '1' }}%", [f"{SHOWN}:2: template code is not allowed: found '2' outside a macro call {ONLY_MACROS}"]),
        (
            "1{{ typed('0') }}2",
            [
                f"{SHOWN}:2: digits or per cent typed against a macro's output "
                "(leave a space, or type the whole number with {{ typed('...') }})"
            ],
        ),
        (
            "{{ figure('complaints.stage1') }}%",
            [
                f"{SHOWN}:2: digits or per cent typed against a macro's output "
                "(leave a space, or type the whole number with {{ typed('...') }})"
            ],
        ),
        ("1{# hidden\n#}02", [use_figure("102")]),
    ],
)
def test_typed_figures_in_any_form_are_refused(example, typed, expected):
    assert messages(example, f"First line.\n{typed} complaints.") == expected


def test_outcomes_fault_found_is_one_figure_for_lint_macro_and_table(example):
    report = year_report(example, "2022-23")
    assert messages(example, "Text\n35 complaints") == [use_figure("35", "outcomes.fault_found")]
    assert rendered(example, "{{ figure('outcomes.fault_found') }}") == "35"
    outcomes = next(s for s in report.sections() if s.id == "outcomes")
    assert next(r for r in outcomes.rows if r.label == "Upheld or partially upheld").cells[0] == "35"


def test_every_number_the_lint_refuses_is_rendered_by_the_macro_it_names(example):
    checked = 0
    for year in example.years:
        report = year_report(example, year.id)
        values = Values(report)
        for f in COUNT_FIELDS:
            value = figure(year, f.path)
            if value is None or value < 10:
                continue
            problems = check_commentary(f"We saw {fmt.number(value)} of them.", report, SHOWN)
            name = re.search(r"figure\('([\w.]+)'\)", problems[0].message).group(1)
            assert values.figure(name) == fmt.number(value)
            checked += 1
        for view in report.statistics.values():
            if view.display:
                problems = check_commentary(f"We saw {view.display} of them.", report, SHOWN)
                name = re.search(r"stat\('(\w+)'\)", problems[0].message).group(1)
                assert values.stat(name) == view.display
                checked += 1
    assert checked > 20


def test_years_dates_labels_small_numbers_and_macros_are_allowed(example):
    text = (
        "In 2022-23 (2022 to 2023, 2022/23), reported on 8 March 2024 and 2024-03-08, stage 2 and stage 102 "
        "of appendix 129: {{ figure('complaints.stage1') }} and {{ stat('informal_rate') }}; 7 teams; 55 visits."
    )
    assert messages(example, text) == []


def test_typed_is_the_visible_way_to_type_a_number_and_shows_it_as_plain_text(example):
    assert rendered(example, "Our target is {{ typed('100%') }} on time.") == "Our target is 100% on time."
    assert rendered(example, "{{ typed('{{ 7*7 }} <b>*x*</b>') }}") == (
        "&#123;&#123; 7&#42;7 &#125;&#125; &#60;b&#62;&#42;x&#42;&#60;/b&#62;"
    )


def test_the_example_commentary_passes_and_renders_its_macros(example):
    text = (ROOT / "docs" / "commentary" / "2022-23.md").read_text()
    markdown = rendered(example, text)
    assert "{{" not in markdown
    assert "27 contacts (21%) were" in markdown and "reflected in a decrease of 6% in" in markdown
    assert "has seen only two\ncases" in markdown


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "{{ self.__init__.__globals__['os'].popen('id').read() }}",
            "unknown macro 'self' (the macros are figure, stat, change, year, permalink and typed)",
        ),
        ("{{ config }}", "unknown macro 'config' (the macros are figure, stat, change, year, permalink and typed)"),
        (
            "{{ figur('complaints.stage1') }}",
            "unknown macro 'figur' (did you mean 'figure'?) (the macros are figure, stat, change, year, permalink and typed)",
        ),
        ("{{ figure('complaints.stage1').__class__ }}", f"template code is not allowed: found attribute access '.' {ONLY_MACROS}"),
        ("{{ figure('complaints.stage1')|upper }}", f"template code is not allowed: found a filter '|' {ONLY_MACROS}"),
        ("{{ figure(complaints) }}", "complaints is not in quotes (write names in quotes, as in {{ figure('complaints.stage1') }})"),
        ("{{ }}", f"incomplete macro call {ONLY_MACROS}"),
        ("{% for x in [1] %}{% endfor %}", f"template statements such as {{% ... %}} are not allowed {ONLY_MACROS}"),
        ("{% include 'mkdocs.yml' %}", f"template statements such as {{% ... %}} are not allowed {ONLY_MACROS}"),
        ("{% import 'x' as y %}", f"template statements such as {{% ... %}} are not allowed {ONLY_MACROS}"),
        ("{% set x = 1 %}", f"template statements such as {{% ... %}} are not allowed {ONLY_MACROS}"),
        ("{% raw %}{{ 7*7 }}{% endraw %}", f"{{% raw %}} is not allowed {ONLY_MACROS}"),
        ("{# never closed", f"template syntax: Missing end of comment tag {ONLY_MACROS}"),
        ("<script>alert(1)</script>", "raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"),
        ("<!-- hidden -->", "raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"),
        ("&lt;img src=x onerror=alert(1)&gt;", "raw HTML is not allowed (write Markdown: **bold**, [text](https://...))"),
        (
            "[click](javascript:alert(1))",
            "link address 'javascript:' is not allowed (use an https:, http: or mailto: address, or a relative link)",
        ),
        ("![i]( DATA:text/html,x)", "link address 'DATA:' is not allowed (use an https:, http: or mailto: address, or a relative link)"),
        (
            "[x](java&#115;cript:alert(1))",
            "link address 'javascript:' is not allowed (use an https:, http: or mailto: address, or a relative link)",
        ),
        ("[x]: vbscript:msgbox", "link address 'vbscript:' is not allowed (use an https:, http: or mailto: address, or a relative link)"),
        (
            "[x]({{ typed('javascript:alert(1)') }})",
            "a link address cannot come from a macro other than permalink() (type the address: [text](https://...))",
        ),
        (
            'Text {: onclick="alert(1)" }',
            "text in curly braces is not allowed (Markdown attribute lists such as { onclick=... } could add HTML)",
        ),
        (
            "{{ change('complaints.stage_1') }}",
            "change(): unknown figure or statistic 'complaints.stage_1' (did you mean 'complaints.stage1'?)",
        ),
        ("{{ figure('complaints.stage_1') }}", "figure(): unknown figure 'complaints.stage_1' (did you mean 'complaints.stage1'?)"),
        ("{{ stat('informal') }}", "stat(): unknown statistic 'informal' (did you mean 'informal_rate'?)"),
        ("{{ figure(1) }}", "figure(): expected text in quotes, got int"),
        ("{{ figure('complaints.stage2', words='yes') }}", "figure(): words must be True or False"),
        ("{{ figure() }}", "figure(): wrong arguments (expected figure('<figure name>') or figure('<figure name>', words=True))"),
        ("{{ year(1) }}", "year(): wrong arguments (expected year() with nothing in the brackets)"),
        ("{{ stat('informal_rate', 'upheld_rate') }}", "stat(): wrong arguments (expected stat('<statistic name>'))"),
        ("{{ typed('') }}", "typed(): expected one line of text of 1 to 200 characters"),
    ],
)
def test_anything_but_a_documented_macro_call_or_plain_markdown_is_refused(example, text, expected):
    assert messages(example, f"Fine text.\n{text}") == [f"{SHOWN}:2: {expected}"]


def test_allowed_markdown_links_and_permalink(example):
    text = "[a](https://example.org/) [b](mailto:complaints@example.org) [c](../about/) [d]({{ permalink() }})"
    assert rendered(example, text) == "[a](https://example.org/) [b](mailto:complaints@example.org) [c](../about/) [d](/2022-23/)"


@pytest.mark.parametrize(
    "char, name",
    [
        ("\x07", "U+0007"),
        ("\x1b", "U+001B"),
        ("\u202e", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        ("\u2066", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("\u200b", "U+200B (ZERO WIDTH SPACE)"),
        ("\ud800", "U+D800"),
    ],
)
def test_control_invisible_direction_and_surrogate_characters_are_named_never_printed(example, char, name):
    assert messages(example, f"Fine.\nA{char}B{char}") == [
        f"{SHOWN}:2: character {name} is not allowed (control, invisible and direction characters can hide or reorder text)"
    ]


# The largest commentary a file may hold (read_commentary refuses a longer one): larger
# texts would only take longer to check what these already check.
N = MAX_BYTES


@pytest.mark.parametrize("text", [
    "{{" * (N // 2), "{" * N, "{%" * (N // 2), "1" * (N - 1) + "%", "\n" * N, "one and " * (N // 8),
    "](" * (N // 2), "[x]:" * (N // 4), "x {{ year() }}" * (N // 14), "{{ year(" + "(" * (N - 11) + " }}", "<" * N,
])
def test_pathological_inputs_give_at_most_one_line_each(example, text):
    assert len(text.encode()) <= MAX_BYTES
    found = messages(example, text)
    assert len(found) <= 2 and all(len(m) < 300 and "\n" not in m for m in found)


def test_a_file_full_of_braces_is_one_line(example):
    assert messages(example, "{{" * (N // 2)) == [f"{SHOWN}:1: template code is not allowed: found '{{' {ONLY_MACROS}"]


# -- reading files --------------------------------------------------------------------------


def read(folder, shown=SHOWN):
    text, problems = read_commentary(folder, "2022-23", shown)
    return text, [str(p) for p in problems]


def test_a_missing_commentary_is_no_commentary(tmp_path):
    assert read(tmp_path) == (None, [])


def test_not_utf8_names_the_line_and_byte(tmp_path):
    (tmp_path / "2022-23.md").write_bytes(b"one\ntwo\nthr\xffee\n")
    assert read(tmp_path) == (None, [f"{SHOWN}:3: not UTF-8 text: byte 0xff cannot be read (save the file as UTF-8)"])


def test_a_byte_order_mark_is_dropped(tmp_path):
    (tmp_path / "2022-23.md").write_bytes(b"\xef\xbb\xbfHello")
    assert read(tmp_path) == ("Hello", [])


def test_a_link_out_of_the_folder_is_refused_without_reading_it(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("password")
    folder = tmp_path / "commentary"
    folder.mkdir()
    (folder / "2022-23.md").symlink_to(secret)
    assert read(folder) == (None, [f"{SHOWN}: is a link to a file outside docs/commentary (put the commentary itself there)"])


def test_a_link_inside_the_folder_is_read(tmp_path):
    (tmp_path / "text.md").write_text("Hello")
    (tmp_path / "2022-23.md").symlink_to(tmp_path / "text.md")
    assert read(tmp_path) == ("Hello", [])


def test_a_folder_fifo_or_device_is_refused(tmp_path):
    (tmp_path / "2022-23.md").mkdir()
    assert read(tmp_path) == (None, [f"{SHOWN}: is a folder, not a file (expected a Markdown file)"])
    fifo = tmp_path / "fifo"
    fifo.mkdir()
    os.mkfifo(fifo / "2022-23.md")
    assert read(fifo) == (None, [f"{SHOWN}: is not a regular file (a FIFO, device or socket cannot be commentary)"])
    device = tmp_path / "device"
    device.mkdir()
    (device / "2022-23.md").symlink_to("/dev/zero")
    assert read(device)[1] == [f"{SHOWN}: is a link to a file outside docs/commentary (put the commentary itself there)"]


def test_a_file_over_the_size_limit_is_refused(tmp_path):
    (tmp_path / "2022-23.md").write_text("x" * 100_001)
    assert read(tmp_path) == (None, [f"{SHOWN}: is 100,001 bytes, more than the limit of 100,000 bytes"])


# -- validate() renders every commentary as the site does ------------------------------------------------------


def test_validate_reports_every_commentary_problem_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    commentary = project / "docs" / "commentary"
    (commentary / "2022-23.md").write_text("Fine.\n{{ self.__init__.__globals__ }}\n{{ change('complaints.stage_1') }}\n21pc\n")
    (commentary / "2021-22.md").write_bytes(b"ok\n\xff\n")
    _, errors, _ = validate(project)
    assert [str(e) for e in errors] == [
        "docs/commentary/2021-22.md:2: not UTF-8 text: byte 0xff cannot be read (save the file as UTF-8)",
        "docs/commentary/2022-23.md:2: unknown macro 'self' (the macros are figure, stat, change, year, permalink and typed)",
    ]
    (commentary / "2022-23.md").write_text("Fine.\n{{ change('complaints.stage_1') }}\n21pc\n")
    (commentary / "2021-22.md").unlink()
    _, errors, _ = validate(project)
    assert [str(e) for e in errors] == [
        "docs/commentary/2022-23.md:2: change(): unknown figure or statistic 'complaints.stage_1' (did you mean 'complaints.stage1'?)",
        "docs/commentary/2022-23.md:3: hand-typed percentage '21pc': use {{ stat('informal_rate') }} so the figure comes from the data",
    ]


def test_validate_passes_the_example_project():
    _, errors, _ = validate(ROOT)
    assert errors == []


def test_every_commentary_macro_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text()
    assert all(f"| `{{{{ {name}(" in readme for name in MACROS)


# -- the built site ---------------------------------------------------------------------------------------


def test_the_example_commentary_is_shown_on_the_built_site(example_site):
    soup = BeautifulSoup((example_site / "2022-23" / "index.html").read_text(), "html.parser")
    heading = soup.find("h2", string="Commentary")
    text = " ".join(" ".join(p.get_text(" ") for p in heading.find_next_siblings("p")[:2]).split())
    assert text == (
        "It is reassuring that the ongoing investment and work in resolving issues informally wherever possible "
        "continues to keep the number of complaints low: 27 contacts (21%) were resolved outside the formal process. "
        "Despite difficult circumstances and workforce pressures, the service has remained focused on early resolution "
        "for people who are dissatisfied or concerned about what is being delivered. This is reflected in a decrease "
        "of 6% in the number of complaints entering the formal process. The focus on robust responses that address "
        "every concern at the first stage of the formal process has seen only two cases go on to the statutory stage 2 "
        "process. The service should continue to resolve cases early, to maintain these results."
    )
