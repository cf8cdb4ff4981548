from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alliances.pacts.backup import backup


class Command(BaseCommand):
    help = _("Write the whole database (history and accounts included) to an XML file.")

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("the file to write"))

    def handle(self, *args, path, **options):
        backup(path)
        self.stdout.write(self.style.SUCCESS(_("Backup written to %(path)s.") % {"path": path}))
