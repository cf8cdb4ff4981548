"""Dates that carry their precision, and reasoning with them.

A stored date is the first day of the period it stands for: (1996-01-01, YEAR) is
"some day in 1996". A question like "had it happened by 1996-06-30?" then has three
answers: yes, no, or "the data cannot say" (None).
"""

import calendar
import datetime

from django.db import models
from django.db.models import F, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import DatePrecision


def period_end(day, precision):
    """The last day of the period a stored date stands for."""
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 12, 31)
    if precision == DatePrecision.MONTH:
        return datetime.date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def period_start(day, precision):
    if precision == DatePrecision.YEAR:
        return datetime.date(day.year, 1, 1)
    if precision == DatePrecision.MONTH:
        return datetime.date(day.year, day.month, 1)
    return day


def happened_by(event_day, precision, day):
    """True if the event certainly happened on or before `day`, False if certainly
    after it, None if `day` falls inside the event's uncertain period."""
    if day >= period_end(event_day, precision):
        return True
    if day < period_start(event_day, precision):
        return False
    return None


def format_day(day):
    """A day as the reader's language writes it (settings.FORMAT_MODULE_PATH): 1996-09-07
    in English, 7 September 1996 in Indonesian."""
    return date_format(day, "DATE_FORMAT")


def format_date(day, precision):
    """A date shown no more precisely than it is known, as the reader's language writes it."""
    if day is None:
        return _("unknown")
    if precision == DatePrecision.YEAR:
        return f"{day.year}"
    if precision == DatePrecision.MONTH:
        return date_format(day, "YEAR_MONTH_FORMAT")
    return format_day(day)


# --- constraint builders, so every model states the same rules the same way ---------


def precision_constraint(model_label, field):
    """A date has a precision exactly when it is set."""
    return models.CheckConstraint(
        condition=(
            Q(**{f"{field}_on__isnull": True, f"{field}_precision": ""})
            | (Q(**{f"{field}_on__isnull": False}) & ~Q(**{f"{field}_precision": ""}))
        ),
        name=f"{model_label}_{field}_precision_iff_date",
    )


def order_constraint(model_label, earlier, later):
    """`later` is not before `earlier` where both are known."""
    return models.CheckConstraint(
        condition=(
            Q(**{f"{earlier}_on__isnull": True})
            | Q(**{f"{later}_on__isnull": True})
            | Q(**{f"{later}_on__gte": F(f"{earlier}_on")})
        ),
        name=f"{model_label}_{later}_not_before_{earlier}",
    )


def precision_field(label):
    return models.CharField(label, max_length=5, choices=DatePrecision.choices, blank=True)
