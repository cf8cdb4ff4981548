"""Every coded vocabulary of the project, in one place.

Models, filters, tables and fixtures all use these enums; fixture files store the
enum *values* (the lowercase strings), so renaming a label never breaks the data.
Where a value corresponds to a variable of ATOP 5.1 (Leeds et al.), the mapping sits
beside the enum so the importer and the comparison read it from here.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def label_of(choices, value):
    """The label of a stored value in the language of the request; a value outside the
    vocabulary is shown as it is stored."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class DatePrecision(models.TextChoices):
    """How much of a stored date is known. The stored date is the first day of the
    known period (1996-01-01 with precision YEAR means "some day in 1996")."""

    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


class Multilaterality(models.TextChoices):
    BILATERAL = "bilateral", _("bilateral")
    MULTILATERAL = "multilateral", _("multilateral")


class EndReason(models.TextChoices):
    EXPIRED = "expired", _("expired")
    DENOUNCED = "denounced", _("denounced")
    REPLACED = "replaced", _("replaced")
    TERMINATED = "terminated", _("ended by agreement of the parties")
    LAPSED = "lapsed", _("lapsed")
    NOT_RECORDED = "not_recorded", _("how it ended is not recorded")


class PactStatus(models.TextChoices):
    """Derived from dates, never stored."""

    NOT_SIGNED = "not_signed", _("not yet signed")
    SIGNED = "signed", _("signed, not in force")
    IN_FORCE = "in_force", _("in force")
    ENDED = "ended", _("ended")
    UNKNOWN = "unknown", _("unknown")


class MembershipStatus(models.TextChoices):
    """A state's standing in a pact on a date; derived, never stored."""

    NOT_YET = "not_yet", _("not yet a party")
    PARTY = "party", _("party")
    LEFT = "left", _("has left")
    UNKNOWN = "unknown", _("unknown")


class LinkStatus(models.TextChoices):
    """Whether a directed commitment (A to B) binds on a date; derived, never stored."""

    BINDING = "binding", _("binding")
    SUSPENDED = "suspended", _("suspended")
    NOT_BINDING = "not_binding", _("not binding")
    UNKNOWN = "unknown", _("unknown")


class NuclearStatus(models.TextChoices):
    NONE = "none", _("no nuclear weapons")
    NPT_NUCLEAR_WEAPON_STATE = "npt_nws", _("nuclear-weapon state under the NPT")
    NUCLEAR_ARMED_OUTSIDE_NPT = "armed_non_npt", _("nuclear-armed outside the NPT")
    UNKNOWN = "unknown", _("unknown")


class SourceKind(models.TextChoices):
    TREATY_TEXT = "treaty_text", _("treaty text")
    OFFICIAL_STATEMENT = "official_statement", _("official statement")
    NEWS = "news", _("news")
    REFERENCE = "reference", _("reference work")
    DATASET = "dataset", _("dataset")


class TextStatus(models.TextChoices):
    VERBATIM = "verbatim", _("verbatim text")
    PARTIAL = "partial", _("partial text: only part of it was located")
    NOT_LOCATED = "not_located", _("text not located")


class VersionKind(models.TextChoices):
    AUTHENTIC = "authentic", _("authentic text")
    TRANSLATION = "translation", _("translation")
    AMENDED = "amended", _("amended text")


class ReservationKind(models.TextChoices):
    RESERVATION = "reservation", _("reservation")
    UNDERSTANDING = "understanding", _("understanding")
    DECLARATION = "declaration", _("declaration")


class CommitmentType(models.TextChoices):
    """ATOP 5.1's five obligation types (member-level dummies of the same names)."""

    DEFENSE = "defense", _("defence")
    OFFENSE = "offense", _("offence")
    NEUTRALITY = "neutrality", _("neutrality")
    NON_AGGRESSION = "non_aggression", _("non-aggression")
    CONSULTATION = "consultation", _("consultation")


# Who defends whom: the commitments that promise armed help to the state they protect.
# The others are pledges (not to attack, to stay out, to talk), shown apart and never
# counted as defence, though ATOP and the matrix code them as obligations too.
DEFENCE_TYPES = (CommitmentType.DEFENSE, CommitmentType.OFFENSE)
PLEDGE_TYPES = (CommitmentType.NON_AGGRESSION, CommitmentType.NEUTRALITY, CommitmentType.CONSULTATION)

