"""Importing ATOP 5.1 (Leeds et al.): every alliance, phase and member, beside the corpus.

Reads the alliance-phase file (`atop5_1aph.csv`), the member file (`atop5_1m.csv`) and the
Correlates of War state list. Every file is checked in full before anything is written; a
problem stops the import with file, line and column named.

- A curated pact carrying the ATOP id gets ATOP's phases and members beside its own coding
  and is otherwise left untouched.
- Any other alliance becomes an ATOP-only pact (`curated=False`) with parties per member
  spell and one commitment per obligation type, from the members ATOP codes as obliged to
  every party; each coded value cites the codebook's meaning of the ATOP variable behind it
  (atop_codebook) and names the member records it is read from.
- Dates keep their precision (blank or 0 day/month means the month or year only); exit year
  0 means "in effect at the end of the data", after which the status is unknown.
- Re-running changes nothing; a later version updates records in place. Records an earlier
  import wrote and the files no longer hold are deleted only when asked (delete_missing);
  otherwise they are listed and nothing is written.
"""

import csv
import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ..choices import (
    ATOP_TYPE_CONDITIONS,
    ATOP_TYPE_VARIABLES,
    CommitmentType,
    DatePrecision,
    EndReason,
    ObligationKind,
    atop_condition_variable,
)
from .atop_codebook import CODEBOOK_AUTHOR, CODEBOOK_DATE, CODEBOOK_TITLE, meaning_of
from ..models import (
    AtopMember,
    AtopPhase,
    Claim,
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    CommitmentSide,
    Excerpt,
    InferenceEvidence,
    Invocation,
    Pact,
    Party,
    Source,
    State,
    Suspension,
)
from ..loadlock import exclusive_load
from ..sortkeys import refreshed_once

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PHASE_FILE = "atop5_1aph.csv"
MEMBER_FILE = "atop5_1m.csv"
END_OF_DATA = datetime.date(2018, 12, 31)  # ATOP 5.1 codes alliances to the end of 2018
CODER = "ATOP 5.1 (Leeds et al.)"

PHASE_COLUMNS = ["atopid", "phase", "begyr", "begmo", "begday", "endyr", "endmo", "endday", "bilat",
                 "defense", "offense", "neutral", "nonagg", "consul", "milaid", "intcom", "base", "version"]
MEMBER_COLUMNS = ["atopid", "member", "phase", "yrent", "moent", "dayent", "yrexit", "moexit", "dayexit",
                  "defense", "offense", "neutral", "nonagg", "consul", "version"]
STATE_COLUMNS = ["stateabb", "ccode", "statenme"]
# Columns that identify a record: a blank one is a problem, not an unknown.
KEY_COLUMNS = {"atop5_1aph.csv": ["atopid", "phase"], "atop5_1m.csv": ["atopid", "member", "phase"]}
MISSING = ("", "NA", ".")  # how ATOP and COW leave a value out

# ATOP's obligation dummies (choices.ATOP_TYPE_VARIABLES), each with what it obliges.
OBLIGATIONS = {
    CommitmentType.DEFENSE: ObligationKind.MILITARY_ASSISTANCE,
    CommitmentType.OFFENSE: ObligationKind.MILITARY_ASSISTANCE,
    CommitmentType.NEUTRALITY: ObligationKind.NON_ASSISTANCE,
    CommitmentType.NON_AGGRESSION: ObligationKind.REFRAIN_FROM_FORCE,
    CommitmentType.CONSULTATION: ObligationKind.CONSULTATION_ONLY,
}
TYPES = {column: (kind, OBLIGATIONS[kind]) for kind, column in ATOP_TYPE_VARIABLES.items()}
# Members ATOP codes that the COW state list lacks (ATOP codebook, "the France-Annam dyad").
NON_COW_MEMBERS = {8152: "Annam"}
# COW gives Russia and the USSR one code (and one name, "Russia"); the project tells them
# apart by date, with the names the curated states carry.
SHARED_CODES = {
    365: [
        ("SUN", "Soviet Union (USSR)", datetime.date(1922, 12, 30), datetime.date(1991, 12, 25)),
        ("RUS", "Russia", None, None),
    ]
}


class AtopError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


