"""How much an obligation asks of the obliged party: one rank per obligation kind, read in
Python (a pact's headline, its strongest commitment in exports) and in the database (the
kept sort value, sortkeys.py). The order itself is choices.OBLIGATION_STRENGTH."""

from django.db.models import Case, IntegerField, Value, When

from .choices import OBLIGATION_STRENGTH, UNRANKED_OBLIGATION

OBLIGATION_RANK = {kind: rank for rank, kind in enumerate(OBLIGATION_STRENGTH)}


def obligation_rank(obligation):
    """0 for the strongest obligation, growing as obligations weaken; an unlisted one
    ranks after every listed one."""
    return OBLIGATION_RANK.get(obligation, UNRANKED_OBLIGATION)


def obligation_rank_expression(field="obligation"):
    """obligation_rank of a row's `field`, as a database expression."""
    return Case(
        *[When(**{field: kind}, then=Value(rank)) for kind, rank in OBLIGATION_RANK.items()],
        default=Value(UNRANKED_OBLIGATION),
        output_field=IntegerField(),
    )


def strongest(commitments):
    """The commitment with the strongest obligation (the first of equals), or None."""
    return min(commitments, key=lambda c: obligation_rank(c.obligation), default=None)
