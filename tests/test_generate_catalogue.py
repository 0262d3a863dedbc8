"""The synthetic catalogue for measurements: marked, repeatable, never mixed with real data."""

import pytest
from django.core.management import CommandError, call_command

from cases.models import Actor, Initiative, Involvement, Lesson
from collab_atlas.public_cache import catalogue_version
from models_of_collab.models import CollaborationModel
from tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def generate(n, *args):
    call_command("generate_catalogue", "--cases", str(n), *args, verbosity=0)


def test_generated_cases_are_published_marked_and_related():
    generate(30)
    cases = Initiative.objects.all()
    assert cases.count() == 30
    assert all(case.slug.startswith("synthetic-") for case in cases)
    assert all(case.title.endswith("(synthetic)") for case in cases)
    assert all(case.summary.startswith("Synthetic case") for case in cases)
    assert set(cases.values_list("state", flat=True)) == {"published"}
    assert CollaborationModel.objects.count() == 8  # the guide's framework, from the seed
    for case in cases.prefetch_related("collaboration_models", "motivations", "lessons"):
        assert 1 <= len(case.collaboration_models.all()) <= 3
        assert 1 <= len(case.motivations.all()) <= 3
        assert 1 <= len(case.lessons.all()) <= 3
    per_case = [Involvement.objects.filter(initiative=case).count() for case in cases]
    assert min(per_case) >= 2 and max(per_case) <= 4
    assert Actor.objects.filter(slug__startswith="synthetic-").count() == 5000


def test_the_same_seed_gives_the_same_catalogue():
    generate(15, "--seed", "7")
    first = list(Initiative.objects.order_by("slug").values_list("slug", "title", "countries"))
    lessons = list(Lesson.objects.order_by("initiative__slug", "order").values_list("text"))
    generate(1, "--remove")
    assert not Initiative.objects.exists()
    generate(15, "--seed", "7")
    assert (
        list(Initiative.objects.order_by("slug").values_list("slug", "title", "countries")) == first
    )
    assert list(Lesson.objects.order_by("initiative__slug", "order").values_list("text")) == lessons


def test_a_database_with_real_cases_is_refused_unless_asked():
    InitiativeFactory(slug="consul")
    with pytest.raises(CommandError, match="real case studies"):
        generate(5)
    assert Initiative.objects.count() == 1
    generate(5, "--allow-real-data")
    assert Initiative.objects.count() == 6


def test_generating_starts_a_new_catalogue_version():
    before = catalogue_version()
    generate(3)
    assert catalogue_version() != before


def test_generated_cases_are_searchable():
    generate(20)
    case = Initiative.objects.first()
    word = case.title.split()[0]
    assert case in Initiative.objects.published().search(word)
