"""Editors curate the catalogue in the admin; they cannot reach what they must not."""

import pytest
from django.urls import reverse

from cases.choices import Role, State
from cases.models import Initiative
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    SourceFactory,
    ThemeFactory,
    guide_source,
)

pytestmark = pytest.mark.django_db

CURATED = {
    "cases": {
        "initiative": InitiativeFactory,
        "actor": ActorFactory,
        "theme": ThemeFactory,
        "lesson": LessonFactory,
        "source": SourceFactory,
    },
    "models_of_collab": {
        "collaborationmodel": CollaborationModelFactory,
        "motivation": MotivationFactory,
    },
}
PAGES = [
    (app, model, factory) for app, models in CURATED.items() for model, factory in models.items()
]


@pytest.mark.parametrize(("app", "model", "factory"), PAGES)
def test_editor_can_list_add_and_change(editor_client, app, model, factory):
    obj = factory()
    for url in (
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_add"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
        reverse(f"admin:{app}_{model}_history", args=[obj.pk]),
    ):
        response = editor_client.get(url)
        assert response.status_code == 200, url


@pytest.mark.parametrize("url_name", ["admin:auth_user_changelist", "admin:auth_group_changelist"])
def test_editor_cannot_manage_users_or_groups(editor_client, url_name):
    assert editor_client.get(reverse(url_name)).status_code == 403


def test_editor_cannot_delete_a_case(editor_client):
    initiative = InitiativeFactory()
    response = editor_client.get(reverse("admin:cases_initiative_delete", args=[initiative.pk]))
    assert response.status_code == 403


def test_editor_is_not_offered_the_publish_action(editor_client):
    InitiativeFactory()
    response = editor_client.get(reverse("admin:cases_initiative_changelist"))
    action_form = response.context["action_form"]
    actions = [value for value, _ in action_form.fields["action"].choices] if action_form else []
    assert "publish" not in actions


def test_reviewer_publishes_in_bulk_and_is_recorded(client, reviewer):
    drafts = [InitiativeFactory(state=State.DRAFT) for _ in range(2)]
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:cases_initiative_changelist"),
        {"action": "publish", "_selected_action": [d.pk for d in drafts]},
        follow=True,
    )
    assert response.status_code == 200
    for draft in Initiative.objects.filter(pk__in=[d.pk for d in drafts]):
        assert draft.state == State.PUBLISHED
        assert draft.published_by == reviewer
        assert draft.history.count() == 2


def test_admin_search_finds_a_case_by_an_actors_alias(editor_client):
    actor = ActorFactory(name="Fundacja Odpowiedzialna Polityka", aliases="Responsible Politics")
    case = InvolvementFactory(actor=actor, role=Role.INITIATOR).initiative
    response = editor_client.get(
        reverse("admin:cases_initiative_changelist"), {"q": "Responsible Politics"}
    )
    assert list(response.context["cl"].result_list) == [case]


def test_country_filters_offer_the_countries_in_use(editor_client):
    both = InitiativeFactory(countries=["PL", "RO"])
    InitiativeFactory(countries=["LV"])
    ActorFactory(country="RO")
    ActorFactory(country="")

    def lookups(url_name, **params):
        response = editor_client.get(reverse(url_name), params)
        country = next(f for f in response.context["cl"].filter_specs if f.title == "country")
        return [code for code, _name in country.lookup_choices], response.context["cl"]

    codes, changelist = lookups("admin:cases_initiative_changelist", country="RO")
    assert codes == ["LV", "PL", "RO"]
    assert list(changelist.result_list) == [both]
    codes, changelist = lookups("admin:cases_actor_changelist", country="RO")
    assert codes == ["RO"]
    assert [actor.country.code for actor in changelist.result_list] == ["RO"]


def test_markdown_fields_show_a_sanitised_preview(editor_client):
    model = CollaborationModelFactory(description="**Bold** <script>alert(1)</script>")
    RecommendationFactory(collaboration_model=model)
    response = editor_client.get(
        reverse("admin:models_of_collab_collaborationmodel_change", args=[model.pk])
    )
    content = response.content.decode()
    assert "<strong>Bold</strong>" in content
    assert "<script>alert(1)</script>" not in content


