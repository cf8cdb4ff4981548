"""Size, time and SQL queries of the admin pages an editor opens most: a pact's change form
(its inlines hold a clause box per commitment and invocation), a commitment's change form
and the commitment list, with many clauses in the database.

Builds a throwaway SQLite database (the curated fixtures, then --pacts generated pacts,
whose clauses every clause box could offer), and requests each page --repeat times as a
superuser through Django's test client. --listing times the same pages with every
autocomplete box of the admin turned back into a plain select that lists every row, the
way the forms were before the autocomplete.

Usage: .venv/bin/python bench/admin_forms.py [--pacts 400] [--repeat 5] [--listing]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
work = tempfile.mkdtemp(prefix="alliances-admin-bench.")
os.environ["DATABASE_URL"] = f"sqlite:///{work}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
os.environ.setdefault("ALLIANCES_DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib import admin  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

from alliances.demo.generator import generate  # noqa: E402
from alliances.pacts.importers.curation.loader import load  # noqa: E402
from alliances.pacts.models import Clause, Commitment, Pact  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pacts", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--listing", action="store_true")
    args = parser.parse_args()
    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    load(settings.FIXTURES_DIR, settings.SEEDS_DIR, apply=True)
    generate(args.pacts, seed=1)
    if args.listing:
        for model_admin in admin.site._registry.values():
            model_admin.autocomplete_fields = ()
            for inline in model_admin.inlines:
                inline.autocomplete_fields = ()
    user = get_user_model().objects.create_superuser("bench", password="bench-password-1234")
    client = Client()
    client.force_login(user)
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    commitment = pact.commitments.order_by("pk").first()
    pages = {
        "pact change form (NATO)": f"/admin/pacts/pact/{pact.pk}/change/",
        "commitment change form": f"/admin/pacts/commitment/{commitment.pk}/change/",
        "commitment list": "/admin/pacts/commitment/",
        "commitment list, by pact": f"/admin/pacts/commitment/?pact__id__exact={pact.pk}",
    }
    print(f"{Clause.objects.count()} clauses, {Pact.objects.count()} pacts, {Commitment.objects.count()} commitments;"
          f" autocomplete {'off (plain selects)' if args.listing else 'on'}")
    for name, url in pages.items():
        client.get(url)  # templates compiled, caches warm
        times, size, queries = [], 0, 0
        for _ in range(args.repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            size, queries = len(response.content), len(captured)
        options = response.content.count(b"<option")
        print(f"{name:28} median {statistics.median(times) * 1000:7.0f} ms  {size / 1024:7.0f} KiB"
              f"  {options:6} options  {queries:4} queries")


if __name__ == "__main__":
    main()
