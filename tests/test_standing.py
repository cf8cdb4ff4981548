"""Each standing on a day has one definition (standing.py), read in Python by the models
and in SQL by the filters and sorts: drawn rows and days must get the same answer from
both, on every database."""

import datetime

import pytest
from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alliances.pacts.choices import DatePrecision, MembershipStatus, NuclearStatus, PactStatus
from alliances.pacts.models import Clause, Commitment, Pact, Party, State, Suspension
from alliances.pacts.standing import (
    MEMBERSHIP,
    NUCLEAR_ARMED,
    PACT_STATUS,
    PACT_STATUS_RANK,
    SUSPENSION_ACTIVE,
    WORDING_IN_FORCE,
    pact_status_rank,
)

D = datetime.date
# Each example holds up to eight rows, each compared on a dozen days or more: 120 examples
# (CI) cover the cases many times over in a few minutes on both databases.
drawn = settings(max_examples=min(120, settings.default.max_examples), deadline=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

# A few years only, so that drawn dates and days often fall in each other's periods.
days = st.dates(min_value=D(1995, 11, 1), max_value=D(1997, 2, 28))
precisions = st.sampled_from([DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR])


@st.composite
def dated(draw):
    """A date with its precision, or none. Stored dates are normally the first day of their
    period; a few are not, and must be read the same way."""
    if draw(st.integers(0, 5)) == 0:
        return None, ""
    day, precision = draw(days), draw(precisions)
    if draw(st.booleans()):
        day = {DatePrecision.YEAR: day.replace(month=1, day=1), DatePrecision.MONTH: day.replace(day=1)}.get(
            precision, day)
    return day, precision


@st.composite
def ordered(draw, names):
    """Dates for `names` in their order (later ones never before earlier ones)."""
    picked = sorted((draw(dated()) for _ in names), key=lambda d: (d[0] is None, d[0] or D.min))
    present = iter([d for d in picked if d[0] is not None])
    result = {}
    for name in names:
        day, precision = next(present, (None, "")) if draw(st.integers(0, 4)) else (None, "")
        result[f"{name}_on"], result[f"{name}_precision"] = day, precision
    return result


def days_around(rows, fields):
    """Days at and beside every period bound of the rows' dates, where answers change."""
    found = set()
    for row in rows:
        for field in fields:
            day = getattr(row, f"{field}_on")
            if day is None:
                continue
            for edge in (day, day.replace(day=1), day.replace(month=1, day=1), day.replace(month=12, day=31)):
                found |= {edge - datetime.timedelta(days=1), edge, edge + datetime.timedelta(days=1)}
    return sorted(found)


def agree(standing, model, rows, extra_days, fields, pick):
    """For each day: the SQL expression and each outcome's filter give what Python gives,
    and `of` what `decision` explains. The days are the drawn ones and some of those where
    an answer may change."""
    queryset = model.objects.filter(pk__in=[row.pk for row in rows])
    outcomes = standing.outcomes()
    edges = days_around(rows, fields)
    for day in set(extra_days) | set(pick.sample(edges, min(len(edges), 12))):
        python = {row.pk: standing.of(row, day) for row in rows}
        assert python == {row.pk: standing.decision(row, day).outcome for row in rows}, day
        # One query a day: the answer, and whether each outcome's filter selects the row.
        selected = {f"is_{n}": ExpressionWrapper(standing.q(day, [outcome]), output_field=BooleanField())
                    for n, outcome in enumerate(outcomes)}
        for pk, answer, *flags in queryset.annotate(answer=standing.expression(day), **selected).values_list(
                "pk", "answer", *selected):
            assert answer == python[pk], (day, pk)
            assert [outcome for outcome, flag in zip(outcomes, flags) if flag] == [python[pk]], (day, pk)


def in_rollback(check):
    class Rollback(Exception):
        pass

    try:
        with transaction.atomic():
            check()
            raise Rollback
    except Rollback:
        pass


@st.composite
def pact_dates(draw):
    """A pact's dates in order, its entry into force recorded, inferred, both (in either
    order: the recorded one wins) or neither."""
    dates = draw(ordered(["signed", "first", "second", "ended"]))
    names = draw(st.sampled_from([("in_force", "in_force_inferred"), ("in_force_inferred", "in_force")]))
    for slot, name in zip(("first", "second"), names):
        dates[f"{name}_on"], dates[f"{name}_precision"] = dates.pop(f"{slot}_on"), dates.pop(f"{slot}_precision")
    return dates


@pytest.mark.django_db
@drawn
@given(pacts=st.lists(st.tuples(pact_dates(), st.one_of(st.none(), days)), min_size=1, max_size=8),
       extra=st.lists(days, max_size=3), pick=st.randoms())
def test_pact_status_in_sql_is_status_on(source, pacts, extra, pick):
    def check():
        rows = []
        for n, (dates, known_until) in enumerate(pacts):
            ended = {"end_reason": "lapsed"} if dates["ended_on"] else {}
            inferred = {"in_force_inference": "drawn"} if dates["in_force_inferred_on"] else {}
            rows.append(Pact.objects.create(
                slug=f"p{n}", title="t", short_name="t", multilaterality="bilateral", source=source,
                status_known_until=known_until, **dates, **ended, **inferred))
        agree(PACT_STATUS, Pact, rows, extra, ["signed", "in_force", "in_force_inferred", "ended"], pick)
        # The status sort ranks by the same answer.
        day = extra[0] if extra else D(1996, 6, 30)
        ranks = dict(Pact.objects.filter(pk__in=[r.pk for r in rows])
                     .annotate(rank=pact_status_rank(day)).values_list("pk", "rank"))
        assert ranks == {r.pk: PACT_STATUS_RANK[r.status_on(day)] for r in rows}

    in_rollback(check)


@pytest.mark.django_db
@drawn
@given(spells=st.lists(ordered(["joined", "left"]), min_size=1, max_size=8), extra=st.lists(days, max_size=3), pick=st.randoms())
def test_membership_in_sql_is_party_status_on(source, spells, extra, pick):
    def check():
        pact = Pact.objects.create(slug="p", title="t", short_name="t", multilaterality="multilateral",
                                   source=source)
        rows = [Party.objects.create(pact=pact, state=State.objects.create(code=f"Q{chr(65 + n)}Z", name=str(n)),
                                     source=source, **dates)
                for n, dates in enumerate(spells)]
        agree(MEMBERSHIP, Party, rows, extra, ["joined", "left"], pick)

    in_rollback(check)


@pytest.mark.django_db
@drawn
@given(states=st.lists(st.tuples(st.sampled_from(NuclearStatus.values), dated()), min_size=1, max_size=8),
       extra=st.lists(days, max_size=3), pick=st.randoms())
def test_nuclear_status_in_sql_is_nuclear_armed_on(source, states, extra, pick):
    def check():
        rows = []
        for n, (status, (since, precision)) in enumerate(states):
            if status in State.ARMED:  # an armed state says since when, an unarmed one does not
                since, precision = since or D(1996, 1, 1), precision or DatePrecision.YEAR
                fields = {"nuclear_since_on": since, "nuclear_since_precision": precision, "nuclear_source": source}
            else:
                fields = {}
            rows.append(State.objects.create(code=f"Q{chr(65 + n)}Y", name=str(n), nuclear_status=status, **fields))
        agree(NUCLEAR_ARMED, State, rows, extra, ["nuclear_since"], pick)

    in_rollback(check)


@pytest.mark.django_db
@drawn
@given(periods=st.lists(ordered(["started", "ended"]), min_size=1, max_size=6), extra=st.lists(days, max_size=3), pick=st.randoms())
def test_suspension_in_sql_is_active_on(source, periods, extra, pick):
    def check():
        pact = Pact.objects.create(slug="p", title="t", short_name="t", multilaterality="bilateral", source=source)
        state = State.objects.create(code="QQQ", name="q")
        rows = []
        for dates in periods:
            if dates["started_on"] is None:  # a suspension always has a start
                dates = {**dates, "started_on": dates["ended_on"] or D(1996, 1, 1),
                         "started_precision": dates["ended_precision"] or DatePrecision.DAY}
            rows.append(Suspension.objects.create(pact=pact, from_state=state, description="d", source=source,
                                                  **dates))
        agree(SUSPENSION_ACTIVE, Suspension, rows, extra, ["started", "ended"], pick)

    in_rollback(check)


@pytest.mark.django_db
@drawn
@given(periods=st.lists(ordered(["effective", "superseded"]), min_size=1, max_size=6), extra=st.lists(days, max_size=3),
       pick=st.randoms())
def test_wording_in_sql_is_wording_in_force_on(source, periods, extra, pick):
    def check():
        pact = Pact.objects.create(slug="p", title="t", short_name="t", multilaterality="bilateral", source=source)
        clause = Clause.objects.create(pact=pact, label="Article 4", order=4)
        rows = [
            Commitment.objects.create(
                key=f"c{n}", pact=pact, clause=clause, commitment_type="defense", trigger_event="armed_attack",
                trigger_scope="unspecified", adversary_scope="unspecified", obligation="military_assistance",
                automaticity="automatic", immediacy="none", means="unspecified", **dates)
            for n, dates in enumerate(periods)
        ]
        agree(WORDING_IN_FORCE, Commitment, rows, extra, ["effective", "superseded"], pick)

    in_rollback(check)


@pytest.mark.django_db
def test_in_force_on_a_day_inside_a_year_only_date_is_unknown_and_not_listed(staff_client, make_pact):
    """Entry into force known as "1996" only: on 30 June 1996 the data cannot say, so the
    pact is not among those in force that day (it was listed before)."""
    pact = make_pact(slug="in-1996", signed=D(1995, 3, 1), in_force=D(1996, 1, 1), in_force_precision="year")
    assert pact.status_on(D(1996, 6, 30)) == PactStatus.UNKNOWN
    listed = staff_client.get("/pacts/", {"on": "1996-06-30"}).context["table"].page.object_list
    assert pact not in list(listed)
    listed = staff_client.get("/pacts/", {"on": "1997-01-01"}).context["table"].page.object_list
    assert pact in list(listed)


@pytest.mark.django_db
def test_a_party_whose_joining_is_known_to_the_year_only_is_not_matched_inside_that_year(staff_client, make_pact,
                                                                                        make_state, source):
    pact = make_pact(slug="m", signed=D(1990, 1, 1), in_force=D(1990, 6, 1))
    state = make_state("AAA")
    Party.objects.create(pact=pact, state=state, joined_on=D(1996, 1, 1), joined_precision="year", source=source)
    assert Party.objects.get().status_on(D(1996, 6, 30)) == MembershipStatus.UNKNOWN
    rows = lambda on: list(staff_client.get("/pacts/", {"party": "AAA", "on": on}).context["table"].page.object_list)
    assert rows("1996-06-30") == []
    assert rows("1997-01-01") == [pact]


@pytest.mark.django_db
def test_a_state_armed_some_day_in_a_year_is_not_counted_armed_inside_it(staff_client, make_pact, make_state,
                                                                         source):
    pact = make_pact(slug="n", signed=D(1990, 1, 1), in_force=D(1990, 6, 1))
    state = make_state("AAA", nuclear_status=NuclearStatus.NUCLEAR_ARMED_OUTSIDE_NPT, nuclear_since_on=D(1996, 1, 1),
                       nuclear_since_precision="year", nuclear_source=source)
    Party.objects.create(pact=pact, state=state, joined_on=D(1990, 6, 1), joined_precision="day", source=source)
    assert state.nuclear_armed_on(D(1996, 6, 30)) is None
    rows = lambda on: list(staff_client.get("/pacts/", {"nuclear": "yes", "on": on}).context["table"].page.object_list)
    assert rows("1996-06-30") == []
    assert rows("1997-01-01") == [pact]


@pytest.mark.django_db
@pytest.mark.parametrize("day", [D.min, D(1, 1, 31), D(1, 12, 31), D.max, D(9999, 12, 1)])
def test_days_at_the_ends_of_the_calendar_are_answered(make_pact, day):
    """A day an address may carry (on=0001-01-01) has no period end before it: the filters
    and the sort still answer, as Python does."""
    pact = make_pact(slug="ends", signed=D(1, 1, 1), signed_precision="year", in_force=D(1, 6, 1),
                     in_force_precision="month")
    answer = Pact.objects.annotate(s=PACT_STATUS.expression(day), r=pact_status_rank(day)).get()
    assert answer.s == pact.status_on(day)
    assert answer.r == PACT_STATUS_RANK[pact.status_on(day)]
    for outcome in PACT_STATUS.outcomes():
        assert Pact.objects.filter(PACT_STATUS.q(day, [outcome])).exists() == (pact.status_on(day) == outcome)
