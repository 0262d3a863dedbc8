"""Case studies to and from files: the one format of ``export_cases`` and ``import_cases``.

The format is described in docs/import-format.md. In short: one record per case,
with the keys in ``KEYS``, the importable fields of ``cases.fields``; JSON holds a
list of records, CSV one row per record with nested lists in a compact text
encoding and the translations of their items in columns of their own
(``CSV_KEYS``). Export writes records sorted by slug with sorted keys, so exporting,
importing into an empty catalogue and exporting again gives the same bytes.

- ``records``: a case as a record, and the keys of the format;
- ``format``: records to and from JSON and CSV text;
- ``validation``: raw records to cleaned cases, or every problem with them;
- ``loading``: all records saved in one transaction, or nothing.
"""

from .format import FORMATS, decode_items, dump, encode_items, infer_format, read
from .loading import Result, import_records
from .problems import InterchangeError, Problem
from .records import CSV_KEYS, KEYS, export_records, initiative_record
from .validation import validate

__all__ = [
    "CSV_KEYS",
    "FORMATS",
    "KEYS",
    "InterchangeError",
    "Problem",
    "Result",
    "decode_items",
    "dump",
    "encode_items",
    "export_records",
    "import_records",
    "infer_format",
    "initiative_record",
    "read",
    "validate",
]
