"""Phones first, in a real Chromium: no page scrolls sideways from 320 px up, the case list
shows results before filters, the compare tray follows the visitor, and axe-core's WCAG 2.2
AA checks pass at phone and desktop widths."""

import pytest

from cases.choices import LessonKind, Role
from insights.models import ChooserRule
from tests import test_browser
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    SourceFactory,
    ThemeFactory,
)

# The same Chromium, axe-core and WCAG tags as the other browser tests.
AXE, WCAG_TAGS = test_browser.AXE, test_browser.WCAG_TAGS
browser = test_browser.browser

WIDTHS = [320, 390, 1280]
PHONE_HEIGHT = 844

pytestmark = test_browser.pytestmark

# One page of every public type, and the list in the states a visitor meets.
PAGES = [
    "/",
    "/cases/",
    "/cases/?model=scaling&initiator=civic&q=vot",
    "/cases/?model=lab&initiator=donor",
    "/cases/?q=nothingmatchesthis",
    "/cases/monitorizare-vot/",
    "/cases/a-case-with-a-very-long-name/",
    "/models/",
    "/models/scaling/",
    "/motivations/",
    "/motivations/impact/",
    "/actors/",
    "/actors/code-for-romania/",
    "/lessons/",
    "/lessons/?model=scaling",
    "/insights/",
    "/insights/?model=scaling",
    "/compare/?cases=monitorizare-vot,monitorizare-vot-poland",
    "/compare/?cases=monitorizare-vot",
    "/choose/",
    "/choose/?role=official&goal=participation&time=months&team=small&partners=no",
    "/suggest/",
    "/suggest/?case=monitorizare-vot",
    # Polish and Spanish words run longer than English ones.
    "/pl/",
    "/pl/cases/?model=scaling&initiator=civic&q=vot",
    "/pl/cases/monitorizare-vot/",
    "/pl/insights/",
    "/pl/compare/?cases=monitorizare-vot,monitorizare-vot-poland",
    "/es/",
    "/es/cases/",
    "/es/choose/?role=official&goal=participation&time=months&team=small&partners=no",
    "/es/suggest/",
]


