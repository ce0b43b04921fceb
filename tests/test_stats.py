from fractions import Fraction as F

from report.model import Complaints, Context, Dataset, Note, Ombudsman, Outcomes, ReportingYear, Timeliness, YearId
from report.stats import STATISTICS, changes, measure, ratio


def year(start: int, **parts) -> ReportingYear:
    return ReportingYear(year=YearId(start), **parts)


def test_ratio_is_exact_and_not_available_for_nulls_and_zero():
    assert ratio(1, 3) == F(1, 3)
    assert ratio(None, 3) is None and ratio(3, None) is None and ratio(3, 0) is None
    assert ratio(0, 5) == 0


def test_seed_statistics(example):
    y = example.get("2022-23")
    assert measure(y, "informal_rate").value == F(27, 129)
    assert measure(y, "referral_complaint_rate").value == F(129, 7140)
    assert measure(y, "upheld_rate").value == F(7, 102)
    assert measure(y, "partially_upheld_rate").value == F(28, 102)
    assert measure(y, "fault_found_rate").value == F(35, 102)
    assert measure(y, "stage2_escalation_rate").value == F(2, 102)
    for name in ("not_upheld_rate", "stage3_escalation_rate", "stage1_on_time_rate", "ombudsman_upheld_rate"):
        assert measure(y, name).value is None


def test_fault_found_uses_the_combined_figure_when_parts_are_missing():
    y = year(2022, complaints=Complaints(stage1=40), outcomes=Outcomes(fault_found=10))
    assert measure(y, "fault_found_rate").value == F(1, 4)
    y = year(2022, complaints=Complaints(stage1=40), outcomes=Outcomes(upheld=3, partially_upheld=None, fault_found=None))
    assert measure(y, "fault_found_rate").value is None


def test_on_time_rate_falls_back_to_stage1_when_responses_not_published():
    y = year(2022, complaints=Complaints(stage1=80), timeliness=Timeliness(stage1_on_time=60))
    assert measure(y, "stage1_on_time_rate").value == F(3, 4)
    y = year(2022, complaints=Complaints(stage1=80), timeliness=Timeliness(stage1_on_time=60, stage1_responded=75))
    assert measure(y, "stage1_on_time_rate").value == F(4, 5)


def test_change_from_previous_year(example):
    ch = changes(example, example.get("2022-23"))
    stage1 = ch["complaints.stage1"]
    assert (stage1.previous, stage1.current, stage1.difference) == (109, 102, -7)
    assert stage1.percent == F(-700, 109)
    assert ch["outcomes.upheld"].difference == -22
    assert ch["upheld_rate"].difference_points == (F(7, 102) - F(29, 109)) * 100
    assert ch["complaints.contacts"].difference is None and ch["complaints.contacts"].reason == "not published"


def test_first_year_and_gap_year_have_no_changes():
    ds = Dataset((year(2019, complaints=Complaints(stage1=5)), year(2021, complaints=Complaints(stage1=6))))
    assert changes(ds, ds.get("2019-20")) == {}
    assert changes(ds, ds.get("2021-22")) == {}  # 2020-21 is missing: no comparison


def test_the_ombudsman_upheld_rate_has_no_change_across_its_change_of_process():
    """The Ombudsman changed its process in 2022-23 (council_fields.PROCESS_BREAK_YEAR): the
    series pages give no change across it, as the council pages do; its counts still change."""
    ds = Dataset(tuple(year(start, ombudsman=Ombudsman(investigated=10, upheld=upheld))
                       for start, upheld in ((2020, 4), (2021, 5), (2022, 8), (2023, 9))))
    across = changes(ds, ds.get("2022-23"))
    assert across["ombudsman_upheld_rate"].difference_points is None
    assert across["ombudsman_upheld_rate"].reason == "break in series"
    assert across["ombudsman.upheld"].difference == 3
    assert changes(ds, ds.get("2021-22"))["ombudsman_upheld_rate"].difference_points == 10
    assert changes(ds, ds.get("2023-24"))["ombudsman_upheld_rate"].difference_points == 10


def test_previous_zero_gives_difference_but_no_percent():
    ds = Dataset((year(2020, complaints=Complaints(stage3=0)), year(2021, complaints=Complaints(stage3=4))))
    c = changes(ds, ds.get("2021-22"))["complaints.stage3"]
    assert c.difference == 4 and c.percent is None


def test_break_in_series_makes_counts_and_their_statistics_not_comparable():
    before = year(2023, complaints=Complaints(contacts=100, informal=30, stage1=70))
    after = year(2024, complaints=Complaints(contacts=120, informal=0, stage1=120),
                 notes=(Note("From 2024-25 every complaint enters stage 1.", ("complaints.informal", "complaints.stage1")),))
    ch = changes(Dataset((before, after)), after)
    assert ch["complaints.informal"].difference is None and ch["complaints.informal"].reason == "break in series"
    assert ch["complaints.stage1"].percent is None
    assert ch["informal_rate"].difference_points is None and ch["informal_rate"].reason == "break in series"
    assert ch["complaints.contacts"].difference == 20  # not named by the break


def test_every_statistic_is_none_for_an_empty_year():
    y = year(2022)
    assert all(s.measure(y).value is None for s in STATISTICS)
    assert {s.name for s in STATISTICS} == {
        "informal_rate", "referral_complaint_rate", "upheld_rate", "partially_upheld_rate", "fault_found_rate",
        "not_upheld_rate", "stage2_escalation_rate", "stage3_escalation_rate", "stage1_on_time_rate", "ombudsman_upheld_rate",
    }


def test_context_rate_uses_referrals():
    y = year(2022, complaints=Complaints(contacts=129), context=Context(referrals=7140))
    assert measure(y, "referral_complaint_rate").value == F(129, 7140)
