"""The project's message catalog: Django's makemessages with the project's choices made
once, so that `manage.py makemessages` (and the test that checks the catalog is current)
always builds the same catalog:

- every interface language but English (settings.LANGUAGES) unless -l names some;
- only the project's files: not the virtualenv, the data, the documents or test output;
- entries sorted by message and located by file only, without line numbers or a creation
  date, so that a change elsewhere in a file, or a new run, leaves the catalog as it was,
  and two branches that add messages seldom touch the same lines;
- the texts the interface shows from data files of the application (DATA_MESSAGES),
  which xgettext cannot read, extracted beside those of the code.
"""

import re
from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages
from django.core.management.utils import popen_wrapper

from alliances.pacts.pictures import worldmap

IGNORED = [
    "var", "test-output", "tests", "seeds", "fixtures", "docs", "assets", "staticfiles", "node_modules",
    "*.egg-info", "alliances/static",
]

# (path of the data file, relative to the project, the texts the interface shows from it)
DATA_MESSAGES = [
    (worldmap.MAPPING_FILE, worldmap.notes_shown),
]


def po_string(text):
    """`text` as a PO file's quoted string."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    return f'"{escaped}"'


class Command(makemessages.Command):
    msgmerge_options = makemessages.Command.msgmerge_options + ["--sort-output"]
    msguniq_options = makemessages.Command.msguniq_options + ["--sort-output"]

    def handle(self, *args, **options):
        if not (options["locale"] or options["exclude"] or options["all"]):
            options["locale"] = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
        options["ignore_patterns"] = list(options["ignore_patterns"]) + IGNORED
        options["add_location"] = "file"
        options["no_wrap"] = True
        options["no_obsolete"] = True
        return super().handle(*args, **options)

    def build_potfiles(self):
        potfiles = super().build_potfiles()
        for potfile in potfiles:
            if Path(potfile).resolve().parent == Path(settings.LOCALE_PATHS[0]).resolve():
                self.add_data_messages(potfile)
        return potfiles

    def add_data_messages(self, potfile):
        entries = []
        for path, messages in DATA_MESSAGES:
            where = Path(path).resolve().relative_to(settings.BASE_DIR)
            for text in sorted(set(messages())):
                entries.append(f"#: {where}\nmsgid {po_string(text)}\nmsgstr \"\"\n")
        with open(potfile, "a", encoding="utf-8", newline="\n") as file:
            file.write("\n" + "\n".join(entries))
        msgs, errors, status = popen_wrapper(["msguniq", *self.msguniq_options, potfile])
        if status:
            raise makemessages.CommandError(f"msguniq failed on the data messages:\n{errors}")
        Path(potfile).write_text(makemessages.normalize_eols(msgs), encoding="utf-8")

    def write_po_file(self, potfile, locale):
        super().write_po_file(potfile, locale)
        # The creation date changes at every run and says nothing the history does not.
        pofile = Path(potfile).parent / locale / "LC_MESSAGES" / f"{self.domain}.po"
        text = pofile.read_text(encoding="utf-8")
        pofile.write_text(re.sub(r'^"POT-Creation-Date: [^"]*"\n', "", text, flags=re.M), encoding="utf-8")
