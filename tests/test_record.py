"""The publication record: the lock and links.txt guard each other, revisions
form a chain, dates make sense, withdrawals are explicit, writes are atomic,
and a new site starts afresh in one step."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from report.build import validate
from report.links import site_urls
from report.lock import LOCK_NAME, read_lock
from report.newsite import latest_reporting_year
from tests.conftest import ROOT, copy_project

TODAY = dt.date(2026, 11, 29)
LOCK = "data/published.lock.json"


@pytest.fixture
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to the working directory
    return copy_project(tmp_path / "project")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def _errors(project: Path, today: dt.date = TODAY) -> list[str]:
    _, errors, _ = validate(project, today=today)
    return [str(e).replace("project/", "") for e in errors]


def _lock(project: Path) -> dict:
    return json.loads((project / "data" / LOCK_NAME).read_text())


def _write_lock(project: Path, lock: dict) -> None:
    (project / "data" / LOCK_NAME).write_text(json.dumps(lock, indent=2))


def _run(project: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report", *args], cwd=project, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})})


REVISION = "\nrevisions:\n  - date: {date}\n    field: complaints.stage2\n    from: {old}\n    to: {new}\n    reason: Logged late.\n"


def _revise(project: Path, *revisions: tuple[str, object, object], now: int) -> None:
    data = project / "data" / "2022-23.yaml"
    _edit(data, "stage2: 2 ", f"stage2: {now} ")
    body = "\nrevisions:\n" + "".join(f"  - date: {d}\n    field: complaints.stage2\n    from: {a}\n    to: {b}\n    reason: Logged late.\n"
                                      for d, a, b in revisions)
    data.write_text(data.read_text() + body)


# -- the lock and links.txt guard each other ----------------------------------

def test_the_example_record_is_complete(project):
    assert _errors(project) == []


def test_a_removed_lock_entry_of_a_linked_year_is_an_error(project):
    lock = _lock(project)
    del lock["years"]["2022-23"]
    _write_lock(project, lock)
    _edit(project / "data" / "2022-23.yaml", "stage2: 2 ", "stage2: 3 ")
    assert _errors(project) == [
        f"{LOCK}: years.2022-23: is missing, but links.txt lists addresses of 2022-23, so it was published (restore the entry from git)"]


def test_a_removed_lock_file_is_an_error_for_each_linked_year(project):
    (project / "data" / LOCK_NAME).unlink()
    errors = _errors(project)
    assert errors == [f"{LOCK}: is missing, but links.txt lists addresses of {y}, so it was published (restore the lock from git; "
                      "to start a new site, run 'make new-site CONFIRM=1')" for y in ("2019-20", "2020-21", "2021-22", "2022-23")]


def test_a_removed_links_file_is_an_error(project):
    (project / "links.txt").unlink()
    assert _errors(project) == ["links.txt: is missing, but data/published.lock.json records published years (2019-20, 2020-21, 2021-22, "
                                "2022-23); restore it from git (to start a new site, run 'make new-site CONFIRM=1')"]


def test_moved_publication_dates_are_errors_keyed_by_year(project):
    for path in (project / "data").glob("*.yaml"):
        text = path.read_text()
        path.write_text(text.replace("published: 2024-03-08", "published: 2024-03-09")
                        .replace("published: 2021-10-15", "published: 2021-10-16"))
    _edit(project / "data" / "2022-23.yaml", "stage2: 2 ", "stage2: 3 ")
    errors = _errors(project)
    assert (
        "data/2022-23.yaml:6: published: is 2024-03-09, but 2022-23 was published on 2024-03-08 (the date of a published report "
        "does not change: restore it)" in errors
    )
    assert any(e.startswith("data/2022-23.yaml:20: complaints.stage2: is 3, but 2022-23 was published with 2") for e in errors)
    assert len(errors) == 5


def test_a_changed_source_is_an_error(project):
    _edit(project / "data" / "2022-23.yaml", "url: https://lincolnshire.moderngov.co.uk/\n", "url: https://example.org/\n")
    assert _errors(project) == [
        "data/2022-23.yaml:10: source.url: differs from the source 2022-23 was published with "
        "('https://lincolnshire.moderngov.co.uk/'); restore it (a correction goes in notes)"
    ]


def test_text_from_the_lock_never_reaches_the_terminal_raw(project):
    lock = _lock(project)
    lock["years"]["2022-23"]["source"]["url"] = "https://x.example/\x1b[2J"
    _write_lock(project, lock)
    assert _errors(project) == [
        "data/2022-23.yaml:10: source.url: differs from the source 2022-23 was published with "
        "('https://x.example/\\u001b[2J'); restore it (a correction goes in notes)"
    ]


def test_a_locked_year_set_back_to_draft_is_an_error(project):
    _edit(project / "data" / "2022-23.yaml", "status: published", "status: draft")
    links = project / "links.txt"
    links.write_text("".join(line + "\n" for line in links.read_text().splitlines() if not line.startswith("2022-23/")))
    assert _errors(project) == [
        "data/2022-23.yaml:5: status: is draft, but 2022-23 was published on 2024-03-08 (a published report stays "
        "published: set status: published, or withdraw the year: see README)"
    ]


def test_a_linked_year_without_lock_entry_set_back_to_draft_is_an_error(project):
    lock = _lock(project)
    del lock["years"]["2022-23"]
    _write_lock(project, lock)
    _edit(project / "data" / "2022-23.yaml", "status: published", "status: draft")
    assert _errors(project) == [
        "data/2022-23.yaml:5: status: is draft, but links.txt lists addresses of 2022-23, so it was published "
        "(set status: published again, or withdraw the year: see README)"
    ]


def test_a_lock_that_matches_no_data_file_is_an_error(project):
    for old in (project / "data").glob("*.yaml"):
        old.unlink()
    (project / "data" / "2024-25.yaml").write_text("year: 2024-25\nstatus: published\npublished: 2025-06-01\ncomplaints:\n  stage1: 40\n")
    errors = _errors(project)
    assert f"{LOCK}: matches none of the data files (to start a new site, run 'make new-site CONFIRM=1')" in errors
    assert (
        f"{LOCK}: years.2019-20: was published on 2021-10-15, but data/2019-20.yaml is missing (restore it: published reports "
        "stay on the site, or withdraw the year: see README)" in errors
    )
    assert len(errors) == 5


def test_deleting_every_year_file_is_an_error_for_each_locked_year(project):
    for old in (project / "data").glob("*.yaml"):
        old.unlink()
    errors = _errors(project)
    assert errors[0] == f"{LOCK}: matches none of the data files (to start a new site, run 'make new-site CONFIRM=1')"
    assert [e.split(": ")[1] for e in errors[1:]] == ["years.2019-20", "years.2020-21", "years.2021-22", "years.2022-23"]


def test_a_linked_year_without_data_file_or_lock_entry_is_an_error(project):
    lock = _lock(project)
    del lock["years"]["2019-20"]
    _write_lock(project, lock)
    (project / "data" / "2019-20.yaml").unlink()
    assert _errors(project) == [
        "links.txt: lists addresses of 2019-20, but its data file and its lock entry are missing "
        "(restore both from git, or withdraw the year: see README)"
    ]


def test_a_withdrawn_year_may_go_and_is_listed_on_all_reports(project):
    (project / "data" / "2019-20.yaml").unlink()
    lock = _lock(project)
    lock["withdrawn"] = {"2019-20": {"date": "2025-01-31", "reason": "The figure was inferred, <not> stated."}}
    _write_lock(project, lock)
    assert _errors(project) == []
    from macros import MACROS
    from report.settings import read_config
    from report.version import version_context

    extra = dict(read_config(project)["extra"])
    extra["report"] = {**(extra.get("report") or {}), "data_dir": str(project / "data"), "year": "2022-23"}
    page = MACROS["all_reports"](version_context(project, extra), "reports/")
    assert '<li class="cr-withdrawn">2019 to 2020: withdrawn on 31 January 2025: The figure was inferred, &lt;not&gt; stated.</li>' in page
    assert 'href="../../2019-20/"' not in page


def test_a_withdrawn_year_that_is_still_published_is_an_error(project):
    lock = _lock(project)
    lock["withdrawn"] = {"2019-20": {"date": "2025-01-31", "reason": "Inferred."}}
    _write_lock(project, lock)
    assert _errors(project) == [
        "data/2019-20.yaml:4: status: is published, but data/published.lock.json records that 2019-20 was "
        "withdrawn on 2025-01-31 (remove the withdrawal to publish it again)"
    ]


# -- a lock file that is not valid --------------------------------------------


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            lambda lock: {**lock, "years": []},
            f'{LOCK}: years: expected an object of locked years such as {{"2022-23": {{...}}}}, got a list',
        ),
        (
            lambda lock: lock["years"]["2022-23"]["figures"].update({"complaints.stage_1": 3}) or lock,
            f"{LOCK}: years.2022-23.figures.complaints.stage_1: is not a figure (did you mean 'complaints.stage1'?)",
        ),
        (
            lambda lock: lock["years"]["2022-23"]["figures"].update({"complaints.stage2": 2.5}) or lock,
            f"{LOCK}: years.2022-23.figures.complaints.stage2: expected a whole number or null, got 2.5",
        ),
        (
            lambda lock: lock["years"]["2022-23"]["figures"].update({"complaints.stage2": "2"}) or lock,
            f'{LOCK}: years.2022-23.figures.complaints.stage2: expected a whole number or null, got "2"',
        ),
        (lambda lock: {**lock, "schema": 9}, f"{LOCK}: schema: expected 1 or 2 (the lock formats this version reads), got 9"),
        (
            lambda lock: {**lock, "withdrawn": {"2019-20": {"date": "soon", "reason": "x"}}},
            f"{LOCK}: withdrawn.2019-20.date: expected the date of the withdrawal written YYYY-MM-DD",
        ),
        (
            lambda lock: {**lock, "withdrawn": {"2019-20": {"date": "2025-01-01", "reason": "a\x1b[31mred"}}},
            f"{LOCK}: withdrawn.2019-20.reason: contains a control or invisible character (write plain text)",
        ),
    ],
)
def test_an_invalid_lock_gives_one_line_naming_the_entry(project, change, expected):
    _write_lock(project, change(_lock(project)))
    assert _errors(project) == [expected]


def _drop(key):
    def change(lock):
        del lock["years"]["2022-23"]["figures"][key]
        return lock
    return change


@pytest.mark.parametrize(
    "change, expected",
    [
        (
            _drop("complaints.contacts"),
            f"{LOCK}: years.2022-23.figures: is missing complaints.contacts (an entry keeps every figure of its year as published, "
            "null included; restore it from git)",
        ),
        (
            lambda lock: lock["years"]["2022-23"].update({"figures": {}}) or lock,
            f"{LOCK}: years.2022-23.figures: is missing complaints.contacts, complaints.informal, complaints.stage1 and 15 more "
            "(an entry keeps every figure of its year as published, null included; restore it from git)",
        ),
    ],
)
def test_a_lock_entry_keeps_every_figure(project, change, expected):
    _write_lock(project, change(_lock(project)))
    _edit(project / "data" / "2022-23.yaml", "contacts: 129", "contacts: 999")
    assert _errors(project) == [expected]


def test_a_year_that_was_never_published_cannot_be_withdrawn(project):
    lock = _lock(project)
    lock["withdrawn"] = {"2031-32": {"date": "2025-01-31", "reason": "Never was."}}
    _write_lock(project, lock)
    assert _errors(project) == [
        f"{LOCK}: withdrawn.2031-32: 2031-32 has no entry in years: a year that was never published cannot be withdrawn, "
        "and a withdrawn year keeps its entry (restore it from git)"]


def test_a_withdrawal_without_its_lock_entry_is_an_error(project):
    (project / "data" / "2022-23.yaml").unlink()
    lock = _lock(project)
    del lock["years"]["2022-23"]
    lock["withdrawn"] = {"2022-23": {"date": "2025-01-31", "reason": "Gone."}}
    _write_lock(project, lock)
    assert _errors(project) == [
        f"{LOCK}: withdrawn.2022-23: 2022-23 has no entry in years: a year that was never published cannot be withdrawn, "
        "and a withdrawn year keeps its entry (restore it from git)"]


@pytest.mark.parametrize("date, expected", [
    ("2099-01-01", "2099-01-01 is after the build date (2026-11-29); write the date the report was withdrawn"),
    ("2024-03-07", "2024-03-07 is before 2022-23 was published (2024-03-08); write the date the report was withdrawn"),
])
def test_a_withdrawal_is_dated_between_publication_and_the_build(project, date, expected):
    (project / "data" / "2022-23.yaml").unlink()
    lock = _lock(project)
    lock["withdrawn"] = {"2022-23": {"date": date, "reason": "Gone."}}
    _write_lock(project, lock)
    assert _errors(project) == [f"{LOCK}: withdrawn.2022-23.date: {expected}"]


def test_a_key_written_twice_in_the_lock_is_an_error(project):
    text = (project / "data" / LOCK_NAME).read_text()
    _edit(project / "data" / LOCK_NAME, '"complaints.contacts": 129,', '"complaints.contacts": 129,\n"complaints.contacts": 999,')
    assert text != (project / "data" / LOCK_NAME).read_text()
    _edit(project / "data" / "2022-23.yaml", "contacts: 129", "contacts: 999")
    assert _errors(project) == [f'{LOCK}: has the key "complaints.contacts" twice in one object (each key is written once; '
                                "restore it from git)"]


def test_a_lock_figure_of_thousands_of_digits_gives_one_line(project):
    _edit(project / "data" / LOCK_NAME, '"complaints.contacts": 129,', '"complaints.contacts": ' + "9" * 5000 + ",")
    assert _errors(project) == [f"{LOCK}: holds a number 5,000 digits long, which no figure is; restore it from git"]


def _not_a_file(path: Path, kind: str) -> None:
    path.unlink()
    if kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "device":
        path.symlink_to("/dev/zero")
    elif kind == "nowhere":
        path.symlink_to("gone.json")
    else:
        path.write_bytes(b'{"schema": 2,\n"years": {"\xff": 1}}\n')


NOT_A_FILE = {
    "folder": "is not a regular file (a folder); restore it from git",
    "fifo": "is not a regular file (a named pipe); restore it from git",
    "loop": "is not a regular file (a symbolic link loop); restore it from git",
    "device": "is not a regular file (a device); restore it from git",
    "nowhere": "is not a regular file (a symbolic link to nothing); restore it from git",
    "bytes": "is not UTF-8 (byte 0xff cannot be read); restore it from git",
}


@pytest.mark.parametrize("kind", NOT_A_FILE)
@pytest.mark.parametrize("name", [LOCK, "links.txt"])
def test_a_record_file_that_is_no_text_file_gives_one_line_with_the_right_word(project, name, kind):
    _not_a_file(project / name, kind)
    line = ":2" if kind == "bytes" else ""
    assert _errors(project) == [f"{name}{line}: {NOT_A_FILE[kind]}"]


def test_a_withdrawn_years_addresses_are_no_longer_required(tmp_path):
    from report.links import missing_links

    (tmp_path / "2022-23").mkdir()
    (tmp_path / "2022-23" / "index.html").write_text("")
    links = ["2022-23/", "2019-20/", "2019-20/data/2019-20.csv", "2020-21/"]
    assert missing_links(tmp_path, links, {"2022-23"}, frozenset({"2019-20"})) == ([], ["2020-21/"])


@pytest.mark.parametrize("folder, what", [("nowhere", "does not exist"), ("data", "is not a built site (it has no versions.json)")])
def test_links_needs_a_built_site(project, folder, what):
    before = (project / "links.txt").read_text()
    result = _run(project, "links", "--dir", folder)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"links: {folder} {what}; build the site first (make site), then run make links"]
    assert (project / "links.txt").read_text() == before


def test_a_lock_that_is_not_json_gives_one_line(project):
    (project / "data" / LOCK_NAME).write_text('{"schema": 2,\n "years": {')
    assert _errors(project) == [f"{LOCK}:2: is not valid JSON (Expecting property name enclosed in double quotes, column 12); "
                                "restore it from git"]


def test_a_schema_1_lock_is_still_read(project):
    lock = _lock(project)
    lock["schema"] = 1
    del lock["withdrawn"]
    _write_lock(project, lock)
    assert _errors(project) == []


# -- revisions ----------------------------------------------------------------


def test_successive_revisions_are_accepted(project):
    _revise(project, ("2024-05-01", 2, 3), ("2024-06-01", 3, 4), now=4)
    assert _errors(project) == []


def test_same_day_revisions_chain_in_listed_order(project):
    _revise(project, ("2024-05-01", 2, 3), ("2024-05-01", 3, 4), now=4)
    assert _errors(project) == []


def test_a_revision_from_a_value_that_was_not_published_is_refused(project):
    _revise(project, ("2024-05-01", 5, 3), now=3)
    assert _errors(project) == ["data/2022-23.yaml:52: revisions[1].from: 5, but 2022-23 was published with 2"]


def test_a_revision_that_does_not_follow_the_previous_one_is_refused(project):
    _revise(project, ("2024-05-01", 2, 3), ("2024-06-01", 5, 4), now=4)
    assert _errors(project) == ["data/2022-23.yaml:57: revisions[2].from: 5, but the previous revision of complaints.stage2 (2024-05-01) "
                                "changed it to 3"]


def test_revisions_chain_in_date_order_not_listed_order(project):
    _revise(project, ("2024-06-01", 3, 4), ("2024-05-01", 2, 3), now=4)
    assert _errors(project) == []


def test_a_no_op_revision_is_refused(project):
    _revise(project, ("2024-05-01", 2, 3), ("2024-06-01", 3, 3), now=3)
    assert _errors(project) == ["data/2022-23.yaml:57: revisions[2].to: 3 is the same as from (a revision changes a figure: remove it)"]


def test_a_revision_before_publication_or_after_the_build_date_is_refused(project):
    _revise(project, ("2024-01-01", 2, 3), ("2026-12-01", 3, 4), now=4)
    assert _errors(project) == [
        "data/2022-23.yaml:52: revisions[1].date: 2024-01-01 is before 2022-23 was published (2024-03-08)",
        "data/2022-23.yaml:57: revisions[2].date: 2026-12-01 is after the build date (2026-11-29)",
    ]


def test_the_build_date_is_source_date_epoch_when_set(project, monkeypatch):
    _revise(project, ("2024-05-01", 2, 3), now=3)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 4, 30, tzinfo=dt.UTC).timestamp())))
    _, errors, _ = validate(project)
    assert [e.message for e in errors] == ["2024-05-01 is after the build date (2024-04-30)"]


@pytest.mark.parametrize("epoch", ["abc", "99999999999999999", "-1", "1e9", " 1"])
def test_a_source_date_epoch_that_is_no_date_gives_one_line(project, monkeypatch, epoch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    _, errors, _ = validate(project)
    assert [str(e) for e in errors] == [
        f"SOURCE_DATE_EPOCH: expected seconds since 1970 as a whole number from 0 to 253402300799 (the end of 9999), "
        f"got '{epoch}' (unset it to build with today's date)"]


def test_a_revision_of_a_figure_published_as_null_is_refused(project):
    data = project / "data" / "2022-23.yaml"
    _edit(data, "stage3: null ", "stage3: 1 ")
    data.write_text(
        data.read_text() + "\nrevisions:\n  - date: 2024-05-01\n    field: complaints.stage3\n    from: null\n    to: 1\n"
        "    reason: Found later.\n"
    )
    assert _errors(project) == [
        "data/2022-23.yaml:52: revisions[1].field: complaints.stage3 was published as null in 2022-23, "
        "so it has no published figure to revise"
    ]


def test_a_figure_published_as_null_cannot_be_filled_in(project):
    _edit(project / "data" / "2022-23.yaml", "stage3: null ", "stage3: 1 ")
    assert _errors(project) == ["data/2022-23.yaml:21: complaints.stage3: is 1, but 2022-23 was published without it (null), and a figure "
                                "that was not published cannot be added later "
                                "(restore null; give it in a note or in a later year's report)"]


def test_the_last_revision_must_reach_the_current_value(project):
    _revise(project, ("2024-05-01", 2, 3), ("2024-06-01", 3, 4), now=5)
    assert _errors(project) == [
        "data/2022-23.yaml:57: revisions[2].to: 4 is not the current value of complaints.stage2 (5); "
        "a revision's 'to' must equal the figure as it now stands"
    ]


# -- dates --------------------------------------------------------------------


def test_a_publication_date_within_the_reporting_year_is_refused(project):
    lock = _lock(project)
    del lock["years"]["2022-23"]
    _write_lock(project, lock)
    (project / "links.txt").write_text("")
    _edit(project / "data" / "2022-23.yaml", "published: 2024-03-08", "published: 2023-03-31")
    assert _errors(project) == [
        "data/2022-23.yaml:6: published: 2023-03-31 is not after the end of the reporting year 2022-23 "
        "(2023-03-31); write the date the report was presented"
    ]


def test_a_publication_date_after_the_build_date_is_refused(project):
    assert (
        _errors(project, today=dt.date(2024, 3, 7))
        == [
            "data/2022-23.yaml:6: published: 2024-03-08 is after the build date (2024-03-07); write the date the report was presented",
            "data/2021-22.yaml:6: published: 2024-03-08 is after the build date (2024-03-07); write the date the report was presented",
        ][::-1]
    )


def test_a_draft_with_last_years_date_is_a_warning(project):
    (project / "data" / "2023-24.yaml").write_text("year: 2023-24\nstatus: draft\npublished: 2024-03-08\n")
    _, errors, warnings = validate(project, today=TODAY)
    assert errors == []
    assert "data/2023-24.yaml:3: warning: published: 2024-03-08 is the date of 2022-23's report (copied from 2022-23?)" in [
        str(w).replace("project/", "") for w in warnings
    ]


# -- atomic writes ------------------------------------------------------------


def test_publish_locks_a_new_year_and_a_failure_leaves_the_lock_untouched(project):
    (project / "data" / "2023-24.yaml").write_text(
        'year: 2023-24\nstatus: published\npublished: 2024-07-01\ncomplaints:\n  stage1: 90\nsource:\n  title: "Report \\uD800"\n'
    )
    before = (project / "data" / LOCK_NAME).read_bytes()
    result = _run(project, "publish")
    assert (project / "data" / LOCK_NAME).read_bytes() == before
    assert result.returncode == 1 and "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert not [p for p in (project / "data").iterdir() if p.name.endswith(".tmp")]
    (project / "data" / "2023-24.yaml").write_text("year: 2023-24\nstatus: published\npublished: 2024-07-01\ncomplaints:\n  stage1: 90\n")
    result = _run(project, "publish")
    assert result.stdout == "publish: locked 2023-24\n", result.stderr
    assert _lock(project)["years"]["2023-24"]["figures"]["complaints.stage1"] == 90
    assert json.loads(before)["years"] == {y: e for y, e in _lock(project)["years"].items() if y != "2023-24"}


def test_a_failure_while_serialising_leaves_the_old_lock_untouched(project):
    from report.lock import write_lock
    from report.model import ReportingYear, Source, YearId

    path = project / "data" / LOCK_NAME
    before = path.read_bytes()
    bad = ReportingYear(YearId(2023), published=dt.date(2024, 7, 1), source=Source(title="Report \ud800"))
    with pytest.raises(UnicodeEncodeError):
        write_lock(project / "data", read_lock(path, LOCK)[0], [bad])
    assert path.read_bytes() == before
    left = sorted(p.name for p in (project / "data").iterdir() if not p.name.endswith(".yaml") and p.name != "council")
    assert left == [LOCK_NAME, "schema.json"]


def test_the_addresses_of_a_site_are_its_pages_and_every_download_file(tmp_path):
    for name in ("2024-25/index.html", "2024-25/corporate/index.html", "2024-25/data/index.html", "2024-25/data/all-series.csv",
                 "2024-25/data/corporate/2024-25.json", "2024-25/data/children/2019-20.json", "versions.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    assert sorted(site_urls(tmp_path)) == ["", "2024-25/", "2024-25/corporate/", "2024-25/data/", "2024-25/data/all-series.csv",
                                           "2024-25/data/children/2019-20.json", "2024-25/data/corporate/2024-25.json", "versions.json"]


def test_links_refuses_the_addresses_of_a_year_that_is_not_locked(project):
    site = project / "site"
    (site / "2023-24").mkdir(parents=True)
    (site / "2023-24" / "index.html").write_text("")
    (site / "versions.json").write_text("[]")
    before = (project / "links.txt").read_text()
    result = _run(project, "links", "--dir", "site")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "links.txt: 2023-24 is not locked yet (run 'make publish' first, so that its figures are recorded before its addresses)",
        "Nothing was added to links.txt.",
    ]
    assert (project / "links.txt").read_text() == before


# -- starting afresh ----------------------------------------------------------


def test_the_latest_reporting_year_is_the_last_that_has_ended():
    assert latest_reporting_year(dt.date(2026, 3, 31)).id == "2024-25"
    assert latest_reporting_year(dt.date(2026, 4, 1)).id == "2025-26"


def test_new_site_asks_for_confirmation_then_starts_afresh(project):
    refused = _run(project, "new-site")
    assert refused.returncode == 1 and "make new-site CONFIRM=1" in refused.stderr
    assert (project / "data" / "2022-23.yaml").is_file()
    epoch = str(int(dt.datetime(2026, 11, 29, tzinfo=dt.UTC).timestamp()))
    done = _run(project, "new-site", "--yes", env={"SOURCE_DATE_EPOCH": epoch})
    assert done.stdout == "new-site: wrote data/2025-26.yaml (a draft: fill in its figures, then run make validate)\n", done.stderr
    assert sorted(p.name for p in (project / "data").iterdir() if p.suffix == ".yaml") == ["2025-26.yaml"]
    assert list((project / "docs" / "commentary").glob("*.md")) == []
    assert read_lock(project / "data" / LOCK_NAME, LOCK)[0].years == {}
    assert [line for line in (project / "links.txt").read_text().splitlines() if not line.startswith("#")] == []
    dataset, errors, _ = validate(project, today=TODAY)
    assert errors == [] and [(y.id, y.is_draft, y.figures()["complaints.stage1"]) for y in dataset.years] == [("2025-26", True, None)]
    checked = _run(project, "validate")
    assert checked.returncode == 0 and checked.stdout.startswith("data: 1 year valid (2025-26)"), checked.stderr


def test_the_repository_locks_are_written_in_the_current_format():
    locks = sorted((ROOT / "data").glob(f"*/{LOCK_NAME}"))
    assert [p.parent.name for p in locks] == ["children", "corporate"]
    assert [json.loads(p.read_text())["schema"] for p in locks] == [2, 2]


def test_links_refuses_to_write_over_a_links_file_that_is_no_text_file(project):
    (project / "site").mkdir()
    (project / "site" / "versions.json").write_text("[]")
    _not_a_file(project / "links.txt", "folder")
    result = _run(project, "links", "--dir", "site")
    assert (result.returncode, result.stderr.splitlines()) == (
        1, [f"links.txt: {NOT_A_FILE['folder']}", "Nothing was added to links.txt."])
    assert (project / "links.txt").is_dir()


def test_a_missing_year_of_a_series_is_named_by_its_series_folder(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project", single_series=False)
    monkeypatch.chdir(project)
    (project / "data" / "children" / "2021-22.yaml").unlink()
    _, errors, _ = validate(project)
    missing = [str(e) for e in errors if "is missing" in str(e)]
    assert missing == [
        "data/children/published.lock.json: years.2021-22: was published on 2024-03-08, but data/children/2021-22.yaml "
        "is missing (restore it: published reports stay on the site, or withdraw the year: see README)"
    ]
