"""YAML -> model: valid files load; each problem gives one exact line."""

from __future__ import annotations

import datetime as dt

import pytest

from report.load import check_dir, load_file
from report.model import Status
from report.problems import Problem
from tests.conftest import year_yaml


def errors_of(data_dir, files: dict) -> list[str]:
    folder = data_dir(files)
    return [str(p).replace(str(folder), "data") for p in check_dir(folder, "data").errors]


def test_example_data_loads(example):
    assert [y.id for y in example.years] == ["2019-20", "2020-21", "2021-22", "2022-23"]
    y = example.get("2022-23")
    assert y.status is Status.PUBLISHED and y.published == dt.date(2024, 3, 8)
    assert (y.complaints.contacts, y.complaints.informal, y.complaints.stage1, y.complaints.stage2, y.complaints.stage3) == (
        129, 27, 102, 2, None)
    assert (y.outcomes.upheld, y.outcomes.partially_upheld) == (7, 28)
    assert (y.context.social_care_contacts, y.context.referrals) == (49974, 7140)
    assert [t.name for t in y.themes] == ["Lack of communication", "Assessment errors", "Delays in service"]


def test_missing_keys_mean_null(data_dir):
    folder = data_dir({"2022-23.yaml": year_yaml(body="complaints:\n  stage1: 5\n")})
    year, problems = load_file(folder / "2022-23.yaml")
    assert problems == [] and year.complaints.stage1 == 5 and year.complaints.contacts is None and year.compliments is None


@pytest.mark.parametrize("body, expected", [
    ("complaints:\n  contacts: 129\n  informal: 140\n",
     "data/2022-23.yaml:6: complaints.informal: 140 is more than complaints.contacts (129)"),
    ("complaints:\n  contacts: 129\n  informal: 27\n  stage1: 110\n",
     "data/2022-23.yaml:6: complaints.informal + complaints.stage1: 27 + 110 = 137 is more than complaints.contacts (129)"),
    ("outcomes:\n  partialy_upheld: 3\n",
     "data/2022-23.yaml:5: outcomes.partialy_upheld: unknown field (did you mean 'partially_upheld'?)"),
    ("complaints:\n  stage2: yes\n",
     "data/2022-23.yaml:5: complaints.stage2: expected a whole number or null, got 'yes', which YAML reads as true/false (write a whole "
     "number such as 12, or null if not published)"),
    ("complaints:\n  stage2: 2.5\n",
     "data/2022-23.yaml:5: complaints.stage2: expected a whole number or null, got 2.5 (write a whole number such as 12, or null if not "
     "published; counts have no decimals)"),
    ("complaints:\n  stage2: -1\n",
     "data/2022-23.yaml:5: complaints.stage2: -1 is negative (expected a whole number of 0 or more, or null)"),
    ("complaints:\n  stage2: '12'\n",
     "data/2022-23.yaml:5: complaints.stage2: expected a whole number or null, got '12' in quotes (remove the quotes)"),
    ("complaints:\n  stage2: 1e3\n",
     "data/2022-23.yaml:5: complaints.stage2: expected a whole number or null, got '1e3' in scientific notation (write the number in "
     "full)"),
    ("complaints:\n  contacts: 1,290\n",
     "data/2022-23.yaml:5: complaints.contacts: expected a whole number or null, got '1,290' (write it without commas: 1290)"),
    ("complaints:\n  contacts: 99999999999\n",
     "data/2022-23.yaml:5: complaints.contacts: 99999999999 is implausibly large (expected at most 10,000,000; check the figure)"),
    ("outcomes:\n  upheld: 3\n  partially_upheld: 4\n  fault_found: 9\n",
     "data/2022-23.yaml:7: outcomes.fault_found: 9 does not equal outcomes.upheld + outcomes.partially_upheld (3 + 4 = 7)"),
    ("ombudsman:\n  complaints: 3\n  investigated: 4\n",
     "data/2022-23.yaml:6: ombudsman.investigated: 4 is more than ombudsman.complaints (3)"),
    ("context:\n  social_care_contacts: 10\n  referrals: 11\n",
     "data/2022-23.yaml:6: context.referrals: 11 is more than context.social_care_contacts (10)"),
    ("complaints:\n  stage1: 5\ntimeliness:\n  stage1_on_time: 6\n",
     "data/2022-23.yaml:7: timeliness.stage1_on_time: 6 is more than complaints.stage1 (5)"),
    ("notes:\n  - text: A change.\n    breaks: [complaints.informl]\n",
     "data/2022-23.yaml:6: notes[1].breaks: 'complaints.informl' is not a figure (did you mean 'complaints.informal'?)"),
    ("complaints:\n  stage2: 2\nrevisions:\n  - date: 2024-05-01\n    field: complaints.stage2\n    from: 1\n    to: 3\n    reason: "
     "Logged late.\n",
     "data/2022-23.yaml:7: revisions[1].to: 3 is not the current value of complaints.stage2 (2); a revision's 'to' must equal the figure "
     "as it now stands"),
    ("complaints:\n  stage1: 1\n  stage1: 2\n",
     "data/2022-23.yaml:6: complaints.stage1: appears twice (first on line 5; keep one)"),
    ("complaints: &c\n  stage1: 1\noutcomes: *c\n",
     "data/2022-23.yaml:4: the anchor '&c' is not allowed (write each value out in full)"),
    ("complaints: !!python/object/apply:os.system ['echo hacked']\n",
     "data/2022-23.yaml:4: complaints: the YAML tag '!!python/object/apply:os.system' is not allowed (write the value plainly, without a "
     "tag)"),
    ("complaints:\n\tstage1: 1\n",
     "data/2022-23.yaml:5: YAML syntax: a tab character: indent with spaces, not tabs"),
    ("presented_to: 'Committee\n",
     "data/2022-23.yaml:5: YAML syntax: a quoted text is not closed (add the closing quote)"),
    ("source:\n  url: javascript:alert(1)\n",
     "data/2022-23.yaml:5: source.url: expected a web address starting https://, got 'javascript:alert(1)'"),
])
def test_one_exact_message_per_problem(data_dir, body, expected):
    assert errors_of(data_dir, {"2022-23.yaml": year_yaml(body=body)}) == [expected]


