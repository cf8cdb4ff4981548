"""Who may see and do what; login throttling; headers; hostile input stays inert."""

import csv
import io
import json

import openpyxl
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.db import IntegrityError, models, transaction
from django.db.models import Value
from django.db.models.functions import Cast, Concat
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils.html import conditional_escape

from alliances.clientaddress import client_address, parse_networks
from alliances.pacts.choices import TextStatus
from alliances.pacts.exports import FORMULA_STARTS, spreadsheet_cell
from alliances.pacts.importers.atop import import_atop
from alliances.pacts.models import AtopPhase, ClauseVersion, Excerpt, Pact, Source, State
from tests.conftest import make_staff
from tests.test_access import URLS
from tests.test_admin import _form_data, _make
from tests.test_atop import SAMPLE, STATES

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN = "allowed", "forbidden", "login"


def dashboard_urls():
    version = ClauseVersion.objects.exclude(text="").first()
    source = Source.objects.first()
    # ATOP's record of an alliance, as an import keeps it (the curated fixture holds none).
    nato = Pact.objects.get(slug="north-atlantic-treaty")
    AtopPhase.objects.get_or_create(pact=nato, atop_id=nato.atop_id, phase=0, defaults={"version": "5.1"})
    return {
        "home": "/",
        "claims": "/claims/",
        "pact-list": "/pacts/",
        "pact-detail": "/pacts/north-atlantic-treaty/",
        "compare": "/compare/?pacts=north-atlantic-treaty",
        "diff": f"/diff/?a={version.pk}",
        "lookup": "/lookup/?obliged=USA&protected=POL",
        "state-detail": "/states/USA/",
        "state-list": "/states/?q=united",
        "atop-record": f"/atop/{nato.atop_id}/",
        "source-detail": f"/sources/{source.key}/",
        "atop-disagreements": "/atop/differences/",
        "pact-map": "/pacts/north-atlantic-treaty/map/",
        "pact-map-svg": "/pacts/north-atlantic-treaty/map.svg",
        "pact-timeline-svg": "/pacts/north-atlantic-treaty/timeline.svg",
        "state-map": "/states/USA/map/",
        "state-map-svg": "/states/USA/map.svg",
        "state-timeline-svg": "/states/USA/timeline.svg",
        "network": "/network/?on=2020-01-01",
        "network-csv": "/network/links.csv?on=2020-01-01",
        "in-force-chart-svg": "/charts/in-force.svg",
        "saved-views": "/saved-views/",
    }


# Writes that answer only a POST: a GET is refused (405) once the staff middleware has let
# the user through. tests/test_saved_views.py posts to each with every role.
POST_ONLY = {
    "saved-view-new": "/saved-views/new/",
    "saved-view-rename": "/saved-views/1/rename/",
    "saved-view-delete": "/saved-views/1/delete/",
    "table-columns": "/columns/",
}


def admin_urls():
    urls = {"admin:index": ("/admin/", "index")}
    for model in admin.site._registry:
        if model._meta.app_label != "pacts":
            continue
        name = f"admin:pacts_{model._meta.model_name}"
        obj = model.objects.order_by("pk").first()
        urls[f"{name}_changelist"] = (reverse(f"{name}_changelist"), "view")
        urls[f"{name}_add"] = (reverse(f"{name}_add"), "add")
        if obj is not None:
            urls[f"{name}_change"] = (reverse(f"{name}_change", args=[obj.pk]), "view")
            urls[f"{name}_history"] = (reverse(f"{name}_history", args=[obj.pk]), "view")
            urls[f"{name}_delete"] = (reverse(f"{name}_delete", args=[obj.pk]), "delete")
    return urls


def expected(role, area, action=None):
    if role == "anonymous":
        return LOGIN
    if role == "staff without a role":
        return FORBIDDEN
    if area == "dashboard" or action == "index" or role in ("editor", "superuser"):
        return ALLOWED
    if role == "analyst" and action == "view":
        return ALLOWED
    return FORBIDDEN


