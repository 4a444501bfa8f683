"""The benchmarks `python -m bench` knows, by name.

To add one, write bench/<name>.py with ``run(*, database, scale)`` printing its figures through
bench.measure.figure, and list it in BENCHMARKS below (and its figures in BENCHMARKS.md).

Modules are named as strings and imported only after Django is set up on the benchmark's own
database: importing them earlier would load the models against the developer's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Scale = Literal["small", "national"]
Database = Literal["sqlite", "postgres"]

SCALES: tuple[Scale, ...] = ("small", "national")
DATABASES: tuple[Database, ...] = ("sqlite", "postgres")


@dataclass(frozen=True)
class Benchmark:
    """A module in bench/ with ``run(*, database, scale)`` that prints its figures."""

    name: str
    module: str
    default_scale: Scale
    databases: tuple[Database, ...] = DATABASES


BENCHMARKS: dict[str, Benchmark] = {
    benchmark.name: benchmark
    for benchmark in [
        Benchmark("schools", "bench.schools", default_scale="national"),
        # Rendering does not depend on the database: one run, on the embedded one.
        Benchmark("manual", "bench.manual", default_scale="small", databases=("sqlite",)),
        Benchmark("emis", "bench.emis", default_scale="national"),
        # national: a year of 16 million records, on PostgreSQL only (see bench/dltv.py).
        Benchmark("dltv", "bench.dltv", default_scale="small"),
    ]
}
