"""Editing in the admin: related records are searched, not listed; an edit carries a
reason; a revert says what it went back to; the pact page lists every edit under the pact."""

import re

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from alliances.pacts.admin_filters import SearchedRelatedFilter
from alliances.pacts.edit_reasons import REASON_MAX
from alliances.pacts.models import (
    Clause,
    ClauseVersion,
    Commitment,
    CommitmentCondition,
    Excerpt,
    Pact,
    Party,
    Source,
)
from alliances.pacts.pact_history import edit_history
from tests.conftest import make_staff
from tests.test_admin import _form_data, _submit, _url


def _admins():
    """Every registered admin of the app and every inline in it, with the parent model."""
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "pacts":
            continue
        yield model_admin, None
        for inline in model_admin.inlines:
            yield inline(model, admin.site), model


def _related_fields(model_admin, parent):
    model = model_admin.model
    shown = set(model_admin.fields) if model_admin.fields else None
    for field in model._meta.get_fields():
        if not (field.is_relation and field.concrete and field.editable) or field.auto_created:
            continue
        if parent is not None and field.remote_field.model is parent:
            continue  # an inline's link to the record it sits under is not a form field
        if shown is not None and field.name not in shown:
            continue
        yield field


AUTOCOMPLETED = sorted(
    {(admin_.model, name) for admin_, _parent in _admins() for name in admin_.autocomplete_fields},
    key=lambda pair: (pair[0].__name__, pair[1]),
)


def test_every_related_field_of_every_form_and_inline_is_an_autocomplete():
    listed = [
        f"{type(model_admin).__name__}.{field.name}"
        for model_admin, parent in _admins()
        for field in _related_fields(model_admin, parent)
        if field.name not in model_admin.autocomplete_fields and field.name not in model_admin.raw_id_fields
    ]
    assert listed == []


def test_every_related_list_filter_searches_instead_of_listing():
    listing = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label != "pacts":
            continue  # Django's accounts and the lockout records: a few rows each
        for spec in model_admin.list_filter:
            if isinstance(spec, type):
                continue  # a filter class of its own, which lists what it chooses to
            name = spec if isinstance(spec, str) else spec[0]
            if isinstance(spec, str) and model._meta.get_field(name).is_relation:
                listing.append(f"{model.__name__}.{name}")
            elif isinstance(spec, tuple):
                assert spec[1] is SearchedRelatedFilter
    assert listing == []


