"""Browser tests drive the system's Chromium through Playwright (no browser download)."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model

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
    page.click("button[type=submit]")
    page.wait_for_url(site + "/")
    return page


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
