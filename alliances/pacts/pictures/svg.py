"""Pieces every server-built picture uses: the SVG element with its title and description,
a time axis, and the periods over which a standing (standing.py) keeps one answer.

Colours are SVG presentation attributes, not style attributes or classes alone, so that a
downloaded picture looks as it does on the page and the Content Security Policy (no
inline style) is kept. Every mark carries a class naming what it stands for; tests count
marks by class.
"""

import datetime
import itertools

from django.utils.html import format_html, format_html_join

from ..dates import period_end, period_start

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
INK, MUTED, LINE = "#1d2430", "#5b6676", "#d8dde5"
_ids = itertools.count(1)


def new_id(prefix):
    """An id for one picture's title, description and patterns: a page may hold several."""
    return f"{prefix}-{next(_ids)}"


def document(width, height, title, description, body, css_class, id_prefix="picture"):
    """An <svg> that names itself for screen readers (role img, its title and description)
    and scales to the width it is given."""
    uid = new_id(id_prefix)
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'class="picture {cls}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
        'font-family="{font}" font-size="12" fill="{ink}">'
        '<title id="{uid}-title">{title}</title><desc id="{uid}-desc">{desc}</desc>{body}</svg>',
        w=width, h=height, cls=css_class, uid=uid, font=FONT, ink=INK, title=title, desc=description,
        body=body,
    )


def hatch(pattern_id, colour):
    """A pattern of diagonal lines, for what the data cannot say."""
    return format_html(
        '<pattern id="{}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="{}" '
        'stroke-width="3"/></pattern>',
        pattern_id, colour,
    )


def join(parts):
    """The parts one after another; a part not already marked safe is escaped."""
    return format_html_join("", "{}", ((part,) for part in parts))


def number(value):
    """A coordinate as SVG writes it: at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class TimeAxis:
    """Days from `start` to `end` along x from `left` to `right`."""

    STEPS = (1, 2, 5, 10, 20, 25, 50, 100)

    def __init__(self, start, end, left, right):
        if end <= start:
            end = start + datetime.timedelta(days=365)
        self.start, self.end, self.left, self.right = start, end, left, right
        self.scale = (right - left) / (end - start).days

    def x(self, day):
        day = min(max(day, self.start), self.end)
        return self.left + (day - self.start).days * self.scale

    def years(self, most=12):
        """Round years to label, at most `most` of them."""
        first, last = self.start.year, self.end.year
        step = next((s for s in self.STEPS if (last - first) / s <= most), 200)
        year = (first + step - 1) // step * step
        while year <= last:
            day = datetime.date(year, 1, 1)
            if day >= self.start:
                yield year, self.x(day)
            year += step

    def grid(self, top, bottom):
        """Vertical lines and year labels under them."""
        return format_html_join(
            "",
            '<line class="tick" x1="{0}" x2="{0}" y1="{1}" y2="{2}" stroke="{3}"/>'
            '<text x="{0}" y="{4}" text-anchor="middle" fill="{5}" font-size="11">{6}</text>',
            ((number(x), top, bottom, LINE, bottom + 13, MUTED, year) for year, x in self.years()),
        )


def bounds_of(day, precision):
    """The period a stored date stands for, as (first day, day after the last)."""
    last = period_end(day, precision)
    return period_start(day, precision), last + datetime.timedelta(days=1) if last < datetime.date.max else last


def periods(standing, row, start, end):
    """(from, until, answer) over [start, end): the standing's answer for `row`, asked once
    per period in which it cannot change (Standing.changes)."""
    days = sorted(d for d in standing.changes(row) if start < d < end)
    result = []
    for first, after in zip([start, *days], [*days, end]):
        answer = standing.of(row, first)
        if result and result[-1][2] == answer:
            result[-1] = (result[-1][0], after, answer)
        else:
            result.append((first, after, answer))
    return result
