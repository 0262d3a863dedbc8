"""Downloads of a filtered list: the list's cases, streamed, safe in a spreadsheet."""

import csv
import io
import json
import tracemalloc

import pytest
from django.http import QueryDict
from django.test import override_settings
from django.utils import timezone

from cases.choices import Role
from cases.filters import CaseFilterSet
from cases.models import Initiative
from collab_atlas import spreadsheet
from opendata import downloads
from opendata.columns import CASE_COLUMNS
from tests.catalogue import build_catalogue
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
)

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def read_json(response):
    assert response.streaming
    return json.loads(b"".join(response.streaming_content))


def listed(query):
    filterset = CaseFilterSet(QueryDict(query), queryset=Initiative.objects.published())
    return [case.slug for case in filterset.qs]


@pytest.fixture
def catalogue():
    lab = CollaborationModelFactory(slug="lab")
    training = CollaborationModelFactory(slug="training")
    first = InitiativeFactory(slug="alpha", models=[lab], countries=["PL"], start_year=2015)
    InvolvementFactory(initiative=first, actor=ActorFactory(slug="koduj"), role=Role.INITIATOR)
    InitiativeFactory(slug="beta", models=[training], countries=["RO"], start_year=2019)
    InitiativeFactory(slug="gamma", models=[lab, training], countries=["PL", "RO"])
    InitiativeFactory(slug="draft", models=[lab], state="draft")


@pytest.mark.parametrize("query", ["", "model=lab", "country=RO&model=lab", "sort=title"])
def test_csv_holds_the_lists_cases_in_its_order(client, catalogue, query):
    rows = read_csv(client.get(f"/cases/download.csv?{query}"))
    assert [row["slug"] for row in rows] == listed(query)


@pytest.mark.parametrize("query", ["", "model=training", "year_to=2016"])
def test_json_holds_the_lists_cases_with_metadata(client, catalogue, query):
    body = read_json(client.get(f"/cases/download.json?{query}"))
    assert [case["slug"] for case in body["cases"]] == listed(query)
    assert body["count"] == len(body["cases"])
    assert body["license"]["name"] == "CC-BY-SA-4.0"
    assert body["data_dictionary"].endswith("/data/dictionary/")


def test_rows_carry_every_documented_column(client, catalogue):
    row = read_csv(client.get("/cases/download.csv?model=lab&country=PL&sort=title"))[0]
    assert list(row) == [column.name for column in CASE_COLUMNS]
    assert row["slug"] == "alpha"
    assert row["models"] == "lab"
    assert row["initiator"] == "koduj"
    assert row["url"] == "http://testserver/cases/alpha/"
    case = read_json(client.get("/cases/download.json?model=lab&sort=title"))["cases"][0]
    assert case["countries"] == ["PL"]
    assert case["start_year"] == 2015


def test_malformed_parameters_are_ignored_as_on_the_list(client, catalogue):
    body = read_json(client.get("/cases/download.json?year_from=abc&model=lab"))
    assert [case["slug"] for case in body["cases"]] == listed("year_from=abc&model=lab")
    assert "year_from" in body["ignored_parameters"]


def test_formula_cells_are_neutralised(client):
    InitiativeFactory(slug="evil", title='=HYPERLINK("http://x")', summary="@SUM(A1)")
    row = read_csv(client.get("/cases/download.csv"))[0]
    assert row["title"] == '\'=HYPERLINK("http://x")'
    assert row["summary"] == "'@SUM(A1)"


def test_download_is_named_with_the_date_and_licensed(client, catalogue):
    response = client.get("/cases/download.csv")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="collab-atlas-cases-{today}.csv"'
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'rel="license"' in response["Link"]
    assert 'rel="describedby"' in response["Link"]
    assert client.get("/cases/download.json")["Content-Disposition"].endswith('.json"')


def test_downloads_are_rate_limited(client, catalogue):
    with override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": {"downloads": "1/hour"}}):
        assert client.get("/cases/download.csv").status_code == 200
        response = client.get("/cases/download.json")
        assert response.status_code == 429
        assert int(response["Retry-After"]) > 0


def test_rows_are_read_in_chunks_not_all_at_once(client, django_assert_num_queries):
    """The download reads the database lazily, while it is being sent."""
    InitiativeFactory.create_batch(3)
    response = client.get("/cases/download.csv")
    # Nothing has been read yet: the view returned before touching the cases.
    with django_assert_num_queries(0):
        assert response.streaming


SUMMARY = "A case made for measuring memory. " * 5
DESCRIPTION = "Described at some length. " * 40


def peak_memory_of_download(client):
    client.get("/cases/download.csv?model=warm-up")  # imports and URL set-up, not rows
    tracemalloc.start()
    try:
        response = client.get("/cases/download.csv")
        rows = sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1
        return rows, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_as_the_list_grows(client):
    """Four times the cases must not take more memory: one chunk of rows at a time.

    Measured with tracemalloc, the peak is the same for 2,000 and 20,000 cases
    (README, "Open data"); here 1,200 and 4,800 keep the test quick.
    """
    build_catalogue(1200, summary=SUMMARY, description=DESCRIPTION, details=False)
    small_rows, small_peak = peak_memory_of_download(client)
    build_catalogue(3600, summary=SUMMARY, description=DESCRIPTION, details=False)
    large_rows, large_peak = peak_memory_of_download(client)
    assert (small_rows, large_rows) == (1200, 4800)
    assert large_peak < 1.5 * small_peak


def test_each_csv_cell_reads_as_its_column_describes():
    """A download reads each cell through ``csv_cell``, from a record of plain values:
    the text written is the text of ``csv_value`` read from the case itself."""
    build_catalogue(3)
    InitiativeFactory(slug="sparse", start_year=None, countries=[], website="")
    root = "https://atlas.example"
    cases = Initiative.objects.published().order_by("pk")
    records = list(downloads._rows(cases))
    assert [record.slug for record in records] == [case.slug for case in cases]
    for record, case in zip(records, cases.for_summary(), strict=True):
        for column in CASE_COLUMNS:
            written, described = io.StringIO(), io.StringIO()
            csv.writer(written).writerow([column.csv_cell(root)(record)])
            csv.writer(described).writerow([column.csv_value(case, root)])
            assert written.getvalue() == described.getvalue(), column.name


def test_formula_rule_is_lossless_and_leaves_numbers_alone():
    row = spreadsheet.defused_row(["=1+1", "'quoted", "-x", "plain", "", None, -5, 2024])
    assert row == ["'=1+1", "''quoted", "'-x", "plain", "", None, -5, 2024]
    assert [spreadsheet.restore(cell) for cell in row[:4]] == ["=1+1", "'quoted", "-x", "plain"]
