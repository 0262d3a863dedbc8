"""A case as a record of the file: which keys it has and how each is read from a case.

The keys and their kinds come from ``cases.fields``: every field marked importable is
a key. Lists are written sorted, so that a record does not depend on the order in
which related rows happen to come back.
"""

from collab_atlas.translated import suffix

from ..fields import FIELDS, INTEGER, ITEMS, LIST, STRING
from ..models import Initiative

IMPORTABLE = tuple(field for field in FIELDS if field.importable)


def _names(kind):
    return sorted(field.name for field in IMPORTABLE if field.type == kind)


TEXT = _names(STRING)
CODES = {field.name for field in IMPORTABLE if field.code}
YEARS = _names(INTEGER)
LISTS = _names(LIST)
# Nested lists and the keys of their items; the last key is free text in CSV.
NESTED = {
    field.name: [part.name for part in field.parts]
    for field in sorted(IMPORTABLE, key=lambda field: field.name)
    if field.type == ITEMS
}
KEYS = sorted(field.name for field in IMPORTABLE)
# Translations (``title_pl``, a lesson's ``text_pl``): whitespace alone means none.
TRANSLATIONS = {field.name for field in IMPORTABLE if field.translates}
ITEM_TRANSLATIONS = {
    field.name: {part.name for part in field.parts if part.translates}
    for field in IMPORTABLE
    if field.type == ITEMS
}
# In CSV an item's parts are positional, so the translations of its parts cannot join
# them without changing what the parts of an older file mean. They go in a column per
# list and language instead (``lessons_pl``), an item per item of the list, in order.
CSV_NESTED = {
    field.name: [part.name for part in field.parts if not part.translates]
    for field in IMPORTABLE
    if field.type == ITEMS
}
CSV_ITEM_TRANSLATIONS = {
    f"{field.name}_{suffix(code)}": (field.name, names)
    for field in sorted(IMPORTABLE, key=lambda field: field.name)
    if field.type == ITEMS
    for code in dict.fromkeys(part.language for part in field.parts if part.translates)
    if (names := [part.name for part in field.parts if part.language == code])
}
CSV_KEYS = sorted([*KEYS, *CSV_ITEM_TRANSLATIONS])
# Keys that cite a source by its number in the record's sources: key -> provenance field.
CITES = {field.name: field.cites for field in IMPORTABLE if field.cites}
# Keys whose empty value means the model's default rather than "empty".
DEFAULTED = [field.name for field in IMPORTABLE if field.blank_means_default]


def initiative_record(initiative):
    """One case as a record; ``initiative`` comes from ``Initiative.objects.for_detail()``."""
    record = {}
    for field in IMPORTABLE:
        value = field.read(initiative)
        record[field.name] = sorted(value) if field.type == LIST else value
    return record


def export_records(include_drafts=False):
    """Published cases as records, sorted by slug; every case, in any state, with
    ``include_drafts``."""
    cases = Initiative.objects.for_detail()
    if not include_drafts:
        cases = cases.published()
    return [initiative_record(item) for item in cases.order_by("slug")]
