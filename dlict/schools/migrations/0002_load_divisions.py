"""Load Thailand's 77 provinces, 929 districts and 7,451 sub-districts from the shipped data."""

from django.db import migrations


def load(apps, schema_editor):
    from dlict.schools.divisions import load_divisions

    load_divisions(
        apps.get_model("schools", "Province"),
        apps.get_model("schools", "District"),
        apps.get_model("schools", "SubDistrict"),
    )


class Migration(migrations.Migration):
    dependencies = [("schools", "0001_initial")]

    # Reversing leaves the divisions in place: schools and offices may refer to them, and the
    # tables themselves go when 0001 is reversed.
    operations = [migrations.RunPython(load, migrations.RunPython.noop, elidable=False)]
