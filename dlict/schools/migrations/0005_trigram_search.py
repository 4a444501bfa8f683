"""Trigram indexes for the Thai substring search on PostgreSQL.

A name search is ``UPPER(name) LIKE '%ห้วย%'``, which no B-tree helps; pg_trgm's GIN index does,
for Thai as for Latin text. pg_trgm is a trusted extension (PostgreSQL 13+), so a database owner
may create it. SQLite scans its table instead, which stays well inside the targets (BENCHMARKS.md).
"""

from django.db import migrations

COLUMNS = ("name_th", "name_en")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS school_{column}_trgm ON schools_school "
            f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS school_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("schools", "0004_codes_required_and_checked")]

    operations = [migrations.RunPython(create, drop)]
