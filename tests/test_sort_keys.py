"""The values kept on each pact for sorting (parties, invocations, strongest obligation)
match a fresh count after every way rows are written: the fixture loader, editing and
deleting through the ORM (as the admin does), moving a row to another pact, the demo
generator, the ATOP import and a restored backup."""

import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from alliances.demo import generator as demo
from alliances.pacts.importers.atop import import_atop
from alliances.pacts.choices import NO_COMMITMENT_RANK, OBLIGATION_STRENGTH, ObligationKind
from alliances.pacts.models import Invocation, Pact, Party
from alliances.pacts.sortkeys import refresh_sort_keys, refreshed_once
from tests.test_atop import SAMPLE, STATES
from tests.test_sorting import strongest


def counted(pact):
    return (pact.parties.count(), pact.invocations.count(), strongest(pact))


def assert_current():
    pacts = list(Pact.objects.order_by("pk"))
    assert pacts, "nothing to compare"
    kept = {p.slug: (p.sort_parties, p.sort_invocations, p.sort_strongest) for p in pacts}
    assert kept == {p.slug: counted(p) for p in pacts}


def test_the_loader_leaves_them_current(curated):
    assert_current()
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    assert (nato.sort_parties, nato.sort_strongest) == (32, OBLIGATION_STRENGTH.index(ObligationKind.ACTION_DEEMED_NECESSARY))


def test_edits_and_deletions_refresh_their_pact(curated):
    pact = Pact.objects.get(slug="russia-dprk-2024")
    other = Pact.objects.get(slug="us-rok-1953")
    party = pact.parties.first()
    party.pk = None
    party.state = Party.objects.exclude(pact=pact).first().state
    party.save()  # a new party
    assert_current()

    party.pact = other
    party.save()  # moved to another pact: both recounted
    assert_current()

    commitment = other.commitments.first()
    commitment.obligation = ObligationKind.AID_AND_ASSISTANCE
    commitment.save()
    assert_current()

    Invocation.objects.filter(pact=pact).delete()
    party.delete()
    other.commitments.all().delete()
    assert_current()
    assert Pact.objects.get(pk=other.pk).sort_strongest == NO_COMMITMENT_RANK


def test_saving_a_pact_read_earlier_keeps_the_current_counts(curated):
    stale = Pact.objects.get(slug="russia-dprk-2024")  # read before its party goes
    Party.objects.filter(pact=stale).first().delete()
    stale.notes = "Edited after a party left."
    stale.save()  # the admin's change form saves every field it shows
    assert_current()
    assert Pact.objects.get(pk=stale.pk).notes == "Edited after a party left."


def test_a_new_pact_has_nothing_to_count(make_pact):
    pact = make_pact(slug="empty")
    assert (pact.sort_parties, pact.sort_invocations, pact.sort_strongest) == (0, 0, NO_COMMITMENT_RANK)
    assert_current()


def test_a_copy_of_a_pact_does_not_take_over_its_counts(curated):
    copy = Pact.objects.get(slug="north-atlantic-treaty")
    copy.pk, copy.slug = None, "copy-without-parties"
    copy.save()
    assert_current()


def test_refreshed_once_recounts_at_the_end_and_not_after_an_error(curated):
    pact = Pact.objects.get(slug="russia-dprk-2024")
    with refreshed_once():
        pact.parties.first().delete()
        assert Pact.objects.get(pk=pact.pk).sort_parties == 2  # not yet
    assert Pact.objects.get(pk=pact.pk).sort_parties == 1

    with pytest.raises(RuntimeError), transaction.atomic(), refreshed_once():
        Party.objects.filter(pact=pact).delete()
        raise RuntimeError  # the writer's transaction is undone, and nothing is recounted
    assert_current()


@pytest.mark.django_db
def test_the_demo_generator_and_the_atop_import_leave_them_current():
    demo.generate(12, seed=3)
    import_atop(SAMPLE, STATES)
    assert_current()


def test_stale_values_are_what_refresh_repairs(curated):
    Pact.objects.update(sort_parties=0, sort_strongest=0)  # as an old backup might hold
    refresh_sort_keys()
    assert_current()


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_has_them_current(curated, tmp_path):
    path = tmp_path / "backup.xml"
    empty = Pact.objects.get(slug="russia-dprk-2024")
    empty.pk, empty.slug, empty.short_name = None, "no-rows-yet", "No rows yet"
    empty.save()  # a pact with no party: no restored row of its own recounts it
    Pact.objects.update(sort_parties=99)  # stale values in the file itself
    call_command("backup_database", str(path))
    call_command("flush", interactive=False, verbosity=0)
    call_command("restore_database", str(path))
    assert_current()


def test_the_pact_list_sorts_pacts_without_commitments_last(staff_client, curated, make_pact):
    make_pact(slug="uncoded", signed=datetime.date(1900, 1, 1))
    for sort in ("commitments", "-commitments"):
        table = staff_client.get("/pacts/", {"sort": sort, "per_page": 100}).context["table"]
        slugs = [pact.slug for pact in table.page.object_list]
        assert (slugs[-1] if sort == "commitments" else slugs[0]) == "uncoded"
