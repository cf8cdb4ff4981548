"""Demonstration data for measuring the dashboard at scale (manage.py generate_demo, bench/):
no page, filter or export of the dashboard imports it."""
