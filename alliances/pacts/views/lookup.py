"""The lookup: is state A committed to defend state B on a day? Or, with one state named,
who is committed to defend it, or whom must it defend?"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from .. import widgets
from ..lookup import one_sided, pair
from ..models import State


class LookupForm(forms.Form):
    # Each select lists every state: rendered in Python (widgets.py), not option by option
    # through templates.
    obliged = forms.ChoiceField(label=_("Is this state"), choices=(), required=False, widget=widgets.Select)
    protected = forms.ChoiceField(label=_("committed to defend this state"), choices=(), required=False,
                                  widget=widgets.Select)
    on = forms.DateField(label=_("on"), required=False, widget=widgets.DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = [("", "—")] + list(State.objects.order_by("name").values_list("code", "name"))
        self.fields["obliged"].choices = states
        self.fields["protected"].choices = states

    def clean(self):
        cleaned = super().clean()
        obliged, protected = cleaned.get("obliged"), cleaned.get("protected")
        if "obliged" in self.errors or "protected" in self.errors:
            return cleaned
        if not obliged and not protected:
            raise forms.ValidationError(_(
                "Name the state that must defend, the state to be defended, or both: with one of them the answer "
                "lists who is committed to defend that state, or whom it must defend."))
        if obliged and obliged == protected:
            raise forms.ValidationError(_(
                "A state is not asked to defend itself: choose two different states, or leave one of them empty."))
        return cleaned


class LookupView(TemplateView):
    template_name = "pacts/lookup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bound = any(self.request.GET.get(name) for name in ("obliged", "protected", "on"))
        form = LookupForm(self.request.GET if bound else None)
        context["form"] = form
        if bound and form.is_valid():
            day = form.cleaned_data["on"] or timezone.localdate()
            codes = [form.cleaned_data[name] for name in ("obliged", "protected")]
            states = {s.code: s for s in State.objects.filter(code__in=[code for code in codes if code])}
            obliged, protected = (states.get(code) for code in codes)
            context["day"] = day
            if obliged and protected:
                context["pair"] = pair(obliged, protected, day)
                context["answer"] = context["pair"].answer
            else:
                context["one_sided"] = result = one_sided(protected or obliged, day, inbound=protected is not None)
                context["answer"] = result.answer
                context["by_pact"] = by_pact(result.groups)
        return context


def by_pact(groups):
    """Link groups gathered by their pact, in order: [(pact, [groups])]."""
    found = {}
    for group in groups:
        found.setdefault(group.commitment.pact_id, (group.commitment.pact, []))[1].append(group)
    return list(found.values())
