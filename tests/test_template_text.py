"""No template shows text outside the translation tags: every run of words a reader sees,
and every attribute a reader or a screen reader is given (title, aria-label, placeholder,
alt, a button's value), comes from {% translate %} / {% blocktranslate %} or from a value.

Each template is parsed by Django's template engine; what its tags and variables render
is set aside, and the remaining HTML is read for letters."""

from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.template import engines
from django.template.base import TextNode, VariableNode
from django.template.loader_tags import BlockNode, ExtendsNode
from django.templatetags.i18n import BlockTranslateNode, TranslateNode

from tests.catalogs import PROJECT

# What a tag or a variable renders: no letters, and no text of its own.
VALUE = "\ue000"
READ_ATTRIBUTES = {"title", "aria-label", "aria-description", "aria-roledescription", "aria-placeholder",
                   "placeholder", "alt", "label", "summary"}
BUTTON_TYPES = {"submit", "button", "reset"}


def template_files():
    folders = [Path(folder) for config in settings.TEMPLATES for folder in config.get("DIRS", [])]
    folders += sorted((PROJECT / "alliances").glob("**/templates"))
    return sorted({path for folder in folders for path in folder.glob("**/*.html")})


def skeleton(nodelist, blocks=None):
    """The template's HTML with every tag's and variable's output replaced by VALUE, and the
    content of block tags (if, for, with, block...) kept, each branch in turn. A template
    that extends another is read in its parent, each block where the parent puts it."""
    blocks = blocks or {}
    parts = []
    for node in nodelist:
        if isinstance(node, TextNode):
            parts.append(node.s)
        elif isinstance(node, (VariableNode, TranslateNode, BlockTranslateNode)):
            parts.append(VALUE)
        elif isinstance(node, ExtendsNode):
            parent = engines["django"].engine.get_template(node.parent_name.resolve({}))
            parts.append(skeleton(parent.nodelist, {**node.blocks, **blocks}))
        elif isinstance(node, BlockNode):
            parts.append(skeleton(blocks.get(node.name, node).nodelist, blocks))
        else:
            if getattr(node, "conditions_nodelists", None) is not None:
                children = [branch for _condition, branch in node.conditions_nodelists]
            else:
                children = [getattr(node, name) for name in node.child_nodelists if getattr(node, name, None)]
            parts.append(VALUE.join(skeleton(child, blocks) for child in children) if children else VALUE)
    return "".join(parts)


class TextFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.skipping = 0

    @staticmethod
    def has_words(text):
        return any(ch.isalpha() for ch in text.replace(VALUE, ""))

    @staticmethod
    def shown(text):
        return " ".join(text.strip(VALUE + " \n\t").replace(VALUE, "{{…}}").split())

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            readable = name in READ_ATTRIBUTES or (
                name == "value" and tag in ("input", "button") and attributes.get("type") in BUTTON_TYPES
            )
            if readable and value and self.has_words(value):
                self.found.append(f'<{tag} {name}="{self.shown(value)}">')
        if tag in ("script", "style"):
            self.skipping += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping and self.has_words(data):
            self.found.append(self.shown(data))


def untranslated_text(source):
    """The texts of a template's source that a reader sees outside the translation tags."""
    template = engines["django"].from_string(source)
    finder = TextFinder()
    finder.feed(skeleton(template.template.nodelist))
    finder.close()
    return finder.found


TEMPLATES = template_files()


def test_the_templates_are_found():
    names = {path.relative_to(PROJECT).as_posix() for path in TEMPLATES}
    assert {"templates/base.html", "templates/pacts/home.html", "templates/registration/login.html"} <= names


@pytest.mark.parametrize("path", TEMPLATES, ids=[p.relative_to(PROJECT).as_posix() for p in TEMPLATES])
def test_a_template_shows_no_text_outside_the_translation_tags(path):
    found = untranslated_text(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(PROJECT)} shows text outside {{% translate %}} / {{% blocktranslate %}}:\n" + \
        "\n".join(f"  {text!r}" for text in found)


@pytest.mark.parametrize("source,found", [
    ("<p>Hello</p>", ["Hello"]),
    ('{% load i18n %}<p>{% translate "Hello" %} {{ name }} · 3 – ×</p>', []),
    ('{% load i18n %}{% if x %}<b>Yes</b>{% else %}{% blocktranslate %}No {{ x }}{% endblocktranslate %}{% endif %}',
     ["Yes"]),
    ('{% for x in y %}{{ x }}{% empty %}none{% endfor %}', ["none"]),
    ('<a href="/x" title="Remove this">{{ x }}</a>', ['<a title="Remove this">']),
    ('{% load i18n %}<a title="{% translate "Remove" %}" aria-label="{{ label }}">{{ x }}</a>', []),
    ('<input type="submit" value="Go"><input type="hidden" name="next" value="/pacts/">', ['<input value="Go">']),
    ('<script>const words = "not read";</script><style>p::before { content: "x"; }</style>', []),
    ('<span class="status status-{{ s }}" data-kind="defence">{{ s.label }}</span>', []),
    ('{% block content %}<h1>Title {{ x }}</h1>{% endblock %}', ["Title"]),
    ('{% extends "base.html" %}{% block body_class %}wide{% endblock %}{% block content %}<p>Words</p>{% endblock %}',
     ["Words"]),
])
def test_the_check_finds_text_outside_the_tags_and_nothing_else(source, found):
    assert untranslated_text(source) == found
