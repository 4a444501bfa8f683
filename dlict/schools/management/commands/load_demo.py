from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from dlict.accounts.models import User
from dlict.dltv.demo import demo_classrooms_exist, load_demo_classrooms, load_demo_usage
from dlict.emis.demo import demo_figures_exist, load_demo_figures
from dlict.processes.demo import demo_projects_exist, load_demo_projects
from dlict.schools.demo import (
    DEMO_ACCOUNTS,
    DEMO_OFFICE_CODE,
    DEMO_PASSWORD,
    demo_exists,
    load_demo,
)
from dlict.schools.models import Office
from dlict.supervision.demo import demo_visits_exist, load_demo_visits


class Command(BaseCommand):
    help = "Load the demo offices, schools and accounts (never in production)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--quiet-if-loaded",
            action="store_true",
            help="Print the logins and exit quietly when the demo is already there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo accounts use a published password: refused in production.")
        if demo_exists():
            if not options["quiet_if_loaded"]:
                self.stdout.write("The demo office is already loaded.")
        else:
            load_demo()
            self.stdout.write(self.style.SUCCESS("Loaded the demo office สพป.ตัวอย่าง เขต 1."))
        # Modules added after a demo was loaded fill in their part of it.
        office = Office.objects.get(code=DEMO_OFFICE_CODE)
        if not demo_projects_exist(office):
            load_demo_projects(
                office=office,
                staff=User.objects.get(username="staff"),
                director=User.objects.get(username="director"),
            )
            self.stdout.write(self.style.SUCCESS("Loaded the demo office's yearly projects."))
        if not demo_classrooms_exist(office):
            load_demo_classrooms(office)
            load_demo_usage(office)
            self.stdout.write(
                self.style.SUCCESS("Loaded the demo office's DLTV classrooms and use.")
            )
        if not demo_visits_exist(office):
            load_demo_visits(office, User.objects.get(username="supervisor"))
            self.stdout.write(self.style.SUCCESS("Loaded the demo office's supervision visits."))
        if not demo_figures_exist(office):
            load_demo_figures(office)
            self.stdout.write(self.style.SUCCESS("Loaded the demo office's student figures."))
        self.stdout.write(
            f"\nDemo logins at http://127.0.0.1:8000 (password for all: {DEMO_PASSWORD}):"
        )
        for account in DEMO_ACCOUNTS:
            self.stdout.write(f"  {account.username:<13} {account.description}")
