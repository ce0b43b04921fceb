"""Where a build's time goes: wall time per phase, per process, off by default.

``make bench`` sets ``REPORT_TIMING=1``; then ``phase(name)`` adds the time
spent inside it to that process's total for ``name``. Phases nest: time in an
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
_stack: list[list] = []  # [name, start of its current stretch]


def enabled() -> bool:
    return bool(os.environ.get("REPORT_TIMING"))


@contextlib.contextmanager
def phase(name: str) -> Iterator[None]:
    """Count the time inside the block as ``name`` (minus any nested phase)."""
    if not enabled():
        yield
        return
    now = time.perf_counter()
    if _stack:
        outer = _stack[-1]
        _totals[outer[0]] += now - outer[1]
    _stack.append([name, now])
    try:
        yield
    finally:
        now = time.perf_counter()
        _totals[name] += now - _stack.pop()[1]
        if _stack:
            _stack[-1][1] = now


def take() -> dict[str, float]:
    """This process's totals since the last call, then start again from zero."""
    found = dict(_totals)
    _totals.clear()
    return found


def add(more: dict[str, float]) -> None:
    """Add another process's totals (from its ``take()``) to this one's."""
    for name, seconds in more.items():
        _totals[name] += seconds
