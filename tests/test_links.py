"""Links come from URL names and one query helper, never from paths typed by hand."""

import ast
import re
from pathlib import Path

import pytest
from django.http import QueryDict
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import NoReverseMatch, resolve, reverse, set_script_prefix
from django.utils import translation

from collab_atlas.links import clean_query, link, slug_path, without_value
from collab_atlas.navigation import navigation

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "cases", "collab_atlas", "contributions", "insights", "models_of_collab", "opendata", "pages",
]  # fmt: skip
TEMPLATES = sorted(
    path
    for folder in [ROOT / "templates", *(ROOT / app / "templates" for app in APPS)]
    for path in folder.glob("**/*.html")
)
# A path typed into a link, a form or an asset, and a query glued onto {% url %}.
HARD_CODED_IN_TEMPLATE = re.compile(r"""(?:href|action|src)=["']/|{%\s*url\s[^%]*%}\?""")
# Paths in Python, except settings, where drf-spectacular takes a prefix pattern.
PATH_LITERAL = re.compile(r"^/[a-z]")


def test_templates_are_found():
    assert len(TEMPLATES) > 30


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_template_types_a_path(path):
    lines = path.read_text().splitlines()
    hard_coded = [n for n, line in enumerate(lines, 1) if HARD_CODED_IN_TEMPLATE.search(line)]
    assert hard_coded == [], f"hard-coded paths on lines {hard_coded}: use {{% url %}} or link_to"


def python_modules():
    for app in APPS:
        for path in (ROOT / app).glob("**/*.py"):
            if "migrations" not in path.parts and path.name != "settings.py":
                yield path


def test_no_python_module_types_a_path():
    found = []
    for path in python_modules():
        tree = ast.parse(path.read_text())
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docstrings
                and PATH_LITERAL.match(node.value)
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value!r}")
    assert found == []


def test_link_cleans_the_query_and_applies_changes():
    query = QueryDict("model=lab&model=scaling&q=&page=3&sort=title&year_from=")
    assert link("cases:list", query) == "/cases/?model=lab&model=scaling&sort=title"
    assert link("cases:list", query, sort=None, model="hackathon") == "/cases/?model=hackathon"
    assert link("cases:list", query, model=["a", "b"]) == "/cases/?model=a&model=b&sort=title"
    assert link("cases:list") == "/cases/"
    assert link("cases:detail", args=["consul"], tab="x") == "/cases/consul/?tab=x"


def test_link_keeps_only_and_drops_what_it_is_told():
    query = QueryDict("model=lab&sort=title&cases=a")
    assert link("cases:list", query, only={"model", "sort"}, drop={"sort"}) == "/cases/?model=lab"


def test_without_value_removes_one_value_whatever_its_case():
    query = QueryDict("country=pl&country=RO&page=2")
    assert without_value(query, "country", "PL").urlencode() == "country=RO"
    assert "country" not in without_value(QueryDict("country=PL"), "country", "PL")


def test_clean_query_accepts_a_plain_mapping():
    assert clean_query({"model": ["lab", ""], "q": None, "page": 2}).urlencode() == "model=lab"


def test_link_to_tag_escapes_and_builds_from_the_current_query():
    rendered = Template(
        "{% load links %}{% link_to 'cases:list' query=query model='lab' %}|"
        "{% link_to_query 'cases:list' name value 'initiator' 'civic' %}"
    ).render(Context({"query": QueryDict("q=a&page=2"), "name": "model", "value": "x y"}))
    assert rendered == "/cases/?q=a&amp;model=lab|/cases/?model=x+y&amp;initiator=civic"


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/cases/", "/cases/"),
        ("/cases/consul/", "/cases/"),
        ("/cases/download.csv", "/cases/"),
        ("/models/hackathon/", "/models/"),
        ("/actors/epanstwo/", "/actors/"),
        ("/suggest/thanks/", "/suggest/"),
        ("/data/dictionary/", "/data/"),
        ("/choose/", "/choose/"),
        ("/compare/", None),
        ("/", None),
    ],
)
def test_navigation_marks_the_section_by_url_name(path, current):
    request = RequestFactory().get(path)
    request.resolver_match = resolve(path)
    marked = [section.url for section, is_current in navigation(request) if is_current]
    assert marked == ([current] if current else [])


def test_navigation_without_a_resolved_page_marks_nothing():
    request = RequestFactory().get("/nowhere/")
    assert not any(is_current for _section, is_current in navigation(request))


SLUG_ROUTES = ["cases:detail", "cases:actor", "models_of_collab:detail", "api:case-detail"]


@pytest.mark.parametrize("viewname", SLUG_ROUTES)
@pytest.mark.parametrize("language", ["en", "pl", "es"])
def test_slug_path_is_what_reverse_gives_in_every_language(viewname, language):
    with translation.override(language):
        for slug in ["open-data", "a_1", "slug", "placeholder-slug-x"]:
            assert slug_path(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_slug_path_follows_the_script_prefix():
    try:
        set_script_prefix("/atlas/")
        assert slug_path("cases:detail", "open-data") == reverse(
            "cases:detail", kwargs={"slug": "open-data"}
        )
        assert slug_path("cases:detail", "open-data").startswith("/atlas/")
    finally:
        set_script_prefix("/")
    assert not slug_path("cases:detail", "open-data").startswith("/atlas/")


def test_slug_path_leaves_a_slug_the_route_refuses_to_reverse():
    # No path is made up for a slug the URL could not hold.
    with pytest.raises(NoReverseMatch):
        slug_path("cases:detail", "two words")
    with pytest.raises(NoReverseMatch):
        slug_path("cases:detail", "")
