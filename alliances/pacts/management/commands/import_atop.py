import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.pacts.atop_import import AtopError, AtopRemovals, import_atop
from alliances.pacts.loadlock import LoadRunning
from alliances.pacts.planner import refresh_statistics

SHOWN = 50  # lines of a long list that are printed


def _first(lines):
    more = len(lines) - SHOWN
    return lines[:SHOWN] + ([_("... and %(count)d more") % {"count": more}] if more > 0 else [])


class Command(BaseCommand):
    help = _("Import ATOP 5.1 (alliance-phase and member CSV files) beside the curated corpus.")

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("folder holding atop5_1aph.csv and atop5_1m.csv"))
        parser.add_argument("--states", required=True, help=_("the COW state list (statelist2024.csv or states2016.csv)"))
        parser.add_argument(
            "--delete-missing", action="store_true",
            help=_("delete what an earlier import wrote and these files no longer hold (listed, and refused, otherwise)"),
        )

    def handle(self, *args, directory, states, delete_missing, **options):
        started = time.monotonic()
        try:
            counts = import_atop(directory, states, progress=lambda message: self.stdout.write(message),
                                 delete_missing=delete_missing)
        except LoadRunning as error:
            raise CommandError(str(error)) from None
        except AtopError as error:
            raise CommandError(
                _("Nothing was imported; %(count)d problem(s):\n%(problems)s")
                % {"count": len(error.problems), "problems": "\n".join(_first(error.problems))}
            ) from None
        except AtopRemovals as refused:
            raise CommandError(
                _("Nothing was imported: these files no longer hold %(count)d record(s) that an earlier import "
                  "wrote, which would be deleted:\n%(removed)s\nIf the files are complete (a later ATOP version "
                  "that drops them), run again with --delete-missing.")
                % {"count": len(refused.removed), "removed": "\n".join(_first(refused.removed))}
            ) from None
        refresh_statistics()
        self.stdout.write(self.style.SUCCESS(
            _("ATOP imported in %(seconds).1f s: %(pacts)d new ATOP-only pacts, %(linked)d alliances linked to "
              "curated pacts, %(states)d states added.")
            % {"seconds": time.monotonic() - started, **counts}))
