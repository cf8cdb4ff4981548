from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.pacts.backup import RestoreRefused, restore
from alliances.pacts.loadlock import LoadRunning


class Command(BaseCommand):
    help = _("Restore a backup into an empty, migrated database (run migrate first).")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("a file written by backup_database"))

    def handle(self, *args, path, **options):
        try:
            restore(path)
        except LoadRunning as error:
            raise CommandError(str(error)) from None
        except RestoreRefused as error:
            raise CommandError(_("Nothing was restored: %(reason)s.") % {"reason": error}) from None
        self.stdout.write(self.style.SUCCESS(_("Restored %(path)s.") % {"path": path}))
