from django.db import migrations


def load(apps, schema_editor):
    from dlict.dltv.defaults import rubric_load

    rubric_load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("dltv", "0005_visits")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
