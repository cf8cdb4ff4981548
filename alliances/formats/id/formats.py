"""Bahasa Indonesia: dates as Indonesian writes them (7 September 1996, September 1996,
19 Juni 2024, 14.30), numbers with Django's Indonesian separators (15.560; 0,85).

Dates typed into an address or a form are read as in English, so that a bookmarked or
shared address names the same day in either language (Django's Indonesian list reads
both 10/12/2024 and 12/10/2024 as day first and month first)."""

from django.conf.locale.en import formats as english

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H.i"
YEAR_MONTH_FORMAT = "F Y"
DATE_INPUT_FORMATS = english.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = english.DATETIME_INPUT_FORMATS
