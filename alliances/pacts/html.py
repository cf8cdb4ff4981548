"""The one way HTML is built in Python here: every argument escaped unless it is already HTML.

`html(template, *args)` is `format_html`: each argument passes through conditional
escaping (a lazy translation is rendered first; anything with `__html__`, such as a safe
string built here, is kept as it is; everything else is escaped) and the result is marked
safe. `html_join` is `format_html_join`, `attributes` is `flatatt`. They keep Django's
contract (tests/test_html.py compares their output with Django's for every kind of
argument) with less overhead per call: Django's versions route each argument through the
lazy-string machinery, which on a page of a thousand cells costs more than the cells.

No other module marks text safe: tests/test_html.py fails on `mark_safe` or `SafeString`
anywhere else, and on a template that turns escaping off.
"""

from html import escape as _escape

from django.utils.functional import Promise
from django.utils.safestring import SafeString


def _escaped(value):
    """conditional_escape(value), as a str (safe or not) for a template to take in."""
    kind = type(value)
    if kind is str:
        return _escape(value)
    if kind is SafeString:
        return value
    if isinstance(value, Promise):
        value = str(value)
    to_html = getattr(value, "__html__", None)
    if to_html is not None:
        return to_html()
    return _escape(str(value))


def escaped(value):
    """`conditional_escape(value)`: the value as safe HTML."""
    text = _escaped(value)
    return text if isinstance(text, SafeString) else SafeString(text)


def html(template, *args):
    """`format_html(template, *args)`: the template is trusted, the arguments are not."""
    if isinstance(template, Promise):
        template = str(template)
    return SafeString(template.format(*map(_escaped, args)))


# Joins the plain strings of many rows so that they are escaped in one call: it is a
# character that escaping leaves alone and that no text here holds (databases refuse it).
_BETWEEN = "\x00"
_MANY = 16  # rows from which escaping them together pays


def html_join(separator, template, rows):
    """`format_html_join(separator, template, rows)`: `template` filled from each row's
    arguments, escaped, the results joined by the (escaped) separator. The plain strings
    of all rows are escaped together (a select's hundreds of options, say)."""
    if isinstance(template, Promise):
        template = str(template)
    rows = [row if type(row) is tuple else tuple(row) for row in rows]
    if len(rows) < _MANY:
        return SafeString(_escaped(separator).join([template.format(*map(_escaped, row)) for row in rows]))
    flat = [arg for row in rows for arg in row]
    plain = [index for index, arg in enumerate(flat) if type(arg) is str]
    if len(plain) > 1:
        joined_plain = _BETWEEN.join([flat[index] for index in plain])
        if joined_plain.count(_BETWEEN) == len(plain) - 1:
            for index, text in zip(plain, _escape(joined_plain).split(_BETWEEN)):
                flat[index] = text
            plain = ()
    for index in plain:
        flat[index] = _escape(flat[index])
    flat = [arg if type(arg) is str or type(arg) is SafeString else _escaped(arg) for arg in flat]
    pieces, start = [], 0
    for row in rows:
        end = start + len(row)
        pieces.append(template.format(*flat[start:end]))
        start = end
    return SafeString(_escaped(separator).join(pieces))


def joined(separator, pieces):
    """The pieces, each escaped, joined by the (escaped) separator."""
    return SafeString(_escaped(separator).join([_escaped(piece) for piece in pieces]))


_NONE = SafeString("")


def attributes(attrs):
    """`flatatt(attrs)`: ` name="value"` for each attribute in name order, then ` name` for
    each that is True; False and None leave it out."""
    if not attrs:
        return _NONE
    values = sorted((name, value) for name, value in attrs.items() if not isinstance(value, bool) and value is not None)
    flags = sorted(name for name, value in attrs.items() if value is True)
    return SafeString("".join([' {}="{}"'.format(_escaped(name), _escaped(value)) for name, value in values]
                              + [" {}".format(_escaped(name)) for name in flags]))
