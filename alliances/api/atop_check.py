"""The directed dyad-years of the ATOP pacts, checked against ATOP's own state-year file.

ATOP 5.1's state-year file (`atop5_1sy.csv`) has a row per state and year in which the
state is a member of an alliance in effect, with DEFENSE..CONSUL set to 1 where the state
has that obligation towards any state that year, and the alliances' ids. The same can be
read off the dyad-years: a state's obligations in a year are those of the rows in which it
is the obliged state, its alliances those of the rows it is in, on either side. This module
builds both from the ATOP pacts (every pact with an ATOP id, curated or imported), 1815 to
2018, and counts where they agree; docs/dyad-years.md gives the figures and explains each
kind of difference.
"""

import csv
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from alliances.pacts.models import Commitment

from .dyadyears import BOUND, KINDS, UNKNOWN, dyad_years

STATE_YEAR_FILE = "atop5_1sy.csv"
MEMBER_FILE = "atop5_1m.csv"
FIRST_YEAR, LAST_YEAR = 1815, 2018  # ATOP 5.1's years


@dataclass
class StateYear:
    kinds: dict = field(default_factory=lambda: {kind: 0 for kind in KINDS})
    alliances: set = field(default_factory=set)
    # The alliances behind each kind (ATOP's member rows, or the pacts of our rows).
    sources: dict = field(default_factory=lambda: {kind: set() for kind in KINDS})


def atop_state_years(directory):
    """(COW code, year) -> StateYear, as ATOP's state-year file has them; the alliances
    behind each kind are those whose member rows give the state that obligation in a
    phase that year (atop5_1m.csv)."""
    directory = Path(directory)
    table = {}
    with open(directory / STATE_YEAR_FILE, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entry = table[(int(row["state"]), int(row["year"]))] = StateYear()
            entry.kinds = {kind: int(row[kind]) for kind in KINDS}
            entry.alliances = {int(value) for name, value in row.items() if name.startswith("atopid") and value}
    with open(directory / MEMBER_FILE, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            exit_year = int(row["yrexit"] or 0) or LAST_YEAR
            for year in range(int(row["yrent"]), exit_year + 1):
                entry = table.get((int(row["member"]), year))
                for kind in KINDS:
                    if entry is not None and row[kind] == "1":
                        entry.sources[kind].add(int(row["atopid"]))
    return table


def _combined(old, new):
    """A state's value for a kind over its rows: 1 if any row binds, else unknown if any may."""
    if BOUND in (old, new):
        return BOUND
    if UNKNOWN in (old, new):
        return UNKNOWN
    return 0


def our_state_years():
    """(COW code, year) -> StateYear read off the dyad-years of the pacts with an ATOP id.
    A state without a COW code (Annam) has no row, as in ATOP's file."""
    table = defaultdict(StateYear)
    commitments = Commitment.objects.filter(pact__atop_id__isnull=False)
    for row in dyad_years(commitments, FIRST_YEAR, LAST_YEAR):
        a, b = row.obliged.cow_code, row.protected.cow_code
        if a is not None:
            entry = table[(a, row.year)]
            entry.kinds = {kind: _combined(entry.kinds[kind], row.kinds[kind]) for kind in KINDS}
            entry.alliances.update(row.atopids)
            for kind in KINDS:
                if row.kinds[kind] != 0:
                    entry.sources[kind].update(row.atopids)
        if b is not None:
            table[(b, row.year)].alliances.update(row.atopids)
    return dict(table)


@dataclass
class Comparison:
    state_years: Counter  # "both", "atop only", "ours only"
    kinds: dict  # kind -> Counter of (ATOP's value, ours) over the state-years in both
    alliances: Counter  # (state, year, alliance): "both", "atop only", "ours only"
    # Each difference, grouped by what it is and the alliances behind it:
    # (what, alliance ids) -> sorted (state, year) keys.
    differences: dict

    def agreement(self, kind):
        counts = self.kinds[kind]
        return (counts[(0, 0)] + counts[(1, 1)]) / sum(counts.values())


def _value(value):
    return "NA" if value is None else str(value)


def compare(directory):
    theirs, ours = atop_state_years(directory), our_state_years()
    state_years = Counter(both=len(theirs.keys() & ours.keys()), **{
        "atop only": len(theirs.keys() - ours.keys()), "ours only": len(ours.keys() - theirs.keys())})
    kinds = {kind: Counter() for kind in KINDS}
    differences = defaultdict(list)
    for key in sorted(theirs.keys() & ours.keys()):
        for kind in KINDS:
            pair = (theirs[key].kinds[kind], ours[key].kinds[kind])
            kinds[kind][pair] += 1
            if pair[0] != pair[1]:
                # Behind the difference: the alliances of the side that codes the obligation.
                behind = theirs[key].sources[kind] if pair[0] == 1 else ours[key].sources[kind]
                differences[(f"{kind} ATOP {pair[0]}, ours {_value(pair[1])}", tuple(sorted(behind)))].append(key)
    alliances = Counter()
    for key in sorted(theirs.keys() | ours.keys()):
        a = theirs.get(key, StateYear()).alliances
        b = ours.get(key, StateYear()).alliances
        alliances["both"] += len(a & b)
        alliances["atop only"] += len(a - b)
        alliances["ours only"] += len(b - a)
        for alliance in a - b:
            differences[("alliance in ATOP only", (alliance,))].append(key)
        for alliance in b - a:
            differences[("alliance in ours only", (alliance,))].append(key)
    for key in theirs.keys() - ours.keys():
        differences[("state-year in ATOP only", tuple(sorted(theirs[key].alliances)))].append(key)
    for key in ours.keys() - theirs.keys():
        differences[("state-year in ours only", tuple(sorted(ours[key].alliances)))].append(key)
    return Comparison(state_years, kinds, alliances, {what: sorted(keys) for what, keys in sorted(differences.items())})
