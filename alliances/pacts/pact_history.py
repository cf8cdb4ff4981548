"""A pact's edit history: the edits to the pact and to its clauses, clause texts,
commitments (their conditions and named sides) and parties, in one list, newest first,
each saying who made it, what it changed and why.

Read in one query per kind of record, however many edits there are: the historical rows
of a pact's records are found by the pact (or by the ids its clauses and commitments ever
had, as a subquery, so that edits to a record since deleted stay listed), and what an
edit changed is worked out in Python from the row before it.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .articles import article_label
from .edit_reasons import describe, reverted_to
from .models import Clause, ClauseVersion, Commitment, CommitmentCondition, CommitmentSide, Pact, Party

SHOWN_VALUE = 60  # characters of an old or new value shown; longer texts are cut


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class Entry:
    record: object
    kind: str
    label: str
    changes: list = field(default_factory=list)
    reason: str = ""

    @property
    def date(self):
        return self.record.history_date

    @property
    def user(self):
        return self.record.history_user

    @property
    def action(self):
        return self.record.get_history_type_display()


def _records(pact):
    clause_ids = Clause.history.filter(pact_id=pact.pk).values("id")
    commitment_ids = Commitment.history.filter(pact_id=pact.pk).values("id")
    return {
        Pact: Pact.history.filter(id=pact.pk).select_related("history_user"),
        Clause: Clause.history.filter(pact_id=pact.pk).select_related("history_user"),
        ClauseVersion: ClauseVersion.history.filter(clause_id__in=clause_ids).select_related("history_user"),
        Commitment: Commitment.history.filter(pact_id=pact.pk).select_related("history_user"),
        CommitmentCondition: CommitmentCondition.history.filter(commitment_id__in=commitment_ids).select_related(
            "history_user"
        ),
        CommitmentSide: CommitmentSide.history.filter(commitment_id__in=commitment_ids).select_related(
            "history_user", "state"
        ),
        Party: Party.history.filter(pact_id=pact.pk).select_related("history_user", "state"),
    }


def _shown(field, value):
    if value is None or value == "":
        return "—"
    if field.choices:
        value = dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return Truncator(str(value)).chars(SHOWN_VALUE)


def _changes(fields, before, after):
    changes = []
    for model_field in fields:
        old, new = getattr(before, model_field.attname), getattr(after, model_field.attname)
        if old == new:
            continue
        if model_field.is_relation:
            # The ids of related records say nothing to a reader; the edit is named.
            changes.append(Change(str(model_field.verbose_name), "", ""))
        else:
            changes.append(Change(str(model_field.verbose_name), _shown(model_field, old), _shown(model_field, new)))
    return changes


def edit_history(pact, limit=50):
    """(the latest `limit` entries of the pact's edit history, how many entries there are)."""
    rows = {model: list(query.order_by("history_date", "history_id")) for model, query in _records(pact).items()}
    clause_labels = {r.id: article_label(r.label) for r in rows[Clause]}
    commitment_keys = {r.id: r.key for r in rows[Commitment]}

    def label(model, r):
        if model is Pact:
            return r.short_name
        if model is Clause:
            return article_label(r.label)
        if model is ClauseVersion:
            return f"{clause_labels.get(r.clause_id, '?')} ({r.label})"
        if model is Commitment:
            return r.key
        if model is CommitmentCondition:
            return f"{commitment_keys.get(r.commitment_id, '?')}: {r.get_condition_display()}"
        if model is CommitmentSide:
            return f"{commitment_keys.get(r.commitment_id, '?')}: {r.get_role_display()} {r.state.name if r.state else '?'}"
        return r.state.name if r.state else "?"

    entries = []
    for model, records in rows.items():
        if not records:
            continue
        fields = [f for f in records[0].tracked_fields if f.editable and not f.primary_key]
        by_version = {r.history_id: r for r in records}
        previous = {}
        for r in records:
            before = previous.get(r.id)
            previous[r.id] = r
            target_id, _text = reverted_to(r.history_change_reason)
            entries.append(
                Entry(
                    record=r,
                    kind=str(model._meta.verbose_name),
                    label=label(model, r),
                    changes=_changes(fields, before, r) if before is not None and r.history_type == "~" else [],
                    reason=describe(r.history_change_reason, by_version.get(target_id)) if r.history_change_reason else "",
                )
            )
    entries.sort(key=lambda e: (e.record.history_date, e.record.history_id), reverse=True)
    return entries[:limit], len(entries)
