"""Side-by-side comparison of chosen pacts, and word-by-word diffs of clause texts."""

from django import forms
from django.contrib import messages
from django.core.validators import slug_re
from django.db.models import Prefetch
from django.utils.cache import patch_vary_headers
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from ..articles import article_label
from ..atop_compare import compare_with_atop
from ..choices import label_of
from ..dimensions import DIMENSIONS, TYPE
from ..models import Clause, ClauseVersion, CodingNote, Commitment, CommitmentCondition, Pact
from ..textdiff import LENGTH, MAX_CHARACTERS, WORK, most_similar, two_columns, word_diff
from ..textsearch import matching_pacts, search_terms
from .lists import MatrixView

MAX_SIDE_BY_SIDE = 6
MAX_NAMED = 50  # pacts named in one address that are looked up at all
MAX_FOUND = 20  # pacts a search lists
MAX_SEARCH = 200  # characters of a search
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


class FindForm(forms.Form):
    """A search for pacts (textsearch.matching_pacts reads it)."""

    find = forms.CharField(label=gettext_lazy("Search the pacts"), required=False, max_length=MAX_SEARCH)


def refused_search(form):
    """What to tell the user of a search the form refused."""
    return _("The search was not run: %(errors)s") % {"errors": " ".join(form.errors["find"])}


class ChoosePactsForm(FindForm):
    pacts = forms.MultipleChoiceField(label=gettext_lazy("Pacts to compare"), choices=(), required=False)
    field_order = ["pacts", "find"]

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        # Offered: the pacts the address names, whichever they are (curated or imported);
        # others are added by searching.
        named = [slug for slug in data.getlist("pacts")[:MAX_NAMED] if slug_re.match(slug)]
        self.fields["pacts"].choices = list(Pact.objects.filter(slug__in=named).values_list("slug", "short_name"))

    def clean_pacts(self):
        return list(dict.fromkeys(self.cleaned_data["pacts"]))  # each once, in the order chosen


def found_pacts(q, leaving_out=()):
    """The pacts, curated and imported, whose name or ATOP id matches the search (the one
    pact search, textsearch.matching_pacts): at most MAX_FOUND, curated first, then by
    signature; and whether more match."""
    found = list(Pact.objects.filter(matching_pacts(q)).exclude(slug__in=leaving_out)
                 .order_by("-curated", "signed_on", "slug")
                 .only("slug", "short_name", "title", "signed_on", "atop_id", "curated")[:MAX_FOUND + 1])
    return found[:MAX_FOUND], len(found) > MAX_FOUND


def address(chosen, **more):
    """The side-by-side address of the chosen pacts (slugs), with the other parameters given."""
    pairs = [("pacts", slug) for slug in chosen] + [(k, v) for k, v in more.items() if v]
    # With nothing chosen, an empty search keeps the address on this view (not the matrix).
    return "?" + urlencode(pairs or [("find", "")])


def aligned_by_type(pacts):
    """The coded commitments of the pacts, a group of rows per commitment type that any of
    them has, in the vocabulary's order: defence beside defence, consultation beside
    consultation. In each group, a cell per pact (None where the pact has no commitment of
    that type) for the commitments' articles and for each other dimension (dimensions.py)."""
    dimensions = [dimension for dimension in DIMENSIONS if dimension is not TYPE]
    present = {c.commitment_type for pact in pacts for c in pact.commitments.all()}
    groups = []
    for value in TYPE.choices.values:
        if value not in present:
            continue
        of_type = [[c for c in pact.commitments.all() if c.commitment_type == value] for pact in pacts]
        clauses = [{clause.pk: clause for clause in pact.clauses.all()} for pact in pacts]
        groups.append({
            "label": label_of(TYPE.choices, value),
            "span": len(dimensions) + 1,
            "articles": [[article_label(c.clause.label) for c in cs] or None for cs in of_type],
            "rows": [{"label": dimension.label,
                      "cells": [[(article_label(c.clause.label), dimension.text(c)) for c in cs] or None
                                for cs in of_type]}
                     for dimension in dimensions],
            "texts": [list({c.clause_id: by_id[c.clause_id] for c in cs}.values()) if cs else None
                      for cs, by_id in zip(of_type, clauses)],
        })
    return groups


class SideBySideView(TemplateView):
    """`/compare/?pacts=a&pacts=b`: the chosen pacts side by side, their commitments aligned
    by type; `find` searches the pacts to add. The search's results are also a fragment, for
    the search box to refresh as one types."""

    template_name = "pacts/compare_side.html"
    FOUND = "found-pacts"  # the element the results fill

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.target == self.FOUND and not htmx.history_restore_request:
            return [self.template_name + "#found"]
        return [self.template_name]

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request", "HX-Target"])
        return response

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ChoosePactsForm(self.request.GET)
        chosen, q = [], ""
        if form.is_valid():
            chosen, q = form.cleaned_data["pacts"], form.cleaned_data["find"]
            if len(chosen) > MAX_SIDE_BY_SIDE:
                messages.warning(self.request, _("At most %(n)d pacts can stand side by side; the first %(n)d are shown.") % {"n": MAX_SIDE_BY_SIDE})
                chosen = chosen[:MAX_SIDE_BY_SIDE]
        else:
            if "pacts" in form.errors:
                messages.error(self.request, _("Some chosen pacts are unknown: %(errors)s") % {"errors": " ".join(form.errors["pacts"])})
                chosen = [slug for slug in form.data.getlist("pacts") if slug in dict(form.fields["pacts"].choices)]
                chosen = list(dict.fromkeys(chosen))[:MAX_SIDE_BY_SIDE]
            if "find" in form.errors:
                messages.error(self.request, refused_search(form))
            else:
                q = form.data.get("find", "")
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
        chosen = [pact.slug for pact in pacts]
        search = self._search(q, chosen)
        context.update(
            form=form, pacts=pacts, groups=aligned_by_type(pacts), search=search,
            room=len(pacts) < MAX_SIDE_BY_SIDE, found_id=self.FOUND,
            chosen=[(pact, address([slug for slug in chosen if slug != pact.slug])) for pact in pacts],
            atop=[compare_with_atop(p) if p.curated else [] for p in pacts],
        )
        return context

    def _search(self, q, chosen):
        """What the search box found: the query, the pacts (with the address that adds each),
        their number, and the message to show where nothing can be listed."""
        if not q.strip():
            return {"q": ""}
        if not search_terms(q):
            return {"q": q, "message": _("Type a word of a pact's name or title, or its ATOP id.")}
        shown, more = found_pacts(q, leaving_out=chosen)
        if not shown:
            return {"q": q, "message": _("No other pact's name, title or ATOP id matches “%(q)s”.") % {"q": q}}
        return {"q": q, "more": more,
                "pacts": [(pact, address(chosen + [pact.slug])) for pact in shown]}


