"""Records to and from the text of a JSON or CSV file.

JSON holds a list of records; CSV one row per record, with lists and nested lists in
a compact text encoding (docs/import-format.md). Reading keeps the line each record
starts on, so that problems can say where they are.
"""

import csv
import io
import json

from collab_atlas.spreadsheet import defuse, restore

from .problems import InterchangeError, Problem
from .records import CSV_ITEM_TRANSLATIONS, CSV_KEYS, CSV_NESTED, KEYS, LISTS, NESTED, YEARS

FORMATS = ["json", "csv"]


def dump(records, fmt):
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_KEYS, lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        row = {}
        for key in KEYS:
            value = record[key]
            if key in YEARS:
                row[key] = "" if value is None else str(value)
            elif key in LISTS:
                row[key] = ";".join(value)
            elif key in NESTED:
                row[key] = encode_items(value, CSV_NESTED[key])
            else:
                row[key] = value
        for column, (key, names) in CSV_ITEM_TRANSLATIONS.items():
            row[column] = encode_items(record[key], names)
        writer.writerow({key: defuse(cell) for key, cell in row.items()})
    return out.getvalue()


def _escape(text, last):
    text = text.replace("\\", "\\\\").replace(";", "\\;")
    return text if last else text.replace(":", "\\:")


def encode_items(items, keys):
    """``[{"actor": "a", "role": "partner", "note": ""}]`` -> ``a:partner:``.

    Items are separated by ";" and parts by ":"; a backslash escapes either. The
    last part is free text, so it may hold ":" (a URL, a lesson) unescaped.
    """
    return ";".join(
        ":".join(_escape(item[key], last=index == len(keys) - 1) for index, key in enumerate(keys))
        for item in items
    )


def decode_items(text, keys, keep_empty=False):
    items, parts, current = [], [], []
    characters = iter(text)
    for character in characters:
        if character == "\\":
            current.append(next(characters, "\\"))
        elif character == ";":
            parts.append("".join(current))
            items.append(parts)
            parts, current = [], []
        elif character == ":" and len(parts) < len(keys) - 1:
            parts.append("".join(current))
            current = []
        else:
            current.append(character)
    parts.append("".join(current))
    items.append(parts)
    decoded = []
    for parts in items:
        if not keep_empty and not any(part.strip() for part in parts):
            continue
        parts += [""] * (len(keys) - len(parts))
        decoded.append(dict(zip(keys, parts, strict=True)))
    return decoded


def infer_format(path, fmt=None):
    if fmt:
        return fmt
    suffix = str(path).rsplit(".", 1)[-1].lower()
    if suffix in FORMATS:
        return suffix
    raise InterchangeError(
        [Problem(None, None, None, "Give --format json or csv: the file name does not say.")]
    )


def read(text, fmt):
    """``[(line, raw record)]`` from the file's text, or InterchangeError."""
    return _read_json(text) if fmt == "json" else _read_csv(text)


def _skip_space(text, index):
    while index < len(text) and text[index] in " \t\r\n":
        index += 1
    return index


def _line_of(text, index):
    return text.count("\n", 0, index) + 1


def _read_json(text):
    # Decoded element by element so that every record knows the line it starts on.
    decoder = json.JSONDecoder()
    index = _skip_space(text, 0)
    if index >= len(text) or text[index] != "[":
        raise InterchangeError(
            [
                Problem(
                    None, _line_of(text, index), None, "The file must hold a JSON list of records."
                )
            ]
        )
    records = []
    index = _skip_space(text, index + 1)
    if index < len(text) and text[index] == "]":
        return records
    while True:
        try:
            value, end = decoder.raw_decode(text, index)
        except json.JSONDecodeError as error:
            raise InterchangeError(
                [Problem(len(records) + 1, error.lineno, None, f"not valid JSON: {error.msg}")]
            ) from error
        records.append((_line_of(text, index), value))
        index = _skip_space(text, end)
        if index < len(text) and text[index] == ",":
            index = _skip_space(text, index + 1)
            continue
        if index < len(text) and text[index] == "]":
            if _skip_space(text, index + 1) != len(text):
                raise InterchangeError(
                    [Problem(None, _line_of(text, index), None, "Text after the end of the list.")]
                )
            return records
        raise InterchangeError(
            [Problem(len(records), _line_of(text, index), None, "Expected “,” or “]”.")]
        )


def _read_csv(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return []
    except csv.Error as error:
        raise InterchangeError([Problem(None, 1, None, f"not valid CSV: {error}")]) from error
    unknown = [name for name in header if name not in CSV_KEYS]
    if unknown:
        raise InterchangeError(
            [
                Problem(None, 1, name, "unknown column; see docs/import-format.md")
                for name in unknown
            ]
        )
    records = []
    start = reader.line_num + 1
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue
            if len(row) != len(header):
                raise InterchangeError(
                    [
                        Problem(
                            len(records) + 1,
                            start,
                            None,
                            f"has {len(row)} cells; the header has {len(header)}.",
                        )
                    ]
                )
            cells = [restore(cell) for cell in row]
            records.append((start, _csv_record(dict(zip(header, cells, strict=True)))))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InterchangeError([Problem(None, start, None, f"not valid CSV: {error}")]) from error
    return records


def _csv_record(row):
    record = {}
    for key, cell in row.items():
        if key in LISTS:
            record[key] = [part.strip() for part in cell.split(";") if part.strip()]
        elif key in NESTED or key in CSV_ITEM_TRANSLATIONS:
            continue
        elif key in YEARS:
            cell = cell.strip()
            record[key] = int(cell) if cell.isdigit() else (None if cell == "" else cell)
        else:
            record[key] = cell
    for key in NESTED:
        columns = [column for column, (of, _names) in CSV_ITEM_TRANSLATIONS.items() if of == key]
        if key in row or any(column in row for column in columns):
            record[key] = _csv_items(row, key, columns)
    return record


def _csv_items(row, key, columns):
    """The items of ``key`` with the translations of their parts from their columns, the
    n-th translation belonging to the n-th item; items wholly empty are dropped."""
    items = decode_items(row.get(key, ""), CSV_NESTED[key], keep_empty=True)
    for column in columns:
        names = CSV_ITEM_TRANSLATIONS[column][1]
        translations = decode_items(row.get(column, ""), names, keep_empty=True)
        for item, translation in zip(items, translations, strict=False):
            item.update(translation)
    return [
        {name: item.get(name, "") for name in NESTED[key]}
        for item in items
        if any(part.strip() for part in item.values())
    ]
