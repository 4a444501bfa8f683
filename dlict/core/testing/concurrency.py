"""Saves that arrive at the same moment, for the tests that prove nothing is lost or doubled.

Those tests run on PostgreSQL in real transactions, which empties the database after each one; a
module that uses them imports the two fixtures below so the reference data (divisions, the manual,
problem categories, the rubric) is there for it and for the tests after it::

    from dlict.core.testing.concurrency import at_once, reference_data, reference_data_left_behind
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier
from typing import Any, TypeVar

import pytest
from django.db import connection

from dlict.core.testing.reference import reload_reference_data

T = TypeVar("T")
THREADS = 6


@pytest.fixture(autouse=True)
def reference_data() -> None:
    reload_reference_data()


@pytest.fixture(scope="module", autouse=True)
def reference_data_left_behind(django_db_blocker: Any) -> Iterator[None]:
    """Each test empties the database; the tests after the module expect the reference data."""
    yield
    with django_db_blocker.unblock():
        reload_reference_data()


def at_once(action: Callable[[], T], threads: int = THREADS) -> list[T]:
    """Run ``action`` in several threads released together; each closes its connection."""
    barrier = Barrier(threads)

    def run() -> T:
        try:
            barrier.wait()
            return action()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=threads) as pool:
        return [future.result() for future in [pool.submit(run) for _ in range(threads)]]
