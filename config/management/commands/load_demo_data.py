"""Load the demo content in fixtures/ into the database; safe to run again."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app's loader, in dependency order. A loader takes the command's stdout and style.
LOADERS: list[str] = [
    "accounts.demo.load",
    "evidence_store.demo.load",
    "pine.demo.load",
    "movement.demo.load",
    "movement.demo_practice.load",
]


class Command(BaseCommand):
    help = "Load the demo content (fixtures/) for every app. Running it again updates in place."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            for dotted_path in LOADERS:
                import_string(dotted_path)(stdout=self.stdout, style=self.style)
        self.stdout.write(self.style.SUCCESS(f"Demo data loaded ({len(LOADERS)} parts)."))
