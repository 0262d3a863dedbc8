"""About, privacy, accessibility and contact: editable pages under review, in the footer,
the sitemap and the page cache; and the site's icons, logo and sharing image."""

import struct
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from cases.choices import State
from contributions.forms import SuggestionForm
from pages.models import NAMED, Page
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATIC = Path(__file__).resolve().parent.parent / "static" / "img"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.mark.parametrize("slug", NAMED)
def test_each_seeded_page_is_published_at_its_named_address(client, slug, settings):
    settings.CONTACT_EMAIL = "team@atlas.example"
    page = Page.objects.get(slug=slug)
    assert page.state == State.PUBLISHED
    response = client.get(reverse(f"pages:{slug}"))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and page.title in html
    assert 'href="mailto:team@atlas.example"' in html
    assert "Last updated" in html


def test_the_footer_links_every_page(client):
    html = client.get(reverse("home")).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    for slug in NAMED:
        assert f'href="{reverse(f"pages:{slug}")}"' in footer


def test_about_covers_the_framework_selection_provenance_and_who_runs_it(client):
    html = client.get(reverse("pages:about")).content.decode()
    for heading in [
        "The framework",
        "How cases are chosen",
        "How cases are classified",
        "Where the facts come from",
        "Who runs the atlas",
    ]:
        assert f"<h2>{heading}</h2>" in html
    assert "Social Innovation in Digital Democracy Era" in html


def test_the_privacy_notice_quotes_the_form_it_describes(client):
    html = client.get(reverse("pages:privacy")).content.decode()
    form = SuggestionForm()
    # The notice names the form's boxes by their labels: a renamed box must be re-described.
    for field in ["may_contact", "notify_outcome"]:
        assert str(form.fields[field].label) in html
    assert "deleted automatically as soon as that e-mail has been sent" in html
    assert "never published" in html


def test_the_accessibility_statement_follows_the_eu_model(client):
    html = client.get(reverse("pages:accessibility")).content.decode()
    for heading in [
        "Compliance status",
        "Non-accessible content",
        "Preparation of this statement",
        "Feedback and contact",
        "Enforcement procedure",
    ]:
        assert f"<h2>{heading}</h2>" in html
    assert "partially compliant" in html
    assert "2016/2102" in html


def test_markdown_is_rendered_and_sanitised(client):
    Page.objects.create(
        slug="team",
        title="Team",
        body="**Editors** <script>alert(1)</script> [x](javascript:alert(1))",
        state=State.PUBLISHED,
    )
    html = client.get(reverse("pages:detail", args=["team"])).content.decode()
    assert "<strong>Editors</strong>" in html
    assert "<script>alert(1)" not in html and "javascript:" not in html


def test_a_draft_is_hidden_from_the_public_and_shown_to_editors(client, editor_client):
    Page.objects.create(slug="plans", title="Our plans", body="Soon.", state=State.DRAFT)
    url = reverse("pages:detail", args=["plans"])
    assert Client().get(url).status_code == 404
    response = editor_client.get(url)
    assert response.status_code == 200
    assert "Not public" in response.content.decode()


def test_an_unknown_page_is_not_found(client):
    assert client.get(reverse("pages:detail", args=["nothing-here"])).status_code == 404


def test_pages_are_cached_and_an_edit_shows_at_once(client, django_assert_num_queries):
    url = reverse("pages:contact")
    with django_assert_num_queries(1):  # the page
        first = client.get(url)
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert "public" in first["Cache-Control"]
    page = Page.objects.get(slug="contact")
    page.body = "Ring the bell."
    page.save()
    assert "Ring the bell." in client.get(url).content.decode()


def test_the_sitemap_lists_published_pages_only(client):
    Page.objects.create(slug="plans", title="Plans", body="x", state=State.REVIEW)
    root = ElementTree.fromstring(client.get(reverse("sitemap")).content)
    locations = {element.text for element in root.iter(f"{SITEMAP}loc")}
    for slug in NAMED:
        assert f"http://testserver{reverse(f'pages:{slug}')}" in locations
    assert not any("plans" in location for location in locations)


def page_form(**overrides):
    data = {"title": "Funding", "slug": "funding", "summary": "", "body": "Who pays."}
    data.update(overrides)
    return data


def test_editors_write_and_submit_pages_but_only_reviewers_publish(client, editor, reviewer):
    add = reverse("admin:pages_page_add")
    client.force_login(editor)
    refused = client.post(add, page_form(state=State.PUBLISHED))
    assert refused.status_code == 200
    assert "Only reviewers can publish" in refused.content.decode()
    assert client.post(add, page_form(state=State.REVIEW)).status_code == 302
    page = Page.objects.get(slug="funding")
    assert page.state == State.REVIEW

    client.force_login(reviewer)
    change = reverse("admin:pages_page_change", args=[page.pk])
    assert client.post(change, page_form(state=State.PUBLISHED)).status_code == 302
    page.refresh_from_db()
    assert page.state == State.PUBLISHED

    # A published page is read-only for editors: changing it would be publishing.
    client.force_login(editor)
    client.post(change, page_form(body="Changed.", state=State.PUBLISHED))
    page.refresh_from_db()
    assert page.body == "Who pays."


def test_people_outside_the_editors_cannot_edit_pages(client):
    client.force_login(UserFactory(username="visitor", is_staff=True))
    assert client.get(reverse("admin:pages_page_changelist")).status_code == 403


def png_size(path):
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_icons_logo_and_sharing_image_exist():
    assert png_size(STATIC / "og-image.png") == (1200, 630)
    assert png_size(STATIC / "apple-touch-icon.png") == (180, 180)
    assert (STATIC / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    for name in ["favicon.svg", "logo.svg"]:
        assert (STATIC / name).read_text().lstrip().startswith("<svg")


def test_every_page_carries_icons_logo_and_open_graph_tags(client):
    html = client.get(reverse("pages:about")).content.decode()
    assert 'rel="icon"' in html and "img/favicon.svg" in html and "img/favicon.ico" in html
    assert 'class="brand__logo" src="/static/img/logo.svg" alt=""' in html
    assert '<meta property="og:title" content="About and methodology">' in html
    assert '<meta property="og:image" content="http://testserver/static/img/og-image.png">' in html
    assert '<meta property="og:image:width" content="1200">' in html
    assert 'content="summary_large_image"' in html


def test_favicon_ico_at_the_root_leads_to_the_static_file(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.ico")
