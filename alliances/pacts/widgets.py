"""Form widgets that render in Python.

Django renders each widget, and each option of a select, through a template; the filter
form of a dashboard page, with a select of every state, cost more than the rest of the page.
These produce the same HTML directly, every value escaped.
"""

from functools import lru_cache
from html import escape

from django import forms
from django.forms.widgets import Input
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def attrs_html(attrs):
    """flatatt() without format_html_join's lazy-string machinery: ` name="value"` for each
    attribute, ` name` alone for True, nothing for False or None."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class QuickInput(Input):
    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        value = self.format_value(value)
        if value is not None:
            final["value"] = value
        return mark_safe(f'<input type="{escape(self.input_type)}" name="{escape(name)}"{attrs_html(final)}>')


class QuickTextInput(QuickInput, forms.TextInput):
    pass


class QuickNumberInput(QuickInput, forms.NumberInput):
    pass


class QuickDateInput(QuickInput, forms.DateInput):
    pass


@lru_cache(maxsize=32)
def _options(choices, language):
    """Each choice as (value, its <option> tag, the tag selected), every value escaped.
    Kept per choice list (its whole content, the key) and language: the parties are read
    anew at every request, and unless a state was renamed, added or removed their tags are
    the ones built before."""
    options = []
    for value, label in choices:
        value, label = escape(str(value)), escape(str(label))
        options.append((value, f'<option value="{value}">{label}</option>',
                        f'<option value="{value}" selected>{label}</option>'))
    return tuple(options)


class QuickSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        final = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            final["multiple"] = True
        chosen = {escape(str(v)) for v in self.format_value(value)}
        options = "".join(selected if v in chosen else plain for v, plain, selected in self.options_html())
        return mark_safe(f'<select name="{escape(name)}"{attrs_html(final)}>{options}</select>')

    def options_html(self):
        """The options' tags. A shared widget keeps its fixed choices' tags per language
        (finding them by content would translate every label at each request)."""
        language = get_language()
        cached = self.__dict__.get("_options_cache")
        if cached is None or cached[0] is not self.choices:
            cached = self._options_cache = (self.choices, {})
        if language not in cached[1]:
            cached[1][language] = _options(tuple(self.choices), language)
        return cached[1][language]


class QuickSelectMultiple(QuickSelect, forms.SelectMultiple):
    pass


QUICK = {
    forms.TextInput: QuickTextInput,
    forms.NumberInput: QuickNumberInput,
    forms.DateInput: QuickDateInput,
    forms.Select: QuickSelect,
    forms.SelectMultiple: QuickSelectMultiple,
}


def quick(widget):
    """The Python-rendered twin of a stock widget (the widget itself if it has none)."""
    twin = QUICK.get(type(widget))
    if twin is None:
        return widget
    copy = twin(attrs=widget.attrs)
    if hasattr(widget, "choices"):
        copy.choices = widget.choices
    if hasattr(widget, "format"):
        copy.format = widget.format
    return copy


def fields_html(form):
    """Every field of `form` as a labelled filter box, rendered without templates."""
    parts = []
    for name, field in form.fields.items():
        bound = form[name]
        widget_id = bound.auto_id
        widget = field.widget.render(bound.html_name, bound.value(), {"id": widget_id} if widget_id else None)
        parts.append(
            f'<div class="filter-field">\n<label for="{escape(widget_id)}">{escape(str(field.label))}</label>\n'
            f"{widget}\n</div>"
        )
    return mark_safe("\n".join(parts))
