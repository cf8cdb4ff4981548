"""Status is derived from dates, and is "unknown" where the data cannot say."""

import datetime

import pytest

from alliances.pacts.choices import LinkStatus, MembershipStatus, PactStatus
from alliances.pacts.models import Clause, Commitment, Party, Suspension

D = datetime.date


@pytest.mark.django_db
class TestPactStatus:
    def test_before_signature_signed_in_force_and_ended(self, make_pact):
        pact = make_pact(signed=D(2000, 1, 1), in_force=D(2000, 6, 1),
                         ended_on=D(2010, 1, 1), ended_precision="day", end_reason="denounced")
        assert pact.status_on(D(1999, 12, 31)) == PactStatus.NOT_SIGNED
        assert pact.status_on(D(2000, 3, 1)) == PactStatus.SIGNED
        assert pact.status_on(D(2005, 1, 1)) == PactStatus.IN_FORCE
        assert pact.status_on(D(2010, 1, 1)) == PactStatus.ENDED

    def test_a_date_known_only_to_the_year_leaves_that_year_unknown(self, make_pact):
        pact = make_pact(signed=D(1990, 1, 1), in_force=D(1990, 6, 1),
                         ended_on=D(1996, 1, 1), ended_precision="year", end_reason="lapsed")
        assert pact.status_on(D(1995, 12, 31)) == PactStatus.IN_FORCE
        assert pact.status_on(D(1996, 6, 30)) == PactStatus.UNKNOWN
        assert pact.status_on(D(1997, 1, 1)) == PactStatus.ENDED

    def test_unknown_without_dates_or_after_the_data_stops(self, make_pact):
        assert make_pact(slug="a", signed=None).status_on(D(2000, 1, 1)) == PactStatus.UNKNOWN
        assert make_pact(slug="b", in_force=None).status_on(D(2001, 1, 1)) == PactStatus.UNKNOWN
        pact = make_pact(slug="c", status_known_until=D(2018, 12, 31))
        assert pact.status_on(D(2018, 12, 31)) == PactStatus.IN_FORCE
        assert pact.status_on(D(2019, 1, 1)) == PactStatus.UNKNOWN


@pytest.fixture
def anzus_like(make_pact, make_state, source):
    """Three parties, a mutual defence commitment, and one directed suspension."""
    pact = make_pact(multilaterality="multilateral", signed=D(1951, 9, 1), in_force=D(1952, 4, 29))
    aus, nzl, usa = make_state("AUS"), make_state("NZL"), make_state("USA")
    for state in (aus, nzl, usa):
        Party.objects.create(pact=pact, state=state, joined_on=D(1952, 4, 29), joined_precision="day",
                             source=source)
    clause = Clause.objects.create(pact=pact, label="Article IV", order=4)
    commitment = Commitment.objects.create(
        key="c", pact=pact, clause=clause, commitment_type="defense", trigger_event="armed_attack",
        trigger_scope="named_area", adversary_scope="any_state", obligation="act_to_meet_danger",
        automaticity="constitutional_processes", immediacy="none", means="unspecified")
    Suspension.objects.create(pact=pact, from_state=usa, to_state=nzl, started_on=D(1986, 1, 1),
                              started_precision="year", description="suspension", source=source)
    return commitment, aus, nzl, usa


