"""Property-based tests: any valid year builds and its statistics equal an
independent calculation; any mutation of a valid file gives clear errors.

Every test is derandomized (the same examples on every run, so a failure is reproducible
and the suite's time is steady) and runs only as many examples as its strategy needs to
reach its cases: rendering a whole year is the slow one, so it runs five."""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros import MACROS
from report.fmt import HouseStyle
from report.load import check_dir
from report.model import Complaints, Context, Dataset, Ombudsman, Outcomes, ReportingYear, Theme, Timeliness, YearId
from report.present import year_report
from report.settings import Council, Settings
from report.text import summary
from report.version import VersionContext

maybe = lambda s: st.one_of(st.none(), s)  # noqa: E731
small = st.integers(min_value=0, max_value=400)


@st.composite
def years(draw, start: int) -> ReportingYear:
    """A year that satisfies every rule of the schema, with any mix of nulls."""
    stage1 = draw(maybe(small))
    informal = draw(maybe(small))
    contacts = draw(maybe(st.integers(min_value=(informal or 0) + (stage1 or 0), max_value=900)))
    cap = stage1 if stage1 is not None else 400
    upheld = draw(maybe(st.integers(0, cap)))
    partly = draw(maybe(st.integers(0, cap - (upheld or 0))))
    not_upheld = draw(maybe(st.integers(0, cap - (upheld or 0) - (partly or 0))))
    withdrawn = draw(maybe(st.integers(0, cap - (upheld or 0) - (partly or 0) - (not_upheld or 0))))
    fault = (upheld + partly) if (upheld is not None and partly is not None and draw(st.booleans())) else (
        draw(maybe(st.integers(0, cap))) if upheld is None or partly is None else None)
    responded = draw(maybe(small))
    base = responded if responded is not None else stage1
    on_time = draw(maybe(st.integers(0, base))) if base is not None else None
    om_c = draw(maybe(st.integers(0, 50)))
    om_i = draw(maybe(st.integers(0, om_c if om_c is not None else 50)))
    om_u = draw(maybe(st.integers(0, om_i if om_i is not None else (om_c if om_c is not None else 50))))
    social = draw(maybe(st.integers(0, 90000)))
    referrals = draw(maybe(st.integers(0, social if social is not None else 90000)))
    themes = tuple(Theme(n, draw(maybe(st.integers(0, 50)))) for n in draw(st.lists(st.sampled_from(
        ["Communication", "Delay", "SEND provision", "Staff conduct and attitude"]), unique=True, max_size=3)))
    return ReportingYear(
        YearId(start), complaints=Complaints(contacts, informal, stage1, draw(maybe(small)), draw(maybe(small))),
        outcomes=Outcomes(upheld, partly, not_upheld, withdrawn, fault), timeliness=Timeliness(on_time, responded),
        ombudsman=Ombudsman(om_c, om_i, om_u), context=Context(social, referrals),
        compliments=draw(maybe(st.integers(0, 2000))), themes=themes,
    )


@st.composite
def datasets(draw) -> Dataset:
    starts = sorted(draw(st.sets(st.integers(2015, 2024), min_size=1, max_size=4)))
    return Dataset(tuple(draw(years(s)) for s in starts))


def independent(n, d, places):
    """The statistics spec, computed here without the code under test."""
    if n is None or d is None or d == 0:
        return None, None
    value = Decimal(n) * 100 / Decimal(d)
    quantum = Decimal(1).scaleb(-places)
    shown = value.quantize(quantum, rounding=ROUND_HALF_UP)
    if shown == 0 and n != 0:
        return n / d, f"less than {quantum if places else 1}%"
    return n / d, f"{shown:,.{places}f}%"


def expected_parts(y: ReportingYear) -> dict:
    o, c = y.outcomes, y.complaints
    fault = o.upheld + o.partially_upheld if o.upheld is not None and o.partially_upheld is not None else o.fault_found
    responded = y.timeliness.stage1_responded if y.timeliness.stage1_responded is not None else c.stage1
    return {
        "informal_rate": (c.informal, c.contacts, 0), "referral_complaint_rate": (c.contacts, y.context.referrals, 1),
        "upheld_rate": (o.upheld, c.stage1, 0), "partially_upheld_rate": (o.partially_upheld, c.stage1, 0),
        "fault_found_rate": (fault, c.stage1, 0), "not_upheld_rate": (o.not_upheld, c.stage1, 0),
        "stage2_escalation_rate": (c.stage2, c.stage1, 0), "stage3_escalation_rate": (c.stage3, c.stage2, 0),
        "stage1_on_time_rate": (y.timeliness.stage1_on_time, responded, 0),
        "ombudsman_upheld_rate": (y.ombudsman.upheld, y.ombudsman.investigated, 0),
    }