def test_editor_saves_a_case_with_inlines_and_history_records_who(editor_client, editor):
    model = CollaborationModelFactory(slug="hackathon")
    actor = ActorFactory()
    data = {
        "title": "Open data weekend",
        "slug": "open-data-weekend",
        "summary": "A hackathon.",
        "state": State.DRAFT,
        "collaboration": "direct",
        "initiator_kind": "government",
        "collaboration_models": [model.pk],
        "funding_sources": ["public"],
        "countries": ["FR"],
        "status": "active",
        "start_year": "2015",
        "involvements-TOTAL_FORMS": "1",
        "involvements-INITIAL_FORMS": "0",
        "involvements-0-actor": actor.pk,
        "involvements-0-role": "initiator",
        "involvements-0-order": "0",
        "lessons-TOTAL_FORMS": "0",
        "lessons-INITIAL_FORMS": "0",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
    }
    response = editor_client.post(reverse("admin:cases_initiative_add"), data)
    assert response.status_code == 302, response.context["adminform"].errors
    case = Initiative.objects.get(slug="open-data-weekend")
    assert case.funding_sources == ["public"]
    assert case.involvements.get().role == Role.INITIATOR
    assert case.history.first().history_user == editor


def revert_data(client, url):
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            f"{prefix}-{key}": "0"
            for prefix in ("involvements", "lessons", "sources", "links_out")
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")
        }
    )
    return data


def test_history_shows_what_changed_and_an_editor_can_revert(editor_client):
    initiative = InitiativeFactory(
        summary="First summary.", models=[CollaborationModelFactory()], state=State.DRAFT
    )
    initiative.summary = "Second summary."
    initiative.save()
    history_url = reverse("admin:cases_initiative_history", args=[initiative.pk])
    content = editor_client.get(history_url).content.decode()
    assert "First summary." in content
    assert "Second summary." in content

    first = initiative.history.earliest()
    revert_url = reverse(
        "admin:cases_initiative_simple_history", args=[initiative.pk, first.history_id]
    )
    response = editor_client.post(revert_url, revert_data(editor_client, revert_url))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.summary == "First summary."


def test_a_published_case_is_read_only_for_editors(editor_client):
    initiative = InitiativeFactory(summary="Public text.", models=[CollaborationModelFactory()])
    lesson = LessonFactory(initiative=initiative)
    change_url = reverse("admin:cases_initiative_change", args=[initiative.pk])
    response = editor_client.get(change_url)
    assert response.status_code == 200
    assert response.context["has_change_permission"] is False
    assert "only reviewers change it" in response.content.decode()
    assert editor_client.post(change_url, {"summary": "Changed."}).status_code == 403
    lesson_url = reverse("admin:cases_lesson_change", args=[lesson.pk])
    assert editor_client.post(lesson_url, {"text": "Changed."}).status_code == 403


def test_an_editor_cannot_revert_a_published_case_but_a_reviewer_can(
    editor_client, client, reviewer
):
    initiative = InitiativeFactory(summary="First summary.", models=[CollaborationModelFactory()])
    guide_source(initiative)
    first = initiative.history.latest()
    initiative.summary = "Second summary."
    initiative.save()
    revert_url = reverse(
        "admin:cases_initiative_simple_history", args=[initiative.pk, first.history_id]
    )
    data = revert_data(editor_client, revert_url)
    assert editor_client.post(revert_url, data).status_code == 403
    initiative.refresh_from_db()
    assert initiative.summary == "Second summary."

    client.force_login(reviewer)
    assert client.post(revert_url, data).status_code == 302
    initiative.refresh_from_db()
    assert initiative.summary == "First summary."


def test_organisation_autocomplete_offers_name_and_alias_matches_before_descriptions(
    editor_client,
):
    ActorFactory(name="RECORD consortium", description="Led by ePaństwo and partners.")
    ActorFactory(name="Open Data Lab", aliases="Laboratorium\nePanel")
    ActorFactory(name="Friends of ePaństwo")
    ActorFactory(name="ePaństwo Foundation", aliases="Fundacja ePaństwo")
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "ePa", "app_label": "cases", "model_name": "involvement", "field_name": "actor"},
    )
    assert response.status_code == 200
    assert [row["text"] for row in response.json()["results"]] == [
        "ePaństwo Foundation",
        "Friends of ePaństwo",
        "Open Data Lab",
        "RECORD consortium",
    ]


def test_case_form_names_every_inline_control_and_offers_a_searchable_country_picker(
    editor_client,
):
    case = InitiativeFactory(state=State.DRAFT)
    SourceFactory(initiative=case, url="https://example.org/a/long/address")
    page = editor_client.get(reverse("admin:cases_initiative_change", args=[case.pk]))
    html = page.content.decode()
    assert 'aria-label="Delete (row 1)"' in html
    assert 'aria-label="Address (row 1)"' in html
    assert 'class="selectfilter"' in html
    assert "/static/js/admin-labels.js" in html and "/static/css/admin.css" in html
