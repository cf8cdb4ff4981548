"""The coded dimensions of a commitment, declared once.

Each dimension says what it is called, which stored field holds it (if one does), which
free text completes it (the named area, the named adversary), which coding note carries
its excerpt, and how it is filtered. From DIMENSIONS come the matrix's coded columns and
so its exports (tables/commitments.py), the rows of the side-by-side view
(views/compare.py), the commitment filters (filtersets.py) and the sort and filter indexes
of the commitment (models/commitments.py).
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import (
    AdversaryScope,
    Automaticity,
    CodedDimension,
    CommitmentType,
    Condition,
    Immediacy,
    Means,
    ObligationKind,
    TriggerEvent,
    TriggerScope,
    label_of,
)


class Words:
    """Where the texts below get labels and translations: the request's language. A table
    passes itself instead, which translates each label and message once per page."""

    label = staticmethod(label_of)
    gettext = staticmethod(gettext)


WORDS = Words()


class Dimension:
    """A coded value of a commitment.

    name: the matrix column's name (and its sort in the address);
    label: its header, and the row's label side by side;
    note: the CodedDimension whose coding note gives its excerpt and rationale;
    field, choices: the stored choice and its vocabulary (None where no one field holds it);
    detail: a free-text field written after the value ("a named area: the Pacific");
    filter_name, filter_label: its filter in the address and the form, if it has one;
    filter_on: what the filter compares: "value" (any of the chosen values), "detail"
    (words in the detail, of the commitments whose value is `named`).
    """

    def __init__(self, name, label, *, note=None, field=None, choices=None, detail=None, filter_name=None,
                 filter_label=None, filter_on="value", named=None):
        self.name, self.label, self.note = name, label, note
        self.field, self.choices, self.detail = field, choices, detail
        self.filter_name, self.filter_label, self.filter_on, self.named = filter_name, filter_label, filter_on, named

    def __repr__(self):
        return f"<Dimension {self.name}>"

    @property
    def sortable(self):
        return self.field is not None

    def text(self, commitment, words=WORDS):
        """This dimension of a commitment as plain text: its value's label, then its detail."""
        return with_detail(words.label(self.choices, getattr(commitment, self.field)),
                           getattr(commitment, self.detail) if self.detail else "", words)


def with_detail(value, detail, words=WORDS):
    """A coded value's text followed by its detail, if any."""
    return words.gettext("%(value)s: %(detail)s") % {"value": value, "detail": detail} if detail else value


class LegalReferences(Dimension):
    """The legal references a commitment makes: two facts, not one stored choice."""

    def text(self, commitment, words=WORDS):
        return legal_references(commitment.cites_un_article_51, commitment.reports_to_security_council, words)


def legal_references(cites_un_article_51, reports_to_security_council, words=WORDS):
    refs = []
    if cites_un_article_51:
        refs.append(words.gettext("UN Charter Article 51"))
    if reports_to_security_council:
        refs.append(words.gettext("reports to the Security Council"))
    return "; ".join(refs) or words.gettext("none")


class Conditions(Dimension):
    """The conditions on the obligation: rows of their own, each with its own excerpt."""

    def text(self, commitment, words=WORDS):
        """With the commitment's conditions prefetched."""
        return conditions_text([(c.condition, c.detail) for c in commitment.conditions.all()], words)


def conditions_text(conditions, words=WORDS):
    """(condition, detail) pairs as one text, "none" without any."""
    return "; ".join(with_detail(words.label(Condition, condition), detail, words) for condition, detail in conditions) \
        or words.gettext("none")


TYPE = Dimension("commitment_type", _("Type"), note=CodedDimension.TYPE, field="commitment_type",
                 choices=CommitmentType, filter_name="commitment_type", filter_label=_("Type of obligation"))
TRIGGER_EVENT = Dimension("trigger_event", _("Trigger"), note=CodedDimension.TRIGGER_EVENT, field="trigger_event",
                          choices=TriggerEvent, filter_name="trigger_event", filter_label=_("Trigger event"))
TRIGGER_SCOPE = Dimension("trigger_scope", _("Where"), note=CodedDimension.TRIGGER_SCOPE, field="trigger_scope",
                          choices=TriggerScope, detail="named_area", filter_name="trigger_scope", filter_label=_("Where"))
ADVERSARY = Dimension("adversary_scope", _("Against whom"), note=CodedDimension.ADVERSARY, field="adversary_scope",
                      choices=AdversaryScope, detail="named_adversary", filter_name="adversary",
                      filter_label=_("Named adversary"), filter_on="detail", named=AdversaryScope.NAMED)
CONDITIONS = Conditions("conditions", _("Conditions"), choices=Condition, filter_name="condition",
                        filter_label=_("Conditions (any of)"))
OBLIGATION = Dimension("obligation", _("Obligation"), note=CodedDimension.OBLIGATION, field="obligation",
                       choices=ObligationKind, filter_name="obligation", filter_label=_("Obligation"))
AUTOMATICITY = Dimension("automaticity", _("Automaticity"), note=CodedDimension.AUTOMATICITY, field="automaticity",
                         choices=Automaticity, filter_name="automaticity", filter_label=_("Automaticity"))
IMMEDIACY = Dimension("immediacy", _("Timing"), note=CodedDimension.IMMEDIACY, field="immediacy",
                      choices=Immediacy, filter_name="immediacy", filter_label=_("Timing"))
MEANS = Dimension("means", _("Means"), note=CodedDimension.MEANS, field="means", choices=Means)
LEGAL = LegalReferences("legal", _("Legal references"), note=CodedDimension.LEGAL_REFERENCES)

# In the order the matrix shows them.
DIMENSIONS = (TYPE, TRIGGER_EVENT, TRIGGER_SCOPE, ADVERSARY, CONDITIONS, OBLIGATION, AUTOMATICITY, IMMEDIACY, MEANS,
              LEGAL)