@pytest.mark.django_db
class TestMembershipAndLinks:
    def test_party_status_before_during_and_after_withdrawal(self, make_pact, make_state, source):
        party = Party.objects.create(pact=make_pact(), state=make_state("AAA"), joined_on=D(2000, 6, 1),
                                     joined_precision="day", left_on=D(2012, 5, 1), left_precision="month",
                                     source=source)
        assert party.status_on(D(2000, 5, 31)) == MembershipStatus.NOT_YET
        assert party.status_on(D(2005, 1, 1)) == MembershipStatus.PARTY
        assert party.status_on(D(2012, 5, 15)) == MembershipStatus.UNKNOWN
        assert party.status_on(D(2012, 6, 1)) == MembershipStatus.LEFT

    def test_a_directed_suspension_stops_one_direction_only(self, anzus_like):
        commitment, aus, nzl, usa = anzus_like
        assert commitment.link_status(usa, nzl, D(1980, 1, 1)) == LinkStatus.BINDING
        assert commitment.link_status(usa, nzl, D(1986, 6, 1)) == LinkStatus.UNKNOWN  # sometime in 1986
        assert commitment.link_status(usa, nzl, D(1990, 1, 1)) == LinkStatus.SUSPENDED
        assert commitment.link_status(nzl, usa, D(1990, 1, 1)) == LinkStatus.BINDING
        assert commitment.link_status(usa, aus, D(1990, 1, 1)) == LinkStatus.BINDING

    def test_no_link_to_oneself_before_entry_into_force_or_to_a_non_party(self, anzus_like, make_state):
        commitment, aus, nzl, usa = anzus_like
        assert commitment.link_status(usa, usa, D(1990, 1, 1)) == LinkStatus.NOT_BINDING
        assert commitment.link_status(usa, aus, D(1952, 1, 1)) == LinkStatus.NOT_BINDING
        assert commitment.link_status(usa, make_state("FRA"), D(1990, 1, 1)) == LinkStatus.NOT_BINDING

    def test_after_the_data_on_the_pact_stops_only_its_parties_links_are_unknown(self, anzus_like, make_state,
                                                                                 source):
        commitment, aus, nzl, usa = anzus_like
        pact = commitment.pact
        pact.status_known_until = D(2018, 12, 31)
        pact.save()
        Party.objects.filter(pact=pact, state=nzl).update(left_on=D(1992, 12, 31), left_precision="day")
        day = D(2020, 1, 1)
        assert pact.status_on(day) == PactStatus.UNKNOWN
        assert commitment.link_status(usa, aus, day) == LinkStatus.UNKNOWN  # both still parties, as far as known
        assert commitment.link_status(usa, nzl, day) == LinkStatus.NOT_BINDING  # left in 1992
        assert commitment.link_status(nzl, aus, day) == LinkStatus.NOT_BINDING
        assert commitment.link_status(usa, make_state("FRA"), day) == LinkStatus.NOT_BINDING  # never a party

    def test_a_listed_side_binds_only_the_listed_states(self, anzus_like):
        commitment, aus, nzl, usa = anzus_like
        commitment.obliged_scope = "listed"
        commitment.save()
        commitment.sides.create(state=usa, role="obliged")
        assert commitment.link_status(usa, aus, D(1990, 1, 1)) == LinkStatus.BINDING
        assert commitment.link_status(aus, usa, D(1990, 1, 1)) == LinkStatus.NOT_BINDING


@pytest.mark.django_db
@pytest.mark.parametrize("day", [D(1952, 1, 1), D(1960, 6, 30), D(1986, 6, 1), D(1995, 1, 1), D(2025, 1, 1)])
def test_links_of_many_commitments_are_each_pairs_link_status(curated, day):
    """links_on reads each side once per commitment; its answer must be link_status's for
    every pair of parties of every pact."""
    from alliances.pacts.links import links_on

    found = {(link.commitment.pk, link.obliged.pk, link.protected.pk): link.status for link in links_on(day)}
    expected = {}
    for commitment in Commitment.objects.select_related("pact"):
        states = {party.state for party in commitment.pact.parties.all()}
        for a in states:
            for b in states:
                status = commitment.link_status(a, b, day)
                if status != LinkStatus.NOT_BINDING:
                    expected[(commitment.pk, a.pk, b.pk)] = status
    assert found == expected
    narrowed = links_on(day, obliged=[pk for (_c, pk, _b) in list(expected)[:1]])
    assert {(link.commitment.pk, link.obliged.pk, link.protected.pk) for link in narrowed} == {
        key for key in expected if key[1] in {k[1] for k in list(expected)[:1]}}
