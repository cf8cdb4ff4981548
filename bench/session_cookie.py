"""Prints a session cookie for a staff analyst, for the load test (run with the app's settings)."""

import os
import sys
from pathlib import Path

import django

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "alliances.settings")
django.setup()

from staff_login import staff_session_cookie  # noqa: E402

print(staff_session_cookie())
