"""Standing on a day — of a pact, of a state's membership, of a suspension, of a state's
nuclear weapons, of a commitment's wording — each defined once, as a sequence of steps that Python and the database
both read.

A definition is a list of steps, each looking at one field of the row. A dated step sorts
the row's date into one of four cases for the day asked (no date recorded; certainly not
yet; certainly by then; the day falls inside the date's uncertain period, as "1996" does
for 30 June 1996; see dates.happened_by) and says, for each case, either an outcome or
"go on to the next step"; with a fallback, a row that records no such date is read by
another (the inferred entry into force). A value step does the same with a stored choice;
a bound step with a plain date after which nothing is known. The first outcome reached is
the answer; `otherwise` answers when every step went on.

From that one list come:
- `of(row, day)`: the answer for a row in memory (Pact.status_on and the other methods);
- `decision(row, day)`: the same with the step and case that gave it and the fallback
  dates read, which reasons.py words ("unknown: signed some day in 1996"; "inferred");
- `q(day, outcomes, prefix)`: a filter selecting the rows whose answer is among
  `outcomes`, made of comparisons of the stored columns with values computed here from
  the day (so that the database can use its indexes);
- `expression(day, prefix, values)`: the answer (or a value per answer, such as a rank
  to sort by) as a CASE expression.
tests/test_standing.py draws rows and days and checks that the three agree on both
databases.
"""

import calendar
import datetime
from typing import NamedTuple

from django.db.models import BooleanField, Case, CharField, IntegerField, Q, Value, When

from .choices import DatePrecision, MembershipStatus, NuclearStatus, PactStatus
from .dates import happened_by, period_end, period_start

GO_ON = object()  # a case that leaves the answer to the next step

# The four cases of a dated step.
MISSING, NOT_YET, UNCERTAIN, HAPPENED = "missing", "not yet", "uncertain", "happened"
# A dated step's case, by what dates.happened_by answers.
CASE_BY_HAPPENED = {True: HAPPENED, False: NOT_YET, None: UNCERTAIN}


def _month_end(day):
    return datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


def _latest_period_end(day, precision):
    """The last day, on or before `day`, on which a period of this precision ends: an
    event dated with that precision had certainly happened by `day` exactly when its
    stored date is not after this one. None before the first such day in the calendar."""
    if precision == DatePrecision.YEAR and (day.month, day.day) != (12, 31):
        return datetime.date(day.year - 1, 12, 31) if day.year > datetime.MINYEAR else None
    if precision == DatePrecision.MONTH and day != _month_end(day):
        first = datetime.date(day.year, day.month, 1)
        return first - datetime.timedelta(days=1) if first > datetime.date.min else None
    return day


def _period_end_of(day, precision):
    """The end of the period of this precision that holds `day`: an event dated with that
    precision had certainly not happened by `day` exactly when its stored date is after it."""
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return _month_end(day)
    return day


