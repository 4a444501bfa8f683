from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from dlict.core import demo


class Command(BaseCommand):
    help = "Load the demo offices, schools, accounts and every module's part (never in production)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--quiet-if-loaded",
            action="store_true",
            help="Print the logins and exit quietly when the demo is already there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo accounts use a published password: refused in production.")
        parts = demo.parts()
        loaded_any = False
        # Parts already there are skipped, so modules added after a demo was loaded fill in theirs.
        for part in parts:
            if part.loaded():
                continue
            with transaction.atomic():
                part.load()
            loaded_any = True
            self.stdout.write(self.style.SUCCESS(part.message))
        if not loaded_any and not options["quiet_if_loaded"]:
            self.stdout.write("The demo office is already loaded.")
        for part in parts:
            if part.notes is not None:
                self.stdout.write("\n".join(part.notes()))
