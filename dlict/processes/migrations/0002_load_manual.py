"""Load the operations manual (data/manual.yaml): 2 sections, 11 processes, 67 steps, 10 forms."""

from django.db import migrations


def load(apps, schema_editor):
    from dlict.processes.manual_data import manual_load

    manual_load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("processes", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
