"""Every fact of a case names where it comes from: the guide at a section, or another source."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases import workflow
from cases.choices import LessonKind, Role, State, Status
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InitiativeLinkFactory,
    InvolvementFactory,
    LessonFactory,
    SourceFactory,
    guide_source,
)

pytestmark = pytest.mark.django_db


def form_data(case, lessons=(), **overrides):
    """The admin change form's POST for ``case``, with the given lesson rows."""
    model = CollaborationModelFactory()
    data = {
        "title": case.title,
        "slug": case.slug,
        "summary": case.summary,
        "state": case.state,
        "collaboration": case.collaboration,
        "initiator_kind": case.initiator_kind,
        "collaboration_models": [model.pk],
        "countries": ["PL"],
        "status": case.status,
        "start_year": case.start_year or "",
    }
    for name in ("initiator_provenance", "funding_provenance", "years_provenance"):
        if getattr(case, f"{name}_id"):
            data[name] = getattr(case, f"{name}_id")
    for prefix in ("involvements", "lessons", "sources", "links_out"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    data["lessons-TOTAL_FORMS"] = str(len(lessons))
    for index, (text, source) in enumerate(lessons):
        data[f"lessons-{index}-kind"] = LessonKind.LESSON
        data[f"lessons-{index}-text"] = text
        data[f"lessons-{index}-order"] = "0"
        data[f"lessons-{index}-provenance"] = source.pk if source else ""
    data.update(overrides)
    return data


def post(client, case, data):
    return client.post(reverse("admin:cases_initiative_change", args=[case.pk]), data)


def test_a_draft_may_be_saved_before_its_sources_are_chosen(editor_client):
    case = InitiativeFactory(state=State.DRAFT, start_year=2019)
    response = post(editor_client, case, form_data(case, lessons=[("Lesson.", None)]))
    assert response.status_code == 302
    assert case.lessons.get().provenance is None


def test_submitting_for_review_asks_for_the_source_of_each_stated_fact(editor_client):
    case = InitiativeFactory(state=State.DRAFT, start_year=2019)
    response = post(editor_client, case, form_data(case, state=State.REVIEW))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "Choose the source of the years" in errors["years_provenance"][0]
    assert "Choose the source of who initiated it" in errors["initiator_provenance"][0]
    # Facts the case does not state need no source.
    assert "funding_provenance" not in errors
    assert "status_provenance" not in errors
    case.refresh_from_db()
    assert case.state == State.DRAFT


def test_a_lesson_without_a_source_keeps_a_case_from_review(editor_client):
    case = InitiativeFactory(state=State.DRAFT)
    guide = guide_source(case)
    data = form_data(case, lessons=[("Sourced.", guide), ("Unsourced.", None)], state="review")
    response = post(editor_client, case, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][1].formset.errors
    assert errors[0] == {}
    assert "Choose where this comes from" in errors[1]["provenance"][0]

    data = form_data(case, lessons=[("Sourced.", guide)], state="review")
    assert post(editor_client, case, data).status_code == 302
    case.refresh_from_db()
    assert case.state == State.REVIEW
    assert case.lessons.get().provenance == guide


def test_only_the_case_own_sources_are_offered(editor_client):
    case = InitiativeFactory(state=State.DRAFT)
    own = SourceFactory(initiative=case, title="Own source")
    SourceFactory(title="Someone else's source")
    response = editor_client.get(reverse("admin:cases_initiative_change", args=[case.pk]))
    form = response.context["adminform"].form
    assert list(form.fields["years_provenance"].queryset) == [own]


def test_a_fact_cannot_cite_another_case_source():
    lesson = LessonFactory()
    lesson.provenance = SourceFactory(url="https://example.org")
    with pytest.raises(ValidationError) as error:
        lesson.full_clean()
    assert "own sources" in str(error.value)
    case = InitiativeFactory()
    case.years_provenance = SourceFactory(url="https://example.org")
    with pytest.raises(ValidationError, match="own sources"):
        case.full_clean()


def test_the_guide_as_a_source_names_its_section_and_others_say_where_to_find_them():
    case = InitiativeFactory()
    with pytest.raises(ValidationError, match="section or page"):
        SourceFactory.build(initiative=case, is_guide=True).full_clean()
    with pytest.raises(ValidationError, match="address"):
        SourceFactory.build(initiative=case, title="Hearsay").full_clean()
    SourceFactory.build(initiative=case, is_guide=True, locator="p. 18").full_clean()
    SourceFactory.build(initiative=case, url="https://example.org").full_clean()


def test_publishing_records_when_the_case_was_reviewed(reviewer, editor):
    case = InitiativeFactory(state=State.REVIEW)
    assert case.reviewed_at is None
    workflow.move(case, reviewer, State.PUBLISHED)
    case.refresh_from_db()
    assert case.reviewed_at is not None
    assert case.reviewed_at == case.published_at


def test_case_page_numbers_each_fact_after_its_source(client):
    case = InitiativeFactory(
        slug="sourced",
        state=State.PUBLISHED,
        start_year=2018,
        status=Status.ACTIVE,
        funding="A grant.",
    )
    guide = guide_source(case, locator="Case Studies, p. 18", status_provenance=False)
    website = SourceFactory(
        initiative=case, title="Official website", url="https://example.org", order=2
    )
    case.status_provenance = website
    case.save()
    LessonFactory(initiative=case, text="A lesson from the guide.", provenance=guide)
    InvolvementFactory(
        initiative=case, actor=ActorFactory(), role=Role.INITIATOR, provenance=website
    )
    html = client.get("/cases/sourced/").content.decode()
    assert '<li id="source-1">' in html
    assert '<li id="source-2">' in html
    assert "Case Studies, p. 18" in html
    assert html.count('href="#source-1"') == 4  # initiator, funding, lesson, years
    assert html.count('href="#source-2"') == 2  # the organisation's role, the status


def test_case_page_says_when_reviewed_and_what_the_sources_do_not_say(client, reviewer):
    case = InitiativeFactory(slug="reviewed", state=State.REVIEW, start_year=None)
    workflow.move(case, reviewer, State.PUBLISHED)
    html = client.get("/cases/reviewed/").content.decode()
    assert "Last reviewed" in html
    assert "The sources do not say" in html


def test_api_and_downloads_carry_the_source_numbers(client):
    case = InitiativeFactory(slug="sourced", start_year=2018)
    guide = guide_source(case, locator="p. 18")
    LessonFactory(initiative=case, provenance=guide)
    body = client.get("/api/cases/sourced/").json()
    assert body["years_source"] == 1
    assert body["status_source"] == 1
    assert body["lessons"][0]["source"] == 1
    assert body["sources"][0]["guide"] is True
    assert body["sources"][0]["locator"] == "p. 18"
    rows = b"".join(client.get("/cases/download.json").streaming_content)
    rows = json.loads(rows.decode("utf-8-sig"))
    assert rows["cases"][0]["years_source"] == 1


def test_case_page_lineage_cites_the_source_of_its_own_links(client):
    origin = InitiativeFactory(slug="origin", title="Origin")
    copy = InitiativeFactory(slug="copy", title="Copy")
    SourceFactory(initiative=copy, title="First source", url="https://example.org/1")
    second = SourceFactory(
        initiative=copy, title="Second source", url="https://example.org/2", order=2
    )
    InitiativeLinkFactory(source=copy, target=origin, provenance=second)
    html = client.get("/cases/copy/").content.decode()
    lineage = html[html.index('id="lineage-heading"') : html.index('id="sources"')]
    assert 'href="#source-2"' in lineage


def test_ticking_the_guide_fills_in_its_title(editor_client):
    case = InitiativeFactory(state=State.DRAFT)
    data = form_data(case)
    data.update({
        "sources-TOTAL_FORMS": "1",
        "sources-0-title": "",
        "sources-0-is_guide": "on",
        "sources-0-locator": "Models of Collaboration, p. 15",
        "sources-0-order": "0",
    })  # fmt: skip
    assert post(editor_client, case, data).status_code == 302
    source = case.sources.get()
    assert source.title.startswith("Social Innovation in Digital Democracy Era")
    assert source.publisher == "ePaństwo Foundation (DSI4EU)"


def test_a_lesson_edited_on_its_own_needs_a_source_once_its_case_left_draft(client, reviewer):
    lesson = LessonFactory(initiative=InitiativeFactory(state=State.PUBLISHED))
    client.force_login(reviewer)
    url = reverse("admin:cases_lesson_change", args=[lesson.pk])
    data = {"initiative": lesson.initiative_id, "kind": "lesson", "text": "Changed.", "order": 0}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Choose where this comes from" in str(response.context["adminform"].form.errors)
    data["provenance"] = guide_source(lesson.initiative).pk
    assert client.post(url, data).status_code == 302