def _request_of(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def client_of(client, user):
    client.force_login(user)
    return client


def _autocomplete(client, model, field, term=""):
    return client.get(
        "/admin/autocomplete/",
        {"term": term, "app_label": "pacts", "model_name": model._meta.model_name, "field_name": field},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("model,field", AUTOCOMPLETED, ids=[f"{m.__name__}.{f}" for m, f in AUTOCOMPLETED])
def test_each_autocomplete_answers_editors_and_nobody_without_view_permission(client, curated, model, field):
    remote = model._meta.get_field(field).remote_field.model
    record = remote.objects.order_by("pk").first()
    editor = make_staff("editor", "Editors")
    if remote is get_user_model():
        # Only a superuser gives a saved view or a column choice to another user: for anyone
        # else the owner is read-only, and the accounts are not theirs to list.
        assert field in admin.site._registry[model].get_readonly_fields(_request_of(editor))
        assert _autocomplete(client_of(client, editor), model, field).status_code == 403
        editor = get_user_model().objects.create_superuser("chooser", password="x")
    client.force_login(editor)
    response = _autocomplete(client, model, field)
    assert response.status_code == 200
    results = response.json()["results"]
    assert (not remote.objects.exists()) == (results == [])

    # Someone who may read the dashboard and view the record being edited, but not the
    # related records, gets nothing.
    outsider = make_staff("outsider")
    for granted in {Pact, model} - {remote}:
        outsider.user_permissions.add(Permission.objects.get(codename=f"view_{granted._meta.model_name}"))
    client.force_login(outsider)
    response = _autocomplete(client, model, field)
    assert response.status_code == 403
    assert b"results" not in response.content


@pytest.mark.django_db
def test_the_commitment_inline_loads_no_list_of_clauses(admin_client_, curated):
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    page = admin_client_.get(_url(Pact, "change", pact.pk)).content.decode()
    inline = page[page.index('id="commitments-group"'):]
    inline = inline[: inline.index('id="invocations-group"')]
    # Each row's clause box holds its own clause and the empty choice, never every clause.
    boxes = re.findall(r'<select name="commitments-\d+-clause".*?</select>', inline, re.S)
    assert len(boxes) == pact.commitments.count() > 0
    assert all(box.count("<option") <= 2 and 'data-field-name="clause"' in box for box in boxes)


@pytest.mark.django_db
def test_the_clause_autocomplete_finds_a_clause_by_its_pact(admin_client_, curated):
    response = _autocomplete(admin_client_, Commitment, "clause", "Russia")
    texts = [r["text"] for r in response.json()["results"]]
    assert texts and all("Russia" in t or "DPRK" in t for t in texts)


@pytest.mark.django_db
def test_the_searched_pact_filter_narrows_the_list_and_lists_no_pacts(admin_client_, curated):
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    url = _url(Commitment, "changelist")
    page = admin_client_.get(url, {"pact__id__exact": pact.pk})
    assert page.status_code == 200
    shown = set(page.context["cl"].result_list)
    assert shown == set(Commitment.objects.filter(pact=pact))
    html = page.content.decode()
    sidebar = html[html.index('id="changelist-filter"'):]
    # The chosen pact is the one option of the box; no other pact is written into the page.
    box = re.search(r'<select[^>]*data-filter-param="pact__id__exact".*?</select>', sidebar, re.S).group(0)
    assert box.count("<option") == 2 and f'value="{pact.pk}" selected' in box
    assert 'data-ajax--url="/admin/autocomplete/"' in box
    assert "searched_filter.js" in html


@pytest.mark.django_db
def test_a_bad_filter_value_is_named_not_a_crash(admin_client_, curated):
    response = admin_client_.get(_url(Commitment, "changelist"), {"pact__id__exact": "nato"})
    assert response.status_code == 302 and "e=1" in response["Location"]


@pytest.mark.django_db
def test_the_filter_box_does_not_show_a_record_the_user_may_not_view(client, curated):
    source = Source.objects.filter(excerpts__isnull=False).order_by("pk").first()
    user = make_staff("outsider")
    for codename in ("view_pact", "view_excerpt"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    client.force_login(user)
    page = client.get(_url(Excerpt, "changelist"), {"source__id__exact": source.pk})
    assert page.status_code == 200 and list(page.context["cl"].result_list)
    box = re.search(r'<select[^>]*data-filter-param="source__id__exact".*?</select>', page.content.decode(), re.S).group(0)
    assert "<option" not in box.replace('<option value=""', "") and source.title not in box


@pytest.mark.django_db
def test_a_reason_is_kept_and_shown_in_both_histories(admin_client_, curated):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    response = _submit(
        admin_client_, _url(Pact, "change", pact.pk), title="An edited title", history_change_reason="Title per the KCNA text"
    )
    assert response.status_code == 302
    assert pact.history.first().history_change_reason == "Title per the KCNA text"
    assert "Title per the KCNA text" in admin_client_.get(_url(Pact, "history", pact.pk)).content.decode()
    page = admin_client_.get(reverse("pacts:pact-detail", args=[pact.slug])).content.decode()
    history = page[page.index('id="history"'):]
    assert "Title per the KCNA text" in history and "An edited title" in history


@pytest.mark.django_db
def test_a_reason_longer_than_the_history_keeps_is_refused(admin_client_, curated):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    response = _submit(admin_client_, _url(Pact, "change", pact.pk), title="Edited", history_change_reason="x" * (REASON_MAX + 1))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["history_change_reason"]
    pact.refresh_from_db()
    assert pact.title != "Edited"


@pytest.mark.django_db
def test_edits_in_the_inlines_carry_the_pages_reason(admin_client_, curated):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    url = _url(Pact, "change", pact.pk)
    data = _form_data(admin_client_.get(url))
    commitment = pact.commitments.order_by("pk").first()
    row = next(k for k, v in data.items() if k.startswith("commitments-") and k.endswith("-id") and v == commitment.pk)
    data[row.replace("-id", "-key")] = commitment.key + "-edited"
    data["history_change_reason"] = "Key renamed"
    assert admin_client_.post(url, data).status_code == 302
    record = Commitment.history.filter(id=commitment.pk).first()
    assert record.key == commitment.key + "-edited"
    assert record.history_change_reason == "Key renamed"
    assert record.history_user.username == "editor"


@pytest.mark.django_db
def test_a_revert_is_recorded_as_a_revert(admin_client_, curated):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    original = pact.title
    _submit(admin_client_, _url(Pact, "change", pact.pk), title="An edited title")
    before = pact.history.all()[1]  # the version before the edit
    revert_url = reverse("admin:pacts_pact_simple_history", args=[pact.pk, before.history_id])
    assert 'name="history_change_reason"' in admin_client_.get(revert_url).content.decode()
    response = _submit(admin_client_, revert_url, history_change_reason="The edit was wrong")
    assert response.status_code == 302
    pact.refresh_from_db()
    assert pact.title == original
    revert = pact.history.first()
    assert revert.history_user.username == "editor"
    assert revert.history_change_reason == f"revert:{before.history_id} The edit was wrong"

    said = f"Reverted to version no. {before.history_id}, saved"
    admin_history = admin_client_.get(_url(Pact, "history", pact.pk)).content.decode()
    assert said in admin_history and "The edit was wrong" in admin_history
    page = admin_client_.get(reverse("pacts:pact-detail", args=[pact.slug])).content.decode()
    history = page[page.index('id="history"'):]
    assert said in history and "by loader" in history and "The edit was wrong" in history


def _pact_with_conditions():
    return Pact.objects.filter(commitments__conditions__isnull=False).order_by("pk").first()


def _edit_everything(client, pact, suffix):
    """An admin edit to a clause, a clause text, a commitment, a condition and a party."""
    clause = pact.clauses.order_by("pk").first()
    version = ClauseVersion.objects.filter(clause__pact=pact).order_by("pk").first()
    commitment = pact.commitments.order_by("pk").first()
    condition = CommitmentCondition.objects.filter(commitment__pact=pact).order_by("pk").first()
    party = pact.parties.order_by("pk").first()
    edits = [
        (Clause, clause, {"heading": f"Heading {suffix}"}),
        (ClauseVersion, version, {"label": f"{version.label[:80]} {suffix}"}),
        (Commitment, commitment, {"summary": f"Summary {suffix}"}),
        (CommitmentCondition, condition, {"detail": f"Detail {suffix}"}),
        (Party, party, {"note": f"Note {suffix}"}),
    ]
    for model, record, changes in edits:
        response = _submit(client, _url(model, "change", record.pk), history_change_reason=f"Reason {suffix}", **changes)
        assert response.status_code == 302, (model, re.findall(r"errorlist.{0,300}", response.content.decode()))
    return edits


@pytest.mark.django_db
def test_the_pact_page_lists_edits_to_clauses_texts_commitments_conditions_and_parties(admin_client_, curated):
    pact = _pact_with_conditions()
    _edit_everything(admin_client_, pact, "one")
    page = admin_client_.get(reverse("pacts:pact-detail", args=[pact.slug])).content.decode()
    history = page[page.index('id="history"'):]
    for kind, changed in [
        ("Clause", "Heading one"),
        ("Clause text", "Heading one"),
        ("Commitment", "Summary one"),
        ("Condition", "Detail one"),
        ("Party", "Note one"),
    ]:
        assert f"{kind}:" in history, kind
        assert changed in history
    entries, total = edit_history(pact)
    assert [e.kind for e in entries[:5]] == ["party", "condition", "commitment", "clause text", "clause"]
    assert all(e.user.username == "editor" and "Reason one" in e.reason for e in entries[:5])
    dates = [e.date for e in entries]
    assert dates == sorted(dates, reverse=True)
    assert entries[0].changes[0].field == "note" and entries[0].changes[0].new == "Note one"


@pytest.mark.django_db
def test_the_pact_history_takes_the_same_queries_however_many_edits(admin_client_, curated):
    pact = _pact_with_conditions()
    _edit_everything(admin_client_, pact, "one")
    with CaptureQueriesContext(connection) as few:
        small, _ = edit_history(pact)
    for n in range(3):
        _edit_everything(admin_client_, pact, f"again {n}")
    with CaptureQueriesContext(connection) as many:
        large, _ = edit_history(pact)
        for entry in large:  # reading every entry asks nothing more
            str(entry.user), entry.label, entry.reason
    assert len(large) > len(small)
    assert len(many) == len(few) == 7
