"""Who may see and do what; login throttling; headers; hostile input stays inert."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import reverse

from alliances.pacts.models import ClauseVersion, Pact, Source
from tests.conftest import make_staff
from tests.test_access import URLS

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN, LOGIN = "allowed", "forbidden", "login"


def dashboard_urls():
    version = ClauseVersion.objects.exclude(text="").first()
    source = Source.objects.first()
    return {
        "home": "/",
        "pact-list": "/pacts/",
        "pact-detail": "/pacts/north-atlantic-treaty/",
        "compare": "/compare/?pacts=north-atlantic-treaty",
        "diff": f"/diff/?a={version.pk}",
        "lookup": "/lookup/?obliged=USA&protected=POL",
        "state-detail": "/states/USA/",
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
    if area == "dashboard":
        return FORBIDDEN if role == "staff without a role" else ALLOWED
    if action == "index" or role in ("editor", "superuser"):
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


def test_every_role_gets_exactly_what_it_should(curated, clients):
    dashboard, admin_pages = dashboard_urls(), admin_urls()
    # Every dashboard URL pattern is in this walk; a new page must say who may see it.
    assert {name for _u, name, ns in URLS if not ns and name not in ("login", "logout", "health")} == set(dashboard)
    wrong = []
    for role, client in clients.items():
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


def test_admin_entered_text_is_escaped_on_the_dashboard(staff_client, curated):
    payload = "<script>alert('x')</script>"
    pact = Pact.objects.get(slug="russia-dprk-2000")
    pact.title = pact.short_name = pact.notes = payload
    pact.save()
    for url in ("/", "/pacts/", "/pacts/russia-dprk-2000/", "/compare/?pacts=russia-dprk-2000", "/compare/"):
        body = staff_client.get(url).content.decode()
        assert payload not in body, url
    assert "&lt;script&gt;" in staff_client.get("/pacts/russia-dprk-2000/").content.decode()


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
