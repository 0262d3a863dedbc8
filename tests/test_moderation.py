"""Editors turn a suggestion into a draft in one action, or reject it with a reason."""

import pytest
from django.urls import reverse

from cases.choices import LessonKind, State
from cases.models import Initiative
from contributions.choices import SuggestionKind, SuggestionStatus
from contributions.models import Suggestion
from tests.factories import CollaborationModelFactory, InitiativeFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:contributions_suggestion_changelist"


@pytest.fixture
def suggestion():
    model = CollaborationModelFactory(slug="hackathon")
    item = Suggestion.objects.create(
        title="Open budget Gdańsk",
        description="Citizens and the city built a budget browser together.",
        aim="Make the city budget readable.",
        initiator="A local civic tech group.",
        initiator_kind="government",
        participants="The city provided data.",
        collaboration="indirect",
        funding="Volunteer work.",
        lessons="Agree on data formats early.",
        sources="https://example.org/report\nhttps://example.org/news",
        countries=["PL", "CZ"],
        website="https://budget.example.org",
    )
    item.collaboration_models.set([model])
    return item


def test_editor_sees_the_queue_filtered_by_status(editor_client, suggestion):
    Suggestion.objects.create(description="Old", status=SuggestionStatus.REJECTED, reason="Spam")
    response = editor_client.get(reverse(CHANGELIST), {"status__exact": "new"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [suggestion]


def test_public_text_is_escaped_in_the_admin(editor_client):
    item = Suggestion.objects.create(
        title="<script>alert(1)</script>", description="<img src=x onerror=alert(1)>"
    )
    response = editor_client.get(reverse("admin:contributions_suggestion_change", args=[item.pk]))
    content = response.content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "<img src=x" not in content
    assert "&lt;img src=x onerror=alert(1)&gt;" in content


def test_suggestions_are_not_added_in_the_admin(editor_client):
    assert editor_client.get(reverse("admin:contributions_suggestion_add")).status_code == 403


def test_one_action_makes_a_draft_with_the_answers_carried_over(editor_client, editor, suggestion):
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "create_draft", "_selected_action": [suggestion.pk]}
    )
    draft = Initiative.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:cases_initiative_change", args=[draft.pk])
    assert draft.state == State.DRAFT
    assert draft.title == "Open budget Gdańsk"
    assert draft.slug == "open-budget-gdansk"
    assert draft.summary == "Citizens and the city built a budget browser together."
    assert draft.aim == "Make the city budget readable."
    assert draft.initiation == "A local civic tech group."
    assert draft.initiator_kind == "government"
    assert draft.collaboration == "indirect"
    assert "The city provided data." in draft.description
    assert draft.funding == "Volunteer work."
    assert [c.code for c in draft.countries] == ["CZ", "PL"]
    assert draft.website == "https://budget.example.org"
    assert [m.slug for m in draft.collaboration_models.all()] == ["hackathon"]
    lesson = draft.lessons.get()
    assert (lesson.kind, lesson.text) == (LessonKind.LESSON, "Agree on data formats early.")
    assert [s.url for s in draft.sources.all()] == [
        "https://example.org/report",
        "https://example.org/news",
    ]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert suggestion.draft == draft
    assert suggestion.handled_by == editor
    assert suggestion.handled_at is not None
    assert draft.history.first().history_change_reason == f"Created from suggestion {suggestion.pk}"


def test_draft_slug_does_not_clash_with_an_existing_case(editor_client, suggestion):
    InitiativeFactory(slug="open-budget-gdansk")
    editor_client.post(
        reverse(CHANGELIST), {"action": "create_draft", "_selected_action": [suggestion.pk]}
    )
    assert Initiative.objects.filter(slug="open-budget-gdansk-2", state=State.DRAFT).exists()


def test_a_handled_suggestion_is_not_turned_into_a_second_draft(editor_client, suggestion):
    for _ in range(2):
        editor_client.post(
            reverse(CHANGELIST), {"action": "create_draft", "_selected_action": [suggestion.pk]}
        )
    assert Initiative.objects.count() == 1


def test_accepting_a_correction_opens_the_case_and_changes_nothing(editor_client):
    case = InitiativeFactory(title="Fix my street")
    item = Suggestion.objects.create(
        kind=SuggestionKind.CORRECTION, initiative=case, description="Wrong year."
    )
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "create_draft", "_selected_action": [item.pk]}
    )
    assert response["Location"] == reverse("admin:cases_initiative_change", args=[case.pk])
    assert Initiative.objects.count() == 1
    item.refresh_from_db()
    assert item.status == SuggestionStatus.ACCEPTED


def test_reject_asks_for_a_reason_first(editor_client, suggestion):
    response = editor_client.post(
        reverse(CHANGELIST), {"action": "reject", "_selected_action": [suggestion.pk]}
    )
    assert response.status_code == 200
    assert "Reason for rejecting" in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW


def test_reject_without_a_reason_is_refused(editor_client, suggestion):
    response = editor_client.post(
        reverse(CHANGELIST),
        {"action": "reject", "_selected_action": [suggestion.pk], "apply": "1", "reason": ""},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.NEW


def test_reject_with_a_reason_records_it(editor_client, editor, suggestion):
    response = editor_client.post(
        reverse(CHANGELIST),
        {
            "action": "reject",
            "_selected_action": [suggestion.pk],
            "apply": "1",
            "reason": "Not a collaboration with government.",
        },
    )
    assert response.status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.REJECTED
    assert suggestion.reason == "Not a collaboration with government."
    assert suggestion.handled_by == editor
    assert not Initiative.objects.exists()


def test_the_queue_lists_in_a_fixed_number_of_queries(
    editor_client, suggestion, django_assert_num_queries
):
    for number in range(5):
        Suggestion.objects.create(title=f"Case {number}", description="x")
    # Session, user, user and group permissions, the count of failed notifications,
    # total and filtered counts, the page joined with its case and handler, the date
    # hierarchy's range and its days.
    with django_assert_num_queries(10):
        editor_client.get(reverse(CHANGELIST))
