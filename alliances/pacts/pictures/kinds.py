"""What kind of link a commitment makes, as the network draws it (choices.LinkKind)."""

from ..choices import Automaticity, CommitmentType, LinkKind

# Defence that is not automatic is left to the obliged state: its discretion, a
# consultation first, or its constitutional processes.
DEFENCE_BY_AUTOMATICITY = {
    Automaticity.AUTOMATIC: LinkKind.AUTOMATIC_DEFENCE,
    Automaticity.DISCRETIONARY: LinkKind.DISCRETIONARY_DEFENCE,
    Automaticity.CONSULT_FIRST: LinkKind.DISCRETIONARY_DEFENCE,
    Automaticity.CONSTITUTIONAL_PROCESSES: LinkKind.DISCRETIONARY_DEFENCE,
    Automaticity.UNSPECIFIED: LinkKind.DEFENCE_NOT_CODED,
}
OTHER_TYPES = {
    CommitmentType.OFFENSE: LinkKind.OFFENCE,
    CommitmentType.NEUTRALITY: LinkKind.NEUTRALITY,
    CommitmentType.CONSULTATION: LinkKind.CONSULTATION,
    CommitmentType.NON_AGGRESSION: LinkKind.NON_AGGRESSION,
}

# Strongest first: where one pair of states is linked in several ways, the network lists
# them in this order.
ORDER = list(LinkKind)

# Okabe and Ito's colour-blind-safe palette, one colour per kind.
COLOURS = {
    LinkKind.AUTOMATIC_DEFENCE: "#d55e00",
    LinkKind.DISCRETIONARY_DEFENCE: "#e69f00",
    LinkKind.DEFENCE_NOT_CODED: "#cc79a7",
    LinkKind.OFFENCE: "#000000",
    LinkKind.NEUTRALITY: "#009e73",
    LinkKind.CONSULTATION: "#0072b2",
    LinkKind.NON_AGGRESSION: "#56b4e9",
}


def kind_of(commitment):
    """The kind of link `commitment` makes between the states it binds."""
    if commitment.commitment_type == CommitmentType.DEFENSE:
        return DEFENCE_BY_AUTOMATICITY.get(commitment.automaticity, LinkKind.DEFENCE_NOT_CODED)
    return OTHER_TYPES[commitment.commitment_type]
