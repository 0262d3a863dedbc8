"""The reviewers' page for a change to a shared record, in Chromium, with axe-core."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cases.choices import Role
from collab_atlas import revisions
from tests.factories import ActorFactory, InitiativeFactory, InvolvementFactory, UserFactory
from tests.test_browser import (  # noqa: F401
    AXE,
    CHROMIUM,
    WCAG_TAGS,
    browser,
    new_context,
    page,
    playwright_api,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="browser tests need Chromium"),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core is missing: run `make install`"),
]


@pytest.mark.parametrize("width", [1280, 375], ids=["desktop", "phone"])
def test_the_review_page_has_no_wcag_violations(page, live_server, transactional_db, width):  # noqa: F811
    actor = ActorFactory(name="Consul Foundation", description="Old text.")
    InvolvementFactory(actor=actor, role=Role.INITIATOR, initiative=InitiativeFactory())
    # A transactional test empties the tables, the groups made by migrations too.
    editor = UserFactory(username="editor")
    reviewer = UserFactory(username="reviewer", is_superuser=True)
    actor.name = "Consul Democracy"
    actor.description = "New text with [a link](https://example.org).\n\nAnd **more**."
    revision = revisions.propose(actor, ["name", "description"], editor)
    client = Client()
    client.force_login(reviewer)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page.set_viewport_size({"width": width, "height": 900})
    # An init script, which the page's Content-Security-Policy does not govern.
    page.add_init_script(path=str(AXE))
    page.goto(live_server.url + reverse("admin:collab_atlas_revision_change", args=[revision.pk]))
    assert page.get_by_role("button", name="Approve and publish").is_visible()
    result = page.evaluate(
        "tags => axe.run('#content-main', {runOnly: {type: 'tag', values: tags}, preload: false})",
        WCAG_TAGS,
    )
    violations = [
        f"{violation['id']}: {violation['help']} ({violation['nodes'][0]['html'][:120]})"
        for violation in result["violations"]
    ]
    assert violations == []

    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url("**/collab_atlas/revision/?state__exact=pending")
    actor.refresh_from_db()
    assert actor.name == "Consul Democracy"
