"""House style: half-up rounding, numbers, per cents, years and changes.

Rounding happens here and only here, once, on exact values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "HouseStyle", "YEAR_STYLES", "SMALL_NUMBERS", "SMALL_CAUTION", "round_half_up", "percent", "number", "days", "count_words",
    "year_label", "year_range", "points", "small_numbers", "join_list",
]

YEAR_STYLES = ("2022 to 2023", "2022/23", "2022-23")
SMALL_NUMBERS = 10  # default threshold: a count under it is a small number
SMALL_CAUTION = "small numbers: read with care"
_YEAR_ID = re.compile(r"[0-9]{4}-[0-9]{2}")
_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, slots=True)
class HouseStyle:
    """The council's choices for text; defaults follow GOV.UK style."""

    year_style: str = "2022 to 2023"
    number_words: bool = True
    places: dict[str, int] = field(default_factory=dict)  # statistic name -> decimal places
    small_numbers: int = SMALL_NUMBERS  # counts under this are too small for a per cent change
    targets: dict[str, Fraction] = field(default_factory=dict)  # statistic name -> target, in per cent

    def places_for(self, statistic) -> int:
        """Decimal places a statistic is shown to: the setting, else its default."""
        return self.places.get(statistic.name, statistic.places)


def small_numbers(*counts: int | None, style: HouseStyle = HouseStyle()) -> bool:
    """The small-numbers rule, the one place it is decided: True when any count is
    under the house style's threshold (default 10).

    A per cent change between such counts is not shown ("3, up from 2", not
    "up 50% from 2"), and a per cent of such a base carries ``SMALL_CAUTION``.

    >>> small_numbers(2, 3), small_numbers(10, 129), small_numbers(None, 12)
    (True, False, False)
    """
    return any(c is not None and c < style.small_numbers for c in counts)


