"""Every page needs a staff login, except a short, pinned list."""

import re
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import PROJECT

SAMPLES = {"int": "1", "slug": "sample", "str": "sample", "path": "sample/1", "uuid": "0" * 32}


def _sample(route):
    """A concrete URL piece for a route pattern (path converters or admin's and the API
    router's regexes)."""
    route = re.sub(r"\(\?P<\w+>([^)|]+)(?:\|[^)]*)?\)", r"\1", route)  # first alternative of a group
    route = re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: SAMPLES.get(m.group(1) or "str", "sample"), route)
    route = route.replace("[^/.]+", "sample").replace("[A-Za-z]{3}", "ABC")
    route = route.replace("^", "").replace("$", "").replace("\\", "")
    return route.replace(".*", "sample").replace("[/]+", "sample")


def all_urls(patterns=None, prefix="", namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = _sample(str(entry.pattern))
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            yield from all_urls(entry.url_patterns, prefix + route, inner)
        elif isinstance(entry, URLPattern):
            yield "/" + prefix + route, entry.name, namespace.strip(":")


URLS = list(all_urls())
EXEMPT = {("login", ""), ("health", ""), ("set_language", "")}


def test_the_exemptions_are_exactly_the_login_page_the_health_check_and_the_language_switch():
    # The language switch only sets the language cookie (a CSRF-protected POST), so that
    # the login page can be read in either language.
    assert settings.LOGIN_EXEMPT_URL_NAMES == ["login", "health", "set_language"]


def test_the_walk_covers_the_dashboard_and_the_admin():
    names = {(namespace, name) for _, name, namespace in URLS}
    assert {("pacts", "home"), ("pacts", "pact-detail"), ("pacts", "source-detail"), ("", "login"), ("", "logout"),
            ("admin", "index"), ("admin", "pacts_pact_changelist")} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("url,name,namespace", URLS, ids=[f"{ns}:{n}:{u}" for u, n, ns in URLS])
def test_anonymous_visitors_are_sent_to_login(client, url, name, namespace):
    response = client.get(url)
    if name == "set_language":
        # Without a POST it changes nothing and sends back to the home page (which needs a login).
        assert response.status_code == 302 and response["Location"] == "/"
        assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    elif (name, namespace) in EXEMPT:
        assert response.status_code == 200
    elif namespace.split(":")[0] == settings.API_URL_NAMESPACE:
        # Scripts are told to authenticate, not sent to a page (tests/test_api_access.py).
        assert response.status_code == 401, url
        assert response["WWW-Authenticate"].startswith("Bearer")
    else:
        assert response.status_code == 302, url
        assert response["Location"].startswith("/login/?next=")


@pytest.mark.django_db
def test_a_signed_in_user_who_is_not_staff_is_refused(client):
    user = get_user_model().objects.create_user("outsider", password="a-long-test-password")
    client.force_login(user)
    assert client.get("/").status_code == 403


@pytest.mark.django_db
def test_unknown_addresses_do_not_reveal_themselves_to_anonymous_visitors(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 302


@pytest.mark.django_db
def test_static_files_need_no_login(client):
    response = client.get("/static/alliances/site.css")
    assert response.status_code == 200


@pytest.mark.django_db
def test_staff_can_sign_in_through_the_login_page(client, staff_user):
    response = client.post("/login/", {"username": "analyst", "password": "a-long-test-password"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


STRONG_KEY = "k3y-" + "q9Zx7Lm2Rt5Vw8Yb1Nc4Hf6Jd0Gs3Pk" * 2


def _django(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key_or_hosts():
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/unused.sqlite3"}
    missing_key = _django(env, "check")
    assert missing_key.returncode != 0 and "ALLIANCES_SECRET_KEY" in missing_key.stderr
    missing_hosts = _django({**env, "ALLIANCES_SECRET_KEY": STRONG_KEY}, "check")
    assert missing_hosts.returncode != 0 and "ALLIANCES_ALLOWED_HOSTS" in missing_hosts.stderr


@pytest.mark.parametrize("key", ["abcde", "x" * 60, "abcd" * 20, "k3y-q9Zx7Lm2Rt5Vw8Yb1Nc4Hf6Jd0Gs3Pk-49-characters",
                                 "django-insecure-" + STRONG_KEY],
                         ids=["5 characters", "1 distinct", "4 distinct", "49 characters", "insecure prefix"])
def test_production_refuses_to_start_with_a_weak_secret_key(key):
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
           "ALLIANCES_ALLOWED_HOSTS": "alliances.example.org", "ALLIANCES_SECRET_KEY": key}
    result = _django(env, "check")
    assert result.returncode != 0 and "ALLIANCES_SECRET_KEY is too weak" in result.stderr
    # The same key passes on a developer's machine, where debug is on.
    assert _django({**env, "ALLIANCES_DEBUG": "1"}, "check").returncode == 0


def test_production_settings_pass_the_deployment_check():
    env = {
        "PATH": "/usr/bin:/bin",
        "DATABASE_URL": "sqlite:////tmp/unused.sqlite3",
        "ALLIANCES_SECRET_KEY": STRONG_KEY,
        "ALLIANCES_ALLOWED_HOSTS": "alliances.example.org",
    }
    result = _django(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_the_health_check_answers_anyone_and_says_nothing_else(client):
    response = client.get("/health/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_the_health_check_reports_a_dead_database(client, monkeypatch):
    from django.db import DatabaseError, connection

    def broken(*args, **kwargs):
        raise DatabaseError("down")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/health/")
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}