def outcome(response):
    if response.status_code == 302 and response["Location"].startswith("/login/"):
        return LOGIN
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code == 200:
        return ALLOWED
    return f"unexpected {response.status_code}"


@pytest.fixture
def clients(client, django_user_model):
    from django.test import Client

    def signed_in(user):
        c = Client()
        c.force_login(user)
        return c

    return {
        "anonymous": client,
        "staff without a role": signed_in(make_staff("nobody")),
        "analyst": signed_in(make_staff("reader", "Analysts")),
        "editor": signed_in(make_staff("writer", "Editors")),
        "superuser": signed_in(django_user_model.objects.create_superuser("root", password="a-long-test-password")),
    }


def test_every_role_may_switch_the_language_and_is_sent_back_only_to_this_site(db, clients):
    for role, client in clients.items():
        switched = client.post("/language/", {"language": "id", "next": "/pacts/"})
        assert switched.status_code == 302 and switched["Location"] == "/pacts/", role
        assert switched.cookies[settings.LANGUAGE_COOKIE_NAME].value == "id", role
        elsewhere = client.post("/language/", {"language": "en", "next": "https://example.com/"})
        assert elsewhere.status_code == 302 and elsewhere["Location"] == "/", role


def test_every_role_gets_exactly_what_it_should(curated, clients):
    dashboard, admin_pages = dashboard_urls(), admin_urls()
    # Every dashboard URL pattern is in this walk; a new page must say who may see it.
    assert {name for _u, name, ns in URLS if ns == "pacts"} == set(dashboard) | set(POST_ONLY)
    wrong = []
    for role, client in clients.items():
        for name, url in POST_ONLY.items():
            got = outcome(client.get(url))
            if got != {"anonymous": LOGIN, "staff without a role": FORBIDDEN}.get(role, "unexpected 405"):
                wrong.append((role, name, got))
        for name, url in dashboard.items():
            got = outcome(client.get(url))
            if got != expected(role, "dashboard"):
                wrong.append((role, name, got))
        for name, (url, action) in admin_pages.items():
            got = outcome(client.get(url))
            if got != expected(role, "admin", action):
                wrong.append((role, name, got))
        login_page = client.get("/login/")
        if login_page.status_code != 200:
            wrong.append((role, "login", login_page.status_code))
    assert wrong == []


def test_analysts_cannot_change_data_even_by_posting(curated, clients):
    pact = Pact.objects.get(slug="russia-dprk-2000")
    response = clients["analyst"].post(reverse("admin:pacts_pact_change", args=[pact.pk]), {"title": "x"})
    assert response.status_code == 403
    pact.refresh_from_db()
    assert pact.title != "x"


# Every model that keeps an edit history (tests/test_admin.py checks each is in the admin).
HISTORY_MODELS = [
    model for model in apps.get_app_config("pacts").get_models()
    if hasattr(model._meta, "simple_history_manager_attribute")
]


def _history_urls(model, obj):
    name = f"admin:pacts_{model._meta.model_name}"
    version = obj.history.order_by("history_id").first()
    return (reverse(f"{name}_simple_history", args=[obj.pk, version.history_id]),
            reverse(f"{name}_history", args=[obj.pk]))


def _rows_and_history(model):
    """What a write through the admin would change: the records, their history, the log."""
    return (
        serializers.serialize("json", model.objects.order_by("pk")),
        list(model.history.order_by("history_id").values_list("history_id", flat=True)),
        LogEntry.objects.count(),
    )


def test_analysts_cannot_write_through_the_history_pages(curated, clients):
    """The page of a past version is the revert form; posting it back saves it. An Analyst
    sees it read-only and must not be able to post it, on any model with a history."""
    assert {Pact, State, ClauseVersion, Source} <= set(HISTORY_MODELS)
    wrong = []
    for model in HISTORY_MODELS:
        obj = model.objects.order_by("pk").first() or _make(model)
        version_url, history_url = _history_urls(model, obj)
        page = clients["analyst"].get(version_url)
        assert page.status_code == 200
        data = _form_data(page)
        before = _rows_and_history(model)
        for url in (version_url, history_url):
            status = clients["analyst"].post(url, data).status_code
            if status != 403:
                wrong.append((model.__name__, url, status))
        if _rows_and_history(model) != before:
            wrong.append((model.__name__, "changed"))
        # The same form posted by an Editor is a revert: the path is a real write.
        assert clients["editor"].post(version_url, data).status_code == 302
        assert _rows_and_history(model) != before
    assert wrong == []


