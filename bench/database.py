"""The benchmark databases: where they are, making them, and filling them once.

Settings are read once per process, so each process benchmarks one database; `python -m bench`
starts one process per benchmark and database. The generated data is reused between runs: a marker
row records the scale, the seed and a digest of the generator and the migrations, and a database
whose marker differs is thrown away and made again rather than patched, so no half-generated or
stale state can survive.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
from psycopg import sql

from bench.measure import note
from bench.registry import Database, Scale

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dlict_bench"
)
MARKER_TABLE = "bench_marker"


def sqlite_path(scale: Scale) -> Path:
    return ROOT / "var" / f"bench-{scale}.sqlite3"


def database_url(database: Database, scale: Scale) -> str:
    return f"sqlite:///{sqlite_path(scale)}" if database == "sqlite" else POSTGRES_URL


def _server_and_name() -> tuple[str, str]:
    """The maintenance database's URL (to create or drop ours from) and our database's name."""
    base, _, name = POSTGRES_URL.rpartition("/")
    return f"{base}/postgres", name


def postgres_problem() -> str | None:
    """Why PostgreSQL cannot be used, or None once the benchmark database exists."""
    server, name = _server_and_name()
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=5) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if found is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        return " ".join(str(error).split()) or type(error).__name__
    return None


def configure(database: Database, scale: Scale) -> None:
    """Point Django at the benchmark database and set it up; call before importing any model."""
    os.environ["DATABASE_URL"] = database_url(database, scale)
    # Jobs run inline, so an import's check and apply stages can be timed in this process.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    # Measure what production runs: no query log, no debug pages.
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # not a line per task run between the figures
    # Uploads and the progress cache stay out of the developer's var/private and var/cache.
    os.environ["DLICT_DATA_DIR"] = str(ROOT / "var" / "bench")
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)

    import django

    django.setup()


def prepare(*, scale: Scale) -> None:
    """Migrate, and generate the data unless the database already holds this scale and seed."""
    from django.core.management import call_command

    from bench import generate

    wanted = _fingerprint(scale, generate.SEED)
    if _read_marker() == wanted:
        call_command("migrate", interactive=False, verbosity=0)
    else:
        _generate(scale, wanted)
    _vacuum()


def prepare_extra(name: str, build: Callable[[], None]) -> None:
    """Data that one benchmark adds to the scale's (the DLTV year's millions of records), made
    once and kept beside it. Its marker row holds the scale's marker: a database made again from
    empty has lost the extra data and gets it again."""
    from django.db import transaction

    wanted = _read_marker()
    if wanted is None or _read_marker(name) == wanted:
        return
    note(f"generating the {name} data; later runs reuse it")
    start = time.perf_counter()
    with transaction.atomic():
        build()
        _write_marker(wanted, name=name)
    note(f"generated in {time.perf_counter() - start:.1f} s")
    _vacuum()


def _generate(scale: Scale, marker: str) -> None:
    from django.core.management import call_command
    from django.db import transaction

    from bench import generate

    note(f"generating {scale} data (seed {generate.SEED}); later runs reuse it")
    start = time.perf_counter()
    _recreate()
    call_command("migrate", interactive=False, verbosity=0)
    # One transaction: an interrupted generation leaves no marker, so the next run starts over.
    with transaction.atomic():
        generate.generate(scale=scale, seed=generate.SEED)
        _write_marker(marker)
    note(f"generated in {time.perf_counter() - start:.1f} s")


def _vacuum() -> None:
    """Give PostgreSQL fresh statistics and clear the dead rows of earlier runs' imports.

    Each run's import is rolled back, which on PostgreSQL leaves 30,000 dead rows behind; without
    autovacuum (off on some servers, this one among them) they pile up and slow every scan. A
    production database has autovacuum's statistics, so the benchmark should too. SQLite needs
    nothing: a rollback leaves no trace there, and Django never runs its ANALYZE either.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _fingerprint(scale: Scale, seed: int) -> str:
    """What the generated data depends on: its scale and seed, the generator, the migrations.

    An edited generator or an added or edited migration rebuilds the data from scratch rather
    than leaving a database that a fresh run would not reproduce.
    """
    digest = hashlib.sha256()
    generator = [ROOT / "bench" / name for name in ("generate.py", "names.py")]
    for path in [*generator, *sorted(ROOT.glob("dlict/*/migrations/*.py"))]:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    return f"scale={scale} seed={seed} sources={digest.hexdigest()[:16]}"


def _read_marker(name: str = "data") -> str | None:
    from django.db import connection

    if MARKER_TABLE not in connection.introspection.table_names():
        return None
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {MARKER_TABLE} WHERE name = %s", [name])  # noqa: S608
        row = cursor.fetchone()
    return row[0] if row else None


def _write_marker(value: str, *, name: str = "data") -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {MARKER_TABLE} "
            "(name varchar(50) PRIMARY KEY, value varchar(200) NOT NULL)"
        )
        cursor.execute(f"DELETE FROM {MARKER_TABLE} WHERE name = %s", [name])  # noqa: S608
        cursor.execute(f"INSERT INTO {MARKER_TABLE} (name, value) VALUES (%s, %s)", [name, value])  # noqa: S608


def _recreate() -> None:
    """Start from an empty database: delete the SQLite file, or drop and create PostgreSQL's."""
    from django.db import connection

    connection.close()
    if connection.vendor == "sqlite":
        path = Path(str(connection.settings_dict["NAME"]))
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    server, name = _server_and_name()
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
