"""Side-by-side comparison of chosen pacts, and word-by-word diffs of clause texts."""

from django import forms
from django.contrib import messages
from django.core.validators import slug_re
from django.db.models import Prefetch, Q
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..articles import article_label
from ..atop_compare import compare_with_atop
from ..dimensions import DIMENSIONS
from ..models import Clause, ClauseVersion, CodingNote, Commitment, CommitmentCondition, Pact
from ..textdiff import LENGTH, MAX_CHARACTERS, WORK, most_similar, word_diff
from .lists import MatrixView

MAX_SIDE_BY_SIDE = 6
MAX_NAMED = 50  # pacts named in one address that are looked up at all
# What a diff says when it met one of the bounds on its cost (textdiff).
BOUND_MESSAGES = {
    LENGTH: gettext_lazy(
        "These texts are long: only the first %(characters)s characters of each are compared, "
        "and the similarity is theirs."
    ),
    WORK: gettext_lazy(
        "These texts repeat the same words so often that comparing them fully would take too long: "
        "some passages are shown as replaced although they may share words, and the similarity "
        "is at least the score shown."
    ),
}


class ChoosePactsForm(forms.Form):
    pacts = forms.MultipleChoiceField(label=gettext_lazy("Pacts to compare"), choices=())

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Offered: the curated pacts and those the address names. Listing every pact would
        # put thousands of options in the page; any pact can be named from the pact list.
        named = [slug for slug in data.getlist("pacts")[:MAX_NAMED] if slug_re.match(slug)]
        self.fields["pacts"].choices = list(
            Pact.objects.filter(Q(curated=True) | Q(slug__in=named))
            .order_by("signed_on", "slug")
            .values_list("slug", "short_name")
        )


class SideBySideView(TemplateView):
    template_name = "pacts/compare_side.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ChoosePactsForm(self.request.GET)
        chosen = []
        if form.is_valid():
            chosen = form.cleaned_data["pacts"][:MAX_SIDE_BY_SIDE]
            if len(form.cleaned_data["pacts"]) > MAX_SIDE_BY_SIDE:
                messages.warning(self.request, _("At most %(n)d pacts can stand side by side; the first %(n)d are shown.") % {"n": MAX_SIDE_BY_SIDE})
        else:
            messages.error(self.request, _("Some chosen pacts are unknown: %(errors)s") % {"errors": " ".join(form.errors.get("pacts", []))})
        pacts = list(
            Pact.objects.filter(slug__in=chosen).prefetch_related(
                Prefetch(
                    "commitments",
                    queryset=Commitment.objects.select_related("clause").prefetch_related(
                        Prefetch("notes", queryset=CodingNote.objects.select_related("excerpt__source")),
                        Prefetch("conditions", queryset=CommitmentCondition.objects.all()),
                    ),
                ),
                Prefetch(
                    "clauses__versions", queryset=ClauseVersion.objects.select_related("source").order_by("language", "label")
                ),
                "parties__state",
                "atop_phases__members__state",
                "atop_disagreements",
            )
        )
        pacts.sort(key=lambda p: chosen.index(p.slug))
        # A row per coded dimension, as the matrix has a column for each.
        rows = [
            {"label": dimension.label,
             "cells": [[(article_label(c.clause.label), dimension.text(c)) for c in p.commitments.all()] for p in pacts]}
            for dimension in DIMENSIONS
        ]
        context.update(
            form=form, pacts=pacts, rows=rows, texts=[self._texts(p) for p in pacts],
            atop=[compare_with_atop(p) if p.curated else [] for p in pacts],
        )
        return context

    @staticmethod
    def _texts(pact):
        coded = {c.clause_id for c in pact.commitments.all()}
        return [clause for clause in pact.clauses.all() if clause.pk in coded]


def CompareView(request, *args, **kwargs):
    """`/compare/` is the matrix; with chosen pacts (`?pacts=a&pacts=b`) it is the side-by-side view."""
    if "pacts" in request.GET:
        return SideBySideView.as_view()(request, *args, **kwargs)
    return MatrixView.as_view()(request, *args, **kwargs)


def _version(value):
    try:
        return (
            ClauseVersion.objects.select_related("clause__pact", "source")
            .prefetch_related("clause__versions")
            .get(pk=int(value))
        )
    except (TypeError, ValueError, OverflowError, ClauseVersion.DoesNotExist):
        return None


class DiffView(TemplateView):
    """`/diff/?a=<text>&b=<text>`: two clause texts word by word. Without `b`, the text
    closest to `a` in the same language, in another curated pact, is chosen."""

    template_name = "pacts/diff.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        a = _version(self.request.GET.get("a"))
        b = _version(self.request.GET.get("b"))
        if a is None:
            messages.error(self.request, _("Choose a clause text to compare: the address names none that exists."))
            return context
        # Candidates are the curated pacts' texts: those are the texts checked against
        # their sources, and their number does not grow with the pacts imported or added.
        # Read from the curated pacts down (pacts, their clauses, their texts), so that the
        # database never scans every clause text.
        curated_clauses = Clause.objects.filter(pact__in=Pact.objects.filter(curated=True))
        candidates = (
            ClauseVersion.objects.filter(language=a.language, clause__in=curated_clauses)
            .exclude(clause__pact=a.clause.pact)
            .exclude(text="")
            .select_related("clause__pact")
        )
        similar = most_similar(a.text, list(candidates)) if a.text else []
        if b is None and "b" in self.request.GET:
            messages.error(self.request, _("The second text named in the address does not exist."))
        if b is None and similar:
            b = similar[0][1]
        context.update(a=a, b=b, similar=similar)
        if b is None:
            return context
        if a.language != b.language:
            messages.warning(
                self.request,
                _("These texts are in different languages (%(a)s and %(b)s); choose versions in the same language to compare them word by word.")
                % {"a": a.language, "b": b.language},
            )
        elif a.text and b.text:
            comparison = word_diff(a.text, b.text)
            context.update(segments=comparison.segments, ratio=comparison.ratio)
            if comparison.bound:
                messages.warning(self.request, BOUND_MESSAGES[comparison.bound]
                                 % {"characters": number_format(MAX_CHARACTERS, force_grouping=True)})
        return context
