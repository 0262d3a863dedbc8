"""Phones first: the list's filters and the main menu fold into disclosures that need no
JavaScript, and pages carry no inline styles or scripts (a strict CSP is planned)."""

import re

import pytest

from tests.factories import CollaborationModelFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling", order=1)
    InitiativeFactory(slug="vote", title="Vote", models=[scaling], initiator_kind="civic")
    InitiativeFactory(slug="lab", title="Lab", initiator_kind="government")


def test_filters_fold_into_a_closed_disclosure_counting_active_filters(client, catalogue):
    html = client.get("/cases/?model=scaling&initiator=civic&q=vote").content.decode()
    details = re.search(r"<details class=\"browser__filters filters-panel\"[^>]*>", html)
    assert details and " open" not in details.group(0)
    # The search has its own box, so the count names the filters only.
    assert re.search(r'<summary[^>]*id="filters-summary"[^>]*>\s*Filters \(2\)', html)


def test_the_results_follow_the_filter_toggle_not_the_filters(client, catalogue):
    html = client.get("/cases/").content.decode()
    assert html.index('id="filters-summary"') < html.index('id="results"')
    assert html.index("</details>") < html.index('id="results"')


def test_the_main_menu_is_a_disclosure(client, catalogue):
    html = client.get("/").content.decode()
    assert re.search(r'<details class="site-nav"[^>]*>\s*<summary[^>]*>Menu</summary>', html)


@pytest.mark.parametrize(
    "path", ["/", "/cases/", "/cases/?q=nothing-matches", "/cases/vote/", "/compare/?cases=vote"]
)
def test_pages_have_no_inline_styles_or_scripts(client, catalogue, path):
    html = client.get(path).content.decode()
    assert " style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
