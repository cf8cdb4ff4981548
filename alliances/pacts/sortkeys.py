"""The values the pact list sorts on that are counted over other rows, kept on each pact.

Sorting 10,000 pacts by number of parties or by strongest obligation meant counting them
for every pact at each request (5-20 ms); kept on the pact (Pact.sort_*, indexed), a page
of that sort is read along an index like any other. They must never fall behind:

- saving or deleting a party, an invocation or a commitment refreshes its pact (and the
  pact it left, if it moved), through the signals connected in PactsConfig.ready;
- writers of many rows (the fixture loader, the ATOP import) work inside
  `refreshed_once()`, which recounts every pact they touched once, at the end, inside
  their transaction; a restored backup recounts every pact that way (its rows may hold
  any values), and the demo generator, whose bulk inserts send no signals, calls
  refresh_sort_keys() for every pact before its transaction ends;
- Pact.save() leaves them out of its UPDATE: a pact read before its parties changed would
  otherwise write its old counts back.

tests/test_sort_keys.py compares them with a fresh count after each of those paths. The
pages show live counts; only the order reads these.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save, pre_save

from .choices import NO_COMMITMENT_RANK
from .models import Commitment, Invocation, Pact, Party
from .strength import obligation_rank_expression

COUNTED = (Party, Invocation, Commitment)
# Inside refreshed_once(): the pacts touched so far, recounted when the block ends, or
# EVERY_PACT when the block recounts them all.
_touched = ContextVar("sort_keys_touched", default=None)
EVERY_PACT = "every pact"


def count_of(model, **filters):
    """The number of `model` rows of the outer query's pact, 0 if none."""
    counted = (
        model.objects.filter(pact=OuterRef("pk"), **filters)
        .order_by()
        .values("pact")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def sort_key_values():
    """Each kept value as an expression over the outer query's pact."""
    strongest = (
        Commitment.objects.filter(pact=OuterRef("pk")).annotate(rank=obligation_rank_expression()).order_by("rank").values("rank")[:1]
    )
    return {
        "sort_parties": count_of(Party),
        "sort_invocations": count_of(Invocation),
        "sort_strongest": Coalesce(Subquery(strongest, output_field=IntegerField()), NO_COMMITMENT_RANK),
    }


def refresh_sort_keys(pact_ids=None, using="default"):
    """Recount the kept values of these pacts (all pacts if None) in one UPDATE."""
    pacts = Pact.objects.using(using)
    if pact_ids is not None:
        pact_ids = [pk for pk in pact_ids if pk is not None]
        if not pact_ids:
            return
        pacts = pacts.filter(pk__in=pact_ids)
    pacts.update(**sort_key_values())


@contextmanager
def refreshed_once(using="default", every_pact=False):
    """Within the block, saves and deletes only note their pacts; those (or, with
    every_pact, all pacts) are recounted in one UPDATE when the block ends without error.
    Use it inside the writer's transaction."""
    touched = EVERY_PACT if every_pact else set()
    token = _touched.set(touched)
    try:
        yield
    finally:
        _touched.reset(token)
    refresh_sort_keys(None if every_pact else touched, using)


def _changed(pact_ids, using):
    touched = _touched.get()
    if touched is None:
        refresh_sort_keys(pact_ids, using)
    elif touched is not EVERY_PACT:
        touched.update(pact_ids)


def _remember_pact(sender, instance, using="default", **kwargs):
    """Before a save, the pact the row belonged to: an edit may move it to another pact.
    Not needed for a new row, nor when every pact will be recounted anyway."""
    previous = None
    if instance.pk is not None and _touched.get() is not EVERY_PACT:
        previous = sender._base_manager.using(using).filter(pk=instance.pk).values_list("pact_id", flat=True).first()
    instance._sort_keys_previous_pact = previous


def _refresh_after_save(sender, instance, using="default", **kwargs):
    _changed({instance.pact_id, getattr(instance, "_sort_keys_previous_pact", None)}, using)


def _refresh_after_delete(sender, instance, using="default", **kwargs):
    _changed({instance.pact_id}, using)


def connect_signals():
    for model in COUNTED:
        uid = f"sort-keys-{model._meta.label_lower}"
        pre_save.connect(_remember_pact, sender=model, dispatch_uid=uid)
        post_save.connect(_refresh_after_save, sender=model, dispatch_uid=uid)
        post_delete.connect(_refresh_after_delete, sender=model, dispatch_uid=uid)
