"""A case's fields are described once: the files, downloads, dictionary and API agree.

Import/export, the downloads (with the data package and the data dictionary page)
and the API each show a different selection of a case's fields, in their own shape.
Where they show the same field, it has the same name and the same description.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.html import escape

from cases import interchange
from cases.fields import BY_NAME, FIELDS, ITEMS
from cases.interchange.records import NESTED
from opendata.api.serializers import (
    CaseActorSerializer,
    CaseDetailSerializer,
    LessonInCaseSerializer,
    SourceSerializer,
)
from opendata.columns import CASE_COLUMNS, INVOLVEMENTS, LESSONS, SOURCES
from tests.test_opendata_pages import dictionary_rows

pytestmark = pytest.mark.django_db

# Names the API uses for something else than the field of the same name: lists of
# related records shown as nested objects, not as the slugs of the files and downloads.
NESTED_IN_API = {"actors", "countries", "lessons", "motivations", "sources", "themes"}
# Parts the API shows as linked objects rather than slugs (a lesson's as "collaboration_model").
LINKED_IN_API = {"involvements": {"actor"}, "lessons": {"model"}}


def test_import_export_keys_are_the_importable_case_fields():
    importable = [field for field in FIELDS if field.importable]
    assert sorted(field.name for field in importable) == interchange.KEYS
    for field in importable:
        if field.type == ITEMS:
            assert NESTED[field.name] == [part.name for part in field.parts]


def test_import_format_document_lists_every_key():
    text = (Path(settings.BASE_DIR) / "docs" / "import-format.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z_]+)` \|", text, flags=re.MULTILINE)
    assert documented == interchange.KEYS


def test_download_columns_are_described_as_the_case_fields():
    shared = [column for column in CASE_COLUMNS if column.name in BY_NAME]
    assert [column.name for column in CASE_COLUMNS if column.name not in BY_NAME] == ["url"]
    for column in shared:
        field = BY_NAME[column.name]
        assert (column.type, column.description, column.values, column.required) == (
            field.type,
            field.description,
            field.values,
            field.required,
        )


def test_dictionary_page_describes_every_case_field_of_the_downloads(client):
    html = client.get("/data/dictionary/").content.decode()
    rows = dictionary_rows(html, "cases")
    for column in CASE_COLUMNS:
        if column.name in BY_NAME:
            assert rows[column.name][1] == escape(BY_NAME[column.name].description)


def test_api_fields_are_named_and_described_as_the_case_fields():
    api = CaseDetailSerializer().fields
    for field in FIELDS:
        if field.in_api:
            assert str(api[field.name].help_text) == str(field.description), field.name
    same_name = {name for name in api if name in BY_NAME and not BY_NAME[name].in_api}
    assert same_name == NESTED_IN_API


@pytest.mark.parametrize(
    ("name", "table", "serializer"),
    [
        ("involvements", INVOLVEMENTS, CaseActorSerializer),
        ("lessons", LESSONS, LessonInCaseSerializer),
        ("sources", SOURCES, SourceSerializer),
    ],
)
def test_parts_of_related_records_agree_across_files_tables_and_api(
    client, name, table, serializer
):
    parts = BY_NAME[name].parts
    assert NESTED[name] == [part.name for part in parts]
    columns = {column.name: column for column in table.columns}
    rows = dictionary_rows(client.get("/data/dictionary/").content.decode(), table.name)
    api = serializer().fields
    for part in parts:
        assert columns[part.name].description == part.description
        assert columns[part.name].values == part.values
        assert rows[part.name][1] == escape(part.description)
        if part.name not in LINKED_IN_API.get(name, ()):
            assert str(api[part.name].help_text) == str(part.description)
