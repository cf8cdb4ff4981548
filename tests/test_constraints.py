"""The database itself refuses data that breaks the rules, on SQLite and PostgreSQL alike."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from alliances.pacts.models import Clause, ClauseVersion, Party, Pact, State, Suspension

D = datetime.date


def rejected(create):
    with pytest.raises(IntegrityError):
        with transaction.atomic():
            create()


@pytest.mark.django_db
class TestPactRules:
    def test_entry_into_force_before_signature_is_rejected(self, make_pact):
        rejected(lambda: make_pact(signed=D(2000, 5, 1), in_force=D(2000, 1, 1)))

    def test_end_before_entry_into_force_is_rejected(self, make_pact):
        rejected(lambda: make_pact(ended_on=D(2000, 2, 1), ended_precision="day", end_reason="expired"))

    def test_an_end_needs_its_reason_and_a_reason_needs_an_end(self, make_pact):
        rejected(lambda: make_pact(slug="a", ended_on=D(2005, 1, 1), ended_precision="day"))
        rejected(lambda: make_pact(slug="b", end_reason="expired"))

    def test_a_date_needs_its_precision(self, make_pact):
        rejected(lambda: make_pact(signed_precision=""))
        rejected(lambda: make_pact(slug="c", in_force=None, in_force_precision="day"))

    def test_slug_is_unique(self, make_pact):
        make_pact()
        rejected(lambda: make_pact())

    def test_atop_id_and_phase_are_unique_together(self, make_pact):
        make_pact(slug="a", atop_id=3180, atop_phase=1)
        rejected(lambda: make_pact(slug="b", atop_id=3180, atop_phase=1))
        make_pact(slug="c", atop_id=3180, atop_phase=2)

    def test_phase_needs_an_atop_id(self, make_pact):
        rejected(lambda: make_pact(atop_phase=1))


@pytest.mark.django_db
class TestPartyAndClauseRules:
    def test_leaving_before_joining_is_rejected(self, make_pact, make_state, source):
        pact, state = make_pact(), make_state("AAA")
        rejected(lambda: Party.objects.create(
            pact=pact, state=state, joined_on=D(2001, 1, 1), joined_precision="day",
            left_on=D(2000, 1, 1), left_precision="day", source=source))

    def test_the_same_spell_twice_is_rejected(self, make_pact, make_state, source):
        pact, state = make_pact(), make_state("AAA")
        spell = dict(pact=pact, state=state, joined_on=D(2001, 1, 1), joined_precision="day", source=source)
        Party.objects.create(**spell)
        rejected(lambda: Party.objects.create(**spell))

    def test_clause_labels_are_unique_within_a_pact(self, make_pact):
        pact = make_pact()
        Clause.objects.create(pact=pact, label="Article 5", order=5)
        rejected(lambda: Clause.objects.create(pact=pact, label="Article 5", order=6))

    def test_a_verbatim_version_needs_text_and_a_gap_needs_its_paraphrase(self, make_pact, source):
        clause = Clause.objects.create(pact=make_pact(), label="Article 1", order=1)
        base = dict(clause=clause, kind="authentic", language="en", source=source)
        rejected(lambda: ClauseVersion.objects.create(label="a", text_status="verbatim", text="", **base))
        rejected(lambda: ClauseVersion.objects.create(label="b", text_status="not_located", paraphrase="", **base))
        rejected(lambda: ClauseVersion.objects.create(label="c", text_status="partial", text="Some", note="", **base))
        ClauseVersion.objects.create(label="d", text_status="not_located", paraphrase="Reported as ...", **base)

    def test_an_amendment_needs_the_date_it_took_effect(self, make_pact, source):
        clause = Clause.objects.create(pact=make_pact(), label="Article 6", order=6)
        rejected(lambda: ClauseVersion.objects.create(
            clause=clause, label="amended", kind="amended", language="en", text_status="verbatim",
            text="Text", source=source))

    def test_a_suspension_names_at_least_one_state(self, make_pact, source):
        rejected(lambda: Suspension.objects.create(
            pact=make_pact(), started_on=D(1986, 1, 1), started_precision="year", description="x", source=source))


@pytest.mark.django_db
class TestStateRules:
    def test_code_is_three_capital_letters(self, make_state):
        rejected(lambda: make_state("us"))

    def test_code_is_unique_but_cow_code_is_not(self, make_state):
        make_state("RUS", cow_code=365)
        make_state("SUN", cow_code=365)
        rejected(lambda: make_state("RUS"))

    def test_a_nuclear_armed_state_says_since_when_and_on_whose_word(self, make_state, source):
        rejected(lambda: make_state("AAA", nuclear_status="npt_nws"))
        make_state("BBB", nuclear_status="npt_nws", nuclear_since_on=D(1949, 8, 29),
                   nuclear_since_precision="day", nuclear_source=source)
        assert State.objects.get(code="BBB").nuclear_armed_on(D(1950, 1, 1)) is True

    def test_pact_count_unchanged_after_rejections(self, make_pact):
        rejected(lambda: make_pact(signed=D(2000, 5, 1), in_force=D(2000, 1, 1)))
        assert Pact.objects.count() == 0
