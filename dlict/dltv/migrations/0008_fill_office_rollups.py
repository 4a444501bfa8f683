"""Fill the rollups added by 0007 from what is already recorded (the schools' rollups again, now
with their last day; the offices' rollups, the last days, the offices' equipment counts)."""

from django.db import migrations
from django.db.models import Count, Exists, Max, OuterRef, Q, Sum
from django.db.models.functions import TruncMonth


def fill(apps, schema_editor):
    record = apps.get_model("dltv", "UsageRecord")
    rollup = apps.get_model("dltv", "UsageRollup")
    office_rollup = apps.get_model("dltv", "OfficeRollup")
    last_report = apps.get_model("dltv", "LastReport")
    equipment = apps.get_model("dltv", "Equipment")
    classroom = apps.get_model("dltv", "DltvClassroom")
    office_equipment = apps.get_model("dltv", "OfficeEquipment")

    rollup.objects.all().delete()
    rollup.objects.bulk_create(
        rollup(
            office_id=row["office_id"],
            school_id=row["school_id"],
            month=row["month"],
            grade=row["grade"],
            days=row["days"],
            planned=row["planned_sum"],
            watched=row["watched_sum"],
            problem_days=row["problem_days"],
            last_day=row["last_day"],
        )
        for row in record.objects.annotate(month=TruncMonth("day"))
        .values("office_id", "school_id", "month", "grade")
        .annotate(
            days=Count("pk"),
            planned_sum=Sum("planned"),
            watched_sum=Sum("watched"),
            problem_days=Count("problem"),
            last_day=Max("day"),
        )
        .order_by()
    )
    office_rollup.objects.bulk_create(
        office_rollup(
            office_id=row["office_id"],
            month=row["month"],
            grade=row["grade"],
            schools=row["schools"],
            days=row["days_sum"],
            planned=row["planned_sum"],
            watched=row["watched_sum"],
            problem_days=row["problem_sum"],
        )
        for row in rollup.objects.values("office_id", "month", "grade")
        .annotate(
            schools=Count("pk"),
            days_sum=Sum("days"),
            planned_sum=Sum("planned"),
            watched_sum=Sum("watched"),
            problem_sum=Sum("problem_days"),
        )
        .order_by()
    )
    last_report.objects.bulk_create(
        last_report(school_id=row["school_id"], office_id=row["office_id"], day=row["day"])
        for row in rollup.objects.values("school_id", "office_id")
        .annotate(day=Max("last_day"))
        .order_by()
    )
    offices = set(classroom.objects.values_list("school__office_id", flat=True))
    offices |= set(equipment.objects.values_list("school__office_id", flat=True))
    recorded = equipment.objects.filter(
        school=OuterRef("school"), grade=OuterRef("grade"), kind__in=["receiver", "tv"]
    )
    for office_id in offices:
        counts = {
            f"{row['kind']}:{row['status']}": row["n"]
            for row in equipment.objects.filter(school__office_id=office_id)
            .values("kind", "status")
            .annotate(n=Count("pk"))
            .order_by()
        }
        rooms = classroom.objects.filter(school__office_id=office_id).aggregate(
            total=Count("pk"), unrecorded=Count("pk", filter=~Q(Exists(recorded)))
        )
        office_equipment.objects.create(
            office_id=office_id,
            counts=counts,
            classrooms=rooms["total"],
            unrecorded=rooms["unrecorded"],
        )


class Migration(migrations.Migration):
    dependencies = [("dltv", "0007_office_rollups")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
