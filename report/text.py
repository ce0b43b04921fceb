"""The year's summary in running text, the way the officer's report reads.

Every number and every increase/decrease word comes from the data; each
sentence appears only when its figures are published.
"""

from __future__ import annotations

from . import fmt
from .present import YearReport
from .stats import fault_found

__all__ = ["summary"]


def _c(report: YearReport, value: int, compared: bool = False) -> str:
    """A count in running text. One number style per sentence: a sentence that
    compares numbers (a count beside its per cent, another count or a change)
    writes every number in numerals; one to nine are words (when the house
    style says so) only in a sentence with a single number."""
    return fmt.number(value) if compared else fmt.count_words(value, report.style)


def _n(report: YearReport, value: int, noun: str, plural: str | None = None, compared: bool = False) -> str:
    """ "seven complaints", "one complaint", "129 contacts" in house style (``_c``)."""
    return f"{_c(report, value, compared)} {noun if value == 1 else (plural or noun + 's')}"


def _were(value: int) -> str:
    return "was" if value == 1 else "were"


def _lower_first(name: str) -> str:
    """Lower-case a theme's first letter unless it starts an acronym ("SEND")."""
    if len(name) > 1 and name[1].isupper():
        return name
    return name[:1].lower() + name[1:]


def _rate(report: YearReport, name: str) -> str | None:
    view = report.statistics.get(name)  # None for a statistic the series' procedure does not have
    return view.shown if view else None


def _received(report: YearReport) -> list[str]:
    y, out = report.year, []
    c, ctx = y.complaints, y.context
    if c.contacts is not None:
        out.append(f"A total of {_n(report, c.contacts, 'contact')} {_were(c.contacts)} received in {report.label} "
                   "from people wishing to complain about the service.")
    if c.informal is not None:
        rate = _rate(report, "informal_rate")
        lead = "Of these, " if c.contacts is not None else "In all, "
        share = f" ({rate} of all contacts)" if rate else ""
        out.append(f"{lead}{_c(report, c.informal, bool(rate or c.contacts is not None))}{share} {_were(c.informal)} resolved informally, "
                   "outside the formal complaints process.")
    if ctx.social_care_contacts is not None:
        tail = f", of which {fmt.number(ctx.referrals)} opened as referrals" if ctx.referrals is not None else ""
        out.append(f"To put this into context, the service received {fmt.number(ctx.social_care_contacts)} contacts{tail}.")
    elif ctx.referrals is not None:
        out.append(f"To put this into context, {fmt.number(ctx.referrals)} contacts to the service opened as referrals.")
    rate = _rate(report, "referral_complaint_rate")
    if rate:
        out.append(f"Complaint contacts equalled {rate} of the number of referrals "
                   "(a comparison of two counts: not every complaint follows a referral).")
    return out


def _change_clause(report: YearReport, path: str, noun: str) -> str:
    """ ": a decrease of 6% on 2021 to 2022 (109), a reduction of seven complaints" or "" """
    view = report.changes.get(path)
    if view is None:
        return ""
    c = view.change
    then = fmt.year_label(c.previous_year, report.style)
    if c.reason == "break in series":
        return f" (not comparable with {then}: see the notes)"
    if c.difference is None:
        return ""
    if c.difference == 0:
        return f", the same as in {then}"
    size = _n(report, abs(c.difference), noun, compared=True)
    if view.display is None:  # small numbers (fmt.small_numbers), or the previous year was 0
        return f", {size} {fmt.change_word(c.difference, 'comparative')} than in {then} ({fmt.number(c.previous)})"
    more = f"{fmt.number(c.difference)} more {noun if c.difference == 1 else noun + 's'}"
    amount = more if c.difference > 0 else f"a reduction of {size}"
    return f": {view.phrase} on {then} ({fmt.number(c.previous)}), {amount}"


def _formal(report: YearReport) -> list[str]:
    y, out = report.year, []
    stage1 = y.complaints.stage1
    if stage1 is not None:
        clause = _change_clause(report, 'complaints.stage1', 'complaint')
        out.append(f"In {report.label}, {_n(report, stage1, 'complaint', compared=bool(clause))} entered the formal complaints process "
                   f"({_stage(report, 1).in_text}){clause}.")
    o = y.outcomes
    if o.upheld is not None:
        rate = _rate(report, "upheld_rate")
        view = report.changes.get("outcomes.upheld")
        compared = stage1 is not None or bool(rate) or bool(view and view.change.difference is not None)
        words = _c(report, o.upheld, compared)
        sentence = (f"Of the {_c(report, stage1, compared)} formal complaints, {words}" if stage1 is not None
                    else f"In all, {_n(report, o.upheld, 'formal complaint', compared=compared)}")
        sentence += f" ({rate})" if rate else ""
        sentence += f" {_were(o.upheld)} upheld in full"
        if view and view.change.difference is not None:
            then = fmt.year_label(view.change.previous_year, report.style)
            previous = fmt.number(view.change.previous)
            sentence += (f", the same as in {then}" if view.change.difference == 0
                         else f", {fmt.change_word(view.change.difference, 'short')} from {previous} in {then}")
        out.append(sentence + ".")
    if o.partially_upheld is not None:
        rate = _rate(report, "partially_upheld_rate")
        lead = "A further " if o.upheld is not None else "In all, "
        out.append(f"{lead}{_c(report, o.partially_upheld, bool(rate))}{f' ({rate})' if rate else ''} "
                   f"{_were(o.partially_upheld)} partially upheld.")
    combined = fault_found(y)
    if combined is not None:
        rate = _rate(report, "fault_found_rate")
        out.append(f"Taken together, {_n(report, combined, 'complaint', compared=bool(rate))}{f' ({rate})' if rate else ''} "
                   f"{_were(combined)} {report.procedure.term('fault_found') or 'upheld in full or in part'}.")
    if o.not_upheld is not None:
        rate = _rate(report, "not_upheld_rate")
        out.append(f"In all, {_n(report, o.not_upheld, 'complaint', compared=bool(rate))}{f' ({rate})' if rate else ''} "
                   f"{_were(o.not_upheld)} not upheld.")
    if o.withdrawn is not None and o.withdrawn > 0:
        out.append(f"The person complaining withdrew {_n(report, o.withdrawn, 'complaint')}.")
    if y.themes:
        names = fmt.join_list([_lower_first(t.name) for t in y.themes])
        out.append(f"The main {'theme' if len(y.themes) == 1 else 'themes'} of upheld and partially upheld complaints "
                   f"{'was' if len(y.themes) == 1 else 'were'} {names}.")
    return out


