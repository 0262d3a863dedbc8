"""The editors' admin and the API docs in a real Chromium, with axe-core's WCAG 2.2 AA
checks."""

import pytest
from django.conf import settings
from django.test import Client

from cases.choices import Role
from tests import test_browser
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    SourceFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = test_browser.pytestmark
AXE = test_browser.AXE
# The same Chromium and 1,280 px page as the public pages' browser tests.
browser = test_browser.browser
new_context = test_browser.new_context
page = test_browser.page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page):
    # axe is loaded by the init script ``sign_in`` adds: a <script> tag would be blocked
    # by the page's Content-Security-Policy.
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements, e.g. "
        f"{' | '.join(node['html'][:160] for node in violation['nodes'][:3])})"
        for violation in result["violations"]
    ]


@pytest.fixture
def case(transactional_db):
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling a tool", order=1)
    MotivationFactory(slug="impact", name="Impact of activities")
    ThemeFactory(slug="elections", name="Elections")
    actor = ActorFactory(name="Code for Romania", slug="code-for-romania", country="RO")
    vote = InitiativeFactory(
        slug="monitorizare-vot", title="Monitorizare Vot", models=[scaling], countries=["RO"],
        aim="Let observers report irregularities.", state="draft",
    )  # fmt: skip
    InvolvementFactory(initiative=vote, actor=actor, role=Role.INITIATOR)
    LessonFactory(initiative=vote, text="Train observers before election day.")
    SourceFactory(initiative=vote, url="https://example.org/a-rather-long/address/of-a-source")
    InitiativeLinkFactory(source=vote, target=InitiativeFactory(title="Vote Monitor"))
    return vote


def sign_in(page, live_server):
    # An init script, which the page's policy does not govern, on every page from now on.
    page.add_init_script(path=str(AXE))
    user = UserFactory(username="boss", is_superuser=True)
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make install` (npm ci)")
def test_case_change_form_has_no_wcag_violations(page, live_server, case):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/cases/initiative/{case.pk}/change/")
    assert axe_violations(page) == []
    # A row added in the page (Select2 drawn afresh) is named too.
    page.locator("#involvements-group .add-row a").click()
    assert page.locator("[name='involvements-2-role']").count() == 1
    assert axe_violations(page) == []


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make install` (npm ci)")
@pytest.mark.parametrize("model", ["lesson", "source", "actor"])
def test_other_change_forms_have_no_wcag_violations(page, live_server, case, model):
    sign_in(page, live_server)
    row = {"lesson": case.lessons, "source": case.sources, "actor": case.actors}[model].first()
    page.goto(f"{live_server.url}/admin/cases/{model}/{row.pk}/change/")
    assert axe_violations(page) == []


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make install` (npm ci)")
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_api_docs_have_no_wcag_violations(page, live_server, transactional_db, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.add_init_script(path=str(AXE))
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".opblock")
    assert page.locator("html").get_attribute("lang") == "en"
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # An operation opened and tried out: parameters, buttons and the response body.
    page.locator(".opblock-summary-control").first.click()
    page.get_by_role("button", name="Try it out").click()
    page.get_by_role("button", name="Execute").click()
    page.wait_for_selector(".live-responses-table")
    assert axe_violations(page) == []


def test_case_form_fits_a_laptop_screen_and_countries_are_searchable(page, live_server, case):
    sign_in(page, live_server)
    page.goto(f"{live_server.url}/admin/cases/initiative/{case.pk}/change/")
    width = page.viewport_size["width"]
    for control in ("sources-0-order", "sources-0-DELETE", "involvements-0-DELETE"):
        box = page.locator(f"[name='{control}']").bounding_box()
        assert box is not None and box["x"] + box["width"] <= width, control
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    # The country picker sits after its label, filters its list as the editor types, and
    # moves a choice over.
    label = page.locator("label[for=id_countries]").bounding_box()
    assert label["x"] < page.locator("#id_countries_from").bounding_box()["x"]

    page.locator("#id_countries_input").press_sequentially("Bulg")
    available = page.locator("#id_countries_from option")
    assert available.all_inner_texts() == ["Bulgaria"]
    available.first.dblclick()
    assert page.locator("#id_countries_to option").all_inner_texts() == ["Romania", "Bulgaria"]