def test_file_level_problems(data_dir):
    found = errors_of(data_dir, {
        "2021-22.yaml": year_yaml("2020-21"),
        "2022-23.yaml": "year: 2022-24\nstatus: final\n",
        "2023-24.yaml": "",
        "2024-25.yaml": "- just\n- a list\n",
        "2025-26.yaml": b"\xef\xbb\xbfyear: 2025-26\n",
        "2026-27.yaml": b"year: 2026-27\nstatus: draft\npresented_to: caf\xe9\n",
        "notes.yml": "x: 1\n",
        "2027-28.yaml": "year: 2027-28\nstatus: published\n",
    })
    assert found == [
        "data/2021-22.yaml:1: year: 2020-21 does not match the file name 2021-22.yaml (rename the file to 2020-21.yaml, or correct the "
        "year)",
        "data/2022-23.yaml:1: year: '2022-24' is not a reporting year (the second part must be the year after the first, e.g. 2022-23)",
        "data/2022-23.yaml:2: status: expected draft or published, got 'final'",
        "data/2023-24.yaml:1: the file is empty (expected fields such as 'year: 2022-23' and 'status: published')",
        "data/2024-25.yaml:1: expected a mapping of fields ('year: 2022-23', 'status: published', ...), got a list",
        "data/2025-26.yaml:1: the file starts with a byte-order mark (save it as UTF-8 without BOM)",
        "data/2026-27.yaml:3: not UTF-8 text: byte 0xe9 cannot be read (save the file as UTF-8)",
        "data/2027-28.yaml:2: published: is required when status is published (the date the report was presented, e.g. 2024-03-08)",
        "data/notes.yml: not a year file: expected files named like 2022-23.yaml (rename it like 2022-23.yaml)",
    ]


def test_every_error_in_every_file_is_reported_sorted(data_dir):
    found = errors_of(data_dir, {
        "2021-22.yaml": year_yaml("2021-22", "complaints:\n  stage1: x\n  stage2: -2\n"),
        "2022-23.yaml": year_yaml("2022-23", "complaintz: 1\n"),
    })
    assert [f.split(": ")[0] for f in found] == ["data/2021-22.yaml:5", "data/2021-22.yaml:6", "data/2022-23.yaml:4"]


def test_two_files_for_one_year(data_dir):
    found = errors_of(data_dir, {"2022-23.yaml": year_yaml(), "2022-24.yaml": year_yaml()})
    assert found == [
        "data/2022-24.yaml:1: year: 2022-23 does not match the file name 2022-24.yaml (rename the file to 2022-23.yaml, or correct the "
        "year)",
        "data/2022-24.yaml:1: year: 2022-23 is also the year of data/2022-23.yaml (one file per year)",
    ]


def test_object_building_tags_never_execute(data_dir, tmp_path):
    marker = tmp_path / "pwned"
    body = f"compliments: !!python/object/apply:os.system ['touch {marker}']\n"
    assert errors_of(data_dir, {"2022-23.yaml": year_yaml(body=body)})
    assert not marker.exists()


def test_alias_bomb_is_refused_at_its_first_anchor(data_dir):
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    found = errors_of(data_dir, {"2022-23.yaml": bomb})
    assert found == ["data/2022-23.yaml:1: the anchor '&a' is not allowed (write each value out in full)"]


def test_oversized_file_is_refused(data_dir):
    found = errors_of(data_dir, {"2022-23.yaml": year_yaml() + "#" * (1024 * 1024 + 1)})
    assert found[0].startswith("data/2022-23.yaml: the file is ") and "more than the limit of 1,048,576 bytes (1 MiB)" in found[0]


