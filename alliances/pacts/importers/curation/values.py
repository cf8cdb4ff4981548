"""Converting single values between fixture JSON and model attributes."""

import datetime
import re

from django.utils.translation import gettext as _

from ...choices import DatePrecision

_PDATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class FixtureValueError(ValueError):
    """A fixture value that cannot be read; the message says why."""


def parse_pdate(text):
    """'1996' / '1996-09' / '1996-09-07' -> (date, precision)."""
    if not isinstance(text, str):
        raise FixtureValueError(_("expected a date string such as 1996, 1996-09 or 1996-09-07, got %(value)s") % {"value": repr(text)})
    match = _PDATE.match(text)
    if not match:
        raise FixtureValueError(_("%(value)s is not a date of the form 1996, 1996-09 or 1996-09-07") % {"value": repr(text)})
    year, month, day = match.groups()
    try:
        if day:
            return datetime.date(int(year), int(month), int(day)), DatePrecision.DAY.value
        if month:
            return datetime.date(int(year), int(month), 1), DatePrecision.MONTH.value
        return datetime.date(int(year), 1, 1), DatePrecision.YEAR.value
    except ValueError as error:
        raise FixtureValueError(_("%(value)s is not a real date (%(error)s)") % {"value": repr(text), "error": error}) from None


def format_pdate(day, precision):
    if day is None:
        return None
    if precision == DatePrecision.YEAR:
        return f"{day.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def parse_date(text):
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise FixtureValueError(_("%(value)s is not a date of the form YYYY-MM-DD") % {"value": repr(text)})
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise FixtureValueError(_("%(value)s is not a real date (%(error)s)") % {"value": repr(text), "error": error}) from None


def check_scalar(field, value):
    """Raise FixtureValueError unless `value` fits the field's kind; return the fixture value."""
    kind = field.kind
    if kind in ("str", "text", "ref", "localref"):
        if not isinstance(value, str):
            raise FixtureValueError(_("expected text, got %(value)s") % {"value": repr(value)})
        if "\x00" in value:
            raise FixtureValueError(_("contains a NUL character"))
        if kind == "str" and ("\n" in value or "\r" in value):
            raise FixtureValueError(_("must be a single line"))
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise FixtureValueError(_("expected a whole number, got %(value)s") % {"value": repr(value)})
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise FixtureValueError(_("expected true or false, got %(value)s") % {"value": repr(value)})
        return value
    if kind == "choice":
        allowed = field.enum.values
        if value not in allowed:
            raise FixtureValueError(_("%(value)s is not one of: %(allowed)s") % {"value": repr(value), "allowed": ", ".join(allowed)})
        return value
    if kind == "pdate":
        parse_pdate(value)
        return value
    if kind == "date":
        parse_date(value)
        return value
    raise AssertionError(f"unknown field kind {kind}")


def is_empty(value):
    return value is None or value == "" or value is False or value == []
