"""Writing the database's curated data back to fixtures/, in the files' own layout.

The output is stable: records in a fixed order, fields in spec order, empty values left
out, two-space JSON with a final newline. Loading the fixtures and exporting them
therefore reproduces the files byte for byte, and an editor's admin changes show up as
a reviewable diff.
"""

import json
from pathlib import Path

from .rows import database_rows
from .spec import FILES, SPECS, children_of


def _sort_key(spec):
    def key(row):
        return tuple((0, "") if row.values.get(n) is None else (1, row.values.get(n)) for n in spec.order_by)

    return key


def build_documents(rows):
    """Nest rows as the files hold them: {(spec name, key): record dict}."""
    records = {}
    for spec in reversed(SPECS):  # children first, so parents can take them in
        for row in sorted(rows[spec.name].values(), key=_sort_key(spec)):
            if spec.value_list:
                records[(spec.name, row.key)] = row.values[spec.value_list]
                continue
            record = {f.name: row.values[f.name] for f in spec.fields if f.name in row.values}
            records[(spec.name, row.key)] = record
    nested = {}
    for spec in SPECS:
        for row in sorted(rows[spec.name].values(), key=_sort_key(spec)):
            if spec.parent is None:
                continue
            nested.setdefault((spec.parent, row.parent_key, spec.nest_as), []).append(
                records[(spec.name, row.key)]
            )
    for (spec_name, key), record in records.items():
        spec = next(s for s in SPECS if s.name == spec_name)
        for child in children_of(spec):
            items = nested.get((spec_name, key, child.nest_as))
            if items:
                record[child.nest_as] = items
    return records


def dump(data):
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def export_fixtures(fixtures_dir):
    """Write every fixture file from the database. Returns the paths written."""
    base = Path(fixtures_dir)
    rows = database_rows()
    records = build_documents(rows)
    written = []
    for name, spec, list_key in FILES:
        top = [records[(spec.name, row.key)] for row in sorted(rows[spec.name].values(), key=_sort_key(spec))]
        if list_key is not None:
            path = base / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dump({list_key: top}), encoding="utf-8")
            written.append(path)
            continue
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        keep = set()
        for record in top:
            path = folder / f"{record[spec.key[0]]}.json"
            path.write_text(dump(record), encoding="utf-8")
            keep.add(path.name)
            written.append(path)
        for stale in folder.glob("*.json"):
            if stale.name not in keep:
                stale.unlink()
    return written