def CompareView(request, *args, **kwargs):
    """`/compare/` is the matrix; with chosen pacts (`?pacts=a&pacts=b`) or a search for
    them (`?find=`) it is the side-by-side view."""
    if "pacts" in request.GET or "find" in request.GET:
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


INLINE, COLUMNS = "inline", "columns"
DIFF_LAYOUTS = {INLINE: gettext_lazy("Inline"), COLUMNS: gettext_lazy("Two columns")}
MAX_FOUND_WITH_TEXTS = 8  # pacts whose texts a search on the diff page lists


def pacts_with_texts(q):
    """The pacts matching a search (textsearch.matching_pacts) that have a located text, with
    their clauses and located texts: at most MAX_FOUND_WITH_TEXTS, curated first."""
    with_texts = Clause.objects.filter(versions__in=ClauseVersion.objects.exclude(text="")).values("pact")
    return list(
        Pact.objects.filter(matching_pacts(q), pk__in=with_texts)
        .order_by("-curated", "signed_on", "slug")
        .only("slug", "short_name", "signed_on", "atop_id", "curated")
        .prefetch_related(
            Prefetch("clauses", queryset=Clause.objects.filter(versions__text__gt="").distinct().order_by("order", "pk")),
            Prefetch("clauses__versions",
                     queryset=ClauseVersion.objects.exclude(text="").only("pk", "label", "language", "clause_id")
                     .order_by("language", "label")),
        )[:MAX_FOUND_WITH_TEXTS]
    )


class DiffView(TemplateView):
    """`/diff/?a=<text>&b=<text>`: two clause texts word by word, inline or in two columns
    (`view=columns`). Without `b`, the text closest to `a` in the same language, in another
    curated pact, is chosen; `find` searches any pact's texts for the second one."""

    template_name = "pacts/diff.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        get = self.request.GET
        layout = get.get("view") or INLINE
        if layout not in DIFF_LAYOUTS:
            messages.error(self.request, _("Unknown layout “%(value)s”: choose inline or two columns.") % {"value": layout[:40]})
            layout = INLINE
        context.update(layout=layout, layouts=DIFF_LAYOUTS, find_length=MAX_SEARCH)
        a = _version(get.get("a"))
        b = _version(get.get("b"))
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
        if b is None and "b" in get:
            messages.error(self.request, _("The second text named in the address does not exist."))
        if b is None and similar:
            b = _version(similar[0][1].pk)
        context.update(a=a, b=b, similar=similar, find=self._find(get, a, layout),
                       a_others=self._others(a), b_others=self._others(b) if b else [])
        context.update(
            here=self._address(a, b, layout),
            layout_links=[(key, label, self._address(a, b, key)) for key, label in DIFF_LAYOUTS.items()],
            swapped=self._address(b, a, layout) if b else "",
        )
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
            if layout == COLUMNS:
                context["columns"] = two_columns(comparison.segments)
            if comparison.bound:
                messages.warning(self.request, BOUND_MESSAGES[comparison.bound]
                                 % {"characters": number_format(MAX_CHARACTERS, force_grouping=True)})
        return context

    @staticmethod
    def _address(a, b, layout, **more):
        pairs = [("a", a.pk)] + ([("b", b.pk)] if b else []) + ([("view", layout)] if layout != INLINE else [])
        return "?" + urlencode(pairs + [(key, value) for key, value in more.items() if value])

    @staticmethod
    def _others(version):
        """The other versions of the version's clause (its translations, its other copies)."""
        return [other for other in version.clause.versions.all() if other.pk != version.pk]

    def _find(self, data, a, layout):
        """The search for a second text: the pacts found, each with its texts and the address
        comparing `a` with each; or the message saying why none is listed."""
        form = FindForm(data)
        if not form.is_valid():
            return {"q": "", "message": refused_search(form)}
        q = form.cleaned_data["find"]
        if not q.strip():
            return {"q": ""}
        if not search_terms(q):
            return {"q": q, "message": _("Type a word of a pact's name or title, or its ATOP id.")}
        found = pacts_with_texts(q)
        if not found:
            return {"q": q, "message": _("No pact with a located text has a name, title or ATOP id matching “%(q)s”.") % {"q": q}}
        return {"q": q, "pacts": [
            (pact, [(clause, [(version, self._address(a, version, layout)) for version in clause.versions.all()])
                    for clause in pact.clauses.all()])
            for pact in found
        ]}
