"""Content in English, Polish and Spanish: translations shown where they exist, the
English original marked as such where they do not, searched in every language, edited
side by side in the admin and published through review."""

import pytest
from django.urls import reverse
from django.utils import translation

from cases.choices import State
from cases.models import Initiative
from collab_atlas import translated
from tests.factories import (
    CollaborationModelFactory,
    InitiativeFactory,
    LessonFactory,
    MotivationFactory,
    RecommendationFactory,
    ThemeFactory,
    guide_source,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consul():
    model = CollaborationModelFactory(
        slug="scaling", name="Scaling", name_pl="Skalowanie", summary="Take a tool further."
    )
    case = InitiativeFactory(
        slug="consul",
        title="Consul in Poland",
        title_pl="Consul w Polsce",
        summary="A participation platform moved to Polish cities.",
        summary_pl="Platforma partycypacji przeniesiona do polskich miast.",
        aim="Let residents propose budget projects.",
        models=[model],
    )
    LessonFactory(
        initiative=case, text="Start with one city.", text_pl="Zacznij od jednego miasta."
    )
    return case


def test_the_polish_page_shows_the_polish_text(client, consul):
    html = client.get("/pl/cases/consul/").text
    assert '<h1 id="case-title">Consul w Polsce</h1>' in html
    assert "Platforma partycypacji przeniesiona do polskich miast." in html
    assert "Zacznij od jednego miasta." in html
    assert "Start with one city." not in html
    assert "Skalowanie" in html


def test_a_missing_translation_shows_the_original_marked_in_its_language(client, consul):
    html = client.get("/es/cases/consul/").text
    assert '<h1 id="case-title" lang="en">Consul in Poland</h1>' in html
    assert 'lang="en">A participation platform moved to Polish cities.</p>' in html
    assert "no se han traducido" in html.lower() or 'role="note"' in html
    # The Polish page lacks only the aim's translation: it says so too, and marks it.
    polish = client.get("/pl/cases/consul/").text
    assert 'role="note"' in polish
    assert '<div class="prose" lang="en"><p>Let residents propose budget projects.</p>' in polish


def test_the_english_page_has_no_notice_and_no_lang_marks(client, consul):
    html = client.get("/cases/consul/").text
    assert 'role="note"' not in html
    assert ' lang="en">' not in html.split("<body", 1)[1]


def test_a_translation_of_only_whitespace_counts_as_missing(client):
    InitiativeFactory(slug="blank", title="Open budget", title_pl="   \n ")
    html = client.get("/pl/cases/blank/").text
    assert '<h1 id="case-title" lang="en">Open budget</h1>' in html


def test_a_fully_translated_case_shows_no_notice(client):
    InitiativeFactory(
        slug="whole", title="Whole", title_pl="Całość", summary="All of it.", summary_pl="Wszystko."
    )
    assert 'role="note"' not in client.get("/pl/cases/whole/").text


def test_text_reads_the_active_language_and_falls_back(consul):
    with translation.override("pl"):
        assert consul.title_i18n == "Consul w Polsce"
        assert consul.title_i18n.fallback is False
        assert consul.aim_i18n.fallback is True and consul.aim_i18n.language == "en"
        assert translated.untranslated(consul) == ["aim"]
    with translation.override("es"):
        assert consul.title_i18n == "Consul in Poland"
        assert consul.title_i18n.language == "en"
    with translation.override("en"):
        assert consul.title_i18n.fallback is False


def test_a_word_of_any_language_finds_the_case(client, consul):
    InitiativeFactory(slug="other", title="Something else", summary="Unrelated.")
    for query in ["polsce", "miast", "jednego"]:
        found = set(Initiative.objects.published().search(query).values_list("slug", flat=True))
        assert found == {"consul"}, query
    html = client.get("/es/cases/", {"q": "polsce"}).text
    assert "/es/cases/consul/" in html


def test_list_cards_and_facets_speak_the_page_language(client, consul):
    html = client.get("/pl/cases/").text
    assert "Consul w Polsce" in html
    assert "Skalowanie" in html
    spanish = client.get("/es/cases/").text
    assert 'lang="en">Consul in Poland</a>' in spanish


def test_framework_pages_show_translated_names_recommendations_and_motivations(client):
    model = CollaborationModelFactory(
        slug="hackathon",
        name="Hackathon",
        name_es="Hackatón",
        summary="A short event.",
        summary_es="Un evento corto.",
    )
    RecommendationFactory(
        collaboration_model=model, text="Plan the follow-up.", text_es="Planifica el seguimiento."
    )
    MotivationFactory(
        slug="impact", name="Impact", name_es="Impacto", summary="Reach.", summary_es="Alcance."
    )
    html = client.get("/es/models/hackathon/").text
    assert "<h1>Hackatón</h1>" in html and "Planifica el seguimiento." in html
    assert "Impacto" in client.get("/es/motivations/impact/").text


def test_themes_are_named_in_the_page_language(client):
    theme = ThemeFactory(slug="budget", name="Budgets", name_pl="Budżety")
    InitiativeFactory(slug="a", themes=[theme])
    assert "Budżety" in client.get("/pl/cases/a/").text


def test_the_admin_offers_each_text_side_by_side_in_every_language(editor_client):
    case = InitiativeFactory(state=State.DRAFT)
    html = editor_client.get(reverse("admin:cases_initiative_change", args=[case.pk])).text
    for name in ["title", "summary", "aim", "funding", "initiation", "description"]:
        for column in (name, f"{name}_pl", f"{name}_es"):
            assert f'name="{column}"' in html, column
    # One line per text: Django's admin renders a tuple of fields as one row.
    assert "field-title" in html and "field-title_pl" in html
    assert 'name="lessons-__prefix__-text_pl"' in html


def test_history_records_translations(consul):
    consul.title_es = "Consul en Polonia"
    consul.save()
    assert consul.history.first().title_es == "Consul en Polonia"
    assert consul.history.last().title_es == ""


def test_an_editors_polish_lesson_appears_once_a_reviewer_publishes(
    client, editor_client, reviewer
):
    case = InitiativeFactory(slug="draft", state=State.DRAFT, models=[CollaborationModelFactory()])
    source = guide_source(case)
    url = reverse("admin:cases_initiative_change", args=[case.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "state": State.REVIEW,
            "lessons-TOTAL_FORMS": "1",
            "lessons-INITIAL_FORMS": "0",
            "lessons-0-kind": "lesson",
            "lessons-0-text": "Keep the team small.",
            "lessons-0-text_pl": "Utrzymuj mały zespół.",
            "lessons-0-order": "0",
            "lessons-0-provenance": source.pk,
            "sources-TOTAL_FORMS": "1",
            "sources-INITIAL_FORMS": "1",
            "sources-0-id": source.pk,
            "sources-0-initiative": case.pk,
            "sources-0-title": source.title,
            "sources-0-is_guide": "on",
            "sources-0-locator": source.locator,
            "sources-0-order": "0",
        }
    )
    for prefix in ("involvements", "links_out"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].errors
    assert client.get("/pl/cases/draft/").status_code == 404

    client.force_login(reviewer)
    client.post(
        reverse("admin:cases_initiative_changelist"),
        {"action": "publish", "_selected_action": [case.pk]},
    )
    client.logout()
    assert "Utrzymuj mały zespół." in client.get("/pl/cases/draft/").text


def test_an_editors_translation_of_a_model_waits_for_review_and_shows_the_change(
    editor_client, reviewer, client
):
    from collab_atlas.models import Revision
    from tests.test_shared_record_review import change_url, form_data, review_url

    model = CollaborationModelFactory(slug="lab", name="Lab", summary="A team inside government.")
    RecommendationFactory(collaboration_model=model, text="Start small.")
    InitiativeFactory(models=[model])
    url = change_url(model)
    data = form_data(
        editor_client,
        url,
        name_pl="Laboratorium",
        **{"recommendations-0-text_pl": "Zacznij od małej skali."},
    )
    assert editor_client.post(url, data).status_code == 302
    assert "Laboratorium" not in client.get("/pl/models/lab/").text

    revision = Revision.objects.pending().filter(content_type__model="collaborationmodel").get()
    reviewing = editor_client.__class__()
    reviewing.force_login(reviewer)
    review = reviewing.get(review_url(revision)).text
    assert "Laboratorium" in review and "Name (Polish)" in review
    for pending in Revision.objects.pending():
        assert reviewing.post(review_url(pending), {"_approve": "1"}).status_code == 302
    page = client.get("/pl/models/lab/").text
    assert "<h1>Laboratorium</h1>" in page and "Zacznij od małej skali." in page


def test_the_lessons_list_finds_a_lesson_by_its_translation(client, consul):
    LessonFactory(initiative=consul, text="Unrelated advice.")
    html = client.get("/pl/lessons/", {"q": "jednego miasta"}).text
    assert "Zacznij od jednego miasta." in html
    assert "Unrelated advice." not in html
