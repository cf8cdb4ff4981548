"""Synthetic demonstration data, for measuring how the dashboard performs at scale.

`generate(pacts, seed)` adds that many invented pacts, with parties, clause texts,
commitments and their coding, to whatever the database already holds. Everything it makes
is recognisable and kept apart from the corpus:

- keys and slugs begin with "demo-"; pacts, states and the one source are `curated=False`,
  so the fixture loader, the differ and the exporter never see them;
- invented states take free three-letter codes from the ranges ISO 3166-1 leaves to users
  (XAA-XZZ, then QMA-QZZ), so they never take a real state's code.

The output depends only on the seed and on the states already present: one
`random.Random(seed)` drives every choice, dates come from fixed bounds (never from the
clock), and nothing iterates over a set. Running it again on a database that already holds
demonstration data is refused, so a measurement never mixes two runs.

Rows are written with `bulk_create`, which bypasses `save()`: no edit-history rows are
recorded for demonstration data, which is what a measurement of the live tables wants.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from alliances.pacts.choices import (
    AdversaryScope,
    Automaticity,
    CodedDimension,
    CommitmentRole,
    CommitmentType,
    Condition,
    Confidence,
    DatePrecision,
    EndReason,
    Immediacy,
    InvocationKind,
    InvocationOutcome,
    Means,
    Multilaterality,
    NuclearStatus,
    ObligationKind,
    PartyScope,
    SourceKind,
    TextStatus,
    TriggerEvent,
    TriggerScope,
    VersionKind,
)
from alliances.pacts.dates import period_start
from alliances.pacts.models import (
    Clause,
    ClauseVersion,
    CodingNote,
    Commitment,
    CommitmentCondition,
    CommitmentSide,
    Excerpt,
    Invocation,
    Pact,
    Party,
    Source,
    State,
    Suspension,
)
from alliances.pacts.sortkeys import refresh_sort_keys

PREFIX = "demo-"
SOURCE_KEY = "demo-synthetic-data"
SOURCE_TITLE = "Synthetic demonstration data"
CODER = "demonstration generator"

# About as many states as the world has had; existing states count towards it.
TARGET_STATES = 200
# Fixed bounds, so the same seed gives the same dates on any day it is run.
EARLIEST = datetime.date(1900, 1, 1)
LATEST_SIGNATURE = datetime.date(2023, 12, 31)
DATA_DATE = datetime.date(2024, 12, 31)  # the day the invented record stands at
RECENT = datetime.date(2021, 1, 1)  # pacts not yet in force were signed after this
STATUS_KNOWN_UNTIL = datetime.date(2018, 12, 31)

# Pacts are planned and written this many at a time, so memory stays flat at any size.
CHUNK = 1000
# Rows per INSERT. Django lowers it further where SQLite's limit on query variables
# (999) requires, so one value serves both databases.
BATCH_SIZE = 1000

# Multilateral pacts have 3-30 parties (16.5 on average), bilateral ones 2: with this
# share of multilateral pacts the average is about 10 parties per pact.
MULTILATERAL_SHARE = 0.55
MAX_PARTIES = 30
MIN_CLAUSES, MAX_CLAUSES = 2, 8  # about 5 per pact
TEXT_LENGTH = (300, 1500)


class DemoError(Exception):
    """Demonstration data cannot be generated; the message says why."""


# --- vocabulary --------------------------------------------------------------------------

SYLLABLES_START = ["Al", "Bor", "Cal", "Dra", "El", "Fen", "Gal", "Hal", "Is", "Kar", "Lor", "Mar",
                   "Nor", "Or", "Pel", "Quen", "Ros", "Sal", "Tor", "Ul", "Val", "Wes", "Yr", "Zan"]
SYLLABLES_MIDDLE = ["a", "e", "i", "o", "ar", "en", "is", "or", "u", "an", "el", ""]
SYLLABLES_END = ["ia", "land", "stan", "mark", "ora", "avia", "eria", "onia", "ador", "ica", "esh", "ind"]

PLACES = ["Geneva", "Vienna", "Manila", "Rio de Janeiro", "Lisbon", "Warsaw", "Ankara", "Bangkok",
          "Canberra", "Tokyo", "Seoul", "Moscow", "Minsk", "Washington", "London", "Paris", "Madrid",
          "Brussels", "The Hague", "Baghdad", "Cairo", "Tashkent", "Prague", "Buenos Aires", "Lima",
          "Bogotá", "Havana", "Pyongyang", "Beijing", "Ottawa", "Oslo", "Athens", "Rome", "Bucharest"]
AREAS = ["North Atlantic area", "South-West Pacific", "Caribbean Sea", "Baltic region", "Black Sea basin",
         "Western Hemisphere", "treaty area", "Gulf region", "Mediterranean", "South-East Asia",
         "Indian Ocean", "Danube basin", "Andean region", "Horn of Africa"]
OTHER_LANGUAGES = ["fr", "ru", "es", "ar", "zh", "pt", "de"]

BILATERAL_TITLES = ["Treaty of Friendship, Cooperation and Mutual Assistance", "Treaty of Mutual Defence",
                    "Treaty of Alliance", "Treaty of Non-Aggression", "Treaty of Neutrality",
                    "Agreement on Security Cooperation", "Treaty on Comprehensive Strategic Partnership"]
MULTILATERAL_TITLES = ["Collective Defence Treaty", "Treaty of Reciprocal Assistance", "Security Pact",
                       "Collective Security Treaty", "Treaty of Mutual Assistance", "Defence Charter"]
HEADINGS = ["Peaceful settlement of disputes", "Consultation", "Collective defence", "Mutual assistance",
            "Self-help and mutual aid", "Relation to the Charter", "Council", "Accession", "Ratification",
            "Duration and denunciation", "Territory", "Non-aggression", "Neutrality", "Exchange of information",
            "Other commitments", "Depositary", ""]

# Sentences in the style of defence treaties, so that searching the clause texts for the
# usual words ("armed attack", "Article 51", "constitutional processes") finds realistic hits.
SENTENCES = [
    "The Parties undertake to settle any international dispute in which they may be involved by peaceful "
    "means in such a manner that international peace and security and justice are not endangered.",
    "The Parties will consult together whenever, in the opinion of any of them, the territorial integrity, "
    "political independence or security of any of the Parties is threatened.",
    "The Parties agree that an armed attack against one or more of them in the {area} shall be considered "
    "an attack against them all.",
    "In order more effectively to achieve the objectives of this Treaty, the Parties, separately and jointly, "
    "by means of continuous and effective self-help and mutual aid, will maintain and develop their "
    "individual and collective capacity to resist armed attack.",
    "Any such armed attack and all measures taken as a result thereof shall immediately be reported to the "
    "Security Council.",
    "Such measures shall be terminated when the Security Council has taken the measures necessary to "
    "restore and maintain international peace and security.",
    "This Treaty shall be ratified and its provisions carried out by the Parties in accordance with their "
    "respective constitutional processes.",
    "The instruments of ratification shall be deposited as soon as possible with the Government of "
    "{state}, which will notify all the other signatories of each deposit.",
    "After the Treaty has been in force for {years} years, any Party may cease to be a Party one year after "
    "its notice of denunciation has been given.",
    "The Parties shall render each other mutual assistance, including military assistance, in accordance "
    "with the provisions of this Treaty.",
    "Neither Party shall conclude any alliance or take part in any coalition, action or measure directed "
    "against the other Party.",
    "The Parties shall establish a Council, on which each of them shall be represented, to consider matters "
    "concerning the implementation of this Treaty.",
    "Nothing in this Treaty shall be interpreted as affecting in any way the rights and obligations under "
    "the Charter of the United Nations of the Parties, or the primary responsibility of the Security "
    "Council for the maintenance of international peace and security.",
    "The Parties shall refrain in their international relations from the threat or use of force against "
    "the territorial integrity or political independence of any State.",
    "The territory referred to in this Article includes the islands under the jurisdiction of any of the "
    "Parties in the {area}.",
    "The Parties shall exchange information and hold regular consultations on questions of defence and "
    "security of mutual interest.",
    "This Treaty shall remain in force for {years} years and shall be extended automatically for "
    "successive periods of five years unless a Party gives notice of termination.",
    "Any other State in a position to further the principles of this Treaty may, by unanimous agreement, "
    "be invited to accede to this Treaty.",
    "The Parties will strengthen their free institutions and promote conditions of stability and "
    "well-being in the {area}.",
    "The armed forces of either Party stationed in the territory of the other shall respect the laws of "
    "the receiving State.",
    "Each Party recognises that the right of individual or collective self-defence recognised by Article "
    "51 of the Charter of the United Nations is not impaired by this Treaty.",
    "The Parties declare that none of the international engagements now in force between them and any "
    "third State is in conflict with the provisions of this Treaty.",
    "The Parties shall consult immediately on the measures to be taken should a situation arise which "
    "threatens the peace in the {area}.",
    "The Government of {state} shall inform the other signatories of the deposit of each notice of "
    "denunciation.",
]
YEARS = ["five", "ten", "twenty", "twenty-five", "thirty"]

TRIGGER_WORDS = {
    TriggerEvent.ARMED_ATTACK: "an armed attack",
    TriggerEvent.AGGRESSION: "an act of aggression",
    TriggerEvent.ATTACK_STATE_OF_WAR: "an armed attack",  # ... "which places it in a state of war"
    TriggerEvent.THREAT_OF_ATTACK: "a threat of armed attack",
    TriggerEvent.THREAT_TO_SECURITY: "a threat to its territorial integrity, political independence or security",
    TriggerEvent.UNSPECIFIED: "any danger to the peace",
}
OBLIGATION_WORDS = {
    ObligationKind.MILITARY_ASSISTANCE: "render military assistance",
    ObligationKind.AID_AND_ASSISTANCE: "render aid and assistance",
    ObligationKind.ACTION_DEEMED_NECESSARY: "take such action as it deems necessary",
    ObligationKind.ACT_TO_MEET_DANGER: "act to meet the common danger",
    ObligationKind.FORCES_MAY_BE_USED: "be free to use its forces",
    ObligationKind.CONSULTATION_ONLY: "consult the other Parties on the measures to be taken",
    ObligationKind.NON_ASSISTANCE: "extend no assistance to the attacker",
    ObligationKind.REFRAIN_FROM_FORCE: "refrain from any threat or use of force against the other Parties",
    ObligationKind.UNSPECIFIED: "treat it as an attack against itself",
}
AUTOMATICITY_WORDS = {
    Automaticity.AUTOMATIC: "",
    Automaticity.DISCRETIONARY: " as it may decide",
    Automaticity.CONSULT_FIRST: " after consultation among the Parties",
    Automaticity.CONSTITUTIONAL_PROCESSES: " in accordance with its constitutional processes",
    Automaticity.UNSPECIFIED: "",
}
IMMEDIACY_WORDS = {Immediacy.IMMEDIATELY: " immediately", Immediacy.WITHOUT_DELAY: " without delay", Immediacy.NONE: ""}
MEANS_WORDS = {
    Means.ALL_MEANS_AT_DISPOSAL: " with all the means at its disposal",
    Means.INCLUDING_ARMED_FORCE: ", including the use of armed force,",
    Means.MILITARY_AND_OTHER: ", military and other,",
    Means.UNSPECIFIED: "",
}
# What each type of commitment typically obliges (ATOP's types, as in the curated corpus).
OBLIGATIONS_BY_TYPE = {
    CommitmentType.DEFENSE: [ObligationKind.MILITARY_ASSISTANCE, ObligationKind.AID_AND_ASSISTANCE,
                             ObligationKind.ACTION_DEEMED_NECESSARY, ObligationKind.ACT_TO_MEET_DANGER],
    CommitmentType.OFFENSE: [ObligationKind.MILITARY_ASSISTANCE, ObligationKind.AID_AND_ASSISTANCE],
    CommitmentType.NEUTRALITY: [ObligationKind.NON_ASSISTANCE],
    CommitmentType.NON_AGGRESSION: [ObligationKind.REFRAIN_FROM_FORCE],
    CommitmentType.CONSULTATION: [ObligationKind.CONSULTATION_ONLY],
}
# Defence pacts dominate real corpora; the other types appear less often.
TYPE_WEIGHTS = {CommitmentType.DEFENSE: 5, CommitmentType.OFFENSE: 1, CommitmentType.NEUTRALITY: 1,
                CommitmentType.NON_AGGRESSION: 2, CommitmentType.CONSULTATION: 3}
# Enum members as lists, made once: the generator picks from them hundreds of thousands of times.
TRIGGER_EVENTS = list(TriggerEvent)
TRIGGER_SCOPES = list(TriggerScope)
ADVERSARY_SCOPES = list(AdversaryScope)
AUTOMATICITIES = list(Automaticity)
IMMEDIACIES = list(Immediacy)
MEANS = list(Means)
DIMENSIONS = list(CodedDimension)
CONDITIONS = list(Condition)
CONFIDENCES = list(Confidence)
INVOCATION_KINDS = list(InvocationKind)
INVOCATION_OUTCOMES = list(InvocationOutcome)
# Only these types oblige armed help, so only they have "means" in their texts.
ARMED_TYPES = (CommitmentType.DEFENSE, CommitmentType.OFFENSE)
PRECISION_WEIGHTS = {DatePrecision.DAY: 85, DatePrecision.MONTH: 10, DatePrecision.YEAR: 5}
END_REASON_WEIGHTS = {EndReason.EXPIRED: 3, EndReason.DENOUNCED: 3, EndReason.REPLACED: 2, EndReason.LAPSED: 1,
                      EndReason.NOT_RECORDED: 1}


# --- dates, names and codes --------------------------------------------------------------


def weighted(rng, weights):
    """One key of `weights` (a dict in a fixed order), chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def random_day(rng, first, last):
    """A day between `first` and `last`, both included."""
    return first + datetime.timedelta(days=rng.randint(0, max(0, (last - first).days)))