class AtopRemovals(Exception):
    """The files no longer hold records an earlier import wrote; nothing was written."""

    def __init__(self, removed):
        self.removed = removed
        super().__init__("\n".join(removed))


@dataclass
class Row:
    file: str
    line: int
    values: dict

    def int(self, column):
        value = self.values[column]
        return int(value) if value not in MISSING else None

    def date(self, year, month, day):
        """(date, precision) from three of the row's columns."""
        return precise_date(self.int(year), self.int(month), self.int(day))


def read_csv(path, required, numeric, problems):
    """Rows of a CSV file with every required column, every numeric value a whole number
    and no identifying column blank."""
    name = Path(path).name
    try:
        with open(path, newline="", encoding="utf-8") as handle:
            return _rows(name, csv.reader(handle), required, numeric, problems)
    except OSError as error:
        problems.append(_("%(file)s: cannot be read (%(error)s)") % {"file": name, "error": error.strerror})
    except (UnicodeDecodeError, csv.Error) as error:
        problems.append(_("%(file)s: not a UTF-8 CSV file (%(error)s)") % {"file": name, "error": error})
    return []


def _rows(name, reader, required, numeric, problems):
    header = next(reader, None)
    if not header:
        problems.append(_("%(file)s: the file is empty") % {"file": name})
        return []
    missing = [c for c in required if c not in header]
    if missing:
        problems.append(_("%(file)s, line 1: missing column(s) %(columns)s") % {"file": name, "columns": ", ".join(missing)})
        return []
    rows = []
    for line, cells in enumerate(reader, start=2):
        where = {"file": name, "line": line}
        if len(cells) != len(header):
            problems.append(_("%(file)s, line %(line)d: %(count)d fields where the header has %(expected)d (truncated line?)")
                            % {**where, "count": len(cells), "expected": len(header)})
            continue
        values = dict(zip(header, cells))
        for column in numeric:
            value = values.get(column, "")
            if value not in MISSING and not _is_whole_number(value):
                problems.append(_("%(file)s, line %(line)d, column %(column)s: %(value)r is not a number")
                                % {**where, "column": column, "value": value})
        for column in KEY_COLUMNS.get(name, []):
            if values.get(column, "") in MISSING:
                problems.append(_("%(file)s, line %(line)d, column %(column)s: blank") % {**where, "column": column})
        rows.append(Row(name, line, values))
    return rows


def _is_whole_number(value):
    try:
        int(value)
        return True
    except ValueError:
        return False


def precise_date(year, month, day):
    """(date, precision) from ATOP's year/month/day, blank or 0 meaning unknown."""
    if not year:
        return None, ""
    if not month:
        return datetime.date(year, 1, 1), DatePrecision.YEAR.value
    if not day:
        return datetime.date(year, month, 1), DatePrecision.MONTH.value
    return datetime.date(year, month, day), DatePrecision.DAY.value


def alliance_end(phases):
    """(date, precision) an alliance ended: when the last of its phases to end ended, none
    while any phase is still in effect. Phases may overlap (a state's successors each
    continuing the alliance), so the phase numbered last need not be the last to end."""
    ends = [row.date("endyr", "endmo", "endday") for row in phases]
    if any(day is None for day, _precision in ends):
        return None, ""
    return max(ends)


@dataclass(frozen=True)
class PhaseRun:
    """Consecutive phases of an alliance in which ATOP codes an obligation for the same
    members: their rows there, and when the run begins and ends where other phases differ."""

    phases: list
    obliged: list
    begins: tuple | None  # (date, precision) of its first phase, if an earlier phase lacks it
    ends: tuple | None  # (date, precision) the next phase began, if a later phase lacks it