ATOP_TYPE_VARIABLES = {
    CommitmentType.DEFENSE: "defense",
    CommitmentType.OFFENSE: "offense",
    CommitmentType.NEUTRALITY: "neutral",
    CommitmentType.NON_AGGRESSION: "nonagg",
    CommitmentType.CONSULTATION: "consul",
}


class PartyScope(models.TextChoices):
    """Who is on one side of a commitment: every party of the day, or named states."""

    ALL_PARTIES = "all_parties", _("every party")
    LISTED = "listed", _("listed states")


class CommitmentRole(models.TextChoices):
    OBLIGED = "obliged", _("obliged")
    PROTECTED = "protected", _("protected")


class TriggerEvent(models.TextChoices):
    """What must happen for the obligation to arise (docs/coding-guide.md defines each)."""

    ARMED_ATTACK = "armed_attack", _("armed attack")
    AGGRESSION = "aggression", _("aggression")
    # Stored as "invasion_state_of_war" before the coding guide: the state of war the
    # attack brings about is what sets this trigger apart, whichever noun a translation uses.
    ATTACK_STATE_OF_WAR = "attack_state_of_war", _("armed attack or invasion putting a party in a state of war")
    THREAT_OF_ATTACK = "threat_of_attack", _("threat of attack")
    THREAT_TO_SECURITY = "threat_to_security", _("threat to territorial integrity, independence or security")
    UNSPECIFIED = "unspecified", _("not specified")


class TriggerScope(models.TextChoices):
    PARTY_TERRITORY = "party_territory", _("a party's territory")
    PARTY_TERRITORY_OR_FORCES = "territory_or_forces", _("a party's territory or forces")
    NAMED_AREA = "named_area", _("a named area")
    ANYWHERE = "anywhere", _("anywhere")
    UNSPECIFIED = "unspecified", _("not specified")


class AdversaryScope(models.TextChoices):
    ANY_STATE = "any_state", _("any state")
    NAMED = "named", _("named adversary")
    UNSPECIFIED = "unspecified", _("not specified")


class Condition(models.TextChoices):
    """Conditions on an obligation. All but the last mirror ATOP's DEFCO*/OFFCO* suffixes."""

    SPECIFIC_ADVERSARY = "specific_adversary", _("specific adversary")
    LOCATION = "location", _("conflict in a specific location")
    SPECIFIC_CONFLICT = "specific_conflict", _("a specific ongoing conflict")
    NUMBER_OF_ADVERSARIES = "number_of_adversaries", _("number of adversaries")
    DEMANDS_MET = "demands_met", _("demands met")
    NON_PROVOCATION = "non_provocation", _("non-provocation")
    REQUEST_BY_ATTACKED = "request_by_attacked", _("request by the attacked party")


ATOP_CONDITION_SUFFIXES = {
    Condition.SPECIFIC_ADVERSARY: "adv",
    Condition.LOCATION: "loc",
    Condition.SPECIFIC_CONFLICT: "con",
    Condition.NUMBER_OF_ADVERSARIES: "num",
    Condition.DEMANDS_MET: "dem",
    Condition.NON_PROVOCATION: "npr",
    Condition.REQUEST_BY_ATTACKED: "req",
}
# ATOP codes the conditions member by member, per obligation type: the type's prefix and the
# condition's suffix name the variable (DEFCOLOC, CONCOREQ). ATOP has a variable only for
# the conditions listed under each type (codebook, DEFCON to CONCOREQ); NONAGG has none, and
# NEUCOATT (neutrality if the ally is attacked) and OLIMOB (any other condition) have no
# counterpart here.
ATOP_CONDITION_PREFIXES = {
    CommitmentType.DEFENSE: "defco",
    CommitmentType.OFFENSE: "offco",
    CommitmentType.NEUTRALITY: "neuco",
    CommitmentType.CONSULTATION: "conco",
}
_CONFLICT = (Condition.SPECIFIC_ADVERSARY, Condition.LOCATION, Condition.SPECIFIC_CONFLICT)
_DEMANDS = (Condition.NUMBER_OF_ADVERSARIES, Condition.DEMANDS_MET)
ATOP_TYPE_CONDITIONS = {
    CommitmentType.DEFENSE: (*_CONFLICT, *_DEMANDS, Condition.NON_PROVOCATION),
    CommitmentType.OFFENSE: (*_CONFLICT, *_DEMANDS),
    CommitmentType.NEUTRALITY: (*_CONFLICT, *_DEMANDS, Condition.NON_PROVOCATION),
    CommitmentType.CONSULTATION: (*_CONFLICT, Condition.REQUEST_BY_ATTACKED),
}


