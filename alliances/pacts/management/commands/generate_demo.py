import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.pacts.demo import DemoError, generate
from alliances.pacts.planner import refresh_statistics


class Command(BaseCommand):
    help = _(
        "Add invented pacts (keys beginning with “demo-”), with parties, clause texts and coded "
        "commitments, for measuring performance. The same seed gives the same data; a database "
        "that already holds such data is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pacts", type=int, required=True, help=_("how many pacts to generate (at least 1)"))
        parser.add_argument("--seed", type=int, default=1, help=_("random seed (default 1)"))

    def handle(self, *args, pacts, seed, **options):
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
