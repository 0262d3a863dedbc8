"""The facet keys and running totals PostgreSQL keeps (cases.facet_keys) stay true to the
cases through every kind of write, and count what the slower, portable way counts."""

import itertools

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from cases import facet_keys, search
from cases.choices import State
from cases.facets import FACETS, count_by, lesson_facets, list_counts, list_facets
from cases.filters import CaseFilterSet, LessonFilterSet
from cases.models import Initiative, Lesson
from tests.catalogue import build_catalogue
from tests.factories import (
    ActorFactory,
    CollaborationModelFactory,
    InitiativeFactory,
    InvolvementFactory,
    LessonFactory,
    MotivationFactory,
    ThemeFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="facet keys are kept by PostgreSQL only"
    ),
]


def keys_of(case):
    with connection.cursor() as cursor:
        cursor.execute("SELECT facet_keys FROM cases_initiative WHERE id = %s", [case.pk])
        return set(cursor.fetchone()[0])


def stored_totals():
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, cases FROM cases_facet_total WHERE cases <> 0")
        return dict(cursor.fetchall())


def recounted_totals():
    """The totals as counted from scratch: what the triggers must always agree with."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, count(*) FROM cases_initiative,"
            " unnest(atlas_counted_keys(facet_keys)) AS key"
            " WHERE state = 'published' GROUP BY key"
        )
        return dict(cursor.fetchall())


def test_a_case_holds_the_keys_of_its_form_initiator_countries_and_links():
    model, motivation, theme = (
        CollaborationModelFactory(),
        MotivationFactory(),
        ThemeFactory(),
    )
    case = InitiativeFactory(
        countries=["PL", "RO"], models=[model], motivations=[motivation], themes=[theme]
    )
    actor = ActorFactory()
    InvolvementFactory(initiative=case, actor=actor)
    assert keys_of(case) == {
        "collaboration:direct",
        "initiator:civic",
        "country:PL",
        "country:RO",
        f"model:{model.pk}",
        f"motivation:{motivation.pk}",
        f"theme:{theme.pk}",
        f"actor:{actor.pk}",
    }


def test_keys_follow_changes_to_the_case_and_its_links():
    first, second = CollaborationModelFactory(), CollaborationModelFactory()
    case = InitiativeFactory(models=[first])
    case.collaboration_models.set([second])
    case.collaboration = "indirect"
    case.countries = ["LV"]
    case.save()
    keys = keys_of(case)
    assert f"model:{second.pk}" in keys and f"model:{first.pk}" not in keys
    assert {"collaboration:indirect", "country:LV"} <= keys
    assert "country:PL" not in keys
    first.delete()
    second.delete()
    assert not any(key.startswith("model:") for key in keys_of(case))


def test_totals_count_published_cases_through_publishing_unpublishing_and_deleting():
    model = CollaborationModelFactory()
    published = InitiativeFactory(models=[model])
    draft = InitiativeFactory(models=[model], state=State.DRAFT)
    totals = stored_totals()
    assert totals[facet_keys.ALL] == 1
    assert totals[f"model:{model.pk}"] == 1
    assert totals[f"model:{model.pk}&initiator:civic"] == 1

    draft.state = State.PUBLISHED
    draft.save()
    assert stored_totals()[f"model:{model.pk}&collaboration:direct"] == 2

    published.state = State.DRAFT
    published.save()
    draft.delete()
    assert stored_totals() == recounted_totals()
    assert stored_totals().get(facet_keys.ALL, 0) == 0


def test_bulk_writes_keep_the_totals_exact():
    catalogue = build_catalogue(60)
    Initiative.objects.filter(slug__in=["case-1", "case-2", "case-3"]).update(state=State.DRAFT)
    catalogue.models[0].delete()
    Initiative.objects.filter(slug="case-10").delete()
    assert stored_totals() == recounted_totals()
    assert stored_totals()[facet_keys.ALL] == 56


def test_a_generated_catalogue_starts_with_exact_totals():
    call_command("generate_catalogue", "--cases", "40", verbosity=0)
    assert stored_totals() == recounted_totals()
    assert stored_totals()[facet_keys.ALL] == 40


QUERIES = [
    "",
    "model=scaling",
    "model=scaling&model=lab&initiator=civic",
    "collaboration=direct&country=LV&theme=money",
    "q=case&motivation=finances&country=RO",
    "q=case&actor=actor-1&theme=votes&model=hackathon&year_from=2013",
    "model=nope&initiator=government",
    "year_from=2015&year_to=2017",
]


@pytest.mark.parametrize("query", QUERIES)
def test_one_pass_counts_what_each_facet_counted_alone_counts(query):
    build_catalogue(40)
    filterset = CaseFilterSet(QueryDict(query), queryset=Initiative.objects.published())
    assert filterset.is_valid()
    data = filterset.form.cleaned_data
    for group in list_facets(filterset):
        facet = FACETS[group.name]
        alone = facet.counted_options(
            filterset.queryset_without(group.name), list(data.get(group.name) or ())
        )
        assert [(o.value, o.count) for o in group.options] == [(o.value, o.count) for o in alone], (
            query,
            group.name,
        )
    assert list_counts(filterset).get(facet_keys.ALL, 0) == filterset.qs.count()


SEARCHES = ["panstwo", "open", "open panstwo", "reopen", "epanstwo.pl", "pan", "nothing"]


@pytest.mark.parametrize("text", SEARCHES)
def test_a_search_counted_in_two_branches_counts_what_the_whole_search_finds(text):
    """Counting reads a search as cases found through the vectors alone, united with
    cases where a word is inside the search text (cases.search.branch)."""
    InitiativeFactory(title="ePaństwo monitor", collaboration="indirect")  # inside a word
    InitiativeFactory(title="Budgets", description="Państwowe dane.")  # the vector only
    InitiativeFactory(title="Open budgets", description="Dane państwowe.", countries=["LV"])
    InitiativeFactory(title="Reopen ePaństwo", initiator_kind="government")  # both inside
    InitiativeFactory(title="epanstwo.pl portal")
    InitiativeFactory(title="Unrelated")
    found = Initiative.objects.published().search(text)
    expected = {}
    for case in found:
        for key in keys_of(case) | {facet_keys.ALL}:
            expected[key] = expected.get(key, 0) + 1
    with CaptureQueriesContext(connection) as queries:
        counted = dict(facet_keys.counted(found))
    assert counted == expected
    if facet_keys.ALL in expected and len(search.fold(text)) >= search.MIN_INSIDE_WORD:
        assert any(" UNION " in query["sql"] for query in queries)


@pytest.mark.parametrize("text", SEARCHES)
def test_the_two_branches_of_a_search_never_hold_the_same_case(text):
    """So that counting can add them up (UNION ALL) without de-duplicating."""
    InitiativeFactory(title="ePaństwo monitor")  # inside a word only
    InitiativeFactory(title="Budgets", description="Państwowe dane.")  # the vector only
    InitiativeFactory(title="Open budgets, reopened", description="Dane państwowe.")  # both
    InitiativeFactory(title="epanstwo.pl portal")
    published = Initiative.objects.published()
    condition = search.match(text)
    found = {}
    for part in (search.VECTORS, search.TEXTS):
        with search.branch(part):
            found[part] = set(published.filter(condition).values_list("pk", flat=True))
    whole = set(published.filter(condition).values_list("pk", flat=True))
    assert not found[search.VECTORS] & found[search.TEXTS]
    assert found[search.VECTORS] | found[search.TEXTS] == whole


def test_a_filter_on_keys_lists_what_a_filter_on_columns_lists():
    build_catalogue(30)
    published = Initiative.objects.published()
    for name, values in itertools.product(
        ["model", "theme", "country", "initiator"], [["lab"], ["money", "votes"], ["LV"]]
    ):
        keyed = FACETS[name].make_filter()
        if keyed.keys_for(values) is None:
            continue
        by_keys = set(keyed.filter(published, values).values_list("pk", flat=True))
        by_columns = set(keyed.filter_columns(published, values).values_list("pk", flat=True))
        assert by_keys == by_columns, (name, values)


@pytest.mark.parametrize("query", ["", "q=case&country=RO", "collaboration=direct&year_from=2012"])
def test_pairs_of_keys_count_what_grouping_by_both_columns_counts(query):
    build_catalogue(40)
    filterset = CaseFilterSet(QueryDict(query), queryset=Initiative.objects.published())
    assert filterset.is_valid()
    for names in [("model", "initiator"), ("motivation", "collaboration")]:
        base = filterset.queryset_without(*names)
        grouped = count_by(base, *(FACETS[name].column for name in names))
        assert FACETS.cross_counts(base, *names) == grouped, (query, names)


def stored_lesson_totals():
    with connection.cursor() as cursor:
        cursor.execute("SELECT key, lessons FROM cases_lesson_total WHERE lessons <> 0")
        return dict(cursor.fetchall())


def recounted_lesson_totals():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT key, count(*) FROM cases_lesson l JOIN cases_initiative c"
            " ON c.id = l.initiative_id, unnest(l.facet_keys) AS key"
            " WHERE c.state = 'published' GROUP BY key"
        )
        return dict(cursor.fetchall())


def test_lessons_hold_their_kind_their_cases_keys_and_the_model_they_are_about():
    tagged, other = CollaborationModelFactory(), CollaborationModelFactory()
    case = InitiativeFactory(models=[tagged, other])
    about_one = LessonFactory(initiative=case, collaboration_model=tagged)
    untagged = LessonFactory(initiative=case, collaboration_model=None)

    def lesson_keys(lesson):
        with connection.cursor() as cursor:
            cursor.execute("SELECT facet_keys FROM cases_lesson WHERE id = %s", [lesson.pk])
            return set(cursor.fetchone()[0])

    assert {f"model:{tagged.pk}", "initiator:civic", "*"} <= lesson_keys(about_one)
    assert f"model:{other.pk}" not in lesson_keys(about_one)
    assert {f"model:{tagged.pk}", f"model:{other.pk}"} <= lesson_keys(untagged)


def test_lesson_totals_follow_their_cases_and_themselves():
    build_catalogue(30)
    Initiative.objects.filter(slug__in=["case-1", "case-2"]).update(state=State.DRAFT)
    Initiative.objects.filter(slug="case-3").update(initiator_kind="government")
    first = Lesson.objects.filter(initiative__slug="case-4").first()
    first.collaboration_model = None
    first.save()
    Lesson.objects.filter(initiative__slug="case-5").delete()
    Initiative.objects.get(slug="case-6").themes.clear()
    assert stored_lesson_totals() == recounted_lesson_totals()


@pytest.mark.parametrize(
    "query", ["", "model=lab", "initiator=government&kind=lesson", "theme=money&model=scaling"]
)
def test_each_lesson_option_counts_the_list_it_leads_to(query):
    build_catalogue(24)
    data = QueryDict(query)
    filterset = LessonFilterSet(data, queryset=Lesson.objects.published())
    assert filterset.is_valid()
    for group in lesson_facets(filterset):
        for option in group.options:
            chosen = data.copy()
            chosen.setlist(group.name, [option.value])
            leads_to = LessonFilterSet(chosen, queryset=Lesson.objects.published())
            assert leads_to.is_valid()
            assert option.count == leads_to.qs.count(), (query, group.name, option.value)
