"""Reading GNU gettext catalogs (.po files) and the interface's own messages, for the tests
of the translations."""

import ast
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
LOCALE = PROJECT / "alliances" / "locale"
# The interface's languages other than English, each with its catalog.
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict = field(default_factory=dict)  # {index: text}; index 0 without plural forms
    flags: set = field(default_factory=set)
    files: list = field(default_factory=list)
    obsolete: bool = False
    line: int = 0

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def where(self):
        """Where the message comes from, for a failure message."""
        return ", ".join(self.files) or "(no location)"

    @property
    def translated(self):
        return bool(self.msgstr) and all(text for text in self.msgstr.values())

    @property
    def sources(self):
        """The English texts: the message, and its plural form if it has one."""
        return [self.msgid] + ([self.msgid_plural] if self.msgid_plural else [])


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$')


def _string(quoted):
    # PO strings use C's escapes, which a Python string literal reads the same way.
    return ast.literal_eval(quoted)


def read_po(path):
    """The entries of a .po file, the header (msgid "") first."""
    entries, entry, last = [], None, None

    def finish():
        if entry is not None:
            entries.append(entry)

    pending = {"flags": set(), "files": []}
    for number, raw in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            continue
        if line.startswith("#,"):
            pending["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#:"):
            pending["files"] += [place.rsplit(":", 1)[0] if place.rsplit(":", 1)[-1].isdigit() else place
                                 for place in line[2:].split()]
            continue
        if line.startswith("#"):
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, quoted = match.groups()
            # An entry starts at its context, or at its message where it has no context.
            if keyword == "msgctxt" or (keyword == "msgid" and last != "msgctxt"):
                finish()
                entry = Entry(msgid="", flags=pending["flags"], files=pending["files"], obsolete=obsolete,
                              line=number)
                pending = {"flags": set(), "files": []}
            if keyword == "msgctxt":
                entry.msgctxt = _string(quoted)
            elif keyword == "msgid":
                entry.msgid = _string(quoted)
            elif keyword == "msgid_plural":
                entry.msgid_plural = _string(quoted)
            else:
                entry.msgstr[int(index or 0)] = _string(quoted)
            last = keyword if index is None else ("msgstr", int(index))
            continue
        if line.startswith('"'):
            text = _string(line)
            if last == "msgctxt":
                entry.msgctxt += text
            elif last == "msgid":
                entry.msgid += text
            elif last == "msgid_plural":
                entry.msgid_plural += text
            elif last == "msgstr":
                entry.msgstr[0] += text
            elif isinstance(last, tuple):
                entry.msgstr[last[1]] += text
            continue
        raise ValueError(f"{path}:{number}: cannot read {raw!r}")
    finish()
    return entries


def messages(entries):
    """The entries that are messages: not the header, not obsolete."""
    return [e for e in entries if e.msgid and not e.obsolete]


def header(entries):
    found = next(e for e in entries if e.msgid == "" and e.msgctxt is None)
    return dict(line.split(": ", 1) for line in found.msgstr[0].splitlines() if ": " in line)


def fresh_catalog(language, tmp_path):
    """The catalog `manage.py makemessages` builds from the code and templates as they are
    now, built in a copy of the project so that the committed catalog is left alone.
    Returns the new .po file's entries."""
    copy = tmp_path / "project"
    ignored = shutil.ignore_patterns(
        ".git", ".venv", "var", "test-output", "seeds", "fixtures", "node_modules", "__pycache__", "*.mo",
        ".pytest_cache", ".hypothesis",
    )
    shutil.copytree(PROJECT, copy, ignore=ignored)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", language, "--verbosity", "0"],
        cwd=copy, capture_output=True, text=True, timeout=300,
        env={"PATH": "/usr/bin:/bin:/usr/local/bin", "ALLIANCES_DEBUG": "1",
             "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return read_po(copy / "alliances" / "locale" / language / "LC_MESSAGES" / "django.po")
