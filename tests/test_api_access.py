"""Who may read the API: every endpoint with every role, tokens shown once and revocable,
throttling per user, no CORS."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.throttling import UserRateThrottle

from alliances.api.models import ApiToken
from alliances.pacts.models import Clause, Commitment, Invocation, Pact, Source
from tests.conftest import make_staff

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def endpoints():
    """One address per API endpoint, with what it needs from the curated data."""
    pact = Pact.objects.get(slug="north-atlantic-treaty")
    return {
        "api-root": "/api/v1/",
        "pact-list": "/api/v1/pacts/?commitment_type=defense",
        "pact-detail": f"/api/v1/pacts/{pact.slug}/",
        "clause-list": f"/api/v1/clauses/?pact={pact.slug}",
        "clause-detail": f"/api/v1/clauses/{Clause.objects.filter(pact=pact).first().pk}/",
        "commitment-list": "/api/v1/commitments/?party=USA",
        "commitment-detail": f"/api/v1/commitments/{Commitment.objects.filter(pact=pact).first().key}/",
        "state-list": "/api/v1/states/",
        "state-detail": "/api/v1/states/USA/",
        "state-standing": "/api/v1/states/POL/standing/?on=2000-01-01",
        "source-list": "/api/v1/sources/",
        "source-detail": f"/api/v1/sources/{Source.objects.first().key}/",
        "invocation-list": "/api/v1/invocations/",
        "invocation-detail": f"/api/v1/invocations/{Invocation.objects.first().key}/",
        "lookup": "/api/v1/lookup/?obliged=USA&protected=PHL&on=2026-01-01",
        "dyad-years": "/api/v1/dyad-years/?year_from=2020&year_to=2020",
        "dyad-years-csv": "/api/v1/dyad-years.csv?year_from=2020&year_to=2020",
        "schema": "/api/v1/schema/",
        "docs": "/api/v1/docs/",
    }


def api_url_names(patterns=None):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api" or patterns is not None:
                yield from api_url_names(entry.url_patterns)
        elif isinstance(entry, URLPattern) and patterns is not None:
            yield entry.name


def test_the_endpoint_list_covers_every_api_address(curated):
    assert set(api_url_names()) == set(endpoints())


def _user(role, **extra):
    if role == "not staff":
        return get_user_model().objects.create_user("outsider", password=PASSWORD)
    if role == "superuser":
        return get_user_model().objects.create_superuser("root", password=PASSWORD)
    user = make_staff(role.lower().replace(" ", "-"), None if role == "no role" else role)
    for name, value in extra.items():
        setattr(user, name, value)
    user.save()
    return user


ROLES = {
    # role: (how it authenticates, expected status)
    "anonymous": (None, 401),
    "no role": ("token", 403),
    "not staff": ("token", 403),
    "Analysts": ("token", 200),
    "Editors": ("token", 200),
    "superuser": ("token", 200),
    "Analysts by session": ("session", 200),
    "no role by session": ("session", 403),
}


def client_for(role):
    client = Client()
    how, _status = ROLES[role]
    if how is None:
        return client
    user = _user(role.replace(" by session", ""))
    if how == "session":
        client.force_login(user)
    else:
        _token, key = ApiToken.objects.create_token(user, "tests")
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


@pytest.mark.parametrize("role", ROLES)
def test_every_endpoint_answers_each_role_as_the_dashboard_would(curated, role):
    client = client_for(role)
    expected = ROLES[role][1]
    for name, url in endpoints().items():
        response = client.get(url)
        assert response.status_code == expected, (name, url)
        if expected != 200:
            assert b"results" not in response.content and b"north-atlantic" not in response.content, name
        if expected == 401:
            assert response["WWW-Authenticate"].startswith("Bearer")


def test_nothing_can_be_written(curated):
    client = client_for("Editors")
    for url in ("/api/v1/pacts/", "/api/v1/pacts/north-atlantic-treaty/", "/api/v1/lookup/"):
        for method in (client.post, client.put, client.patch, client.delete):
            assert method(url, {}, content_type="application/json").status_code == 405, (method, url)
    assert Pact.objects.filter(slug="north-atlantic-treaty").exists()


@pytest.mark.parametrize("header", ["Bearer alliances_not-a-token", "Token alliances_not-a-token", "Bearer",
                                    "Bearer two words", "Bearer caf\u00e9"])
def test_a_wrong_token_is_refused_even_with_a_session(curated, header):
    client = client_for("Analysts by session")
    response = client.get("/api/v1/pacts/", HTTP_AUTHORIZATION=header.encode("utf-8").decode("latin-1"))
    assert response.status_code == 401
    assert "detail" in response.json()


def test_an_inactive_users_token_is_refused(curated):
    user = _user("Analysts")
    _token, key = ApiToken.objects.create_token(user, "laptop")
    user.is_active = False
    user.save()
    assert Client().get("/api/v1/pacts/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_only_a_digest_is_stored_and_use_is_recorded(curated):
    token, key = ApiToken.objects.create_token(_user("Analysts"), "laptop")
    assert key.startswith("alliances_") and len(key) > 40
    assert key not in {token.digest, token.shown} and key.startswith(token.shown)
    assert token.last_used_on is None
    Client().get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer {key}")
    token.refresh_from_db()
    assert token.last_used_on is not None


def test_the_admin_shows_a_new_token_once(curated, admin_client_):
    analyst = _user("Analysts")
    response = admin_client_.post("/admin/api/apitoken/add/", {"user": analyst.pk, "name": "R scripts"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=analyst)
    key = response.context["key"]
    assert key in response.content.decode() and token.digest != key
    assert "no-store" in response["Cache-Control"]
    for page in ("/admin/api/apitoken/", f"/admin/api/apitoken/{token.pk}/change/"):
        assert key not in admin_client_.get(page).content.decode()
    assert Client().get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    # Revoked in the admin: refused from then on.
    admin_client_.post(f"/admin/api/apitoken/{token.pk}/delete/", {"post": "yes"})
    assert Client().get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


def test_an_analyst_cannot_make_tokens_in_the_admin(curated):
    client = client_for("Analysts by session")
    assert client.get("/admin/api/apitoken/add/").status_code == 403


def test_the_command_creates_lists_and_revokes(curated, capsys):
    _user("Analysts")
    call_command("api_token", "create", "analysts", "--name", "scripts")
    key = capsys.readouterr().out.strip()
    assert Client().get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    call_command("api_token", "list")
    listed = capsys.readouterr().out
    assert "scripts" in listed and key not in listed
    shown = ApiToken.objects.get().shown
    call_command("api_token", "revoke", shown)
    assert not ApiToken.objects.exists()
    assert Client().get("/api/v1/states/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


@pytest.mark.parametrize("arguments,message", [
    (["create", "nobody", "--name", "x"], "No user is named"),
    (["create", "analysts", "--name", " "], "Give the token a name"),
    (["revoke", "alliances_zz"], "No token begins with"),
])
def test_the_command_names_bad_input_and_changes_nothing(curated, arguments, message):
    _user("Analysts")
    with pytest.raises(CommandError, match=message):
        call_command("api_token", *arguments)
    assert not ApiToken.objects.exists()


def test_a_token_for_a_user_without_a_role_is_made_with_a_warning(curated, capsys):
    _user("no role")
    call_command("api_token", "create", "no-role", "--name", "x")
    assert "no role" in capsys.readouterr().err


def test_requests_are_limited_per_user(curated, monkeypatch):
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute"})
    cache.clear()
    first, second = client_for("Analysts"), client_for("Editors")
    statuses = [first.get("/api/v1/states/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert second.get("/api/v1/states/").status_code == 200
    cache.clear()


def test_no_cross_origin_reading_is_allowed(curated):
    client = client_for("Analysts")
    response = client.get("/api/v1/pacts/", HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 200
    assert not any(name.lower().startswith("access-control-") for name in response.headers)
    preflight = client.options("/api/v1/pacts/", HTTP_ORIGIN="https://elsewhere.example",
                               HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert not any(name.lower().startswith("access-control-") for name in preflight.headers)


def test_answers_are_never_cached(curated):
    response = client_for("Analysts").get("/api/v1/states/")
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_roles_come_from_the_dashboards_groups(curated):
    user = _user("no role")
    client = Client()
    client.force_login(user)
    assert client.get("/api/v1/states/").status_code == 403
    user.groups.add(Group.objects.get(name="Analysts"))
    assert client.get("/api/v1/states/").status_code == 200
