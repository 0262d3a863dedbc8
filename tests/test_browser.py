"""The catalogue as a person uses it, in a real Chromium, with axe-core's WCAG checks."""

import os
from pathlib import Path

import pytest

from cases.choices import LessonKind, Role
from cases.models import Initiative
from insights.models import ChooserRule
from models_of_collab.models import CollaborationModel
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
    UserFactory,
)

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')"
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="browser tests need Debian's Chromium: apt-get install chromium",
    ),
]


@pytest.fixture(scope="module")
def browser():
    # Sync Playwright runs an event loop in this thread; the test's own database
    # work (factories) is still synchronous, which Django would otherwise refuse.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run",
            ],
        )  # fmt: skip
        yield chromium
        chromium.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# Reports every Content-Security-Policy violation to the test, through a binding the
# policy cannot block (Playwright installs it over the DevTools protocol).
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} on ${event.documentURI}`
    + (event.sample ? `: ${event.sample}` : "")
  );
});
"""


def watch_csp(context):
    """The list of CSP violations in ``context``: reported events and console errors."""
    violations = []
    context.expose_function("reportCspViolation", lambda violation: violations.append(violation))
    context.add_init_script(REPORT_CSP_VIOLATIONS)

    def on_console(message):
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    context.on("console", on_console)
    return violations


@pytest.fixture
def new_context(browser):
    """Opens browser contexts that fail the test on any CSP violation in them."""
    opened = []

    def open_context(**options):
        context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
        opened.append((context, watch_csp(context)))
        return context

    yield open_context
    violations = [violation for _context, seen in opened for violation in seen]
    for context, _seen in opened:
        context.close()
    assert violations == [], "Content-Security-Policy violations"


@pytest.fixture
def page(new_context):
    page = new_context().new_page()
    page.set_default_timeout(10_000)
    return page


@pytest.fixture
def catalogue(transactional_db):
    scaling = CollaborationModelFactory(slug="scaling", name="Scaling a tool", order=1)
    lab = CollaborationModelFactory(slug="lab", name="Government innovation lab", order=2)
    RecommendationFactory(collaboration_model=scaling, text="Adapt the tool to local law.")
    impact = MotivationFactory(slug="impact", name="Impact of activities")
    ThemeFactory(slug="elections", name="Elections")
    watchdog = ActorFactory(name="Code for Romania", slug="code-for-romania", country="RO")
    vote = InitiativeFactory(
        slug="monitorizare-vot", title="Monitorizare Vot", models=[scaling], motivations=[impact],
        summary="Observers report from polling stations.", countries=["RO"],
        aim="Let observers report irregularities.", funding="Donations.",
    )  # fmt: skip
    InvolvementFactory(initiative=vote, actor=watchdog, role=Role.INITIATOR)
    guide = SourceFactory(initiative=vote, url="https://example.org/guide", is_guide=True,
                          locator="p. 18")  # fmt: skip
    vote.years_provenance = vote.initiator_provenance = guide
    vote.save()
    # Facts citing their source: the note numbers must pass the accessibility checks too.
    LessonFactory(initiative=vote, text="Train observers before election day.", provenance=guide)
    LessonFactory(initiative=vote, kind=LessonKind.IMPROVEMENT, text="Open the code early.")
    poland = InitiativeFactory(
        slug="monitorizare-vot-poland", title="Monitorizare Vot in Poland", models=[scaling],
        summary="The Romanian app, adapted for Polish elections.", countries=["PL"],
    )  # fmt: skip
    InvolvementFactory(initiative=poland, actor=watchdog, role=Role.PARTNER)
    InitiativeFactory(
        slug="city-scaling", title="City-led scaling", models=[scaling],
        initiator_kind="government", summary="A city replicated a tool.",
    )  # fmt: skip
    InitiativeFactory(
        slug="mindlab", title="MindLab", models=[lab], initiator_kind="government",
        summary="A government innovation lab.",
    )  # fmt: skip
    InitiativeFactory(slug="draft-scaling", title="Draft scaling", models=[scaling], state="draft")
    InitiativeLinkFactory(source=poland, target=vote, kind="replicated_from")
    ChooserRule.objects.get_or_create(
        question="goal", answer="participation", collaboration_model="scaling",
        defaults={
            "weight": 3,
            "reason": "Proven participation tools can be adapted.",
            "basis": "Models of Collaboration, Scaling/Replicating",
        },
    )  # fmt: skip


def titles(page):
    return sorted(page.locator("#results article h3").all_inner_texts())


def test_a_newcomer_finds_civic_scaling_cases_and_shares_the_url(
    page, new_context, live_server, catalogue
):
    page.goto(live_server.url + "/")
    entry_points = page.get_by_role("region", name="By model of collaboration")
    entry_points.get_by_role("link", name="Scaling a tool", exact=True).click()
    page.wait_for_url("**/cases/?model=scaling")
    assert titles(page) == ["City-led scaling", "Monitorizare Vot", "Monitorizare Vot in Poland"]

    # Ticking a filter updates the results in place and the address with them.
    page.get_by_label("Civic tech or civil society (2 cases)").check()
    page.wait_for_url("**initiator=civic**")
    page.wait_for_function(
        "document.querySelectorAll('#results article').length === 2", timeout=10_000
    )
    assert titles(page) == ["Monitorizare Vot", "Monitorizare Vot in Poland"]
    assert page.get_by_role("status").filter(has_text="2 case studies").count() == 1

    # The address is the shareable state: a fresh visitor sees the same list.
    shared = page.url
    other = new_context().new_page()
    other.goto(shared)
    assert titles(other) == ["Monitorizare Vot", "Monitorizare Vot in Poland"]

    page.get_by_role("link", name="Monitorizare Vot", exact=True).click()
    assert page.get_by_role("heading", name="Lessons learnt and challenges").is_visible()
    assert page.get_by_text("Train observers before election day.").is_visible()


def test_filters_work_without_javascript(new_context, live_server, catalogue):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(live_server.url + "/cases/")
    page.get_by_label("Government innovation lab (1 case)").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**model=lab**")
    assert titles(page) == ["MindLab"]
    page.get_by_role("link", name="Remove filter Model of collaboration: Government").click()
    page.wait_for_url(lambda url: "model=" not in url)
    assert len(titles(page)) == 4


def test_answering_the_chooser_moves_focus_to_the_results(browser, live_server, catalogue):
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        page.goto(live_server.url + "/choose/")
        page.get_by_label("Get citizens to take part in decisions").check()
        page.get_by_role("button", name="Show the models that fit").click()
        page.wait_for_url("**/choose/?**goal=participation#results")
        if javascript:
            page.wait_for_function("document.activeElement.id === 'results-heading'")
        context.close()


def test_searching_from_the_home_page(page, live_server, catalogue):
    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="Search the case studies")
    box.fill("polling")
    box.press("Enter")
    page.wait_for_url("**/cases/?q=polling")
    assert titles(page) == ["Monitorizare Vot"]


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make install` (npm ci)")
@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cases/",
        "/cases/?model=scaling&initiator=civic&country=RO&q=vot&model=nope&year_from=abc",
        "/cases/monitorizare-vot/",
        "/models/",
        "/models/scaling/",
        "/motivations/impact/",
        "/actors/",
        "/actors/code-for-romania/",
        "/lessons/?model=scaling",
        "/no-such-page/",
        "/choose/",
        "/choose/?role=official&goal=participation&time=months&team=small&partners=no",
        "/compare/?cases=monitorizare-vot,monitorizare-vot-poland",
        "/compare/?cases=monitorizare-vot",
        "/insights/",
        "/insights/?model=scaling",
        "/suggest/",
        "/suggest/?case=monitorizare-vot",
        "/data/",
        "/data/dictionary/",
        "/about/",
        "/privacy/",
        "/accessibility/",
        "/contact/",
        # Polish and Spanish: longer words, other quotation marks, the switcher's lang.
        "/pl/",
        "/pl/cases/?model=scaling&initiator=civic&country=RO&q=vot&model=nope",
        "/pl/cases/monitorizare-vot/",
        "/pl/models/scaling/",
        "/pl/suggest/",
        "/es/",
        "/es/cases/",
        "/es/choose/?role=official&goal=participation&time=months&team=small&partners=no",
        "/es/insights/",
        "/es/data/dictionary/",
    ],
)
@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_pages_have_no_wcag_violations(page, live_server, catalogue, path, width):
    page.set_viewport_size({"width": width, "height": 900})
    # An init script, not a <script> tag, which the page's own policy would block; and
    # no preload, which copies stylesheets into inline <style> elements the policy blocks.
    page.add_init_script(path=str(AXE))
    page.goto(live_server.url + path)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    violations = [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements, e.g. "
        f"{violation['nodes'][0]['html'][:120]})"
        for violation in result["violations"]
    ]
    assert violations == []


