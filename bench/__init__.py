"""Benchmarks and the synthetic data they run on.

`python -m bench` (or `make bench`) runs every registered benchmark; each prints its figures as
`BENCH <bench>.<figure> <value> <unit>` lines. Benchmarks run on their own databases
(var/bench-<scale>.sqlite3 and PostgreSQL's dlict_bench), never on the developer's var/db.sqlite3.
BENCHMARKS.md lists the figures, their targets and the last measurements.
"""
