"""At a glance: what went up, what went down and what stayed the same, in words.

A few short sentences from a year's report: the largest changes first, the
small-numbers rule applied (``fmt.small_numbers``, through the report's change
views), figures whose series breaks named apart, and no judgement of good or
bad unless the council's settings name a target for a statistic.
Plain text out (escaped where it is shown).
"""

from __future__ import annotations

from fractions import Fraction

from . import fmt
from .present import ChangeView, YearReport
from .stats import STATISTIC_BY_NAME, STATISTICS, CountChange

__all__ = ["GLANCE_FIGURES", "glance", "target_sentence"]

# The figures "At a glance" compares, with the words it calls them by.
GLANCE_FIGURES: tuple[tuple[str, str], ...] = (
    ("complaints.contacts", "contacts from people wishing to complain"),
    ("complaints.stage1", "formal complaints"),
    ("outcomes.upheld", "complaints upheld in full"),
    ("outcomes.partially_upheld", "complaints partially upheld"),
    ("outcomes.fault_found", "complaints upheld in full or in part"),
    ("complaints.stage2", "complaints escalated to stage 2"),
    ("complaints.stage3", "complaints escalated to stage 3"),
    ("ombudsman.complaints", "complaints and enquiries to the Ombudsman"),
    ("compliments", "compliments"),
)


def _item(noun: str, view: ChangeView) -> str:
    """ "formal complaints (102, down 6% from 109)"; small numbers: "complaints escalated to stage 2 (3, up from 2)". """
    c = view.change
    assert isinstance(c, CountChange) and c.difference is not None
    now, then = fmt.number(c.current), fmt.number(c.previous)
    if c.difference == 0:
        return f"{noun} ({now})"
    word = "up" if c.difference > 0 else "down"
    amount = f" {view.display}" if view.display else ""
    return f"{noun} ({now}, {word}{amount} from {then})"


def _size(view: ChangeView) -> tuple[int, Fraction, int]:
    """Sort key, largest change first: changes shown as a per cent (by its size), then the
    small-number changes (by their difference)."""
    c = view.change
    assert isinstance(c, CountChange) and c.difference is not None
    if view.display is not None and c.percent is not None:
        return (0, -abs(c.percent), -abs(c.difference))
    return (1, Fraction(0), -abs(c.difference))


def _target_text(target: Fraction) -> str:
    places = next((p for p in range(4) if (target * 10 ** p).denominator == 1), 3)
    return fmt.percent(target / 100, places) or ""


def target_sentence(report: YearReport, name: str, target: Fraction) -> str:
    """ "Stage 1 responses on time: 85%, below the target of 90%." (exact comparison)."""
    stat = STATISTIC_BY_NAME[name]
    view = report.statistics[name]
    aim = _target_text(target)
    if view.value is None:
        return f"{stat.label}: not available for {report.label} (the target is {aim})."
    exact = view.value * 100
    if exact == target:
        where = f"equal to the target of {aim}"
    else:
        close = "just " if fmt.round_half_up(exact, view.places) == fmt.round_half_up(target, view.places) else ""
        where = f"{close}{'above' if exact > target else 'below'} the target of {aim}"
    return f"{stat.label}: {view.shown}, {where}."


def glance(report: YearReport) -> tuple[str, ...]:
    """The year's "At a glance" sentences (plain text); () when there is nothing to say."""
    up, down, same, broken = [], [], [], []
    for path, noun in GLANCE_FIGURES:
        view = report.changes.get(path)
        if view is None or not isinstance(view.change, CountChange):
            continue
        c = view.change
        if c.reason == "break in series" and c.current is not None:
            broken.append(noun)
        elif c.difference is None:
            continue
        elif c.difference > 0:
            up.append(view)
        elif c.difference < 0:
            down.append(view)
        else:
            same.append(view)
    nouns = dict(GLANCE_FIGURES)
    out = []
    previous = report.previous
    if previous is not None:
        then = fmt.year_label(previous.id, report.style)
        if up:
            out.append(f"Went up since {then}: {fmt.join_list([_item(nouns[v.key], v) for v in sorted(up, key=_size)])}.")
        if down:
            out.append(f"Went down since {then}: {fmt.join_list([_item(nouns[v.key], v) for v in sorted(down, key=_size)])}.")
        if same:
            out.append(f"Stayed the same as in {then}: {fmt.join_list([_item(nouns[v.key], v) for v in same])}.")
        if broken:
            out.append(f"Not comparable with {then} (a break in series, see the notes): {fmt.join_list(broken)}.")
    for stat in STATISTICS:  # in the order of the statistics, whatever the order of the settings
        if stat.name in report.style.targets:
            out.append(target_sentence(report, stat.name, report.style.targets[stat.name]))
    return tuple(out)
