"""report.timing: phases are counted only when asked for, nested phases once, and
each process hands back its totals (make bench sums them)."""

from __future__ import annotations

from report import timing


def test_phases_are_not_counted_unless_asked(monkeypatch):
    monkeypatch.delenv("REPORT_TIMING", raising=False)
    timing.take()
    with timing.phase("chart rendering"):
        pass
    assert timing.take() == {}


def test_nested_phases_are_counted_once_and_taken_once(monkeypatch):
    monkeypatch.setenv("REPORT_TIMING", "1")
    timing.take()
    with timing.phase("MkDocs"):
        with timing.phase("macros and text"):
            with timing.phase("chart rendering"):
                sum(range(1000))
        with timing.phase("macros and text"):
            pass
    spent = timing.take()
    assert set(spent) == {name + cpu for name in ("MkDocs", "macros and text", "chart rendering") for cpu in ("", " (CPU)")}
    assert all(seconds >= 0 for seconds in spent.values())
    assert timing.take() == {}
    timing.add(spent)
    timing.add(spent)
    assert timing.take() == {name: 2 * seconds for name, seconds in spent.items()}
