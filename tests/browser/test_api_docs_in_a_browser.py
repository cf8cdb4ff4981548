"""The API's documentation page in a browser, under the site's Content Security Policy."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser

# Records what the page's policy blocks, before any of the page's own scripts run.
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


def test_the_api_docs_render_under_the_content_security_policy(signed_in, site):
    page = signed_in
    page.add_init_script(WATCH_VIOLATIONS)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    response = page.goto(site + "/api/v1/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".opblock-summary-path", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/pacts/" in paths and "/api/v1/dyad-years.csv" in paths
    # Try an endpoint from the page, as a reader would: the browser's session signs it.
    page.locator(".opblock-summary-path", has_text="/api/v1/states/").first.click()
    page.get_by_role("button", name="Try it out").first.click()
    page.get_by_role("button", name="Execute").first.click()
    page.wait_for_selector(".response-col_status >> text=200", timeout=20000)
    assert page.evaluate("window.cspViolations") == []
    assert not [e for e in errors if "Content Security Policy" in e]
    screenshot(page, "api-docs")
