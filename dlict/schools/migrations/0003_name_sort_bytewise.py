"""Compare School.name_sort byte by byte on PostgreSQL too.

thai_sort_key() builds keys that sort right under plain code-point order, which is what SQLite
does. A PostgreSQL database created with a language collation (en_US.UTF-8, th_TH...) would apply
its own rules on top, so the column gets the "C" collation there.
"""

from django.db import migrations


def to_c_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            'ALTER TABLE schools_school ALTER COLUMN name_sort TYPE varchar(410) COLLATE "C"'
        )


def to_default_collation(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE schools_school ALTER COLUMN name_sort TYPE varchar(410) "
            'COLLATE "default"'
        )


class Migration(migrations.Migration):
    dependencies = [("schools", "0002_load_divisions")]

    operations = [migrations.RunPython(to_c_collation, to_default_collation)]
