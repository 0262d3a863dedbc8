"""The seed catalogue in English, Polish and Spanish: the whole framework, the chooser's
reasons, the site pages and every case's title and summary are translated, so the
framework pages show no English fallback."""

import pytest
from django.core.management import call_command

from cases.models import Initiative, Theme
from collab_atlas import translated
from insights.models import ChooserRule
from models_of_collab.models import CollaborationModel, Motivation, Recommendation
from pages.models import NAMED, Page
from tests.catalogue import kept_for_module

LANGUAGES = ["pl", "es"]


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with kept_for_module(django_db_blocker):
        call_command("seed_catalogue", verbosity=0)
        yield


def missing(rows, names, languages=LANGUAGES):
    """(row, column) of every translation of ``names`` left empty where the original is not."""
    return [
        (str(row), translated.column(name, language))
        for row in rows
        for name in names
        for language in languages
        if translated.present(getattr(row, name))
        and not translated.present(getattr(row, translated.column(name, language)))
    ]


@pytest.mark.django_db
def test_the_framework_is_translated_in_full(seeded):
    assert missing(CollaborationModel.objects.all(), ["name", "summary", "description"]) == []
    assert missing(Recommendation.objects.all(), ["text"]) == []
    assert missing(Motivation.objects.all(), ["name", "summary", "description"]) == []
    assert missing(Theme.objects.all(), ["name"]) == []
    assert missing(ChooserRule.objects.all(), ["reason"]) == []


@pytest.mark.django_db
def test_every_case_has_its_title_and_summary_in_every_language(seeded):
    assert missing(Initiative.objects.all(), ["title", "summary"]) == []


@pytest.mark.django_db
def test_the_site_pages_are_translated(seeded):
    pages = Page.objects.filter(slug__in=NAMED)
    assert pages.count() == len(NAMED)
    assert missing(pages, ["title", "summary", "body"]) == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_framework_pages_show_no_english_fallback(client, seeded, language):
    whole = ["/models/", "/motivations/", "/about/", "/privacy/", "/accessibility/", "/contact/"]
    whole += ["/choose/?role=official&goal=participation&time=months&team=small&partners=no"]
    for path in whole:
        body = client.get(f"/{language}{path}").text.split("<main", 1)[1]
        # Nothing shown in English (the language switcher, outside <main>, names English).
        assert ' lang="en"' not in body, path
    # A model's and a motivation's own texts; their pages also quote lessons of cases,
    # which are not all translated.
    framework = [model.get_absolute_url() for model in CollaborationModel.objects.all()]
    framework += [motivation.get_absolute_url() for motivation in Motivation.objects.all()]
    for path in framework:
        body = client.get(f"/{language}{path}").text.split("<main", 1)[1]
        assert 'role="note"' not in body, path
        assert "<h1>" in body, path
