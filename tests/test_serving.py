"""The server's worker settings (gunicorn.conf.py): each worker loads the URL configuration
before its first request, then freezes what it has loaded, so that full garbage collections
under load no longer walk the application's long-lived objects (docs/load.md)."""

import gc
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[1] / "gunicorn.conf.py"


def test_a_worker_freezes_what_it_loaded_before_its_first_request():
    settings = runpy.run_path(str(CONFIG))
    before = gc.get_freeze_count()
    try:
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_after_its_first_requests_a_worker_freezes_what_they_filled_in():
    settings = runpy.run_path(str(CONFIG))
    worker = type("Worker", (), {})()
    try:
        for nr in range(1, 102):
            worker.nr = nr
            before = gc.get_freeze_count()
            leftover = [[] for _ in range(50)]  # what a request leaves behind
            settings["post_request"](worker, None, {}, None)
            frozen = gc.get_freeze_count() > before
            assert frozen == (nr in settings["FREEZE_AFTER_REQUESTS"]), nr
            del leftover
    finally:
        gc.unfreeze()