def test_warnings_do_not_stop_the_build(data_dir):
    folder = data_dir({"2022-23.yaml": year_yaml(body="complaints:\n  stage1: 1\n  stage2: 2\n")})
    result = check_dir(folder, "data")
    assert result.errors == ()
    assert [str(w) for w in result.warnings] == [
        "data/2022-23.yaml:6: warning: complaints.stage2: 2 is more than complaints.stage1 (1); allowed, as stages can straddle years, "
        "but worth a second look"]


def test_a_device_is_refused_without_being_read():
    year, problems = load_file("/dev/zero", "data/2022-23.yaml")  # reading it would never end
    assert year is None
    assert [str(p) for p in problems] == ["data/2022-23.yaml: is a device, not a file (a year file is a YAML text file)"]


def test_a_symbolic_link_inside_the_data_folder_is_read(data_dir):
    folder = data_dir({".2022-23.yaml.real": year_yaml(body="compliments: 7\n")})
    (folder / "2022-23.yaml").symlink_to(folder / ".2022-23.yaml.real")
    result = check_dir(folder, "data")
    assert result.errors == () and result.dataset.get("2022-23").compliments == 7


def test_a_symbolic_link_out_of_the_data_folder_is_never_read(data_dir, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("year: 2022-23\nstatus: draft\npassword: hunter2\n")
    folder = data_dir({})
    (folder / "2022-23.yaml").symlink_to(secret)
    found = errors_of(data_dir, {})
    assert found == ["data/2022-23.yaml: is a symbolic link to a file outside the data folder (copy the file into the data folder instead)"]


@pytest.mark.parametrize("body, expected", [
    ("compliments: 0\n", 0),
    ("compliments: 10000000\n", 10_000_000),
    ("compliments:\n", None),
    ("compliments: ~\n", None),
    ("compliments: null\n", None),
    ("compliments: NULL\n", None),
])
def test_plain_digits_and_null_are_counts(data_dir, body, expected):
    folder = data_dir({"2022-23.yaml": year_yaml(body=body)})
    year, problems = load_file(folder / "2022-23.yaml")
    assert problems == [] and year.compliments == expected


def test_running_text_may_hold_line_breaks_and_tabs(data_dir):
    body = "notes:\n  - text: |\n      First line.\n      Second\tline.\n"
    folder = data_dir({"2022-23.yaml": year_yaml(body=body)})
    year, problems = load_file(folder / "2022-23.yaml")
    assert problems == [] and year.notes[0].text == "First line.\nSecond\tline."


def test_every_tagged_value_is_named_and_the_other_problems_still_reported(data_dir):
    body = "complaints:\n  contacts: !!int 129\n  stage1: 0100\nthemes:\n  - name: !!str Delays\n    count: !!null 3\n"
    assert errors_of(data_dir, {"2022-23.yaml": year_yaml(body=body)}) == [
        "data/2022-23.yaml:5: complaints.contacts: the YAML tag '!!int' is not allowed (write the value plainly: 129, or null)",
        "data/2022-23.yaml:6: complaints.stage1: expected a whole number or null, got '0100', which is not a plain whole number (write "
        "100, not 0100)",
        "data/2022-23.yaml:8: themes[1].name: the YAML tag '!!str' is not allowed (write the value plainly, without a tag)",
        "data/2022-23.yaml:9: themes[1].count: the YAML tag '!!null' is not allowed (write the value plainly: 129, or null)",
    ]


def test_a_problem_never_prints_a_raw_control_or_invisible_character():
    problem = Problem("data/2022-23.yaml", 4, "compl\x1b[2Jaints", "got 'a\u202eb\x07\ud800' on\ntwo lines")
    assert str(problem) == "data/2022-23.yaml:4: compl\\x1b[2Jaints: got 'aU+202Eb\\x07U+D800' on two lines"


def test_a_count_in_quotes_is_refused_even_when_it_says_null(data_dir):
    assert errors_of(data_dir, {"2022-23.yaml": year_yaml(body="compliments: 'null'\n")}) == [
        "data/2022-23.yaml:4: compliments: expected a whole number or null, got 'null' in quotes (remove the quotes)"]


def test_every_problem_is_reported_when_the_year_is_missing(data_dir):
    body = "status: draft\npresented_to: \"Scrutiny\\u202eCommittee\"\n"
    assert errors_of(data_dir, {"2022-23.yaml": body}) == [
        "data/2022-23.yaml:1: year: is missing (expected e.g. 'year: 2022-23', matching the file name)",
        "data/2022-23.yaml:2: presented_to: holds U+202E, the invisible character right-to-left override, which is not allowed in text "
        "(delete it: it is invisible or changes how the text around it is shown)",
    ]


@pytest.mark.parametrize("written", ['"2022-23\\n"', '"\\u0662\\u0660\\u0662\\u0662-\\u0662\\u0663"'])
def test_a_year_is_written_in_ascii_digits_only(data_dir, written):
    found = errors_of(data_dir, {"2022-23.yaml": f"year: {written}\nstatus: draft\n"})
    assert len(found) == 1 and found[0].startswith("data/2022-23.yaml:1: year: ") and "is not a reporting year" in found[0]
