"""The /insights/ panels, from counts to marks and links, without a database."""

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from django.http import QueryDict

from insights import geo, panels


def query(href):
    parts = urlsplit(href)
    assert parts.path == "/cases/"
    return parse_qs(parts.query)


def test_without_drops_only_the_named_facets_and_leaves_the_original_alone():
    params = QueryDict("model=lab&initiator=civic&country=PL", mutable=True)
    assert panels.without(params, "model", "initiator").urlencode() == "country=PL"
    assert params.urlencode() == "model=lab&initiator=civic&country=PL"


def test_heat_has_a_cell_per_model_and_initiator_linking_to_both():
    params = QueryDict("model=old&initiator=donor&country=PL")
    rows = [
        SimpleNamespace(slug="lab", name_i18n="Lab"),
        SimpleNamespace(slug="hack", name_i18n="Hack"),
    ]
    columns = [("civic", "Civic"), ("government", "Government")]
    heat = panels.heat(params, rows, columns, {("lab", "civic"): 3})
    assert [label for label, _cells in heat["rows"]] == ["Lab", "Hack"]
    assert [[mark.count for mark in cells] for _label, cells in heat["rows"]] == [[3, 0], [0, 0]]
    lab_civic = heat["rows"][0][1][0]
    assert lab_civic.label == "Lab, initiated by Civic"
    assert query(lab_civic.href) == {"country": ["PL"], "model": ["lab"], "initiator": ["civic"]}
    assert heat["columns"] == columns
    assert 'id="chart-heat-title"' in heat["svg"]


def test_bars_link_each_key_in_place_of_the_pages_choice_for_that_facet():
    params = QueryDict("collaboration=indirect&initiator=civic")
    chart = panels.collaboration(params, [("direct", "Direct", 2), ("indirect", "Indirect", 0)])
    assert chart["id"] == "chart-collaboration"
    assert [(mark.key, mark.count) for mark in chart["marks"]] == [("direct", 2), ("indirect", 0)]
    assert query(chart["marks"][0].href) == {"initiator": ["civic"], "collaboration": ["direct"]}
    assert panels.motivation(params, [])["marks"] == []


def test_years_link_to_one_year_and_keep_the_undated_count():
    params = QueryDict("year_from=2000&year_to=2001&model=lab")
    chart = panels.years(params, [(2016, 1), (2019, 2)], undated=4)
    assert [mark.label for mark in chart["marks"]] == ["2016", "2019"]
    assert query(chart["marks"][1].href) == {
        "model": ["lab"],
        "year_from": ["2019"],
        "year_to": ["2019"],
    }
    assert chart["undated"] == 4


def test_countries_are_named_and_ordered_by_count_then_name():
    chart = panels.countries(QueryDict("country=FR"), {"RO": 1, "PL": 3, "DE": 1})
    assert [mark.label for mark in chart["marks"]] == ["Poland", "Germany", "Romania"]
    assert query(chart["marks"][0].href) == {"country": ["PL"]}


def test_maps_link_countries_to_the_list_when_the_boundaries_are_installed():
    maps = panels.maps(QueryDict("country=FR&model=lab"), {"PL": 2})
    if not geo.available():
        assert maps is None
        return
    assert set(maps) == {"europe", "world", "legend"}
    assert "/cases/?model=lab&amp;country=PL" in maps["europe"]
