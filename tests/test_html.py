"""HTML built in Python has one entry point (alliances.pacts.html), which escapes every
argument as Django's format_html does; nothing else marks text safe."""

import ast
import re
from pathlib import Path

import pytest
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from alliances.pacts.html import attributes, escaped, html, html_join, joined

PROJECT = Path(__file__).resolve().parent.parent
HELPER = PROJECT / "alliances" / "pacts" / "html.py"


class Marked:
    def __html__(self):
        return "<b>marked</b>"

    def __str__(self):
        return "<never used>"


ARGUMENTS = [
    "plain", "<script>alert('x')</script>", 'a "quoted" & <tagged> text', "", "Ünïcødé — ‘quotes’",
    mark_safe("<em>safe</em>"), SafeString("<i>also safe</i>"), gettext_lazy("every party"), 42, 0, None, 3.5,
    Marked(), ["<list>"],
]


@pytest.mark.parametrize("argument", ARGUMENTS, ids=range(len(ARGUMENTS)))
def test_each_argument_is_escaped_as_format_html_escapes_it(argument):
    assert escaped(argument) == conditional_escape(argument)
    assert html("<p>{}</p>", argument) == format_html("<p>{}</p>", argument)
    assert isinstance(html("<p>{}</p>", argument), SafeString)


def test_joins_and_attributes_give_djangos_answers():
    rows = [(value, value) for value in ARGUMENTS]
    assert html_join(" · ", "<a title='{}'>{}</a>", rows) == format_html_join(" · ", "<a title='{}'>{}</a>", rows)
    assert html_join("<br>", "{}", [("x",)]) == format_html_join("<br>", "{}", [("x",)])
    assert joined("<hr>", ["<a>", mark_safe("<b>")]) == "&lt;a&gt;&lt;hr&gt;<b>"
    attrs = {"class": "date", "title": '<"quoted">', "multiple": True, "hidden": False, "data-x": None, "id": 7}
    assert attributes(attrs) == flatatt(attrs)


def test_a_trusted_template_is_not_escaped_but_its_arguments_are():
    assert html('<a href="{}">{}</a>', "/?a=1&b=2", "<x>") == '<a href="/?a=1&amp;b=2">&lt;x&gt;</a>'


# --- nothing else marks text safe ----------------------------------------------------

MARKERS = {"mark_safe", "SafeString", "SafeText", "SafeData"}


def _marker(node):
    function = node.func
    name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", None)
    return name if name in MARKERS else None


def _built(argument):
    """What an argument is built from, if it is built by formatting or concatenation."""
    if isinstance(argument, ast.JoinedStr):
        return "an f-string"
    if isinstance(argument, ast.BinOp) and isinstance(argument.op, (ast.Add, ast.Mod)):
        return "a concatenation"
    if isinstance(argument, ast.Call) and isinstance(argument.func, ast.Attribute) and argument.func.attr == "format":
        return "str.format"
    return None


def problems(source, path, helper=False):
    """Each place the source marks text safe: anywhere outside the helper module; inside it,
    wherever the text is an f-string or a concatenation."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and _marker(node):
            built = _built(node.args[0]) if node.args else None
            if not helper or built in ("an f-string", "a concatenation"):
                found.append(f"{path}:{node.lineno}: {_marker(node)}({built or '…'})")
    return found


def python_files():
    for folder in ("alliances", "bench"):
        for path in sorted((PROJECT / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_module_but_the_helper_marks_text_safe():
    found = []
    for path in python_files():
        found += problems(path.read_text(), path.relative_to(PROJECT), helper=path == HELPER)
    assert found == []


def test_the_check_finds_what_it_looks_for():
    assert problems('mark_safe(f"<b>{x}</b>")', "x.py") == ['x.py:1: mark_safe(an f-string)']
    assert problems('safestring.mark_safe("<b>" + x)', "x.py") == ['x.py:1: mark_safe(a concatenation)']
    assert problems('SafeString("<b>%s</b>" % x)', "x.py") == ['x.py:1: SafeString(a concatenation)']
    assert problems('mark_safe(text)', "x.py") == ['x.py:1: mark_safe(…)']
    assert problems('SafeString(f"{x}")', "html.py", helper=True) == ['html.py:1: SafeString(an f-string)']
    assert problems('SafeString(template.format(*args))', "html.py", helper=True) == []


UNSAFE_IN_TEMPLATES = re.compile(r"\|\s*safe(seq)?\b|{%\s*autoescape\s+off")


def test_no_template_turns_escaping_off():
    found = [
        f"{path.relative_to(PROJECT)}:{number}"
        for path in sorted((PROJECT / "templates").rglob("*.html"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if UNSAFE_IN_TEMPLATES.search(line)
    ]
    assert found == []
    assert UNSAFE_IN_TEMPLATES.search("{{ x|safe }}") and UNSAFE_IN_TEMPLATES.search("{% autoescape off %}")


def test_many_rows_are_escaped_as_each_would_be():
    rows = [(f"<{n}>", mark_safe(f"<b>{n}</b>"), "a & b", n, gettext_lazy("every party")) for n in range(50)]
    assert html_join("", "<p>{}{}{}{}{}</p>", rows) == format_html_join("", "<p>{}{}{}{}{}</p>", rows)
    with_nul = [("a\x00b", "<c>"), ("d", "e")]
    assert html_join("", "{}{}", with_nul) == format_html_join("", "{}{}", with_nul)


def test_a_select_of_declared_choices_renders_as_one_of_choices_read_now():
    from alliances.pacts.filtersets import Choices
    from alliances.pacts.widgets import Select

    pairs = [("a&b", "<b>x</b>"), ("c", gettext_lazy("every party"))]
    kept, read_now = Select(choices=Choices(pairs)), Select(choices=Choices(pairs, kept=False))
    for value in ("a&b", "c", None):
        assert kept.render("f", value) == read_now.render("f", value) == Select(choices=pairs).render("f", value)
    assert "&lt;b&gt;x&lt;/b&gt;" in kept.render("f", "c") and 'value="a&amp;b" selected' in kept.render("f", "a&b")
