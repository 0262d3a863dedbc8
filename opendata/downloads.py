"""Streamed CSV and JSON downloads of any filtered case list.

Rows are read with ``iterator(chunk_size=…)``, which also prefetches related records
chunk by chunk, and written out as they come: memory stays flat however many cases
match. The same CaseFilterSet as the HTML list selects them, and a malformed parameter
is ignored exactly as the list ignores it, so "download these N cases" holds those N.
"""

import csv
import json

from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from cases.filters import CaseFilterSet
from cases.models import Initiative
from collab_atlas.links import link
from collab_atlas.spreadsheet import defused_row

from .columns import CASE_COLUMNS, SlugLoader
from .licence import LICENSE_NAME, license_metadata

CHUNK_SIZE = 500
BATCH_ROWS = 100
SEARCH_COLUMNS = ("search_vector", "search_text")
# Spreadsheet programs (Excel above all) read UTF-8 CSV correctly only with a byte
# order mark; programs that read CSV as data skip it when told the encoding is utf-8-sig.
CSV_BOM = "\ufeff"


def filter_cases(query):
    """The FilterSet and the matching published cases."""
    filterset = CaseFilterSet(query, queryset=Initiative.objects.published())
    return filterset, filterset.qs


class CaseRecord:
    """A case as a download reads it: the values of its own columns as attributes,
    without a model instance, which would cost as much as the rest of the row."""


def _rows(cases):
    """The cases one by one, read CHUNK_SIZE at a time with their related slugs.

    Each case comes as a CaseRecord, which the columns' readers (``cases.fields``) read
    like a case: its fields' values under their attribute names, and its related slugs
    as plain tuples read a few queries a chunk (columns.SlugLoader) rather than as
    prefetched model instances.
    """
    # The search columns are the widest of a case and no download shows them.
    names = [
        field.attname
        for field in Initiative._meta.concrete_fields
        if field.attname not in SEARCH_COLUMNS
    ]
    load_slugs = SlugLoader()
    chunk = []
    for values in cases.values_list(*names).iterator(chunk_size=CHUNK_SIZE):
        record = CaseRecord()
        record.__dict__ = dict(zip(names, values, strict=True))
        record.pk = record.id
        chunk.append(record)
        if len(chunk) == CHUNK_SIZE:
            yield from load_slugs(chunk)
            chunk = []
    yield from load_slugs(chunk)


def _batched(pieces, separator=""):
    """``pieces`` joined BATCH_ROWS at a time: the server sends each item a response
    yields as a write of its own, and one per row cost a tenth of a large download."""
    batch = []
    for piece in pieces:
        batch.append(piece)
        if len(batch) == BATCH_ROWS:
            yield separator.join(batch)
            batch = []
    if batch:
        yield separator.join(batch)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def csv_lines(cases, root, bom=True):
    writer = csv.writer(_Echo())
    yield (CSV_BOM if bom else "") + writer.writerow([column.name for column in CASE_COLUMNS])
    cells = [column.csv_cell(root) for column in CASE_COLUMNS]
    lines = (writer.writerow(defused_row([cell(case) for cell in cells])) for case in _rows(cases))
    yield from _batched(lines)


def json_chunks(cases, metadata, root):
    head = json.dumps(metadata, ensure_ascii=False)
    # The metadata object stays open so that the cases can follow it, one by one.
    yield head[:-1] + ', "cases": ['
    rows = (
        json.dumps({column.name: column.json_value(case, root) for column in CASE_COLUMNS},
                   ensure_ascii=False)
        for case in _rows(cases)
    )  # fmt: skip
    separator = ""
    for batch in _batched(rows, ", "):
        yield separator + batch
        separator = ", "
    yield "]}\n"


def download_metadata(filterset, cases, root, query_string):
    # The list these rows came from, every page of it.
    list_url = root + link("cases:list", QueryDict(query_string))
    return {
        "title": "Collab Atlas case studies",
        "source": list_url,
        "generated_at": timezone.now().replace(microsecond=0).isoformat(),
        "count": cases.count(),
        "license": license_metadata(),
        "attribution": f"Collab Atlas ({root}), {LICENSE_NAME}",
        "data_dictionary": root + reverse("opendata:dictionary"),
        "ignored_parameters": filterset.invalid_parameters,
    }


def filename(extension):
    return f"collab-atlas-cases-{timezone.localdate():%Y-%m-%d}.{extension}"
