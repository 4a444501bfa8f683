# The supervision visits' models came from the DLTV app: their tables exist already (made by dltv's
# migrations 0005 and 0006), so this migration only takes them into this app's state, and points
# the content types (which the audit trail refers to) at this app. 0002 renames the tables.

import django.db.models.deletion
import dlict.core.models
import uuid
from django.conf import settings
from django.db import migrations, models


MODELS = ['rubric', 'visit', 'finding', 'followup', 'visitphoto']


def content_types_here(apps, schema_editor):
    content_type = apps.get_model('contenttypes', 'ContentType')
    content_type.objects.filter(app_label='dltv', model__in=MODELS).update(app_label='supervision')


def content_types_back(apps, schema_editor):
    content_type = apps.get_model('contenttypes', 'ContentType')
    content_type.objects.filter(app_label='supervision', model__in=MODELS).update(app_label='dltv')


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('dltv', '0009_last_report_related'),
        ('schools', '0007_dltv_office_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Finding',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('text', models.CharField(max_length=300, verbose_name='finding')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.office', verbose_name='office')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.school', verbose_name='school')),
                    ],
                    options={
                        'verbose_name': 'finding',
                        'verbose_name_plural': 'findings',
                        'db_table': 'dltv_finding',
                        'ordering': ['visit', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Rubric',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('version', models.PositiveSmallIntegerField(verbose_name='version')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('scale', models.JSONField(verbose_name='scale')),
                        ('sections', models.JSONField(verbose_name='sections')),
                        ('bands', models.JSONField(verbose_name='quality bands')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('office', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.office', verbose_name='office')),
                    ],
                    options={
                        'verbose_name': 'observation rubric',
                        'verbose_name_plural': 'observation rubrics',
                        'db_table': 'dltv_rubric',
                        'ordering': ['office', '-version'],
                    },
                ),
                migrations.CreateModel(
                    name='Visit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('key', models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name='key')),
                        ('status', models.CharField(choices=[('planned', 'Planned'), ('recorded', 'Recorded')], default='planned', max_length=10, verbose_name='status')),
                        ('planned_on', models.DateField(blank=True, null=True, verbose_name='planned for')),
                        ('visited_on', models.DateField(blank=True, null=True, verbose_name='visited on')),
                        ('round', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='visit round')),
                        ('informant', models.CharField(blank=True, max_length=200, verbose_name='informant')),
                        ('informant_position', models.CharField(blank=True, max_length=200, verbose_name="informant's position")),
                        ('grade', models.CharField(blank=True, choices=[('k1', 'K1'), ('k2', 'K2'), ('k3', 'K3'), ('p1', 'P1'), ('p2', 'P2'), ('p3', 'P3'), ('p4', 'P4'), ('p5', 'P5'), ('p6', 'P6'), ('m1', 'M1'), ('m2', 'M2'), ('m3', 'M3')], max_length=4, verbose_name='grade observed')),
                        ('subject', models.CharField(blank=True, max_length=200, verbose_name='subject or activity')),
                        ('students_present', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='students present')),
                        ('channel', models.CharField(blank=True, choices=[('satellite', 'Live through the satellite receiver (IRD)'), ('internet_live', 'Live on www.dltv.ac.th'), ('replay', 'Replays on the website'), ('downloads', 'Downloaded media or documents')], max_length=16, verbose_name='viewing channel')),
                        ('reception', models.CharField(blank=True, choices=[('good', 'Good'), ('fair', 'Fair'), ('poor', 'Needs improving')], max_length=8, verbose_name='reception quality')),
                        ('context_note', models.TextField(blank=True, verbose_name='more about the context')),
                        ('scores', models.JSONField(blank=True, default=dict, verbose_name='scores')),
                        ('strengths', models.TextField(blank=True, verbose_name='strengths')),
                        ('suggestions', models.TextField(blank=True, verbose_name='suggestions')),
                        ('recorded_at', models.DateTimeField(blank=True, null=True, verbose_name='received')),
                        ('fingerprint', models.CharField(blank=True, editable=False, max_length=64, verbose_name='fingerprint')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('office', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.office', verbose_name='office')),
                        ('rubric', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='visits', to='supervision.rubric', verbose_name='rubric')),
                        ('school', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='schools.school', verbose_name='school')),
                        ('supervisor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='supervisor')),
                    ],
                    options={
                        'verbose_name': 'supervision visit',
                        'verbose_name_plural': 'supervision visits',
                        'db_table': 'dltv_visit',
                        'ordering': ['-visited_on', '-planned_on', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='FollowUp',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('result', models.CharField(choices=[('resolved', 'Resolved'), ('in_progress', 'In progress'), ('not_started', 'Not started')], max_length=12, verbose_name='result')),
                        ('note', models.CharField(blank=True, max_length=300, verbose_name='note')),
                        ('finding', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='supervision.finding', verbose_name='finding')),
                        ('visit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='supervision.visit', verbose_name='visit')),
                    ],
                    options={
                        'verbose_name': 'follow-up',
                        'verbose_name_plural': 'follow-ups',
                        'db_table': 'dltv_followup',
                        'ordering': ['visit', 'finding'],
                    },
                ),
                migrations.AddField(
                    model_name='finding',
                    name='resolved_in',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='resolved_findings', to='supervision.visit', verbose_name='resolved at visit'),
                ),
                migrations.AddField(
                    model_name='finding',
                    name='visit',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='supervision.visit', verbose_name='visit'),
                ),
                migrations.CreateModel(
                    name='VisitPhoto',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(storage=dlict.core.models.private_storage, upload_to='visits/%Y/%m/', verbose_name='file')),
                        ('content_type', models.CharField(max_length=100, verbose_name='type')),
                        ('size', models.PositiveIntegerField(verbose_name='size')),
                        ('caption', models.CharField(blank=True, max_length=200, verbose_name='caption')),
                        ('visit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='photos', to='supervision.visit', verbose_name='visit')),
                    ],
                    options={
                        'verbose_name': 'visit photo',
                        'verbose_name_plural': 'visit photos',
                        'db_table': 'dltv_visitphoto',
                        'ordering': ['visit', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='rubric',
                    constraint=models.UniqueConstraint(fields=('office', 'version'), name='rubric_version_once'),
                ),
                migrations.AddConstraint(
                    model_name='rubric',
                    constraint=models.UniqueConstraint(condition=models.Q(('office__isnull', True)), fields=('version',), name='rubric_shipped_once'),
                ),
                migrations.AddIndex(
                    model_name='visit',
                    index=models.Index(fields=['office', 'status', 'visited_on'], name='visit_office'),
                ),
                migrations.AddConstraint(
                    model_name='visit',
                    constraint=models.CheckConstraint(condition=models.Q(('status', 'planned'), models.Q(('rubric__isnull', False), ('visited_on__isnull', False)), _connector='OR'), name='visit_recorded_complete'),
                ),
                migrations.AddConstraint(
                    model_name='followup',
                    constraint=models.UniqueConstraint(fields=('visit', 'finding'), name='follow_up_once'),
                ),
                migrations.AddIndex(
                    model_name='finding',
                    index=models.Index(fields=['office', 'resolved_in'], name='finding_open'),
                ),
            ],
        ),
        migrations.RunPython(content_types_here, content_types_back),
    ]
