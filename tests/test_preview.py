"""Unpublished cases are seen through the admin or a signed, expiring link, never otherwise."""

import time
from unittest import mock

import pytest
from django.urls import reverse

from cases import preview
from cases.choices import State
from tests.factories import InitiativeFactory, LessonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    case = InitiativeFactory(state=State.DRAFT, title="Secret draft", slug="secret-draft")
    LessonFactory(initiative=case, text="Start **small**.")
    return case


def test_signed_link_shows_the_draft_as_the_public_page(client, draft):
    response = client.get(preview.preview_url(draft))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "cases/case_detail.html"
    assert response.context["case"] == draft
    assert response.context["preview"] is True
    assert "<strong>small</strong>" in response.content.decode()


def test_preview_is_kept_out_of_search_engines_and_caches(client, draft):
    response = client.get(preview.preview_url(draft))
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_preview_page_loads_in_a_fixed_number_of_queries(client, draft, django_assert_num_queries):
    # The case, then one each for models, motivations, themes, sources, involvements
    # with actors, lessons with models; the newest cases, candidates for related ones.
    with django_assert_num_queries(8):
        client.get(preview.preview_url(draft))


def test_expired_link_says_so_and_hides_the_case(client, draft):
    eight_days_ago = time.time() - 8 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=eight_days_ago):
        url = preview.preview_url(draft)
    response = client.get(url)
    assert response.status_code == 410
    assert "Secret draft" not in response.content.decode()
    assert "expired" in response.content.decode()


def test_link_made_six_days_ago_still_works(client, draft):
    six_days_ago = time.time() - 6 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=six_days_ago):
        url = preview.preview_url(draft)
    assert client.get(url).status_code == 200


def test_tampered_token_is_not_found(client, draft):
    token = preview.make_token(draft.slug)
    forged = token[:-1] + ("A" if token[-1] != "A" else "B")
    url = reverse("preview:case", kwargs={"slug": draft.slug, "token": forged})
    response = client.get(url)
    assert response.status_code == 404
    assert "Secret draft" not in response.content.decode()


def test_token_for_one_case_does_not_open_another(client, draft):
    other = InitiativeFactory(state=State.DRAFT, slug="other-draft")
    url = reverse(
        "preview:case", kwargs={"slug": other.slug, "token": preview.make_token(draft.slug)}
    )
    assert client.get(url).status_code == 404


def test_token_signed_for_another_purpose_is_refused(client, draft):
    from django.core import signing

    token = signing.TimestampSigner().sign(draft.slug).removeprefix(f"{draft.slug}:")
    url = reverse("preview:case", kwargs={"slug": draft.slug, "token": token})
    assert client.get(url).status_code == 404


def test_editor_previews_from_the_admin(editor_client, draft):
    response = editor_client.get(reverse("admin:cases_initiative_preview", args=[draft.pk]))
    assert response.status_code == 200
    assert response.context["preview"] is True
    assert response["X-Robots-Tag"].startswith("noindex")


def test_admin_preview_needs_a_signed_in_editor(client, draft):
    response = client.get(reverse("admin:cases_initiative_preview", args=[draft.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_change_page_offers_the_preview_and_the_link_to_share(editor_client, draft):
    response = editor_client.get(reverse("admin:cases_initiative_change", args=[draft.pk]))
    content = response.content.decode()
    assert reverse("admin:cases_initiative_preview", args=[draft.pk]) in content
    assert f"/cases/{draft.slug}/preview/" in content
