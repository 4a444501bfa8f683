from django.db import migrations


def load(apps, schema_editor):
    # The rubric moved to the supervision app later (its migration 0001); its loader with it.
    from dlict.supervision.defaults import rubric_load

    rubric_load(apps.get_model, app_label="dltv")


class Migration(migrations.Migration):
    dependencies = [("dltv", "0005_visits")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