def _stage(report: YearReport, number: int):
    return report.procedure.stages[number - 1]


def _stages(report: YearReport) -> list[str]:
    c, out = report.year.complaints, []
    stages, process = report.procedure.stages, report.procedure.term("process") or "the complaints procedure"
    if len(stages) > 1 and c.stage2 is not None:
        s2 = stages[1]
        rate = _rate(report, "stage2_escalation_rate")
        share = f" ({rate} of formal complaints)" if rate else ""
        if c.stage2 == 0:
            out.append(f"No complaints were escalated to {s2.in_text} of {process}.")
        else:
            out.append(f"In {report.label}, {_n(report, c.stage2, 'complaint', compared=bool(rate))}{share} {_were(c.stage2)} "
                       f"escalated to {s2.in_text} "
                       f"of {process}{_called(s2)}.")
    if len(stages) > 2 and c.stage3 is not None:
        s3 = stages[2]
        if c.stage3 == 0:
            out.append(f"No complaints went on to {s3.in_text}{_called(s3)}.")
        else:
            out.append(f"In all, {_n(report, c.stage3, 'complaint')} went on to {s3.in_text}{_called(s3)}.")
    return out


def _called(stage) -> str:
    """ ", the " and what the stage is called, or "" for a stage without ``called``."""
    return f", the {stage.called}" if stage.called else ""


def _timeliness(report: YearReport) -> list[str]:
    """Each stage's responses on time, extended and average days, where published."""
    y, out = report.year, []
    timescale = report.procedure.term("timescale") or "the timescale of the procedure"
    for stage in report.procedure.stages:
        n = stage.number
        name = f"stage{n}_on_time_rate"
        on_time = y.figure(f"timeliness.stage{n}_on_time")
        view = report.statistics.get(name)
        if on_time is not None and view is not None and view.denominator is not None:
            out.append(f"Of {_n(report, view.denominator, f'{stage.in_text} response', compared=True)}, {fmt.number(on_time)}"
                       f"{f' ({view.shown})' if view.shown else ''} {_were(on_time)} sent within {timescale}.")
        extended = y.figure(f"timeliness.stage{n}_extended")
        view = report.statistics.get(f"stage{n}_extended_rate")
        if extended is not None and view is not None:
            out.append(f"The timescale was extended for {_n(report, extended, f'{stage.in_text} response', compared=bool(view.shown))}"
                       f"{f' ({view.shown})' if view.shown else ''}.")
        days = y.figure(f"timeliness.stage{n}_average_days")
        if days is not None and f"timeliness.stage{n}_average_days" in report.field_by_path:
            out.append(f"A {stage.in_text} response took {fmt.days(days)} working days on average.")
    return out


def _other(report: YearReport) -> list[str]:
    y, out = report.year, _timeliness(report)
    om = y.ombudsman
    if om.complaints is not None:
        out.append(f"The {report.procedure.after or 'Ombudsman'} dealt with "
                   f"{_n(report, om.complaints, 'complaint or enquiry', 'complaints and enquiries')} about the service.")
    if om.investigated is not None:
        rate = _rate(report, "ombudsman_upheld_rate")
        upheld = (f", and upheld {fmt.number(om.upheld)}{f' ({rate})' if rate else ''}"
                  if om.upheld is not None else "")
        out.append(f"The Ombudsman completed {_n(report, om.investigated, 'detailed investigation', compared=bool(upheld))}{upheld}.")
    elif om.upheld is not None:
        out.append(f"The Ombudsman upheld {_n(report, om.upheld, 'complaint')}.")
    if y.compliments is not None:
        out.append(f"The service received {_n(report, y.compliments, 'compliment')}.")
    return out


def summary(report: YearReport) -> tuple[str, ...]:
    """Paragraphs of plain text (not yet escaped) summarising the year."""
    paragraphs = (_received(report), _formal(report), _stages(report), _other(report))
    return tuple(" ".join(p) for p in paragraphs if p)
