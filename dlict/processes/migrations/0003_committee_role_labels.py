# The working group's roles labelled through the catalogue (they were Thai text in the code).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('processes', '0002_load_manual'),
    ]

    operations = [
        migrations.AlterField(
            model_name='committeemember',
            name='role',
            field=models.CharField(choices=[('chair', 'Chair'), ('member', 'Member'), ('secretary', 'Member and secretary')], max_length=16, verbose_name='role in the group'),
        ),
    ]
