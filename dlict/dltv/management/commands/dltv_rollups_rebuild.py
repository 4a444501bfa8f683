from typing import Any

from django.core.management.base import BaseCommand

from dlict.dltv.services import rollups_rebuild


class Command(BaseCommand):
    help = "Recompute every DLTV monthly rollup from the usage records (after a bulk load)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = rollups_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {count:,} monthly rollups."))