class DatedStep:
    """One of the dates of a row (`<name>_on` with its `<name>_precision`). With a
    `fallback` (the name of another date of the row, an inferred one), a row that records
    no date of its own is read by that one: a recorded date always wins."""

    def __init__(self, name, fallback=None, **outcomes):
        self.name, self.fallback = name, fallback
        self.date, self.precision = f"{name}_on", f"{name}_precision"
        self.fallback_date, self.fallback_precision = (f"{fallback}_on", f"{fallback}_precision") if fallback else (None, None)
        unknown = set(outcomes) - {"missing", "not_yet", "uncertain", "happened"}
        if unknown:
            raise TypeError(f"unknown cases {unknown}")
        self.outcomes = {
            MISSING: outcomes.get("missing", GO_ON),
            NOT_YET: outcomes.get("not_yet", GO_ON),
            UNCERTAIN: outcomes.get("uncertain", GO_ON),
            HAPPENED: outcomes.get("happened", GO_ON),
        }

    def read(self, row):
        """The name of the date this step reads on `row`: its own, or the fallback where the
        row records none of its own."""
        if self.fallback and getattr(row, self.date) is None and getattr(row, self.fallback_date) is not None:
            return self.fallback
        return self.name

    def case_of(self, row, day):
        # The date `read` names, read once: a step is asked for every pact on every page.
        on, precision = getattr(row, self.date), self.precision
        if on is None and self.fallback:
            on, precision = getattr(row, self.fallback_date), self.fallback_precision
        if on is None:
            return MISSING
        return CASE_BY_HAPPENED[happened_by(on, getattr(row, precision), day)]

    def q(self, case, day, prefix):
        own = self._q(self.name, case, day, prefix)
        if self.fallback is None:
            return own
        fallback = self._q(self.fallback, case, day, prefix)
        if case == MISSING:
            return own & fallback
        # A comparison of the row's own date is false where it records none.
        return own | (Q(**{f"{prefix}{self.date}__isnull": True}) & fallback)

    @staticmethod
    def _q(name, case, day, prefix):
        date, precision = f"{prefix}{name}_on", f"{prefix}{name}_precision"
        if case == MISSING:
            return Q(**{f"{date}__isnull": True})

        # Each comparison is false where no date is recorded.
        def by_precision(p):
            latest, end = _latest_period_end(day, p), _period_end_of(day, p)
            if case == HAPPENED:
                return Q(**{f"{date}__lte": latest}) if latest is not None else None
            if case == NOT_YET:
                return Q(**{f"{date}__gt": end})
            # Inside the uncertain period: neither of the two above.
            if latest is None:
                return Q(**{f"{date}__lte": end})
            return Q(**{f"{date}__gt": latest, f"{date}__lte": end}) if latest < end else None

        result = Q()
        for p in DatePrecision:
            # None: no stored date of this precision is in that case on this day (an
            # uncertain day's date; a day at the start of the calendar).
            condition = by_precision(p)
            if condition is not None:
                result |= Q(**{precision: p}) & condition
        return result if result else Q(pk__in=[])


class ValueStep:
    """A stored choice, each listed value with its outcome; other values go on."""

    def __init__(self, field, outcomes):
        self.field, self.outcomes = field, dict(outcomes)

    def case_of(self, row, day):
        value = getattr(row, self.field)
        return value if value in self.outcomes else GO_ON

    def q(self, case, day, prefix):
        return Q(**{prefix + self.field: case})


class BoundStep:
    """A plain date after which the data cannot say (Pact.status_known_until); no date
    means no bound."""

    AFTER = "after"

    def __init__(self, field, after):
        self.field, self.outcomes = field, {self.AFTER: after}

    def case_of(self, row, day):
        bound = getattr(row, self.field)
        return self.AFTER if bound is not None and day > bound else GO_ON

    def q(self, case, day, prefix):
        return Q(**{f"{prefix}{self.field}__lt": day})


class Decision(NamedTuple):
    outcome: object
    step: object  # the step that answered; None where none did (the standing's `otherwise`)
    case: object  # that step's case (MISSING, NOT_YET, UNCERTAIN, HAPPENED, a value, BoundStep.AFTER)
    fallbacks: tuple  # the names of the fallback dates the answer rests on

    @property
    def inferred(self):
        return bool(self.fallbacks)


