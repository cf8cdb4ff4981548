import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.demo.generator import DemoError, generate
from alliances.pacts.planner import refresh_statistics


class Command(BaseCommand):
    help = _(
        "Add invented pacts (keys beginning with “demo-”), with parties, clause texts and coded "
        "commitments, for measuring performance. The same seed gives the same data; a database "
        "that already holds such data is refused, and so are production settings (DEBUG off) "
        "unless --even-with-debug-off is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pacts", type=int, required=True, help=_("how many pacts to generate (at least 1)"))
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))
        parser.add_argument(
            "--even-with-debug-off", action="store_true",
            help=_("generate even under production settings (meant for a database of its own)"),
        )

    def handle(self, *args, pacts, seed, **options):
        # Invented pacts among real ones would be wrong data that looks like data; with
        # DEBUG off the database is most likely the one staff rely on.
        if not settings.DEBUG and not options["even_with_debug_off"]:
            raise CommandError(_(
                "Refused: DEBUG is off, so these are production settings, and invented pacts would "
                "sit among the real ones. Run it with ALLIANCES_DEBUG=1 against a database of its "
                "own, or pass --even-with-debug-off."
            ))
        started = time.monotonic()
        report = self._progress if options["verbosity"] >= 2 else None
        try:
            counts = generate(pacts, seed=seed, progress=report)
        except DemoError as error:
            raise CommandError(str(error)) from None
        refresh_statistics()
        elapsed = time.monotonic() - started
        for name, count in counts.items():
            label = apps.get_model("pacts", name)._meta.verbose_name_plural
            self.stdout.write(_("%(label)s: %(count)d") % {"label": label, "count": count})
        self.stdout.write(self.style.SUCCESS(
            _("Generated %(pacts)d demonstration pacts (seed %(seed)d) in %(seconds).1f s.")
            % {"pacts": pacts, "seed": seed, "seconds": elapsed}
        ))

    def _progress(self, done, total):
        self.stdout.write(_("%(done)d/%(total)d pacts") % {"done": done, "total": total})
