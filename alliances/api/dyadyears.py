"""Directed dyad-years: who was bound to whom in each year, and by what kind of obligation.

One row per obliged state, protected state and year in which at least one commitment binds
the first to the second, or may (the data cannot say), on at least one day of the year:
ATOP's convention, whose state-, dyad- and directed dyad-year files code an obligation for
a year when it is in effect "during the year of observation" (codebook, sections 2.5-2.7)
and flag with TRANSYR the years in which some commitment starts or ends.

Every link comes from Commitment.links_on, the rule behind links.links_on and
Commitment.link_status. A link can change only on the days Commitment.link_changes names,
so links_on is asked on the first day of the range and on each of those days, and its
answer stands for every day until the next (tests/test_dyad_years.py checks this against
asking every day of the year).

For each kind (ATOP's column names: defense, offense, neutral, nonagg, consul) a row says
1 where a commitment of that kind binds on some day of the year, None (blank in CSV, null
in JSON) where one may bind but the data cannot say on any day (an uncertain date, a pact
whose status is unknown, such as an ATOP alliance after 2018), and 0 otherwise. A
suspended link (the US towards New Zealand under ANZUS from 1986) binds on none of its
days.
"""

import bisect
import datetime
from dataclasses import dataclass

from alliances.pacts.choices import ATOP_TYPE_VARIABLES, LinkStatus, PactStatus
from alliances.pacts.links import with_link_data
from alliances.pacts.standing import PACT_STATUS

KINDS = list(ATOP_TYPE_VARIABLES.values())  # defense, offense, neutral, nonagg, consul
BOUND, UNKNOWN, ABSENT = 1, None, 0


# A link's statuses over a year, as bits, so that a row's can be combined by `|`.
BITS = {LinkStatus.BINDING: 1, LinkStatus.UNKNOWN: 2, LinkStatus.SUSPENDED: 4}
BINDING_BIT, UNKNOWN_BIT = BITS[LinkStatus.BINDING], BITS[LinkStatus.UNKNOWN]


def _kind_value(bits):
    if bits & BINDING_BIT:
        return BOUND
    if bits & UNKNOWN_BIT:
        return UNKNOWN
    return ABSENT


@dataclass
class DyadYear:
    year: int
    obliged: object  # State
    protected: object  # State
    kinds: dict  # ATOP column -> 1, None or 0
    pacts: list  # the pacts behind the row, in order of their slugs
    transyr: int  # 1 when some link behind the row does not hold with one status all year

    @property
    def ddyad(self):
        """ATOP's directed-dyad number, from COW codes, where both states have one."""
        a, b = self.obliged.cow_code, self.protected.cow_code
        return None if a is None or b is None else a * 1000 + b

    @property
    def atopids(self):
        return sorted({pact.atop_id for pact in self.pacts if pact.atop_id is not None})


class _Track:
    """One commitment's links through time: the answer of links_on at its last change."""

    def __init__(self, commitment, start, obliged, protected):
        self.commitment, self.pact = commitment, commitment.pact
        self.kind = KINDS.index(ATOP_TYPE_VARIABLES[commitment.commitment_type])
        self.obliged, self.protected = obliged, protected
        self.changes = sorted(day for day in commitment.link_changes() if day > start)
        self._read(start)

    def _read(self, day):
        self.read_on = day
        self.links = list(self.commitment.links_on(day, self.obliged, self.protected))
        self.steady = None

    def year(self, first, last):
        """((obliged code, protected code), obliged, protected, status bits, whether the
        link changes or lapses within the year) for each link made during [first, last]."""
        length = (last - first).days + 1
        seen = {}
        for links, days in self.segments(first, last):
            if days == length:
                # One answer all year, as in most years: read once while it lasts.
                if self.steady is None:
                    self.steady = [((a.code, b.code), a, b, BITS[status], False) for a, b, status in links]
                return self.steady
            for a, b, status in links:
                key = (a.code, b.code)
                entry = seen.get(key)
                if entry is None:
                    seen[key] = [a, b, BITS[status], days]
                else:
                    entry[2] |= BITS[status]
                    entry[3] += days
        return [(key, a, b, bits, days < length or bits not in BITS.values())
                for key, (a, b, bits, days) in seen.items()]

    def segments(self, first, last):
        """(links, number of days) for each stretch of [first, last] with one answer."""
        index = bisect.bisect_right(self.changes, first)
        if index and self.changes[index - 1] > self.read_on:
            self._read(first)  # a change on `first` itself, not read yet
        day = first
        while True:
            index = bisect.bisect_right(self.changes, day)
            following = self.changes[index] if index < len(self.changes) else None
            end = last if following is None or following > last else following - datetime.timedelta(days=1)
            yield self.links, (end - day).days + 1
            if end == last:
                return
            day = following
            self._read(day)

    def quiet_in(self, first, last):
        """No link all through [first, last]: nothing to read for that stretch."""
        if self.links:
            return False
        index = bisect.bisect_right(self.changes, self.read_on)
        return index >= len(self.changes) or self.changes[index] > last


def dyad_years(commitments, first_year, last_year, obliged=None, protected=None, start_after=None):
    """DyadYear rows for `commitments` (a Commitment queryset) from `first_year` to
    `last_year`, in order of year, then of the obliged and the protected state's codes.
    `obliged` and `protected`, sets of state ids, keep the rows from or to those states;
    `start_after`, a (year, obliged code, protected code) key, starts after that row."""
    if start_after is not None:
        first_year = max(first_year, start_after[0])
    start, end = datetime.date(first_year, 1, 1), datetime.date(last_year, 12, 31)
    # A pact ended by the first day stays ended, one not signed by the last day was not
    # signed before: neither binds anyone in the years asked.
    commitments = commitments.exclude(PACT_STATUS.q(start, [PactStatus.ENDED], "pact__")).exclude(
        PACT_STATUS.q(end, [PactStatus.NOT_SIGNED], "pact__"))
    tracks = [_Track(c, start, obliged, protected) for c in with_link_data(commitments.order_by("pk"))]
    for year in range(first_year, last_year + 1):
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        rows = {}  # (obliged code, protected code) -> [obliged, protected, bits per kind, pacts, transyr]
        for track in tracks:
            if track.quiet_in(first, last):
                continue
            kind, pact = track.kind, track.pact
            for key, a, b, bits, partial in track.year(first, last):
                row = rows.get(key)
                if row is None:
                    row = rows[key] = [a, b, [0] * len(KINDS), {}, 0]
                row[2][kind] |= bits
                if bits & (BINDING_BIT | UNKNOWN_BIT):
                    row[3][pact.slug] = pact
                if partial:
                    row[4] = 1
        for key in sorted(rows):
            if start_after is not None and (year, *key) <= tuple(start_after):
                continue
            a, b, bits, pacts, transyr = rows[key]
            if not any(value & (BINDING_BIT | UNKNOWN_BIT) for value in bits):
                continue  # suspended all year: bound by nothing
            kinds = {kind: _kind_value(value) for kind, value in zip(KINDS, bits)}
            yield DyadYear(year, a, b, kinds, [pacts[slug] for slug in sorted(pacts)], transyr)
