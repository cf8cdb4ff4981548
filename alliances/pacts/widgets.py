"""Form widgets that render in Python.

Django renders each widget, and each option of a select, through a template; the filter
form of a dashboard page, with a select of every state, cost more than the rest of the
page. These are Django's widgets with `render` writing the same HTML directly, every value
escaped (alliances.pacts.html). Filters name them as their widget.
"""

import copy

from django import forms
from django.utils.translation import get_language

from .html import attributes, html, html_join

SELECTED = html(" selected")


class PythonRendered:
    def render(self, name, value, attrs=None, renderer=None):
        return self.html(name, value, self.build_attrs(self.attrs, attrs))

    def __deepcopy__(self, memo):
        """Django's copy of a widget for each form (its own attributes and choices), made
        directly instead of through the generic copy machinery."""
        copied = object.__new__(type(self))
        memo[id(self)] = copied
        copied.__dict__.update(self.__dict__)
        copied.attrs = self.attrs.copy()
        if "_choices" in self.__dict__:
            copied.choices = copy.copy(self._choices)
        return copied


class TextInput(PythonRendered, forms.TextInput):
    def html(self, name, value, attrs):
        value = self.format_value(value)
        if value is not None:
            attrs["value"] = value
        return html('<input type="{}" name="{}"{}>', self.input_type, name, attributes(attrs))


class NumberInput(TextInput, forms.NumberInput):
    pass


class DateInput(TextInput, forms.DateInput):
    """A date picker: the browser's own, ISO dates in the address."""

    input_type = "date"

    def __init__(self, attrs=None, format="%Y-%m-%d"):
        super().__init__(attrs, format)


class Select(PythonRendered, forms.Select):
    # {value as text: rows} when the options carry counts (a form's own copy of the
    # widget is given them: DashboardFilterSet.facet_counts); an option missing has none.
    counts = None

    def html(self, name, value, attrs):
        if self.allow_multiple_selected:
            attrs["multiple"] = True
        chosen = {str(v) for v in self.format_value(value)}
        escaped_pairs = getattr(self.choices, "escaped_pairs", None)
        if escaped_pairs is None:
            triples = [(str(option), option, label) for option, label in self.choices]
        else:  # escaped once per language (filtersets.Choices)
            triples = escaped_pairs(get_language())
        counts = self.counts
        if counts is None:
            options = html_join("", '<option value="{}"{}>{}</option>', (
                (option, SELECTED if text in chosen else "", label) for text, option, label in triples
            ))
        else:
            options = html_join("", '<option value="{}" data-count="{}"{}>{}</option>', (
                (option, counts.get(text, 0), SELECTED if text in chosen else "", label) for text, option, label in triples
            ))
        return html('<select name="{}"{}>{}</select>', name, attributes(attrs), options)


class SelectMultiple(Select, forms.SelectMultiple):
    pass
