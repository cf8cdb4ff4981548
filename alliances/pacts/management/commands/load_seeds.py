from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.pacts.curation.loader import LoadError, load
from alliances.pacts.loadlock import LoadRunning
from alliances.pacts.planner import refresh_statistics


class Command(BaseCommand):
    help = _(
        "Validate fixtures/ against seeds/ and load them. An empty database receives everything; "
        "otherwise differences are reported and nothing is written without --apply."
    )

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(settings.FIXTURES_DIR), help=_("fixtures folder"))
        parser.add_argument("--seeds", default=str(settings.SEEDS_DIR), help=_("seeds folder"))
        parser.add_argument(
            "--apply",
            action="store_true",
            help=_("write new and changed records into a database that already holds data"),
        )

    def handle(self, *args, fixtures, seeds, apply, **options):
        try:
            report = load(fixtures, seeds, apply=apply)
        except LoadRunning as error:
            raise CommandError(str(error)) from None
        except LoadError as error:
            raise CommandError(
                _("Nothing was loaded; the fixtures have %(count)d problem(s):\n%(problems)s")
                % {"count": len(error.problems), "problems": "\n".join(error.problems)}
            ) from None
        if not report.was_empty:
            for line in report.lines():
                self.stdout.write(line)
        if report.applied:
            refresh_statistics()
        pending = len(report.pending)
        if report.applied and report.was_empty:
            self.stdout.write(self.style.SUCCESS(_("Loaded %(count)d records into an empty database.") % {"count": pending}))
        elif report.applied:
            self.stdout.write(self.style.SUCCESS(_("Applied %(count)d new or changed records.") % {"count": pending}))
        elif pending:
            self.stdout.write(
                self.style.WARNING(
                    _("%(count)d records differ from the fixtures; nothing was written. "
                      "Review the list above, then run load_seeds --apply to write them.")
                    % {"count": pending}
                )
            )
        else:
            self.stdout.write(_("The database already matches the fixtures; nothing to do."))
