"""Editors work in the admin: every page loads, edits are kept in a revertable history."""

import pytest
from django.contrib import admin
from django.urls import reverse

import datetime

from alliances.pacts.models import (
    AtopMember,
    AtopPhase,
    Clause,
    Commitment,
    CommitmentSide,
    Pact,
    Reservation,
    SavedView,
    Source,
    State,
    Suspension,
    TableConfig,
)

MODELS = [model for model in admin.site._registry if model._meta.app_label == "pacts"]


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS, ids=[m.__name__ for m in MODELS])
def test_changelist_add_change_and_history_pages_load(admin_client_, curated, model):
    assert admin_client_.get(_url(model, "changelist")).status_code == 200
    assert admin_client_.get(_url(model, "changelist"), {"q": "treaty"}).status_code == 200
    assert admin_client_.get(_url(model, "add")).status_code == 200
    obj = model.objects.order_by("pk").first() or _make(model)
    assert admin_client_.get(_url(model, "change", obj.pk)).status_code == 200
    assert admin_client_.get(_url(model, "history", obj.pk)).status_code == 200


def _make(model):
    """A record for models the curated data does not use yet."""
    clause, source = Clause.objects.first(), Source.objects.first()
    usa, nor = State.objects.get(code="USA"), State.objects.get(code="NOR")
    if model is Reservation:
        return Reservation.objects.create(clause=clause, state=usa, kind="understanding",
                                          text_status="not_located", paraphrase="p", source=source)
    if model is Suspension:
        return Suspension.objects.create(pact=clause.pact, from_state=usa, to_state=nor,
                                         started_on=datetime.date(1986, 1, 1), started_precision="year",
                                         description="d", source=source)
    if model in (AtopPhase, AtopMember):
        from alliances.pacts.importers.atop import import_atop
        from tests.test_atop import SAMPLE, STATES

        import_atop(SAMPLE, STATES)
        return model.objects.order_by("pk").first()
    if model in (SavedView, TableConfig):
        from django.contrib.auth import get_user_model

        owner = get_user_model().objects.order_by("pk").first()
        if model is SavedView:
            return SavedView.objects.create(owner=owner, table="pacts", name="A view", query="sort=signed")
        return TableConfig.objects.create(user=owner, table="pacts", columns=["short_name"])
    if model is CommitmentSide:
        return CommitmentSide.objects.create(commitment=Commitment.objects.first(), state=usa, role="obliged")
    raise AssertionError(f"no {model.__name__} to open")


def test_every_pact_model_is_in_the_admin():
    from django.apps import apps

    edited = {m for m in apps.get_app_config("pacts").get_models() if not m.__name__.startswith("Historical")}
    assert edited - set(MODELS) == set()


@pytest.mark.django_db
def test_the_state_autocomplete_answers(admin_client_, curated):
    response = admin_client_.get(
        "/admin/autocomplete/", {"term": "nor", "app_label": "pacts", "model_name": "party", "field_name": "state"}
    )
    assert response.status_code == 200
    assert "Norway" in response.content.decode()


def _value(value):
    if value is None:
        return ""
    return value.pk if hasattr(value, "pk") else value


def _form_data(page):
    """The data the admin's change form would post back unchanged, inlines included."""
    form = page.context["adminform"].form
    data = {name: _value(form.initial.get(name, field.initial)) for name, field in form.fields.items()}
    for formset in page.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management.initial.get(name, 0)
        for inline_form in formset.formset.initial_forms:
            for name in inline_form.fields:
                value = inline_form.instance.pk if name == "id" else inline_form.initial.get(name)
                key = f"{inline_form.prefix}-{name}"
                if isinstance(value, bool):
                    if value:
                        data[key] = "on"
                else:
                    data[key] = _value(value)
    return data


def _submit(client, url, **changes):
    data = _form_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


@pytest.mark.django_db
def test_an_admin_edit_is_recorded_and_can_be_reverted(admin_client_, curated):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    original = pact.title
    response = _submit(admin_client_, _url(Pact, "change", pact.pk), title="An edited title")
    assert response.status_code == 302, response.content.decode()[:2000]
    pact.refresh_from_db()
    assert pact.title == "An edited title"
    edit = pact.history.first()
    assert edit.history_user.username == "editor"
    assert edit.prev_record.title == original

    # Revert: open the earlier version from the history page and save it.
    revert_url = reverse("admin:pacts_pact_simple_history", args=[pact.pk, edit.prev_record.history_id])
    response = _submit(admin_client_, revert_url)
    assert response.status_code == 302
    pact.refresh_from_db()
    assert pact.title == original
    assert pact.history.first().title == original
