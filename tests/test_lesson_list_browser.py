"""The lessons list in a real Chromium: ticking a filter updates it in place, accessibly."""

import pytest

from tests import test_admin_browser, test_browser
from tests.factories import InitiativeFactory, LessonFactory

pytestmark = test_browser.pytestmark
browser = test_browser.browser
new_context = test_browser.new_context
page = test_browser.page


@pytest.mark.skipif(
    not test_browser.AXE.exists(), reason="axe-core is missing: run `make install` (npm ci)"
)
def test_lessons_update_in_place_when_a_filter_is_ticked(page, live_server, transactional_db):
    LessonFactory(initiative=InitiativeFactory(title="Vote Monitor"), text="Train observers.")
    city = InitiativeFactory(title="City budget", initiator_kind="government")
    LessonFactory(initiative=city, text="Ask the city early.")
    page.add_init_script(path=str(test_browser.AXE))
    page.goto(f"{live_server.url}/lessons/")
    assert page.locator(".lesson").count() == 2
    page.get_by_label("Government (central or local) (1 lesson)").check()
    page.wait_for_url("**initiator=government**")
    page.wait_for_function("document.querySelectorAll('.lesson').length === 1")
    assert page.get_by_role("status").filter(has_text="1 lesson").count() == 1
    assert page.get_by_role("link", name="Remove filter Initiated by: Government").count() == 1
    assert test_admin_browser.axe_violations(page) == []

    # Searching narrows the list and its counts the same way.
    page.get_by_role("searchbox", name="Search the lessons").fill("budget")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url("**q=budget**")
    assert page.locator(".lesson").all_inner_texts()[0].startswith("Lesson learnt")
    assert page.get_by_role("link", name="Remove filter Search: budget").count() == 1
