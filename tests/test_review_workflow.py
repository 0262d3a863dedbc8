"""Editors write and submit for review; only reviewers publish, whichever way they try."""

import pytest
from django.urls import reverse

from cases import workflow
from cases.choices import State
from cases.models import Initiative
from tests.factories import CollaborationModelFactory, InitiativeFactory, guide_source

pytestmark = pytest.mark.django_db


def change_data(initiative, **overrides):
    """The admin change form's POST for ``initiative``, with no inline rows."""
    model = CollaborationModelFactory(slug="hackathon")
    data = {
        "title": initiative.title,
        "slug": initiative.slug,
        "summary": initiative.summary,
        "state": initiative.state,
        "collaboration": initiative.collaboration,
        "initiator_kind": initiative.initiator_kind,
        "collaboration_models": [model.pk],
        "countries": ["PL"],
        "status": "unknown",
    }
    for name in ("initiator_provenance", "years_provenance"):
        if getattr(initiative, f"{name}_id", None):
            data[name] = getattr(initiative, f"{name}_id")
    for prefix in ("involvements", "lessons", "sources", "links_out"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data.update(overrides)
    return data


def offered_states(response):
    return [value for value, _ in response.context["adminform"].form.fields["state"].widget.choices]


@pytest.mark.parametrize(
    ("current", "target", "editor_may", "reviewer_may"),
    [
        (State.DRAFT, State.REVIEW, True, True),
        (State.REVIEW, State.DRAFT, True, True),
        (State.UNPUBLISHED, State.DRAFT, True, True),
        (State.DRAFT, State.PUBLISHED, False, True),
        (State.REVIEW, State.PUBLISHED, False, True),
        (State.PUBLISHED, State.UNPUBLISHED, False, True),
        (State.PUBLISHED, State.DRAFT, False, False),
        (State.DRAFT, State.UNPUBLISHED, False, False),
        (None, State.DRAFT, True, True),
        (None, State.PUBLISHED, False, True),
        (None, State.UNPUBLISHED, False, False),
    ],
)
def test_who_may_move_a_case_where(editor, reviewer, current, target, editor_may, reviewer_may):
    assert workflow.can_move(editor, current, target) is editor_may
    assert workflow.can_move(reviewer, current, target) is reviewer_may


def test_editor_is_offered_only_draft_and_review(editor_client):
    case = InitiativeFactory(state=State.DRAFT)
    response = editor_client.get(reverse("admin:cases_initiative_change", args=[case.pk]))
    offered = offered_states(response)
    assert offered == [State.DRAFT, State.REVIEW]


def test_reviewer_is_offered_publishing(client, reviewer):
    case = InitiativeFactory(state=State.REVIEW)
    client.force_login(reviewer)
    response = client.get(reverse("admin:cases_initiative_change", args=[case.pk]))
    offered = offered_states(response)
    assert State.PUBLISHED in offered


def test_editor_submits_a_draft_for_review_in_the_form(editor_client):
    case = InitiativeFactory(state=State.DRAFT)
    guide_source(case)
    response = editor_client.post(
        reverse("admin:cases_initiative_change", args=[case.pk]),
        change_data(case, state=State.REVIEW),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.REVIEW


def test_forged_post_publishing_as_editor_is_refused_with_a_message(editor_client):
    case = InitiativeFactory(state=State.REVIEW)
    response = editor_client.post(
        reverse("admin:cases_initiative_change", args=[case.pk]),
        change_data(case, state=State.PUBLISHED),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["state"]
    assert "Only reviewers can publish" in errors[0]
    case.refresh_from_db()
    assert case.state == State.REVIEW
    assert case.published_at is None


def test_editor_cannot_add_a_case_already_published(editor_client):
    case = InitiativeFactory.build(state=State.PUBLISHED, slug="new-case")
    response = editor_client.post(
        reverse("admin:cases_initiative_add"), change_data(case, state=State.PUBLISHED)
    )
    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.errors
    assert not Initiative.objects.filter(slug="new-case").exists()


def test_reviewer_publishing_in_the_form_records_who_and_when(client, reviewer):
    case = InitiativeFactory(state=State.REVIEW)
    guide_source(case)
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:cases_initiative_change", args=[case.pk]),
        change_data(case, state=State.PUBLISHED),
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == State.PUBLISHED
    assert case.published_by == reviewer
    assert case.published_at is not None
    assert case.reviewed_at == case.published_at


def test_submit_for_review_action_moves_only_drafts(editor_client):
    draft = InitiativeFactory(state=State.DRAFT)
    published = InitiativeFactory(state=State.PUBLISHED)
    editor_client.post(
        reverse("admin:cases_initiative_changelist"),
        {"action": "submit_for_review", "_selected_action": [draft.pk, published.pk]},
    )
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.state == State.REVIEW
    assert published.state == State.PUBLISHED


def test_forged_publish_action_as_editor_changes_nothing(editor_client):
    case = InitiativeFactory(state=State.REVIEW)
    editor_client.post(
        reverse("admin:cases_initiative_changelist"),
        {"action": "publish", "_selected_action": [case.pk]},
    )
    case.refresh_from_db()
    assert case.state == State.REVIEW


def test_editor_reverting_to_a_published_version_cannot_publish(editor_client, editor):
    case = InitiativeFactory(state=State.PUBLISHED)
    published_version = case.history.earliest()
    case.state = State.UNPUBLISHED
    case.save()
    url = reverse(
        "admin:cases_initiative_simple_history",
        args=[case.pk, published_version.history_id],
    )
    response = editor_client.post(url, change_data(case, state=State.PUBLISHED))
    assert response.status_code == 200
    assert "state" in response.context["adminform"].form.errors
    case.refresh_from_db()
    assert case.state == State.UNPUBLISHED


def test_editor_reverts_content_and_history_records_who(editor_client, editor):
    case = InitiativeFactory(state=State.DRAFT, title="First title")
    first = case.history.earliest()
    case.title = "Second title"
    case.save()
    url = reverse("admin:cases_initiative_simple_history", args=[case.pk, first.history_id])
    response = editor_client.post(url, change_data(case, title="First title"))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "First title"
    assert case.history.first().history_user == editor


def test_reviewer_revert_keeps_the_publication_record(client, reviewer, editor):
    case = InitiativeFactory(state=State.DRAFT)
    guide_source(case)
    draft_version = case.history.earliest()
    workflow.move(case, reviewer, State.PUBLISHED)
    published_at = case.published_at
    client.force_login(reviewer)
    url = reverse("admin:cases_initiative_simple_history", args=[case.pk, draft_version.history_id])
    response = client.post(url, change_data(case, state=State.PUBLISHED))
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.published_by == reviewer
    assert case.published_at == published_at