def phase_runs(phases, members, column):
    """The runs of consecutive phases (ordered by number) in which the same members, one or
    more, have `column` = 1.

    ATOP codes obligations per phase: an alliance may promise defence in one phase and only
    consultation in the next, or a member may take on or drop an obligation the others
    keep. A commitment coded from one run binds only its members, and only for that run
    (Commitment.effective_on / superseded_on, read by standing.WORDING_IN_FORCE): from its
    first phase's beginning, if an earlier phase lacks it, until the next phase begins,
    if a later one lacks it. Where that next phase overlaps the run (a successor state's
    phase beginning on the same day), the run lasts to its own last phase's end."""
    obliged_by_phase = {}
    for row in members:
        if row.int(column) == 1:
            obliged_by_phase.setdefault(row.int("phase"), set()).add(row.int("member"))
    runs, run, run_members = [], [], None
    for index, phase in enumerate(phases):
        obliged = obliged_by_phase.get(phase.int("phase"))
        if run and obliged != run_members:
            runs.append(run)
            run = []
        if obliged:
            run.append(index)
        run_members = obliged
    if run:
        runs.append(run)
    result = []
    for run in runs:
        first, last = phases[run[0]], phases[run[-1]]
        begins = first.date("begyr", "begmo", "begday") if run[0] > 0 else None
        ends = None
        if run[-1] + 1 < len(phases):
            following = phases[run[-1] + 1].date("begyr", "begmo", "begday")
            began = last.date("begyr", "begmo", "begday")[0]
            ends = following if following[0] and began and following[0] > began else last.date("endyr", "endmo", "endday")
        numbers = [phases[index].int("phase") for index in run]
        obliged = [row for row in members if row.int(column) == 1 and row.int("phase") in numbers]
        result.append(PhaseRun(numbers, obliged, begins if begins and begins[0] else None,
                               ends if ends and ends[0] else None))
    return result


def _date_order(row, start_columns, end_columns):
    """A problem if the end comes before the start, or a date does not exist."""
    try:
        start = row.date(*start_columns)[0]
        end = row.date(*end_columns)[0]
    except ValueError as error:
        return [_("%(file)s, line %(line)d: impossible date (%(error)s)") % {"file": row.file, "line": row.line, "error": error}]
    if start and end and end < start:
        return [_("%(file)s, line %(line)d, column %(column)s: ends before it begins")
                % {"file": row.file, "line": row.line, "column": end_columns[0]}]
    return []


@dataclass
class AtopData:
    phases: list
    members: list
    states: dict  # COW code -> (letter code, name)


def read(directory, states_file):
    problems = []
    directory = Path(directory)
    phase_numeric = [c for c in PHASE_COLUMNS if c != "version"]
    member_numeric = [c for c in MEMBER_COLUMNS if c != "version"]
    phases = read_csv(directory / PHASE_FILE, PHASE_COLUMNS, phase_numeric, problems)
    members = read_csv(directory / MEMBER_FILE, MEMBER_COLUMNS, member_numeric, problems)
    cow_rows = read_csv(states_file, STATE_COLUMNS, ["ccode"], problems)
    if problems:
        raise AtopError(problems)
    states = {}
    for row in cow_rows:
        states.setdefault(row.int("ccode"), (row.values["stateabb"], row.values["statenme"]))
    known = {}
    for row in phases:
        key = (row.int("atopid"), row.int("phase"))
        if key in known:
            problems.append(_("%(file)s, line %(line)d: alliance %(alliance)s phase %(phase)s is listed twice "
                              "(first at line %(first)d)")
                            % {"file": row.file, "line": row.line, "alliance": key[0], "phase": key[1], "first": known[key]})
        known[key] = row.line
        problems += _date_order(row, ("begyr", "begmo", "begday"), ("endyr", "endmo", "endday"))
    seen = {}
    for row in members:
        key = tuple(row.values[c] for c in ("atopid", "phase", "member", "yrent", "moent", "dayent"))
        if key in seen:
            problems.append(_("%(file)s, line %(line)d: member %(member)s of alliance %(alliance)s is listed twice "
                              "(first at line %(first)d)")
                            % {"file": row.file, "line": row.line, "member": row.values["member"],
                               "alliance": row.values["atopid"], "first": seen[key]})
        seen[key] = row.line
        problems += _date_order(row, ("yrent", "moent", "dayent"), ("yrexit", "moexit", "dayexit"))
        if (row.int("atopid"), row.int("phase")) not in known:
            problems.append(_("%(file)s, line %(line)d: alliance %(alliance)s phase %(phase)s is not in %(phases)s")
                            % {"file": row.file, "line": row.line, "alliance": row.values["atopid"],
                               "phase": row.values["phase"], "phases": PHASE_FILE})
        code = row.int("member")
        if code not in states and code not in NON_COW_MEMBERS:
            problems.append(_("%(file)s, line %(line)d, column member: %(code)s is not a COW state code")
                            % {"file": row.file, "line": row.line, "code": code})
    problems += _phases_without_members(phases, members)
    if problems:
        raise AtopError(problems)
    return AtopData(phases, members, states)