def atop_condition_variable(kind, condition):
    """ATOP's member-level variable for a condition on an obligation type ("defcoloc"), or
    None where ATOP has none."""
    if condition not in ATOP_TYPE_CONDITIONS.get(kind, ()):
        return None
    return ATOP_CONDITION_PREFIXES[kind] + ATOP_CONDITION_SUFFIXES[condition]


class ObligationKind(models.TextChoices):
    """What kind of help is promised; how much of it ("all the means") is the means, how
    soon the immediacy. ATOP has no variable for this: its DEFENSE type covers every value
    down to FORCES_MAY_BE_USED, NEUTRAL covers NON_ASSISTANCE, NONAGG REFRAIN_FROM_FORCE and
    CONSUL CONSULTATION_ONLY (see ATOP_TYPE_VARIABLES)."""

    MILITARY_ASSISTANCE = "military_assistance", _("military assistance")
    # Stored as "all_means" before the coding guide, which moved "by all means" to the means.
    AID_AND_ASSISTANCE = "aid_and_assistance", _("aid and assistance, military help not named")
    ACTION_DEEMED_NECESSARY = "action_deemed_necessary", _("such action as it deems necessary")
    ACT_TO_MEET_DANGER = "act_to_meet_danger", _("act to meet the common danger")
    FORCES_MAY_BE_USED = "forces_may_be_used", _("its forces may be used (no duty to act)")
    CONSULTATION_ONLY = "consultation_only", _("consultation only")
    NON_ASSISTANCE = "non_assistance", _("no assistance to the attacker")
    REFRAIN_FROM_FORCE = "refrain_from_force", _("refrain from the use of force")
    UNSPECIFIED = "unspecified", _("not specified")


class Automaticity(models.TextChoices):
    AUTOMATIC = "automatic", _("automatic")
    DISCRETIONARY = "discretionary", _("discretionary")
    CONSULT_FIRST = "consult_first", _("consultation first")
    CONSTITUTIONAL_PROCESSES = "constitutional_processes", _("subject to constitutional processes")
    UNSPECIFIED = "unspecified", _("not specified")


class LinkKind(models.TextChoices):
    """What a directed link is drawn as in the commitment network: a defence commitment by
    its automaticity, the other types as they are (pictures.kinds.kind_of decides)."""

    AUTOMATIC_DEFENCE = "automatic_defence", _("automatic defence")
    DISCRETIONARY_DEFENCE = "discretionary_defence", _("discretionary defence")
    DEFENCE_NOT_CODED = "defence_not_coded", _("defence, automaticity not coded")
    OFFENCE = "offence", _("offence")
    NEUTRALITY = "neutrality", _("neutrality")
    CONSULTATION = "consultation", _("consultation")
    NON_AGGRESSION = "non_aggression", _("non-aggression")


class Immediacy(models.TextChoices):
    IMMEDIATELY = "immediately", _("immediately")
    WITHOUT_DELAY = "without_delay", _("without delay")
    NONE = "none", _("no time stated")


class Means(models.TextChoices):
    ALL_MEANS_AT_DISPOSAL = "all_means_at_disposal", _("all means at its disposal")
    INCLUDING_ARMED_FORCE = "including_armed_force", _("including the use of armed force")
    MILITARY_AND_OTHER = "military_and_other", _("military and other assistance")
    UNSPECIFIED = "unspecified", _("not specified")


class CodedDimension(models.TextChoices):
    """The coded fields of a commitment that carry their own provenance."""

    TYPE = "type", _("type")
    TRIGGER_EVENT = "trigger_event", _("trigger event")
    TRIGGER_SCOPE = "trigger_scope", _("where")
    ADVERSARY = "adversary", _("against whom")
    OBLIGATION = "obligation", _("obligation")
    AUTOMATICITY = "automaticity", _("automaticity")
    IMMEDIACY = "immediacy", _("immediacy")
    MEANS = "means", _("means")
    LEGAL_REFERENCES = "legal_references", _("legal references")


