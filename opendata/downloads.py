"""Streamed CSV and JSON downloads of any filtered case list.

Rows are read with ``iterator(chunk_size=…)``, which also prefetches related records
chunk by chunk, and written out as they come: memory stays flat however many cases
match. The same CaseFilterSet as the HTML list selects them, and a malformed parameter
is ignored exactly as the list ignores it, so "download these N cases" holds those N.
"""

import json

from defusedcsv import csv
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from cases.filters import CaseFilterSet
from cases.models import Initiative
from collab_atlas.links import link

from .columns import CASE_COLUMNS, SlugLoader
from .licence import LICENSE_NAME, license_metadata

CHUNK_SIZE = 500
SEARCH_COLUMNS = ("search_vector", "search_text")
# Spreadsheet programs (Excel above all) read UTF-8 CSV correctly only with a byte
# order mark; programs that read CSV as data skip it when told the encoding is utf-8-sig.
CSV_BOM = "\ufeff"


def filter_cases(query):
    """The FilterSet and the matching published cases."""
    filterset = CaseFilterSet(query, queryset=Initiative.objects.published())
    return filterset, filterset.qs


def _rows(cases):
    """The cases one by one, read CHUNK_SIZE at a time with their related slugs.

    The related slugs come as plain tuples, a few queries a chunk (columns.SlugLoader),
    rather than as prefetched model instances: building those cost four fifths of the
    time of a large download.
    """
    load_slugs = SlugLoader()
    chunk = []
    # The search columns are the widest of a case and no download shows them.
    for case in cases.defer(*SEARCH_COLUMNS).iterator(chunk_size=CHUNK_SIZE):
        chunk.append(case)
        if len(chunk) == CHUNK_SIZE:
            yield from load_slugs(chunk)
            chunk = []
    yield from load_slugs(chunk)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a stream."""

    def write(self, value):
        return value


def csv_lines(cases, root, bom=True):
    writer = csv.writer(_Echo())
    yield (CSV_BOM if bom else "") + writer.writerow([column.name for column in CASE_COLUMNS])
    cells = [column.csv_cell() for column in CASE_COLUMNS]
    for case in _rows(cases):
        yield writer.writerow([cell(case, root) for cell in cells])


def json_chunks(cases, metadata, root):
    head = json.dumps(metadata, ensure_ascii=False)
    # The metadata object stays open so that the cases can follow it, one by one.
    yield head[:-1] + ', "cases": ['
    separator = ""
    for case in _rows(cases):
        row = {column.name: column.json_value(case, root) for column in CASE_COLUMNS}
        yield separator + json.dumps(row, ensure_ascii=False)
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
