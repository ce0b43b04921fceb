from fractions import Fraction as F

import pytest

from report import fmt
from report.fmt import HouseStyle


@pytest.mark.parametrize("value, places, expected", [
    (F(1, 8), 0, "13%"),          # 12.5% -> 13%
    (F(7, 8), 0, "88%"),          # 87.5% -> 88%
    (F(29, 200), 0, "15%"),       # 14.5% -> 15%
    (F(1, 80), 1, "1.3%"),        # 1.25% at 1 dp -> 1.3%
    (F(27, 129), 0, "21%"),
    (F(129, 7140), 1, "1.8%"),
    (F(0), 0, "0%"),
    (F(1), 0, "100%"),
    (F(1, 1000), 0, "less than 1%"),
    (F(1, 10000), 1, "less than 0.1%"),
    (F(1, 200), 0, "1%"),         # 0.5% rounds up, not to "less than"
    (F(123456, 100), 0, "123,456%"),
    (None, 0, None),
])
def test_percent_rounds_half_up_once(value, places, expected):
    assert fmt.percent(value, places) == expected


def test_round_half_up_is_away_from_zero_on_the_magnitude():
    assert fmt.round_half_up(F(-25, 2)) == -13
    assert fmt.round_half_up(F(-642, 100)) == -6
    assert fmt.round_half_up(F(5, 2)) == 3  # Python's round() gives 2


@pytest.mark.parametrize("points, expected", [
    (F(-1974, 100), "20 percentage points"),
    (F(3), "3 percentage points"),
    (F(1), "1 percentage point"),
    (F(1, 2), "1 percentage point"),
    (F(2, 5), "less than 1 percentage point"),
    (F(0), "0 percentage points"),
])
def test_points(points, expected):
    assert fmt.points(points) == expected


def test_change_percent_is_a_magnitude():
    assert fmt.change_percent(F(-7 * 100, 109)) == "6%"
    assert fmt.direction(-7) == "decrease" and fmt.direction(3) == "increase" and fmt.direction(0) == "no change"
    assert fmt.direction(None) is None


@pytest.mark.parametrize("value, words, expected", [
    (7, True, "seven"), (1, True, "one"), (9, True, "nine"), (10, True, "10"), (0, True, "0"),
    (7, False, "7"), (49974, True, "49,974"), (None, True, None),
])
def test_count_words(value, words, expected):
    assert fmt.count_words(value, HouseStyle(number_words=words)) == expected


@pytest.mark.parametrize("style, expected", [
    ("2022 to 2023", "2022 to 2023"), ("2022/23", "2022/23"), ("2022-23", "2022-23"),
])
def test_year_label_styles(style, expected):
    assert fmt.year_label("2022-23", HouseStyle(year_style=style)) == expected
    assert fmt.year_label("1999-00", "2022/23") == "1999/00"
