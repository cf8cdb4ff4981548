"""What gunicorn reads when it is started from the project's folder (`bench/load.sh`, and a
server run the same way): sync workers that keep what they loaded out of the garbage
collector's sight, so that a full collection walks only what requests leave behind."""

import gc

# After these requests of a worker, what its first requests filled in (compiled templates,
# translations, cached querysets' SQL) is frozen as well: by the hundredth it holds still.
FREEZE_AFTER_REQUESTS = (1, 10, 100)


def _freeze():
    gc.collect()  # no garbage is kept for ever
    gc.freeze()


def post_worker_init(worker):
    # The application's modules, models, URL patterns and translations live as long as the
    # worker; unfrozen, every full collection walked them, a pause under load (docs/load.md).
    from django.urls import get_resolver

    get_resolver().url_patterns  # the URL configuration now, not in the first request
    _freeze()


def post_request(worker, req, environ, resp):
    # Runs once the response has been written.
    if worker.nr in FREEZE_AFTER_REQUESTS:
        _freeze()