class Confidence(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


class InvocationKind(models.TextChoices):
    INVOCATION = "invocation", _("invocation")
    CONSULTATION = "consultation", _("consultation request")
    ASSISTANCE_REQUEST = "assistance_request", _("request for assistance")
    APPLICATION = "application", _("application of the pact")


class InvocationOutcome(models.TextChoices):
    RECOGNISED = "recognised", _("obligation recognised as applying")
    ASSISTANCE_GIVEN = "assistance_given", _("assistance given")
    CONSULTATIONS_HELD = "consultations_held", _("consultations held")
    REFUSED = "refused", _("refused or not met")
    PARTIAL = "partial", _("partly met")
    PENDING = "pending", _("pending")
    UNKNOWN = "unknown", _("unknown")


class Verdict(models.TextChoices):
    HOLDS = "holds", _("holds")
    PARTLY = "partly", _("partly holds")
    DOES_NOT_HOLD = "does_not_hold", _("does not hold")
    UNVERIFIED = "unverified", _("not yet verified")


# How much an obligation asks of the obliged party, strongest first. The pact list uses it
# to show the strongest and weakest commitment of a pact whose commitments differ.
OBLIGATION_STRENGTH = [
    ObligationKind.MILITARY_ASSISTANCE,
    ObligationKind.AID_AND_ASSISTANCE,
    ObligationKind.ACTION_DEEMED_NECESSARY,
    ObligationKind.ACT_TO_MEET_DANGER,
    ObligationKind.FORCES_MAY_BE_USED,
    ObligationKind.CONSULTATION_ONLY,
    ObligationKind.NON_ASSISTANCE,
    ObligationKind.REFRAIN_FROM_FORCE,
]
# Obligations that bind the obliged party to do nothing: a commitment coded so never makes a
# state "committed to defend" another (the 1951 US–Japan treaty lets US forces be used).
DUTY_FREE_OBLIGATIONS = (ObligationKind.FORCES_MAY_BE_USED,)
# Where a pact sorts by strongest obligation: an obligation outside that list ranks after
# it (an obligation "not specified" among them), a pact with no coded commitment after
# every coded one.
UNRANKED_OBLIGATION = len(OBLIGATION_STRENGTH)
NO_COMMITMENT_RANK = UNRANKED_OBLIGATION + 1


class PartyMatch(models.TextChoices):
    ANY = "any", _("any of them")
    ALL = "all", _("all of them")


class YesNo(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (XLSX)")
    JSON = "json", _("JSON")


class LookupAnswer(models.TextChoices):
    YES = "yes", _("yes")
    CONDITIONALLY = "conditionally", _("conditionally")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("the data cannot say")


class Origin(models.TextChoices):
    CURATED = "curated", _("curated")
    ATOP_ONLY = "atop", _("ATOP only")


def condition_dimension(kind, condition):
    """The compared dimension of one condition on one obligation type ("defense-location")."""
    return f"{kind}-{condition}"


# What atop_compare.compare_with_atop sets side by side with ATOP 5.1's coding: the pact's
# dates, members and types, then each condition on each type (whether either side codes it).
AtopDimension = models.TextChoices("AtopDimension", [
    ("BEGAN", ("began", _("began (signature)"))),
    ("ENDED", ("ended", _("ended (by the end of 2018)"))),
    ("MEMBERS", ("members", _("members"))),
    ("TYPES", ("types", _("obligation types"))),
    *[
        (f"{kind.name}_{condition.name}", (
            condition_dimension(kind, condition),
            format_lazy(_("condition on {type}: {condition}"), type=kind.label, condition=condition.label),
        ))
        for kind in CommitmentType for condition in Condition
    ],
])


class DisagreementStatus(models.TextChoices):
    """Where a difference from ATOP stands: explained, or left for a reviewer."""

    EXPLAINED = "explained", _("explained")
    FOR_REVIEW = "for_review", _("marked for review")


class Depth(models.TextChoices):
    """ATOP 5.1's depth of commitment (alliance-level MILAID, INTCOM, BASE); each value is
    the name of AtopPhase's field for it."""

    MILITARY_AID = "milaid", _("military aid")
    INTEGRATED_COMMAND = "intcom", _("integrated command")
    BASES = "base", _("bases or troop placements")


def decades():
    """The decades a pact can be signed in, as filter choices (called when shown, so the
    labels are in the language of the request)."""
    label = gettext("%(decade)ds")
    return [(str(year), label % {"decade": year}) for year in range(1810, 2030, 10)]
