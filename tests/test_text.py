"""The generated summary carries the seed's facts, in house style."""

from report.fmt import HouseStyle
from report.model import Complaints, Dataset, Ombudsman, Outcomes, ReportingYear, Theme, Timeliness, YearId
from report.present import year_report
from report.text import summary


def text_of(dataset, year_id, style=HouseStyle()):
    return "\n\n".join(summary(year_report(dataset, year_id, style)))


def test_seed_background_facts(example):
    text = text_of(example, "2022-23")
    assert text == (
        "A total of 129 contacts were received in 2022 to 2023 from people wishing to complain about the service. "
        "Of these, 27 (21% of all contacts) were resolved informally, outside the formal complaints process. "
        "To put this into context, the service received 49,974 contacts, of which 7,140 opened as referrals. "
        "Complaint contacts equalled 1.8% of the number of referrals "
            "(a comparison of two counts: not every complaint follows a referral).\n\n"
        "In 2022 to 2023, 102 complaints entered the formal complaints process (stage 1): a decrease of 6% on "
        "2021 to 2022 (109), a reduction of 7 complaints. Of the 102 formal complaints, 7 (7%) were upheld "
        "in full, down from 29 in 2021 to 2022. A further 28 (27%) were partially upheld. Taken together, 35 "
        "complaints (34%) were upheld in full or in part. The main themes of upheld and partially upheld complaints "
        "were lack of communication, assessment errors and delays in service.\n\n"
        "In 2022 to 2023, 2 complaints (2% of formal complaints) were escalated to stage 2 of the statutory "
        "process, the independent investigation."
    )


def test_house_style_settings_change_the_words(example):
    text = text_of(example, "2022-23", HouseStyle(year_style="2022/23", number_words=False))
    assert "in 2022/23 from people" in text and "a reduction of 7 complaints" in text and "2 complaints (2%" in text
    assert "seven" not in text and "2022 to 2023" not in text


def test_increase_wording_and_singulars():
    ds = Dataset((
        ReportingYear(YearId(2020), complaints=Complaints(stage1=10, stage2=0)),
        ReportingYear(YearId(2021), complaints=Complaints(contacts=1, stage1=11, stage2=1, stage3=1),
                      outcomes=Outcomes(upheld=1), themes=(Theme("SEND provision"),), compliments=1),
    ))
    text = text_of(ds, "2021-22")
    assert "A total of one contact was received" in text
    assert "an increase of 10% on 2020 to 2021 (10), 1 more complaint" in text
    assert "Of the 11 formal complaints, 1 (9%) was upheld in full." in text
    assert "The main theme of upheld and partially upheld complaints was SEND provision." in text
    assert "one complaint went on to stage 3" in text and "The service received one compliment." in text


def test_sentences_appear_only_when_their_figures_exist():
    ds = Dataset((ReportingYear(YearId(2022)),))
    assert summary(year_report(ds, "2022-23")) == ()
    ds = Dataset((ReportingYear(YearId(2022), ombudsman=Ombudsman(complaints=12, investigated=5, upheld=3),
                                timeliness=Timeliness(stage1_on_time=40, stage1_responded=50)),))
    text = text_of(ds, "2022-23")
    assert text == ("Of 50 stage 1 responses, 40 (80%) were sent within the statutory timescale. "
                    "The Local Government and Social Care Ombudsman dealt with 12 complaints and enquiries about the service. "
                    "The Ombudsman completed 5 detailed investigations, and upheld 3 (60%, small numbers: read with care).")
    for word in ("None", "nan", "null"):
        assert word not in text


def test_combined_outcome_row_shows_the_change_of_the_figures_beside_it():
    ds = Dataset((
        ReportingYear(YearId(2021), complaints=Complaints(stage1=100), outcomes=Outcomes(upheld=30, partially_upheld=45)),
        ReportingYear(YearId(2022), complaints=Complaints(stage1=90), outcomes=Outcomes(upheld=20, partially_upheld=40)),
    ))
    outcomes = {s.id: s for s in year_report(ds, "2022-23").sections()}["outcomes"]
    row = next(r for r in outcomes.rows if r.label == "Upheld or partially upheld")
    assert row.cells == ("60", "67% of formal complaints", "75", "75%", "down 20%", "down 8 percentage points")


def test_change_phrases_for_running_text(example):
    report = year_report(example, "2022-23")
    assert report.changes["complaints.stage1"].phrase == "a decrease of 6%"
    assert report.changes["complaints.contacts"].phrase is None


def test_themes_join_by_the_one_list_rule():
    """fmt.join_list: commas for plain items, semicolons once an item has its own comma."""
    def themes_sentence(*names):
        ds = Dataset((ReportingYear(YearId(2021), outcomes=Outcomes(upheld=3), themes=tuple(Theme(n) for n in names)),))
        return next(s for s in text_of(ds, "2021-22").split(". ") if s.startswith("The main theme"))
    assert themes_sentence("Delays", "Costs", "Staff attitude").endswith("were delays, costs and staff attitude.")
    assert themes_sentence("Delays", "Costs, fees", "Staff attitude").endswith("were delays; costs, fees; and staff attitude.")
    assert themes_sentence("Delays", "Costs").endswith("were delays and costs.")
