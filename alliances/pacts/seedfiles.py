"""Reading source documents from the seeds/ folder, and matching excerpts against them."""

import re
from pathlib import Path

from django.conf import settings

_WHITESPACE = re.compile(r"\s+")


def normalise_whitespace(text):
    """Collapse every run of white space to one space: the only normalisation allowed
    when checking that an excerpt is verbatim."""
    return _WHITESPACE.sub(" ", text).strip()


def seed_path(relative, seeds_dir=None):
    """The absolute path of a seed file, or None if the name escapes seeds/."""
    base = Path(seeds_dir or settings.SEEDS_DIR).resolve()
    if not relative:
        return None
    path = (base / relative).resolve()
    if base != path and base not in path.parents:
        return None
    return path


def read_seed_text(relative, seeds_dir=None):
    """The text of a seed file, or None where it is missing or unreadable."""
    path = seed_path(relative, seeds_dir)
    if path is None or not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def occurs_verbatim(excerpt, document):
    return normalise_whitespace(excerpt) in normalise_whitespace(document)