def with_precision(rng, day, floor=None):
    """(stored date, precision) for an event on `day`, sometimes known only to the month or
    year. The stored date is the period's first day; where that would fall before `floor`
    (the stored date of an event that must come first) the full date is kept instead, so
    the database's date-order constraints always hold."""
    precision = weighted(rng, PRECISION_WEIGHTS)
    stored = period_start(day, precision)
    if floor is not None and stored < floor:
        return day, DatePrecision.DAY.value
    return stored, precision.value


def state_name(rng):
    return rng.choice(SYLLABLES_START) + rng.choice(SYLLABLES_MIDDLE) + rng.choice(SYLLABLES_END)


def free_codes(used, count):
    """`count` three-letter codes outside `used`, from the ranges ISO 3166-1 reserves for
    users (XAA-XZZ, QMA-QZZ) first, then any other, in alphabetical order."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    reserved = [f"X{a}{b}" for a in letters for b in letters]
    reserved += [f"Q{a}{b}" for a in letters[letters.index("M"):] for b in letters]
    others = [f"{a}{b}{c}" for a in letters for b in letters for c in letters]
    taken = set(used)
    codes = []
    for code in reserved + others:
        if code not in taken:
            codes.append(code)
            taken.add(code)
            if len(codes) == count:
                break
    return codes


def spoken(member):
    """An enum value as English words for invented texts ("trigger_event" -> "trigger event"):
    the data stays the same whatever language the interface is in."""
    return member.value.replace("_", " ")


def slug_width(pacts):
    return max(5, len(str(pacts)))


def names(states):
    """"A, B and C" for a list of states."""
    labels = [s.name for s in states]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


# --- texts -------------------------------------------------------------------------------


def fill(template, rng, context):
    return template.format(area=context["area"], state=context["depositary"], years=rng.choice(YEARS))


def filler_sentence(rng, context):
    return fill(rng.choice(SENTENCES), rng, context)


def clause_text(rng, context, required=()):
    """A clause text of a few hundred to about 1,500 characters: the `required` sentences
    (a commitment's operative sentence) among treaty-like ones, sometimes numbered."""
    shortest, longest = TEXT_LENGTH
    target = rng.randint(shortest, longest)
    sentences = list(required)
    length = sum(len(s) + 1 for s in sentences)
    # Each template at most once per text, in a random order: no article repeats itself.
    for template in rng.sample(SENTENCES, len(SENTENCES)):
        if length >= target:
            break
        sentence = fill(template, rng, context)
        if length >= shortest and length + len(sentence) > longest:
            break
        sentences.insert(rng.randint(0, len(sentences)), sentence)
        length += len(sentence) + 1
    if len(sentences) > 1 and rng.random() < 0.3:
        return "\n".join(f"{number}. {sentence}" for number, sentence in enumerate(sentences, start=1))
    return " ".join(sentences)


def operative_sentence(commitment, obliged, protected):
    """The sentence a commitment is coded from, built from its coded values so the coding
    and the text agree; it becomes the commitment's excerpt."""
    subject = names(obliged) if obliged else "each Party"
    target = f"against {names(protected)}" if protected else {
        TriggerScope.PARTY_TERRITORY: "against the territory of any of the Parties",
        TriggerScope.PARTY_TERRITORY_OR_FORCES:
            "against the territory, armed forces, vessels or aircraft of any of the Parties",
        TriggerScope.NAMED_AREA: f"against any of the Parties in the {commitment.named_area}",
        TriggerScope.ANYWHERE: "against any of the Parties, wherever it occurs",
        TriggerScope.UNSPECIFIED: "against any of the Parties",
    }[commitment.trigger_scope]
    war = " which places it in a state of war" if commitment.trigger_event == TriggerEvent.ATTACK_STATE_OF_WAR else ""
    attacker = {AdversaryScope.ANY_STATE: " by any State", AdversaryScope.NAMED: f" by {commitment.named_adversary}",
                AdversaryScope.UNSPECIFIED: ""}[commitment.adversary_scope]
    sentence = (
        f"In the event of {TRIGGER_WORDS[commitment.trigger_event]}{attacker} {target}{war}, {subject} shall"
        f"{IMMEDIACY_WORDS[commitment.immediacy]}{AUTOMATICITY_WORDS[commitment.automaticity]} "
        f"{OBLIGATION_WORDS[commitment.obligation]}{MEANS_WORDS[commitment.means]}"
    ).rstrip(",")
    if commitment.cites_un_article_51:
        sentence += (", in exercise of the right of individual or collective self-defence recognised by "
                     "Article 51 of the Charter of the United Nations")
    return sentence + "."


SECURITY_COUNCIL_SENTENCE = ("Any such armed attack and all measures taken as a result thereof shall immediately "
                             "be reported to the Security Council.")


# --- planning: unsaved model instances, in the order they are written -------------------


@dataclass
class Batch:
    """Unsaved rows for a run of pacts, per model, in the order they must be written."""

    pacts: list = field(default_factory=list)
    parties: list = field(default_factory=list)
    suspensions: list = field(default_factory=list)
    clauses: list = field(default_factory=list)
    versions: list = field(default_factory=list)
    excerpts: list = field(default_factory=list)
    commitments: list = field(default_factory=list)
    sides: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    conditions: list = field(default_factory=list)
    invocations: list = field(default_factory=list)

    ORDER = (
        ("pacts", Pact), ("parties", Party), ("suspensions", Suspension), ("clauses", Clause),
        ("versions", ClauseVersion), ("excerpts", Excerpt), ("commitments", Commitment),
        ("sides", CommitmentSide), ("notes", CodingNote), ("conditions", CommitmentCondition),
        ("invocations", Invocation),
    )


def pact_dates(rng):
    """Signature, entry into force and end, in order: most pacts in force or ended, a few
    signed recently and not yet in force."""
    if rng.random() < 0.04:
        signed, signed_precision = with_precision(rng, random_day(rng, RECENT, LATEST_SIGNATURE))
        return dict(signed_on=signed, signed_precision=signed_precision)
    signed, signed_precision = with_precision(rng, random_day(rng, EARLIEST, LATEST_SIGNATURE))
    dates = dict(signed_on=signed, signed_precision=signed_precision)
    in_force_day = signed + datetime.timedelta(days=rng.randint(0, 730))
    if in_force_day > DATA_DATE:
        return dates
    dates["in_force_on"], dates["in_force_precision"] = with_precision(rng, in_force_day, floor=signed)
    ended_day = dates["in_force_on"] + datetime.timedelta(days=rng.randint(365, 40 * 365))
    if rng.random() < 0.4 and ended_day < DATA_DATE:
        dates["ended_on"], dates["ended_precision"] = with_precision(rng, ended_day, floor=dates["in_force_on"])
        dates["end_reason"] = weighted(rng, END_REASON_WEIGHTS).value
    elif rng.random() < 0.03 and dates["in_force_on"] < STATUS_KNOWN_UNTIL:
        dates["status_known_until"] = STATUS_KNOWN_UNTIL
    return dates


def plan_pact(rng, number, width, states, source, batch):
    """One pact and everything under it, appended to `batch`."""
    multilateral = rng.random() < MULTILATERAL_SHARE
    count = min(len(states), rng.randint(3, MAX_PARTIES)) if multilateral else 2
    members = rng.sample(states, count)
    dates = pact_dates(rng)
    area = rng.choice(AREAS)
    languages = rng.sample(OTHER_LANGUAGES, rng.randint(0, 2)) + (["en"] if rng.random() < 0.7 else [])
    languages = sorted(languages) or ["en"]
    year = dates["signed_on"].year
    if multilateral:
        kind = rng.choice(MULTILATERAL_TITLES)
        place = rng.choice(PLACES)
        title = f"{place} {kind}"
        short_name = f"{place} {kind.split()[-1]} ({year})"
    else:
        kind = rng.choice(BILATERAL_TITLES)
        title = f"{kind} between {members[0].name} and {members[1].name}"
        short_name = f"{members[0].name}–{members[1].name} {kind.split()[-1]} ({year})"
    pact = Pact(
        slug=f"{PREFIX}{number:0{width}d}",
        title=title,
        short_name=short_name[:120],
        multilaterality=(Multilaterality.MULTILATERAL if multilateral else Multilaterality.BILATERAL).value,
        signed_place=rng.choice(PLACES) if rng.random() < 0.8 else "",
        duration_terms=f"{rng.choice(YEARS).capitalize()} years, renewed automatically." if rng.random() < 0.6 else "",
        withdrawal_terms="One year's notice of denunciation." if rng.random() < 0.5 else "",
        authentic_languages=",".join(languages),
        source=source,
        curated=False,
        notes="Synthetic demonstration record; no such pact exists.",
        **dates,
    )
    batch.pacts.append(pact)
    context = {"area": area, "depositary": members[0].name, "languages": languages}
    plan_parties(rng, pact, members, source, batch)
    plan_suspension(rng, pact, members, source, batch)
    clauses = plan_clauses(rng, pact, members, context, source, batch)
    plan_invocations(rng, pact, members, clauses, source, batch)


def life_end(pact):
    """The last day the pact can bind anyone in the invented record."""
    return pact.ended_on or DATA_DATE


def plan_parties(rng, pact, members, source, batch):
    """Original parties join on entry into force; in larger pacts some accede later and a
    few leave. Before entry into force the signatories are recorded, bound by nothing yet."""
    multilateral = pact.multilaterality == Multilaterality.MULTILATERAL
    originals = len(members) if not multilateral else max(2, round(len(members) * rng.uniform(0.6, 1.0)))
    for index, state in enumerate(members):
        party = Party(pact=pact, state=state, source=source)
        if pact.in_force_on is None:
            if rng.random() < 0.5:
                party.ratified_on = random_day(rng, pact.signed_on, DATA_DATE)
                party.ratified_precision = DatePrecision.DAY.value
            party.note = "Signatory; not yet bound."
        elif index < originals:
            party.joined_on, party.joined_precision = pact.in_force_on, pact.in_force_precision
            if rng.random() < 0.6:
                party.ratified_on = random_day(rng, pact.signed_on, pact.in_force_on)
                party.ratified_precision = DatePrecision.DAY.value
        else:
            day = random_day(rng, pact.in_force_on, life_end(pact))
            party.joined_on, party.joined_precision = with_precision(rng, day, floor=pact.in_force_on)
            party.ratified_on = max(pact.signed_on, party.joined_on - datetime.timedelta(days=rng.randint(0, 90)))
            party.ratified_precision = DatePrecision.DAY.value
            party.note = "Acceded."
        if multilateral and party.joined_on and party.joined_on < life_end(pact) and rng.random() < 0.08:
            day = random_day(rng, party.joined_on + datetime.timedelta(days=1), life_end(pact))
            party.left_on, party.left_precision = with_precision(rng, day, floor=party.joined_on)
        batch.parties.append(party)


def plan_suspension(rng, pact, members, source, batch):
    """Now and then one party's obligations to another (or to all) stop for a time."""
    if pact.in_force_on is None or len(members) < 3 or rng.random() >= 0.02:
        return
    obliged, protected = rng.sample(members, 2)
    started = random_day(rng, pact.in_force_on, life_end(pact))
    suspension = Suspension(
        pact=pact, from_state=obliged, to_state=protected if rng.random() < 0.7 else None,
        started_on=started, started_precision=DatePrecision.DAY.value,
        description=f"{obliged.name} suspended its obligations under the pact.", source=source,
    )
    if rng.random() < 0.5:
        day = random_day(rng, started, life_end(pact))
        suspension.ended_on, suspension.ended_precision = with_precision(rng, day, floor=started)
    batch.suspensions.append(suspension)


def clause_label(number, roman):
    if not roman:
        return f"Article {number}"
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for value, numeral in numerals:
        while number >= value:
            text, number = text + numeral, number - value
    return f"Article {text}"


def plan_clauses(rng, pact, members, context, source, batch):
    """About five articles; one to three of them carry a commitment. Returns (clause,
    commitment, excerpt) for the articles that do."""
    count = rng.randint(MIN_CLAUSES, MAX_CLAUSES)
    roman = rng.random() < 0.3
    committed = sorted(rng.sample(range(count), rng.randint(1, min(3, count))))
    planned = []
    for index in range(count):
        clause = Clause(pact=pact, label=clause_label(index + 1, roman), order=index + 1, heading=rng.choice(HEADINGS))
        batch.clauses.append(clause)
        if index not in committed:
            plan_versions(rng, pact, clause, context, (), source, batch)
            continue
        number = len(planned) + 1
        commitment, required = plan_commitment(rng, pact, clause, number, members, context, batch)
        plan_versions(rng, pact, clause, context, required, source, batch)
        excerpt = plan_provenance(rng, commitment, clause, required[0], source, batch)
        planned.append((clause, commitment, excerpt))
    return planned


def plan_versions(rng, pact, clause, context, required, source, batch):
    """The English text of a clause (authentic or a translation), now and then an amended
    text too. Mostly verbatim; a few partial or not located, never for a clause whose
    words a commitment quotes."""
    english_is_authentic = "en" in context["languages"]
    text = clause_text(rng, context, required)
    version = ClauseVersion(
        clause=clause, label="English text" if english_is_authentic else "English translation",
        kind=(VersionKind.AUTHENTIC if english_is_authentic else VersionKind.TRANSLATION).value,
        language="en", text=text, source=source,
    )
    roll = rng.random()
    if not required and roll < 0.03:
        version.text_status, version.text = TextStatus.NOT_LOCATED.value, ""
        version.paraphrase = f"The text of {clause.label} was not located; secondary sources summarise it."
    elif not required and roll < 0.10:
        version.text_status = TextStatus.PARTIAL.value
        version.text = text[: max(120, len(text) // 2)]
        version.note = "Only the first part of the article was located."
    else:
        version.text_status = TextStatus.VERBATIM.value
    batch.versions.append(version)
    if pact.in_force_on is not None and rng.random() < 0.08:
        day = random_day(rng, pact.in_force_on, life_end(pact))
        batch.versions.append(ClauseVersion(
            clause=clause, label=f"as amended {day.year}", kind=VersionKind.AMENDED.value, language="en",
            effective_on=day, effective_precision=DatePrecision.DAY.value, source=source,
            text=text + " " + filler_sentence(rng, context), text_status=TextStatus.VERBATIM.value,
        ))


def listed_sides(rng, pact, members):
    """(obliged states, protected states): empty where a side is every party."""
    if pact.multilaterality == Multilaterality.BILATERAL:
        if rng.random() < 0.25:
            obliged, protected = rng.sample(members, 2)
            return [obliged], [protected]
        return [], []
    if rng.random() < 0.1:
        guarantors = rng.sample(members, rng.randint(1, min(3, len(members) - 1)))
        return guarantors, []
    return [], []


def plan_commitment(rng, pact, clause, number, members, context, batch):
    """A commitment with every coded dimension set, its listed sides, and the operative
    sentence it is coded from (returned, for the clause text to include)."""
    commitment_type = weighted(rng, TYPE_WEIGHTS)
    trigger_scope = rng.choice(TRIGGER_SCOPES)
    adversary_scope = rng.choice(ADVERSARY_SCOPES)
    commitment = Commitment(
        key=f"{pact.slug}-{number}", pact=pact, clause=clause,
        commitment_type=commitment_type.value,
        trigger_event=rng.choice(TRIGGER_EVENTS).value,
        trigger_scope=trigger_scope.value,
        named_area=context["area"] if trigger_scope == TriggerScope.NAMED_AREA else "",
        adversary_scope=adversary_scope.value,
        named_adversary=state_name(rng) if adversary_scope == AdversaryScope.NAMED else "",
        obligation=rng.choice(OBLIGATIONS_BY_TYPE[commitment_type]).value,
        automaticity=rng.choice(AUTOMATICITIES).value,
        immediacy=rng.choice(IMMEDIACIES).value,
        means=rng.choice(MEANS if commitment_type in ARMED_TYPES else [Means.UNSPECIFIED]).value,
        cites_un_article_51=rng.random() < 0.4,
        reports_to_security_council=rng.random() < 0.4,
    )
    obliged, protected = listed_sides(rng, pact, members)
    commitment.obliged_scope = (PartyScope.LISTED if obliged else PartyScope.ALL_PARTIES).value
    commitment.protected_scope = (PartyScope.LISTED if protected else PartyScope.ALL_PARTIES).value
    for role, states in ((CommitmentRole.OBLIGED, obliged), (CommitmentRole.PROTECTED, protected)):
        batch.sides.extend(CommitmentSide(commitment=commitment, state=s, role=role.value) for s in states)
    sentence = operative_sentence(commitment, obliged, protected)
    commitment.summary = f"{spoken(commitment_type).capitalize()}: {sentence}"
    batch.commitments.append(commitment)
    required = (sentence, SECURITY_COUNCIL_SENTENCE) if commitment.reports_to_security_council else (sentence,)
    return commitment, required


def plan_provenance(rng, commitment, clause, sentence, source, batch):
    """The excerpt a commitment is coded from (its operative sentence, a passage of the
    clause text), coding notes for some of its dimensions, and now and then conditions.
    Returns the excerpt."""
    excerpt = Excerpt(key=commitment.key, source=source, text=sentence, location=clause.label)
    batch.excerpts.append(excerpt)

    def provenance():
        return dict(
            excerpt=excerpt, confidence=rng.choice(CONFIDENCES).value, coded_by=CODER,
            reviewed_by=CODER if rng.random() < 0.3 else "",
        )

    dimensions = rng.sample(DIMENSIONS, rng.randint(2, 5))
    for dimension in sorted(dimensions, key=DIMENSIONS.index):
        batch.notes.append(CodingNote(
            commitment=commitment, dimension=dimension.value,
            rationale=f"The {spoken(dimension)} follows from the words of {clause.label}.", **provenance(),
        ))
    if rng.random() < 0.3:
        for condition in rng.sample(CONDITIONS, rng.randint(1, 2)):
            batch.conditions.append(CommitmentCondition(
                commitment=commitment, condition=condition.value, detail=f"{spoken(condition).capitalize()}.",
                rationale=f"{clause.label} makes the obligation depend on it.", **provenance(),
            ))
    return excerpt


def plan_invocations(rng, pact, members, clauses, source, batch):
    """A few percent of pacts in force were invoked once or twice."""
    if pact.in_force_on is None or rng.random() >= 0.03:
        return
    for number in range(1, rng.randint(1, 2) + 1):
        clause, _commitment, excerpt = rng.choice(clauses)
        invoker, supported = rng.sample(members, 2)
        day, precision = with_precision(rng, random_day(rng, pact.in_force_on, life_end(pact)), floor=pact.in_force_on)
        batch.invocations.append(Invocation(
            key=f"{pact.slug}-i{number}", pact=pact, clause=clause, occurred_on=day, occurred_precision=precision,
            kind=rng.choice(INVOCATION_KINDS).value,
            invoked_by=invoker if rng.random() < 0.9 else None,
            on_behalf_of=supported if rng.random() < 0.5 else None,
            event=f"{invoker.name} invoked {clause.label} after an armed attack on its territory.",
            outcome=rng.choice(INVOCATION_OUTCOMES).value,
            outcome_detail="The Parties consulted and reported to the Security Council." if rng.random() < 0.5 else "",
            source=source, excerpt=excerpt if rng.random() < 0.5 else None,
        ))


# --- writing -----------------------------------------------------------------------------


def already_generated():
    """Whether the database holds demonstration data from an earlier run."""
    return (
        Source.objects.filter(key=SOURCE_KEY).exists()
        or Pact.objects.filter(slug__startswith=PREFIX).exists()
        or Commitment.objects.filter(key__startswith=PREFIX).exists()
        or Excerpt.objects.filter(key__startswith=PREFIX).exists()
        or Invocation.objects.filter(key__startswith=PREFIX).exists()
    )


def create_source():
    # No seed file: the loader checks excerpts against seeds/ only for curated sources,
    # and this one is not curated (like the ATOP import's source).
    return Source.objects.create(
        key=SOURCE_KEY, title=SOURCE_TITLE, publisher="alliances", language="en",
        kind=SourceKind.DATASET.value, seed_file="", curated=False,
        notes="Invented records for measuring performance. Nothing in them is true.",
    )


def ensure_states(rng, source):
    """Every state, by code: the existing ones, plus invented ones up to TARGET_STATES."""
    existing = list(State.objects.order_by("code"))
    missing = TARGET_STATES - len(existing)
    if missing <= 0:
        return existing, 0
    used_names = {s.name for s in existing}
    created = []
    for code in free_codes([s.code for s in existing], missing):
        name = state_name(rng)
        while name in used_names:
            name = state_name(rng)
        used_names.add(name)
        state = State(code=code, name=name, curated=False)
        roll = rng.random()
        if roll < 0.03:
            state.nuclear_status = NuclearStatus.NUCLEAR_ARMED_OUTSIDE_NPT.value
            state.nuclear_since_on = datetime.date(rng.randint(1950, 2010), 1, 1)
            state.nuclear_since_precision = DatePrecision.YEAR.value
            state.nuclear_source = source
        elif roll < 0.7:
            state.nuclear_status = NuclearStatus.NONE.value
        created.append(state)
    State.objects.bulk_create(created, batch_size=BATCH_SIZE)
    return sorted(existing + created, key=lambda s: s.code), len(created)


def write(batch, counts):
    for name, model in Batch.ORDER:
        rows = getattr(batch, name)
        # bulk_create: no save() signals, hence no history rows (see the module docstring).
        model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
        counts[model._meta.model_name] += len(rows)


def check_count(pacts):
    if isinstance(pacts, bool) or not isinstance(pacts, int) or pacts < 1:
        raise DemoError(_("The number of pacts must be a whole number, at least 1, not %(value)s.") % {"value": pacts})


def generate(pacts: int, seed: int = 1, progress=None) -> dict[str, int]:
    """Add `pacts` invented pacts and everything under them; returns the number of rows
    created per model (keyed by model name). All or nothing: one transaction."""
    check_count(pacts)
    progress = progress or (lambda done, total: None)
    rng = random.Random(seed)
    counts = {"source": 1, "state": 0, **{model._meta.model_name: 0 for _name, model in Batch.ORDER}}
    with transaction.atomic():
        if already_generated():
            raise DemoError(_(
                "The database already holds demonstration data (keys beginning with “%(prefix)s”); "
                "nothing was added. Generate into a fresh database."
            ) % {"prefix": PREFIX})
        source = create_source()
        states, counts["state"] = ensure_states(rng, source)
        width = slug_width(pacts)
        for start in range(1, pacts + 1, CHUNK):
            batch = Batch()
            for number in range(start, min(pacts, start + CHUNK - 1) + 1):
                plan_pact(rng, number, width, states, source, batch)
            write(batch, counts)
            progress(min(pacts, start + CHUNK - 1), pacts)
        refresh_sort_keys()  # bulk_create sends no signals
    return counts
