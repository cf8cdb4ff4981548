"""Compiles the project's message catalogs (settings.LOCALE_PATHS) into the .mo files the
application reads, each only when its .po is newer. The .mo files are not kept in the
repository: `make run` and `make test` call this, and so does the test suite itself.

Django's own command walks the whole folder it is run from, the virtualenv included;
this one compiles the project's catalogs and nothing else, wherever it is run from.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands import compilemessages
from django.core.management.utils import find_command


class Command(compilemessages.Command):
    help = "Compile the project's message catalogs (GNU gettext's msgfmt, Debian package gettext)."
    # Also checks the header and that each translation keeps its message's placeholders.
    program_options = ["--check"]

    def handle(self, **options):
        if find_command(self.program) is None:
            raise CommandError(
                "GNU gettext's msgfmt is needed to compile the message catalogs: install the "
                "Debian package gettext (apt-get install gettext)."
            )
        self.verbosity = options["verbosity"]
        if options["fuzzy"]:
            self.program_options = self.program_options + ["-f"]
        self.has_errors = False
        locations = [
            (str(po.parent), po.name)
            for base in settings.LOCALE_PATHS
            for po in sorted(Path(base).glob("*/LC_MESSAGES/*.po"))
            if not options["locale"] or po.parent.parent.name in options["locale"]
        ]
        if locations:
            self.compile_messages(locations)
        if self.has_errors:
            raise CommandError("compilemessages generated one or more errors.")