def test_an_analyst_cannot_change_a_field_through_a_past_version(curated, clients):
    state = State.objects.get(code="USA")
    version_url, _history = _history_urls(State, state)
    data = {**_form_data(clients["analyst"].get(version_url)), "name": "Changed by an analyst"}
    assert clients["analyst"].post(version_url, data).status_code == 403
    state.refresh_from_db()
    assert state.name == "United States"
    assert not State.history.filter(name="Changed by an analyst").exists()


def test_analysts_have_no_admin_action_add_or_delete_that_writes(curated, clients):
    analyst = clients["analyst"]
    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(username="reader")
    before = {model: model.objects.count() for model in admin.site._registry}, LogEntry.objects.count()
    for model, model_admin in admin.site._registry.items():
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        obj = model.objects.order_by("pk").first()
        if model_admin.has_view_permission(request):
            assert model_admin.get_actions(request) == {}, model.__name__
        for action in [*(model_admin.actions or []), "delete_selected"]:
            selected = [obj.pk] if obj else []
            analyst.post(reverse(f"{name}_changelist"), {"action": action, "_selected_action": selected, "post": "yes"})
        assert analyst.post(reverse(f"{name}_add"), {}).status_code == 403, model.__name__
        if obj is not None:
            assert analyst.post(reverse(f"{name}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    assert ({model: model.objects.count() for model in admin.site._registry}, LogEntry.objects.count()) == before


def test_an_id_that_is_not_an_id_is_a_404_on_the_history_pages(curated, clients):
    wrong = []
    for model in HISTORY_MODELS:
        obj = model.objects.order_by("pk").first() or _make(model)
        history_url = reverse(f"admin:pacts_{model._meta.model_name}_history", args=[obj.pk])
        elsewhere = history_url.replace(f"/{obj.pk}/", "/abc/")
        for url in (history_url + "abc/", history_url + "99999999999999999999999/", elsewhere, elsewhere + "1/"):
            for role in ("analyst", "editor"):
                status = clients[role].get(url).status_code
                if status != 404:
                    wrong.append((role, url, status))
    assert wrong == []


def test_a_staff_user_without_a_role_sees_no_admin_page(curated, clients):
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    on_site = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Pact).pk, pact.pk])
    urls = ["/admin/", "/admin/password_change/", "/admin/password_change/done/", on_site, "/admin/jsi18n/",
            "/admin/autocomplete/?app_label=pacts&model_name=party&field_name=state&term=nor"]
    for url in urls:
        response = clients["staff without a role"].get(url)
        assert response.status_code == 403, url
        assert pact.slug not in response.get("Location", ""), url
    # An Analyst follows "view on site" to the pact's page, as before.
    assert clients["analyst"].get(on_site)["Location"].endswith(pact.get_absolute_url())


@pytest.mark.parametrize("staff", [True, False], ids=["staff without a role", "not staff"])
def test_a_user_who_may_see_no_page_is_told_why_and_can_sign_out(client, staff):
    user = make_staff("nobody") if staff else get_user_model().objects.create_user("outsider", password="x" * 20)
    client.force_login(user)
    refused = client.get("/")
    assert refused.status_code == 403
    page = refused.content.decode()
    assert "has no role on this dashboard" in page and 'action="/logout/"' in page
    assert client.post("/logout/")["Location"] == "/login/"
    assert client.get("/")["Location"].startswith("/login/")  # signed out


def test_repeated_failed_logins_lock_the_account_out(client, staff_user):
    for _ in range(5):
        client.post("/login/", {"username": "analyst", "password": "wrong"})
    response = client.post("/login/", {"username": "analyst", "password": "a-long-test-password"})
    assert response.status_code in (403, 429)
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert client.get("/").status_code == 302  # still not signed in


