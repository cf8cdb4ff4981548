"""Check the directed dyad-years of the ATOP pacts against ATOP's state-year file."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from alliances.api.atop_check import FIRST_YEAR, LAST_YEAR, MEMBER_FILE, STATE_YEAR_FILE, compare
from alliances.api.dyadyears import KINDS


class Command(BaseCommand):
    help = _("Compare the directed dyad-years of the pacts with an ATOP id, %(first)d-%(last)d, with ATOP's "
             "state-year file, and list every difference with the alliances behind it.") % {
        "first": FIRST_YEAR, "last": LAST_YEAR}

    def add_arguments(self, parser):
        parser.add_argument("directory", help=_("The folder holding %(files)s.") % {
            "files": f"{STATE_YEAR_FILE}, {MEMBER_FILE}"})

    def handle(self, directory, **options):
        try:
            result = compare(directory)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(_("Cannot read ATOP's files in %(directory)s: %(error)s")
                               % {"directory": directory, "error": error}) from error
        years = result.state_years
        self.stdout.write(_("State-years: %(both)d in both, %(atop)d in ATOP only, %(ours)d in ours only") % {
            "both": years["both"], "atop": years["atop only"], "ours": years["ours only"]})
        for kind in KINDS:
            counts = result.kinds[kind]
            self.stdout.write(_("%(kind)s: agree on %(share).2f%% of the state-years in both (%(cells)s)") % {
                "kind": kind, "share": 100 * result.agreement(kind),
                "cells": ", ".join(_("ATOP %(atop)s/ours %(ours)s: %(count)d") % {
                    "atop": a, "ours": "NA" if b is None else b, "count": n} for (a, b), n in sorted(
                    counts.items(), key=lambda item: (item[0][0], -1 if item[0][1] is None else item[0][1])))})
        alliances = result.alliances
        self.stdout.write(_("Alliance memberships (state, year, alliance): %(both)d in both, %(atop)d in ATOP only, "
                            "%(ours)d in ours only") % {
            "both": alliances["both"], "atop": alliances["atop only"], "ours": alliances["ours only"]})
        self.stdout.write(_("Differences, by what differs and the alliances behind it:"))
        for (what, behind), keys in result.differences.items():
            years = sorted({year for _state, year in keys})
            states = sorted({state for state, _year in keys})
            self.stdout.write(_("  %(what)s; ATOP ids %(ids)s: %(count)d (states %(states)s; "
                                "years %(first)d-%(last)d)") % {
                "what": what, "ids": ", ".join(map(str, behind)) or "-", "count": len(keys),
                "states": ", ".join(map(str, states)), "first": years[0], "last": years[-1]})
