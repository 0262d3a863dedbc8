"""A sender who left an address and ticked the box is told what became of the suggestion."""

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from contributions import services
from contributions.choices import SuggestionKind, SuggestionStatus
from contributions.models import Suggestion
from tests.factories import InitiativeFactory
from tests.test_suggestions import SUGGEST, valid_data

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:contributions_suggestion_changelist"


def waiting(**fields):
    values = {
        "title": "Open budget Gdańsk",
        "description": "Citizens and the city built a budget browser together.",
        "email": "sender@example.org",
        "notify_outcome": True,
    }
    values.update(fields)
    return Suggestion.objects.create(**values)


def outcome_mails():
    return [message for message in mail.outbox if message.to == ["sender@example.org"]]


def test_the_form_offers_the_box_and_stores_the_choice(client):
    assert "Tell me what happens to my suggestion" in client.get(SUGGEST).content.decode()
    response = client.post(SUGGEST, valid_data(email="sender@example.org", notify_outcome="on"))
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.notify_outcome and not suggestion.may_contact
    assert suggestion.email == "sender@example.org"


def test_the_box_without_an_address_is_explained(client):
    response = client.post(SUGGEST, valid_data(email="", notify_outcome="on"))
    assert response.status_code == 200
    assert "Give your e-mail address so that we can tell you" in response.content.decode()
    assert not Suggestion.objects.exists()


def test_an_address_needs_one_of_the_two_consents_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Suggestion.objects.create(description="x", email="a@example.org")
    Suggestion.objects.create(description="x", email="a@example.org", notify_outcome=True)


def test_a_declined_suggestion_is_e_mailed_with_the_reason_after_commit(
    editor_client, django_capture_on_commit_callbacks
):
    suggestion = waiting()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        editor_client.post(
            reverse(CHANGELIST),
            {
                "action": "reject",
                "_selected_action": [suggestion.pk],
                "apply": "1",
                "reason": "It involves no government.",
            },
        )
        # Nothing is sent while the decision could still be rolled back.
        assert outcome_mails() == []
    assert len(callbacks) == 1
    callbacks[0]()
    [message] = outcome_mails()
    assert message.subject == "Your suggestion to Collab Atlas was declined: Open budget Gdańsk"
    assert "It involves no government." in message.body
    assert "decided not to add it" in message.body
    assert message.reply_to
    suggestion.refresh_from_db()
    assert suggestion.outcome_sent_at is not None
    # Kept only to say what happened: the address is gone once that is said.
    assert suggestion.email == ""


def test_an_accepted_suggestion_asks_the_editor_for_the_reason_first(
    editor_client, django_capture_on_commit_callbacks
):
    suggestion = waiting(may_contact=True)
    url = reverse(CHANGELIST)
    response = editor_client.post(
        url, {"action": "create_draft", "_selected_action": [suggestion.pk]}
    )
    assert response.status_code == 200
    assert "Reason for accepting" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            url,
            {
                "action": "create_draft",
                "_selected_action": [suggestion.pk],
                "apply": "1",
                "reason": "A clear case of a city working with volunteers.",
            },
        )
    assert response.status_code == 302
    [message] = outcome_mails()
    assert message.subject == "Your suggestion to Collab Atlas was accepted: Open budget Gdańsk"
    assert "A clear case of a city working with volunteers." in message.body
    assert "draft case study" in message.body
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.reason == "A clear case of a city working with volunteers."
    # Consent to be contacted was given too, so the address stays, and the e-mail says how
    # to have it deleted.
    assert suggestion.email == "sender@example.org"
    assert "To have it deleted" in message.body


def test_an_accepted_correction_says_the_case_will_be_corrected(
    editor_client, django_capture_on_commit_callbacks
):
    case = InitiativeFactory(title="Fix my street")
    suggestion = waiting(kind=SuggestionKind.CORRECTION, initiative=case, title="Fix my street")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse(CHANGELIST),
            {"action": "create_draft", "_selected_action": [suggestion.pk], "apply": "1"},
        )
    [message] = outcome_mails()
    assert "will correct the case study" in message.body
    assert "The editor's reason" not in message.body


def test_no_e_mail_without_the_box_or_without_an_address(
    editor_client, django_capture_on_commit_callbacks
):
    unticked = Suggestion.objects.create(
        title="Quiet", description="x", email="sender@example.org", may_contact=True
    )
    anonymous = Suggestion.objects.create(title="Anonymous", description="x")
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(
            reverse(CHANGELIST),
            {
                "action": "reject",
                "_selected_action": [unticked.pk, anonymous.pk],
                "apply": "1",
                "reason": "Out of scope.",
            },
        )
    assert outcome_mails() == []
    assert Suggestion.objects.filter(status=SuggestionStatus.REJECTED).count() == 2


def test_a_rolled_back_decision_sends_nothing(editor, django_capture_on_commit_callbacks):
    suggestion = waiting()
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                services.mark_handled(suggestion, editor, SuggestionStatus.REJECTED, "No.")
                raise RuntimeError("something later failed")
        except RuntimeError:
            pass
    assert outcome_mails() == []
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW


def test_the_subject_never_carries_line_breaks(editor, django_capture_on_commit_callbacks):
    suggestion = waiting(title="Budget\r\nBcc: victim@example.org\nmore")
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_handled(suggestion, editor, SuggestionStatus.REJECTED, "No.")
    [message] = outcome_mails()
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject.endswith("Budget Bcc: victim@example.org more")
    assert message.bcc == []


def test_the_sender_is_told_only_once(editor, django_capture_on_commit_callbacks):
    suggestion = waiting(may_contact=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_handled(suggestion, editor, SuggestionStatus.ACCEPTED)
    assert services.tell_sender(suggestion.pk) is False
    assert len(outcome_mails()) == 1


def test_a_mail_failure_is_logged_and_the_address_kept(
    editor, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    def broken_send(self, fail_silently=False):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken_send)
    suggestion = waiting()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_handled(suggestion, editor, SuggestionStatus.REJECTED, "No.")
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert suggestion.outcome_sent_at is None
    assert suggestion.email == "sender@example.org"
    assert "Could not tell the sender" in caplog.text