def _phases_without_members(phases, members):
    """Every phase has its members: a member file cut short (at a line boundary, so that
    no line is truncated) would otherwise read as alliances that lost their members."""
    if phases and not members:
        return [_("%(file)s: holds no member (only its header?)") % {"file": MEMBER_FILE}]
    with_members = {(row.int("atopid"), row.int("phase")) for row in members}
    return [
        _("%(file)s, line %(line)d: alliance %(alliance)s phase %(phase)s has no member in %(members)s "
          "(is that file complete?)")
        % {"file": row.file, "line": row.line, "alliance": row.values["atopid"], "phase": row.values["phase"],
           "members": MEMBER_FILE}
        for row in phases
        if (row.int("atopid"), row.int("phase")) not in with_members
    ]


class Importer:
    """Writes the files' records. What an earlier import wrote and the files no longer hold
    (a member, a party spell, a commitment, one of its sides or conditions) is deleted only
    with delete_missing; otherwise the import lists it and is refused (AtopRemovals), all
    of it rolled back."""

    def __init__(self, data, progress=None, delete_missing=False):
        self.data = data
        self.progress = progress or (lambda message: None)
        self.delete_missing = delete_missing
        self.removed = []
        self.states = {}
        self.created = {"pacts": 0, "linked": 0, "states": 0}

    def run(self):
        with transaction.atomic(), refreshed_once():
            self.names = recorded_names()
            self.source = self._source()
            self.codebook = self._codebook()
            self.meanings = {}
            members_by_alliance = {}
            for row in self.data.members:
                members_by_alliance.setdefault(row.int("atopid"), []).append(row)
            phases_by_alliance = {}
            for row in self.data.phases:
                phases_by_alliance.setdefault(row.int("atopid"), []).append(row)
            total = len(phases_by_alliance)
            for count, (atop_id, phases) in enumerate(sorted(phases_by_alliance.items()), start=1):
                self._alliance(atop_id, sorted(phases, key=lambda r: r.int("phase")), members_by_alliance.get(atop_id, []))
                if count % 100 == 0 or count == total:
                    self.progress(_("%(done)d/%(total)d alliances") % {"done": count, "total": total})
            if self.removed and not self.delete_missing:
                raise AtopRemovals(self.removed)
            self._forget_raw_excerpts()
        return self.created

    def _remove(self, pact, queryset):
        """Delete (with delete_missing) and note the records an earlier import wrote that
        the files no longer hold."""
        found = list(queryset)
        lines = [_("%(pact)s: %(kind)s “%(record)s”") % {"pact": pact.slug, "kind": obj._meta.verbose_name, "record": obj}
                 for obj in found]
        self.removed += lines
        if found and self.delete_missing:
            queryset.model.objects.filter(pk__in=[obj.pk for obj in found]).delete()
            for line in lines:
                self.progress(_("deleted: %(record)s") % {"record": line})

    def _source(self):
        version = self.data.phases[0].values["version"] if self.data.phases else "5.1"
        source, _ = upsert(Source, 
            key="atop-5-1",
            defaults=dict(
                title=f"Alliance Treaty Obligations and Provisions (ATOP) dataset, version {version}",
                publisher="ATOP project (Brett Ashley Leeds et al.)",
                url="http://www.atopdata.org/data.html",
                language="en",
                kind="dataset",
                seed_file="",
                curated=False,
                notes="Imported from the alliance-phase and member files; every value ATOP gives is "
                      "kept with the imported records.",
            ),
        )
        return source

    def _codebook(self):
        source, _ = upsert(Source,
            key="atop-5-1-codebook",
            defaults=dict(
                title=CODEBOOK_TITLE, publisher=CODEBOOK_AUTHOR, url="http://www.atopdata.org/data.html",
                language="en", kind="reference", seed_file="", curated=False,
                notes=f"The codebook distributed with the ATOP 5.1 data ({CODEBOOK_DATE}). Its excerpts here are "
                      "its definitions of the variables behind the ATOP-only commitments, quoted as written.",
            ),
        )
        return source

    def _meaning(self, variable):
        """The codebook's definition of an ATOP variable, as the excerpt a coding cites."""
        if variable not in self.meanings:
            meaning = meaning_of(variable)
            self.meanings[variable], _ = upsert(Excerpt,
                key=f"atop-codebook-{variable}",
                defaults=dict(source=self.codebook, text=meaning.text, location=meaning.location),
            )
        return self.meanings[variable]

    def _forget_raw_excerpts(self):
        """Earlier imports quoted ATOP's member rows themselves as excerpts; nothing cites
        them once the codings cite the codebook."""
        cited = [model.objects.filter(excerpt__source=self.source).values("excerpt")
                 for model in (CodingNote, CommitmentCondition, Claim, Invocation, Suspension, InferenceEvidence)]
        stale = Excerpt.objects.filter(source=self.source)
        for refs in cited:
            stale = stale.exclude(pk__in=refs)
        stale.delete()

    # --- states -----------------------------------------------------------------------

    def state(self, code, entered):
        if code in SHARED_CODES:
            for state_code, name, start, end in SHARED_CODES[code]:
                if start is None or (entered and start <= entered <= end):
                    return self._state_by_code(state_code, name, code)
        if code not in self.states:
            self.states[code] = self._find_or_create_state(code)
        return self.states[code]

    def spans(self, code, entered, left):
        """The (state, from, until) a membership of `code` from `entered` until `left` (None:
        still in) stands for: one state, or, for a code COW and ATOP give two states in turn,
        each state for its own years. The USSR's memberships that run past 25 December 1991
        go on as Russia's from the next day; `until` None means the membership's own end."""
        first = self.state(code, entered)
        for (state_code, _name, _start, end), (next_code, next_name, *_rest) in zip(
            SHARED_CODES.get(code, []), SHARED_CODES.get(code, [])[1:]
        ):
            if first.code == state_code and end is not None and (left is None or left > end):
                return [(first, entered, end), (self._state_by_code(next_code, next_name, code),
                                                 end + datetime.timedelta(days=1), None)]
        return [(first, entered, None)]

    def _state_by_code(self, state_code, name, cow_code):
        if state_code not in self.states:
            state = State.objects.filter(code=state_code).first()
            if state is None:
                letters = self.data.states[cow_code][0]
                state = State.objects.create(code=state_code, name=name, cow_code=cow_code,
                                             cow_abbreviation=letters, curated=False)
                self.created["states"] += 1
            self.states[state_code] = state
        return self.states[state_code]

    def _find_or_create_state(self, code):
        existing = State.objects.filter(cow_code=code).exclude(code__in=[c for c, *_ in SHARED_CODES.get(code, [])]).first()
        if existing:
            return existing
        if code in NON_COW_MEMBERS:
            name, letters = NON_COW_MEMBERS[code], ""
            known = State.objects.filter(cow_code__isnull=True, name=name).first()
            if known:
                return known
            candidates = [name[:3].upper()]
        else:
            letters, name = self.data.states[code]
            candidates = [letters]
        # A free code of three capitals when the COW letters are another state's code already.
        candidates += [candidates[0][0] + a + b for a in ALPHABET for b in ALPHABET]
        taken = set(State.objects.filter(code__in=candidates).values_list("code", flat=True))
        state_code = next(c for c in candidates if c not in taken)
        self.created["states"] += 1
        return State.objects.create(code=state_code, name=name, cow_code=code if code < 8000 else None,
                                    cow_abbreviation=letters, curated=False)

    # --- alliances ----------------------------------------------------------------------

    def _alliance(self, atop_id, phases, members):
        pact = Pact.objects.filter(atop_id=atop_id, curated=True).first()
        if pact is None:
            pact = self._atop_pact(atop_id, phases, members)
        else:
            self.created["linked"] += 1
        for phase_row in phases:
            phase = self._phase(pact, phase_row)
            kept = set()
            for row in members:
                if row.int("phase") == phase_row.int("phase"):
                    kept.add(self._member(phase, row).pk)
            self._remove(pact, phase.members.exclude(pk__in=kept))
        if not pact.curated:
            self._parties_and_commitments(pact, phases, members)

    def _atop_pact(self, atop_id, phases, members):
        first = phases[0]
        signed, signed_precision = first.date("begyr", "begmo", "begday")
        ended, ended_precision = alliance_end(phases)
        recorded = self.names.get(atop_id)
        if recorded:
            title, short_name = recorded.title, recorded.short_name
        else:
            title, short_name = described_names(atop_id, self._founders(members), signed, first.values.get("estmode"))
        pact, created = upsert(Pact, 
            slug=f"atop-{atop_id}",
            defaults=dict(
                title=title[:500],
                short_name=short_name[:120],
                name_evidence=self._name_evidence(atop_id, recorded) if recorded else None,
                multilaterality="bilateral" if first.int("bilat") == 1 else "multilateral",
                signed_on=signed, signed_precision=signed_precision,
                in_force_on=signed, in_force_precision=signed_precision,
                ended_on=ended, ended_precision=ended_precision,
                end_reason=EndReason.NOT_RECORDED if ended else "",
                status_known_until=None if ended else END_OF_DATA,
                atop_id=atop_id, source=self.source, curated=False,
                notes="Known only from ATOP 5.1: no treaty text is in the corpus. Its dates are ATOP's beginning "
                      "and end of the alliance; ATOP records the signature, not the entry into force, and counts a "
                      "signed alliance as in effect, as this record does.",
            ),
        )
        self.created["pacts"] += int(created)
        return pact

    def _founders(self, members):
        """The states that formed the alliance (those entering on its first day), in order of
        name, and how many joined later."""
        entries = [(r.date("yrent", "moent", "dayent")[0], r) for r in members]
        first_day = min((day for day, _row in entries if day), default=None)
        founders = {self.state(r.int("member"), day).name for day, r in entries if day == first_day}
        later = {self.state(r.int("member"), day).name for day, r in entries} - founders
        return sorted(founders), len(later)

    def _name_evidence(self, atop_id, recorded):
        """The passage of a recorded source that uses an alliance's name (atop_names.json)."""
        source, _ = upsert(Source,
            key=recorded.source["key"],
            defaults=dict(**{k: v for k, v in recorded.source.items() if k not in ("key", "accessed_on")},
                          accessed_on=datetime.date.fromisoformat(recorded.source["accessed_on"]), curated=False),
        )
        excerpt, _ = upsert(Excerpt,
            key=f"atop-name-{atop_id}",
            defaults=dict(source=source, text=recorded.quote, location="the passage naming the alliance"),
        )
        return excerpt

    def _phase(self, pact, row):
        began, began_precision = row.date("begyr", "begmo", "begday")
        ended, ended_precision = row.date("endyr", "endmo", "endday")
        phase, _ = upsert(AtopPhase, 
            atop_id=row.int("atopid"), phase=row.int("phase"),
            defaults=dict(
                pact=pact, began_on=began, began_precision=began_precision,
                ended_on=ended, ended_precision=ended_precision,
                milaid=row.int("milaid"), intcom=row.int("intcom"), base=row.int("base"),
                codes=row.values, version=row.values["version"],
                **{name: row.int(name) == 1 for name in TYPES},
            ),
        )
        return phase

    def _member(self, phase, row):
        entered, entered_precision = row.date("yrent", "moent", "dayent")
        exited, exited_precision = row.date("yrexit", "moexit", "dayexit")
        member, _ = upsert(AtopMember, 
            phase=phase, member_code=row.int("member"), entered_on=entered,
            defaults=dict(
                state=self.state(row.int("member"), entered), entered_precision=entered_precision,
                exited_on=exited, exited_precision=exited_precision, codes=row.values,
            ),
        )
        return member

    # --- what an ATOP-only pact shows on the dashboard -----------------------------------

    def _parties_and_commitments(self, pact, phases, members):
        # One party spell per state and entry date: ATOP repeats a member in each phase.
        spells = {}
        for row in members:
            entered, entered_precision = row.date("yrent", "moent", "dayent")
            exited = row.date("yrexit", "moexit", "dayexit")
            key = (row.int("member"), entered)
            spell = spells.setdefault(key, {"precision": entered_precision, "exits": [], "phases": []})
            spell["exits"].append(exited)
            spell["phases"].append(str(row.int("phase")))
        kept = set()
        for (code, entered), spell in spells.items():
            still_in = any(day is None for day, _precision in spell["exits"])
            left, left_precision = (None, "") if still_in else max(spell["exits"])
            note = "ATOP 5.1 member file, phase " + ", ".join(sorted(set(spell["phases"])))
            spans = self.spans(code, entered, left)
            if len(spans) > 1:
                (first, _entered, end), (then, start, _until) = spans
                note += (f"; member {code} throughout: COW and ATOP give {first.name} and {then.name} one code, "
                         f"{first.name} until {end.isoformat()}, {then.name} from {start.isoformat()}")
            for state, start, until in spans:
                party, _ = upsert(Party,
                    pact=pact, state=state, joined_on=start,
                    defaults=dict(
                        joined_precision=spell["precision"] if start == entered else "day",
                        left_on=until or left, left_precision="day" if until else left_precision,
                        source=self.source, note=note),
                )
                kept.add(party.pk)
        self._remove(pact, pact.parties.exclude(pk__in=kept))
        clause, _ = Clause.objects.get_or_create(pact=pact, label="ATOP coding", defaults={"order": 0})
        upsert(ClauseVersion, 
            clause=clause, label="Text", defaults=dict(
                kind="authentic", language="en", text_status="not_located", source=self.source,
                paraphrase="ATOP 5.1 codes this alliance; its text is not in the corpus."))
        kept_commitments = set()
        for column, (kind, obligation) in TYPES.items():
            # The first run keeps the key of a commitment for the whole alliance, so that an
            # earlier import's commitment is updated in place.
            for number, run in enumerate(phase_runs(phases, members, column)):
                key = f"atop-{pact.atop_id}-{kind}" + (f"-phase-{run.phases[0]}" if number else "")
                commitment = self._commitment(pact, clause, key, column, kind, obligation, run)
                kept_commitments.add(commitment.pk)
        self._remove(pact, pact.commitments.exclude(pk__in=kept_commitments))

    def _commitment(self, pact, clause, key, column, kind, obligation, run):
        obliged = run.obliged
        summary = f"ATOP 5.1 codes {column.upper()}=1 for the obliged members"
        if run.begins or run.ends:
            summary += f" in phase{'s' if len(run.phases) > 1 else ''} {', '.join(map(str, run.phases))} only"
        commitment, _ = upsert(Commitment,
            key=key,
            defaults=dict(
                pact=pact, clause=clause, commitment_type=kind, obliged_scope="listed", protected_scope="all_parties",
                trigger_event="unspecified", trigger_scope="unspecified", adversary_scope="unspecified",
                obligation=obligation, automaticity="unspecified", immediacy="none", means="unspecified",
                summary=summary + ".",
                effective_on=run.begins[0] if run.begins else None,
                effective_precision=run.begins[1] if run.begins else "",
                superseded_on=run.ends[0] if run.ends else None,
                superseded_precision=run.ends[1] if run.ends else "",
            ),
        )
        states = {state for r in obliged for state, _start, _until in self.spans(
            r.int("member"), r.date("yrent", "moent", "dayent")[0], r.date("yrexit", "moexit", "dayexit")[0])}
        self._remove(pact, commitment.sides.exclude(state__in=states))
        for state in states:
            CommitmentSide.objects.get_or_create(commitment=commitment, state=state, role="obliged")
        evidence = self._meaning(column)
        coded = self._coded_members(pact, obliged)
        upsert(CodingNote, 
            commitment=commitment, dimension="type",
            defaults=dict(excerpt=evidence, rationale=f"ATOP 5.1 codes {column.upper()} = 1 for {coded}.",
                          confidence="high", coded_by=CODER))
        upsert(CodingNote, 
            commitment=commitment, dimension="obligation",
            defaults=dict(excerpt=evidence, rationale=f"What {column.upper()} = 1 promises, in the codebook's words; "
                                                      f"ATOP codes it for {coded}.",
                          confidence="medium", coded_by=CODER))
        self._conditions(pact, commitment, column, obliged, evidence)
        return commitment

    def _coded_members(self, pact, rows):
        """The members a coding is read from, named, with where ATOP's record has them."""
        names = sorted({self.state(r.int("member"), r.date("yrent", "moent", "dayent")[0]).name for r in rows})
        phases = sorted({r.int("phase") for r in rows})
        where = ", ".join(str(p) for p in phases)
        return (f"{', '.join(names)} (the member records of ATOP alliance {pact.atop_id}, "
                f"phase{'s' if len(phases) > 1 else ''} {where})")

    def _conditions(self, pact, commitment, column, obliged, evidence):
        # The member-level condition dummies of the type (choices.atop_condition_variable).
        kind = TYPES[column][0]
        present = set()
        for condition in ATOP_TYPE_CONDITIONS.get(kind, ()):
            variable = atop_condition_variable(kind, condition)
            if any(r.values.get(variable) == "1" for r in obliged):
                present.add(condition)
                upsert(CommitmentCondition, 
                    commitment=commitment, condition=condition,
                    defaults=dict(excerpt=self._meaning(variable),
                                  rationale=f"ATOP's {variable.upper()} is 1.",
                                  confidence="high", coded_by=CODER))
        self._remove(pact, commitment.conditions.exclude(condition__in=present))


