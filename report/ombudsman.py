"""Exact statistics of the Ombudsman's figures for the council.

Pure functions on ``council`` objects: integers and Fractions in, Fractions
out (proportions 0..1); ``None`` means "not available". Nothing here rounds.
A change in the upheld rate is never computed across the Ombudsman's change
of process (``council_fields.PROCESS_BREAK_YEAR``).
"""

from __future__ import annotations

from fractions import Fraction

from .council import OmbudsmanFigures
from .model import YearId
from .stats import crosses_break, ratio  # one rule for the break, shared with the series pages

__all__ = [
    "upheld_rate", "best_upheld_rate", "share", "satisfactory_remedy_rate", "published", "difference_from_average",
    "crosses_break", "upheld_rate_change",
]


def upheld_rate(o: OmbudsmanFigures) -> Fraction | None:
    """Upheld as a share of investigated, from the counts.

    >>> upheld_rate(OmbudsmanFigures(investigated=16, upheld=13))
    Fraction(13, 16)
    """
    return ratio(o.upheld, o.investigated)


def best_upheld_rate(o: OmbudsmanFigures) -> Fraction | None:
    """The upheld rate from the counts, else as published (a proportion 0..1).

    >>> best_upheld_rate(OmbudsmanFigures(upheld_rate=Fraction(81))), best_upheld_rate(OmbudsmanFigures(investigated=4, upheld=1))
    (Fraction(81, 100), Fraction(1, 4))
    """
    rate = upheld_rate(o)
    return rate if rate is not None else published(o, "upheld_rate")


def share(o: OmbudsmanFigures, part: str) -> Fraction | None:
    """``part`` (not_for_us, assessed_and_closed or investigated) as a share of complaints dealt with.

    >>> share(OmbudsmanFigures(complaints=76, not_for_us=25), "not_for_us")
    Fraction(25, 76)
    """
    return ratio(getattr(o, part), o.complaints)


def satisfactory_remedy_rate(o: OmbudsmanFigures) -> Fraction | None:
    """Satisfactory remedies provided by the council as a share of upheld decisions."""
    return ratio(o.satisfactory_remedies, o.upheld)


def published(o: OmbudsmanFigures, key: str) -> Fraction | None:
    """A per cent as published (e.g. ``average_upheld_rate``), as a proportion 0..1.

    >>> published(OmbudsmanFigures(average_upheld_rate=Fraction(89)), "average_upheld_rate")
    Fraction(89, 100)
    """
    value = getattr(o, key)
    return None if value is None else value / 100


def difference_from_average(o: OmbudsmanFigures) -> Fraction | None:
    """The council's upheld rate minus the similar authorities' average, in
    percentage points (the rate from the counts, else the published one)."""
    rate = best_upheld_rate(o)
    average = published(o, "average_upheld_rate")
    if rate is None or average is None:
        return None
    return (rate - average) * 100


def upheld_rate_change(earlier: tuple[YearId, OmbudsmanFigures], later: tuple[YearId, OmbudsmanFigures]) -> Fraction | None:
    """The change in the upheld rate in percentage points; None across the break or when not available."""
    if crosses_break(earlier[0], later[0]):
        return None
    before, after = best_upheld_rate(earlier[1]), best_upheld_rate(later[1])
    if before is None or after is None:
        return None
    return (after - before) * 100
