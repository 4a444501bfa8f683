from django.db import migrations


def load(apps, schema_editor):
    from dlict.dltv.defaults import problems_load

    problems_load(apps.get_model)


class Migration(migrations.Migration):
    dependencies = [("dltv", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