def test_a_successful_login_resets_the_count(client, staff_user):
    for _ in range(3):
        client.post("/login/", {"username": "analyst", "password": "wrong"})
    assert client.post("/login/", {"username": "analyst", "password": "a-long-test-password"}).status_code == 302


def test_every_page_carries_a_strict_content_security_policy(staff_client, curated):
    for url in ("/", "/pacts/", "/compare/", "/login/"):
        policy = staff_client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
        assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


def test_pages_for_signed_in_users_are_not_cached(staff_client, curated):
    for url in ("/", "/pacts/", "/compare/?export=csv"):
        cache_control = staff_client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control


def test_session_cookies_are_http_only_and_end_with_the_browser(staff_user, client, settings):
    response = client.post("/login/", {"username": "analyst", "password": "a-long-test-password"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and not cookie["expires"] and not cookie["max-age"]


HOSTILE = ["<script>alert(1)</script>", "' OR 1=1 --", "\"><img src=x onerror=alert(1)>", "%' UNION SELECT 1 --"]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_in_every_filter_are_inert(staff_client, curated, value):
    from alliances.pacts.filtersets import PactFilterSet

    for name in PactFilterSet.base_filters:
        for url in ("/pacts/", "/compare/"):
            response = staff_client.get(url, {name: value})
            assert response.status_code == 200, (url, name)
            assert value not in response.content.decode() or "<" not in value, (url, name)
    for url in ("/lookup/", "/states/USA/", "/diff/"):
        response = staff_client.get(url, {"obliged": value, "protected": value, "on": value, "a": value})
        assert response.status_code == 200


def stored_text_fields():
    """Every free-text field of the data: all but choices, and but the slugs, keys and codes
    that are parts of addresses (their URL patterns take nothing else)."""
    for model in apps.get_app_config("pacts").get_models():
        if hasattr(model, "instance_type"):  # an edit history's record
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, (models.CharField, models.TextField)) and not field.choices \
                    and not isinstance(field, models.SlugField) and (model, field.name) != (State, "code"):
                yield model, field


# Text fields no dashboard page shows (checked: their text appears on none of them).
NOT_SHOWN = set()


def every_page():
    """An address of every page of the dashboard, over all the curated data."""
    curated = list(Pact.objects.filter(curated=True).order_by("pk").values_list("slug", flat=True))
    yield from ("/", "/claims/", "/pacts/?per_page=100", "/compare/?per_page=100", "/lookup/", "/atop/differences/")
    for start in range(0, len(curated), 6):
        yield "/compare/?" + "&".join(f"pacts={slug}" for slug in curated[start:start + 6])
    yield from (f"/pacts/{slug}/" for slug in curated)
    yield from (f"/sources/{key}/" for key in Source.objects.values_list("key", flat=True))
    states = State.objects.filter(memberships__isnull=False).distinct().values_list("code", flat=True)
    yield from (f"/states/{code}/?on=2020-01-01" for code in states)
    for pact in Pact.objects.filter(curated=True).prefetch_related("parties__state"):
        codes = sorted({party.state.code for party in pact.parties.all()})[:2]
        if len(codes) == 2:
            yield f"/lookup/?obliged={codes[0]}&protected={codes[1]}&on=2020-01-01"
    for version in ClauseVersion.objects.exclude(text="").order_by("pk")[::10]:
        yield f"/diff/?a={version.pk}"


def test_a_script_stored_in_any_text_field_is_escaped_on_every_page(staff_client, curated):
    # With ATOP's records beside the curated pacts, the differences page shows each
    # explanation with the values it was written for and who wrote it.
    import_atop(SAMPLE, STATES)
    # A saved view in each table's menu, whose name and address the tables' pages show.
    from alliances.pacts.models import SavedView

    owner = get_user_model().objects.get(username="analyst")
    for table in ("pacts", "matrix"):
        SavedView.objects.create(owner=owner, table=table, name=f"A view of {table}", query="sort=signed")
    planted, too_short = {}, []
    for number, (model, field) in enumerate(stored_text_fields()):
        payload, name = f"<script>{number}</script>", f"{model.__name__}.{field.name}"
        if field.max_length and field.max_length < len(payload):
            too_short.append(name)  # cannot hold a script tag at all
            continue
        rows = model.objects.exclude(**{field.name: ""})
        also = {}
        if not rows.exists():
            rows = model.objects.all()
            if field.name == "text" and hasattr(model, "text_status"):
                # One text now located; the others keep showing their paraphrase.
                rows, also = model.objects.filter(pk=rows.order_by("pk")[0].pk), {"text_status": TextStatus.VERBATIM}
        try:
            with transaction.atomic():
                updated = rows.update(**{field.name: payload}, **also)
        except IntegrityError:  # unique with its pact (a clause's label): one per row
            updated = rows.update(**{field.name: Concat(Value(payload), Cast("pk", models.CharField()))}, **also)
        assert updated, name
        planted[name] = payload
    assert too_short == ["AtopPhase.version", "State.cow_abbreviation"]
    shown = set()
    for url in every_page():
        response = staff_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for name, payload in planted.items():
            assert payload not in body, (url, name)
            if conditional_escape(payload) in body:
                shown.add(name)
    assert sorted(set(planted) - shown) == sorted(NOT_SHOWN)


def test_a_deactivated_user_is_shut_out(client, staff_user):
    client.force_login(staff_user)
    get_user_model().objects.filter(pk=staff_user.pk).update(is_active=False)
    assert client.get("/").status_code in (302, 403)


def test_a_nul_byte_in_an_admin_request_is_refused_not_a_crash(curated, clients):
    editor = clients["editor"]
    autocomplete = {"term": "\x00", "app_label": "pacts", "model_name": "party", "field_name": "state"}
    assert editor.get("/admin/autocomplete/", autocomplete).status_code == 400
    assert editor.get("/admin/pacts/pact/", {"q": "a\x00b"}).status_code == 400
    assert editor.get("/admin/pacts/pact/", {"q": "nato"}).status_code == 200


FORMULAS = ["=HYPERLINK(\"https://example.org/x\",\"click\")", "+1+1", "-2+3", "@SUM(1,2)", "\t=1+1", "\r=1+1"]


def _export(client, url, export_format):
    response = client.get(url, {"export": export_format})
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _planted(formula):
    """A pact whose name, and an excerpt whose text, begin like a formula."""
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    Pact.objects.filter(pk=pact.pk).update(short_name=formula)
    note = pact.commitments.get(clause__label="Article 5").evidence()
    Excerpt.objects.filter(pk=note.excerpt_id).update(text=formula + " the Parties agree")
    return formula, formula + " the Parties agree"


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_exported_cells_that_begin_like_a_formula_stay_text(staff_client, curated, formula):
    name, excerpt = _planted(formula)
    for url, planted in (("/pacts/", {name}), ("/compare/", {name, excerpt})):
        rows = list(csv.reader(io.StringIO(_export(staff_client, url, "csv").decode())))
        cells = {cell for row in rows for cell in row}
        assert {"'" + text for text in planted} <= cells, url
        assert not any(cell.startswith(FORMULA_STARTS) for cell in cells), url

        sheet = openpyxl.load_workbook(io.BytesIO(_export(staff_client, url, "xlsx"))).active
        cells = [cell for row in sheet.iter_rows() for cell in row]
        # XML reads a carriage return back as a line feed.
        assert {"'" + text.replace("\r", "\n") for text in planted} <= {cell.value for cell in cells}, url
        assert all(cell.data_type != "f" for cell in cells), url
        assert not any(str(cell.value or "").startswith(FORMULA_STARTS) for cell in cells), url

        # JSON carries the text exactly as stored.
        values = {value for row in json.loads(_export(staff_client, url, "json")) for value in row.values()}
        assert planted <= values, url


@pytest.mark.parametrize("formula", FORMULAS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_the_network_and_dyad_year_downloads_keep_formula_like_names_as_text(curated, formula):
    State.objects.filter(code="USA").update(name=formula)
    client = Client()
    client.force_login(make_staff("reader", "Analysts"))
    downloads = {"network": client.get("/network/links.csv?on=2020-06-01").content,
                 "dyad-years": b"".join(client.get("/api/v1/dyad-years.csv?year_from=2020&year_to=2020")
                                        .streaming_content)}
    for url, content in downloads.items():
        cells = {cell for row in csv.reader(io.StringIO(content.decode())) for cell in row}
        assert "'" + formula in cells, url
        assert not any(cell.startswith(FORMULA_STARTS) for cell in cells), url


def test_ordinary_cells_are_written_as_they_are():
    assert spreadsheet_cell("Article 5") == "Article 5"
    assert spreadsheet_cell(" =1") == " =1"  # a leading space makes it text already
    assert spreadsheet_cell("") == ""
    assert spreadsheet_cell("=1+1") == "'=1+1"


PROXY, ATTACKER, COLLEAGUE = "10.0.0.2", "203.0.113.9", "198.51.100.7"


def _sign_in(client, password, remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/login/", {"username": "analyst", "password": password}, **headers)


def _locked(response):
    return "Too many failed sign-in attempts" in response.content.decode()


def test_behind_a_trusted_proxy_the_lockout_counts_the_clients_own_address(client, staff_user, settings):
    settings.TRUSTED_PROXIES = parse_networks(PROXY)
    for _ in range(5):
        _sign_in(client, "wrong", PROXY, f"{COLLEAGUE}, {ATTACKER}")  # the first entry is the attacker's own word
    assert _locked(_sign_in(client, "a-long-test-password", PROXY, ATTACKER))
    # A colleague behind the same proxy is not locked out of the same account.
    assert _sign_in(Client(), "a-long-test-password", PROXY, COLLEAGUE).status_code == 302


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(client, staff_user, settings):
    settings.TRUSTED_PROXIES = []
    for number in range(5):
        # A new made-up address each time must not dodge the count.
        _sign_in(client, "wrong", ATTACKER, f"192.0.2.{number}")
    assert _locked(_sign_in(client, "a-long-test-password", ATTACKER, COLLEAGUE))


def test_a_forwarded_header_from_an_untrusted_address_is_ignored(client, staff_user, settings):
    settings.TRUSTED_PROXIES = parse_networks(PROXY)
    for number in range(5):
        _sign_in(client, "wrong", ATTACKER, f"192.0.2.{number}")
    assert _locked(_sign_in(client, "a-long-test-password", ATTACKER, COLLEAGUE))


@pytest.mark.parametrize("remote,forwarded,client_seen", [
    (PROXY, f"{ATTACKER}", ATTACKER),
    (PROXY, f"1.1.1.1, {ATTACKER}, 10.0.0.3", ATTACKER),  # two trusted proxies in a row
    (PROXY, "", PROXY),
    (PROXY, "not-an-address", PROXY),
    (PROXY, f"{ATTACKER}, garbage", PROXY),
    (ATTACKER, COLLEAGUE, ATTACKER),
    ("2001:db8::1", ATTACKER, "2001:db8::1"),
])
def test_the_client_address_read_behind_proxies(settings, remote, forwarded, client_seen):
    settings.TRUSTED_PROXIES = parse_networks(f"{PROXY}, 10.0.0.3/32")
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == client_seen


def test_a_trusted_proxy_setting_that_is_no_address_stops_the_start():
    from tests.test_access import STRONG_KEY, _django

    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/unused.sqlite3", "ALLIANCES_SECRET_KEY": STRONG_KEY,
           "ALLIANCES_ALLOWED_HOSTS": "alliances.example.org", "ALLIANCES_TRUSTED_PROXIES": "10.0.0.2, proxy.local"}
    result = _django(env, "check")
    assert result.returncode != 0 and "ALLIANCES_TRUSTED_PROXIES: proxy.local is not an IP address" in result.stderr
