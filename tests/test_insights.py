import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.http import QueryDict

from cases.choices import CollaborationForm, InitiatorKind
from cases.filters import CaseFilterSet
from cases.models import Initiative
from insights import geo
from insights.charts import Mark, bar_chart, heat_map
from tests.factories import CollaborationModelFactory, InitiativeFactory, MotivationFactory

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def catalogue():
    hackathon = CollaborationModelFactory(slug="hackathon", name="Hackathon", order=1)
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling", order=2)
    lab = CollaborationModelFactory(slug="lab", name="Lab", order=3)
    impact = MotivationFactory(slug="impact", name="Impact", order=1)
    finances = MotivationFactory(slug="finances", name="Finances", order=2)
    make = InitiativeFactory
    make(models=[hackathon], motivations=[impact], countries=["PL"], start_year=2016)
    make(models=[hackathon, scaling], motivations=[impact, finances], countries=["PL", "RO"])
    make(
        models=[scaling],
        initiator_kind=InitiatorKind.GOVERNMENT,
        collaboration=CollaborationForm.INDIRECT,
        countries=["DE"],
        start_year=2019,
    )
    make(models=[lab], initiator_kind=InitiatorKind.DONOR, countries=[], start_year=None)
    make(models=[lab], title="Budget watch", countries=["ES"], start_year=2019)
    make(models=[hackathon], state="draft", countries=["FR"])
    return hackathon, scaling, lab


def svgs(html):
    """Every inline SVG on the page, parsed as XML."""
    found, start = [], 0
    while (start := html.find("<svg", start)) != -1:
        end = html.index("</svg>", start) + len("</svg>")
        found.append(ET.fromstring(html[start:end]))
        start = end
    return found


def marks(svg):
    """(href, number on the mark) for every link in a chart."""
    result = []
    for link in svg.iter(f"{SVG}a"):
        href = link.get("href")
        count = link.get("data-count")
        if count is None:
            count = next(t.text for t in link.iter(f"{SVG}text") if t.get("class") == "count")
        result.append((href, int(count)))
    return result


def list_count(href):
    parts = urlsplit(href)
    assert parts.path == "/cases/"
    data = QueryDict(parts.query)
    filterset = CaseFilterSet(data, queryset=Initiative.objects.published())
    assert filterset.is_valid(), filterset.errors
    return filterset.qs.count()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?model=hackathon",
        "?model=hackathon&model=lab",
        "?initiator=civic&country=PL",
        "?motivation=impact&year_from=2017",
        "?q=Budget",
        "?collaboration=indirect&model=scaling&sort=title&page=2",
    ],
)
def test_every_mark_links_to_a_list_of_the_same_count(client, catalogue, query):
    response = client.get("/insights/" + query)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    charts = svgs(html)
    assert len(charts) == 7  # heat map, 2 maps, 4 bar charts
    checked = 0
    for svg in charts:
        assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
        for href, count in marks(svg):
            assert list_count(href) == count, href
            assert "page=" not in href and "sort=" not in href
            checked += 1
    assert checked > 0


def test_chart_numbers_equal_the_lists_counts(client, catalogue):
    response = client.get("/insights/", {"initiator": "civic"})
    context = response.context
    published = Initiative.objects.published()

    def count(**params):
        return CaseFilterSet(params, queryset=published).qs.count()

    for _label, row in context["heat"]["rows"]:
        for mark in row:
            model, initiator = mark.key.split("/")
            assert mark.count == count(model=[model], initiator=[initiator])
    assert [m.count for m in context["collaboration"]["marks"]] == [
        count(initiator=["civic"], collaboration=["direct"]),
        count(initiator=["civic"], collaboration=["indirect"]),
    ]
    for mark in context["motivation"]["marks"]:
        assert mark.count == count(initiator=["civic"], motivation=[mark.key])
    for mark in context["countries"]["marks"]:
        assert mark.count == count(initiator=["civic"], country=[mark.key])
    for mark in context["years"]["marks"]:
        year = int(mark.key)
        assert mark.count == count(initiator=["civic"], year_from=year, year_to=year)
    assert context["total"] == count(initiator=["civic"])


def test_a_chosen_facet_narrows_its_chart_to_the_chosen_values(client, catalogue):
    context = client.get("/insights/", {"model": "lab"}).context
    assert [label for label, _row in context["heat"]["rows"]] == ["Lab"]
    assert {m.key for m in context["countries"]["marks"]} == {"ES"}


def test_counts_and_links_ignore_drafts(client, catalogue):
    context = client.get("/insights/").context
    assert "FR" not in {m.key for m in context["countries"]["marks"]}
    hackathon_civic = next(
        m for _l, row in context["heat"]["rows"] for m in row if m.key == "hackathon/civic"
    )
    assert hackathon_civic.count == 2


def test_cases_without_a_start_year_are_reported(client, catalogue):
    response = client.get("/insights/")
    assert "1 case study has no start year recorded" in response.content.decode()
    years = [m.key for m in response.context["years"]["marks"]]
    assert years == ["2016", "2017", "2018", "2019"]


