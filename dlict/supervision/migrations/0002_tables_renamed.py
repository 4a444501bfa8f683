# The tables made by the DLTV app take this app's names (dltv_visit → supervision_visit, …).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dltv', '0010_visits_moved_to_supervision'),
        ('supervision', '0001_initial'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='finding',
            table=None,
        ),
        migrations.AlterModelTable(
            name='followup',
            table=None,
        ),
        migrations.AlterModelTable(
            name='rubric',
            table=None,
        ),
        migrations.AlterModelTable(
            name='visit',
            table=None,
        ),
        migrations.AlterModelTable(
            name='visitphoto',
            table=None,
        ),
    ]