class Standing:
    def __init__(self, steps, otherwise, output_field):
        self.steps, self.otherwise, self.output_field = steps, otherwise, output_field

    def answer(self, row, day):
        """(outcome, the step that gave it, that step's case) for `row` on `day`, the step
        and case None where every step went on: the steps walked once, with no account of
        the dates read (asked for every period of every pact by the yearly chart)."""
        for step in self.steps:
            case = step.case_of(row, day)
            outcome = step.outcomes.get(case, GO_ON)
            if outcome is not GO_ON:
                return outcome, step, case
        return self.otherwise, None, None

    def of(self, row, day):
        return self.answer(row, day)[0]

    def decision(self, row, day):
        """The answer for `row` on `day`, with the step and case that gave it (None, None
        where every step went on) and the fallback (inferred) dates read on the way, so
        that a page can say why: "unknown: entered into force some day in 1996", "in force,
        by an inferred date"."""
        outcome, answered, case = self.answer(row, day)
        steps = list(self.steps)
        asked = steps if answered is None else steps[:steps.index(answered) + 1]
        fallbacks = tuple(step.read(row) for step in asked
                          if isinstance(step, DatedStep) and step.read(row) != step.name)
        return Decision(outcome, answered, case, fallbacks)

    def fields(self):
        """The names of the row's fields the steps read (a dated step's date and precision,
        and its fallback's), in order: what a caller reading rows as values must fetch."""
        names = []
        for step in self.steps:
            if isinstance(step, DatedStep):
                for name in (step.name, step.fallback):
                    if name:
                        names += [f"{name}_on", f"{name}_precision"]
            else:
                names.append(step.field)
        return tuple(dict.fromkeys(names))

    def changes(self, row):
        """The days on which the row's standing may differ from the day before: a dated
        step's answer changes where its date's period begins and where it ends
        (dates.happened_by), a bound's the day after it. Between two such days the
        standing is the same on every day (tests/test_dyad_years.py checks it day by day)."""
        days = set()
        for step in self.steps:
            if isinstance(step, DatedStep):
                name = step.read(row)  # the inferred date where none is recorded
                on = getattr(row, f"{name}_on")
                if on is not None:
                    precision = getattr(row, f"{name}_precision")
                    days.update((period_start(on, precision), period_end(on, precision)))
            elif isinstance(step, BoundStep):
                bound = getattr(row, step.field)
                if bound is not None and bound < datetime.date.max:
                    days.add(bound + datetime.timedelta(days=1))
        return days

    def outcomes(self):
        found = [self.otherwise]
        for step in self.steps:
            for outcome in step.outcomes.values():
                if outcome is not GO_ON and outcome not in found:
                    found.append(outcome)
        return found

    def _branches(self, day, prefix, cumulative=True):
        """(condition, outcome) for each way of reaching an outcome, in order. With
        `cumulative`, each condition also says that every earlier step went on, so that it
        holds alone; without, it holds only for a row that no earlier condition took (as
        in a CASE, whose first true branch answers)."""
        reached = Q()
        for step in self.steps:
            going_on = Q()
            cases = (MISSING, NOT_YET, UNCERTAIN, HAPPENED) if isinstance(step, DatedStep) else step.outcomes
            # The cases of a step exclude one another: those with the same outcome are one branch.
            by_outcome = {}
            for case in cases:
                outcome = step.outcomes[case]
                condition = step.q(case, day, prefix)
                if outcome is GO_ON:
                    going_on |= condition
                elif outcome in by_outcome:
                    by_outcome[outcome] |= condition
                else:
                    by_outcome[outcome] = condition
            for outcome, condition in by_outcome.items():
                yield (reached & condition if cumulative else condition), outcome
            if isinstance(step, DatedStep):
                reached &= going_on
            else:
                # A value or bound step goes on wherever none of its listed cases holds.
                reached &= ~_any(step.q(case, day, prefix) for case in step.outcomes)
        yield (reached if cumulative else Q()), self.otherwise

    def q(self, day, outcomes, prefix=""):
        """The rows whose standing on `day` is one of `outcomes`."""
        wanted = set(outcomes)
        return _any(condition for condition, outcome in self._branches(day, prefix) if outcome in wanted)

    def expression(self, day, prefix="", values=None, output_field=None):
        """The standing on `day` as a database expression, or the value `values` gives
        each standing (a rank to sort by, say)."""
        values = values or {outcome: outcome for outcome in self.outcomes()}
        *branches, (_always, otherwise) = self._branches(day, prefix, cumulative=False)
        return Case(
            *[When(condition, then=Value(values[outcome])) for condition, outcome in branches],
            default=Value(values[otherwise]),
            output_field=output_field or self.output_field,
        )


