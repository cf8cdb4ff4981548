from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from alliances.pacts.accounts import create_first_staff_user


class Command(BaseCommand):
    help = _("Create the first staff account (only when the database has no user) and print its password once.")

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        created = create_first_staff_user(username)
        if created is None:
            self.stdout.write(_("A user account already exists; no account was created."))
            return
        name, password = created
        self.stdout.write(
            self.style.SUCCESS(
                _("First staff account created. User name: %(name)s  Password: %(password)s")
                % {"name": name, "password": password}
            )
        )
        self.stdout.write(_("This password is shown only once: note it now."))
