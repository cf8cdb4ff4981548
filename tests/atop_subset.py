"""Importing a few alliances of the shared ATOP 5.1 copy, as the importer reads the whole:
the real records of the pacts a test asks about, in seconds instead of minutes."""

import os
from pathlib import Path

import pytest

from alliances.pacts.atop_import import MEMBER_FILE, PHASE_FILE, import_atop
from tests.conftest import PROJECT

# The shared data sit beside the clone (as in CI), or where ALLIANCES_SHARED says.
SHARED = Path(os.environ.get("ALLIANCES_SHARED", PROJECT.parent / "shared"))
FULL = SHARED / "data" / "atop"
FULL_STATES = SHARED / "data" / "cow_states" / "statelist2024.csv"

needs_atop = pytest.mark.skipif(not FULL.exists() and not os.environ.get("CI"), reason="the shared ATOP copy is absent")


def import_alliances(folder, atop_ids):
    """Copy the phase and member rows of `atop_ids` (and the header) into `folder`, then
    import them with the Correlates of War state list."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in (PHASE_FILE, MEMBER_FILE):
        with open(FULL / name, encoding="utf-8") as source, open(folder / name, "w", encoding="utf-8") as copy:
            copy.write(next(source))
            copy.writelines(line for line in source if int(line.split(",", 1)[0]) in atop_ids)
    return import_atop(folder, FULL_STATES)
