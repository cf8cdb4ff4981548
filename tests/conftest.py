import datetime
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import connection, transaction

from alliances.pacts.importers.curation.loader import load
from alliances.pacts.models import Pact, Source, State

PROJECT = Path(__file__).resolve().parent.parent

# CI runs 500 examples per property-based test; a developer's run is quicker.
hypothesis_settings.register_profile("ci", max_examples=500, derandomize=True)
hypothesis_settings.register_profile("dev", max_examples=40)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogs():
    """The interface's catalogs compiled as `make` compiles them, for a run started without
    make (a .po edited since its .mo was built): the translations served are the ones
    committed."""
    from django.core.management import call_command
    from django.utils.translation import trans_real

    call_command("compilemessages", verbosity=0)
    # Translations read before the compilation are read again.
    trans_real._translations = {}
    trans_real._default = None
    trans_real._active = trans_real.Local()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, no background vacuum of the test database's tables.

    Tests write rows and roll them back. A vacuum that runs while a test's rows are still
    uncommitted counts them as absent and records the table as holding no rows in all its
    pages; until the next statistics the planner then expects one row from every table and
    chooses nested loops over every pair of rows (a page with 400 generated pacts took 13 s
    instead of a millisecond, and a CI run hung on it for over an hour). Whether that
    happens depends on when the server's background worker wakes, so plans varied from run
    to run. With it off, a test's plans depend only on what the tests do.
    """
    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(
                f"ALTER TABLE {connection.ops.quote_name(table)} "
                "SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)"
            )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: the API's request counts are kept there, per
    user id, and ids repeat from one test to the next, so a long run would otherwise reach
    the limit in tests that never meant to."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language. A request in Indonesian leaves Indonesian
    active in the thread that served it, and the test client serves in the test's thread,
    so without this a message a later test reads would depend on the tests before it."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def make_staff(username, role=None):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, password="a-long-test-password", is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def staff_user(db):
    """A member of the read-only Analysts role."""
    return make_staff("analyst", "Analysts")


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("editor", password="a-long-test-password")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def admin_client_(client, superuser):
    client.force_login(superuser)
    return client


class _Rollback(Exception):
    pass


def _app_models():
    return [model for model in apps.get_app_config("pacts").get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy]


@pytest.fixture(scope="session")
def _curated_rows(django_db_setup, django_db_blocker):
    """The project's fixtures loaded once per session, through the loader, and kept as the
    rows it wrote (edit history and kept sort values included); the load itself is rolled
    back. Loading, with its checks, takes seconds; copying its rows into a test's database
    a fraction of that."""
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                report = load(settings.FIXTURES_DIR, settings.SEEDS_DIR)
                rows = [(model, list(model._base_manager.order_by("pk").values())) for model in _app_models()]
                raise _Rollback
        except _Rollback:
            pass
    return report, [(model, items) for model, items in rows if items]


@pytest.fixture
def curated(db, _curated_rows):
    """The project's own fixtures, loaded: the rows the loader wrote, copied in as they were
    (ids included, so every test sees the same ids), inside the test's transaction."""
    report, rows = _curated_rows
    # One transaction (a test may run outside one): rows refer to one another in any order.
    with transaction.atomic(), connection.cursor() as cursor:
        for model, items in rows:
            model._base_manager.bulk_create([model(**item) for item in items], batch_size=500)
        for statement in connection.ops.sequence_reset_sql(no_style(), [model for model, _items in rows]):
            cursor.execute(statement)
    return report


@pytest.fixture
def data_copy(tmp_path):
    """A writable copy of fixtures/ and seeds/ for tests that break them."""
    fixtures = tmp_path / "fixtures"
    seeds = tmp_path / "seeds"
    shutil.copytree(settings.FIXTURES_DIR, fixtures)
    shutil.copytree(settings.SEEDS_DIR, seeds)
    return fixtures, seeds


@pytest.fixture
def source(db):
    return Source.objects.create(
        key="test-source", title="A test document", publisher="Test publisher", language="en",
        kind="treaty_text", seed_file="000_c80f2675d5d37381.txt",
    )


@pytest.fixture
def make_state(db):
    def make(code, name=None, **extra):
        return State.objects.create(code=code, name=name or code, **extra)

    return make


@pytest.fixture
def make_pact(db, source):
    def make(slug="test-pact", signed=datetime.date(2000, 1, 1), in_force=datetime.date(2000, 6, 1), **extra):
        fields = {
            "title": f"Treaty {slug}", "short_name": slug, "slug": slug, "multilaterality": "bilateral",
            "signed_on": signed, "signed_precision": "day" if signed else "",
            "in_force_on": in_force, "in_force_precision": "day" if in_force else "", "source": source,
        }
        fields.update(extra)
        return Pact.objects.create(**fields)

    return make
