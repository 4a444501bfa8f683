"""python -m bench [--only NAME] [--scale small|national] [--database sqlite|postgres]

Without --database, each chosen benchmark runs once per database, each time in a process of its own:
Django reads its settings once per process, and a fresh process per database is simpler and safer
than a second database alias that every query would have to name.
"""

from __future__ import annotations

import argparse
import importlib
import os
import subprocess
import sys

from bench.database import ROOT, configure, postgres_problem, prepare
from bench.measure import note
from bench.registry import BENCHMARKS, DATABASES, SCALES, Benchmark, Database, Scale


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Run the benchmarks; each figure prints as `BENCH <bench>.<figure> <value> "
        "<unit>`. BENCHMARKS.md lists the figures and their targets.",
    )
    parser.add_argument("--only", choices=sorted(BENCHMARKS), help="run this benchmark only")
    parser.add_argument(
        "--scale", choices=SCALES, help="data to run on (default: each benchmark's own)"
    )
    parser.add_argument(
        "--database", choices=DATABASES, help="run here, on this database only (needs --only)"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.database:
        if not args.only:
            parser.error("--database needs --only")
        benchmark = BENCHMARKS[args.only]
        _run_here(benchmark, args.scale or benchmark.default_scale, args.database)
        return 0
    chosen = [BENCHMARKS[args.only]] if args.only else list(BENCHMARKS.values())
    return _run_each(chosen, args.scale)


def _run_each(chosen: list[Benchmark], scale: Scale | None) -> int:
    problem = None
    if any("postgres" in benchmark.databases for benchmark in chosen):
        problem = postgres_problem()
        if problem:
            note(f"postgres unavailable: {problem}")
    failed = 0
    for benchmark in chosen:
        for database in benchmark.databases:
            if database == "postgres" and problem:
                continue
            chosen_scale = scale or benchmark.default_scale
            command = [sys.executable, "-m", "bench", "--only", benchmark.name,
                       "--scale", chosen_scale, "--database", database]  # fmt: skip
            if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
                note(f"{benchmark.name} on {database} failed")
                failed += 1
    return 1 if failed else 0


def _run_here(benchmark: Benchmark, scale: Scale, database: Database) -> None:
    configure(database, scale)
    # Timings on a busy machine mean little; the load says how busy it was.
    load = os.getloadavg()[0]
    note(f"{benchmark.name} on {database}, {scale} scale; load {load:.1f} on {os.cpu_count()} CPUs")
    prepare(scale=scale)
    module = importlib.import_module(benchmark.module)
    module.run(database=database, scale=scale)


if __name__ == "__main__":
    sys.exit(main())