def test_invalid_filters_are_named_and_left_out(client, catalogue):
    response = client.get("/insights/", {"model": "<script>", "year_from": "soon", "country": "PL"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "were not understood" in html
    for href, count in [m for svg in svgs(html) for m in marks(svg)]:
        assert "soon" not in href and "%3Cscript" not in href
        assert list_count(href) == count


def test_the_maps_link_countries_to_their_lists(client, catalogue):
    html = client.get("/insights/").content.decode()
    europe, world = (
        svg
        for svg in svgs(html)
        if (svg.find(f"{SVG}title").text or "").startswith("Case studies per country in")
    )
    europe_links = dict(marks(europe))
    assert europe_links == {"/cases/?country=PL": 2, "/cases/?country=RO": 1,
                            "/cases/?country=DE": 1, "/cases/?country=ES": 1}  # fmt: skip
    assert dict(marks(world)) == europe_links
    # Countries without cases are drawn but not linked.
    assert len(list(world.iter(f"{SVG}path"))) > 150


def test_map_paths_are_computed_once_per_process():
    geo.shapes.cache_clear()
    geo.shapes("europe")
    geo.shapes("europe")
    info = geo.shapes.cache_info()
    assert (info.hits, info.misses) == (1, 1)


def test_world_atlas_numeric_ids_become_alpha_2_codes():
    codes = {shape.code for shape in geo.shapes("world")}
    assert {"PL", "RO", "DE", "US", "BR", "JP"} <= codes
    assert "AQ" not in codes
    europe = {shape.code for shape in geo.shapes("europe")}
    assert "PL" in europe and "BR" not in europe


def test_tables_have_headers_and_link_like_the_marks(client, catalogue):
    html = client.get("/insights/").content.decode()
    assert html.count("<caption>") == 5
    assert '<th scope="col">Model</th>' in html
    assert '<th scope="row">Hackathon</th>' in html
    assert 'href="/cases/?model=hackathon&amp;initiator=civic"' in html


def make_catalogue(size):
    models = [CollaborationModelFactory(slug=f"m{i}", order=i) for i in range(4)]
    motivations = [MotivationFactory(slug=f"v{i}") for i in range(3)]
    for i in range(size):
        InitiativeFactory(
            models=models[i % 4 : i % 4 + 2],
            motivations=motivations[: i % 3 + 1],
            countries=[["PL"], ["RO", "PL"], ["DE"]][i % 3],
            start_year=2010 + i % 9,
        )


@pytest.mark.parametrize("size", [3, 40])
def test_query_count_does_not_grow_with_the_catalogue(client, size, django_assert_num_queries):
    make_catalogue(size)
    # models, motivations, heat map, direct/indirect, motivations, years, countries, total;
    # PostgreSQL counts motivations from the facet keys and names them from the rows it
    # already read for the filter (cases.facet_keys).
    with django_assert_num_queries(7 if connection.vendor == "postgresql" else 8):
        response = client.get("/insights/", {"initiator": "civic"})
    assert response.status_code == 200


def test_garbage_in_the_query_never_fails(client, catalogue):
    garbage = ["?q=%00", "?model=%00&country=%00x", "?year_to=99999", "?initiator=" + "x" * 5000]
    for query in garbage:
        assert client.get("/insights/" + query).status_code == 200
    assert client.get("/choose/?role=%00&goal=" + "x" * 5000).status_code == 200


def test_the_case_list_links_to_a_map_of_the_same_list(client, catalogue):
    html = client.get("/cases/?model=hackathon&sort=title&page=1").content.decode()
    link = 'href="/insights/?model=hackathon&amp;sort=title#countries">View this list on a map'
    assert link in html
    mapped = client.get("/insights/?model=hackathon&sort=title").content.decode()
    europe = next(
        svg
        for svg in svgs(mapped)
        if (svg.find(f"{SVG}title").text or "") == "Case studies per country in Europe"
    )
    assert dict(marks(europe)) == {
        "/cases/?model=hackathon&country=PL": 2,
        "/cases/?model=hackathon&country=RO": 1,
    }
    # The countries with cases are labelled on the map, the others are not.
    labels = [text.text for text in europe.iter(f"{SVG}text")]
    assert sorted(labels) == ["Poland", "Romania"]


def test_long_names_are_never_cut_in_charts_or_lineage():
    name = "United Kingdom of Great Britain and Northern Ireland"
    chart = ET.fromstring(str(bar_chart("c", "t", "d", [Mark("GB", name, 3, "/cases/")])))
    labels = [" ".join(t.itertext()) for t in chart.iter(f"{SVG}text") if t.get("class") != "count"]
    assert labels == [name]
    model = "Providing services to governments, procurement included"
    grid = heat_map("h", "t", "d", [("s", model)], [("c", "Civic tech or civil society")],
                    {("s", "c"): Mark("x", "x", 1, "/cases/")})  # fmt: skip
    texts = [" ".join(t.itertext()) for t in ET.fromstring(str(grid)).iter(f"{SVG}text")]
    assert model in texts and "Civic tech or civil society" in texts


def test_the_map_legend_is_coloured_by_class_not_by_style_attribute(client, catalogue):
    html = client.get("/insights/").content.decode()
    legend = html[html.index('<ul class="map-legend"') :]
    legend = legend[: legend.index("</ul>")]
    assert "style=" not in legend
    assert 'class="map-legend__swatch map-legend__swatch--5">2</span>' in legend
    assert geo.legend({"PL": 2, "RO": 1}) == [(3, 1, 1), (5, 2, 2)]
