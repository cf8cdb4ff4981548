"""The commitment network at the size of the data DATABASE_URL holds (import ATOP into it
first): for each day, the server time of /network/?on=<day> (median of --runs requests
through Django's WSGI handler, production settings, signed in), its size (the page, and the
network's data in it), and in Chromium the time from navigation to the first drawing and
the drawing's own time (layout and paint, measured by the page: data-first-draw-ms).

Usage: DATABASE_URL=sqlite:////tmp/atop.sqlite3 .venv/bin/python bench/network.py \
           [--days 1914-06-01 1980-01-01 2010-01-01 2026-01-01] [--runs 5]
The browser part serves the same database with gunicorn on 127.0.0.1 (debug settings, so
that static files are served) and drives /usr/bin/chromium (ALLIANCES_CHROMIUM) through
Playwright. Prints one line per day and query.
"""

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
os.environ.setdefault("ALLIANCES_SECRET_KEY", "bench-only-" + "x" * 50)
os.environ.setdefault("ALLIANCES_ALLOWED_HOSTS", "testserver,127.0.0.1")
os.environ.setdefault("ALLIANCES_SSL_REDIRECT", "0")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

# Static addresses without collectstatic's manifest (the times measured do not read it).
settings.STORAGES = {**settings.STORAGES,
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

from staff_login import staff_session_cookie  # noqa: E402

CHROMIUM = os.environ.get("ALLIANCES_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


def server_times(client, url, runs):
    times, size, data = [], 0, 0
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url, secure=True)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, url
        size = len(response.content)
        found = re.search(rb'<script id="network-data" type="application/json">(.*?)</script>', response.content, re.S)
        data = len(found.group(1))
    return statistics.median(times), size, data


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_times(urls, cookie):
    from playwright.sync_api import sync_playwright

    port = free_port()
    env = dict(os.environ, ALLIANCES_DEBUG="1", ALLIANCES_ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "alliances.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--timeout", "120",
         "--access-logfile", "/dev/null"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    results = {}
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        name, value = cookie.split("=", 1)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.add_cookies([{"name": name, "value": value, "url": base}])
            page = context.new_page()
            page.set_default_timeout(120000)
            page.goto(base + "/static/alliances/vendor/d3.min.js")  # cached, as on a second visit
            for url in urls:
                page.goto(base + url)
                page.wait_for_selector("#network-canvas[data-ready='1']")
                results[url] = page.evaluate(
                    "() => ({ready: performance.now(), draw: Number(document.getElementById('network-canvas')"
                    ".dataset.firstDrawMs), edges: Number(document.getElementById('network-canvas').dataset.edges)})")
            browser.close()
    finally:
        server.terminate()
        server.wait()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", nargs="+", default=["1914-06-01", "1980-01-01", "2010-01-01", "2026-01-01"])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    cookie = staff_session_cookie("network-bench")
    client = Client(HTTP_COOKIE=cookie)
    urls = []
    for day in options.days:
        urls.append(f"/network/?on={day}")
        if day >= "2019":
            urls.append(f"/network/?on={day}&unknown=1")
    urls.append(f"/network/?on={options.days[-2] if len(options.days) > 1 else options.days[0]}&commitment_type=defense")
    measured = {url: server_times(client, url, options.runs) for url in urls}
    drawn = browser_times(urls, cookie)
    print(f"network at the size of {os.environ.get('DATABASE_URL', 'the default database')}; server: median of "
          f"{options.runs} requests through the WSGI handler; browser: Chromium {CHROMIUM}, 1280x900, no GPU")
    print(f"{'address':<52} {'edges':>6} {'server':>8} {'page':>9} {'data':>9} {'draw':>7} {'ready':>7}")
    for url in urls:
        server, size, data = measured[url]
        browser = drawn[url]
        print(f"{url:<52} {browser['edges']:>6} {server * 1000:>6.0f}ms {size / 1024:>7.0f}KiB {data / 1024:>7.0f}KiB "
              f"{browser['draw']:>5.0f}ms {browser['ready']:>5.0f}ms")


if __name__ == "__main__":
    main()
