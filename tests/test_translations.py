"""The interface's catalogs (alliances/locale/<language>/LC_MESSAGES/django.po): complete,
current with the code and templates, and faithful to each message's placeholders.

A failure names the file a message comes from and the message. After changing the
interface's strings, `make messages` updates the catalog; then translate what it names.
"""

import gettext
import re
import subprocess

import pytest
from django.conf import settings

from tests.catalogs import CATALOGS, LOCALE, PROJECT, fresh_catalog, header, messages, read_po

LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def catalog(language):
    return LOCALE / language / "LC_MESSAGES" / "django.po"


def listing(entries, describe=lambda e: ""):
    return "\n".join(f"  {e.where}: {e.msgid!r}{describe(e)}" for e in entries)


def test_every_interface_language_has_a_catalog():
    assert LANGUAGES, "settings.LANGUAGES names no language but English"
    assert [path.parents[1].name for path in CATALOGS] == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = messages(read_po(catalog(language)))
    untranslated = [e for e in entries if not e.translated]
    fuzzy = [e for e in entries if "fuzzy" in e.flags]
    assert not untranslated, f"{len(untranslated)} messages have no {language} translation:\n{listing(untranslated)}"
    assert not fuzzy, (
        f"{len(fuzzy)} translations are marked fuzzy (a guess by msgmerge: check each, then remove the flag):\n"
        + listing(fuzzy, lambda e: f" -> {e.msgstr.get(0)!r}")
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_header_names_the_language_and_its_plural_forms(language):
    entries = read_po(catalog(language))
    fields = header(entries)
    assert fields["Language"] == language
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    if language == "id":
        # Indonesian has one form for every number (the plural is shown by context or by
        # reduplication, never by the number).
        assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    forms = int(re.search(r"nplurals=(\d+)", fields["Plural-Forms"]).group(1))
    wrong = [e for e in messages(entries) if e.msgid_plural and sorted(e.msgstr) != list(range(forms))]
    assert not wrong, f"plural messages must have {forms} form(s) (msgstr[0]..):\n{listing(wrong)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_holds_every_message_of_the_code_and_templates_and_no_other(language, tmp_path):
    """makemessages, run into a copy of the project, finds exactly the messages the committed
    catalog holds: a message added to the code or a template, or changed there, is missing
    from the catalog until `make messages` is run and it is translated."""
    committed = {e.key: e for e in messages(read_po(catalog(language)))}
    current = {e.key: e for e in messages(fresh_catalog(language, tmp_path))}
    missing = [current[key] for key in current.keys() - committed.keys()]
    stale = [committed[key] for key in committed.keys() - current.keys()]
    report = []
    if missing:
        report.append(f"{len(missing)} messages of the code are not in the catalog (run `make messages`, then "
                      f"translate them):\n{listing(sorted(missing, key=lambda e: e.key))}")
    if stale:
        report.append(f"{len(stale)} messages of the catalog are no longer in the code (run `make messages`):\n"
                      + listing(sorted(stale, key=lambda e: e.key)))
    assert not report, "\n".join(report)
    moved = [e for key, e in current.items() if e.files != committed[key].files]
    assert not moved, "messages whose files changed (run `make messages`):\n" + listing(moved)


# What a translation must carry over unchanged: %-placeholders, named or not, {}-fields,
# HTML tags and character references.
PLACEHOLDER = re.compile(r"%\([^)]+\)[#0 +-]*\d*(?:\.\d+)?[sdifr]|%[sdifr]|\{[^{}\s]*\}|</?[a-z][^>]*>|&#?\w+;")


def placeholders(text):
    return sorted(PLACEHOLDER.findall(text.replace("%%", "")))


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_every_placeholder_of_their_message(language):
    wrong = []
    for entry in messages(read_po(catalog(language))):
        for index, text in entry.msgstr.items():
            if not text:
                continue
            source = entry.msgid if index == 0 and not entry.msgid_plural else entry.msgid_plural or entry.msgid
            expected = placeholders(source)
            if entry.msgid_plural:
                # A language with one form uses the plural's placeholders; the singular may
                # leave out a number it implies.
                expected = placeholders(entry.msgid_plural)
            if placeholders(text) != expected:
                wrong.append((entry, text, expected))
    assert not wrong, "translations that lose or add placeholders:\n" + "\n".join(
        f"  {e.where}: {e.msgid!r} -> {text!r} (expected {expected})" for e, text, expected in wrong
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_msgfmt_accepts_the_catalog_and_the_application_reads_that_compilation(language, tmp_path):
    """The .mo the application reads is compiled from the committed .po as it is now
    (`make` compiles it, and so does the test suite when it is stale)."""
    source = catalog(language)
    compiled = tmp_path / "django.mo"
    result = subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    with compiled.open("rb") as fresh, source.with_suffix(".mo").open("rb") as served:
        assert gettext.GNUTranslations(served)._catalog == gettext.GNUTranslations(fresh)._catalog, (
            f"{source.with_suffix('.mo').relative_to(PROJECT)} is not the compilation of {source.relative_to(PROJECT)}"
        )


GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "gettext_noop", "ngettext", "ngettext_lazy", "pgettext",
                 "pgettext_lazy", "npgettext", "npgettext_lazy"}


def python_files():
    return sorted(path for folder in ("alliances", "bench") for path in (PROJECT / folder).rglob("*.py")
                  if "migrations" not in path.parts)


def test_no_message_is_marked_inside_an_f_string():
    """xgettext, which makemessages runs, does not read inside f-strings: a message marked
    there never reaches the catalog and shows in English in every language."""
    import ast

    found = []
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
                if name in GETTEXT_NAMES and any(isinstance(a, ast.Constant) and isinstance(a.value, str)
                                                 for a in call.args):
                    found.append(f"  {path.relative_to(PROJECT)}:{call.lineno}: {ast.unparse(call)}")
    assert not found, "messages marked inside f-strings (give them a name first):\n" + "\n".join(found)
