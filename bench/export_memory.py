"""Peak memory and time of exporting the whole pact list and the whole matrix, as CSV and
as JSON, each in a fresh process, against the database DATABASE_URL names.

Usage: DATABASE_URL=... .venv/bin/python bench/export_memory.py
Prints rows, bytes, seconds and the process's peak resident memory before and after the
export: the growth should not depend on the number of rows (streamed a chunk at a time).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPORTS = [
    ("pact list", "/pacts/?export=csv"),
    ("pact list", "/pacts/?export=json"),
    ("matrix", "/compare/?export=csv"),
    ("matrix", "/compare/?export=json"),
]

CHILD = r"""
import json, resource, sys, time
sys.argv = ["pages"]
sys.path[:0] = [{bench!r}, {root!r}]
from pages import environ, serve, staff_session_cookie, WSGIHandler
handler = WSGIHandler()
cookie = staff_session_cookie()
serve(handler, "/pacts/?per_page=10", cookie)  # imports, templates, connection: paid before measuring
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
result = handler(environ({address!r}, cookie, {{}}), lambda status, headers, exc_info=None: None)
size = lines = 0
for chunk in result:  # read as a server would: each chunk sent, then dropped
    size += len(chunk)
    lines += chunk.count(b"\n")
result.close()
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
rows = lines - 1 if {address!r}.endswith("csv") else lines - 2
print(json.dumps({{"rows": rows, "bytes": size, "seconds": seconds, "before_kib": before, "after_kib": after}}))
"""


def main():
    print(f"{'export':<20}{'rows':>8}{'MiB out':>9}{'seconds':>9}{'RSS before':>12}{'RSS peak':>10}{'growth':>9}")
    for name, address in EXPORTS:
        code = CHILD.format(bench=str(ROOT / "bench"), root=str(ROOT), address=address)
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=os.environ)
        if result.returncode:
            raise SystemExit(result.stderr)
        m = json.loads(result.stdout.strip().splitlines()[-1])
        label = f"{name} {address.rsplit('=', 1)[1]}"
        print(f"{label:<20}{m['rows']:>8}{m['bytes'] / 2**20:>9.1f}{m['seconds']:>9.2f}"
              f"{m['before_kib'] / 1024:>10.0f}Mi{m['after_kib'] / 1024:>8.0f}Mi{(m['after_kib'] - m['before_kib']) / 1024:>7.0f}Mi")
    print(f"reproduce: DATABASE_URL=... {sys.executable} bench/export_memory.py")


if __name__ == "__main__":
    main()
