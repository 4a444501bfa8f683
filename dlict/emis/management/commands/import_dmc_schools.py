from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dlict.core.command_imports import CommandJob, _LocalFile, operator, run_import
from dlict.core.imports import ImportRejected
from dlict.core.tables import FileRejected
from dlict.emis.school_info import SchoolInfoImporter, area_office
from dlict.schools.models import Office


class Command(BaseCommand):
    help = (
        "Import one office's school-information export from the data centre (DMC): registry "
        "facts, staff, computers, internet. Writes every row or none; exits non-zero listing "
        "each problem."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--create-schools",
            action="store_true",
            help="add schools (and the office) the file names that the registry lacks",
        )
        parser.add_argument(
            "--office", metavar="CODE", help="the office (by default, the one the file names)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        params = {"create_schools": options["create_schools"]}
        with transaction.atomic():
            office = self._office(options, params)
            summary = run_import(SchoolInfoImporter, options["file"], office=office, params=params)
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {summary['total_rows']:,} schools of {office.name_th}: "
                f"{summary['created']:,} added, {summary['updated']:,} changed, "
                f"{summary['unchanged']:,} unchanged in the registry; "
                f"{summary['profiles']:,} school profiles written, {summary['students']:,} "
                "students reported."
            )
        )

    def _office(self, options: dict[str, Any], params: dict[str, Any]) -> Office:
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"No office has the code {options['office']}.")
            return office
        from pathlib import Path

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        job = CommandJob(_LocalFile(path), office=None, params=params, created_by=operator())
        try:
            with path.open("rb") as handle:
                _table, rows = SchoolInfoImporter(job=job).read(handle)
        except (FileRejected, ImportRejected) as problem:
            raise CommandError(str(problem)) from None
        office = area_office(rows, create=options["create_schools"])
        if office is None:
            raise CommandError(
                "The file's area columns do not name one office of the registry. Give --office "
                "CODE (or --create-schools to add the office the file names)."
            )
        return office
