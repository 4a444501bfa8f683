"""Timing and the one output format every benchmark shares."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def figure(bench: str, name: str, value: float, unit: str, *, digits: int = 1) -> None:
    """Print one figure as the line tools parse: ``BENCH schools.list_median 42.0 ms``."""
    print(f"BENCH {bench}.{name} {value:.{digits}f} {unit}", flush=True)


def note(text: str) -> None:
    """Print a line for people; it starts with '#' so it can never be taken for a figure."""
    print(f"# {text}", flush=True)


def seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_ms(action: Callable[[], object], *, repeat: int, warmup: int = 3) -> float:
    """The median of ``repeat`` timed calls, after ``warmup`` untimed ones fill the caches."""
    for _ in range(warmup):
        action()
    return statistics.median(seconds(action) * 1000 for _ in range(repeat))