def new_page(browser, width, *, javascript=True):
    context = browser.new_context(
        viewport={"width": width, "height": PHONE_HEIGHT if width < 800 else 900},
        java_script_enabled=javascript,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def catalogue(transactional_db):
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling a tool", order=1)
    lab = CollaborationModelFactory(slug="lab", name="Government innovation lab", order=2)
    RecommendationFactory(collaboration_model=scaling, text="Adapt the tool to local law.")
    impact = MotivationFactory(slug="impact", name="Impact of activities")
    elections = ThemeFactory(slug="elections", name="Elections")
    watchdog = ActorFactory(name="Code for Romania", slug="code-for-romania", country="RO")
    vote = InitiativeFactory(
        slug="monitorizare-vot", title="Monitorizare Vot", models=[scaling], motivations=[impact],
        summary="Observers report from polling stations.", countries=["RO"], themes=[elections],
        aim="Let observers report irregularities.", funding="Donations.",
        website="https://monitorizare-vot.example.org/a/very/long/path/that/does/not/break",
    )  # fmt: skip
    InvolvementFactory(initiative=vote, actor=watchdog, role=Role.INITIATOR)
    LessonFactory(initiative=vote, text="Train observers before election day.")
    LessonFactory(initiative=vote, kind=LessonKind.IMPROVEMENT, text="Open the code early.")
    SourceFactory(initiative=vote, url="https://example.org/guide")
    poland = InitiativeFactory(
        slug="monitorizare-vot-poland", title="Monitorizare Vot in Poland", models=[scaling],
        summary="The Romanian app, adapted for Polish elections.", countries=["PL"],
    )  # fmt: skip
    InvolvementFactory(initiative=poland, actor=watchdog, role=Role.PARTNER)
    InitiativeLinkFactory(source=poland, target=vote, kind="replicated_from")
    InitiativeFactory(
        slug="city-scaling", title="City-led scaling", models=[scaling],
        initiator_kind="government", summary="A city replicated a tool.",
    )  # fmt: skip
    InitiativeFactory(
        slug="mindlab", title="MindLab", models=[lab], initiator_kind="government",
        summary="A government innovation lab.",
    )  # fmt: skip
    # Long words, long addresses and Markdown with a table and code: what pushed case
    # pages wider than small phones.
    InitiativeFactory(
        slug="a-case-with-a-very-long-name",
        title="Bürgerbeteiligungsplattformentwicklungsgesellschaft in Niedersachsen",
        summary="Verwaltungsdigitalisierungsbeschleunigungsprogramm, with a long address "
        "https://example.org/a/rather/long/path/to/a/document/about/the/programme.pdf",
        models=[scaling], countries=["DE", "AT", "CH", "GB", "US"],
        description="| Year | Budget in euro per participating municipality |\n|---|---|\n"
        "| 2019 | 1000000000000000000000 |\n\n```\nverylongpreformattedlinewithoutanyspaces"
        "verylongpreformattedlinewithoutanyspaces\n```",
    )  # fmt: skip
    ChooserRule.objects.get_or_create(
        question="goal", answer="participation", collaboration_model="scaling",
        defaults={"weight": 3, "reason": "Proven participation tools can be adapted."},
    )  # fmt: skip


def sideways(page):
    return page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_no_public_page_scrolls_sideways(browser, live_server, catalogue, width):
    page = new_page(browser, width)
    wider = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        if sideways(page) > 0:
            wider[path] = page.evaluate("document.documentElement.scrollWidth")
    # The open menu and the open filters must fit too.
    page.goto(live_server.url + "/cases/")
    if width < 1024:
        page.get_by_text("Menu", exact=True).click()
    if width < 896:
        page.locator("#filters-summary").click()
    if sideways(page) > 0:
        wider["/cases/ with menu and filters open"] = page.evaluate(
            "document.documentElement.scrollWidth"
        )
    page.context.close()
    assert wider == {}


def test_on_a_phone_the_first_result_is_within_the_first_screen(browser, live_server, catalogue):
    page = new_page(browser, 390)
    page.goto(live_server.url + "/cases/")
    first = page.locator("#results article").first.bounding_box()
    assert first["y"] < PHONE_HEIGHT - 80
    # Sorting stays in reach too.
    assert page.get_by_label("Sort by").bounding_box()["y"] < PHONE_HEIGHT
    # The menu is one row: the brand and a "Menu" toggle.
    assert page.locator(".site-header").bounding_box()["height"] < 80
    page.context.close()


def test_on_a_phone_filters_open_from_their_toggle_without_javascript(
    browser, live_server, catalogue
):
    page = new_page(browser, 390, javascript=False)
    page.goto(live_server.url + "/cases/")
    lab = page.get_by_label("Government innovation lab (1 case)")
    assert not lab.is_visible()
    page.get_by_text("Filters (0)").click()
    lab.check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**model=lab**")
    assert page.locator("#results article h3").all_inner_texts() == ["MindLab"]
    assert page.get_by_text("Filters (1)").is_visible()
    assert not page.get_by_label("Government innovation lab (1 case)").is_visible()
    page.context.close()


def test_on_a_wide_screen_filters_and_menu_show_without_a_toggle(browser, live_server, catalogue):
    page = new_page(browser, 1280, javascript=False)
    page.goto(live_server.url + "/cases/")
    assert page.get_by_label("Government innovation lab (1 case)").is_visible()
    assert not page.locator("#filters-summary").is_visible()
    assert page.get_by_role("link", name="Lessons", exact=True).is_visible()
    assert not page.get_by_text("Menu", exact=True).is_visible()
    page.context.close()


def tray_count(page):
    return page.locator("[data-tray-count]").inner_text()


def test_the_compare_tray_follows_the_visitor_and_leads_back_to_the_list(
    browser, live_server, catalogue
):
    page = new_page(browser, 390)
    page.goto(live_server.url + "/cases/?model=scaling")
    tray = page.get_by_role("region", name="To compare")
    assert not tray.is_visible()
    page.get_by_label("Compare Monitorizare Vot in Poland").check()
    page.get_by_label("Compare City-led scaling").check()
    assert tray.is_visible() and tray_count(page) == "2"

    # Across pages: a case page adds a third, the home page still shows three.
    page.get_by_role("link", name="Monitorizare Vot", exact=True).click()
    page.wait_for_url("**/cases/monitorizare-vot/")
    assert tray_count(page) == "2"
    add = page.get_by_role("button", name="Add to compare Monitorizare Vot", exact=True)
    add.click()
    assert tray_count(page) == "3" and add.get_attribute("aria-pressed") == "true"
    page.goto(live_server.url + "/")
    assert tray.is_visible() and tray_count(page) == "3"
    tray.get_by_text("Which ones").click()
    assert tray.locator("li > span:first-child").all_inner_texts() == [
        "Monitorizare Vot in Poland",
        "City-led scaling",
        "Monitorizare Vot",
    ]
    tray.get_by_role("button", name="Take out City-led scaling").click()
    assert tray_count(page) == "2"
    page.get_by_role("button", name="Add to compare City-led scaling").click()
    assert tray_count(page) == "3"

    # Back on the list, its checkboxes show what the tray holds.
    page.goto(live_server.url + "/cases/?model=scaling")
    assert page.get_by_label("Compare Monitorizare Vot", exact=True).is_checked()

    tray.get_by_role("link", name="Compare").click()
    page.wait_for_url("**/compare/**")
    headings = page.locator(".compare-cards h2").all_inner_texts()
    assert sorted(headings) == [
        "City-led scaling",
        "Monitorizare Vot",
        "Monitorizare Vot in Poland",
    ]
    page.get_by_role("link", name="Back to the case studies").click()
    page.wait_for_url("**/cases/?model=scaling")

    # At most four: a fifth is refused, saying why.
    page.goto(live_server.url + "/cases/")
    page.get_by_label("Compare MindLab").check()
    assert tray_count(page) == "4"
    page.get_by_label("Compare Bürgerbeteiligungsplattformentwicklungsgesellschaft").click()
    assert tray_count(page) == "4"
    assert not page.get_by_label(
        "Compare Bürgerbeteiligungsplattformentwicklungsgesellschaft"
    ).is_checked()
    assert "at most 4" in tray.get_by_role("status").inner_text()
    tray.get_by_role("button", name="Clear").click()
    assert not tray.is_visible()
    page.context.close()


def test_without_javascript_the_list_compares_through_its_form(browser, live_server, catalogue):
    page = new_page(browser, 390, javascript=False)
    page.goto(live_server.url + "/cases/?model=scaling")
    page.get_by_label("Compare Monitorizare Vot in Poland").check()
    page.get_by_label("Compare City-led scaling").check()
    page.get_by_role("button", name="Compare selected").click()
    page.wait_for_url("**/compare/**")
    assert len(page.locator(".compare-cards h2").all_inner_texts()) == 2
    page.get_by_role("link", name="Back to the case studies").click()
    page.wait_for_url("**/cases/?model=scaling")
    page.context.close()


def axe_violations(page):
    # axe-core comes from the page's init script (see below): a <script> tag added now
    # would be blocked by the page's own Content-Security-Policy.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements, e.g. "
        f"{violation['nodes'][0]['html'][:120]})"
        for violation in result["violations"]
    ]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make install` (npm ci)")
@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_pass_axe_wcag22_aa(browser, live_server, catalogue, width):
    page = new_page(browser, width)
    page.add_init_script(path=str(AXE))
    found = {}
    for path in PAGES:
        page.goto(live_server.url + path)
        violations = axe_violations(page)
        if violations:
            found[path] = violations
    # The states JavaScript and the toggles add: an open menu and filters, a full tray.
    page.goto(live_server.url + "/cases/?model=scaling")
    for box in page.locator("input[form=compare-form][name=cases]").all()[:2]:
        box.check()
    if width < 1024:
        page.get_by_text("Menu", exact=True).click()
    if width < 896:
        page.locator("#filters-summary").click()
    page.get_by_text("Which ones").click()
    violations = axe_violations(page)
    if violations:
        found["/cases/?model=scaling with tray, menu and filters open"] = violations
    page.context.close()
    assert found == {}


def test_on_a_phone_apply_filters_folds_them_and_shows_the_results(browser, live_server, catalogue):
    page = new_page(browser, 390)
    page.goto(live_server.url + "/cases/")
    page.get_by_text("Filters (0)").click()
    page.get_by_label("Government (central or local) (2 cases)").check()
    page.wait_for_url("**initiator=government**")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_function("!document.querySelector('.filters-panel').open")
    assert page.evaluate("document.activeElement.id") == "results-count"
    assert page.get_by_text("Filters (1)").is_visible()
    assert sorted(page.locator("#results article h3").all_inner_texts()) == [
        "City-led scaling",
        "MindLab",
    ]
    page.context.close()
