from report.commentary import check_commentary
from report.present import year_report


def messages(example, text):
    return [str(p) for p in check_commentary(text, year_report(example, "2022-23"), "docs/commentary/2022-23.md")]


def test_hand_typed_percentage_names_the_macro(example):
    assert messages(example, "Some text.\nOnly 21% were resolved informally.") == [
        "docs/commentary/2022-23.md:2: hand-typed percentage '21%': use {{ stat('informal_rate') }} so the figure comes from the data"]


def test_hand_typed_figure_of_ten_or_more_names_the_macro(example):
    assert messages(example, "We had 102 complaints and 49,974 contacts.") == [
        "docs/commentary/2022-23.md:1: hand-typed number '102' equals complaints.stage1: use {{ figure('complaints.stage1') }} so the figure comes from the data",
        "docs/commentary/2022-23.md:1: hand-typed number '49,974' equals context.social_care_contacts: use {{ figure('context.social_care_contacts') }} so the figure comes from the data",
    ]


def test_years_dates_labels_small_numbers_and_macros_are_allowed(example):
    text = ("In 2022-23 (2022 to 2023, 2022/23), reported on 8 March 2024 and 2024-03-08, stage 2 and stage 102 "
            "of appendix 129: {{ figure('complaints.stage1') }} and {{ stat('informal_rate') }}; 7 teams; 55 visits.")
    assert messages(example, text) == []


def test_the_example_commentary_passes(example):
    from pathlib import Path
    text = (Path(__file__).parent.parent / "docs" / "commentary" / "2022-23.md").read_text()
    assert messages(example, text) == []
