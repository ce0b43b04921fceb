"""Where a build's time goes: wall and CPU time per phase, per process, off by default.

``make bench`` sets ``REPORT_TIMING=1``; then ``phase(name)`` adds the wall
time (``time.perf_counter``) spent inside it to that process's total for
``name``, and the process's CPU time (every thread, ``time.process_time``) to
``name + " (CPU)"``: on a loaded machine the second says what the work costs. Phases nest: time in an
inner phase is not counted again in the outer one. Each worker hands its
totals back with ``take()`` and the caller sums them. When timing is off,
``phase`` costs one environment lookup.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import defaultdict
from collections.abc import Iterator

__all__ = ["enabled", "phase", "take", "add"]

_totals: defaultdict[str, float] = defaultdict(float)
_stack: list[list] = []  # [name, wall and CPU time at the start of its current stretch]


def enabled() -> bool:
    return bool(os.environ.get("REPORT_TIMING"))


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    """Count the time inside the block as ``name`` (minus any nested phase)."""
    if not enabled():
        yield
        return
    now, cpu = time.perf_counter(), time.process_time()
    if _stack:
        _count(_stack[-1], now, cpu)
    _stack.append([name, now, cpu])
    try:
        yield
    finally:
        now, cpu = time.perf_counter(), time.process_time()
        _count(_stack.pop(), now, cpu)
        if _stack:
            _stack[-1][1:] = [now, cpu]


def _count(entry: list, now: float, cpu: float) -> None:
    _totals[entry[0]] += now - entry[1]
    _totals[entry[0] + " (CPU)"] += cpu - entry[2]


def take() -> dict[str, float]:
    """This process's totals since the last call, then start again from zero."""
    found = dict(_totals)
    _totals.clear()
    return found


def add(more: dict[str, float]) -> None:
    """Add another process's totals (from its ``take()``) to this one's."""
    for name, seconds in more.items():
        _totals[name] += seconds
