import datetime
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from django.conf import settings
from django.contrib.auth import get_user_model

from alliances.pacts.curation.loader import load
from alliances.pacts.models import Pact, Source, State

PROJECT = Path(__file__).resolve().parent.parent

# CI runs 500 examples per property-based test; a developer's run is quicker.
hypothesis_settings.register_profile("ci", max_examples=500, derandomize=True)
hypothesis_settings.register_profile("dev", max_examples=40)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "dev")


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


@pytest.fixture
def curated(db):
    """The project's own fixtures, loaded."""
    return load(settings.FIXTURES_DIR, settings.SEEDS_DIR)


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
