"""Every public page runs a fixed number of queries, with 10 published cases or 1,000."""

import pytest

from cases.choices import LessonKind, Role, State
from cases.models import Actor, Initiative, Involvement, Lesson, Theme
from models_of_collab.models import CollaborationModel, Motivation

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[10, 1000], ids=["10-cases", "1000-cases"])
def catalogue(request):
    """Bulk-built so that 1,000 cases stay quick."""
    size = request.param
    models = CollaborationModel.objects.bulk_create(
        CollaborationModel(slug=slug, name=slug.title(), summary="A model.", order=n)
        for n, slug in enumerate(["scaling", "hackathon", "lab", "fellowship"])
    )
    motivations = Motivation.objects.bulk_create(
        Motivation(slug=slug, name=slug.title(), summary="A reason.")
        for slug in ["impact", "finances"]
    )
    themes = Theme.objects.bulk_create(Theme(slug=s, name=s.title()) for s in ["votes", "money"])
    actors = Actor.objects.bulk_create(
        Actor(name=f"Actor {n}", slug=f"actor-{n}", kind="civic", country="PL") for n in range(20)
    )
    cases = Initiative.objects.bulk_create(
        Initiative(
            title=f"Case {n}", slug=f"case-{n}", summary="Civic tech with a city.",
            collaboration="direct" if n % 2 else "indirect",
            initiator_kind="civic" if n % 3 else "government",
            countries=["PL", "RO"] if n % 2 else ["LV"], start_year=2010 + n % 10,
            state=State.PUBLISHED,
        )
        for n in range(size)
    )  # fmt: skip
    draft = Initiative(
        title="Draft", slug="draft", summary="x", collaboration="direct", initiator_kind="civic"
    )
    Initiative.objects.bulk_create([draft])
    through = Initiative.collaboration_models.through
    through.objects.bulk_create(
        through(initiative=case, collaborationmodel=models[n % 4]) for n, case in enumerate(cases)
    )
    through = Initiative.motivations.through
    through.objects.bulk_create(
        through(initiative=case, motivation=motivations[n % 2]) for n, case in enumerate(cases)
    )
    through = Initiative.themes.through
    through.objects.bulk_create(
        through(initiative=case, theme=themes[n % 2]) for n, case in enumerate(cases)
    )
    Involvement.objects.bulk_create(
        Involvement(initiative=case, actor=actors[n % 20], role=role)
        for n, case in enumerate(cases)
        for role in (Role.INITIATOR, Role.PARTNER)
    )
    Lesson.objects.bulk_create(
        Lesson(initiative=case, kind=kind, text="Start small.", collaboration_model=models[n % 4])
        for n, case in enumerate(cases)
        for kind in (LessonKind.LESSON, LessonKind.IMPROVEMENT)
    )
    return size


def assert_page(client, django_assert_max_num_queries, url, limit):
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200, url


def test_home(client, catalogue, django_assert_max_num_queries):
    # 4 entry-point facets (model, collaboration, initiator, motivation),
    # latest cases + their models, motivations, themes.
    assert_page(client, django_assert_max_num_queries, "/", 8)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?model=scaling&model=lab&initiator=civic&country=PL&year_from=2012&sort=title",
        "?q=case&actor=actor-1&theme=votes&motivation=impact&page=3",
        "?model=nope&year_from=abc&page=-1",
    ],
)
def test_case_list(client, catalogue, django_assert_max_num_queries, query):
    # Count, page, its models, motivations, themes; six facets
    # (collaboration, initiator, model, motivation, country, theme); chosen organisations.
    assert_page(client, django_assert_max_num_queries, f"/cases/{query}", 12)


def test_case_page(client, catalogue, django_assert_max_num_queries):
    # Case; models, motivations, themes, sources, involvements+actors,
    # lessons+models; lineage: public links; related cases: the cases of its
    # organisations, the newest of its model, their ranking; "compare with": the same
    # candidates ranked again for twelve, and the newest others when too few share.
    assert_page(client, django_assert_max_num_queries, "/cases/case-1/", 13)


def test_models_page(client, catalogue, django_assert_max_num_queries):
    assert_page(client, django_assert_max_num_queries, "/models/", 1)


def test_model_page(client, catalogue, django_assert_max_num_queries):
    # Model, recommendations, split by collaboration and by initiator,
    # cases + models, motivations, themes, lessons; lineage: the model's case ids
    # and the public links among cases.
    assert_page(client, django_assert_max_num_queries, "/models/scaling/", 11)


def test_motivation_pages(client, catalogue, django_assert_max_num_queries):
    assert_page(client, django_assert_max_num_queries, "/motivations/", 1)
    # Motivation, two splits, cases + models, motivations, themes.
    assert_page(client, django_assert_max_num_queries, "/motivations/impact/", 7)


def test_actor_pages(client, catalogue, django_assert_max_num_queries):
    # Count, page, countries offered as filters.
    assert_page(client, django_assert_max_num_queries, "/actors/?kind=civic&country=PL", 3)
    # Actor, its involvements in published cases with the cases.
    assert_page(client, django_assert_max_num_queries, "/actors/actor-1/", 2)


def test_lessons_page(client, catalogue, django_assert_max_num_queries):
    # Count, page, models and themes offered as filters.
    assert_page(
        client, django_assert_max_num_queries, "/lessons/?model=scaling&theme=votes&page=2", 4
    )
