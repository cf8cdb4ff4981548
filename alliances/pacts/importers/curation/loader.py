"""Loading fixtures into the database: validate everything, then compare, then write.

Policy:
- Any problem in the files stops the load before anything is written (LoadError lists
  every problem, each naming its file and record).
- An empty database receives everything.
- A database that already holds curated data is only compared: the differences are
  reported record by record and nothing changes unless `apply=True`. Records that exist
  only in the database (an editor's additions) are reported and never deleted.
- Writes go through model.save(), so the edit history records them.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from ...loadlock import exclusive_load
from ...sortkeys import refreshed_once
from .checks import check_all
from .rows import database_rows, instance_key, read_fixtures, related_paths
from .spec import SPECS, curated_filter
from .values import parse_date, parse_pdate

# Stored in English, as a key: the history pages show it in the reader's language.
CHANGE_REASON = gettext_noop("loaded from fixtures")


class LoadError(Exception):
    def __init__(self, problems):
        self.problems = problems
        super().__init__("\n".join(problems))


# How the load report names each kind of change.
CHANGE_LABELS = {"new": _("new"), "changed": _("changed"), "database only": _("database only")}


@dataclass
class Change:
    kind: str  # "new", "changed", "database only"
    row: object
    fields: list = field(default_factory=list)  # (name, database value, fixture value)

    def describe(self):
        text = f"{CHANGE_LABELS[self.kind]}: {self.row.describe()}"
        for name, old, new in self.fields:
            text += f"\n    {name}: {old!r} -> {new!r}"
        return text


@dataclass
class LoadReport:
    changes: list
    applied: bool
    was_empty: bool

    @property
    def pending(self):
        return [c for c in self.changes if c.kind != "database only"]

    def lines(self):
        return [change.describe() for change in self.changes]


def compare(fixture_rows, db_rows):
    changes = []
    for spec in SPECS:
        wanted, present = fixture_rows[spec.name], db_rows[spec.name]
        for key, row in wanted.items():
            existing = present.get(key)
            if existing is None:
                changes.append(Change("new", row))
                continue
            names = sorted(set(row.values) | set(existing.values))
            diffs = [
                (n, existing.values.get(n), row.values.get(n))
                for n in names
                if existing.values.get(n) != row.values.get(n)
            ]
            if diffs or existing.parent_key != row.parent_key:
                if existing.parent_key != row.parent_key:
                    diffs.append(("parent", existing.parent_key, row.parent_key))
                changes.append(Change("changed", row, diffs))
        for key, row in present.items():
            if key not in wanted:
                changes.append(Change("database only", row))
    return changes


def validate(fixtures_dir, seeds_dir):
    rows, errors = read_fixtures(fixtures_dir)
    if not errors:
        errors = check_all(rows, seeds_dir)
    if errors:
        raise LoadError(errors)
    return rows


def load(fixtures_dir, seeds_dir, apply=False):
    """Validate the fixtures and load them per the policy above, one load at a time
    (LoadRunning while another runs). Returns a LoadReport."""
    with exclusive_load():
        return _load(fixtures_dir, seeds_dir, apply)


def _load(fixtures_dir, seeds_dir, apply):
    rows = validate(fixtures_dir, seeds_dir)
    with transaction.atomic():
        current = database_rows()
        was_empty = not any(current[spec.name] for spec in SPECS)
        changes = compare(rows, current)
        if not (was_empty or apply):
            return LoadReport(changes, applied=False, was_empty=False)
        writer = Writer()
        try:
            with refreshed_once():
                writer.write([c for c in changes if c.kind != "database only"])
        except (ValidationError, DatabaseError) as error:
            raise LoadError([f"{writer.current}: {_explain(error)}"]) from error
    return LoadReport(changes, applied=True, was_empty=was_empty)


def _explain(error):
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(texts)}" for name, texts in error.message_dict.items())
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error).strip()


class Writer:
    """Creates and updates model instances from rows, resolving natural keys to ids."""

    def __init__(self):
        self.ids = {spec.name: {} for spec in SPECS}
        self.current = ""
        self.deferred = []

    def write(self, changes):
        by_spec = {spec.name: [] for spec in SPECS}
        for change in changes:
            by_spec[change.row.spec.name].append(change)
        for spec in SPECS:
            self._index(spec)
            for change in by_spec[spec.name]:
                self._save(change.row)
        for obj, attr, spec_name, key, row in self.deferred:
            self.current = row.where
            setattr(obj, f"{attr}_id", self._id(spec_name, key))
            obj._change_reason = CHANGE_REASON
            obj.save(update_fields=[attr])

    def _index(self, spec):
        queryset = spec.model.objects.select_related(*related_paths(spec)).filter(**curated_filter(spec))
        if spec.fixed:
            queryset = queryset.filter(**spec.fixed)
        self.ids[spec.name] = {instance_key(obj, spec): obj.pk for obj in queryset}

    def _id(self, spec_name, key):
        return self.ids[spec_name][key]

    def _save(self, row):
        self.current = row.where
        spec = row.spec
        existing = self.ids[spec.name].get(row.key)
        obj = spec.model.objects.get(pk=existing) if existing else spec.model()
        for name, value in spec.fixed.items():
            setattr(obj, name, value)
        if spec.parent:
            setattr(obj, f"{spec.parent_attr}_id", self._id(spec.parent, row.parent_key))
        for f in spec.fields:
            self._set(obj, f, row)
        obj.full_clean(validate_unique=True)
        obj._change_reason = CHANGE_REASON
        obj.save()
        self.ids[spec.name][row.key] = obj.pk

    def _set(self, obj, f, row):
        value = row.values.get(f.name)
        if f.kind == "pdate":
            day, precision = parse_pdate(value) if value else (None, "")
            setattr(obj, f"{f.name}_on", day)
            setattr(obj, f"{f.name}_precision", precision)
        elif f.kind == "date":
            setattr(obj, f.model_attr, parse_date(value) if value else None)
        elif f.kind in ("ref", "localref"):
            key = (row.parent_key + (value,)) if f.kind == "localref" else (value,)
            if value is not None and f.target == row.spec.name:
                # A link to a record of the same kind (a pact replacing another) is set
                # once every record of that kind exists.
                setattr(obj, f"{f.model_attr}_id", None)
                self.deferred.append((obj, f.model_attr, f.target, key, row))
            else:
                setattr(obj, f"{f.model_attr}_id", self._id(f.target, key) if value is not None else None)
        elif f.kind == "int":
            setattr(obj, f.model_attr, value)
        elif f.kind == "bool":
            setattr(obj, f.model_attr, bool(value))
        else:
            setattr(obj, f.model_attr, value or "")
