from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dlict.processes.documents import manual_pdf
from dlict.schools.models import Office


class Command(BaseCommand):
    help = "Write the operations manual as a Thai PDF, regenerated from the manual's data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("output", help="Where to write the PDF, e.g. manual.pdf")
        parser.add_argument(
            "--office",
            metavar="CODE",
            help="Print the cover for this office (its 8-digit code) instead of the original's.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        office = None
        if options["office"]:
            office = Office.objects.filter(code=options["office"]).first()
            if office is None:
                raise CommandError(f"No office has the code {options['office']}.")
        output = Path(options["output"])
        if output.parent and not output.parent.exists():
            raise CommandError(f"The folder {output.parent} does not exist.")
        pdf = manual_pdf(office=office)
        output.write_bytes(pdf)
        self.stdout.write(self.style.SUCCESS(f"Wrote {output} ({len(pdf) // 1024} KB)."))
