import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.pacts.atop_import import AtopError, import_atop
from alliances.pacts.loadlock import LoadRunning
from alliances.pacts.planner import refresh_statistics


class Command(BaseCommand):
    help = _("Import ATOP 5.1 (alliance-phase and member CSV files) beside the curated corpus.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("folder holding atop5_1aph.csv and atop5_1m.csv"))
        parser.add_argument("--states", required=True, help=_("the COW state list (statelist2024.csv or states2016.csv)"))

    def handle(self, *args, directory, states, **options):
        started = time.monotonic()
        try:
            counts = import_atop(directory, states, progress=lambda message: self.stdout.write(message))
        except LoadRunning as error:
            raise CommandError(str(error)) from None
        except AtopError as error:
            raise CommandError(
                _("Nothing was imported; %(count)d problem(s):\n%(problems)s")
                % {"count": len(error.problems), "problems": "\n".join(error.problems[:50])}
            ) from None
        refresh_statistics()
        self.stdout.write(self.style.SUCCESS(
            _("ATOP imported in %(seconds).1f s: %(pacts)d new ATOP-only pacts, %(linked)d alliances linked to "
              "curated pacts, %(states)d states added.")
            % {"seconds": time.monotonic() - started, **counts}))
