"""The public suggests cases and corrections; nothing reaches the site without an editor."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from cases.choices import State
from contributions.choices import SuggestionKind, SuggestionStatus
from contributions.models import Suggestion
from tests.factories import CollaborationModelFactory, InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db

SUGGEST = "/suggest/"


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def valid_data(**overrides):
    data = {
        "title": "Open budget Gdańsk",
        "description": "Citizens and the city built a budget browser together.",
        "aim": "Make the city budget readable.",
        "initiator": "A local civic tech group.",
        "initiator_kind": "civic",
        "participants": "The city provided data; volunteers built the site.",
        "collaboration": "direct",
        "funding": "Volunteer work.",
        "lessons": "Agree on data formats early.",
        "sources": "https://example.org/report\nhttps://example.org/news",
        "countries": ["PL"],
        "website": "https://budget.example.org",
        "email": "",
        "homepage": "",
    }
    data.update(overrides)
    return data


def test_form_page_is_plain_language_and_has_a_hidden_trap(client):
    response = client.get(SUGGEST)
    assert response.status_code == 200
    content = response.content.decode()
    assert "What is the initiative called?" in content
    assert 'aria-hidden="true"' in content
    assert 'name="homepage"' in content
    assert 'tabindex="-1"' in content
    assert 'autocomplete="off"' in content
    assert "csrfmiddlewaretoken" in content


def test_valid_suggestion_is_stored_and_thanked_after_a_redirect(client):
    model = CollaborationModelFactory(slug="hackathon")
    response = client.post(
        SUGGEST, valid_data(collaboration_models=[model.pk]), REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("contributions:thanks")
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == SuggestionKind.NEW_CASE
    assert suggestion.status == SuggestionStatus.NEW
    assert list(suggestion.collaboration_models.all()) == [model]
    assert suggestion.source_urls == ["https://example.org/report", "https://example.org/news"]
    assert suggestion.submitter_hash
    assert "203.0.113.9" not in suggestion.submitter_hash
    assert client.get(response["Location"]).status_code == 200


def test_form_refuses_csrf_less_posts():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SUGGEST, valid_data())
    assert response.status_code == 403
    assert not Suggestion.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This field is required."),
        ("description", "", "This field is required."),
        ("title", "x" * 201, "at most 200 characters"),
        ("description", "x" * 5001, "at most 5000 characters"),
        ("lessons", "x" * 5001, "at most 5000 characters"),
        ("website", "not a web address", "Enter a valid URL."),
        ("sources", "https://example.org/ok\njavascript:alert(1)", "Line 2 is not a web address"),
        ("email", "not-an-address", "Enter a valid email address."),
        ("may_contact", "", "Tick this box so that we may write to you"),
        ("countries", ["XX"], "Select a valid choice."),
        ("initiator_kind", "king", "Select a valid choice."),
    ],
)
def test_each_invalid_answer_is_explained_beside_it_and_kept(client, field, value, message):
    data = valid_data(**{field: value})
    if field == "may_contact":
        data["email"] = "me@example.org"
        data.pop("may_contact", None)
    response = client.post(SUGGEST, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    content = response.content.decode()
    # Kept: what was typed in the other answers comes back.
    assert "Citizens and the city built a budget browser" in content or field == "description"
    assert "Open budget Gdańsk" in content or field == "title"
    assert not Suggestion.objects.exists()


def test_rejected_input_is_shown_escaped(client):
    response = client.post(SUGGEST, valid_data(title="<script>alert(1)</script>", website="x"))
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


def test_filled_trap_pretends_success_and_stores_nothing(client):
    response = client.post(SUGGEST, valid_data(homepage="https://spam.example"))
    assert response.status_code == 302
    assert not Suggestion.objects.exists()
    assert mail.outbox == []


@override_settings(SUGGESTION_RATE_LIMIT=3)
def test_too_many_submissions_from_one_address_get_a_429_page(client):
    for _ in range(3):
        assert client.post(SUGGEST, valid_data(), REMOTE_ADDR="198.51.100.1").status_code == 302
    response = client.post(SUGGEST, valid_data(), REMOTE_ADDR="198.51.100.1")
    assert response.status_code == 429
    assert "Too many submissions" in response.content.decode()
    assert response["Retry-After"]
    assert Suggestion.objects.count() == 3
    # Another address is not affected.
    assert client.post(SUGGEST, valid_data(), REMOTE_ADDR="198.51.100.2").status_code == 302


@override_settings(SUGGESTION_RATE_LIMIT=1, NUM_PROXIES=1)
def test_behind_a_proxy_the_limit_follows_the_address_the_proxy_saw(client):
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    client.post(SUGGEST, valid_data(), HTTP_X_FORWARDED_FOR="1.1.1.1, 192.0.2.7", **proxy)
    # A client cannot escape by inventing a new left-most address.
    response = client.post(
        SUGGEST, valid_data(), HTTP_X_FORWARDED_FOR="9.9.9.9, 192.0.2.7", **proxy
    )
    assert response.status_code == 429
    other = client.post(SUGGEST, valid_data(), HTTP_X_FORWARDED_FOR="192.0.2.8", **proxy)
    assert other.status_code == 302


def test_editors_and_reviewers_are_notified_by_email(client, django_capture_on_commit_callbacks):
    UserFactory(username="ed", email="ed@example.org", groups=["Editors"])
    UserFactory(username="rev", email="rev@example.org", groups=["Reviewers"])
    UserFactory(username="outsider", email="out@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(SUGGEST, valid_data())
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["ed@example.org", "rev@example.org"]
    suggestion = Suggestion.objects.get()
    assert "Open budget Gdańsk" in mail.outbox[0].subject
    assert f"/admin/contributions/suggestion/{suggestion.pk}/change/" in mail.outbox[0].body


def test_invalid_submission_sends_no_email(client):
    UserFactory(username="ed", email="ed@example.org", groups=["Editors"])
    client.post(SUGGEST, valid_data(title=""))
    assert mail.outbox == []


def test_correction_shows_the_current_values_and_links_the_case(client):
    case = InitiativeFactory(title="Fix my street", summary="Reporting potholes.")
    response = client.get(SUGGEST, {"case": case.slug})
    content = response.content.decode()
    assert "Propose a correction" in content
    assert "Reporting potholes." in content
    response = client.post(
        f"{SUGGEST}?case={case.slug}",
        {"description": "It started in 2016, not 2018.", "homepage": ""},
    )
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.kind == SuggestionKind.CORRECTION
    assert suggestion.initiative == case
    assert suggestion.title == "Fix my street"


@pytest.mark.parametrize("state", [State.DRAFT, State.REVIEW, State.UNPUBLISHED])
def test_corrections_are_only_for_published_cases(client, state):
    case = InitiativeFactory(state=state)
    assert client.get(SUGGEST, {"case": case.slug}).status_code == 404
    assert client.post(f"{SUGGEST}?case={case.slug}", valid_data()).status_code == 404
    assert not Suggestion.objects.exists()


def test_email_without_consent_cannot_be_stored_even_bypassing_the_form():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Suggestion.objects.create(description="x", email="a@example.org", may_contact=False)


@pytest.mark.parametrize("value", ["\x00", "a\x00b", "../admin", "x" * 300 + "!"])
def test_a_malformed_case_address_is_not_found(client, value):
    assert client.get(SUGGEST, {"case": value}).status_code == 404


@pytest.mark.parametrize("title", ["Line\r\nBcc: victim@example.org", "A\nB", "A\rB", "A\u2028B"])
def test_a_title_with_line_breaks_still_notifies_editors_on_one_line(
    client, django_capture_on_commit_callbacks, title
):
    UserFactory(username="ed", email="ed@example.org", groups=["Editors"])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(SUGGEST, valid_data(title=title)).status_code == 302
    [message] = mail.outbox
    assert message.to == ["ed@example.org"]
    assert not any(character in message.subject for character in "\r\n\u2028")
    assert "Bcc" not in message.message().get("Bcc", "")
    assert Suggestion.objects.get().notification == "sent"


def test_editors_are_notified_only_once_the_suggestion_is_saved(
    client, django_capture_on_commit_callbacks
):
    UserFactory(username="ed", email="ed@example.org", groups=["Editors"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(SUGGEST, valid_data())
    # Not sent inside the transaction: a rollback would have mailed about nothing.
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_a_failed_notification_is_shown_to_editors_in_the_admin(
    client, django_capture_on_commit_callbacks, monkeypatch
):
    editor = UserFactory(username="ed", email="ed@example.org", groups=["Editors"])

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("contributions.services.send_mass_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(SUGGEST, valid_data()).status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.notification == "failed"
    assert "ConnectionRefusedError" in suggestion.notification_error

    client.force_login(editor)
    listing = client.get(reverse("admin:contributions_suggestion_changelist")).content.decode()
    assert "could not be e-mailed to the editors" in listing
    detail = client.get(
        reverse("admin:contributions_suggestion_change", args=[suggestion.pk])
    ).content.decode()
    assert "mail server down" in detail
