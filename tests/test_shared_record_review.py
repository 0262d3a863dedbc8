"""Shared records (organisations, models, recommendations, motivations, themes, chooser
rules) change on public pages only through a reviewer."""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse

from cases.choices import Role, State
from cases.models import Actor, Theme
from collab_atlas import revisions
from collab_atlas.models import Revision, RevisionAction, RevisionState
from collab_atlas.public_cache import catalogue_version
from collab_atlas.reviewed_admin import revision_list_url
from insights.models import ChooserRule
from models_of_collab.models import CollaborationModel, Motivation, Recommendation
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    RecommendationFactory,
    ThemeFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def public():
    """A visitor, apart from the signed-in clients (whose pages are never cached)."""
    return Client()


@pytest.fixture
def reviewer_client(reviewer):
    client = Client()
    client.force_login(reviewer)
    return client


@pytest.fixture
def consul():
    actor = ActorFactory(name="Consul Foundation", slug="consul-foundation", description="Old.")
    involvement = InvolvementFactory(
        actor=actor,
        role=Role.INITIATOR,
        initiative=InitiativeFactory(title="Consul", slug="consul", state=State.PUBLISHED),
    )
    return involvement.actor


def form_data(client, url, **changes):
    """The admin form at ``url`` as a browser would post it back, with ``changes``."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    for inline in response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for row in formset.initial_forms:
            for name in row.fields:
                value = row[name].value()
                if value is not None:
                    data[row.add_prefix(name)] = value
        data[f"{formset.prefix}-TOTAL_FORMS"] = len(formset.initial_forms)
    data.update(changes)
    return data


def change_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def review_url(revision):
    return reverse("admin:collab_atlas_revision_change", args=[revision.pk])


def propose_rename(client, actor, name):
    url = change_url(actor)
    response = client.post(url, form_data(client, url, name=name))
    assert response.status_code == 302, response.context["adminform"].errors
    return Revision.objects.pending().for_object(actor).get()


def test_an_editors_rename_of_an_organisation_waits_for_a_reviewer(
    editor_client, reviewer_client, reviewer, public, consul
):
    case_page, actor_page = "/cases/consul/", consul.get_absolute_url()
    assert "Consul Foundation" in public.get(case_page).content.decode()
    assert "Consul Foundation" in public.get(actor_page).content.decode()
    version = catalogue_version()

    revision = propose_rename(editor_client, consul, "Fundación Consul")

    consul.refresh_from_db()
    assert consul.name == "Consul Foundation"
    assert catalogue_version() == version, "a proposal changes nothing public"
    for page in (case_page, actor_page):
        content = public.get(page).content.decode()
        assert "Consul Foundation" in content
        assert "Fundación Consul" not in content

    response = reviewer_client.post(review_url(revision), {"_approve": "1", "reason": ""})
    assert response.status_code == 302

    consul.refresh_from_db()
    assert consul.name == "Fundación Consul"
    for page in (case_page, actor_page):
        assert "Fundación Consul" in public.get(page).content.decode()
    revision.refresh_from_db()
    assert revision.state == RevisionState.APPROVED
    assert revision.reviewer == reviewer and revision.decided_at is not None
    # History names the reviewer as who changed the record, and who proposed it.
    latest = consul.history.first()
    assert latest.history_user == reviewer
    assert "editor" in latest.history_change_reason
    entry = LogEntry.objects.filter(object_id=str(consul.pk)).latest("action_time")
    assert entry.user == reviewer and "editor" in entry.get_change_message()


def test_the_review_page_shows_each_changed_field_old_and_new(
    editor_client, reviewer_client, consul
):
    url = change_url(consul)
    editor_client.post(
        url,
        form_data(
            editor_client,
            url,
            name="Consul Democracy",
            description="See [our site](https://example.org) **now**.",
        ),
    )
    revision = Revision.objects.pending().for_object(consul).get()
    assert set(revision.values) == {"name", "description"}
    assert revision.base == {"name": "Consul Foundation", "description": "Old."}

    response = reviewer_client.get(review_url(revision))
    content = response.content.decode()
    labels = [str(row["label"]) for row in response.context["rows"]]
    assert labels == ["name", "description"]
    assert "Consul Foundation" in content and "Consul Democracy" in content
    # Markdown is shown as written, so a reviewer sees the link's address.
    assert "[our site](https://example.org) **now**." in content
    assert "<strong>now</strong>" not in content
    assert 'name="_approve"' in content


def test_the_diff_marks_changed_words_and_escapes_them():
    old = "Plan the handover early and budget for <b>maintenance</b>."
    new = "Plan the handover early and budget for hosting and <i>maintenance</i>."
    before, after = revisions._word_diff(old, new)
    assert (
        before
        == "Plan the handover early and budget for <del>&lt;b&gt;maintenance&lt;/b&gt;.</del>"
    )
    assert after == (
        "Plan the handover early and budget for "
        "<ins>hosting and &lt;i&gt;maintenance&lt;/i&gt;.</ins>"
    )


def test_rejecting_leaves_the_public_record_unchanged(
    editor_client, reviewer_client, reviewer, public, consul
):
    revision = propose_rename(editor_client, consul, "Someone else")
    response = reviewer_client.post(
        review_url(revision), {"_reject": "1", "reason": "Not the registered name."}
    )
    assert response.status_code == 302
    revision.refresh_from_db()
    assert revision.state == RevisionState.REJECTED
    assert revision.reviewer == reviewer
    assert revision.reason == "Not the registered name."
    consul.refresh_from_db()
    assert consul.name == "Consul Foundation"
    assert "Someone else" not in public.get(consul.get_absolute_url()).content.decode()


def test_an_editor_cannot_approve_their_own_change(editor_client, editor, consul):
    revision = propose_rename(editor_client, consul, "Renamed")
    response = editor_client.post(review_url(revision), {"_approve": "1"})
    assert response.status_code == 403
    page = editor_client.get(review_url(revision))
    assert page.status_code == 200
    assert 'name="_approve"' not in page.content.decode()
    # Nor through the list's bulk action, which is not offered to editors.
    response = editor_client.post(
        reverse("admin:collab_atlas_revision_changelist"),
        {"action": "approve_selected", "_selected_action": [revision.pk]},
    )
    revision.refresh_from_db()
    assert revision.state == RevisionState.PENDING
    consul.refresh_from_db()
    assert consul.name == "Consul Foundation"


def test_a_reviewer_cannot_approve_a_change_they_proposed(reviewer, consul):
    consul.name = "Self-approved"
    revision = revisions.propose(consul, ["name"], reviewer)
    with pytest.raises(revisions.PermissionDenied):
        revisions.approve(revision, reviewer)
    consul.refresh_from_db()
    assert consul.name == "Consul Foundation"


def test_approval_is_all_or_nothing_on_invalid_data(editor_client, reviewer_client, public, consul):
    url = change_url(consul)
    editor_client.post(url, form_data(editor_client, url, name="Consul Democracy", slug="consul"))
    revision = Revision.objects.pending().for_object(consul).get()
    # Meanwhile another organisation takes the proposed address.
    ActorFactory(slug="consul")

    response = reviewer_client.post(review_url(revision), {"_approve": "1"}, follow=True)

    messages = [str(message) for message in response.context["messages"]]
    assert any("nothing was saved" in message and "slug" in message for message in messages)
    consul.refresh_from_db()
    assert (consul.name, consul.slug) == ("Consul Foundation", "consul-foundation")
    revision.refresh_from_db()
    assert revision.state == RevisionState.PENDING
    assert "Consul Foundation" in public.get(consul.get_absolute_url()).content.decode()


def test_a_reviewers_direct_edit_is_saved_and_recorded(reviewer_client, reviewer, public, consul):
    url = change_url(consul)
    response = reviewer_client.post(url, form_data(reviewer_client, url, name="Consul Project"))
    assert response.status_code == 302
    consul.refresh_from_db()
    assert consul.name == "Consul Project"
    assert "Consul Project" in public.get(consul.get_absolute_url()).content.decode()
    record = Revision.objects.for_object(consul).get()
    assert record.direct and record.state == RevisionState.APPROVED
    assert record.author == record.reviewer == reviewer
    assert record.values == {"name": "Consul Project"}
    assert record.base == {"name": "Consul Foundation"}
    assert consul.history.first().history_user == reviewer
    assert LogEntry.objects.filter(object_id=str(consul.pk), user=reviewer).exists()


def test_an_organisation_not_yet_on_a_published_case_is_edited_directly(editor_client):
    actor = ActorFactory(name="New partner")
    InvolvementFactory(actor=actor, initiative=InitiativeFactory(state=State.DRAFT))
    url = change_url(actor)
    response = editor_client.post(url, form_data(editor_client, url, name="New partner NGO"))
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.name == "New partner NGO"
    assert not Revision.objects.for_object(actor).exists()


def test_an_editor_adds_an_organisation_for_a_draft_case_directly(editor_client):
    response = editor_client.post(
        reverse("admin:cases_actor_add"),
        {"name": "Civic Lab", "slug": "civic-lab", "kind": "civic", "country": "PL"},
    )
    assert response.status_code == 302
    # It reaches the public only with a published case, which a reviewer publishes.
    assert Actor.objects.filter(slug="civic-lab").exists()


def test_an_editors_model_and_recommendation_changes_wait_for_review(
    editor_client, reviewer_client, public
):
    model = CollaborationModelFactory(slug="scaling", name="Scaling", summary="Old summary.")
    kept = RecommendationFactory(collaboration_model=model, text="Document the tool.")
    InitiativeFactory(models=[model])
    url = change_url(model)
    data = form_data(
        editor_client,
        url,
        summary="New summary.",
        **{
            "recommendations-0-text": "Document the tool well.",
            "recommendations-TOTAL_FORMS": 2,
            "recommendations-1-text": "Find a local partner.",
            "recommendations-1-order": 5,
        },
    )
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors

    page = public.get(model.get_absolute_url()).content.decode()
    assert "Old summary." in page and "New summary." not in page
    assert "Find a local partner." not in page
    kept.refresh_from_db()
    assert kept.text == "Document the tool."
    assert model.recommendations.count() == 1
    pending = list(Revision.objects.pending().order_by("pk"))
    assert [(r.content_type.model, r.action) for r in pending] == [
        ("collaborationmodel", RevisionAction.CHANGE),
        ("recommendation", RevisionAction.CHANGE),
        ("recommendation", RevisionAction.CREATE),
    ]

    for revision in pending:
        assert reviewer_client.post(review_url(revision), {"_approve": "1"}).status_code == 302
    page = public.get(model.get_absolute_url()).content.decode()
    assert "New summary." in page
    assert "Document the tool well." in page and "Find a local partner." in page
    assert Recommendation.objects.get(text="Find a local partner.").collaboration_model == model


def test_an_editors_new_motivation_exists_only_once_approved(editor_client, reviewer_client):
    response = editor_client.post(
        reverse("admin:models_of_collab_motivation_add"),
        {"name": "Visibility", "slug": "visibility", "summary": "Being seen.", "order": 9},
    )
    assert response.status_code == 302
    assert not Motivation.objects.filter(slug="visibility").exists()
    revision = Revision.objects.pending().get()
    assert revision.action == RevisionAction.CREATE and revision.object_id is None

    reviewer_client.post(review_url(revision), {"_approve": "1"})
    motivation = Motivation.objects.get(slug="visibility")
    revision.refresh_from_db()
    assert revision.object_id == motivation.pk
    assert motivation.history.first().history_user.username == "reviewer"


def test_a_themes_rename_and_a_rules_weight_from_the_list_wait_for_review(editor_client, public):
    theme = ThemeFactory(name="Transparency", slug="transparency")
    InitiativeFactory(slug="watch", themes=[theme])
    url = change_url(theme)
    editor_client.post(url, form_data(editor_client, url, name="Openness"))
    assert Theme.objects.get(pk=theme.pk).name == "Transparency"

    rule = ChooserRule.objects.first()
    weight = rule.weight
    changelist = editor_client.get(reverse("admin:insights_chooserrule_changelist"))
    formset = changelist.context["cl"].formset
    data = {f"form-{key}": value for key, value in formset.management_form.initial.items()}
    data["form-TOTAL_FORMS"] = 1
    data.update({"form-0-id": rule.pk, "form-0-weight": -weight, "_save": "Save"})
    response = editor_client.post(reverse("admin:insights_chooserrule_changelist"), data)
    assert response.status_code == 302
    assert ChooserRule.objects.get(pk=rule.pk).weight == weight
    assert Revision.objects.pending().for_object(rule).get().values == {"weight": -weight}
    assert "Openness" not in public.get("/cases/watch/").content.decode()


def test_changelists_show_pending_changes(editor_client, consul):
    propose_rename(editor_client, consul, "Consul Democracy")
    response = editor_client.get(reverse("admin:cases_actor_changelist"))
    content = response.content.decode()
    assert "1 pending change" in content
    assert "1 pending change to organisations waits for a reviewer." in content
    row = response.context["cl"].result_list[0]
    queue = editor_client.get(revision_list_url(Actor, row))
    assert queue.status_code == 200
    assert [r.object_repr for r in queue.context["cl"].result_list] == ["Consul Foundation"]


def test_editors_cannot_delete_public_shared_records(editor_client, consul):
    recommendation = RecommendationFactory()
    theme = ThemeFactory()
    InitiativeFactory(themes=[theme])
    assert (
        editor_client.get(reverse("admin:cases_theme_delete", args=[theme.pk])).status_code == 403
    )
    page = editor_client.get(change_url(recommendation.collaboration_model))
    inline = page.context["inline_admin_formsets"][0].formset
    assert not inline.can_delete
    unused = ThemeFactory()
    assert (
        editor_client.get(reverse("admin:cases_theme_delete", args=[unused.pk])).status_code == 200
    )


def test_a_revert_from_history_by_an_editor_is_a_proposal(editor_client, consul):
    consul.name = "Second name"
    consul.save()
    first = consul.history.earliest()
    url = reverse("admin:cases_actor_simple_history", args=[consul.pk, first.history_id])
    response = editor_client.post(url, form_data(editor_client, url))
    assert response.status_code == 302
    consul.refresh_from_db()
    assert consul.name == "Second name"
    assert Revision.objects.pending().for_object(consul).get().values == {
        "name": "Consul Foundation"
    }


def test_approving_starts_a_new_catalogue_version(editor, reviewer, consul):
    consul.name = "Consul Democracy"
    revision = revisions.propose(consul, ["name"], editor)
    before = catalogue_version()
    revisions.approve(revision, reviewer)
    assert catalogue_version() != before


def test_an_approved_change_cannot_be_decided_again(editor, reviewer, consul):
    consul.name = "Consul Democracy"
    revision = revisions.propose(consul, ["name"], editor)
    revisions.approve(revision, reviewer)
    other = UserFactory(username="second-reviewer", groups=["Reviewers"])
    with pytest.raises(revisions.ValidationError):
        revisions.reject(revision, other)
    assert Actor.objects.get(pk=consul.pk).name == "Consul Democracy"


def test_editors_see_the_queue_and_reviewers_may_decide(editor, reviewer):
    assert editor.has_perm("collab_atlas.view_revision")
    assert not revisions.may_publish(editor)
    assert revisions.may_publish(reviewer)
    assert CollaborationModel.objects.count() == 0


def test_history_pages_name_the_reviewer_who_approved(editor, reviewer, reviewer_client, consul):
    theme = ThemeFactory(name="Transparency", slug="transparency")
    InitiativeFactory(themes=[theme])
    theme.name = "Openness"
    consul.name = "Consul Democracy"
    for record in (theme, consul):
        revisions.approve(revisions.propose(record, ["name"], editor), reviewer)
    for record in (theme, consul):
        opts = record._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[record.pk])
        content = reviewer_client.get(url).content.decode()
        assert "reviewer" in content
        assert "proposed by editor" in content


def test_deciding_twice_says_it_was_decided(editor_client, reviewer_client, consul):
    revision = propose_rename(editor_client, consul, "Consul Democracy")
    reviewer_client.post(review_url(revision), {"_approve": "1"})
    response = reviewer_client.post(review_url(revision), {"_reject": "1"}, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages[-1] == "This change has already been approved."
    revision.refresh_from_db()
    assert revision.state == RevisionState.APPROVED
