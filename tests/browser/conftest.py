"""Browser tests drive the system's Chromium through Playwright (no browser download)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from alliances.pacts.importers.curation.loader import load

CHROMIUM = os.environ.get("ALLIANCES_CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]

# The live server runs in another thread of this process; Playwright's sync API runs an
# event loop in this one, which Django would otherwise refuse to share.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required for the browser tests and was not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}; install the chromium package to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(transactional_db, live_server):
    load(settings.FIXTURES_DIR, settings.SEEDS_DIR)
    from django.apps import apps
    from django.contrib.auth.models import Group

    from alliances.pacts.roles import ANALYSTS, create_roles

    create_roles(apps)  # a flush between live-server tests removes the roles the migration made
    user = get_user_model().objects.create_user("analyst", password="browser-test-password", is_staff=True)
    user.groups.add(Group.objects.get(name=ANALYSTS))
    return live_server.url


@pytest.fixture
def page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def signed_in(page, site):
    page.goto(site + "/login/")
    page.fill("#id_username", "analyst")
    page.fill("#id_password", "browser-test-password")
    page.click("main button[type=submit]")  # not the language switcher in the header
    page.wait_for_url(site + "/")
    return page


def watch(page):
    """Collect on `page` every CSP violation, console error and failed request it meets."""
    page.problems = []
    # A missing resource is named by its response (the console says only "Failed to load");
    # the browser's own request for a favicon is not the page's.
    page.on("console", lambda m: page.problems.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    page.on("response", lambda r: page.problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber + ' ' + (e.target && e.target.outerHTML ? e.target.outerHTML.slice(0, 200) : '')))"
    )
    return page


@pytest.fixture
def watched(signed_in):
    """The signed-in page, collecting every CSP violation and console error it meets."""
    return watch(signed_in)


def screenshot(page, name):
    # One folder per database: `make test` runs both halves of the suite at once.
    folder = SCREENSHOTS / connection.vendor
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
