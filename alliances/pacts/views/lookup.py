"""The directed lookup: is state A committed to defend state B on a day?"""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from ..lookup import answer, findings_for
from ..models import State


class LookupForm(forms.Form):
    obliged = forms.ChoiceField(label=_("Is this state"), choices=())
    protected = forms.ChoiceField(label=_("committed to defend this state"), choices=())
    on = forms.DateField(label=_("on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        states = [("", "—")] + list(State.objects.order_by("name").values_list("code", "name"))
        self.fields["obliged"].choices = states
        self.fields["protected"].choices = states


class LookupView(TemplateView):
    template_name = "pacts/lookup.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bound = any(self.request.GET.get(name) for name in ("obliged", "protected", "on"))
        form = LookupForm(self.request.GET if bound else None)
        context["form"] = form
        if bound and form.is_valid():
            day = form.cleaned_data["on"] or timezone.localdate()
            obliged = State.objects.get(code=form.cleaned_data["obliged"])
            protected = State.objects.get(code=form.cleaned_data["protected"])
            findings = findings_for(obliged, protected, day)
            context.update(
                day=day, obliged=obliged, protected=protected, findings=findings, answer=answer(findings)
            )
        return context
