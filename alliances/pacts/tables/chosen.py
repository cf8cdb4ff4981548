"""A user's choice of a table's columns: which of its shown columns, in which order.

The choice names the columns a table shows by default (`visible`); export-only columns
(`visible=False`, the identifiers and evidence exports add) are not on the screen and are
not chosen: an export writes the chosen columns in the chosen order, then those.
"""

from django.utils.translation import gettext as _

SEPARATOR = ","


def choosable(table_class):
    """The names of the columns the table shows by default, in their order."""
    table = table_class(table_class._meta.model.objects.none())
    return [bound.name for bound in table.columns.iterall() if bound.column.visible]


def headers(table_class):
    """(name, header) of each choosable column."""
    table = table_class(table_class._meta.model.objects.none())
    return [(bound.name, str(bound.header)) for bound in table.columns.iterall() if bound.column.visible]


def chosen_columns(table_class, shown):
    """The `sequence` and `exclude` that make a table (or its export table) show `shown`."""
    declared = [name for name, column in table_class.base_columns.items() if column.visible]
    return {
        "sequence": [name for name in shown if name in table_class.base_columns] + ["..."],
        "exclude": [name for name in declared if name not in shown],
    }


def read_choice(table_class, names):
    """`names` (a list of column names) checked against the table: (the names, in order,
    without repeats; the errors, each a sentence). An empty choice is an error: a table
    shows at least one column."""
    known = choosable(table_class)
    chosen, unknown = [], []
    for name in names:
        if name not in known:
            unknown.append(name)
        elif name not in chosen:
            chosen.append(name)
    errors = []
    if unknown:
        errors.append(_("This table has no column “%(names)s”; its columns are: %(known)s.")
                      % {"names": "”, “".join(name[:40] for name in unknown[:5]), "known": ", ".join(known)})
    if not chosen:
        errors.append(_("Choose at least one column to show."))
    return chosen, errors


def parse(value):
    """The column names of an address's `columns` value."""
    return [name.strip() for name in value.split(SEPARATOR) if name.strip()]
