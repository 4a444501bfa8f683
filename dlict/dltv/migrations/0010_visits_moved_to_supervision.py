# The supervision visits' models moved to the supervision app (its migration 0001 took them into its
# state): only this app's state lets them go; the tables stay, renamed by supervision's 0002.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('dltv', '0009_last_report_related'),
        ('supervision', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.RemoveField(
                    model_name='followup',
                    name='finding',
                ),
                migrations.RemoveField(
                    model_name='followup',
                    name='visit',
                ),
                migrations.RemoveField(
                    model_name='rubric',
                    name='created_by',
                ),
                migrations.RemoveField(
                    model_name='rubric',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='rubric',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='office',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='school',
                ),
                migrations.RemoveField(
                    model_name='visit',
                    name='supervisor',
                ),
                migrations.RemoveField(
                    model_name='visitphoto',
                    name='visit',
                ),
                migrations.DeleteModel(
                    name='Finding',
                ),
                migrations.DeleteModel(
                    name='FollowUp',
                ),
                migrations.DeleteModel(
                    name='Rubric',
                ),
                migrations.DeleteModel(
                    name='Visit',
                ),
                migrations.DeleteModel(
                    name='VisitPhoto',
                ),
    
            ],
        ),
    ]
