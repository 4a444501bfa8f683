from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dlict.core.command_imports import run_import
from dlict.emis.imports import StudentCountImporter
from dlict.emis.models import DataRound
from dlict.schools.models import Office


class Command(BaseCommand):
    help = (
        "Import the data centre's (DMC) students-by-grade export (CSV or XLSX) for one academic "
        "year and round. Writes every row or none; exits non-zero listing each problem."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument("--academic-year", type=int, required=True, help="B.E., e.g. 2568")
        parser.add_argument(
            "--round",
            type=int,
            required=True,
            choices=[value for value, _label in DataRound.choices],
            help="1 = 10 June, 2 = 10 November, 3 = end of the academic year",
        )
        parser.add_argument(
            "--create-schools",
            action="store_true",
            help="add schools (and offices) the file names that the registry lacks",
        )
        parser.add_argument(
            "--office",
            metavar="CODE",
            help="the office the file is for (its code); a row of another office is an error",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not 2500 <= options["academic_year"] <= 2700:
            raise CommandError("The academic year is a B.E. year such as 2568.")
        office = None
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"No office has the code {options['office']}.")
        summary = run_import(
            StudentCountImporter,
            options["file"],
            office=office,
            params={
                "academic_year": options["academic_year"],
                "data_round": options["round"],
                "create_schools": options["create_schools"],
            },
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {summary['schools']:,} schools and {summary['students']:,} students "
                f"(academic year {summary['academic_year']}, round {summary['data_round']}): "
                f"figures changed for {summary['changed_schools']:,} schools, "
                f"{summary['created_schools']:,} schools and {summary['created_offices']:,} "
                "offices created."
            )
        )
