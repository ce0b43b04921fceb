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
from .procedures import lower_first
from .stats import STATISTIC_BY_NAME, STATISTICS, CountChange, statistics_for

__all__ = ["GLANCE_FIGURES", "glance", "glance_nouns", "target_sentence"]

# The figures "At a glance" compares, in order. Each one's words come from the
# report's procedure (``glance_nouns``), never from here.
GLANCE_FIGURES: tuple[str, ...] = (
    "complaints.contacts", "complaints.stage1", "outcomes.upheld", "outcomes.partially_upheld", "outcomes.fault_found",
    "complaints.stage2", "complaints.stage3", "ombudsman.complaints", "compliments",
)


def glance_nouns(report: YearReport) -> dict[str, str]:
    """What "At a glance" calls each figure the report's procedure has, worded from it:
    the procedure-worded statistic whose count it is ("formal complaints well-founded",
    "formal complaints escalated to review"), else the figure's own label, and the
    Ombudsman as the procedure names where a complainant goes next."""
    worded = {s.name: s.label for s in statistics_for(report.procedure)}
    fields = report.field_by_path
    from_statistic = {
        "outcomes.upheld": "upheld_rate", "outcomes.partially_upheld": "partially_upheld_rate",
        "outcomes.fault_found": "fault_found_rate", "complaints.stage2": "stage2_escalation_rate",
        "complaints.stage3": "stage3_escalation_rate",
    }
    out = {}
    for path in GLANCE_FIGURES:
        if path not in fields:
            continue  # a figure this series' procedure does not have (or does not show)
        if path == "complaints.stage1":
            out[path] = "formal complaints"
        elif path == "ombudsman.complaints":
            out[path] = f"complaints and enquiries to the {report.procedure.after or 'Ombudsman'}"
        elif from_statistic.get(path) in worded:
            out[path] = lower_first(worded[from_statistic[path]])
        else:
            out[path] = lower_first(fields[path].label)
    return out


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
    nouns = glance_nouns(report)
    for path, noun in nouns.items():
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
