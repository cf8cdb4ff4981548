from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alliances.pacts.importers.curation.exporter import export_fixtures


class Command(BaseCommand):
    help = _("Write the database's curated data back to fixtures/ in the same layout.")

    def add_arguments(self, parser):
        parser.add_argument("--fixtures", default=str(settings.FIXTURES_DIR), help=_("fixtures folder"))

    def handle(self, *args, fixtures, **options):
        written = export_fixtures(fixtures)
        self.stdout.write(_("Wrote %(count)d fixture files to %(dir)s.") % {"count": len(written), "dir": fixtures})