@settings(max_examples=100, deadline=None, derandomize=True)
@given(datasets())
def test_statistics_equal_an_independent_calculation(dataset):
    for y in dataset.years:
        data = json.loads(json.dumps(year_report(dataset, y.id).to_dict()))
        for name, (n, d, places) in expected_parts(y).items():
            value, display = independent(n, d, places)
            got = data["statistics"][name]
            assert (got["value"], got["display"]) == (value, display), name
        prev = dataset.previous(y)
        if prev is None:
            assert data["changes"] == {}
            continue
        change = data["changes"]["complaints.stage1"]
        a, b = prev.complaints.stage1, y.complaints.stage1
        assert change["difference"] == (None if a is None or b is None else b - a)
        if a and b is not None:
            shown = (Decimal(abs(b - a)) * 100 / Decimal(a)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            assert change["display"] == ("less than 1%" if shown == 0 and b != a else f"{shown:,}%")


SETTINGS = Settings(Council("Test Council", "Children's Social Care", "Committee", "https://example.org/", "us", ""))


@settings(max_examples=5, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_renders_every_part_without_none_or_nan(dataset):
    version = dataset.newest.id
    reports = {y.id: year_report(dataset, y.id, HouseStyle()) for y in dataset.years}
    ctx = VersionContext(SETTINGS, dataset, version, version, reports, "")
    parts = [MACROS[name](ctx, "") for name in ("report_title", "headline", "summary", "sections", "notes", "compare",
                                                "downloads_list")] + [" ".join(summary(reports[version]))]
    text = re.sub(r"<[^>]+>", " ", "\n".join(parts))
    assert not re.search(r"\bNone\b|\bnan\b|\bnull\b|Traceback", text)
    for name, content in ctx.chart_files.items():
        assert b"NaN" not in content and b"None" not in content, name


VALID = (Path(__file__).parent.parent / "data" / "children" / "2022-23.yaml").read_text()
TOKENS = ["yes", "no", "~", "-1", "1e3", "'7'", "[1, 2]", "{a: 1}", "!!python/object/apply:os.system ['true']",
          "&a", "*a", "\t", ": ", '"', "'", "#", "---", "2022-13-45", "null", "99999999999", "- x", "%", "@", "`"]


@st.composite
def mutations(draw) -> str:
    lines = VALID.splitlines()
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["insert", "delete", "duplicate", "replace-value", "indent", "char"]))
        if kind == "insert":
            lines.insert(i, draw(st.sampled_from(TOKENS)))
        elif kind == "delete" and len(lines) > 1:
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "replace-value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            lines[i] = f"{key}: {draw(st.sampled_from(TOKENS))}"
        elif kind == "indent":
            lines[i] = draw(st.sampled_from([" ", "   ", "\t"])) + lines[i]
        elif kind == "char" and lines[i]:
            j = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:j] + draw(st.characters(blacklist_categories=("Cs",))) + lines[i][j + 1:]
    return "\n".join(lines) + "\n"


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations())
def test_mutated_files_give_clear_one_line_errors(tmp_path_factory, text):
    folder = tmp_path_factory.mktemp("data")
    (folder / "2022-23.yaml").write_text(text, encoding="utf-8")
    result = check_dir(folder, "data")  # never raises
    for problem in result.errors + result.warnings:
        line = str(problem)
        assert "\n" not in line and line.startswith("data/2022-23.yaml")
        assert "Traceback" not in line and "object at 0x" not in line


def _count_of(tmp_path_factory, written: str) -> tuple[int | None, list[str]]:
    folder = tmp_path_factory.mktemp("data")
    (folder / "2022-23.yaml").write_text(f"year: 2022-23\nstatus: draft\ncompliments: {written}\n", encoding="utf-8")
    result = check_dir(folder, "data")
    year = result.dataset.get("2022-23") if not result.errors else None
    return (year.compliments if year else None), [str(p) for p in result.errors]


def _digits(n: int, base: int) -> str:
    out = ""
    while True:
        n, digit = divmod(n, base)
        out = "0123456789abcdef"[digit] + out
        if not n:
            return out


@st.composite
def other_count_forms(draw) -> str:
    """A YAML scalar for a whole number written any way but plain decimal digits."""
    n = draw(st.integers(min_value=0, max_value=10_000_000))
    plain = str(n)
    form = draw(st.sampled_from([
        "leading-zero", "octal", "hex", "binary", "sexagesimal", "underscore", "plus", "minus",
        "tag-int", "tag-str", "tag-null", "tag-float", "tag-local", "tag-bare", "single-quoted",
        "double-quoted", "float", "exponent", "bool", "comma", "spaced",
    ]))
    tag = {"tag-int": "!!int", "tag-str": "!!str", "tag-null": "!!null", "tag-float": "!!float",
           "tag-local": "!count", "tag-bare": "!"}
    if form in tag:
        inner = draw(st.sampled_from([plain, f'"{plain}"', f"'{plain}'", f"0b{_digits(n, 2)}", "''", "abc"]))
        return f"{tag[form]} {inner}"
    return {
        "leading-zero": "0" * draw(st.integers(1, 3)) + plain,
        "octal": draw(st.sampled_from(["0o", "0"])) + _digits(n, 8) if n else "0o0",
        "hex": draw(st.sampled_from(["0x", "0X"])) + _digits(n, 16),
        "binary": "0b" + _digits(n, 2),
        "sexagesimal": f"{n // 60}:{n % 60:02d}" if n >= 60 else f"1:{n:02d}",
        "underscore": (plain[:1] + "_" + plain[1:]) if len(plain) > 1 else plain + "_0",
        "plus": "+" + plain,
        "minus": "-" + plain,
        "single-quoted": f"'{plain}'",
        "double-quoted": f'"{plain}"',
        "float": plain + draw(st.sampled_from([".0", ".", ".5"])),
        "exponent": plain + draw(st.sampled_from(["e0", "E1", ".0e+0"])),
        "bool": draw(st.sampled_from(["yes", "No", "on", "OFF", "true", "False", "y", "n"])),
        "comma": f"{n + 1000:,}",
        "spaced": f"{n // 1000 + 1} {n % 1000:03d}",
    }[form]


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(other_count_forms())
def test_a_count_in_any_form_but_plain_digits_is_refused(tmp_path_factory, written):
    value, errors = _count_of(tmp_path_factory, written)
    assert value is None
    assert len(errors) == 1, errors
    assert errors[0].startswith("data/2022-23.yaml:3: compliments: "), errors


@settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.integers(min_value=0, max_value=10_000_000))
def test_a_count_in_plain_digits_is_read_as_written(tmp_path_factory, n):
    value, errors = _count_of(tmp_path_factory, str(n))
    assert errors == [] and value == n
