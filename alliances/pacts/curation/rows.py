"""Curated records as flat rows, read either from the fixture files or from the database.

A row is one model record in fixture form: its natural key (a tuple) and a dict of its
non-empty fixture values. Reading both sides into the same form lets the loader compare
them and the exporter write the database back out in the files' own layout.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from .spec import BY_NAME, FILES, SPECS, children_of, curated_filter
from .values import FixtureValueError, check_scalar, format_pdate, is_empty


@dataclass
class Row:
    spec: object
    key: tuple
    values: dict
    where: str = ""
    parent_key: tuple = ()

    def describe(self):
        return values_label(self.spec, self.key)


def is_scoped(spec):
    """Records whose key only makes sense inside their parent (a clause label, a party's
    state and date); records with a key of their own ("key", "slug", "code") are global."""
    return spec.parent is not None and spec.key != ("key",)


def own_key(spec, values):
    return tuple(values.get(name) for name in spec.key)


def full_key(spec, values, parent_key):
    own = own_key(spec, values)
    return (parent_key + own) if is_scoped(spec) else own


def empty_rows():
    return {spec.name: {} for spec in SPECS}


# --- from the files ---------------------------------------------------------------


class FixtureReader:
    """Reads every fixture file into rows, collecting every problem instead of stopping
    at the first, so an editor sees the whole list at once."""

    def __init__(self, fixtures_dir):
        self.base = Path(fixtures_dir)
        self.rows = empty_rows()
        self.errors = []

    def read(self):
        if not self.base.is_dir():
            self.errors.append(_("%(where)s: the fixtures folder does not exist") % {"where": self.base})
            return self.rows, self.errors
        for name, spec, list_key in FILES:
            path = self.base / name
            if list_key is None:
                self._read_folder(path, spec)
            else:
                self._read_list_file(path, spec, list_key)
        return self.rows, self.errors

    def _display(self, path):
        try:
            return str(path.relative_to(self.base.parent))
        except ValueError:
            return str(path)

    def _load_json(self, path):
        shown = self._display(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.errors.append(_("%(where)s: file is missing") % {"where": shown})
            return None
        except (OSError, UnicodeDecodeError) as error:
            self.errors.append(_("%(where)s: cannot be read as UTF-8 text (%(error)s)") % {"where": shown, "error": error})
            return None
        repeated = []
        try:
            data = json.loads(text, object_pairs_hook=lambda pairs: _object_noting_repeats(pairs, repeated))
        except json.JSONDecodeError as error:
            self.errors.append(
                _("%(where)s: malformed JSON at line %(line)d, column %(column)d: %(error)s")
                % {"where": shown, "line": error.lineno, "column": error.colno, "error": error.msg}
            )
            return None
        for key in dict.fromkeys(repeated):
            self.errors.append(
                _('%(where)s: the key "%(key)s" appears twice in one object (only the last would count); keep one')
                % {"where": shown, "key": key}
            )
        return None if repeated else data

    def _read_list_file(self, path, spec, list_key):
        data = self._load_json(path)
        if data is None:
            return
        shown = self._display(path)
        if not isinstance(data, dict) or set(data) != {list_key} or not isinstance(data[list_key], list):
            self.errors.append(_('%(where)s: expected an object {"%(key)s": [...]}') % {"where": shown, "key": list_key})
            return
        for index, item in enumerate(data[list_key]):
            self._read_record(spec, item, (), f"{shown}: {list_key}[{index}]")

    def _read_folder(self, folder, spec):
        if not folder.is_dir():
            self.errors.append(_("%(where)s: folder is missing") % {"where": self._display(folder)})
            return
        for path in sorted(folder.glob("*.json")):
            data = self._load_json(path)
            if data is None:
                continue
            row = self._read_record(spec, data, (), self._display(path))
            if row is not None and path.stem != row.key[0]:
                self.errors.append(
                    _('%(where)s: the file name must be the %(field)s "%(key)s" followed by .json')
                    % {"where": self._display(path), "field": spec.key[0], "key": row.key[0]}
                )

    def _read_record(self, spec, item, parent_key, where):
        if spec.value_list:
            values = self._read_value_list_item(spec, item, where)
        else:
            values = self._read_fields(spec, item, where)
        if values is None:
            return None
        key = full_key(spec, values, parent_key)
        row = Row(spec, key, values, where, parent_key)
        required = {f.name for f in spec.fields if f.required}
        if any(values.get(name) is None for name in spec.key if name in required):
            return None  # the missing key field was already reported
        table = self.rows[spec.name]
        if key in table:
            self.errors.append(
                _("%(where)s: duplicate %(record)s (first at %(first)s)")
                % {"where": where, "record": row.describe(), "first": table[key].where}
            )
            return None
        table[key] = row
        if not spec.value_list:
            self._read_children(spec, item, key, where)
        return row

    def _read_value_list_item(self, spec, item, where):
        field = next(f for f in spec.fields if f.name == spec.value_list)
        try:
            check_scalar(field, item)
        except FixtureValueError as error:
            self.errors.append(f"{where}: {error}")
            return None
        return {spec.value_list: item}

    def _read_fields(self, spec, item, where):
        if not isinstance(item, dict):
            self.errors.append(_("%(where)s: expected an object for a %(record)s") % {"where": where, "record": spec.name})
            return None
        known = {f.name for f in spec.fields} | {c.nest_as for c in children_of(spec)}
        for unknown in sorted(set(item) - known):
            self.errors.append(
                _('%(where)s: unknown field "%(field)s" in a %(record)s') % {"where": where, "field": unknown, "record": spec.name}
            )
        values = {}
        for field in spec.fields:
            value = item.get(field.name)
            if is_empty(value):
                if field.required:
                    self.errors.append(_('%(where)s: required field "%(field)s" is missing') % {"where": where, "field": field.name})
                continue
            try:
                values[field.name] = check_scalar(field, value)
            except FixtureValueError as error:
                self.errors.append(_('%(where)s: field "%(field)s": %(error)s') % {"where": where, "field": field.name, "error": error})
        return values

    def _read_children(self, spec, item, key, where):
        for child in children_of(spec):
            items = item.get(child.nest_as, [])
            if not isinstance(items, list):
                self.errors.append(_('%(where)s: "%(field)s" must be a list') % {"where": where, "field": child.nest_as})
                continue
            label = values_label(spec, key)
            for index, child_item in enumerate(items):
                self._read_record(child, child_item, key, f"{where} ({label}): {child.nest_as}[{index}]")


def _object_noting_repeats(pairs, repeated):
    """A JSON object as a dict, noting each key it holds more than once (json.loads would
    otherwise keep the last value without a word)."""
    seen = set()
    for key, _value in pairs:
        if key in seen:
            repeated.append(key)
        seen.add(key)
    return dict(pairs)


def values_label(spec, key):
    return f"{spec.name} {' / '.join(str(part) for part in key)}"


def read_fixtures(fixtures_dir):
    return FixtureReader(fixtures_dir).read()


# --- from the database ------------------------------------------------------------


def related_paths(spec):
    paths = [f.model_attr for f in spec.fields if f.kind in ("ref", "localref")]
    chain, current = [], spec
    while current.parent is not None:
        chain.append(current.parent_attr)
        paths.append("__".join(chain))
        current = BY_NAME[current.parent]
    return paths


def field_value(obj, field):
    """The fixture value of one field of a model instance (None when empty)."""
    if field.kind == "pdate":
        return format_pdate(getattr(obj, f"{field.name}_on"), getattr(obj, f"{field.name}_precision"))
    if field.kind == "date":
        value = getattr(obj, field.model_attr)
        return value.isoformat() if value else None
    if field.kind == "ref":
        related = getattr(obj, field.model_attr)
        return None if related is None else getattr(related, BY_NAME[field.target].key[0])
    if field.kind == "localref":
        related = getattr(obj, field.model_attr)
        return None if related is None else related.label
    value = getattr(obj, field.model_attr)
    return None if is_empty(value) else value


def instance_key(obj, spec):
    """The natural key of a model instance, following parents as the files nest them."""
    values = {name: field_value(obj, next(f for f in spec.fields if f.name == name)) for name in spec.key}
    parent_key = ()
    if is_scoped(spec):
        parent_spec = BY_NAME[spec.parent]
        parent_key = instance_key(getattr(obj, spec.parent_attr), parent_spec)
    return full_key(spec, values, parent_key)


def parent_key_of(obj, spec):
    if spec.parent is None:
        return ()
    return instance_key(getattr(obj, spec.parent_attr), BY_NAME[spec.parent])


def database_rows():
    """Every curated record in the database, as rows."""
    rows = empty_rows()
    for spec in SPECS:
        queryset = spec.model.objects.select_related(*related_paths(spec)).filter(**curated_filter(spec))
        if spec.fixed:
            queryset = queryset.filter(**spec.fixed)
        for obj in queryset.order_by("pk"):
            values = {}
            for field in spec.fields:
                value = field_value(obj, field)
                if not is_empty(value):
                    values[field.name] = value
            key = instance_key(obj, spec)
            where = _("database %(record)s #%(pk)s") % {"record": spec.model._meta.verbose_name, "pk": obj.pk}
            rows[spec.name][key] = Row(spec, key, values, where, parent_key_of(obj, spec))
    return rows
