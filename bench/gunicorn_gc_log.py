"""gunicorn configuration for bench/load.sh with GC_LOG=1: the project's own settings
(gunicorn.conf.py; FREEZE=0 leaves out its freezes), and each worker writes the count and the
longest of its full garbage collections to the error log when it exits, so that a tail can be
matched to them."""

import gc
import importlib.util
import os
import pathlib
import time

_spec = importlib.util.spec_from_file_location(
    "project_gunicorn_conf", pathlib.Path(__file__).resolve().parents[1] / "gunicorn.conf.py"
)
_project = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_project)
_freeze = os.environ.get("FREEZE", "1") != "0"

_started = {}
_full = []


def _timed(phase, info):
    if info["generation"] != 2:
        return
    if phase == "start":
        _started["at"] = (time.perf_counter(), time.process_time())
    elif "at" in _started:
        wall, cpu = _started.pop("at")
        _full.append(((time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000))


def post_worker_init(worker):
    if _freeze:
        _project.post_worker_init(worker)
    gc.callbacks.append(_timed)


def post_request(worker, req, environ, resp):
    if _freeze:
        gc.callbacks.remove(_timed)  # the freeze's own collection is not a request's pause
        _project.post_request(worker, req, environ, resp)
        gc.callbacks.append(_timed)


def worker_exit(server, worker):
    # Wall time includes waiting for a core on a busy machine; processor time does not.
    worker.log.error(
        "pid %s: %d full garbage collections, longest %.0f ms (processor %.0f ms), in all %.0f ms (processor %.0f ms)",
        worker.pid, len(_full),
        max((w for w, _ in _full), default=0), max((c for _, c in _full), default=0),
        sum(w for w, _ in _full), sum(c for _, c in _full),
    )