def _any(conditions):
    result = None
    for condition in conditions:
        result = condition if result is None else result | condition
    # Nothing to match: a condition no row meets.
    return result if result is not None else Q(pk__in=[])


# Entry into force is read from the recorded date, or where none is recorded from the
# inferred one (Pact.in_force_inferred_on, with its basis and evidence); the pages say so.
PACT_STATUS = Standing(
    [
        DatedStep("signed", missing=PactStatus.UNKNOWN, uncertain=PactStatus.UNKNOWN, not_yet=PactStatus.NOT_SIGNED),
        DatedStep("ended", uncertain=PactStatus.UNKNOWN, happened=PactStatus.ENDED),
        DatedStep("in_force", fallback="in_force_inferred", missing=PactStatus.UNKNOWN, uncertain=PactStatus.UNKNOWN,
                  not_yet=PactStatus.SIGNED),
        BoundStep("status_known_until", after=PactStatus.UNKNOWN),
    ],
    otherwise=PactStatus.IN_FORCE,
    output_field=CharField(),
)

MEMBERSHIP = Standing(
    [
        DatedStep("joined", missing=MembershipStatus.UNKNOWN, uncertain=MembershipStatus.UNKNOWN,
                  not_yet=MembershipStatus.NOT_YET),
        DatedStep("left", uncertain=MembershipStatus.UNKNOWN, happened=MembershipStatus.LEFT),
    ],
    otherwise=MembershipStatus.PARTY,
    output_field=CharField(),
)

# A state's standing in a pact from all its spells (it may leave and come back): a party
# where a spell makes it one, unknown where one may, else "has left" or "not yet"; None
# where it has no spell at all.
SPELLS_IN_ORDER = (MembershipStatus.PARTY, MembershipStatus.UNKNOWN, MembershipStatus.LEFT, MembershipStatus.NOT_YET)


def membership_of(spells, day):
    return strongest_membership(MEMBERSHIP.of(spell, day) for spell in spells)


def strongest_membership(statuses):
    """The standing that several spells' standings (as Python or the database gives them)
    make together."""
    found = set(statuses)
    return next((status for status in SPELLS_IN_ORDER if status in found), None)


# True, False, or None where the data cannot say.
NUCLEAR_ARMED = Standing(
    [
        ValueStep("nuclear_status", {NuclearStatus.UNKNOWN: None, NuclearStatus.NONE: False}),
        DatedStep("nuclear_since", missing=None, uncertain=None, not_yet=False),
    ],
    otherwise=True,
    output_field=BooleanField(),
)

# Whether a suspension stops its link on a day: True, False, or None where the data cannot
# say. Before it starts it stops nothing; once it has ended, nothing either (even where its
# start is uncertain); in between, it stops the link from the day it certainly started.
SUSPENSION_ACTIVE = Standing(
    [
        DatedStep("started", not_yet=False),
        DatedStep("ended", happened=False, uncertain=None),
        DatedStep("started", uncertain=None),
    ],
    otherwise=True,
    output_field=BooleanField(),
)

# Whether the wording a commitment was coded from is in force on a day (an amended article
# is coded once per wording): True, False, or None where the data cannot say. No date on
# either side: from the pact's start, or to its end. Read as a suspension is.
WORDING_IN_FORCE = Standing(
    [
        DatedStep("effective", not_yet=False),
        DatedStep("superseded", happened=False, uncertain=None),
        DatedStep("effective", uncertain=None),
    ],
    otherwise=True,
    output_field=BooleanField(),
)

# The order the pact list sorts statuses in; "unknown" last.
PACT_STATUS_RANK = {
    PactStatus.IN_FORCE: 1,
    PactStatus.SIGNED: 2,
    PactStatus.ENDED: 3,
    PactStatus.NOT_SIGNED: 4,
    PactStatus.UNKNOWN: 5,
}


def pact_status_rank(day, prefix=""):
    """Pacts in order of their standing on `day` (PACT_STATUS_RANK)."""
    return PACT_STATUS.expression(day, prefix, PACT_STATUS_RANK, IntegerField())
