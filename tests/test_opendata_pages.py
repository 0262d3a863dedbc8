"""The data dictionary, the licence notice and the includes other pages embed."""

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils.html import escape

from opendata.columns import CASE_COLUMNS, TABLES
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def render(template, **context):
    request = RequestFactory().get("/cases/some-case/")
    return render_to_string(template, context, request=request)


def test_dictionary_documents_every_column_of_every_table(client):
    response = client.get("/data/dictionary/")
    assert response.status_code == 200
    html = response.content.decode()
    for table in TABLES:
        for column in table.columns:
            assert f'id="{table.name}-{column.name}"' in html
    assert "<code>indirect</code>" in html  # allowed values are listed
    assert html.count("<h1") == 1


def dictionary_rows(html, table):
    """{column name: [type, meaning, values]} as the dictionary page shows a table."""
    rows = re.findall(rf'<tr id="{table}-([^"]+)">(.*?)</tr>', html, flags=re.DOTALL)
    return {name: re.findall(r"<td>(.*?)</td>", row, flags=re.DOTALL) for name, row in rows}


def test_downloads_and_dictionary_share_one_column_list(client):
    InitiativeFactory()
    header = b"".join(client.get("/cases/download.csv").streaming_content).decode("utf-8-sig")
    names = header.splitlines()[0].split(",")
    assert names == [column.name for column in CASE_COLUMNS]
    described = dictionary_rows(client.get("/data/dictionary/").content.decode(), "cases")
    assert list(described) == names
    for column in CASE_COLUMNS:
        assert described[column.name][1] == escape(column.description)


def test_pages_carry_the_licence_in_the_footer(client):
    html = client.get("/data/").content.decode()
    assert 'rel="license" href="https://creativecommons.org/licenses/by-sa/4.0/"' in html
    assert "CC BY-SA 4.0" in html


def test_download_links_keep_the_filters_and_drop_the_page():
    html = render(
        "opendata/includes/download_links.html",
        query_string="model=lab&country=PL&page=3",
        count=1234,
    )
    assert "Download these 1,234 cases" in html
    assert 'href="/cases/download.csv?model=lab&amp;country=PL"' in html
    assert 'href="/cases/download.json?model=lab&amp;country=PL"' in html
    assert 'href="/data/dictionary/"' in html


def test_download_links_for_one_unfiltered_case():
    html = render("opendata/includes/download_links.html", query_string="", count=1)
    assert "Download this case" in html
    assert 'href="/cases/download.csv"' in html


def test_cite_case_gives_text_and_bibtex_with_stable_url_and_version_date(settings):
    settings.SITE_URL = "https://atlas.example"
    case = InitiativeFactory(slug="budget-map", title="Budget map & co {2}")
    case.updated_at = dt.datetime(2026, 3, 4, 12, tzinfo=dt.UTC)
    html = render("opendata/includes/cite_case.html", initiative=case)
    assert "Cite this case" in html
    assert "https://atlas.example/cases/budget-map/" in html
    assert "version of 2026-03-04" in html
    assert "@misc{collabatlas-budget-map," in html
    assert r"Budget map \&amp; co \{2\}" in html  # escaped for BibTeX, then for HTML
    assert "CC BY-SA 4.0" in html


def test_cite_case_uses_the_request_address_without_site_url():
    case = InitiativeFactory(slug="budget-map")
    html = render("opendata/includes/cite_case.html", initiative=case)
    assert "http://testserver/cases/budget-map/" in html


def test_meta_tags_for_sharing():
    html = render(
        "opendata/includes/meta.html",
        title="Budget map",
        description="<p>How a city <b>opened</b> its budget.</p>",
    )
    assert '<meta property="og:title" content="Budget map">' in html
    assert '<meta property="og:description" content="How a city opened its budget.">' in html
    assert '<link rel="canonical" href="http://testserver/cases/some-case/">' in html
    assert '<meta property="og:url" content="http://testserver/cases/some-case/">' in html
    assert 'type="application/atom+xml"' in html and 'href="/feeds/cases.atom"' in html


def test_licence_include_links_the_licence_and_the_open_data_page():
    html = render("opendata/includes/licence.html")
    assert 'rel="license"' in html
    assert 'href="/data/"' in html