def round_half_up(value: Fraction, places: int = 0) -> Fraction:
    """Round an exact value (a ``Fraction``, never a float) half away from zero.

    >>> round_half_up(Fraction(25, 2)), round_half_up(Fraction(-25, 2)), round_half_up(Fraction(125, 100), 1)
    (Fraction(13, 1), Fraction(-13, 1), Fraction(13, 10))
    """
    scale = 10 ** places
    n, d = abs(value.numerator), value.denominator  # floor(|value| * scale + 1/2), in whole numbers
    magnitude = Fraction((2 * n * scale + d) // (2 * d), scale)
    return -magnitude if value.numerator < 0 else magnitude


def _decimal(value: Fraction, places: int) -> str:
    rounded = round_half_up(value, places)
    text = f"{Decimal(rounded.numerator) / Decimal(rounded.denominator):.{places}f}"
    return _group_thousands(text)


def _group_thousands(text: str) -> str:
    whole, _, decimals = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = f"{int(whole.lstrip('-')):,}"
    return sign + whole + ("." + decimals if decimals else "")


def percent(value: Fraction | None, places: int = 0) -> str | None:
    """A proportion (0..1) as a per cent in house style; None when not available.

    >>> percent(Fraction(27, 129)), percent(Fraction(129, 7140), 1), percent(Fraction(1, 1000))
    ('21%', '1.8%', 'less than 1%')
    """
    if value is None:
        return None
    return _magnitude_percent(value * 100, places)


def _magnitude_percent(hundredths: Fraction, places: int) -> str:
    if hundredths != 0 and round_half_up(abs(hundredths), places) == 0:
        return f"less than {_smallest(places)}%"
    return _decimal(abs(hundredths) if hundredths < 0 else hundredths, places) + "%"


def _smallest(places: int) -> str:
    return "1" if places == 0 else "0." + "0" * (places - 1) + "1"


def change_percent(percent_change: Fraction | None, places: int = 0) -> str | None:
    """The magnitude of a per cent change, e.g. -6.42 -> "6%"; direction is said in words."""
    if percent_change is None:
        return None
    return _magnitude_percent(abs(percent_change), places)


def points(difference_points: Fraction | None, places: int = 0) -> str | None:
    """A difference in percentage points, magnitude only, e.g. "20 percentage points".

    >>> points(Fraction(-1974, 100)), points(Fraction(1)), points(Fraction(1, 10))
    ('20 percentage points', '1 percentage point', 'less than 1 percentage point')
    """
    if difference_points is None:
        return None
    magnitude = abs(difference_points)
    rounded = round_half_up(magnitude, places)
    if magnitude != 0 and rounded == 0:
        return f"less than {_smallest(places)} percentage point"
    text = _decimal(magnitude, places)
    return f"{text} percentage point{'' if rounded == 1 else 's'}"


_CHANGE_WORDS = {  # the words for a rise, a fall and no change, by where they are used
    "noun": ("increase", "decrease", "no change"),  # "an increase of 5%"; ChangeView.direction
    "short": ("up", "down", "no change"),  # "down 6%" in tables and headline cards
    "verb": ("rose", "fell", "stayed"),  # "Formal complaints rose from ..." in chart captions
    "comparative": ("more", "fewer", "the same"),  # "5 complaints more than in ..."
}


def change_word(difference: Fraction | int | None, kind: str = "noun") -> str | None:
    """The one place that words the sign of a change: ``change_word(-3, "short")`` -> "down".

    ``kind`` is "noun" (increase/decrease/no change), "short" (up/down),
    "verb" (rose/fell/stayed) or "comparative" (more/fewer); None when the
    difference is not available.
    """
    if difference is None:
        return None
    rise, fall, same = _CHANGE_WORDS[kind]
    return rise if difference > 0 else fall if difference < 0 else same


def direction(difference: Fraction | int | None) -> str | None:
    """ "increase", "decrease" or "no change" from the sign; None when not available."""
    return change_word(difference, "noun")


def number(value: int | None) -> str | None:
    """A count with thousands separators: 49974 -> "49,974"."""
    return None if value is None else f"{value:,}"


def days(value: Fraction | None) -> str | None:
    """An average of working days as written: 12 or 12.4 (at most one decimal place).

    >>> days(Fraction(62, 5)), days(Fraction(12)), days(None)
    ('12.4', '12', None)
    """
    if value is None:
        return None
    return _decimal(value, 0 if value.denominator == 1 else 1)


def count_words(value: int | None, style: HouseStyle) -> str | None:
    """A count for running text: one to nine as words when the style says so."""
    if value is None:
        return None
    if style.number_words and 1 <= value <= 9:
        return _WORDS[value]
    return f"{value:,}"


def year_label(year_id: str, style: HouseStyle | str = "2022 to 2023") -> str:
    """A year id in the house year style.

    >>> year_label("2022-23"), year_label("2022-23", "2022/23"), year_label("1999-00")
    ('2022 to 2023', '2022/23', '1999 to 2000')
    """
    chosen = style.year_style if isinstance(style, HouseStyle) else style
    start = int(year_id[:4])
    if chosen == "2022/23":
        return f"{start}/{year_id[5:]}"
    if chosen == "2022-23":
        return year_id
    return f"{start} to {start + 1}"


def year_range(first: str, last: str, style: HouseStyle | str = "2022 to 2023") -> str:
    """The years from ``first`` to ``last`` (year ids, or labels already in the house
    year style) as a range: the one place a span of years is worded.

    The long year style already says "to" inside each year, so its range says
    "until"; the short styles read as a range with "to".

    >>> year_range("2019-20", "2022-23"), year_range("2019-20", "2022-23", "2022/23"), year_range("2022-23", "2022-23")
    ('2019 to 2020 until 2022 to 2023', '2019/20 to 2022/23', '2022 to 2023')
    >>> year_range("2019 to 2020", "2020 to 2021")
    '2019 to 2020 until 2020 to 2021'
    """
    first, last = (year_label(y, style) if _YEAR_ID.fullmatch(y) else y for y in (first, last))
    if first == last:
        return first
    joiner = "until" if " to " in first else "to"
    return f"{first} {joiner} {last}"


def join_list(items) -> str:
    """A list in running text, the one rule for it: "a", "a and b", "a, b and c";
    with semicolons ("a; b; and c") when any item has its own comma or "and", so
    the reader can tell where each item ends.

    >>> join_list(["a"]), join_list(["a", "b"]), join_list(["a", "b", "c"])
    ('a', 'a and b', 'a, b and c')
    >>> join_list(["staff attitude", "delay, in part", "cost"])
    'staff attitude; delay, in part; and cost'
    >>> join_list(["care and support", "delay", "cost"])
    'care and support; delay; and cost'
    >>> join_list(["formal complaints (102, down 6% from 109)", "compliments (12)"])
    'formal complaints (102, down 6% from 109) and compliments (12)'
    >>> join_list([])
    ''
    """
    items = list(items)
    if len(items) <= 2:
        return " and ".join(items)
    if any(" and " in i or "," in i for i in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]
