"""Checks across fixture rows: references resolve, dates run forward, texts are
traceable to their seed documents. Each check returns messages naming file and record."""

from django.utils.translation import gettext as _

from ...choices import TextStatus
from ...seedfiles import occurs_verbatim, read_seed_text, seed_path
from .spec import BY_NAME, SPECS
from .values import parse_pdate


def check_all(rows, seeds_dir):
    seeds = SeedTexts(rows, seeds_dir)
    errors = []
    for spec in SPECS:
        for row in rows[spec.name].values():
            errors += check_references(row, rows)
            errors += check_date_order(row)
            errors += check_text_status(row)
            errors += check_verbatim(row, seeds)
            errors += check_together(row)
            errors += check_evidenced(row, rows)
    errors += seeds.errors
    errors += check_own_source_excerpts(rows)
    return errors


class SeedTexts:
    """The text of every source's seed file, read once; missing files are reported once."""

    def __init__(self, rows, seeds_dir):
        self.texts = {}
        self.names = {}
        self.errors = []
        for row in rows["source"].values():
            name = row.values.get("seed_file")
            if not name:
                continue
            if seed_path(name, seeds_dir) is None:
                self.errors.append(_("%(where)s: seed file %(name)s lies outside seeds/") % {"where": row.where, "name": repr(name)})
                continue
            self.names[row.key[0]] = name
            text = read_seed_text(name, seeds_dir)
            if text is None:
                self.errors.append(
                    _("%(where)s: seed document seeds/%(name)s is missing or not UTF-8 text") % {"where": row.where, "name": name}
                )
            self.texts[row.key[0]] = text

    def text_of(self, source_key):
        return self.texts.get(source_key)


def _target_key(field, value, row):
    if field.kind == "localref":
        return row.parent_key + (value,)
    return (value,)


def check_references(row, rows):
    errors = []
    for field in row.spec.fields:
        value = row.values.get(field.name)
        if value is None or field.kind not in ("ref", "localref"):
            continue
        if _target_key(field, value, row) not in rows[field.target]:
            errors.append(
                _('%(where)s: field "%(field)s" refers to %(target)s %(value)s, which the fixtures do not define')
                % {"where": row.where, "field": field.name, "target": field.target, "value": repr(value)}
            )
    return errors


def check_date_order(row):
    errors = []
    for earlier, later in row.spec.date_order:
        first, second = row.values.get(earlier), row.values.get(later)
        if first is None or second is None:
            continue
        try:
            if parse_pdate(second)[0] < parse_pdate(first)[0]:
                errors.append(
                    _('%(where)s: "%(later)s" (%(second)s) is before "%(earlier)s" (%(first)s)')
                    % {"where": row.where, "later": later, "second": second, "earlier": earlier, "first": first}
                )
        except ValueError:
            pass  # the malformed date itself was already reported
    return errors


def check_together(row):
    """Fields that mean something only together (an inferred date and how it was inferred)."""
    errors = []
    for names in row.spec.together:
        given = [name for name in names if row.values.get(name) is not None]
        if given and len(given) < len(names):
            missing = [name for name in names if name not in given]
            errors.append(_('%(where)s: "%(given)s" needs "%(missing)s" too')
                          % {"where": row.where, "given": '", "'.join(given), "missing": '", "'.join(missing)})
    return errors


def check_evidenced(row, rows):
    """A field that must rest on evidence (an inferred date) has at least one record of it."""
    errors = []
    for name, child in row.spec.evidenced_by:
        if row.values.get(name) is None:
            continue
        if not any(other.parent_key == row.key for other in rows[child].values()):
            errors.append(_('%(where)s: "%(field)s" needs at least one excerpt of evidence in "%(list)s"')
                          % {"where": row.where, "field": name, "list": BY_NAME[child].nest_as})
    return errors


def check_text_status(row):
    if "text_status" not in row.values:
        return []
    status, text, paraphrase, note = (
        row.values.get(k) for k in ("text_status", "text", "paraphrase", "note")
    )
    if status == TextStatus.VERBATIM and not text:
        return [_("%(where)s: a verbatim %(record)s needs its text") % {"where": row.where, "record": row.spec.name}]
    if status == TextStatus.PARTIAL and not (text and note):
        return [_("%(where)s: a partial text needs the text found and a note of what is missing") % {"where": row.where}]
    if status == TextStatus.NOT_LOCATED and (text or not paraphrase):
        return [_("%(where)s: text not located: give the paraphrase found, and no text") % {"where": row.where}]
    return []


def check_verbatim(row, seeds):
    errors = []
    for text_field, source_field in row.spec.verbatim:
        text = row.values.get(text_field)
        if not text:
            continue
        source_key = row.values.get(source_field) if source_field else row.parent_key[0]
        document = seeds.text_of(source_key)
        if document is None:
            continue  # missing seed or dangling source: reported elsewhere
        if not occurs_verbatim(text, document):
            errors.append(
                _("%(where)s: the %(field)s does not occur verbatim in seeds/%(seed)s (source %(source)s): %(text)s")
                % {"where": row.where, "field": text_field, "seed": seeds.names[source_key],
                   "source": repr(source_key), "text": _preview(text)}
            )
    return errors


def _preview(text):
    text = " ".join(text.split())
    return repr(text if len(text) <= 70 else text[:67] + "...")


# Records whose excerpt must be a passage of the record's own source.
OWN_SOURCE_EXCERPTS = ("claim", "ATOP disagreement")


def check_own_source_excerpts(rows):
    """A claim's excerpt (or an explanation's) must come from its own source."""
    errors = []
    excerpts = rows["excerpt"]
    for row in (row for name in OWN_SOURCE_EXCERPTS for row in rows[name].values()):
        excerpt = excerpts.get((row.values.get("excerpt"),))
        if excerpt is not None and excerpt.parent_key[0] != row.values.get("source"):
            errors.append(
                _("%(where)s: its excerpt %(excerpt)s belongs to another source") % {"where": row.where, "excerpt": repr(excerpt.key[0])}
            )
    return errors