# Names of ATOP-only alliances as recorded sources use them, each with its source and the
# passage that uses it: data kept beside the importer, not taken from ATOP's files.
NAMES_FILE = Path(__file__).with_name("atop_names.json")


@dataclass(frozen=True)
class RecordedName:
    title: str
    short_name: str
    quote: str
    source: dict  # the Source's fields, as the file gives them


def recorded_names(path=NAMES_FILE):
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    sources = {source["key"]: source for source in data["sources"]}
    return {
        entry["atop_id"]: RecordedName(entry["title"], entry["short_name"], entry["quote"], sources[entry["source"]])
        for entry in data["names"]
    }


def short_state_name(name):
    """A state's name without its gloss ("Turkey (Türkiye)" -> "Turkey"), or its abbreviation
    where the gloss is one ("Soviet Union (USSR)" -> "USSR")."""
    base, _sep, gloss = name.partition(" (")
    gloss = gloss.rstrip(")")
    return gloss if gloss.isupper() and len(gloss) <= 6 else base


MANY = 3  # founders named in a short name; past that, the number of states


def described_names(atop_id, founders, signed, estmode):
    """(title, short name) for an alliance no recorded source names: a description of it
    from its founding members and year ("Poland–USSR treaty, 1945"), never a formal title.
    ATOP's ESTMODE says whether it is a treaty (1: a formal treaty requiring ratification)."""
    names, later = founders
    kind = "treaty" if estmode == "1" else "agreement"
    year = signed.year if signed else "year unknown"
    short = [short_state_name(name) for name in names]
    if len(short) <= MANY:
        short_name = f"{'–'.join(short)} {kind}, {year}"
    else:
        short_name = f"{kind.capitalize()} of {len(short)} states ({', '.join(short[:MANY])}…), {year}"
    listed = ", ".join(short[:30]) + (f" and {len(short) - 30} more" if len(short) > 30 else "")
    joined = f"; {later} more joined later" if later else ""
    title = f"{kind.capitalize()} of {listed}, {year}{joined} (ATOP alliance {atop_id}; no recorded name)"
    return title, short_name


def upsert(model, defaults, **lookup):
    """update_or_create that writes only when something changed, so that a re-run leaves
    the data and its edit history exactly as they were. Returns (object, created)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **defaults), True
    changed = [name for name, value in defaults.items() if _current(obj, name) != _plain(value)]
    if changed:
        for name in changed:
            setattr(obj, name, defaults[name])
        obj.save()
    return obj, False


def _plain(value):
    return value.pk if hasattr(value, "pk") else value


def _current(obj, name):
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname)


def import_atop(directory, states_file, progress=None, delete_missing=False):
    with exclusive_load():
        return Importer(read(directory, states_file), progress, delete_missing).run()
