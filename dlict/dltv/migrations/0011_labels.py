# Choice labels and field names through the catalogue (the labels were Thai text in the code).

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('dltv', '0010_visits_moved_to_supervision'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='dltvclassroom',
            name='grade',
            field=models.CharField(choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade'),
        ),
        migrations.AlterField(
            model_name='equipment',
            name='grade',
            field=models.CharField(blank=True, choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade'),
        ),
        migrations.AlterField(
            model_name='equipment',
            name='source',
            field=models.CharField(blank=True, choices=[('obec', 'OBEC'), ('foundation', 'Distance Learning Foundation'), ('local', 'Provincial or sub-district administration'), ('other', 'Other')], max_length=12, verbose_name='source'),
        ),
        migrations.AlterField(
            model_name='equipment',
            name='status',
            field=models.CharField(choices=[('working', 'Present and working'), ('broken', 'Present but broken'), ('none', 'None')], default='none', max_length=8, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='equipmentchange',
            name='changed_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='changed by'),
        ),
        migrations.AlterField(
            model_name='equipmentchange',
            name='status',
            field=models.CharField(choices=[('working', 'Present and working'), ('broken', 'Present but broken'), ('none', 'None')], max_length=8, verbose_name='status'),
        ),
        migrations.AlterField(
            model_name='officerollup',
            name='grade',
            field=models.CharField(choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade'),
        ),
        migrations.AlterField(
            model_name='repairrequest',
            name='grade',
            field=models.CharField(choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade'),
        ),
        migrations.AlterField(
            model_name='usagerecord',
            name='grade',
            field=models.CharField(choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade'),
        ),
        migrations.AlterField(
            model_name='usagerecord',
            name='recorded_by',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by'),
        ),
        migrations.AlterField(
            model_name='usagerollup',
            name='grade',
            field=models.CharField(choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade'),
        ),
    ]