def test_a_csp_violation_fails_the_browser_tests(browser, live_server, catalogue):
    # The watch the fixtures install sees what the policy blocks.
    context = browser.new_context()
    violations = watch_csp(context)
    page = context.new_page()
    page.goto(live_server.url + "/")
    page.evaluate("document.body.setAttribute('style', 'outline: 1px solid red')")
    page.wait_for_timeout(200)
    context.close()
    assert any("style-src" in violation for violation in violations)


def test_editors_use_the_admin_under_the_policy(page, live_server, catalogue):
    UserFactory(username="chief", is_superuser=True)
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    case = Initiative.objects.get(slug="monitorizare-vot")
    scaling = CollaborationModel.objects.get(slug="scaling")
    for path in [
        "/admin/cases/initiative/",
        "/admin/cases/initiative/?q=vot",
        f"/admin/cases/initiative/{case.pk}/change/",
        f"/admin/cases/initiative/{case.pk}/history/",
        "/admin/cases/actor/add/",
        f"/admin/models_of_collab/collaborationmodel/{scaling.pk}/change/",
        "/admin/contributions/suggestion/",
        "/admin/insights/chooserrule/",
    ]:
        page.goto(live_server.url + path)
        assert page.locator("#content h1").count() == 1, path
    # The Markdown preview keeps its frame from the widget's stylesheet.
    page.goto(live_server.url + f"/admin/models_of_collab/collaborationmodel/{scaling.pk}/change/")
    preview = page.locator(".markdown-preview__body").first
    assert preview.evaluate("element => getComputedStyle(element).borderTopStyle") == "solid"
    # Django's own scripts still run: the action bar counts the ticked rows.
    page.goto(live_server.url + "/admin/cases/initiative/")
    page.locator("#action-toggle").check()
    assert page.locator(".action-counter").inner_text().startswith("5 of 5")


def test_the_api_docs_run_under_the_policy(page, live_server, catalogue):
    page.goto(live_server.url + "/api/docs/")
    page.get_by_text("/api/cases/", exact=True).first.wait_for()
    assert page.title() == "Collab Atlas API"
